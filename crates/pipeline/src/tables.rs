//! Every table of a set of editions at once, their changes included (for
//! `show`, which holds every edition; a build streams them instead,
//! [`crate::build`]), and every table without rows ([`headers`]).

use zaitaku_diff::{table, Edition};
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
        let day = r.edition.as_of;
        let mut own_tables = tables::edition(r, &validation.of_edition(day));
        // `changes` last: what changed since the edition before (none for the first).
        let own = tables::municipalities(Some(r));
        let now = table::diff_edition(day, own_tables.iter().chain([&own]));
        let list = previous
            .as_ref()
            .map(|p| zaitaku_diff::diff(p, &now))
            .unwrap_or_default();
        let before = previous.as_ref().map_or(day, |p| p.edition);
        own_tables.push(table::changes(before, day, &list));
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
