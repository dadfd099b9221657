//! The validation report: checks and ambiguities, as JSON and Markdown.

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
    pub at: Option<String>,
}

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
        at: Option<String>,
    ) {
        self.ambiguities.push(Ambiguity {
            id,
            edition: edition.to_string(),
            subject,
            resolution,
            at,
        });
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
                let at =
                    a.at.as_deref()
                        .map(|p| format!(" ({p})"))
                        .unwrap_or_default();
                format!(
                    "NOTE {} [{}] {}: {}{at}",
                    a.id, a.edition, a.subject, a.resolution
                )
            })
            .collect()
    }

    /// The report as pretty JSON (ends with a newline).
    pub fn to_json(&self) -> String {
        let summary = serde_json::json!({
            "checks_total": self.checks.len(),
            "checks_passed": self.checks.iter().filter(|c| c.passed).count(),
            "checks_failed": self.failures().count(),
            "ambiguities": self.ambiguities.len(),
        });
        let doc = serde_json::json!({ "summary": summary, "checks": self.checks, "ambiguities": self.ambiguities });
        let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The report as Markdown: a summary, the failed checks, every check, the ambiguities.
    pub fn to_markdown(&self) -> String {
        let failed = self.failures().count();
        let mut md = String::from("# Validation report\n\n");
        md += &format!(
            "{} checks, {} passed, {} failed; {} ambiguities.\n\n",
            self.checks.len(),
            self.checks.len() - failed,
            failed,
            self.ambiguities.len()
        );
        if failed > 0 {
            md += "## Failed checks\n\n";
            for line in self.failure_lines() {
                md += &format!("- {}\n", cell(&line));
            }
            md += "\n";
        }
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
                    a.at.as_deref().unwrap_or("—")
                );
            }
        }
        md
    }
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
        assert!(r.to_markdown().contains("**FAIL**"));
    }
}
