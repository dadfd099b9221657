//! Pages 5–6: which district medical associations (地区医師会) took part in a
//! Tokyo program in each fiscal year.
//!
//! Each line holds up to two table rows, the ku-area column on the left and
//! the Tama column on the right: 「日本橋 〇 〇 （あきる野市）」, 「港区 北多摩 〇 〇」.
//! A row is a name and the marks printed after it; the extractor dropped the
//! empty cells, so a row's marks no longer say which years they belong to
//! (the resolve stage, [`crate::resolve::associations`], decides what the totals can). Names in
//! brackets are the member areas of the group header above them (西多摩,
//! 北多摩). A line may open with a footnote (「※1 H29年度は…」) or with the
//! legend of a lost shading (「は、委託または補助事業の対象になっていない地区医師会」)
//! before its row. The year header (「医師会名 24 25 26 27 28」, partly glued:
//! 「2829 ※1 24 25 26 27医師会名 29 ※1」) gives the columns; the line ending in
//! as many numbers as there are columns gives the totals.

use crate::error::{ErrorKind, ParseError};
use crate::layout::{Era, Program};
use crate::layout::{ASSOCIATION_HEADER_WORD, ASSOCIATION_MARK, NOT_IN_A_NAME, TOTALS_LABEL};
use crate::matchers::Matchers;
use crate::model::{AssociationRow, Basis, Footnote, PrintedAssociationTable, Span, YearColumn};
use crate::text::{first_line_where, words_at, Columns, Line, Page};

