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
    /// Where its top-left corner is on its page, in whole points from the
    /// page's left and top edges (a PDF's cell; `None` where not known).
    pub origin: Option<(u32, u32)>,
}

impl Cell {
    /// Its text as a head or a name is compared with the layout's and the
    /// reference list's: white space dropped (distributed alignment spreads
    /// a head's characters over its cell: 「医 師 会 名」, 「2 9 年 度」).
    pub fn head(&self) -> String {
        self.text().chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// Whether it prints `head` on one or more of its lines one after the
    /// other, white space aside: a ruled head cell on all of them (「訪問看 /
    /// 護ステーション」), a spaced text's column of heads on some (「連絡先 /
    /// 電話番号」: the head over two columns starts in the first).
    pub fn prints(&self, head: &str) -> bool {
        self.runs().any(|run| run == head)
    }

    /// Whether it prints a head that starts with `start` and ends with
    /// `end` (as [`prints`](Self::prints) reads its lines).
    pub fn prints_between(&self, start: &str, end: &str) -> bool {
        self.runs()
            .any(|run| run.starts_with(start) && run.ends_with(end))
    }

    /// Every run of its lines one after the other, joined without white
    /// space: the heads it may print (see [`prints`](Self::prints)).
    pub fn runs(&self) -> impl Iterator<Item = String> + '_ {
        let squeezed: Vec<String> = (self.lines.iter())
            .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
            .collect();
        (0..squeezed.len()).flat_map(move |a| {
            let squeezed = squeezed.clone();
            (a + 1..=squeezed.len()).map(move |b| squeezed.get(a..b).unwrap_or_default().concat())
        })
    }

    /// Where each of its lines starts in [`text`](Self::text), in characters.
    pub fn line_starts(&self) -> Vec<usize> {
        let mut starts = Vec::with_capacity(self.lines.len());
        let mut out = String::new();
        for line in &self.lines {
            let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
            if word(out.chars().next_back()) && word(line.chars().next()) {
                out.push(' ');
            }
            starts.push(out.chars().count());
            out.push_str(line);
        }
        starts
    }

    /// Its text, its lines joined as one text: a wrap between two ASCII
    /// letters was a space (「Home / page」); any other wrap joins without
    /// one (the report's Japanese wraps anywhere, 「情報提 / 供」, and so does
    /// a long number).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
            if word(out.chars().next_back()) && word(line.chars().next()) {
                out.push(' ');
            }
            out.push_str(line);
        }
        out
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
    /// Cells (row, column) whose column the reading could not tell for
    /// certain: a spaced text's word pushed out of its column by a line
    /// too long for its cell ([`crate::spaced`]). A PDF's: none.
    pub unsure: Vec<(usize, usize)>,
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

    /// The row the cell covering `row` in column `col` starts in (`row`
    /// itself where none covers it): where a merged cell's text is printed.
    pub fn start_row(&self, row: usize, col: usize) -> usize {
        self.covering(row, col).map_or(row, |c| c.row)
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

    /// Table row `row` as its line of [`text`](Self::text) prints it, and
    /// where each cell starting in it begins on that line: (its column,
    /// the character column from 1).
    pub fn row_text(&self, row: usize) -> (String, Vec<(usize, u32)>) {
        let mut cells: Vec<&Cell> = (self.cells.iter())
            .filter(|c| c.row <= row && row < c.row + c.rowspan)
            .collect();
        cells.sort_by_key(|c| c.col);
        let (mut line, mut at) = (String::new(), Vec::new());
        for (k, c) in cells.into_iter().enumerate() {
            if k > 0 {
                line.push_str(" | ");
            }
            if c.row == row {
                let column = crate::span::saturating_u32(line.chars().count()).saturating_add(1);
                at.push((c.col, column));
                line.push_str(&c.text());
            } else {
                line.push('^');
            }
        }
        (line, at)
    }

    /// The page as `zaitaku extract --layout` prints it (and a ruled PDF's
    /// build reads it): the lines above its table, then a table row per
    /// line, its cells apart (` | `; a cell's lines joined as
    /// [`Cell::text`] joins them; `^` where a merged cell from a row above
    /// covers the column), then the lines below.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.above {
            out.push_str(line);
            out.push('\n');
        }
        for row in 0..self.rows() {
            out.push_str(&self.row_text(row).0);
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
            origin: None,
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
            unsure: Vec::new(),
        };
        assert_eq!(page.text(), "一覧\n1 | 相談センター\n^ | 窓口\n※\n");
        assert_eq!(page.row_text(1), ("^ | 窓口".to_string(), vec![(1, 5)]));
        // A head or name spread over its cell reads as the layout spells it.
        assert_eq!(cell(0, 0, 1, "医 師 会 名").head(), "医師会名");
        assert_eq!(cell(0, 0, 1, "港\u{3000}区").head(), "港区");
        let wrapped = cell(0, 0, 1, "Home/page 03-1/234");
        assert_eq!(wrapped.text(), "Home page 03-1234");
    }
}
