//! What changed between two editions of the report.
//!
//! Each edition is read as its tables ([`Edition`]: every table as text, as
//! its CSV file holds it), built from a raw text or read back from an
//! output directory. [`diff`] compares them table by table on each table's
//! key and gives typed [`Change`]s:
//!
//! - page 1/2 figures, field by field, a share's change in points;
//! - marks per municipality × question, by the report's 「実施・予定」
//!   (`implemented_or_planned`): started, stopped or another change;
//! - options gained or lost per municipality × question;
//! - consultation windows opened, closed or changed field by field, a
//!   window matched across editions by its fields, then its phone, then its
//!   name, each unique within its municipality ([`windows`]); where neither
//!   matches, the change says the text cannot tell;
//! - window plans realized (the municipality has more windows now), new,
//!   dropped or reworded;
//! - association programs, their year cells and totals;
//! - municipalities that join or leave the survey or the list.
//!
//! ```
//! use zaitaku_diff::{diff, table::diff_edition, Kind};
//! // The seed, and the seed with 墨田区's エ① raised from △ to ◎ (and the
//! // figures of pages 1 and 2 that count it).
//! let seed = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");
//! let raised = include_str!("../../../tests/fixtures/diff/mark_raised.txt");
//! let edition = |text: &str| {
//!     let report = zaitaku_parse::parse_text(text).unwrap();
//!     let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
//!     diff_edition(report.edition.as_of, &zaitaku_table::tables::edition(&report, &validation))
//! };
//! let changes = diff(&edition(seed), &edition(raised));
//! let started: Vec<_> = changes.iter().filter(|c| c.kind == Kind::Started).collect();
//! assert_eq!(started.len(), 1);
//! assert_eq!(started[0].key, "エ① 墨田区");
//! assert_eq!(started[0].note.as_deref(), Some("△ → ◎ (planned_later_or_undecided → implemented)"));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod compare;
mod pairs;
pub mod render;
mod rows;
pub mod table;
pub mod windows;

pub use rows::{At, Edition, Row, Rows};
use zaitaku_table::names::table as tables;

zaitaku_parse::vocabulary! {
    /// What kind of change a [`Change`] is (its id in the `changes` table and
    /// the JSON: `started`, `window_opened`, …), in the order summaries list them.
    pub enum Kind => id, IDS {
        /// A value changed (a figure, a field, a cell).
        Changed = "changed",
        /// A row only the new edition has.
        Added = "added",
        /// A row only the old edition has.
        Removed = "removed",
        /// A mark now counted as 「実施・予定」 that was not.
        Started = "started",
        /// A mark no longer counted as 「実施・予定」.
        Stopped = "stopped",
        /// Another mark change (both counted, or neither).
        MarkChanged = "mark_changed",
        /// An option chosen now that was not.
        OptionGained = "option_gained",
        /// An option no longer chosen.
        OptionLost = "option_lost",
        /// A window only the new edition has.
        WindowOpened = "window_opened",
        /// A window only the old edition has.
        WindowClosed = "window_closed",
        /// A field of a window both editions have.
        WindowChanged = "window_changed",
        /// A planned opening no longer printed, the municipality having more windows.
        PlanRealized = "plan_realized",
        /// A planned opening only the new edition prints.
        PlanNew = "plan_new",
        /// A planned opening no longer printed, without a new window.
        PlanDropped = "plan_dropped",
        /// A planned opening printed in other words (a month moved).
        PlanChanged = "plan_changed",
        /// A municipality that joined the survey or the list.
        MunicipalityAppeared = "municipality_appeared",
        /// A municipality that left the survey or the list.
        MunicipalityDisappeared = "municipality_disappeared",
    }
}

/// One change between two editions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// The table it is a change of: `municipality_answers`, …
    pub table: &'static str,
    /// The row, as people name it: 「港区 ア②」, 「ア② 地域の医療・介護の資源の…」.
    pub key: String,
    /// The municipality it is about, where it is about one.
    pub municipality_code: Option<String>,
    /// The column that changed (`mark`, `count_current`, `phone`, …), or
    /// the row's whole (`row`, `window`, `plan`, `option`).
    pub field: &'static str,
    /// The old value (null where the row is new or the value was null).
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
    /// What kind of change.
    pub kind: Kind,
    /// Where the old edition prints it.
    pub old_at: Option<At>,
    /// Where the new edition prints it.
    pub new_at: Option<At>,
    /// What a reader needs beside old and new: a share's change in points,
    /// a mark's statuses, why a window could not be matched.
    pub note: Option<String>,
}

