//! The validation report as data: checks and ambiguities, and the run's
//! [`Summary`] (counts per edition and family, every failure in full,
//! every ambiguity kind with its count and first examples). Every row goes
//! to the tables `validation_checks` and `ambiguities` (crate
//! `zaitaku-table`); the report's documents — Markdown, text, JSON — are
//! made in one place, the export crate's `validation` module. Here only a
//! check's or an ambiguity's line for messages ([`failure_line`],
//! [`ambiguity_line`]).

mod id;
mod printed;
mod summary;

pub use id::{Family, Id, Kind, Subject, AMBIGUITY_KINDS, CHECK_KINDS};
pub use printed::PrintedAt;
pub use summary::{KindCount, Numbered, Summary};

use serde::Serialize;
use zaitaku_parse::model::{Date, Span};

/// One check of a published figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Stable id: `p2.ka.q2.pct_yes`.
    pub id: Id,
    /// The edition (its as-of date).
    pub edition: Date,
    /// What is checked, for a person: 「カ② 実施・予定 %」.
    pub subject: String,
    /// The figure the report publishes (or the rule's expectation).
    pub expected: String,
    /// Where that figure is printed: `page 2, line 147`.
    pub printed_at: Option<PrintedAt>,
    /// The places the check is about, first the published figure's: what a
    /// failure shows with its source lines.
    pub spans: Vec<Span>,
    /// What the reconstruction gives.
    pub found: String,
    /// Whether they agree.
    pub passed: bool,
    /// For a failed check: the places that may explain the difference, each
    /// with the rule of the report it breaks. Empty where none breaks one
    /// (the text then cannot tell where the difference is).
    pub suspects: Vec<Suspect>,
}

/// A place that may explain a failed check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suspect {
    /// Where: the row and, where known, the cell's column.
    pub span: Span,
    /// Who and why: 「中央区: ウ③ answered while ウ② is △」.
    pub why: String,
}

/// Something the text cannot decide, or decides only by a documented rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ambiguity {
    /// Stable id: `p2.o.q2.text`.
    pub id: Id,
    /// The edition.
    pub edition: Date,
    /// What it concerns.
    pub subject: String,
    /// What the text says and what was done: null, or which rule decided.
    pub resolution: String,
    /// Where, if a place can be named.
    pub at: Option<Span>,
}

impl Ambiguity {
    /// The kind: the family's prefix and the id's last part, `win.targets`.
    pub fn kind(&self) -> Kind {
        self.id.kind()
    }
}

/// Examples of each ambiguity kind the summary shows.
const EXAMPLES: usize = 3;

/// Every check and ambiguity of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ValidationReport {
    /// The checks, in the order they ran.
    pub checks: Vec<Check>,
    /// The ambiguities.
    pub ambiguities: Vec<Ambiguity>,
}

/// What a check compares: the published figure and the computed one.
pub struct Compare {
    /// Stable id.
    pub id: Id,
    /// The edition.
    pub edition: Date,
    /// For a person.
    pub subject: String,
    /// Where the published figure is printed.
    pub printed_at: Option<PrintedAt>,
    /// The places the check is about (see [`Check::spans`]).
    pub spans: Vec<Span>,
}

impl ValidationReport {
    /// Records a check of `expected` (published) against `found` (computed).
    pub fn check<T: PartialEq + std::fmt::Display>(&mut self, c: Compare, expected: T, found: T) {
        self.checks.push(Check {
            id: c.id,
            edition: c.edition,
            subject: c.subject,
            passed: expected == found,
            expected: expected.to_string(),
            printed_at: c.printed_at,
            spans: c.spans,
            suspects: Vec::new(),
            found: found.to_string(),
        });
    }

    /// Records a check as [`check`](Self::check) does, with the places that
    /// may explain it if it fails.
    pub fn check_with_suspects<T: PartialEq + std::fmt::Display>(
        &mut self,
        c: Compare,
        expected: T,
        found: T,
        suspects: Vec<Suspect>,
    ) {
        self.check(c, expected, found);
        if let Some(last) = self.checks.last_mut().filter(|c| !c.passed) {
            last.suspects = suspects;
        }
    }

