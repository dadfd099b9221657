//! A PDF's pages read by position ([`zaitaku_pdf::layout`]) as the parse
//! crate's cell pages ([`zaitaku_parse::cells`]), which the page parsers
//! that read cells take.

use zaitaku_parse::cells::{Cell, CellPage};
use zaitaku_pdf::layout::LayoutPage;

/// Each page of a PDF read by position, as a cell page (pages from 1).
pub fn from_layout(pages: &[LayoutPage]) -> Vec<CellPage> {
    (1u32..)
        .zip(pages)
        .map(|(page, p)| CellPage {
            page,
            cells: (p.cells.iter())
                .map(|c| Cell {
                    row: c.row,
                    col: c.col,
                    rowspan: c.rowspan,
                    colspan: c.colspan,
                    lines: c.lines.clone(),
                })
                .collect(),
            above: p.above.clone(),
            below: p.below.clone(),
        })
        .collect()
}
