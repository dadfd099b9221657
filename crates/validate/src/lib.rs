//! Checks every reconstructed value against the figures the report prints.
//!
//! Each family of checks has a module; each check has a stable id, names the
//! published figure and where it is printed, what was computed, and whether
//! the two agree. Where the text cannot decide something, the report lists
//! it as an ambiguity instead of guessing. [`validate`] runs every family over
//! every edition.
//!
//! ```
//! use zaitaku_validate::arithmetic::percent_tenths;
//! assert_eq!(percent_tenths(51, 53), 962); // 51/53 = 96.2%
//! assert_eq!(percent_tenths(-1, 53), -19); // △1.9 points
//!
//! // Every check of the seed edition passes; a changed figure fails, naming
//! // where the published figure is printed.
//! let seed = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");
//! let report = zaitaku_parse::parse_text(seed).unwrap();
//! assert!(zaitaku_validate::validate(&[report]).passed());
//! let changed = seed.replace("② 62.3% 20 37.7%", "② 62.3% 20 37.8%");
//! let report = zaitaku_parse::parse_text(&changed).unwrap();
//! let result = zaitaku_validate::validate(&[report]);
//! let failed: Vec<String> = result.failures().map(|c| c.id.to_string()).collect();
//! assert_eq!(failed, ["p2.ka.q2.pct_no"]);
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]
// A panic must be visible in review: none of these outside tests (the one
// exception is argued where it is allowed).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod answers;
pub mod arithmetic;
pub mod associations;
pub mod cross;
pub mod pages;
pub mod report;
mod suspects;
pub mod windows;

pub use report::{Ambiguity, Check, Suspect, ValidationReport};
use zaitaku_parse::model::Report;

/// Runs every check on every edition.
pub fn validate(reports: &[Report]) -> ValidationReport {
    let mut out = ValidationReport::default();
    for r in reports {
        pages::program_summary(r, &mut out);
        pages::question_summary(r, &mut out);
        cross::page1_against_page2(r, &mut out);
        answers::municipality_answers(r, &mut out);
        associations::association_programs(r, &mut out);
        windows::consultation_windows(r, &mut out);
    }
    out
}