/// Parses the page of each program found in the text. `era` is the
/// edition's era (the header's years are years of it).
pub fn parse(
    m: &Matchers,
    pages: &[Page<'_>],
    era: Option<Era>,
    errors: &mut Vec<ParseError>,
) -> Vec<PrintedAssociationTable> {
    let mut out = Vec::new();
    for (program, title) in m.programs() {
        let program = *program;
        let found = first_line_where(pages, |t| title.holds_literal(t));
        let Some((page, title_line)) = found else {
            let end = pages.last().map_or(Span::line(1, 1), |p| {
                p.span(p.lines.last().map_or(1, |l| l.no))
            });
            errors.push(ParseError::new(
                end,
                format!(
                    "the page of 「{}」 (medical associations by fiscal year)",
                    program.title()
                ),
                "no such page before the end of input",
            ));
            continue;
        };
        // Cells are decided by the resolve stage, after every page is read.
        if let Some(table) = page_table(m, page, program, title_line, era, errors) {
            out.push(table);
        }
    }
    out
}

fn at(page: &Page<'_>, line: &Line<'_>, columns: &mut Columns<'_>, byte: usize) -> Span {
    page.span(line.no).at_column(columns.at(byte))
}

/// The footnote numbers of a marker word: 「※1、2」 → [1, 2].
fn note_numbers(m: &Matchers, word: &str) -> Option<Vec<u32>> {
    let c = m.note_mark.regex().captures(word)?;
    c[1].split('、').map(|n| n.parse().ok()).collect()
}

/// A header year and the footnotes printed right after it.
type HeaderYear = (u32, Vec<u32>);

/// The year columns: the numbers standing alone on the header lines or glued
/// to 「医師会名」, which must run without a gap; and the footnotes printed
/// right after a year (「29 ※1」).
fn year_header(m: &Matchers, page: &Page<'_>) -> Option<(Vec<HeaderYear>, Span)> {
    let mut years: Vec<HeaderYear> = Vec::new();
    let mut span = None;
    for line in page
        .lines
        .iter()
        .filter(|l| m.association_header_word.holds_literal(l.text))
    {
        span.get_or_insert(page.span(line.no));
        let ws = words_at(line.text);
        for (k, (_, w)) in ws.iter().enumerate() {
            let number = w
                .strip_prefix(ASSOCIATION_HEADER_WORD)
                .or_else(|| w.strip_suffix(ASSOCIATION_HEADER_WORD))
                .unwrap_or(w);
            // A year is one or two digits; 「2829」 is two years glued, read from the others.
            let Ok(y) = number.parse::<u32>() else {
                continue;
            };
            if number.len() > 2 {
                continue;
            }
            let notes: Vec<u32> = ws
                .get(k + 1)
                .filter(|_| number == *w)
                .and_then(|(_, n)| note_numbers(m, n))
                .unwrap_or_default();
            match years.iter_mut().find(|(v, _)| *v == y) {
                Some((_, old)) => {
                    for n in notes {
                        if !old.contains(&n) {
                            old.push(n);
                        }
                    }
                }
                None => years.push((y, notes)),
            }
        }
    }
    years.sort();
    let consecutive = years
        .windows(2)
        .all(|w| matches!(w, [(a, _), (b, _)] if a.checked_add(1) == Some(*b)));
    (consecutive && !years.is_empty()).then_some((years, span?))
}

/// One program's page.
fn page_table(
    m: &Matchers,
    page: &Page<'_>,
    program: Program,
    title_line: u32,
    era: Option<Era>,
    errors: &mut Vec<ParseError>,
) -> Option<PrintedAssociationTable> {
    let Some((header, header_span)) = year_header(m, page) else {
        errors.push(ParseError::new(
            page.start(),
            format!(
                "a year header «{ASSOCIATION_HEADER_WORD} 24 25 …» whose years run without a gap"
            ),
            "none on the page",
        ));
        return None;
    };
    let (totals_line, tl, totals) = totals_of(m, page, header.len(), header_span, errors)?;
    let before = errors.len();
    let lines = page.lines.iter().take(totals_line + 1);
    let (rows, footnotes, shading_legend) = rows_of(m, page, lines, (tl.no, title_line), errors);
    if errors.len() > before {
        return None;
    }
    let years = year_columns(m, &footnotes, (header, header_span), totals, era, errors)?;
    let printed_count = page.lines.iter().find_map(|l| {
        m.printed_count
            .regex()
            .captures(l.text)
            .and_then(|c| c[1].parse().ok())
            .map(|n| (n, page.span(l.no)))
    });
    Some(PrintedAssociationTable {
        program,
        page: page.no,
        title_span: page.span(title_line),
        years,
        header_span,
        totals_span: page.span(tl.no),
        rows,
        printed_count,
        footnotes,
        shading_legend,
    })
}

/// The totals: the line (not a header line) ending in exactly `n`
/// numbers, its index among the page's lines, and the numbers.
fn totals_of<'p, 'a>(
    m: &Matchers,
    page: &'p Page<'a>,
    n: usize,
    header_span: Span,
    errors: &mut Vec<ParseError>,
) -> Option<(usize, &'p Line<'a>, Vec<u32>)> {
    let totals_line = page.lines.iter().position(|l| {
        let ws = words_at(l.text);
        let Some(before) = ws.len().checked_sub(n + 1) else {
            return false;
        };
        !m.association_header_word.holds_literal(l.text)
            && ws
                .iter()
                .skip(before + 1)
                .all(|(_, w)| w.parse::<u32>().is_ok())
            && ws
                .get(before)
                .is_some_and(|(_, w)| w.parse::<u32>().is_err())
    });
    let Some((totals_line, tl)) = totals_line.and_then(|k| Some((k, page.lines.get(k)?))) else {
        errors.push(ParseError::new(
            header_span,
            format!("a totals line ending in {n} numbers, one per year column"),
            "none on the page",
        ));
        return None;
    };
    let tws = words_at(tl.text);
    let totals: Vec<u32> = tws
        .iter()
        .skip(tws.len().saturating_sub(n))
        .filter_map(|(_, w)| w.parse().ok())
        .collect();
    Some((totals_line, tl, totals))
}

/// The association rows of the page's `lines` up to the totals line
/// (`totals_no`; a name before the title line, `title_line`, must be a
/// name), the footnotes and the shading legend among them.
#[allow(clippy::type_complexity)]
fn rows_of<'p, 'a: 'p>(
    m: &Matchers,
    page: &Page<'_>,
    lines: impl Iterator<Item = &'p Line<'a>>,
    (totals_no, title_line): (u32, u32),
    errors: &mut Vec<ParseError>,
) -> (Vec<AssociationRow>, Vec<Footnote>, Option<(String, Span)>) {
    let mut rows: Vec<AssociationRow> = Vec::new();
    let mut footnotes: Vec<Footnote> = Vec::new();
    let mut shading_legend = None;
    let mut group: Option<String> = None;
    for line in lines {
        let ws = words_at(line.text);
        let mut k = 0;
        // A footnote: its marker, then its text (not the totals' numbers:
        // pdftotext prints 「※3 24 45 49 48」 on a line of its own).
        let note_text = ws.get(1).filter(|(_, t)| t.parse::<u32>().is_err());
        if let Some(numbers) = ws
            .first()
            .and_then(|(_, w)| note_numbers(m, w))
            .filter(|_| note_text.is_some())
        {
            let text = ws.get(1).map_or("", |(_, t)| *t).to_string();
            // What the footnote prints: its marker and the text after it.
            let end = ws.get(1).or(ws.first()).map_or(0, |(s, t)| s + t.len());
            footnotes.push(Footnote {
                numbers,
                first_time_only: m.first_time_only.holds_literal(&text),
                text,
                printed: line.text.get(..end).unwrap_or(line.text).to_string(),
                span: page.span(line.no),
            });
            k = 2;
        } else if let Some((_, legend)) = ws.first().filter(|(_, w)| m.shading_legend.is_match(w)) {
            shading_legend = Some((legend.to_string(), page.span(line.no)));
            k = 1;
        }
        if line.no == totals_no {
            break;
        }
        let cells = ws.get(k..).unwrap_or_default();
        let on_line = LineCells {
            page,
            line,
            cells,
            title_line,
        };
        row_cells(m, &on_line, &mut rows, &mut group, errors);
    }
    (rows, footnotes, shading_legend)
}