    /// Records an ambiguity.
    pub fn ambiguity(
        &mut self,
        id: Id,
        edition: Date,
        subject: String,
        resolution: String,
        at: Option<Span>,
    ) {
        self.ambiguities.push(Ambiguity {
            id,
            edition,
            subject,
            resolution,
            at,
        });
    }

    /// The checks and ambiguities of one edition.
    pub fn of_edition(&self, edition: Date) -> ValidationReport {
        ValidationReport {
            checks: self
                .checks
                .iter()
                .filter(|c| c.edition == edition)
                .cloned()
                .collect(),
            ambiguities: (self.ambiguities.iter())
                .filter(|a| a.edition == edition)
                .cloned()
                .collect(),
        }
    }

    /// Appends the checks and ambiguities of `other` (another edition's).
    pub fn extend(&mut self, other: ValidationReport) {
        self.checks.extend(other.checks);
        self.ambiguities.extend(other.ambiguities);
    }

    /// Whether every check passed.
    pub fn passed(&self) -> bool {
        self.checks.iter().all(|c| c.passed)
    }

    /// The failed checks.
    pub fn failures(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| !c.passed)
    }

    /// One line per failed check, for the terminal.
    pub fn failure_lines(&self) -> Vec<String> {
        self.failures().map(failure_line).collect()
    }

    /// One line per ambiguity about what a failed check is about (the same
    /// first three parts of the id: `mun.e.q2.unmatched` for
    /// `mun.e.q2.opt1.chosen`), for the terminal.
    pub fn ambiguity_lines(&self) -> Vec<String> {
        let failed: Vec<&Id> = self.failures().map(|c| &c.id).collect();
        self.ambiguities
            .iter()
            .filter(|a| failed.iter().any(|id| id.same_figure(&a.id)))
            .map(|a| {
                let at = a.at.map(|p| format!(" ({p})")).unwrap_or_default();
                format!(
                    "NOTE {} [{}] {}: {}{at}",
                    a.id, a.edition, a.subject, a.resolution
                )
            })
            .collect()
    }

    /// The summary of the report (see [`Summary`]).
    pub fn summary(&self) -> Summary {
        let mut summary = Summary::default();
        summary.add(self);
        summary
    }
}

/// An ambiguity on one line: 「[2017-07-31] window 2 of 千代田区 (…): what was done (page 7, line 887)」.
pub fn ambiguity_line(a: &Ambiguity) -> String {
    let at = a.at.map(|p| format!(" ({p})")).unwrap_or_default();
    format!("[{}] {}: {}{at}", a.edition, a.subject, a.resolution)
}

/// A failed check on one line: 「FAIL id \[edition\] subject: published …, reconstructed …」.
pub fn failure_line(c: &Check) -> String {
    let at = c
        .printed_at
        .as_ref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    format!(
        "FAIL {} [{}] {}: published {}{at}, reconstructed {}",
        c.id, c.edition, c.subject, c.expected, c.found
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compare(id: &'static str) -> Compare {
        Compare {
            id: Id::new(Family::QuestionSummary, id),
            edition: Date::parse_iso("2017-07-31").unwrap(),
            subject: "カ② 実施・予定 %".into(),
            printed_at: Some(PrintedAt::at(Span::line(2, 147))),
            spans: vec![Span::line(2, 147)],
        }
    }

    #[test]
    fn a_disagreeing_figure_fails_and_is_named() {
        let mut r = ValidationReport::default();
        r.check(compare("ka.q2.pct_yes"), "62.3%", "62.3%");
        r.check(compare("ka.q2.pct_no"), "37.8%", "37.7%");
        assert!(!r.passed());
        assert_eq!(
            r.failure_lines(),
            ["FAIL p2.ka.q2.pct_no [2017-07-31] カ② 実施・予定 %: published 37.8% (page 2, line 147), reconstructed 37.7%"]
        );
        assert_eq!(r.summary().failures.len(), 1);
    }
}