/// Every change from `old` to `new`, table by table in the order of
/// [`TABLES`], each table's in its rows' order.
pub fn diff(old: &Edition, new: &Edition) -> Vec<Change> {
    let mut out = Vec::new();
    compare::figures(&mut out, old, new);
    compare::answers(&mut out, old, new);
    compare::choices(&mut out, old, new);
    windows::windows(&mut out, old, new);
    windows::plans(&mut out, old, new);
    compare::associations(&mut out, old, new);
    compare::municipalities(&mut out, old, new);
    out
}

/// What a change of a whole row names as its field (beside the columns,
/// [`zaitaku_table::names::column`], that a change of a value names).
pub mod whole {
    /// A row added or removed.
    pub const ROW: &str = "row";
    /// A window opened or closed.
    pub const WINDOW: &str = "window";
}

/// The tables a diff reads, in the order changes are listed.
pub const TABLES: &[&str] = &[
    tables::PROGRAM_SUMMARY,
    tables::QUESTION_SUMMARY,
    tables::MUNICIPALITY_ANSWERS,
    tables::MUNICIPALITY_CHOICES,
    tables::CONSULTATION_WINDOWS,
    tables::WINDOW_PLANS,
    tables::ASSOCIATION_PROGRAMS,
    tables::ASSOCIATION_PROGRAM_YEARS,
    tables::ASSOCIATION_PROGRAM_TOTALS,
    tables::MUNICIPALITIES,
];

/// The date tests' editions carry.
#[cfg(test)]
pub(crate) fn tests_date() -> zaitaku_parse::model::Date {
    zaitaku_parse::model::Date {
        year: 2017,
        month: 7,
        day: 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_id_in_the_vocabulary_in_order() {
        let ids: Vec<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
        assert_eq!(ids, Kind::IDS);
        // serde writes the same id (the JSON of `zaitaku diff`).
        for k in Kind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), serde_json::json!(k.id()));
        }
    }
}

#[cfg(test)]
mod robustness {
    use super::*;

    /// A fixed xorshift sequence (no dependency, the same cases every run).
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    /// Every column the comparisons read, in one header.
    const COLUMNS: &[&str] = zaitaku_table::names::column::ALL;
    /// Few values, so that keys collide, repeat and go missing.
    const VALUES: &[&str] = &[
        "",
        "1",
        "2",
        "ア",
        "イ",
        "◎",
        "○",
        "true",
        "false",
        "131016",
        "131024",
        "x",
        "99999999999999999999",
    ];

    fn table(state: &mut u64) -> Rows {
        let rows = (next(state) % 8) as usize;
        let mut csv = COLUMNS.join(",");
        for _ in 0..rows {
            let row: Vec<&str> = (COLUMNS.iter())
                .map(|_| VALUES[(next(state) % VALUES.len() as u64) as usize])
                .collect();
            csv.push('\n');
            csv.push_str(&row.join(","));
        }
        crate::rows::tests::table_of("t", &csv)
    }

    #[test]
    fn no_pair_of_tables_makes_a_comparison_panic_or_hang() {
        let mut state = 0x2545_F491_4F6C_DD1D;
        for _ in 0..1000 {
            let edition = |state: &mut u64| Edition {
                edition: crate::tests_date(),
                tables: TABLES
                    .iter()
                    .map(|t| (t.to_string(), table(state)))
                    .collect(),
            };
            let (a, b) = (edition(&mut state), edition(&mut state));
            let forward = diff(&a, &b);
            // Nothing changes between an edition and itself.
            assert!(diff(&a, &a).is_empty());
            let _ = (
                forward,
                render::terminal(
                    &diff(&b, &a),
                    render::Side {
                        edition: crate::tests_date(),
                        source: "a",
                    },
                    render::Side {
                        edition: crate::tests_date(),
                        source: "b",
                    },
                    &render::notes(&a, &b),
                ),
            );
        }
    }
}
