//! A diff for people and programs: the terminal summary, Markdown and JSON.
//! (CSV is the `changes` table's file, written by the export crate.)

use crate::whole;
use crate::{Change, Kind, TABLES};
use std::fmt::Write as _;
use zaitaku_table::names::{column, table as tables};

/// One side of a diff, for headings: its edition and where it was read.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// As-of date.
    pub edition: zaitaku_parse::model::Date,
    /// The input as given (a file or an output directory).
    pub source: &'a str,
}

/// What each table's changes are called in summaries.
fn title(table: &str) -> &'static str {
    match table {
        tables::PROGRAM_SUMMARY => "page 1 figures",
        tables::QUESTION_SUMMARY => "page 2 figures",
        tables::MUNICIPALITY_ANSWERS => "marks",
        tables::MUNICIPALITY_CHOICES => "options chosen",
        tables::CONSULTATION_WINDOWS => "consultation windows",
        tables::WINDOW_PLANS => "planned openings",
        tables::ASSOCIATION_PROGRAMS => "association rows",
        tables::ASSOCIATION_PROGRAM_YEARS => "association year cells",
        tables::ASSOCIATION_PROGRAM_TOTALS => "association totals",
        tables::MUNICIPALITIES => "municipalities",
        _ => "other",
    }
}

/// A table's changes: its name, its changes, the count per kind.
type TableChanges<'c> = (&'static str, Vec<&'c Change>, Vec<(Kind, usize)>);

/// The tables that have changes, in [`TABLES`] order, each with its
/// changes and the count per kind.
fn by_table(changes: &[Change]) -> Vec<TableChanges<'_>> {
    TABLES
        .iter()
        .filter_map(|t| {
            let mine: Vec<&Change> = changes.iter().filter(|c| c.table == *t).collect();
            if mine.is_empty() {
                return None;
            }
            let counts = Kind::ALL
                .iter()
                .map(|k| (*k, mine.iter().filter(|c| c.kind == *k).count()))
                .filter(|(_, n)| *n > 0)
                .collect();
            Some((*t, mine, counts))
        })
        .collect()
}

