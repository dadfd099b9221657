//! The resolve stage: every inference drawn from the tables as printed, each
//! carrying its reason. It runs after the page parsers (and the association
//! rule again after overrides are pinned); validation checks what it decided
//! and never decides again.
//!
//! - [`question_counts`]: page-2 counts printed apart, placed by the
//!   published identity 「実施・予定」 + 「未実施等」 = n;
//! - [`associations`]: association × year cells of pages 5–6, each with its
//!   [`Resolution`](crate::model::Resolution), through the Gale–Ryser
//!   solver of [`solve`];
//! - [`windows`]: the windows of pages 7–11 placed by anchors and printed
//!   counts ([`placement`]), merged names and lone figures attributed, each
//!   with its rule;
//! - [`overrides`]: the cells a person pins (`--overrides`), read and applied;
//! - [`report`]: a report from its pages as printed, each resolved so.

mod associations;
pub mod overrides;
pub mod placement;
pub mod solve;
mod summary;
mod windows;

pub use associations::associations;
pub use summary::question_counts;
pub use windows::windows;

use crate::model::{
    AnswerPage, AssociationTable, Edition, NumberedName, PrintedQuestionSummary, ProgramSummary,
    Report,
};

/// The report of pages as printed, page 2's counts placed (pages 1 and 3–4
/// need no resolution); the association tables a text prints and the
/// windows are decided by [`finish`], once, after the overrides' pins are
/// in (a PDF's association tables come decided by position).
pub fn report(
    edition: Edition,
    program: ProgramSummary,
    questions: PrintedQuestionSummary,
    answers: Vec<AnswerPage>,
    associations: Vec<AssociationTable>,
    windows: crate::model::windows::PrintedWindows,
    numbered: Vec<NumberedName>,
) -> Report {
    Report {
        edition,
        program,
        questions: question_counts(questions),
        answers,
        associations,
        windows: crate::model::windows::WindowPages::default(),
        printed_windows: windows,
        numbered,
    }
}

/// Decides what `report` (as [`report`] made it, its pins in) leaves open,
/// each thing once: every association table not yet decided, or pinned,
/// from what it prints and its pins; the windows placed by the counts as
/// printed (or pinned).
pub fn finish(mut report: Report) -> Report {
    report.associations = std::mem::take(&mut report.associations)
        .into_iter()
        .map(|t| match t.decided && t.pins.is_empty() {
            true => t,
            false => associations(t.printed, t.pins),
        })
        .collect();
    report.windows = windows(report.printed_windows.clone());
    report
}
