//! The validation report: checks and ambiguities. Every row goes to the
//! tables `validation_checks` and `ambiguities` (crate `zaitaku-export`);
//! `validation_report.md` and `.json` are a reviewer's summary of them
//! ([`ValidationReport::to_markdown`], [`ValidationReport::to_json`]): counts
//! per edition and family, every failure in full, every ambiguity kind with
//! its count and first examples. [`ValidationReport::to_markdown_all`] lists
//! every row (`zaitaku check --all`).

use serde::Serialize;
use zaitaku_parse::model::Span;

/// One check of a published figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Stable id: `p2.ka.q2.pct_yes`.
    pub id: String,
    /// The edition (ISO as-of date).
    pub edition: String,
    /// What is checked, for a person: 「カ② 実施・予定 %」.
    pub subject: String,
    /// The figure the report publishes (or the rule's expectation).
    pub expected: String,
    /// Where that figure is printed: `page 2, line 147`.
    pub printed_at: Option<String>,
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
    pub id: String,
    /// The edition.
    pub edition: String,
    /// What it concerns.
    pub subject: String,
    /// What the text says and what was done: null, or which rule decided.
    pub resolution: String,
    /// Where, if a place can be named.
    pub at: Option<Span>,
}

impl Ambiguity {
    /// The kind: the family's id and the id's last part, `win.targets`.
    pub fn kind(&self) -> String {
        let mut parts = self.id.split('.');
        let first = parts.next().unwrap_or_default();
        match parts.next_back() {
            Some(last) => format!("{first}.{last}"),
            None => first.to_string(),
        }
    }
}

/// The family of a check or ambiguity, by its id's first part, in the
/// order the report lists them; ids outside these are `other`.
pub const FAMILIES: &[(&str, &str)] = &[
    ("p1", "program_summary"),
    ("p2", "question_summary"),
    ("mun", "municipality_answers"),
    ("assoc", "associations"),
    ("win", "consultation_windows"),
    ("x", "cross_page"),
    ("", "other"),
];

/// Every family name of [`FAMILIES`], in order (the tables' vocabulary).
pub const FAMILY_NAMES: &[&str] = &[
    "program_summary",
    "question_summary",
    "municipality_answers",
    "associations",
    "consultation_windows",
    "cross_page",
    "other",
];

/// The family of an id: `p2.ka.q2.pct_no` → `question_summary`.
pub fn family_of(id: &str) -> &'static str {
    let first = id.split('.').next().unwrap_or_default();
    FAMILIES
        .iter()
        .find(|(prefix, _)| *prefix == first)
        .map_or("other", |(_, name)| name)
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
pub struct Compare<'a> {
    /// Stable id.
    pub id: String,
    /// The edition.
    pub edition: &'a str,
    /// For a person.
    pub subject: String,
    /// Where the published figure is printed.
    pub printed_at: Option<String>,
    /// The places the check is about (see [`Check::spans`]).
    pub spans: Vec<Span>,
}

