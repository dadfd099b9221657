//! Checks of pages 5–6 (medical associations by fiscal year): the marks add
//! up to the printed totals, the associations with a mark to the printed
//! count, no row has more marks than year columns, a 0/1 table fits the
//! marks, totals and pins, and decided cells never exceed a total. The
//! report then lists what the text decides and what it cannot.

use crate::report::{Compare, Family, Id, PrintedAt, ValidationReport};
use zaitaku_parse::model::{AssociationTable, Date, Report, Resolution, Span};

/// Every check and ambiguity of pages 5–6.
pub fn association_programs(report: &Report, out: &mut ValidationReport) {
    let ed = report.edition.as_of;
    for t in &report.associations {
        table(t, ed, out);
    }
}

fn years_label(t: &AssociationTable) -> String {
    match (t.printed.years.first(), t.printed.years.last()) {
        (Some(a), Some(b)) => format!("FY{}–FY{}", a.fiscal_year, b.fiscal_year),
        _ => "no year".to_string(),
    }
}

fn table(t: &AssociationTable, ed: Date, out: &mut ValidationReport) {
    counts(t, ed, out);
    pins(t, ed, out);
    decided(t, ed, out);
    summary(t, ed, out);
}

/// The check `part` of `t`'s program, about `subject`, printed `at`.
fn compare(t: &AssociationTable, ed: Date, id: Id, subject: String, at: Option<Span>) -> Compare {
    Compare {
        id,
        edition: ed,
        subject: format!(
            "{} (page {}): {subject}",
            t.printed.program.title(),
            t.printed.page
        ),
        printed_at: at.map(PrintedAt::at),
        spans: at.into_iter().collect(),
    }
}

/// The table's counts: its marks against its totals, the associations
/// with a mark against the printed count, no row with more marks than
/// years, every association listed once.
fn counts(t: &AssociationTable, ed: Date, out: &mut ValidationReport) {
    let p = t.printed.program.id();
    let id = |s: &'static str| Id::about(Family::Associations, p, s);
    let cmp = |id: Id, subject: String, at: Option<Span>| compare(t, ed, id, subject, at);
    let totals: u32 = t.printed.years.iter().map(|y| y.total).sum();
    let marks: u32 = t.printed.rows.iter().map(|r| r.marks).sum();
    out.check(
        cmp(
            id("marks_total"),
            "marks in total = sum of the per-year totals".into(),
            Some(t.printed.totals_span),
        ),
        totals,
        marks,
    );
    if let Some((count, span)) = t.printed.printed_count {
        let with_mark = t.printed.rows.iter().filter(|r| r.marks > 0).count() as u32;
        out.check(
            cmp(
                id("participants"),
                "associations with at least one mark = the printed count".into(),
                Some(span),
            ),
            count,
            with_mark,
        );
    }
    let n = t.printed.years.len();
    let over: Vec<String> = t
        .printed
        .rows
        .iter()
        .filter(|r| r.marks as usize > n)
        .map(|r| format!("{} has {} ({})", r.name, r.marks, r.span))
        .collect();
    let rule = format!("at most {n} marks per row (one per year column)");
    out.check(
        cmp(
            id("row_marks"),
            "no row has more marks than year columns".into(),
            Some(t.printed.header_span),
        ),
        rule.clone(),
        if over.is_empty() {
            rule
        } else {
            over.join(", ")
        },
    );
    let mut names: Vec<&str> = t.printed.rows.iter().map(|r| r.name.as_str()).collect();
    names.sort_unstable();
    let twice: Vec<&str> = names
        .windows(2)
        .filter_map(|w| match w {
            [a, b] if a == b => Some(*a),
            _ => None,
        })
        .collect();
    out.check(
        cmp(
            id("names_unique"),
            "every association is listed once".into(),
            None,
        ),
        "each once".to_string(),
        if twice.is_empty() {
            "each once".to_string()
        } else {
            format!("more than once: {}", twice.join(", "))
        },
    );
}

