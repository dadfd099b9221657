//! Pages 3–4 (区市町村別): what each surveyed municipality answered, one row
//! per municipality, its cells in the columns of [`ANSWER_PAGES`].
//!
//! A row is printed on one line, its cells separated by spaces:
//! 「29 府中市 ◎ ◎ ◎ 毎年、実施している ◎ ◎ ◎ （検討中）在宅療養中の患者・利用者について
//! の急変時診療機関の確保・その他 ◎ 紙媒体の情報共有ツール・ICTを活用した情報共有ツール 府中市」.
//! Mark cells are one mark each; an option cell runs from its first word up
//! to the next mark, and is matched against its question's vocabulary
//! ([`choices`]). The marks are read with the legend the page prints, so a
//! copy that prints another mark for 「実施」 is read by its own legend.

use crate::error::{ErrorKind, ParseError};
use crate::layout::{AnswerColumn, AnswerPageSpec, Mark, Vocabulary};
use crate::layout::{LEGEND_LABELS_SHOWN, LEGEND_SHOWN};
use crate::matchers::Matchers;
use crate::model::{AnswerCell, AnswerPage, AnswerRow, AnswerValue, Legend, LegendEntry, Span};
use crate::pages::combinators::row_head;
use crate::text::{first_line_where, words_at, Columns, Line, Page};
use crate::vocab::choices;

/// Parses every per-municipality page of the layout.
pub fn parse(
    m: &Matchers,
    pages: &[Page<'_>],
    names: &[String],
    errors: &mut Vec<ParseError>,
) -> Vec<AnswerPage> {
    let mut out = Vec::new();
    for page_spec in m.answer_pages() {
        let (spec, title) = (page_spec.spec, &page_spec.title);
        // The title on one line, or, where no page prints it so, wrapped
        // onto the next (pdftotext breaks the line where U+3000 stands:
        // 「…区市町村別〔…〕」 / 「（オ）～（ク）」).
        let on_one_line = first_line_where(pages, |t| title.is_match(t));
        let found = on_one_line.or_else(|| {
            pages.iter().find_map(|p| {
                let printed: Vec<&Line<'_>> =
                    p.lines.iter().filter(|l| !l.text.is_empty()).collect();
                printed
                    .windows(2)
                    .find(|w| match w {
                        [l, n] => title.is_match(&format!("{} {}", l.text, n.text)),
                        _ => false,
                    })
                    .and_then(|w| w.first())
                    .map(|l| (p, l.no))
            })
        });
        let Some((page, title_line)) = found else {
            let last = pages.last();
            errors.push(ParseError::new(
                last.map_or_else(
                    || Span::line(1, 1),
                    |p| p.span(p.lines.last().map_or(1, |l| l.no)),
                ),
                format!("a per-municipality page titled like «{}»", spec.shown()),
                "no such page before the end of input",
            ));
            continue;
        };
        let Some(legend) = legend(m, page, errors) else {
            continue;
        };
        let rows = page
            .lines
            .iter()
            .filter_map(|l| match row(m, l, page, spec, &legend, names) {
                Ok(r) => r,
                Err(e) => {
                    errors.push(e);
                    None
                }
            })
            .collect();
        out.push(AnswerPage {
            page: page.no,
            items: spec.items(),
            title_span: page.span(title_line),
            legend,
            islands_excluded: page
                .lines
                .iter()
                .find(|l| m.islands_excluded.is_match(l.text))
                .map(|l| page.span(l.no)),
            rows,
        });
    }
    out
}

/// The legend: the first line of the page that pairs two or more labels with
/// a mark each. Every label must be one the layout knows, every mark one
/// character, no mark used twice, and 「実施」 and 「年度中に実施予定」 (the marks
/// the published counts add up) must be there.
pub(crate) fn legend(
    m: &Matchers,
    page: &Page<'_>,
    errors: &mut Vec<ParseError>,
) -> Option<Legend> {
    let pair = m.legend_pair.regex();
    let line = page
        .lines
        .iter()
        .find(|l| pair.captures_iter(l.text).count() >= 2);
    let Some(line) = line else {
        errors.push(ParseError::new(
            page.start(),
            format!("the mark legend {LEGEND_SHOWN}"),
            "no line pairing labels with marks on the page",
        ));
        return None;
    };
    let at = |byte: usize| crate::model::Span {
        column: line.column(byte.min(line.text.len())),
        ..page.span(line.no)
    };
    // A legend wrapped onto the next line (a PDF's line, read by position:
    // 「…（(ク）のみ）につ」 / 「いては「×」…」) reads with it.
    let next = (page.lines.iter())
        .skip_while(|l| l.no <= line.no)
        .find(|l| !l.text.is_empty());
    let joined = next.map(|n| format!("{}{}", line.text, n.text));
    let text = match &joined {
        Some(j) if pair.captures_iter(j).count() > pair.captures_iter(line.text).count() => j,
        _ => line.text,
    };
    let mut entries: Vec<LegendEntry> = Vec::new();
    let before = errors.len();
    for c in pair.captures_iter(text) {
        let (Some(label), Some(mark)) = (c.get(1).map(|m| m.as_str()), c.get(2)) else {
            continue;
        };
        let status = (m.legend_labels().iter())
            .find(|(_, pattern)| pattern.is_match(label))
            .map(|(mark, _)| *mark);
        let mut chars = mark.as_str().chars();
        let (Some(printed), None) = (chars.next(), chars.next()) else {
            errors.push(ParseError::new(
                at(mark.start()),
                "one mark character in the legend",
                mark.as_str(),
            ));
            continue;
        };
        let Some(status) = status else {
            errors.push(ParseError::of(
                ErrorKind::Vocabulary,
                at(c.get(1).map_or(0, |m| m.start())),
                format!("a legend label: {LEGEND_LABELS_SHOWN}"),
                label,
            ));
            continue;
        };
        if entries
            .iter()
            .any(|e| e.printed == printed || e.status == status)
            || printed == Mark::NotApplicable.usual()
        {
            errors.push(ParseError::new(
                at(mark.start()),
                "each status and each mark once in the legend",
                &format!("「{label}」は「{printed}」 again"),
            ));
            continue;
        }
        entries.push(LegendEntry {
            status,
            printed,
            label: label.to_string(),
        });
    }
    for needed in [Mark::Implemented, Mark::PlannedThisYear] {
        if !entries.iter().any(|e| e.status == needed) && errors.len() == before {
            errors.push(ParseError::new(
                at(0),
                format!("a legend entry for {}", needed.id()),
                line.text,
            ));
        }
    }
    (errors.len() == before).then(|| Legend {
        entries,
        span: page.span(line.no),
    })
}

/// A word of a row, the byte it starts at in the line and the character
/// column it starts at.
struct Word<'a> {
    text: &'a str,
    at: usize,
    column: u32,
}

