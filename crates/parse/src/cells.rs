//! A page as the cells of its ruled table: each cell's row, column, spans
//! and text, and the page's text outside the table. A PDF gives it by
//! position (`zaitaku_pdf::layout`, converted by the pipeline); the page
//! parsers that read cells start here (ARCHITECTURE.md, «Reading the grid»).

/// One cell: where it is in the table's grid and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Its row, from 0 (the table's first ruled row).
    pub row: usize,
    /// Its column, from 0.
    pub col: usize,
    /// Rows it spans (a merged cell spans several).
    pub rowspan: usize,
    /// Columns it spans.
    pub colspan: usize,
    /// Its text, a string per printed line.
    pub lines: Vec<String>,
}

impl Cell {
    /// Its text, its lines joined (a cell's text wraps inside it).
    pub fn text(&self) -> String {
        self.lines.concat()
    }
}

/// A page's table as cells, and its text outside the table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CellPage {
    /// The page, from 1.
    pub page: u32,
    /// The cells, row by row, left to right.
    pub cells: Vec<Cell>,
    /// Lines of text above the table.
    pub above: Vec<String>,
    /// Lines of text below the table.
    pub below: Vec<String>,
}

impl CellPage {
    /// The cell that starts at `row`, `col`.
    pub fn at(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| c.row == row && c.col == col)
    }

    /// The cells that start in `row`, left to right.
    pub fn row(&self, row: usize) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(move |c| c.row == row)
    }

    /// Rows of the table.
    pub fn rows(&self) -> usize {
        self.cells
            .iter()
            .map(|c| c.row + c.rowspan)
            .max()
            .unwrap_or(0)
    }
}
