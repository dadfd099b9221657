//! The run's summary: what `validation_report.md` and `.json` say, kept
//! small whatever the number of editions.

use super::{failure_line, Ambiguity, Check, ValidationReport};
use super::{Family, EXAMPLES};
use zaitaku_parse::model::Date;

/// One kind of ambiguity in a run: how many, and the first few.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindCount {
    /// The kind: `win.targets`.
    pub kind: super::Kind,
    /// Its ambiguities in all.
    pub count: usize,
    /// The first `EXAMPLES` of them.
    pub examples: Vec<Numbered>,
}

/// An ambiguity with its number in its edition's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered {
    /// Its place in its edition's list, from 1 (as `ambiguities.ambiguity_no`).
    pub no: usize,
    /// The ambiguity.
    pub ambiguity: Ambiguity,
}

/// What the validation report says of a run, kept small whatever the number
/// of editions: totals, passed and failed checks per edition and family,
/// every failed check, and every ambiguity kind with its count and first
/// `EXAMPLES` ambiguities. Built edition by edition ([`Summary::add`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Checks in all.
    pub checks: usize,
    /// Ambiguities in all.
    pub ambiguities: usize,
    /// Per edition, in the order added, and family ([`Family::NAMES`]
    /// order): (passed, failed).
    pub counts: Vec<(Date, Vec<(usize, usize)>)>,
    /// The failed checks, in full.
    pub failures: Vec<Check>,
    /// Every ambiguity kind, in order of first appearance: its count and
    /// its first examples, each with its number in its edition's list
    /// (from 1, as `ambiguities.ambiguity_no`).
    pub kinds: Vec<KindCount>,
    /// Per edition, the ambiguities counted so far (to number them).
    numbered: Vec<(Date, usize)>,
}

/// The entry of `edition` in `list`, made by `new` where there is none.
/// An edition's checks and ambiguities come together: its entry is the last
/// one (a search only for an edition new or added again).
fn of_edition<T>(
    list: &mut Vec<(Date, T)>,
    edition: Date,
    new: impl FnOnce() -> T,
) -> Option<&mut T> {
    let last = |list: &Vec<(Date, T)>| list.last().is_some_and(|(e, _)| *e == edition);
    if !last(list) && !list.iter().any(|(e, _)| *e == edition) {
        list.push((edition, new()));
    }
    if last(list) {
        return list.last_mut().map(|(_, t)| t);
    }
    list.iter_mut().find(|(e, _)| *e == edition).map(|(_, t)| t)
}

impl Summary {
    /// Adds the checks and ambiguities of `report`.
    pub fn add(&mut self, report: &ValidationReport) {
        self.checks += report.checks.len();
        self.ambiguities += report.ambiguities.len();
        for c in &report.checks {
            let row = of_edition(&mut self.counts, c.edition, || {
                vec![(0, 0); Family::ALL.len()]
            });
            let f = Family::ALL.iter().position(|f| *f == c.id.family());
            if let Some(cell) = row.and_then(|row| f.and_then(|f| row.get_mut(f))) {
                if c.passed {
                    cell.0 += 1;
                } else {
                    cell.1 += 1;
                }
            }
            if !c.passed {
                self.failures.push(c.clone());
            }
        }
        for a in &report.ambiguities {
            let no = match of_edition(&mut self.numbered, a.edition, || 0) {
                Some(count) => {
                    *count += 1;
                    *count
                }
                None => 1,
            };
            let kind = a.kind();
            let example = Numbered {
                no,
                ambiguity: a.clone(),
            };
            match self.kinds.iter_mut().find(|k| k.kind == kind) {
                Some(k) => {
                    k.count += 1;
                    if k.examples.len() < EXAMPLES {
                        k.examples.push(example);
                    }
                }
                None => self.kinds.push(KindCount {
                    kind,
                    count: 1,
                    examples: vec![example],
                }),
            }
        }
    }

    /// Whether every check passed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// One line per failed check, for the terminal.
    pub fn failure_lines(&self) -> Vec<String> {
        self.failures.iter().map(failure_line).collect()
    }

    /// The totals sentence: 「324 checks, 324 passed, 0 failed; 194 ambiguities.」
    pub fn totals(&self) -> String {
        let failed = self.failures.len();
        format!(
            "{} checks, {} passed, {} failed; {} ambiguities.",
            self.checks,
            self.checks - failed,
            failed,
            self.ambiguities
        )
    }
}
