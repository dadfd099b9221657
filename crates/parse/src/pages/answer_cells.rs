//! Pages 3–4 read from their cells ([`crate::cells`]): a row per surveyed
//! municipality, its number and name, a cell per column of the page's
//! [`AnswerPageSpec`] (a mark read by the page's legend, or option text
//! matched against the question's vocabulary, as [`choices`] reads it), and
//! its name again. Each cell is the one the ruled table puts in that
//! column, whatever order a reader meets them in. Builds do not use it yet
//! (ARCHITECTURE.md, «Reading the grid»).

use crate::cells::CellPage;
use crate::layout::AnswerPageSpec;
use crate::matchers::Matchers;
use crate::model::{AnswerCell, AnswerRow, AnswerValue, Legend, Span};
use crate::vocab::choices;

/// The municipality rows of `page` under `spec`'s columns, marks read by
/// `legend`: a row is one whose first cell is a number and whose cells fill
/// every column; rows that do not (heads) are not read. `None` where a
/// row's mark is no mark of the legend. `at` gives where the cell at a
/// row and column is printed.
pub fn read(
    m: &Matchers,
    page: &CellPage,
    spec: &AnswerPageSpec,
    legend: &Legend,
    at: impl Fn(usize, usize, usize) -> Span,
) -> Option<Vec<AnswerRow>> {
    let mut out = Vec::new();
    for row in 0..page.rows() {
        let text = |col: usize| page.at(row, col).map(|c| c.text());
        let Some(no) = text(0).and_then(|t| t.trim().parse::<u32>().ok()) else {
            continue;
        };
        // The name as the reference list spells it (a distributed cell: 「港 区」).
        let name = page.at(row, 1)?.head();
        let span = at(row, 0, 0);
        let mut cells = Vec::with_capacity(spec.columns.len());
        for (k, column) in spec.columns.iter().enumerate() {
            let whole = text(2 + k)?;
            let printed = whole.trim().to_string();
            let place = |char: usize| at(row, 2 + k, char);
            let start = place(0).column;
            let value = match column.options {
                None => {
                    let mut chars = printed.chars();
                    let (Some(c), None) = (chars.next(), chars.next()) else {
                        return None;
                    };
                    AnswerValue::Mark {
                        printed: c,
                        status: legend.status(c)?,
                    }
                }
                Some(options) => AnswerValue::Options(choices(m, options, &whole, |byte| {
                    let before = whole.get(..byte).map_or(0, |b| b.chars().count());
                    let p = place(before);
                    ((p.line != span.line).then_some(p.line), p.column)
                })),
            };
            cells.push(AnswerCell {
                column,
                printed,
                value,
                at_column: start,
                pinned: None,
            });
        }
        out.push(AnswerRow {
            no,
            name,
            span,
            cells,
        });
    }
    Some(out)
}