impl ValidationReport {
    /// Records a check of `expected` (published) against `found` (computed).
    pub fn check<T: PartialEq + std::fmt::Display>(
        &mut self,
        c: Compare<'_>,
        expected: T,
        found: T,
    ) {
        self.checks.push(Check {
            id: c.id,
            edition: c.edition.to_string(),
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
        c: Compare<'_>,
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
        id: String,
        edition: &str,
        subject: String,
        resolution: String,
        at: Option<Span>,
    ) {
        self.ambiguities.push(Ambiguity {
            id,
            edition: edition.to_string(),
            subject,
            resolution,
            at,
        });
    }

    /// The checks and ambiguities of one edition (ISO as-of date).
    pub fn of_edition(&self, edition: &str) -> ValidationReport {
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
        let family = |id: &str| id.split('.').take(3).collect::<Vec<_>>().join(".");
        let failed: Vec<String> = self.failures().map(|c| family(&c.id)).collect();
        self.ambiguities
            .iter()
            .filter(|a| failed.contains(&family(&a.id)))
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

    /// The summary as pretty JSON ([`Summary::to_json`]).
    pub fn to_json(&self) -> String {
        self.summary().to_json()
    }

    /// The summary as Markdown ([`Summary::to_markdown`]).
    pub fn to_markdown(&self) -> String {
        self.summary().to_markdown()
    }

    /// Every row, as Markdown: totals, the failed checks, every check, every ambiguity.
    pub fn to_markdown_all(&self) -> String {
        let summary = self.summary();
        let mut md = summary.headline();
        summary.failures_section(&mut md);
        md += "## Checks\n\n| id | edition | subject | published | printed at | found | result |\n|---|---|---|---|---|---|---|\n";
        for c in &self.checks {
            md += &format!(
                "| `{}` | {} | {} | {} | {} | {} | {} |\n",
                c.id,
                c.edition,
                cell(&c.subject),
                cell(&c.expected),
                c.printed_at.as_deref().unwrap_or("—"),
                cell(&c.found),
                if c.passed { "pass" } else { "**FAIL**" }
            );
        }
        md += "\n## Ambiguities\n\n";
        if self.ambiguities.is_empty() {
            md += "None.\n";
        } else {
            md += "| id | edition | subject | resolution | at |\n|---|---|---|---|---|\n";
            for a in &self.ambiguities {
                md += &format!(
                    "| `{}` | {} | {} | {} | {} |\n",
                    a.id,
                    a.edition,
                    cell(&a.subject),
                    cell(&a.resolution),
                    a.at.map_or("—".to_string(), |s| s.to_string())
                );
            }
        }
        md
    }
}

/// What the validation report says of a run, kept small whatever the number
/// of editions: totals, passed and failed checks per edition and family,
/// every failed check, and every ambiguity kind with its count and first
/// [`EXAMPLES`] ambiguities. Built edition by edition ([`Summary::add`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Checks in all.
    pub checks: usize,
    /// Ambiguities in all.
    pub ambiguities: usize,
    /// Per edition, in the order added, and family ([`FAMILY_NAMES`]
    /// order): (passed, failed).
    pub counts: Vec<(String, Vec<(usize, usize)>)>,
    /// The failed checks, in full.
    pub failures: Vec<Check>,
    /// Every ambiguity kind, in order of first appearance: its count and
    /// its first examples.
    pub kinds: Vec<(String, usize, Vec<Ambiguity>)>,
}

impl Summary {
    /// Adds the checks and ambiguities of `report`.
    pub fn add(&mut self, report: &ValidationReport) {
        self.checks += report.checks.len();
        self.ambiguities += report.ambiguities.len();
        for c in &report.checks {
            // The checks of an edition come together: its row is the last
            // one, or a new one (a search only for an edition added again).
            let last = self.counts.len().checked_sub(1);
            let same = last.filter(|&k| self.counts.get(k).is_some_and(|(e, _)| *e == c.edition));
            let k = match same.or_else(|| self.counts.iter().position(|(e, _)| *e == c.edition)) {
                Some(k) => k,
                None => {
                    self.counts
                        .push((c.edition.clone(), vec![(0, 0); FAMILY_NAMES.len()]));
                    self.counts.len() - 1
                }
            };
            let family = family_of(&c.id);
            let f = FAMILY_NAMES.iter().position(|n| *n == family);
            if let Some(cell) =
                (self.counts.get_mut(k)).and_then(|(_, v)| f.and_then(|f| v.get_mut(f)))
            {
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
            let kind = a.kind();
            match self.kinds.iter_mut().find(|(k, _, _)| *k == kind) {
                Some((_, n, examples)) => {
                    *n += 1;
                    if examples.len() < EXAMPLES {
                        examples.push(a.clone());
                    }
                }
                None => self.kinds.push((kind, 1, vec![a.clone()])),
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

    /// The summary as pretty JSON (ends with a newline): totals, the
    /// families, per edition the passed and failed counts per family, every
    /// failed check in full, every ambiguity kind with its count and first
    /// examples, and the tables holding every row.
    pub fn to_json(&self) -> String {
        let failed = self.failures.len();
        let by_edition: Vec<serde_json::Value> = self
            .counts
            .iter()
            .map(|(edition, counts)| {
                serde_json::json!({
                    "edition": edition,
                    "passed": counts.iter().map(|c| c.0).collect::<Vec<_>>(),
                    "failed": counts.iter().map(|c| c.1).collect::<Vec<_>>(),
                })
            })
            .collect();
        let kinds: Vec<serde_json::Value> = self
            .kinds
            .iter()
            .map(|(kind, count, examples)| {
                serde_json::json!({ "kind": kind, "count": count, "examples": examples })
            })
            .collect();
        let doc = serde_json::json!({
            "summary": {
                "checks_total": self.checks,
                "checks_passed": self.checks - failed,
                "checks_failed": failed,
                "ambiguities": self.ambiguities,
            },
            "families": FAMILY_NAMES,
            "by_edition": by_edition,
            "failures": self.failures,
            "ambiguity_kinds": kinds,
            "tables": { "checks": "validation_checks", "ambiguities": "ambiguities" },
        });
        let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
        s.push('\n');
        s
    }
    /// The summary as Markdown: totals, one table of passed and failed
    /// checks per edition and family, every failed check in full, every
    /// ambiguity kind with its count and first examples, and where the rows are.
    pub fn to_markdown(&self) -> String {
        let counts = &self.counts;
        // `other` is a column only where a check falls in no family.
        let shown = if counts
            .iter()
            .any(|(_, c)| c.last().is_some_and(|o| *o != (0, 0)))
        {
            FAMILY_NAMES.len()
        } else {
            FAMILY_NAMES.len() - 1
        };
        let mut md = self.headline();
        md += "Every check is a row of `validation_checks` and every ambiguity a row of `ambiguities` (Parquet and CSV beside this file); `zaitaku check --all` prints them.\n\n";
        md += "## Checks by edition and family\n\nPassed checks, and failed ones where any failed.\n\n| edition |";
        for f in FAMILY_NAMES.iter().take(shown) {
            md += &format!(" {f} |");
        }
        md += "\n|---|";
        md += &"---|".repeat(shown);
        md += "\n";
        for (edition, counts) in counts {
            md += &format!("| {edition} |");
            for &(passed, failed) in counts.iter().take(shown) {
                md += &match (passed, failed) {
                    (0, 0) => " — |".to_string(),
                    (p, 0) => format!(" {p} |"),
                    (p, f) => format!(" {p}, **{f} failed** |"),
                };
            }
            md += "\n";
        }
        md += "\n";
        self.failures_section(&mut md);
        md += "## Ambiguities by kind\n\n";
        let kinds = &self.kinds;
        if kinds.is_empty() {
            md += "None.\n";
        } else {
            md += "| kind | count | first examples |\n|---|---|---|\n";
            for (kind, count, examples) in kinds {
                let shown: Vec<String> = examples.iter().map(ambiguity_line).collect();
                md += &format!("| `{kind}` | {count} | {} |\n", cell(&shown.join("<br>")));
            }
        }
        md
    }

    /// The title and the totals line.
    fn headline(&self) -> String {
        let failed = self.failures.len();
        format!(
            "# Validation report\n\n{} checks, {} passed, {} failed; {} ambiguities.\n\n",
            self.checks,
            self.checks - failed,
            failed,
            self.ambiguities
        )
    }

    /// `## Failed checks` and one item per failure, if any failed.
    fn failures_section(&self, md: &mut String) {
        if self.passed() {
            return;
        }
        *md += "## Failed checks\n\n";
        for line in self.failure_lines() {
            *md += &format!("- {}\n", cell(&line));
        }
        *md += "\n";
    }
}

/// An ambiguity on one line: 「[2017-07-31] window 2 of 千代田区 (…): what was done (page 7, line 887)」.
fn ambiguity_line(a: &Ambiguity) -> String {
    let at = a.at.map(|p| format!(" ({p})")).unwrap_or_default();
    format!("[{}] {}: {}{at}", a.edition, a.subject, a.resolution)
}

fn failure_line(c: &Check) -> String {
    let at = c
        .printed_at
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    format!(
        "FAIL {} [{}] {}: published {}{at}, reconstructed {}",
        c.id, c.edition, c.subject, c.expected, c.found
    )
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compare(id: &str) -> Compare<'static> {
        Compare {
            id: id.into(),
            edition: "2017-07-31",
            subject: "カ② 実施・予定 %".into(),
            printed_at: Some("page 2, line 147".into()),
            spans: vec![Span::line(2, 147)],
        }
    }

    #[test]
    fn a_disagreeing_figure_fails_and_is_named() {
        let mut r = ValidationReport::default();
        r.check(compare("p2.ka.q2.pct_yes"), "62.3%", "62.3%");
        r.check(compare("p2.ka.q2.pct_no"), "37.8%", "37.7%");
        assert!(!r.passed());
        assert_eq!(
            r.failure_lines(),
            ["FAIL p2.ka.q2.pct_no [2017-07-31] カ② 実施・予定 %: published 37.8% (page 2, line 147), reconstructed 37.7%"]
        );
        assert!(r.to_markdown_all().contains("**FAIL**"));
        assert!(r.to_markdown().contains("1, **1 failed**"));
    }
}