fn words<'a>(line: &Line<'a>) -> Vec<Word<'a>> {
    let mut columns = Columns::new(line);
    words_at(line.text)
        .into_iter()
        .map(|(at, w)| Word {
            text: w,
            at,
            column: columns.at(at),
        })
        .collect()
}

/// The status of a word that is one mark of the legend.
fn mark_of(word: &str, legend: &Legend) -> Option<(char, Mark)> {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => legend.status(c).map(|m| (c, m)),
        _ => None,
    }
}

/// A municipality row, `Ok(None)` for a line that is not one. A line is a
/// row when it starts with a number and a municipality's name, or with a
/// number and a name that it repeats at its end.
fn row(
    m: &Matchers,
    line: &Line<'_>,
    page: &Page<'_>,
    spec: &AnswerPageSpec,
    legend: &Legend,
    names: &[String],
) -> Result<Option<AnswerRow>, ParseError> {
    let Ok((_, (no, name))) = row_head(line.text) else {
        return Ok(None);
    };
    let words = words(line);
    let known = names.iter().any(|n| n == name);
    let repeated = words.len() > 2 && words.last().is_some_and(|w| w.text == name);
    let last_column = words.last().map_or(1, |w| w.column);
    let at = |column: u32| crate::model::Span {
        column,
        ..page.span(line.no)
    };
    match (known, repeated) {
        (false, false) => return Ok(None),
        (false, true) => {
            return Err(ParseError::of(
                ErrorKind::Vocabulary,
                at(words.get(1).map_or(1, |w| w.column)),
                "a municipality of the reference list",
                name,
            ))
        }
        (true, false) => {
            return Err(ParseError::new(
                at(last_column),
                format!("the row to end with its name «{name}» repeated"),
                words.last().map_or("", |w| w.text),
            ));
        }
        (true, true) => {}
    }
    // The cells: between the number and name, and the name repeated.
    let body = words
        .get(2..words.len().saturating_sub(1))
        .unwrap_or_default();
    let mut next = 0;
    let mut cells = Vec::with_capacity(spec.columns.len());
    for (k, col) in spec.columns.iter().enumerate() {
        let Some(first) = body.get(next) else {
            return Err(ParseError::new(
                at(last_column),
                format!("a cell for {} before the name repeated", col.label()),
                "the name",
            ));
        };
        let is_last = k + 1 == spec.columns.len();
        let cell = match col.options {
            None => {
                next += 1;
                mark_cell(first, col, legend, at)?
            }
            Some(options) => {
                let found = OptionCell {
                    line,
                    body,
                    first,
                    is_last,
                };
                option_cell(m, &found, col, options, legend, &mut next, at)?
            }
        };
        cells.push(cell);
    }
    if let Some(extra) = body.get(next) {
        return Err(ParseError::new(
            at(extra.column),
            format!(
                "the name «{name}» repeated after {}",
                spec.columns.last().map_or(String::new(), |c| c.label())
            ),
            extra.text,
        ));
    }
    Ok(Some(AnswerRow {
        no,
        name: name.to_string(),
        span: page.span(line.no),
        cells,
    }))
}

