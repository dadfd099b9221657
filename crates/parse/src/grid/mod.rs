//! A report read from its pages' cells: a PDF whose pages are ruled tables,
//! read by position (`zaitaku_pdf::read_layout`), gives each page as a
//! [`CellPage`]; this stage assembles the [`Report`](crate::model::Report) from them with the
//! family readers of [`crate::pages`] (`summary_cells`, `question_cells`,
//! `answer_cells`, `association_cells`, `window_cells`), and what the pages
//! print outside their tables (edition, n, legend, footnotes, titles) from
//! the text the cells are rendered to ([`Rendered`]), which is the text
//! every span points into (`zaitaku extract` writes it).
//!
//! What a text cannot decide and the geometry does is marked so: an
//! association's year cell [`Resolution::Position`](crate::model::Resolution::Position), a window's target
//! columns (`targets_by_position`), a merged name cell
//! ([`NameSource::Position`](crate::model::windows::NameSource::Position)). Everything is then checked as any text's
//! build is.

mod answers;
mod assemble;
mod associations;
mod summary;
mod windows;

use crate::cells::{Cell, CellPage};
use crate::span::{saturating_u32, Span};

pub use assemble::{parse, Grid};

/// The cells rendered as the text of a ruled PDF (each page's
/// [`CellPage::text`], a form feed between pages), and where each table
/// row and cell is printed in it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The text.
    pub text: String,
    pages: Vec<PageAt>,
}

/// Where a page's table rows are in the rendered text.
#[derive(Debug, Clone, Default)]
struct PageAt {
    /// The page number.
    page: u32,
    /// The input line of each table row.
    rows: Vec<u32>,
    /// Per table row, where each cell starting in it begins (column, character column).
    cells: Vec<Vec<(usize, u32)>>,
    /// Characters before the first table row's text on its line (form feeds).
    lead: u32,
    /// Per cell (row, column), where each of its lines is printed (input
    /// line and column) where they are printed apart (a spaced text); empty
    /// where a cell prints on its row's line.
    lines: Vec<crate::spaced::CellLines>,
}

/// Renders `pages` as the text a ruled PDF reads as.
pub fn render(pages: &[CellPage]) -> Rendered {
    let mut text = String::new();
    let mut at = Vec::with_capacity(pages.len());
    let mut line: u32 = 1;
    let mut feeds: u32 = 0;
    for (k, page) in pages.iter().enumerate() {
        if k > 0 {
            text.push('\x0c');
            feeds = feeds.saturating_add(1);
        }
        let mut cells = Vec::new();
        let first_row = line.saturating_add(saturating_u32(page.above.len()));
        let rows = (0..page.rows())
            .map(|r| first_row.saturating_add(saturating_u32(r)))
            .collect();
        let lead = if page.above.is_empty() { feeds } else { 0 };
        for l in &page.above {
            text.push_str(l);
            text.push('\n');
        }
        for row in 0..page.rows() {
            let (l, c) = page.row_text(row);
            text.push_str(&l);
            text.push('\n');
            cells.push(c);
        }
        for l in &page.below {
            text.push_str(l);
            text.push('\n');
        }
        let lines = page.above.len() + page.rows() + page.below.len();
        if lines > 0 {
            feeds = 0;
        }
        line = line.saturating_add(saturating_u32(lines));
        at.push(PageAt {
            page: page.page,
            rows,
            cells,
            lead,
            lines: Vec::new(),
        });
    }
    Rendered { text, pages: at }
}

impl Rendered {
    /// A text read as it is (a spaced text, [`crate::spaced`]): per page,
    /// its number, the input line of each table row, and per row each cell
    /// starting in it with its input character column.
    pub fn positioned(text: String, pages: Vec<crate::spaced::SpacedPage>) -> Rendered {
        let pages = pages
            .into_iter()
            .map(|p| PageAt {
                page: p.page.page,
                rows: p.rows,
                cells: p.cells,
                lead: 0,
                lines: p.lines,
            })
            .collect();
        Rendered { text, pages }
    }

    /// Where table row `row` of the `k`th page is printed.
    pub fn row(&self, k: usize, row: usize) -> Span {
        let Some(p) = self.pages.get(k) else {
            return Span::line(1, 1);
        };
        let line = (p.rows.get(row).copied())
            .or_else(|| p.rows.last().map(|l| l.saturating_add(1)))
            .unwrap_or(1);
        Span::line(p.page, line)
    }

    /// Where character `char` of `cell`'s text ([`Cell::text`]) is
    /// printed, `cell` starting at `row`, `col` of the `k`th page: on the
    /// line of its own it is printed on, or on its row's line.
    pub fn cell_char(&self, k: usize, row: usize, col: usize, cell: &Cell, char: usize) -> Span {
        let start = self.cell(k, row, col);
        let lines = (self.pages.get(k).into_iter())
            .flat_map(|p| &p.lines)
            .find(|(at, _)| *at == (row, col))
            .map(|(_, l)| l);
        let Some(lines) = lines else {
            return start.at_column(start.column.saturating_add(saturating_u32(char)));
        };
        let starts = cell.line_starts();
        let li = starts.iter().rposition(|&s| s <= char).unwrap_or(0);
        let within = char.saturating_sub(starts.get(li).copied().unwrap_or(0));
        match lines.get(li) {
            Some(&(line, column)) => Span::line(start.page, line)
                .at_column(column.saturating_add(saturating_u32(within))),
            None => start,
        }
    }

    /// Where the cell starting at `row`, `col` of the `k`th page is
    /// printed (its row's line where no cell starts there).
    pub fn cell(&self, k: usize, row: usize, col: usize) -> Span {
        let span = self.row(k, row);
        let Some(p) = self.pages.get(k) else {
            return span;
        };
        let lead = if row == 0 { p.lead } else { 0 };
        (p.cells.get(row).into_iter().flatten())
            .find(|(c, _)| *c == col)
            .map_or(span, |(_, column)| {
                span.at_column(column.saturating_add(lead))
            })
    }
}
