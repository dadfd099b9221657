//! Association × year cells (pages 5–6): a row with a mark in every year
//! column (`all_marked`) or none (`none_marked`), a pinned cell (`override`),
//! a cell a printed 「未実施地区を対象」 footnote rules out (`footnote`), a cell
//! every 0/1 table fitting the marks and totals agrees on
//! (`forced_by_totals`, by [`super::solve`]), else `unresolved`.

use super::solve::{solve, Cell, Decided, Problem};
use crate::model::{AssociationTable, Participation, Pin, PrintedAssociationTable, Resolution};

/// The cells a 「未実施地区を対象」 footnote ([`crate::model::Footnote::first_time_only`]) decides (see
/// [`Resolution::Footnote`]): in a year column the header marks with such a
/// footnote, a row that took part had no mark in an earlier year, so its
/// other marks all lie in later columns. A row with more marks than that
/// allows did not take part that year. (row, column) pairs.
fn first_time_only(t: &PrintedAssociationTable) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let ncols = t.years.len();
    for (c, year) in t.years.iter().enumerate() {
        let marked = year.notes.iter().any(|n| {
            t.footnotes
                .iter()
                .any(|f| f.first_time_only && f.numbers.contains(n))
        });
        if !marked {
            continue;
        }
        // Took part in column c: its other marks lie in the columns after c.
        let later = ncols.saturating_sub(c + 1);
        for (r, row) in t.rows.iter().enumerate() {
            if row.marks as usize > later + 1 {
                out.push((r, c));
            }
        }
    }
    out
}

/// Decides every cell of `t` from the rows' marks, the totals and `pins`,
/// and whether each pin alone leaves a table that fits.
pub fn associations(t: PrintedAssociationTable, mut pins: Vec<Pin>) -> AssociationTable {
    let ncols = t.years.len();
    let footnoted = first_time_only(&t);
    // The overrides' pins, and the footnote's where no override pins the cell.
    let pinned = |r: usize, c: usize| pins.iter().any(|p| p.row == r && p.year == c);
    let problem = Problem {
        rows: t.rows.iter().map(|r| r.marks).collect(),
        cols: t.years.iter().map(|y| y.total).collect(),
        pins: pins
            .iter()
            .map(|p| Cell {
                row: p.row,
                column: p.year,
                value: p.participated,
            })
            .chain(
                footnoted
                    .iter()
                    .filter(|&&(r, c)| !pinned(r, c))
                    .map(|&(row, column)| Cell {
                        row,
                        column,
                        value: false,
                    }),
            )
            .collect(),
    };
    let solved = solve(&problem);
    let feasible = solved.is_some();
    let cells = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            (0..ncols)
                .map(|c| {
                    let decided = solved
                        .as_ref()
                        .and_then(|s| s.get(r).and_then(|row| row.get(c)).copied());
                    let pin = pins.iter().find(|p| p.row == r && p.year == c);
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
                        _ if footnoted.contains(&(r, c)) => Participation {
                            participated: Some(false),
                            resolution: Resolution::Footnote,
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

    // Each pin alone, against the same marks and totals.
    let Problem { rows, cols, .. } = problem;
    for pin in &mut pins {
        let alone = Problem {
            rows: rows.clone(),
            cols: cols.clone(),
            pins: vec![Cell {
                row: pin.row,
                column: pin.year,
                value: pin.participated,
            }],
        };
        pin.fits_alone = solve(&alone).is_some();
    }
    AssociationTable {
        printed: t,
        pins,
        cells,
        feasible,
        decided: true,
    }
}

#[cfg(test)]
mod tests {
    use crate::layout::Program;
    use crate::model::{Participation, Resolution};

    /// The round_the_clock_care cells of the seed's row `name`.
    fn cells(name: &str) -> Vec<Participation> {
        let report = crate::parse_text(include_str!("../../../../raw/000_1fb60f2a74870bbb.txt"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let t = report
            .associations
            .into_iter()
            .find(|t| t.printed.program == Program::RoundTheClockCare)
            .unwrap();
        let r = t.printed.rows.iter().position(|r| r.name == name).unwrap();
        t.cells[r].clone()
    }

    #[test]
    fn cells_are_decided_where_the_text_can() {
        // L702 「神田 （福生市）」: no mark, so no year.
        assert!(cells("神田")
            .iter()
            .all(|c| c.resolution == Resolution::NoneMarked && c.participated == Some(false)));
        // L700 「千代田区 〇 西多摩 〇」: one mark over six years, which the totals
        // do not decide; FY2017 (※1: only districts new to the program) is
        // open too, as a one-mark row may have been new then.
        assert!(cells("千代田区")
            .iter()
            .all(|c| c.resolution == Resolution::Unresolved && c.participated.is_none()));
        // L704 「日本橋 〇 〇 （あきる野市）」: two marks, so it had one before
        // FY2017 and was not new then.
        let nihonbashi = cells("日本橋");
        assert_eq!(
            nihonbashi.last().map(|c| (c.resolution, c.participated)),
            Some((Resolution::Footnote, Some(false)))
        );
    }
}
