//! The set of tables a build writes, assembled here only: an edition's
//! tables and the same as a diff reads them ([`edition`]), its `changes`
//! against the edition before ([`changes`]), every table of a set of
//! editions at once ([`all`], for `show`; a build streams the same pieces,
//! [`crate::build`]), and every table without rows, in file order
//! ([`headers`]).

use zaitaku_diff::{table, Change, Edition};
use zaitaku_parse::model::Report;
use zaitaku_table::columns::sorted_editions;
use zaitaku_table::tables;
use zaitaku_table::Table;
use zaitaku_validate::ValidationReport;

/// Every table of a build, in file order: `municipalities` (from the
/// newest edition), the report's tables, the validation result's
/// (`validation_checks`, `ambiguities`), then `changes` (each edition's
/// against the one before). Each table holds the rows of every
/// edition, oldest first: the per-edition tables of [`tables::edition`] appended in
/// edition order (every table but `municipalities` has `edition` first in its key).
pub fn all(reports: &[Report], validation: &ValidationReport) -> Vec<Table> {
    let sorted = sorted_editions(reports);
    let mut out = vec![tables::municipalities(sorted.last().copied())];
    let mut rest: Vec<Table> = Vec::new();
    let mut previous: Option<Edition> = None;
    for r in sorted {
        let (mut own_tables, now) = edition(r, &validation.of_edition(r.edition.as_of));
        own_tables.push(changes(previous.as_ref(), &now).0);
        previous = Some(now);
        if rest.is_empty() {
            rest = own_tables;
        } else {
            for (t, more) in rest.iter_mut().zip(own_tables) {
                t.append(more);
            }
        }
    }
    out.extend(rest);
    out
}

/// An edition's tables in file order, all but `municipalities` (a build
/// writes it once, from the newest) and `changes` ([`changes`]), and the
/// same as a diff reads them (with the edition's own `municipalities`).
pub fn edition(report: &Report, validation: &ValidationReport) -> (Vec<Table>, Edition) {
    let own = tables::edition(report, validation);
    let municipalities = tables::municipalities(Some(report));
    let diffable = table::diff_edition(report.edition.as_of, own.iter().chain([&municipalities]));
    (own, diffable)
}

/// The `changes` of `now` against `previous`, the edition before it (none
/// for the first edition), and the changes themselves.
pub fn changes(previous: Option<&Edition>, now: &Edition) -> (Table, Vec<Change>) {
    let Some(previous) = previous else {
        return (unchanged(now.edition), Vec::new());
    };
    let list = zaitaku_diff::diff(previous, now);
    (table::changes(previous.edition, now.edition, &list), list)
}

/// The `changes` of the first edition `day` of a build: none (the file is
/// written all the same).
pub fn unchanged(day: zaitaku_parse::model::Date) -> Table {
    table::changes(day, day, &[])
}

/// Every table of a build without rows, in file order: the columns a
/// build's output directory holds, to read a table back from its Parquet
/// file (`zaitaku show TABLE DIR`).
pub fn headers() -> Vec<Table> {
    // `changes` takes the editions of its rows; without rows, none is
    // written: any date will do (day 0 of the Date columns).
    let no_edition = zaitaku_parse::model::Date::from_days(0);
    let mut out = vec![tables::municipalities(None).header()];
    out.extend(tables::of(&[], &ValidationReport::default()));
    out.push(table::changes(no_edition, no_edition, &[]));
    out
}
