//! Pages 3–4 from their cells: each page of the layout found by its title,
//! its rows read by its legend.

use super::assemble::missing;
use super::Rendered;
use crate::cells::CellPage;
use crate::error::ParseError;
use crate::matchers::Matchers;
use crate::model::AnswerPage;
use crate::pages::answer_cells;
use crate::text::{first_line_where, Page};

/// Pages 3–4: each page of the layout found by its title, read by its legend.
pub(super) fn answers(
    m: &Matchers,
    pages: &[CellPage],
    r: &Rendered,
    text_pages: &[Page<'_>],
    errors: &mut Vec<ParseError>,
) -> Vec<AnswerPage> {
    let mut out = Vec::new();
    for page_spec in m.answer_pages() {
        let (spec, title) = (page_spec.spec, &page_spec.title);
        let found = first_line_where(text_pages, |t| title.is_match(t));
        let Some((text_page, title_line)) = found else {
            errors.push(missing(
                pages,
                r,
                format!("a per-municipality page titled like «{}»", spec.shown()),
            ));
            continue;
        };
        let Some(legend) = crate::pages::answers::legend(m, text_page, errors) else {
            continue;
        };
        let Some(k) = pages.iter().position(|p| p.page == text_page.no) else {
            continue;
        };
        let Some(page) = pages.get(k) else { continue };
        let at = |row: usize, col: usize, char: usize| match page.at(row, col) {
            Some(cell) => r.cell_char(k, row, col, cell, char),
            None => r.cell(k, row, col),
        };
        let Some(rows) = answer_cells::read(m, page, spec, &legend, at) else {
            errors.push(ParseError::new(
                text_page.span(title_line),
                format!(
                    "a row per municipality, a cell in each of the {} columns, marks of the legend ({})",
                    spec.columns.len(),
                    legend.marks()
                ),
                "a row that does not read so",
            ));
            continue;
        };
        out.push(AnswerPage {
            page: text_page.no,
            items: spec.items(),
            title_span: text_page.span(title_line),
            legend,
            islands_excluded: (text_page.lines.iter())
                .find(|l| m.islands_excluded.is_match(l.text))
                .map(|l| text_page.span(l.no)),
            rows,
        });
    }
    out
}
