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

/// The columns of the window table, found by their heads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Columns {
    /// The municipality's number (left of its name), its name, 設置箇所数.
    pub number: usize,
    /// See `number`.
    pub municipality: usize,
    /// See `number`.
    pub count: usize,
    /// The window's cells.
    pub name: usize,
    /// See `name`.
    pub location: usize,
    /// See `name`.
    pub phone: usize,
    /// See `name`.
    pub fax: usize,
    /// See `name`.
    pub hours: usize,
    /// The five target columns, in the table's order.
    pub targets: [usize; 5],
    /// 「その他」.
    pub other: usize,
}

/// One window's row read by position.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WindowRow {
    /// Its row in the table.
    pub row: usize,
    /// Its municipality's number, name and 設置箇所数 cell, from the
    /// (merged) cells that cover the row.
    pub number: String,
    /// See `number`.
    pub municipality: String,
    /// See `number`.
    pub count: String,
    /// Whether its municipality's cells start in this row (its first
    /// window on the page).
    pub first: bool,
    /// Its name (a merged cell's where the name cell spans several windows).
    pub name: String,
    /// Whether its name cell spans several windows.
    pub name_merged: bool,
    /// Whether its name is the one above it, inferred where the text
    /// prints none in its row ([`CellPage::unsure`]).
    pub name_above: bool,
    /// Whether each mark sits in its target column for certain (no mark
    /// was pushed out of its column, [`CellPage::unsure`]).
    pub targets_sure: bool,
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
    /// Whether the 「その他」 cell spans several windows.
    pub other_merged: bool,
    /// Whether an empty 「その他」 cell may be the merged one above it
    /// ([`CellPage::unsure`]).
    pub other_undecided: bool,
}

/// A municipality's row without a window: its planned opening (or
/// nothing) in one cell across the window's columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnRow {
    /// Its row in the table.
    pub row: usize,
    /// Its number and name as printed.
    pub number: String,
    /// See `number`.
    pub municipality: String,
    /// The text across the window's columns (empty where none).
    pub plan: String,
}

/// A row of the window table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A window.
    Window(WindowRow),
    /// A municipality without one.
    Own(OwnRow),
}

/// The rows of `page`'s window table, top to bottom, and its columns; or
/// `None` where it prints no 「電話番号」 head.
pub fn read(page: &CellPage) -> Option<(Vec<Entry>, Columns)> {
    let text = |c: &Cell| c.text();
    let phone_head = page.cells.iter().find(|c| c.prints("電話番号"))?;
    let heads: Vec<&Cell> = page
        .cells
        .iter()
        .filter(|c| c.row <= phone_head.row)
        .collect();
    let col_of = |head: &str| heads.iter().find(|c| c.prints(head)).map(|c| c.col);
    let mut found: Vec<(Column, usize)> = Vec::new();
    for (head, column) in HEADS {
        found.push((column, col_of(head)?));
    }
    let col = |which: Column| found.iter().find(|(c, _)| *c == which).map(|(_, k)| *k);
    let mut targets = [0; 5];
    for (slot, head) in targets.iter_mut().zip(TARGET_HEADS) {
        *slot = col_of(head)?;
    }
    let cols = Columns {
        number: col(Column::Municipality)?.checked_sub(1)?,
        municipality: col(Column::Municipality)?,
        count: col(Column::Count)?,
        name: col(Column::Name)?,
        location: col(Column::Location)?,
        phone: col(Column::Phone)?,
        fax: col(Column::Fax)?,
        hours: heads
            .iter()
            .find(|c| c.runs().any(|r| r.starts_with(HOURS_HEAD)))?
            .col,
        targets,
        other: col_of(OTHER_HEAD)?,
    };
    let first = heads.iter().map(|c| c.row + c.rowspan).max()?;
    let mut out = Vec::new();
    for row in first..page.rows() {
        let cell_text = |k: usize| page.covering(row, k).map(text).unwrap_or_default();
        // A number or a name as the reference list spells it (a distributed
        // cell: 「港 区」).
        let head_text = |k: usize| page.covering(row, k).map(Cell::head).unwrap_or_default();
        let merged = |k: usize| page.covering(row, k).is_some_and(|c| c.rowspan > 1);
        // A municipality without a window: one cell across the window's columns.
        let across = page.at(row, cols.count).is_some_and(|c| c.colspan > 1);
        if across || page.covering(row, cols.name).is_none() {
            let number = head_text(cols.number);
            if !number.is_empty() || !head_text(cols.municipality).is_empty() {
                out.push(Entry::Own(OwnRow {
                    row,
                    number,
                    municipality: head_text(cols.municipality),
                    plan: page.at(row, cols.count).map(text).unwrap_or_default(),
                }));
            }
            continue;
        }
        let mut marks = [false; 5];
        for (slot, k) in marks.iter_mut().zip(&cols.targets) {
            *slot = cell_text(*k).contains(MARKS);
        }
        out.push(Entry::Window(WindowRow {
            row,
            number: head_text(cols.number),
            municipality: head_text(cols.municipality),
            count: cell_text(cols.count),
            first: page.at(row, cols.municipality).is_some(),
            name: cell_text(cols.name),
            name_merged: merged(cols.name),
            name_above: page.unsure.contains(&(row, cols.name)),
            targets_sure: !cols
                .targets
                .iter()
                .any(|k| page.unsure.contains(&(row, *k))),
            location: cell_text(cols.location),
            phone: cell_text(cols.phone),
            fax: cell_text(cols.fax),
            hours: cell_text(cols.hours),
            targets: marks,
            other: cell_text(cols.other),
            other_merged: merged(cols.other),
            other_undecided: page.unsure.contains(&(row, cols.other)),
        }));
    }
    Some((out, cols))
}
