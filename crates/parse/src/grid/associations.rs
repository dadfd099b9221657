//! Pages 5–6 from their cells: each association × year cell decided by
//! the column its 〇 sits in (`Resolution::Position`), the footnotes and the
//! printed count from the page's text outside its table.

use super::assemble::missing;
use super::Rendered;
use crate::cells::CellPage;
use crate::error::ParseError;
use crate::layout::Era;
use crate::matchers::Matchers;
use crate::model::{
    AssociationRow, AssociationTable, Footnote, Participation, PrintedAssociationTable, Resolution,
    Span, YearColumn,
};
use crate::pages::association_cells;
use crate::pages::associations::TotalsBasis;
use crate::text::{first_line_where, Page};

/// Pages 5–6: each program's page found by its title; every cell decided
/// by position (a row marked in every year or none keeps that rule, which
/// its text decides too).
pub(super) fn associations(
    m: &Matchers,
    pages: &[CellPage],
    r: &Rendered,
    text_pages: &[Page<'_>],
    era: Option<Era>,
    errors: &mut Vec<ParseError>,
) -> Vec<AssociationTable> {
    let mut out = Vec::new();
    let Some(era) = era else { return out };
    for (program, title) in m.programs() {
        let program = *program;
        let found = first_line_where(text_pages, |t| title.holds_literal(t));
        let Some((text_page, title_line)) = found else {
            errors.push(missing(
                pages,
                r,
                format!(
                    "the page of 「{}」 (medical associations by fiscal year)",
                    program.title()
                ),
            ));
            continue;
        };
        let k = pages.iter().position(|p| p.page == text_page.no);
        let table = k.and_then(|k| Some((k, association_cells::read(pages.get(k)?, era)?)));
        let Some((k, t)) = table else {
            errors.push(ParseError::new(
                text_page.span(title_line),
                "a table headed 「医師会名」 and the fiscal years, a 〇 in each year an association took part",
                "no such table on the page",
            ));
            continue;
        };
        let Some((totals_row, totals_col)) =
            t.totals_at.filter(|_| t.totals.iter().all(Option::is_some))
        else {
            errors.push(ParseError::new(
                r.row(k, t.head),
                format!(
                    "a totals row 「計」 with {} numbers, one per year column",
                    t.fiscal_years.len()
                ),
                "none in the table",
            ));
            continue;
        };
        let notes = free_notes(m, text_page);
        let years = year_columns(m, &t, &notes, era);
        let (rows, cells) = rows_of(&t, r, k);
        let printed = PrintedAssociationTable {
            program,
            page: text_page.no,
            title_span: text_page.span(title_line),
            years,
            header_span: r.row(k, t.head),
            totals_span: r.cell(k, totals_row, totals_col),
            rows,
            printed_count: notes.printed_count,
            footnotes: notes.footnotes,
            shading_legend: notes.shading_legend,
        };
        out.push(AssociationTable {
            printed,
            pins: Vec::new(),
            cells,
            feasible: true,
            decided: true,
        });
    }
    out
}

/// The table's year columns, with what each total counts where the
/// footnote on the totals says (「H28年度までは実施地区数、H29年度は交付申請書提出地区数」).
fn year_columns(
    m: &Matchers,
    t: &association_cells::PositionedTable,
    notes: &FreeNotes,
    era: Era,
) -> Vec<YearColumn> {
    let basis = TotalsBasis::of(m, &notes.footnotes, Some(era));
    (t.era_years.iter().zip(&t.fiscal_years))
        .zip(t.year_notes.iter().zip(&t.totals))
        .map(|((&era_year, &fiscal_year), (notes, total))| YearColumn {
            era_year,
            fiscal_year,
            total: total.unwrap_or(0),
            notes: notes.clone(),
            basis: basis.of_year(era_year),
        })
        .collect()
}

/// The table's rows, each with its cells decided by position (a row
/// marked in every year or none keeps that rule). Groups: a name in the
/// right table not in brackets heads the bracketed names under it.
fn rows_of(
    t: &association_cells::PositionedTable,
    r: &Rendered,
    k: usize,
) -> (Vec<AssociationRow>, Vec<Vec<Participation>>) {
    let mut rows = Vec::with_capacity(t.rows.len());
    let mut cells = Vec::with_capacity(t.rows.len());
    let mut group: Option<String> = None;
    let left = t.rows.first().map(|row| row.col);
    for row in &t.rows {
        let member = row.printed.starts_with('（');
        if !member {
            group = (Some(row.col) != left).then(|| row.name.clone());
        }
        let marks = crate::span::saturating_u32(row.marked.iter().filter(|m| **m).count());
        let all = row.marked.iter().all(|m| *m);
        let none = !row.marked.iter().any(|m| *m);
        cells.push(
            (row.marked.iter())
                .map(|&marked| Participation {
                    participated: Some(marked),
                    resolution: if all {
                        Resolution::AllMarked
                    } else if none {
                        Resolution::NoneMarked
                    } else {
                        Resolution::Position
                    },
                })
                .collect(),
        );
        rows.push(AssociationRow {
            name: row.name.clone(),
            printed: row.printed.clone(),
            group: if member { group.clone() } else { None },
            marks,
            notes: row.notes.clone(),
            span: r.cell(k, row.row, row.col),
            cells_at: row.at.clone(),
        });
    }
    (rows, cells)
}

/// What an association page prints outside its table.
struct FreeNotes {
    footnotes: Vec<Footnote>,
    printed_count: Option<(u32, Span)>,
    shading_legend: Option<(String, Span)>,
}

/// The footnotes (「※1 H29年度は…」), the printed count (「３５地区医師会が実施」)
/// and the legend of a lost shading, from the page's lines outside its
/// table (a table row prints ` | ` between its cells).
fn free_notes(m: &Matchers, page: &Page<'_>) -> FreeNotes {
    let mut out = FreeNotes {
        footnotes: Vec::new(),
        printed_count: None,
        shading_legend: None,
    };
    for line in page.lines.iter().filter(|l| !l.text.contains(" | ")) {
        let span = page.span(line.no);
        if let Some(c) = m.printed_count.regex().captures(line.text) {
            if let (None, Ok(n)) = (&out.printed_count, c[1].parse()) {
                out.printed_count = Some((n, span));
            }
        }
        let mut words = line.text.split_whitespace();
        let (Some(first), rest) = (words.next(), words.collect::<Vec<_>>().join(" ")) else {
            continue;
        };
        let numbers = first.strip_prefix('※').map(|n| {
            n.split('、')
                .map(str::parse::<u32>)
                .collect::<Result<Vec<_>, _>>()
        });
        match numbers {
            Some(Ok(numbers)) if !rest.is_empty() && rest.parse::<u32>().is_err() => {
                let text = rest.split(" ※").next().unwrap_or(&rest).to_string();
                out.footnotes.push(Footnote {
                    numbers,
                    first_time_only: m.first_time_only.holds_literal(&text),
                    printed: format!("{first} {text}"),
                    text,
                    span,
                });
            }
            _ if m.shading_legend.is_match(first) => {
                out.shading_legend = Some((first.to_string(), span));
            }
            _ => {}
        }
    }
    out
}
