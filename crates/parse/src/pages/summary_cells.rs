//! Page 1 read from its cells ([`crate::cells`]): a row per activity, its
//! item from the (merged) item cell covering it, its activity (merged over
//! キ②'s pamphlet and website rows, which print their sub-question in a cell
//! of their own), the 「いずれかを実施」 row it is listed under, and its
//! figures in the columns under 「区市町村数」, 「全体の％」 and the change.
//! A label is in its figures' row: no other page is needed to tie them, as
//! a text's reading order needs page 2 to. Builds do not use it yet
//! (ARCHITECTURE.md, «Reading the grid»).

use crate::cells::CellPage;
use crate::layout::{Item, SubQuestion};
use crate::pages::combinators::{percent, signed_percent};

/// The heads of the count and share columns (current year, then previous).
const COUNT_HEAD: &str = "区市町村数";
const SHARE_HEAD: &str = "全体の％";
/// What a row that counts any of its item's activities prints.
const ANY_OF: &str = "いずれかを実施";

/// A page-1 row read from its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    /// Its row in the table.
    pub row: usize,
    /// The item, and its label as printed (the bracketed katakana removed).
    pub item: Item,
    /// See `item`.
    pub item_label: String,
    /// The activity as printed.
    pub activity: String,
    /// The 「いずれかを実施」 row it is listed under.
    pub parent_activity: Option<String>,
    /// キ②'s sub-question, from its own cell.
    pub sub: Option<SubQuestion>,
    /// The figures: counts, shares and change (shares in tenths).
    pub count_current: u32,
    /// See `count_current`.
    pub pct_current: i64,
    /// See `count_current`.
    pub count_previous: u32,
    /// See `count_current`.
    pub pct_previous: i64,
    /// See `count_current`.
    pub change: i64,
}

/// The rows of page 1's table, or `None` where it prints no 「区市町村数」 heads.
pub fn read(page: &CellPage) -> Option<Vec<SummaryRow>> {
    let cols = |head: &str| -> Vec<usize> {
        let mut v: Vec<usize> = (page.cells.iter())
            .filter(|c| c.prints(head))
            .map(|c| c.col)
            .collect();
        v.sort_unstable();
        v
    };
    let (counts, shares) = (cols(COUNT_HEAD), cols(SHARE_HEAD));
    let (&[cur_count, prev_count], &[cur_pct, prev_pct]) = (counts.as_slice(), shares.as_slice())
    else {
        return None;
    };
    let change_col = page
        .cells
        .iter()
        .map(|c| c.col + c.colspan)
        .max()?
        .checked_sub(1)?;
    let covering = |row: usize, col: usize| page.covering(row, col).map(|c| (c.text(), c.colspan));
    let number =
        |row: usize, col: usize| covering(row, col).and_then(|(t, _)| t.trim().parse::<u32>().ok());
    let share = |row: usize, col: usize, signed: bool| {
        let text = covering(row, col)?.0;
        let text = text.trim();
        let parsed = if signed {
            signed_percent(text)
        } else {
            percent(text)
        };
        parsed
            .ok()
            .filter(|(rest, _)| rest.is_empty())
            .map(|(_, v)| v)
    };
    let mut out: Vec<SummaryRow> = Vec::new();
    for row in 0..page.rows() {
        let Some(count_current) = number(row, cur_count) else {
            continue;
        };
        let (label, _) = covering(row, 0)?;
        let item = Item::ALL
            .into_iter()
            .find(|i| label.starts_with(&format!("（{}）", i.katakana())))?;
        let item_label = label.split_once('）').map_or("", |(_, l)| l).to_string();
        let (activity, span) = covering(row, 1)?;
        let sub = (span == 1)
            .then(|| covering(row, 2))
            .flatten()
            .and_then(|(t, _)| {
                [SubQuestion::Pamphlet, SubQuestion::Website]
                    .into_iter()
                    .find(|s| s.label() == t)
            });
        let parent_activity = (out.iter().rev())
            .take_while(|r| r.item == item)
            .find(|r| r.activity.contains(ANY_OF))
            .map(|r| r.activity.clone())
            .filter(|_| !activity.contains(ANY_OF));
        out.push(SummaryRow {
            row,
            item,
            item_label,
            activity,
            parent_activity,
            sub,
            count_current,
            pct_current: share(row, cur_pct, false)?,
            count_previous: number(row, prev_count)?,
            pct_previous: share(row, prev_pct, false)?,
            change: share(row, change_col, true)?,
        });
    }
    Some(out)
}