/// One line's cells after its footnote or legend, if any.
struct LineCells<'l, 'a> {
    page: &'l Page<'a>,
    line: &'l Line<'a>,
    cells: &'l [(usize, &'a str)],
    title_line: u32,
}

/// The names, marks and footnote markers of a line: a name starts a row
/// (under `group`, the right column's name above it, where it is a
/// bracketed member); a mark or marker goes to the line's last row.
fn row_cells(
    m: &Matchers,
    on_line: &LineCells<'_, '_>,
    rows: &mut Vec<AssociationRow>,
    group: &mut Option<String>,
    errors: &mut Vec<ParseError>,
) {
    let LineCells {
        page,
        line,
        cells,
        title_line,
    } = *on_line;
    let names = cells
        .iter()
        .filter(|(_, w)| *w != ASSOCIATION_MARK && note_numbers(m, w).is_none())
        .count();
    let mut first = true;
    let mut columns = Columns::new(line);
    for &(byte, w) in cells {
        if w == ASSOCIATION_MARK {
            match rows.last_mut() {
                Some(r) if r.span.line == line.no => r.marks += 1,
                _ => errors.push(ParseError::new(
                    at(page, line, &mut columns, byte),
                    "a mark after an association's name",
                    w,
                )),
            }
            continue;
        }
        if let Some(numbers) = note_numbers(m, w) {
            match rows.last_mut() {
                Some(r) if r.span.line == line.no => r.notes.extend(numbers),
                _ => errors.push(ParseError::new(
                    at(page, line, &mut columns, byte),
                    "a footnote marker after an association's name",
                    w,
                )),
            }
            continue;
        }
        if w == TOTALS_LABEL {
            break;
        }
        if !is_name(w) {
            if line.no < title_line && !m.association_header_word.holds_literal(line.text) {
                errors.push(ParseError::new(
                    at(page, line, &mut columns, byte),
                    format!("an association's name (no digits or sentence punctuation) or {ASSOCIATION_MARK}"),
                    w,
                ));
            }
            break;
        }
        let member = w
            .strip_prefix('（')
            .and_then(|m| m.strip_suffix('）'))
            .map(str::to_string);
        // The first of two names on a line is the left (ku-area) column;
        // a member or the second name is the right column, where groups are.
        let right = member.is_some() || !first || names == 1;
        first = false;
        if right && member.is_none() {
            *group = Some(w.to_string());
        }
        rows.push(AssociationRow {
            name: member.clone().unwrap_or_else(|| w.to_string()),
            printed: w.to_string(),
            group: member.and(group.clone()),
            marks: 0,
            notes: Vec::new(),
            span: page.span(line.no),
            cells_at: Vec::new(),
        });
    }
}