/// `3 started, 1 stopped`.
fn counted(counts: &[(Kind, usize)]) -> String {
    counts
        .iter()
        .map(|(k, n)| format!("{n} {}", k.id().replace('_', " ")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn value(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("(null)")
}

fn place(c: &Change) -> String {
    let at = |a: Option<crate::At>| a.map_or("-".to_string(), |a| a.to_string());
    format!("[{} → {}]", at(c.old_at), at(c.new_at))
}

/// The terminal summary: a heading with both editions and the count of
/// changes ("no changes" when there are none), then per table the count per
/// kind and its changes, one line per row and kind, fields joined.
pub fn terminal(changes: &[Change], old: Side<'_>, new: Side<'_>, notes: &[String]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "zaitaku diff: {} ({}) → {} ({}): ",
        old.edition, old.source, new.edition, new.source
    );
    if changes.is_empty() {
        out.push_str("no changes\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{} change{}",
        changes.len(),
        if changes.len() == 1 { "" } else { "s" }
    );
    for (table, mine, counts) in by_table(changes) {
        let _ = writeln!(out, "\n{} ({table}): {}", title(table), counted(&counts));
        for (kind, _) in &counts {
            // Rows of one kind, in order; a row's fields on one line.
            let of_kind: Vec<&&Change> = mine.iter().filter(|c| c.kind == *kind).collect();
            if counts.len() > 1 {
                let _ = writeln!(out, "  {}:", kind.id().replace('_', " "));
            }
            let indent = if counts.len() > 1 { "    " } else { "  " };
            let mut k = 0;
            while let Some(first) = of_kind.get(k) {
                let same: Vec<&&&Change> = of_kind
                    .iter()
                    .skip(k)
                    .take_while(|c| c.key == first.key)
                    .collect();
                k += same.len().max(1);
                let fields: Vec<String> = same
                    .iter()
                    .map(|c| {
                        let note = c
                            .note
                            .as_deref()
                            .map(|n| format!(" ({n})"))
                            .unwrap_or_default();
                        match c.kind {
                            Kind::Started | Kind::Stopped | Kind::MarkChanged => {
                                c.note.clone().unwrap_or_default()
                            }
                            Kind::PlanRealized | Kind::PlanNew | Kind::PlanDropped => {
                                format!(
                                    "{}{note}",
                                    value(if c.new.is_some() { &c.new } else { &c.old })
                                )
                            }
                            _ if c.field == whole::ROW
                                || c.field == whole::WINDOW
                                || c.field == column::OPTION =>
                            {
                                format!(
                                    "{}{note}",
                                    value(if c.new.is_some() { &c.new } else { &c.old })
                                )
                            }
                            _ => format!("{} {} → {}{note}", c.field, value(&c.old), value(&c.new)),
                        }
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "{indent}{}: {}  {}",
                    first.key,
                    fields.join("; "),
                    place(first)
                );
            }
        }
    }
    if !notes.is_empty() {
        out.push('\n');
        for n in notes {
            let _ = writeln!(out, "{n}");
        }
    }
    out
}

/// What a summary says beside the changes: the plans printed the same in
/// both editions (no change; empty when there are none).
pub fn notes(old: &crate::Edition, new: &crate::Edition) -> Vec<String> {
    match crate::windows::still_planned(old, new) {
        0 => Vec::new(),
        n => vec![format!(
            "unchanged: {n} planned opening{} printed the same in both editions (still planned)",
            if n == 1 { "" } else { "s" }
        )],
    }
}

/// Markdown: the heading, a count per table and kind, then per table every
/// change in a table.
pub fn markdown(changes: &[Change], old: Side<'_>, new: Side<'_>, notes: &[String]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Changes from {} to {}\n\nOld: {} (`{}`). New: {} (`{}`).\n",
        old.edition, new.edition, old.edition, old.source, new.edition, new.source
    );
    if changes.is_empty() {
        out.push_str("No changes.\n");
        return out;
    }
    for n in notes {
        let _ = writeln!(out, "{}.\n", n.replacen("unchanged: ", "Unchanged: ", 1));
    }
    let groups = by_table(changes);
    out.push_str("| table | changes |\n|---|---|\n");
    for (table, _, counts) in &groups {
        let _ = writeln!(
            out,
            "| {} (`{table}`) | {} |",
            title(table),
            counted(counts)
        );
    }
    let cell = |v: &str| v.replace('|', "\\|").replace('\n', " ");
    for (table, mine, _) in &groups {
        let _ = writeln!(
            out,
            "\n## {} (`{table}`)\n\n| key | field | old | new | kind | note | old page:line | new page:line |\n|---|---|---|---|---|---|---|---|",
            title(table)
        );
        for c in mine {
            let at = |a: Option<crate::At>| a.map_or(String::new(), |a| a.to_string());
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                cell(&c.key),
                cell(c.field),
                cell(c.old.as_deref().unwrap_or_default()),
                cell(c.new.as_deref().unwrap_or_default()),
                c.kind.id(),
                cell(c.note.as_deref().unwrap_or_default()),
                at(c.old_at),
                at(c.new_at)
            );
        }
    }
    out
}

/// JSON: both sides, the count per table and kind, and every change.
pub fn json(changes: &[Change], old: Side<'_>, new: Side<'_>) -> String {
    let counts: serde_json::Map<String, serde_json::Value> = by_table(changes)
        .into_iter()
        .map(|(table, _, counts)| {
            let kinds: serde_json::Map<String, serde_json::Value> = counts
                .into_iter()
                .map(|(k, n)| (k.id().to_string(), n.into()))
                .collect();
            (table.to_string(), kinds.into())
        })
        .collect();
    let doc = serde_json::json!({
        "old": { "edition": old.edition, "source": old.source },
        "new": { "edition": new.edition, "source": new.source },
        "changes_total": changes.len(),
        "counts": counts,
        "changes": changes,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