/// A table of 0/1 cells fits, and each year's decided cells stay within
/// its total.
fn decided(t: &AssociationTable, ed: Date, out: &mut ValidationReport) {
    let p = t.printed.program.id();
    let id = |s: &'static str| Id::about(Family::Associations, p, s);
    let cmp = |id: Id, subject: String, at: Option<Span>| compare(t, ed, id, subject, at);
    out.check(
        cmp(
            id("fits"),
            "a table of 0/1 cells fits every row's marks, every year's total and every pin (Gale–Ryser)".into(),
            Some(t.printed.totals_span),
        ),
        "fits".to_string(),
        if t.feasible { "fits".to_string() } else { "no table fits".to_string() },
    );
    for (c, y) in t.printed.years.iter().enumerate() {
        let yes = t
            .cells
            .iter()
            .filter(|row| row.get(c).is_some_and(|x| x.participated == Some(true)))
            .count();
        let no = t
            .cells
            .iter()
            .filter(|row| row.get(c).is_some_and(|x| x.participated == Some(false)))
            .count();
        let fits = yes as u32 <= y.total
            && no as u32 <= t.printed.rows.len() as u32 - y.total.min(t.printed.rows.len() as u32);
        out.check(
            cmp(
                Id::about(Family::Associations, format!("{p}.fy{}", y.fiscal_year), "decided"),
                format!(
                    "FY{}: cells decided as taking part ({yes}) ≤ the total, decided as not ({no}) ≤ rows − the total",
                    y.fiscal_year
                ),
                Some(t.printed.totals_span),
            ),
            format!("within total {}", y.total),
            if fits { format!("within total {}", y.total) } else { format!("{yes} taking part, {no} not, of {} rows", t.printed.rows.len()) },
        );
    }
}

/// Each pin, alone, must leave a table that fits (as the resolve stage
/// found); a pin that does not is named.
fn pins(t: &AssociationTable, ed: Date, out: &mut ValidationReport) {
    for pin in &t.pins {
        let (Some(row), Some(year)) = (t.printed.rows.get(pin.row), t.printed.years.get(pin.year))
        else {
            continue;
        };
        let fits = pin.fits_alone;
        out.check(
            Compare {
                id: Id::about(Family::Associations, format!("{}.{}.fy{}", t.printed.program.id(), row.name, year.fiscal_year), "override"),
                edition: ed,
                subject: format!(
                    "override {} ({}): {} FY{} participated = {}, against {}'s {} mark(s) and the totals",
                    pin.source,
                    t.printed.program.id(),
                    row.name,
                    year.fiscal_year,
                    pin.participated,
                    row.name,
                    row.marks
                ),
                printed_at: Some(PrintedAt::all([row.span, t.printed.totals_span])),
                spans: vec![row.span, t.printed.totals_span],
            },
            "fits".to_string(),
            if fits { "fits".to_string() } else { "no table fits".to_string() },
        );
    }
}

/// How many cells each rule decided, and every undecided or forced cell.
fn summary(t: &AssociationTable, ed: Date, out: &mut ValidationReport) {
    let p = t.printed.program.id();
    let count = |res: Resolution| {
        t.cells
            .iter()
            .flatten()
            .filter(|c| c.resolution == res)
            .count()
    };
    let counts: Vec<(Resolution, usize)> = (Resolution::ALL.into_iter())
        .map(|r| (r, count(r)))
        // Position is a PDF's alone: a text's report does not list it.
        .filter(|&(r, n)| r != Resolution::Position || n > 0)
        .collect();
    let cells = t.printed.rows.len() * t.printed.years.len();
    let parts: Vec<String> = counts
        .iter()
        .map(|(r, n)| format!("{} {n}", r.id()))
        .collect();
    out.check(
        Compare {
            id: Id::about(Family::Associations, p, "cells"),
            edition: ed,
            subject: format!(
                "{} (page {}): every association × year cell is decided by one rule or unresolved: {}",
                t.printed.program.title(),
                t.printed.page,
                parts.join(", ")
            ),
            printed_at: None,
            spans: Vec::new(),
        },
        format!("{} associations × {} years = {cells}", t.printed.rows.len(), t.printed.years.len()),
        format!(
            "{} associations × {} years = {}",
            t.printed.rows.len(),
            t.printed.years.len(),
            counts.iter().map(|(_, n)| n).sum::<usize>()
        ),
    );
    // A PDF read by position leaves nothing for the totals to decide.
    let by_text = [
        Resolution::ForcedByTotals,
        Resolution::Footnote,
        Resolution::Unresolved,
    ];
    let text_decided = counts.iter().any(|(r, n)| by_text.contains(r) && *n > 0);
    if text_decided {
        out.ambiguity(
        Id::about(Family::Associations, p, "summary"),
        ed,
        format!("{} (page {}), {}", t.printed.program.title(), t.printed.page, years_label(t)),
        format!(
            "the text drops empty cells, so a row with fewer marks than years does not say which years its marks are in: {}; unresolved cells are null",
            parts.join(", ")
        ),
        Some(t.printed.totals_span),
    );
    }
    rows(t, ed, out);
    members(t, ed, out);
    shading(t, ed, out);
}

