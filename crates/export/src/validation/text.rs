//! The validation report as Markdown (`validation_report.md`, `check
//! --format md`) and as plain text for a terminal (`check`): the summary,
//! or every row (`check --all`).

use zaitaku_validate::report::{ambiguity_line, Family, Summary};
use zaitaku_validate::ValidationReport;

/// The summary as Markdown: totals, one table of passed and failed
/// checks per edition and family, every failed check in full, every
/// ambiguity kind with its count and first examples, and where the rows
/// are (beside this file: `validation_report.md` of a build).
pub fn summary_markdown(s: &Summary) -> String {
    markdown(s, "(Parquet and CSV beside this file)")
}

/// [`summary_markdown`] where no file was written
/// (`zaitaku check`): the rows are in a build's output.
pub fn summary_markdown_unwritten(s: &Summary) -> String {
    markdown(s, "(Parquet and CSV in the output of `zaitaku build`)")
}

/// The Markdown summary, saying `rows_at` of where the rows are.
fn markdown(s: &Summary, rows_at: &str) -> String {
    let counts = &s.counts;
    // `other` is a column only where a check falls in no family.
    let shown = if counts
        .iter()
        .any(|(_, c)| c.last().is_some_and(|o| *o != (0, 0)))
    {
        Family::NAMES.len()
    } else {
        Family::NAMES.len() - 1
    };
    let mut md = headline(s);
    // What failed comes first: a build written with --keep-failed.
    failures_section(s, &mut md);
    md += &format!("Every check is a row of `validation_checks` and every ambiguity a row of `ambiguities` {rows_at}; `zaitaku check --all` prints them.\n\n");
    md += "## Checks by edition and family\n\nPassed checks, and failed ones where any failed.\n\n| edition |";
    for f in Family::NAMES.iter().take(shown) {
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
    md += "## Ambiguities by kind\n\n";
    let kinds = &s.kinds;
    if kinds.is_empty() {
        md += "None.\n";
    } else {
        md += "| kind | count | first examples |\n|---|---|---|\n";
        for k in kinds {
            let shown: Vec<String> = (k.examples.iter())
                .map(|e| ambiguity_line(&e.ambiguity))
                .collect();
            md += &format!(
                "| `{}` | {} | {} |\n",
                k.kind,
                k.count,
                cell(&shown.join("<br>"))
            );
        }
    }
    md
}

/// The summary as plain text for a terminal (no Markdown, no HTML):
/// totals, the passed and failed checks of each edition by family, every
/// failed check, and every ambiguity kind with its count and first
/// examples, each on a line of its own.
pub fn summary_text(s: &Summary) -> String {
    let mut out = format!("{}\n", s.totals());
    let width = Family::NAMES.iter().map(|n| n.len()).max().unwrap_or(0);
    for (edition, counts) in &s.counts {
        out += &format!("\nChecks of {edition}, by family:\n");
        for (name, &(passed, failed)) in Family::NAMES.iter().zip(counts) {
            if (passed, failed) == (0, 0) {
                continue;
            }
            out += &format!("  {name:<width$}  {passed} passed");
            if failed > 0 {
                out += &format!(", {failed} FAILED");
            }
            out += "\n";
        }
    }
    if !s.passed() {
        out += "\nFailed checks:\n";
        for line in s.failure_lines() {
            out += &format!("  {line}\n");
        }
    }
    if !s.kinds.is_empty() {
        out += "\nAmbiguities by kind (first examples; every one: zaitaku check --all):\n";
        for k in &s.kinds {
            out += &format!("  {}: {}\n", k.kind, k.count);
            for e in &k.examples {
                out += &format!("    {}\n", ambiguity_line(&e.ambiguity));
            }
        }
    }
    out
}

/// The title and the totals line.
fn headline(s: &Summary) -> String {
    format!("# Validation report\n\n{}\n\n", s.totals())
}

/// `## Failed checks` and one item per failure, if any failed.
fn failures_section(s: &Summary, md: &mut String) {
    if s.passed() {
        return;
    }
    *md += "## Failed checks\n\n";
    for line in s.failure_lines() {
        *md += &format!("- {}\n", cell(&line));
    }
    *md += "\n";
}

/// Every row as plain text for a terminal: totals, the failed checks,
/// every check and every ambiguity, one line each.
pub fn text_all(r: &ValidationReport) -> String {
    let mut out = format!("{}\n\nChecks:\n", r.summary().totals());
    for c in &r.checks {
        let at = (c.printed_at.as_ref()).map_or(String::new(), |p| format!(" ({p})"));
        out += &format!(
            "  {} {} [{}] {}: published {}{at}, found {}\n",
            if c.passed { "pass" } else { "FAIL" },
            c.id,
            c.edition,
            c.subject.replace('\n', " "),
            c.expected,
            c.found
        );
    }
    out += "\nAmbiguities:\n";
    for a in &r.ambiguities {
        out += &format!("  {} {}\n", a.id, ambiguity_line(a));
    }
    out
}

/// Every row, as Markdown: totals, the failed checks, every check, every ambiguity.
pub fn markdown_all(r: &ValidationReport) -> String {
    let summary = r.summary();
    let mut md = headline(&summary);
    failures_section(&summary, &mut md);
    md += "## Checks\n\n| id | edition | subject | published | printed at | found | result |\n|---|---|---|---|---|---|---|\n";
    for c in &r.checks {
        md += &format!(
            "| `{}` | {} | {} | {} | {} | {} | {} |\n",
            c.id,
            c.edition,
            cell(&c.subject),
            cell(&c.expected),
            c.printed_at
                .as_ref()
                .map_or("—".to_string(), ToString::to_string),
            cell(&c.found),
            if c.passed { "pass" } else { "**FAIL**" }
        );
    }
    md += "\n## Ambiguities\n\n";
    if r.ambiguities.is_empty() {
        md += "None.\n";
    } else {
        md += "| id | edition | subject | resolution | at |\n|---|---|---|---|---|\n";
        for a in &r.ambiguities {
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

/// A text as a Markdown table cell holds it: `|` escaped, on one line.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use zaitaku_parse::model::{Date, Span};
    use zaitaku_validate::report::{Compare, Family, Id, PrintedAt};

    #[test]
    fn a_failed_check_is_listed_first_and_counted_by_family() {
        let compare = |id: &'static str| Compare {
            id: Id::new(Family::QuestionSummary, id),
            edition: Date::parse_iso("2017-07-31").unwrap(),
            subject: "カ② 実施・予定 %".into(),
            printed_at: Some(PrintedAt::at(Span::line(2, 147))),
            spans: vec![Span::line(2, 147)],
        };
        let mut r = ValidationReport::default();
        r.check(compare("pct_yes"), "62.3%", "62.3%");
        r.check(compare("pct_no"), "37.8%", "37.7%");
        let all = markdown_all(&r);
        assert!(all.contains("**FAIL**"), "{all}");
        let summary = summary_markdown(&r.summary());
        assert!(summary.contains("1, **1 failed**"), "{summary}");
        assert!(summary.find("## Failed checks") < summary.find("## Checks by edition"));
        assert!(summary_text(&r.summary()).contains("1 FAILED"));
    }
}
