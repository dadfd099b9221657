//! Pages 7–11 read from their cells ([`crate::cells`]): each window's row
//! with the cells a merged cell gives it (its municipality's number, name
//! and 設置箇所数; a name or 「その他」 cell spanning several windows) and
//! which target columns hold its mark, decided by position, as the text
//! cannot (it drops the empty cells). Builds do not use it yet
//! (ARCHITECTURE.md, «Reading the grid»).
//!
//! The table: two head rows (「区市町村名」, 「設置箇所数」, 「窓口名称」,
//! 「設置場所」, 「連絡先」 over 「電話番号」 and 「FAX」, 「開設日時」, 「相談対象者」
//! over the five target columns and 「その他」, 「区市町村名」 again); then a row
//! per window, or per municipality without one (its planned opening, or
//! nothing, across the window's cells).

use crate::cells::{Cell, CellPage};

/// The heads of the columns read, as printed.
const HEADS: [(&str, Column); 6] = [
    ("区市町村名", Column::Municipality),
    ("設置箇所数", Column::Count),
    ("窓口名称", Column::Name),
    ("設置場所", Column::Location),
    ("電話番号", Column::Phone),
    ("FAX", Column::Fax),
];

/// The target columns' heads, in the table's order (患者・家族, 医療機関,
/// 訪問看護ステーション, 地域包括支援センター, 居宅介護支援事業所), and 「その他」.
const TARGET_HEADS: [&str; 5] = [
    "患者・家族",
    "医療機関",
    "訪問看護ステーション",
    "地域包括支援センター",
    "居宅介護支援事業所",
];
const OTHER_HEAD: &str = "その他";
/// The head of the opening hours' column starts so (「開設日時（※年末年始：…）」).
const HOURS_HEAD: &str = "開設日時";
/// The marks a target cell prints.
const MARKS: [char; 2] = ['○', '〇'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Municipality,
    Count,
    Name,
    Location,
    Phone,
    Fax,
}

/// One window's row read by position.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WindowRow {
    /// Its row in the table.
    pub row: usize,
    /// Its municipality's number and name, from the (merged) cells that cover the row.
    pub number: String,
    /// See `number`.
    pub municipality: String,
    /// Its name (a merged cell's where the name cell spans several windows).
    pub name: String,
    /// Whether its name cell spans several windows.
    pub name_merged: bool,
    /// Location, phone, fax and hours as printed.
    pub location: String,
    /// See `location`.
    pub phone: String,
    /// See `location`.
    pub fax: String,
    /// See `location`.
    pub hours: String,
    /// Per target column, whether its mark sits in it.
    pub targets: [bool; 5],
    /// The 「その他」 cell's text (a merged cell's where it spans several windows).
    pub other: String,
}

/// The windows of `page`, top to bottom, or `None` where it prints no
/// 「電話番号」 head.
pub fn read(page: &CellPage) -> Option<Vec<WindowRow>> {
    let text = |c: &Cell| c.text();
    let phone_head = page.cells.iter().find(|c| text(c) == "電話番号")?;
    let heads: Vec<&Cell> = page
        .cells
        .iter()
        .filter(|c| c.row <= phone_head.row)
        .collect();
    let col_of = |head: &str| heads.iter().find(|c| text(c) == head).map(|c| c.col);
    let mut cols: Vec<(Column, usize)> = Vec::new();
    for (head, column) in HEADS {
        cols.push((column, col_of(head)?));
    }
    let col = |which: Column| cols.iter().find(|(c, _)| *c == which).map(|(_, k)| *k);
    let number_col = col(Column::Municipality)?.checked_sub(1)?;
    let hours_col = heads.iter().find(|c| text(c).starts_with(HOURS_HEAD))?.col;
    let target_cols: Vec<usize> = TARGET_HEADS
        .iter()
        .map(|h| col_of(h))
        .collect::<Option<_>>()?;
    let other_col = col_of(OTHER_HEAD)?;
    let first = heads.iter().map(|c| c.row + c.rowspan).max()?;
    let mut out = Vec::new();
    for row in first..page.rows() {
        let cell_text = |k: usize| page.covering(row, k).map(text).unwrap_or_default();
        // A municipality without a window: one cell across the window's columns.
        let Some(name_col) = col(Column::Name) else {
            continue;
        };
        let across = page
            .at(row, col(Column::Count)?)
            .is_some_and(|c| c.colspan > 1);
        if across || page.covering(row, name_col).is_none() {
            continue;
        }
        let mut targets = [false; 5];
        for (slot, k) in targets.iter_mut().zip(&target_cols) {
            *slot = cell_text(*k).contains(MARKS);
        }
        out.push(WindowRow {
            row,
            number: cell_text(number_col),
            municipality: cell_text(col(Column::Municipality)?),
            name: cell_text(name_col),
            name_merged: page.covering(row, name_col).is_some_and(|c| c.rowspan > 1),
            location: cell_text(col(Column::Location)?),
            phone: cell_text(col(Column::Phone)?),
            fax: cell_text(col(Column::Fax)?),
            hours: cell_text(hours_col),
            targets,
            other: cell_text(other_col),
        });
    }
    Some(out)
}