/// The table's year columns from the `header` (its era years and
/// footnote numbers, printed at `header_span`) and `totals`, with what
/// each total counts where a footnote says (「H28年度までは実施地区数、
/// H29年度は交付申請書提出地区数」).
fn year_columns(
    m: &Matchers,
    footnotes: &[Footnote],
    (header, header_span): (Vec<(u32, Vec<u32>)>, Span),
    totals: Vec<u32>,
    era: Option<Era>,
    errors: &mut Vec<ParseError>,
) -> Option<Vec<YearColumn>> {
    let basis = TotalsBasis::of(m, footnotes, era);
    let mut years = Vec::with_capacity(header.len());
    for ((era_y, notes), total) in header.into_iter().zip(totals) {
        let Some(fiscal_year) = era.and_then(|e| e.gregorian(era_y)) else {
            let eras: Vec<&str> = Era::ALL.iter().map(|e| e.name()).collect();
            errors.push(ParseError::of(
                ErrorKind::Date,
                header_span,
                format!("header years of the edition's era ({})", eras.join(", ")),
                &format!("{}{era_y}", era.map_or("", |e| e.name())),
            ));
            return None;
        };
        years.push(YearColumn {
            era_year: era_y,
            fiscal_year,
            total,
            notes,
            basis: basis.of_year(era_y),
        });
    }
    Some(years)
}

/// What each year's total counts, as a footnote on the totals says
/// (「H28年度までは実施地区数、H29年度は交付申請書提出地区数」): the years up to
/// `implemented_to` count implemented areas, `applied_in` counts
/// applications submitted; each a year of the edition's era, by its
/// initial (「H28年度」). Read the same from a text's page and a ruled one's.
pub(crate) struct TotalsBasis {
    implemented_to: Option<u32>,
    applied_in: Option<u32>,
}

impl TotalsBasis {
    /// The basis the first of `footnotes` that states one gives (none
    /// where none does, or a year is not of `era`).
    pub(crate) fn of(m: &Matchers, footnotes: &[Footnote], era: Option<Era>) -> TotalsBasis {
        let said = (footnotes.iter()).find_map(|f| m.basis.regex().captures(&f.text));
        let era_year = |initial: &str, year: &str| -> Option<u32> {
            let era_ok = era.is_some_and(|e| initial.starts_with(e.initial()));
            era_ok.then(|| year.parse().ok()).flatten()
        };
        match said {
            Some(c) => TotalsBasis {
                implemented_to: era_year(&c[1], &c[2]),
                applied_in: era_year(&c[3], &c[4]),
            },
            None => TotalsBasis {
                implemented_to: None,
                applied_in: None,
            },
        }
    }

    /// What the total of `era_year` counts (none where the footnote does
    /// not say).
    pub(crate) fn of_year(&self, era_year: u32) -> Option<Basis> {
        if self.implemented_to.is_some_and(|y| era_year <= y) {
            Some(Basis::ImplementedAreas)
        } else if self.applied_in == Some(era_year) {
            Some(Basis::ApplicationsSubmitted)
        } else {
            None
        }
    }
}

