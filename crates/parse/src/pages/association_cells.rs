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
    /// Its row in the table, and its name's column.
    pub row: usize,
    /// See `row`.
    pub col: usize,
    /// Footnote numbers printed after the name, in its cell (「練馬区 ※1 ※2」).
    pub notes: Vec<u32>,
    /// Per year column (in [`PositionedTable::fiscal_years`]' order),
    /// whether a mark sits in it.
    pub marked: Vec<bool>,
    /// Per year column, where its cell is on the page (points from the
    /// left and top edges).
    pub at: Vec<Option<(u32, u32)>>,
}

/// A page's associations read by position.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PositionedTable {
    /// The year columns' fiscal years, in order.
    pub fiscal_years: Vec<i32>,
    /// The years as printed (years of the era), in order.
    pub era_years: Vec<u32>,
    /// Per year column, the footnote numbers printed in its head (「29 ※1」).
    pub year_notes: Vec<Vec<u32>>,
    /// The head row.
    pub head: usize,
    /// The totals row and the first year column of its table, if printed.
    pub totals_at: Option<(usize, usize)>,
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

/// A cell's text before its footnote marks, and the marks' numbers:
/// 「練馬区 ※1 ※2」 → (「練馬区」, [1, 2]); 「29 ※1、2」 → (「29」, [1, 2]).
pub fn split_notes(text: &str) -> (&str, Vec<u32>) {
    let Some((before, marks)) = text.split_once(NOTE) else {
        return (text.trim(), Vec::new());
    };
    let notes = marks
        .split([NOTE, '、', ' ', '\u{3000}'])
        .filter_map(|n| n.trim().parse().ok())
        .collect();
    (before.trim(), notes)
}

/// The footnote mark.
const NOTE: char = '※';

/// The association tables of `page` (years of `era`), or `None` where the
/// page prints no 「医師会名」 head.
pub fn read(page: &CellPage, era: Era) -> Option<PositionedTable> {
    let head = (0..page.rows()).find(|&r| page.row(r).any(|c| c.prints(NAME_HEAD)))?;
    // Each table: its name column and its year columns with their years.
    // Each side: its name column, and per year column (column, fiscal
    // year, era year, footnotes in the head).
    type Year = (usize, i32, u32, Vec<u32>);
    let mut sides: Vec<(usize, Vec<Year>)> = Vec::new();
    for name in page.row(head).filter(|c| c.prints(NAME_HEAD)) {
        let mut years = Vec::new();
        let mut col = name.col + name.colspan;
        while let Some(cell) = page.at(head, col) {
            let text = cell.head();
            let Some((n, year)) = leading_number(&text).and_then(|n| Some((n, era.gregorian(n)?)))
            else {
                break;
            };
            years.push((col, year, n, split_notes(&text).1));
            col += cell.colspan;
        }
        sides.push((name.col, years));
    }
    let first = &sides.first()?.1;
    let fiscal_years: Vec<i32> = first.iter().map(|y| y.1).collect();
    if sides
        .iter()
        .any(|(_, ys)| ys.iter().map(|y| y.1).ne(fiscal_years.iter().copied()))
    {
        return None;
    }
    // A footnote printed in either table's head is the year's.
    let mut year_notes: Vec<Vec<u32>> = vec![Vec::new(); fiscal_years.len()];
    for (_, ys) in &sides {
        for (notes, y) in year_notes.iter_mut().zip(ys) {
            for n in &y.3 {
                if !notes.contains(n) {
                    notes.push(*n);
                }
            }
        }
    }
    let mut table = PositionedTable {
        totals: vec![None; fiscal_years.len()],
        era_years: first.iter().map(|y| y.2).collect(),
        fiscal_years,
        year_notes,
        head,
        totals_at: None,
        rows: Vec::new(),
    };
    for (name_col, years) in &sides {
        for row in head + 1..page.rows() {
            let name = page
                .at(row, *name_col)
                .map(|c| c.text())
                .unwrap_or_default();
            let cells: Vec<String> = (years.iter())
                .map(|y| page.at(row, y.0).map(|c| c.text()).unwrap_or_default())
                .collect();
            let numbers: Vec<Option<u32>> = cells.iter().map(|t| leading_number(t)).collect();
            let (printed, notes) = split_notes(&name);
            if printed == TOTALS || (name.is_empty() && numbers.iter().all(Option::is_some)) {
                table.totals = numbers;
                table.totals_at = years.first().map(|y| (row, y.0));
                continue;
            }
            if name.is_empty() {
                continue;
            }
            table.rows.push(PositionedRow {
                name: printed
                    .trim_start_matches('（')
                    .trim_end_matches('）')
                    .to_string(),
                printed: printed.to_string(),
                row,
                col: *name_col,
                notes,
                marked: cells.iter().map(|t| t.contains(MARKS)).collect(),
                at: (years.iter())
                    .map(|y| page.at(row, y.0).and_then(|c| c.origin))
                    .collect(),
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
            origin: Some((10 * col as u32, 10 * row as u32)),
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
                cell(0, 4, "29 ※1"),
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
        assert_eq!(t.rows[0].at[1], Some((20, 10)));
        assert_eq!(t.totals, [Some(24), Some(45), Some(49), Some(48)]);
        assert_eq!(t.year_notes, [vec![], vec![], vec![], vec![1]]);
        assert_eq!(split_notes("練馬区 ※1 ※2"), ("練馬区", vec![1, 2]));
        assert_eq!(split_notes("計\u{3000}※3"), ("計", vec![3]));
    }
}
