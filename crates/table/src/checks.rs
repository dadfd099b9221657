//! The validation result as data: one row per check (`validation_checks`)
//! and one per ambiguity (`ambiguities`), every edition's, so that the
//! validation report itself can stay a summary.

use crate::columns::EDITION;
use crate::names::{column, table};
use crate::vocab::Status;
use crate::{d, i, meta, oi, os, s, Builder, Kind, Meta, Table};
use zaitaku_parse::model::Date;
use zaitaku_validate::report::{Ambiguity, Check, Family};
use zaitaku_validate::ValidationReport;

const FAMILY: Meta = meta(
    column::FAMILY,
    Kind::Enum(Family::NAMES),
    "分類",
    "The family of checks: program_summary (page 1), question_summary (page 2), municipality_answers (pages 3–4), associations (pages 5–6), consultation_windows (pages 7–11), cross_page (figures printed on two pages)",
    None,
);
const STATUSES: Kind = Kind::Enum(Status::IDS);
const SOURCE_PAGE: Meta = meta(
    column::SOURCE_PAGE,
    Kind::Int,
    "頁",
    "Page of the first place it is about (for a check, where the published figure is printed); null where none",
    None,
);
const SOURCE_LINE: Meta = meta(
    column::SOURCE_LINE,
    Kind::Int,
    "行番号",
    "Input line of that place",
    None,
);
const SOURCE_COLUMN: Meta = meta(
    column::SOURCE_COLUMN,
    Kind::Int,
    "桁",
    "Column (in characters, from 1) of that place; 1 where the place is a whole line",
    None,
);

/// Every check, by edition and id (ids are stable across editions: a
/// check that is added or removed changes one row, not the numbering).
pub fn validation_checks(report: &ValidationReport) -> Table {
    // In the order of the ids as written (as ever).
    let rows = sorted_checks(&report.checks);
    let first = |c: &&Check| c.spans.first().copied();
    Builder::<&Check>::default()
        .col(EDITION, |c| d(c.edition))
        .col(meta(column::CHECK_ID, Kind::Str, "検証ID", "Stable id: p2.ka.q2.pct_no (its first part is the family)", None), |c| s(c.id.to_string()))
        .col(FAMILY, |c| s(c.id.family().name()))
        .col(meta(column::SUBJECT, Kind::Str, "対象", "What is checked, for a person: 「カ② 未実施等 share of N (n=…)」", None), |c| s(&c.subject))
        .col(meta(column::STATUS, STATUSES, "結果", "pass, or fail (a failed check makes the build exit 1)", None), |c| s(Status::of_check(c.passed).id()))
        .col(meta(column::PUBLISHED, Kind::Str, "公表値", "The figure the report prints (or the rule's expectation), as printed", None), |c| s(&c.expected))
        .col(meta(column::RECONSTRUCTED, Kind::Str, "再構成値", "What the reconstruction gives (for a failure, with the rows that may explain it)", None), |c| s(&c.found))
        .col(meta(column::PRINTED_AT, Kind::Str, "掲載箇所", "Where the published figure is printed, for a person; null for a rule", None), |c| os(c.printed_at.as_ref().map(ToString::to_string)))
        .col(meta(column::SUSPECTS, Kind::Int, "被疑箇所数", "For a failed check: the places that may explain it (0 where no row breaks a rule the report implies)", None), |c| i(c.suspects.len()))
        .col(SOURCE_PAGE, move |c| oi(first(c).map(|s| s.page)))
        .col(SOURCE_LINE, move |c| oi(first(c).map(|s| s.line)))
        .col(SOURCE_COLUMN, move |c| oi(first(c).map(|s| s.column)))
        .build(
            table::VALIDATION_CHECKS, &[column::EDITION, column::CHECK_ID],
            &rows,
        )
}

/// An ambiguity with its edition-local number.
pub struct Numbered<'a> {
    /// Its place in its edition's list, from 1.
    pub no: usize,
    /// The ambiguity.
    pub a: &'a Ambiguity,
}

/// Every ambiguity, by edition then in the order they were listed.
pub fn ambiguities(report: &ValidationReport) -> Table {
    let mut rows: Vec<Numbered<'_>> = numbered(&report.ambiguities, |a| a.edition)
        .map(|(no, a)| Numbered { no, a })
        .collect();
    rows.sort_by(|x, y| (&x.a.edition, x.no).cmp(&(&y.a.edition, y.no)));
    ambiguity_rows(&rows)
}

/// The table of the ambiguities `rows`, each with its number.
pub fn ambiguity_rows(rows: &[Numbered<'_>]) -> Table {
    Builder::<Numbered<'_>>::default()
        .col(EDITION, |r| d(r.a.edition))
        .col(meta(column::AMBIGUITY_NO, Kind::Int, "番号", "The ambiguity's place in its edition's list (from 1)", None), |r| i(r.no))
        .col(meta(column::AMBIGUITY_ID, Kind::Str, "ID", "Id of what it concerns: win.targets, assoc.round_the_clock_care.unresolved", None), |r| s(r.a.id.to_string()))
        .col(meta(column::KIND, Kind::Enum(zaitaku_validate::report::Kind::ambiguity_texts()), "種類", "The family's id and the id's last part: win.targets, assoc.unresolved, p2.count_yes", None), |r| s(r.a.kind().to_string()))
        .col(FAMILY, |r| s(r.a.id.family().name()))
        .col(meta(column::SUBJECT, Kind::Str, "対象", "What it concerns, for a person: 「window 2 of 千代田区 (its name)」", None), |r| s(&r.a.subject))
        .col(meta(column::RESOLUTION, Kind::Str, "処理", "What the text says and what was done: the value left null, or the rule that decided it", None), |r| s(&r.a.resolution))
        .col(SOURCE_PAGE, |r| oi(r.a.at.map(|s| s.page)))
        .col(SOURCE_LINE, |r| oi(r.a.at.map(|s| s.line)))
        .col(SOURCE_COLUMN, |r| oi(r.a.at.map(|s| s.column)))
        .build(
            table::AMBIGUITIES, &[column::EDITION, column::AMBIGUITY_NO],
            rows,
        )
}

/// Each item with its number (from 1) among the items of its edition.
fn numbered<'a, T>(
    items: &'a [T],
    edition: impl Fn(&T) -> Date + 'a,
) -> impl Iterator<Item = (usize, &'a T)> + 'a {
    let mut seen: Vec<(Date, usize)> = Vec::new();
    items.iter().map(move |item| {
        let e = edition(item);
        let no = match seen.iter_mut().find(|(s, _)| *s == e) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                seen.push((e, 1));
                1
            }
        };
        (no, item)
    })
}

/// `checks` in the order [`validation_checks`] writes them.
pub fn sorted_checks(checks: &[Check]) -> Vec<&Check> {
    let mut rows: Vec<&Check> = checks.iter().collect();
    rows.sort_by_cached_key(|c| (c.edition, c.id.to_string()));
    rows
}
