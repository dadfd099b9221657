//! The resolve stage: every inference drawn from the as-printed tables,
//! each carrying its reason. [`report`] runs after the page parsers (and again
//! after overrides are pinned); validation checks what it decided and never
//! decides again.
//!
//! Association × year cells (pages 5–6) are decided here: a row with a mark in
//! every year column (`all_marked`) or none (`none_marked`), a pinned cell
//! (`override`), a cell every 0/1 table fitting the marks and totals agrees on
//! (`forced_by_totals`, by [`crate::solve`]), else `unresolved`. Window
//! placement by printed counts is the rule of [`crate::windows::placement`].

use crate::model::{AssociationTable, Participation, Report, Resolution};
use crate::solve::{solve, Decided, Problem};

/// Resolves every table of `report`.
pub fn report(report: &mut Report) {
    for t in &mut report.associations {
        associations(t);
    }
}

/// Decides every cell of `t` from the rows' marks, the totals and the pins,
/// and whether each pin alone leaves a table that fits.
pub fn associations(t: &mut AssociationTable) {
    let ncols = t.years.len();
    let problem = Problem {
        rows: t.rows.iter().map(|r| r.marks).collect(),
        cols: t.years.iter().map(|y| y.total).collect(),
        pins: t
            .pins
            .iter()
            .map(|p| (p.row, p.year, p.participated))
            .collect(),
    };
    let solved = solve(&problem);
    t.feasible = solved.is_some();
    t.cells = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            (0..ncols)
                .map(|c| {
                    let decided = solved
                        .as_ref()
                        .and_then(|s| s.get(r).and_then(|row| row.get(c)).copied());
                    let pin = t.pins.iter().find(|p| p.row == r && p.year == c);
                    match (pin, decided) {
                        (Some(p), _) => Participation {
                            participated: Some(p.participated),
                            resolution: Resolution::Override,
                        },
                        _ if row.marks == 0 => Participation {
                            participated: Some(false),
                            resolution: Resolution::NoneMarked,
                        },
                        _ if row.marks as usize == ncols => Participation {
                            participated: Some(true),
                            resolution: Resolution::AllMarked,
                        },
                        (None, Some(Decided::Forced(v))) => Participation {
                            participated: Some(v),
                            resolution: Resolution::ForcedByTotals,
                        },
                        _ => Participation {
                            participated: None,
                            resolution: Resolution::Unresolved,
                        },
                    }
                })
                .collect()
        })
        .collect();

    for k in 0..t.pins.len() {
        let Some(pin) = t.pins.get(k) else { continue };
        let alone = Problem {
            rows: t.rows.iter().map(|r| r.marks).collect(),
            cols: t.years.iter().map(|y| y.total).collect(),
            pins: vec![(pin.row, pin.year, pin.participated)],
        };
        let fits = solve(&alone).is_some();
        if let Some(pin) = t.pins.get_mut(k) {
            pin.fits_alone = fits;
        }
    }
}
