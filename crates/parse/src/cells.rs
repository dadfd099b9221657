//! A page as the cells of its ruled table: each cell's row, column, spans
//! and text, and the page's text outside the table. A PDF gives it by
//! position (`zaitaku_pdf::read_layout`); the page parsers that read cells
//! start here (ARCHITECTURE.md, «Reading the grid»).

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

    /// The cell covering `row` in column `col`: one starting there, or a
    /// merged one from a row above.
    pub fn covering(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.col == col && c.row <= row && row < c.row + c.rowspan)
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

    /// The page as `zaitaku extract --layout` prints it: the lines above
    /// its table, then a table row per line, its cells apart (` | `; a
    /// cell's lines joined by a space; `^` where a merged cell from a row
    /// above covers the column), then the lines below.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.above {
            out.push_str(line);
            out.push('\n');
        }
        for row in 0..self.rows() {
            let mut cells: Vec<(usize, String)> = (self.cells.iter())
                .filter(|c| c.row <= row && row < c.row + c.rowspan)
                .map(|c| {
                    (
                        c.col,
                        if c.row == row {
                            c.lines.join(" ")
                        } else {
                            "^".into()
                        },
                    )
                })
                .collect();
            cells.sort_by_key(|(col, _)| *col);
            let texts: Vec<String> = cells.into_iter().map(|(_, t)| t).collect();
            out.push_str(&texts.join(" | "));
            out.push('\n');
        }
        for line in &self.below {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_prints_a_table_row_per_line_and_merged_cells_as_carets() {
        let cell = |row, col, rowspan, text: &str| Cell {
            row,
            col,
            rowspan,
            colspan: 1,
            lines: text.split('/').map(str::to_string).collect(),
        };
        let page = CellPage {
            page: 7,
            cells: vec![
                cell(0, 0, 2, "1"),
                cell(0, 1, 1, "相談セ/ンター"),
                cell(1, 1, 1, "窓口"),
            ],
            above: vec!["一覧".into()],
            below: vec!["※".into()],
        };
        assert_eq!(page.text(), "一覧\n1 | 相談セ ンター\n^ | 窓口\n※\n");
    }
}
