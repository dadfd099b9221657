//! Pages 5–6 read from their cells ([`crate::cells`]): which fiscal year
//! column each association's 〇 sits in, decided by position, as the text
//! cannot (it drops the empty cells). The first step of the page parsers
//! that read cells (ARCHITECTURE.md, «Reading the grid»); builds do not
//! use it yet.
//!
//! The table: a head row printing 「医師会名」 over each table's name column
//! (the page holds two tables side by side) and the fiscal years (as years
//! of the edition's era, 「24」 … 「29」, a footnote mark beside one) over
//! the columns right of it; then a row per association, its 〇 in the
//! columns of the years it took part; the per-year totals in the last row.

use crate::cells::CellPage;
use crate::layout::Era;

/// The head over an association's name column.
const NAME_HEAD: &str = "医師会名";
/// The marks a year cell prints (〇 U+3007, as the report prints it; ○ U+25CB).
const MARKS: [char; 2] = ['〇', '○'];
/// The label of the totals row.
const TOTALS: &str = "計";

/// An association's row read by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionedRow {
    /// Its name as printed (「（福生市）」).
    pub printed: String,
    /// Its name, brackets removed.
    pub name: String,
    /// Its row in the table.
    pub row: usize,
    /// Per year column (in [`PositionedTable::fiscal_years`]' order),
    /// whether a mark sits in it.
    pub marked: Vec<bool>,
}

/// A page's associations read by position.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PositionedTable {
    /// The year columns' fiscal years, in order.
    pub fiscal_years: Vec<i32>,
    /// The associations, left table then right, top to bottom.
    pub rows: Vec<PositionedRow>,
    /// The printed totals per year column (where the page prints them).
    pub totals: Vec<Option<u32>>,
}

/// The leading digits of `text` as a number: 「29※1」 → 29.
fn leading_number(text: &str) -> Option<u32> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The association tables of `page` (years of `era`), or `None` where the
/// page prints no 「医師会名」 head.
pub fn read(page: &CellPage, era: Era) -> Option<PositionedTable> {
    let head = (0..page.rows()).find(|&r| page.row(r).any(|c| c.text() == NAME_HEAD))?;
    // Each table: its name column and its year columns with their years.
    let mut sides: Vec<(usize, Vec<(usize, i32)>)> = Vec::new();
    for name in page.row(head).filter(|c| c.text() == NAME_HEAD) {
        let mut years = Vec::new();
        let mut col = name.col + name.colspan;
        while let Some(cell) = page.at(head, col) {
            let Some(year) = leading_number(&cell.text()).and_then(|n| era.gregorian(n)) else {
                break;
            };
            years.push((col, year));
            col += cell.colspan;
        }
        sides.push((name.col, years));
    }
    let fiscal_years: Vec<i32> = sides.first()?.1.iter().map(|(_, y)| *y).collect();
    if sides
        .iter()
        .any(|(_, ys)| ys.iter().map(|(_, y)| *y).ne(fiscal_years.iter().copied()))
    {
        return None;
    }
    let mut table = PositionedTable {
        totals: vec![None; fiscal_years.len()],
        fiscal_years,
        rows: Vec::new(),
    };
    for (name_col, years) in &sides {
        for row in head + 1..page.rows() {
            let name = page
                .at(row, *name_col)
                .map(|c| c.text())
                .unwrap_or_default();
            let cells: Vec<String> = (years.iter())
                .map(|(col, _)| page.at(row, *col).map(|c| c.text()).unwrap_or_default())
                .collect();
            let numbers: Vec<Option<u32>> = cells.iter().map(|t| leading_number(t)).collect();
            if name == TOTALS || (name.is_empty() && numbers.iter().all(Option::is_some)) {
                table.totals = numbers;
                continue;
            }
            if name.is_empty() {
                continue;
            }
            table.rows.push(PositionedRow {
                name: name
                    .trim_start_matches('（')
                    .trim_end_matches('）')
                    .to_string(),
                printed: name,
                row,
                marked: cells.iter().map(|t| t.contains(MARKS)).collect(),
            });
        }
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::Cell;

    fn cell(row: usize, col: usize, text: &str) -> Cell {
        Cell {
            row,
            col,
            rowspan: 1,
            colspan: 1,
            lines: vec![text.to_string()],
        }
    }

    #[test]
    fn a_mark_is_in_the_year_whose_column_it_sits_in() {
        // Page 6's head 「医師会名 26 27 28 29」, a row with marks in FY2015
        // and FY2017 only, and the totals row 「計 24 45 49 48」.
        let page = CellPage {
            page: 6,
            cells: vec![
                cell(0, 0, "医師会名"),
                cell(0, 1, "26"),
                cell(0, 2, "27"),
                cell(0, 3, "28"),
                cell(0, 4, "29※1"),
                cell(1, 0, "（福生市）"),
                cell(1, 1, ""),
                cell(1, 2, "〇"),
                cell(1, 3, ""),
                cell(1, 4, "〇"),
                cell(2, 0, "計"),
                cell(2, 1, "24"),
                cell(2, 2, "45"),
                cell(2, 3, "49"),
                cell(2, 4, "48"),
            ],
            ..CellPage::default()
        };
        let t = read(&page, Era::Heisei).unwrap();
        assert_eq!(t.fiscal_years, [2014, 2015, 2016, 2017]);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].name, "福生市");
        assert_eq!(t.rows[0].marked, [false, true, false, true]);
        assert_eq!(t.totals, [Some(24), Some(45), Some(49), Some(48)]);
    }
}