/// A name of the association column: no digits, no sentence punctuation.
fn is_name(w: &str) -> bool {
    !w.is_empty()
        && w.chars().count() <= 20
        && !w
            .chars()
            .any(|c| c.is_ascii_digit() || NOT_IN_A_NAME.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canon::test_pages as pages;

    /// Page 5 of the seed, shortened: rows, footnotes, totals, header, title.
    const PAGE: &str = "千代田区 ○ 西多摩 ○\n\n神田 （福生市）\n中央区 ○ （青梅市）\n港区 北多摩 ○ ○\n日本橋 ○ ○ 東大\n練馬区 ※1 日大\n\nは、委託または補助事業の対象になっていない地区医師会 東邦大\n※1 H29年度は未実施地区を対象として実施 都立病院\n※2 H28年度までは実施地区数、H29年度は交付申請書提出地区数 2 1 2 2\n\n35地区医師会が実施 ※2\n\n2829 ※1 26 27医師会名 29 ※1\n\n在宅医等相互支援体制構築事業(24時間診療体制確保事業）\n\n医師会名 26 27 28\n";

    fn table() -> PrintedAssociationTable {
        let ps = pages(PAGE);
        let mut errors = Vec::new();
        let program = Program::RoundTheClockCare;
        let title = ps[0]
            .lines
            .iter()
            .find(|l| l.text.contains(program.title()))
            .unwrap()
            .no;
        let t = page_table(
            &Matchers::default(),
            &ps[0],
            program,
            title,
            Some(Era::Heisei),
            &mut errors,
        )
        .unwrap();
        assert_eq!(errors, []);
        t
    }

    #[test]
    fn a_totals_line_broken_after_its_label_adds_no_association() {
        // pdftotext breaks 「…提出地区数 計　※3 24 45 49 48」 where U+3000 stands.
        let broken = PAGE.replace(
            "※2 H28年度までは実施地区数、H29年度は交付申請書提出地区数 2 1 2 2",
            "※2 H28年度までは実施地区数、H29年度は交付申請書提出地区数 計\n※2 2 1 2 2",
        );
        let ps = pages(&broken);
        let mut errors = Vec::new();
        let title = ps[0]
            .lines
            .iter()
            .find(|l| l.text.contains(Program::RoundTheClockCare.title()))
            .unwrap()
            .no;
        let t = page_table(
            &Matchers::default(),
            &ps[0],
            Program::RoundTheClockCare,
            title,
            Some(Era::Heisei),
            &mut errors,
        )
        .expect("the table reads");
        assert!(errors.is_empty(), "{errors:?}");
        assert!(t.rows.iter().all(|r| r.name != TOTALS_LABEL));
        assert_eq!(
            t.years.iter().map(|y| y.total).collect::<Vec<_>>(),
            [2, 1, 2, 2]
        );
        assert!(t.footnotes.iter().all(|f| f.text.parse::<u32>().is_err()));
    }

    #[test]
    fn years_come_from_the_glued_header() {
        let t = table();
        let years: Vec<(u32, i32, u32)> = t
            .years
            .iter()
            .map(|y| (y.era_year, y.fiscal_year, y.total))
            .collect();
        assert_eq!(
            years,
            [(26, 2014, 2), (27, 2015, 1), (28, 2016, 2), (29, 2017, 2)]
        );
        assert_eq!(t.years[3].notes, [1], "「29 ※1」");
        assert_eq!(t.years[2].basis, Some(Basis::ImplementedAreas));
        assert_eq!(t.years[3].basis, Some(Basis::ApplicationsSubmitted));
        assert_eq!(t.printed_count.map(|c| c.0), Some(35));
    }

    #[test]
    fn rows_take_the_marks_after_their_name_and_members_their_group() {
        let t = table();
        let got: Vec<(&str, Option<&str>, u32)> = t
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.group.as_deref(), r.marks))
            .collect();
        assert_eq!(
            got,
            [
                ("千代田区", None, 1),
                ("西多摩", None, 1),
                ("神田", None, 0),
                ("福生市", Some("西多摩"), 0),
                ("中央区", None, 1),
                ("青梅市", Some("西多摩"), 0),
                ("港区", None, 0),
                ("北多摩", None, 2),
                ("日本橋", None, 2),
                ("東大", None, 0),
                ("練馬区", None, 0),
                ("日大", None, 0),
                ("東邦大", None, 0),
                ("都立病院", None, 0),
            ]
        );
        assert_eq!(t.rows[10].notes, [1]);
        assert!(t.shading_legend.is_some());
        assert_eq!(t.footnotes.len(), 2);
    }
}