/// Each row's cells the totals could not decide, and those they forced.
fn rows(t: &AssociationTable, ed: Date, out: &mut ValidationReport) {
    let p = t.printed.program.id();
    for (row, cells) in t.printed.rows.iter().zip(&t.cells) {
        let years = |res: Resolution| -> Vec<String> {
            t.printed
                .years
                .iter()
                .zip(cells)
                .filter(|(_, c)| c.resolution == res)
                .map(|(y, c)| match c.participated {
                    Some(v) => format!("FY{} {}", y.fiscal_year, if v { "yes" } else { "no" }),
                    None => format!("FY{}", y.fiscal_year),
                })
                .collect()
        };
        let unresolved = years(Resolution::Unresolved);
        if !unresolved.is_empty() {
            out.ambiguity(
                Id::about(Family::Associations, p, "unresolved"),
                ed,
                format!(
                    "{} ({}): {} mark(s) over {} year columns",
                    row.name,
                    t.printed.program.id(),
                    row.marks,
                    t.printed.years.len()
                ),
                format!(
                    "participated is null for {}: the marks and totals fit more than one way",
                    unresolved.join(", ")
                ),
                Some(row.span),
            );
        }
        let forced = years(Resolution::ForcedByTotals);
        if !forced.is_empty() {
            out.ambiguity(
                Id::about(Family::Associations, p, "forced"),
                ed,
                format!(
                    "{} ({}): {} mark(s)",
                    row.name,
                    t.printed.program.id(),
                    row.marks
                ),
                format!(
                    "decided by the totals (every table that fits agrees): {}",
                    forced.join(", ")
                ),
                Some(row.span),
            );
        }
    }
}

/// A member listed under its group without marks of its own while the
/// group has some.
fn members(t: &AssociationTable, ed: Date, out: &mut ValidationReport) {
    let p = t.printed.program.id();
    for row in t.printed.rows.iter().filter(|r| r.marks == 0) {
        let Some(group) = &row.group else { continue };
        let Some(header) = t
            .printed
            .rows
            .iter()
            .find(|r| &r.name == group && r.group.is_none())
        else {
            continue;
        };
        if header.marks > 0 {
            out.ambiguity(
                Id::about(Family::Associations, p, "member"),
                ed,
                format!("{} ({}), listed under {group}", row.name, t.printed.program.id()),
                format!(
                    "no mark of its own while {group} has {}; kept as printed (none_marked), though {group}'s marks may stand for its member areas",
                    header.marks
                ),
                Some(row.span),
            );
        }
    }
}

/// The shading the text lost.
fn shading(t: &AssociationTable, ed: Date, out: &mut ValidationReport) {
    let p = t.printed.program.id();
    if let Some((legend, span)) = &t.printed.shading_legend {
        out.ambiguity(
            Id::about(Family::Associations, p, "shading"),
            ed,
            format!("{} (page {}): shaded associations", t.printed.program.title(), t.printed.page),
            format!("the page marks some associations by a shading explained as 「{legend}」; the text lost the shading, so which ones is not reconstructed"),
            Some(*span),
        );
    }
}
