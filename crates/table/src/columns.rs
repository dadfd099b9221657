//! The columns and helpers every table shares: the edition and source
//! columns, the item and option vocabularies, and the editions in order.
//! The table builders (`tables`, `answers`, `associations`, `windows`) all
//! use this module; it uses none of them.

use crate::names::{column, table};
use crate::table::{meta, Kind, Meta};
use std::sync::OnceLock;
use zaitaku_parse::layout::{options_of, Item, SubQuestion, QUESTIONS};
use zaitaku_parse::model::Report;

/// The program items （ア）–（ク）.
pub const ITEMS: Kind = Kind::Enum(Item::KATAKANA);
/// キ②'s sub-questions.
pub const SUBS: Kind = Kind::Enum(SubQuestion::IDS);

/// Every canonical option label of every vocabulary, each once, in layout order.
pub fn option_labels() -> &'static [&'static str] {
    static LABELS: OnceLock<Vec<&'static str>> = OnceLock::new();
    LABELS.get_or_init(|| {
        let mut labels: Vec<&'static str> = Vec::new();
        for q in QUESTIONS {
            for o in options_of(q.item, q.no) {
                if !labels.contains(&o.label) {
                    labels.push(o.label);
                }
            }
        }
        labels
    })
}

/// `edition`, shared by every table but `municipalities`.
pub const EDITION: Meta = meta(
    column::EDITION,
    Kind::Date,
    "時点",
    "As-of date of the edition (a date; YYYY-MM-DD in CSV)",
    None,
);
/// `source_page` of a row-per-printed-row table.
pub const PAGE: Meta = meta(
    column::SOURCE_PAGE,
    Kind::Int,
    "頁",
    "Page of the row",
    None,
);
/// `source_line` of a row-per-printed-row table.
pub const LINE: Meta = meta(
    column::SOURCE_LINE,
    Kind::Int,
    "行番号",
    "Input line of the row",
    None,
);

/// The editions, oldest first (every table's rows are sorted by edition first).
pub fn sorted_editions(reports: &[Report]) -> Vec<&Report> {
    let mut v: Vec<&Report> = reports.iter().collect();
    v.sort_by_key(|r| r.edition.as_of);
    v
}

/// `municipality_code` of a table whose rows are a municipality's (its key
/// in `municipalities`).
pub const CODE: Meta = meta(
    column::MUNICIPALITY_CODE,
    Kind::Str,
    "全国地方公共団体コード",
    "6-digit local government code with check digit",
    None,
)
.refers_to(table::MUNICIPALITIES);