/// A mark cell of column `col`, its word `first` read by the page's legend.
fn mark_cell(
    first: &Word<'_>,
    col: &'static AnswerColumn,
    legend: &Legend,
    at: impl Fn(u32) -> Span,
) -> Result<AnswerCell, ParseError> {
    let Some((printed, status)) = mark_of(first.text, legend) else {
        return Err(ParseError::of(
            ErrorKind::Vocabulary,
            at(first.column),
            format!(
                "a mark of the legend ({}) for {}",
                legend.marks(),
                col.label()
            ),
            first.text,
        ));
    };
    Ok(AnswerCell {
        column: col,
        printed: first.text.to_string(),
        value: AnswerValue::Mark { printed, status },
        at_column: first.column,
        pinned: None,
    })
}

/// Where an option cell of a row of pages 3–4 is read: the row's line,
/// the words between its number and name, the cell's first word, and
/// whether its column is the page's last.
struct OptionCell<'l, 'a> {
    line: &'l Line<'a>,
    body: &'l [Word<'a>],
    first: &'l Word<'a>,
    is_last: bool,
}

/// An option cell of column `col` (of `vocabulary`), from word
/// `next` of the row's body to the next mark (to the name, for the last
/// column); `next` moves past it.
fn option_cell(
    m: &Matchers,
    found: &OptionCell<'_, '_>,
    col: &'static AnswerColumn,
    vocabulary: Vocabulary,
    legend: &Legend,
    next: &mut usize,
    at: impl Fn(u32) -> Span,
) -> Result<AnswerCell, ParseError> {
    let OptionCell {
        line,
        body,
        first,
        is_last,
    } = *found;
    // 「-」 is an option cell's "nothing chosen"; any other mark here means
    // a cell went missing before it.
    if mark_of(first.text, legend).is_some_and(|(_, m)| m != Mark::NotApplicable) {
        return Err(ParseError::new(
            at(first.column),
            format!("the option text of {} (or «-»)", col.label()),
            first.text,
        ));
    }
    // The cell runs to the next mark (to the name, for the last column).
    let end = body
        .iter()
        .enumerate()
        .skip(*next + 1)
        .find(|(_, w)| !is_last && mark_of(w.text, legend).is_some())
        .map_or(body.len(), |(end, _)| end);
    let cell_words = body.get(*next..end).unwrap_or_default();
    let printed = cell_words
        .iter()
        .map(|w| w.text)
        .collect::<Vec<_>>()
        .join(" ");
    *next = end;
    // Byte `at` of the words joined by one space: its word's byte in the
    // line, so its input column.
    let column_of = |at: usize| {
        let mut start = 0;
        for w in cell_words {
            if at < start + w.text.len() + 1 {
                return line.column(w.at + (at - start).min(w.text.len()));
            }
            start += w.text.len() + 1;
        }
        first.column
    };
    Ok(AnswerCell {
        column: col,
        value: AnswerValue::Options(choices(m, vocabulary, &printed, |at| (None, column_of(at)))),
        printed,
        at_column: first.column,
        pinned: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canon::test_pages as pages;

    const LEGEND_LINE: &str = "○各区市町村の調査票回答にしたがって 「実施」 については「◎」、「29年度中に実施予定」については「○」、「平成30年4月1日実施予定及びその他（検討中・実施時期未定等）」は「△」、「実施予定なし」（(ク）のみ）については「×」及び実施（予定）内容についてはリストより選択された回答内容を標記。";

    fn page_of(text: &str) -> Page<'_> {
        pages(text).remove(0)
    }

    #[test]
    fn legend_of_the_real_text_maps_every_status() {
        let page = page_of(LEGEND_LINE);
        let mut errors = Vec::new();
        let legend = legend(&Matchers::default(), &page, &mut errors).unwrap();
        assert!(errors.is_empty());
        let got: Vec<(Mark, char)> = legend
            .entries
            .iter()
            .map(|e| (e.status, e.printed))
            .collect();
        assert_eq!(
            got,
            [
                (Mark::Implemented, '◎'),
                (Mark::PlannedThisYear, '○'),
                (Mark::PlannedLaterOrUndecided, '△'),
                (Mark::NotPlanned, '×'),
            ]
        );
        assert_eq!(legend.status('-'), Some(Mark::NotApplicable));
        assert_eq!(legend.status('●'), None);
    }

    #[test]
    fn a_legend_that_prints_another_mark_is_followed() {
        let text = LEGEND_LINE.replace("「◎」", "「●」");
        let page = page_of(&text);
        let legend = legend(&Matchers::default(), &page, &mut Vec::new()).unwrap();
        assert_eq!(legend.status('●'), Some(Mark::Implemented));
        assert_eq!(legend.status('◎'), None);
    }

    #[test]
    fn a_legend_giving_one_mark_two_meanings_is_an_error() {
        let text = LEGEND_LINE.replace("「○」", "「◎」");
        let page = page_of(&text);
        let mut errors = Vec::new();
        assert!(legend(&Matchers::default(), &page, &mut errors).is_none());
        assert!(errors[0].expected.contains("once"), "{:?}", errors[0]);
    }

    fn parse_row(text: &str) -> Result<Option<AnswerRow>, ParseError> {
        let full = format!("{LEGEND_LINE}\n{text}\n");
        let page = page_of(&full);
        let legend = legend(&Matchers::default(), &page, &mut Vec::new()).unwrap();
        let names: Vec<String> = crate::reference::municipalities()
            .iter()
            .map(|m| m.name.clone())
            .collect();
        row(
            &Matchers::default(),
            &page.lines[1],
            &page,
            &crate::layout::ANSWER_PAGES[0],
            &legend,
            &names,
        )
    }

    #[test]
    fn row_of_page_three_gives_ten_cells() {
        // Page 3, line 328.
        let r = parse_row("21 足立区 ○ ○ ○ - ◎ △ - - ◎ 紙媒体の情報共有ツール 足立区")
            .unwrap()
            .unwrap();
        assert_eq!((r.no, r.name.as_str()), (21, "足立区"));
        let printed: Vec<&str> = r.cells.iter().map(|c| c.printed.as_str()).collect();
        assert_eq!(
            printed,
            [
                "○",
                "○",
                "○",
                "-",
                "◎",
                "△",
                "-",
                "-",
                "◎",
                "紙媒体の情報共有ツール"
            ]
        );
        assert_eq!(
            r.cells[3].value,
            AnswerValue::Options(Vec::new()),
            "ア④ «-» chooses nothing"
        );
        assert_eq!(
            r.cells[6].value,
            AnswerValue::Mark {
                printed: '-',
                status: Mark::NotApplicable
            }
        );
    }

    #[test]
    fn row_with_a_missing_cell_is_an_error_at_the_name() {
        let e = parse_row("21 足立区 ○ ○ ○ - ◎ △ - ◎ 紙媒体の情報共有ツール 足立区").unwrap_err();
        assert!(e.expected.contains("ウ③"), "{e}");
    }

    #[test]
    fn mark_outside_the_legend_is_an_error_at_its_column() {
        let e = parse_row("21 足立区 ○ ● ○ - ◎ △ - - ◎ 紙媒体の情報共有ツール 足立区").unwrap_err();
        assert_eq!(e.position.column, 10);
        assert!(e.expected.contains("ア②"), "{e}");
    }

    #[test]
    fn row_not_ending_with_its_name_is_an_error() {
        let e = parse_row("21 足立区 ○ ○ ○ - ◎ △ - - ◎ 紙媒体の情報共有ツール").unwrap_err();
        assert!(e.expected.contains("足立区"), "{e}");
    }

    #[test]
    fn lines_that_are_not_rows_are_skipped() {
        assert_eq!(parse_row("① ② ③ ④ ① ① ② ③ ① ②").unwrap(), None);
        assert_eq!(parse_row("53 100.0% 53 100.0% 0.0%").unwrap(), None);
    }
}
