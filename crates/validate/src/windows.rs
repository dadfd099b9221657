//! Checks of pages 7–11 (consultation windows): per municipality, the
//! windows placed equal its printed 設置箇所数; every municipality's number
//! is printed as its place in the reference list; the names and numbers
//! printed in a window's own row agree with where the counts placed it; the
//! windows, plans and page 4's オ① agree (◎ with windows, ○ with a planned
//! opening, △ with neither). The report lists every inferred name, every row
//! whose target columns the text cannot decide, every contact kept whole,
//! and every leftover cell no rule attributes.

use crate::report::{Compare, Family, Id, PrintedAt, ValidationReport};
use zaitaku_parse::layout::TARGET_COLUMNS;
use zaitaku_parse::layout::{Item, Mark};
use zaitaku_parse::model::windows::{MunicipalityWindows, NameSource, Run, WindowPages};
use zaitaku_parse::model::{AnswerValue, Date, Report, Span};

/// Places a message lists before it says how many more there are.
const LISTED: usize = 20;

/// Every check and ambiguity of pages 7–11.
pub fn consultation_windows(report: &Report, out: &mut ValidationReport) {
    let ed = report.edition.as_of;
    let w = &report.windows;
    let mut misnumbered = Vec::new();
    let mut misnumbered_at = Vec::new();
    for run in &w.runs {
        match run.members[..] {
            [one] => {
                if let Some(m) = w.municipalities.iter().find(|m| m.no == one) {
                    counts(m, ed, out);
                }
            }
            _ => run_counts(run, &w.municipalities, ed, out),
        }
    }
    for m in &w.municipalities {
        if let (Some(pin), Some(count)) = (&m.count_pin, m.count) {
            out.ambiguity(
                Id::new(Family::ConsultationWindows, "override"),
                ed,
                format!("{} ({}): 設置箇所数", m.name, m.no),
                format!(
                    "override: {} pinned by {} (the pages print {}); the windows are placed by it and checked against it",
                    count.value,
                    pin.source,
                    pin.printed.map_or("none".to_string(), |p| p.to_string())
                ),
                Some(count.span),
            );
        }
        if m.numbers_printed.is_empty() && m.number_from_lone_figure.is_none() {
            misnumbered.push(format!("{} ({}) prints no number", m.name, m.no));
        }
        for p in m.numbers_printed.iter().filter(|p| p.value != m.no) {
            misnumbered.push(format!("{} printed as {} ({})", m.name, p.value, p.span));
            misnumbered_at.push(p.span);
        }
        anchors(m, ed, out);
        office_mark(report, m, ed, out);
        notes(m, ed, out);
    }
    numbers(w, misnumbered, misnumbered_at, ed, out);
    totals(w, ed, out);
    leftovers(w, ed, out);
}

/// Every municipality numbered in the reference list's order (`misnumbered`:
/// what is not, printed at `at`).
fn numbers(
    w: &WindowPages,
    misnumbered: Vec<String>,
    misnumbered_at: Vec<Span>,
    ed: Date,
    out: &mut ValidationReport,
) {
    let rule = format!(
        "every municipality numbered 1–{} in the reference list's order",
        w.municipalities.len()
    );
    out.check(
        Compare {
            id: Id::new(Family::ConsultationWindows, "numbers"),
            edition: ed,
            subject: "municipality numbers on pages 7–11".into(),
            printed_at: None,
            spans: misnumbered_at,
        },
        rule.clone(),
        if misnumbered.is_empty() {
            rule
        } else {
            misnumbered.join("; ")
        },
    );
}

/// The windows parsed against the sum of the printed counts, and every
/// window placed.
fn totals(w: &WindowPages, ed: Date, out: &mut ValidationReport) {
    let printed: u32 = w
        .municipalities
        .iter()
        .filter_map(|m| m.count.map(|c| c.value))
        .sum();
    let parsed = w
        .municipalities
        .iter()
        .map(|m| m.windows.len())
        .sum::<usize>()
        + w.unplaced.len();
    out.check(
        Compare {
            id: Id::new(Family::ConsultationWindows, "total"),
            edition: ed,
            subject: "windows parsed on pages 7–11 = the sum of the printed 設置箇所数".into(),
            printed_at: None,
            spans: Vec::new(),
        },
        printed as usize,
        parsed,
    );
    out.check(
        Compare {
            id: Id::new(Family::ConsultationWindows, "placed"),
            edition: ed,
            subject: "every window printed is placed in a municipality by the printed counts"
                .into(),
            printed_at: None,
            spans: w.unplaced.iter().map(|x| x.span).collect(),
        },
        "none left over".to_string(),
        if w.unplaced.is_empty() {
            "none left over".to_string()
        } else {
            format!(
                "{} left over: {}{}",
                w.unplaced.len(),
                w.unplaced
                    .iter()
                    .take(LISTED)
                    .map(|x| x.span.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                if w.unplaced.len() > LISTED {
                    format!(" and {} more", w.unplaced.len() - LISTED)
                } else {
                    String::new()
                }
            )
        },
    );
}

/// The leftover cells and figures no rule used.
fn leftovers(w: &WindowPages, ed: Date, out: &mut ValidationReport) {
    for (text, span) in &w.unattributed {
        out.ambiguity(
            Id::new(Family::ConsultationWindows, "unattributed"),
            ed,
            format!("leftover cell 「{text}」"),
            "printed apart from the rows (a merged name or 「その他」 cell); no rule ties it to one municipality's windows, so no window takes it".into(),
            Some(*span),
        );
    }
    for f in &w.lone_figures {
        out.ambiguity(
            Id::new(Family::ConsultationWindows, "lone_figure"),
            ed,
            format!("figure {} printed alone", f.value),
            "neither a municipality's number nor a count no other cell gives; not used".into(),
            Some(f.span),
        );
    }
}

/// Windows placed = the printed count.
fn counts(m: &MunicipalityWindows, ed: Date, out: &mut ValidationReport) {
    let (published, at) = match (m.count, m.own_row) {
        (Some(c), _) => (c.value.to_string(), Some(PrintedAt::at(c.span))),
        (None, Some(s)) => (
            "0".to_string(),
            Some(PrintedAt::at(s).after_words("own row without windows, ")),
        ),
        (None, None) => ("not printed".to_string(), None),
    };
    let how = match &m.count_pin {
        Some(pin) => format!(
            " (pinned by {}; the pages print {})",
            pin.source,
            pin.printed.map_or("none".to_string(), |p| p.to_string())
        ),
        None if m.count_from_lone_figure => {
            " (a figure printed alone among the page's leftovers)".to_string()
        }
        None => String::new(),
    };
    out.check(
        Compare {
            id: Id::about(Family::ConsultationWindows, format!("{:02}", m.no), "count"),
            edition: ed,
            subject: format!(
                "{} ({}): windows on pages 7–11 = 設置箇所数{how}",
                m.name, m.no
            ),
            printed_at: at,
            spans: m.count.map(|c| c.span).or(m.own_row).into_iter().collect(),
        },
        published,
        m.windows.len().to_string(),
    );
}

/// The windows of a run of municipalities placed by their counts = the sum
/// of the members' printed counts. A failure names every member with its
/// count and the run's lines: the windows print no municipality, so the text
/// cannot tell which member lost or gained one.
fn run_counts(run: &Run, all: &[MunicipalityWindows], ed: Date, out: &mut ValidationReport) {
    let members: Vec<&MunicipalityWindows> = run
        .members
        .iter()
        .filter_map(|&no| all.iter().find(|m| m.no == no))
        .collect();
    let (Some(first), Some(last)) = (members.first(), members.last()) else {
        return;
    };
    let counted = |m: &MunicipalityWindows| match (m.count, m.own_row) {
        (Some(c), _) => format!("{} ({}) {} at {}", m.name, m.no, c.value, c.span),
        (None, Some(s)) => format!("{} ({}) 0, own row at {s}", m.name, m.no),
        (None, None) => format!("{} ({}) not printed", m.name, m.no),
    };
    let printed: Option<u64> = members
        .iter()
        .map(|m| match (m.count, m.own_row) {
            (Some(c), _) => Some(u64::from(c.value)),
            (None, Some(_)) => Some(0),
            (None, None) => None,
        })
        .sum();
    let lines = run.lines.map_or("no window".to_string(), |(a, b)| {
        format!("windows from {a} to {b}")
    });
    let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
    let found = run.windows as u64;
    let agrees = printed == Some(found);
    out.check(
        Compare {
            id: Id::about(Family::ConsultationWindows, format!("{:02}-{:02}", first.no, last.no), "count"),
            edition: ed,
            subject: format!(
                "{} placed by their counts ({}): {lines} = the sum of their 設置箇所数",
                names.join(", "),
                members.iter().map(|m| counted(m)).collect::<Vec<_>>().join("; ")
            ),
            printed_at: None,
            spans: members
                .iter()
                .filter_map(|m| m.count.map(|c| c.span).or(m.own_row))
                .chain(run.lines.into_iter().flat_map(|(a, b)| [a, b]))
                .collect(),
        },
        printed.map_or("not printed".to_string(), |p| p.to_string()),
        if agrees {
            found.to_string()
        } else {
            format!(
                "{found}; these windows print no municipality name or number, so the text cannot tell which of {} lost or gained a window",
                names.join(", ")
            )
        },
    );
}

/// Names and numbers printed in a window's own row agree with its placement.
fn anchors(m: &MunicipalityWindows, ed: Date, out: &mut ValidationReport) {
    for (k, x) in m.windows.iter().enumerate() {
        let mut against = Vec::new();
        if let Some((name, span)) = x.named.as_ref().filter(|(n, _)| *n != m.name) {
            against.push(format!("the row names {name} ({span})"));
        }
        if let Some(no) = x.leaked_no.filter(|n| *n != m.no) {
            against.push(format!("the row prints number {no} ({})", x.span));
        }
        if !against.is_empty() {
            out.check(
                Compare {
                    id: Id::about(
                        Family::ConsultationWindows,
                        format!("{:02}.w{}", m.no, k + 1),
                        "placed",
                    ),
                    edition: ed,
                    subject: format!("window {} of {} by the counts ({})", k + 1, m.name, x.span),
                    printed_at: Some(PrintedAt::at(x.span)),
                    spans: vec![x.span],
                },
                m.name.clone(),
                against.join("; "),
            );
        }
    }
}

/// Page 4's オ① for a surveyed municipality: ◎ with open windows, ○ with a
/// planned opening only, △ with neither.
fn office_mark(report: &Report, m: &MunicipalityWindows, ed: Date, out: &mut ValidationReport) {
    let mark = report.answers.iter().flat_map(|p| &p.rows).find_map(|r| {
        (r.name == m.name).then(|| {
            r.cells.iter().find_map(|c| match c.value {
                AnswerValue::Mark { printed, status }
                    if c.column.item == Item::O && c.column.question == 1 =>
                {
                    Some((printed, status, r.span))
                }
                _ => None,
            })
        })?
    });
    let Some((printed, status, span)) = mark else {
        return;
    };
    let planned = m.plans.iter().any(|p| !p.additional);
    let (expected, what) = if !m.windows.is_empty() {
        (Mark::Implemented, format!("{} window(s)", m.windows.len()))
    } else if planned {
        (Mark::PlannedThisYear, "a planned opening".to_string())
    } else {
        (
            Mark::PlannedLaterOrUndecided,
            "no window and no plan".to_string(),
        )
    };
    out.check(
        Compare {
            id: Id::about(Family::ConsultationWindows, format!("{:02}", m.no), "o1"),
            edition: ed,
            subject: format!(
                "{} ({}): オ① on page 4 agrees with pages 7–11 ({what})",
                m.name, m.no
            ),
            printed_at: Some(PrintedAt::at(span)),
            spans: vec![span],
        },
        status.id().to_string(),
        format!(
            "{}{}",
            expected.id(),
            if expected == status {
                String::new()
            } else {
                format!(" (page 4 prints 「{printed}」)")
            }
        ),
    );
}

/// Ambiguities of one municipality's windows.
fn notes(m: &MunicipalityWindows, ed: Date, out: &mut ValidationReport) {
    for (k, x) in m.windows.iter().enumerate() {
        let subject = || {
            format!(
                "window {} of {} ({})",
                k + 1,
                m.name,
                x.name.as_deref().unwrap_or("name unknown")
            )
        };
        if x.name_source == NameSource::Above {
            out.ambiguity(
                Id::new(Family::ConsultationWindows, "name_inferred"),
                ed,
                subject(),
                format!(
                    "its row prints no name; 「{}」, printed above it for {}, is taken as a merged cell's (the text keeps the columns by spaces and cannot tell a merged cell from an empty one); name_inferred = true",
                    x.name.as_deref().unwrap_or(""),
                    m.name
                ),
                Some(x.span),
            );
        } else if x.name_inferred() {
            out.ambiguity(
                Id::new(Family::ConsultationWindows, "name_inferred"),
                ed,
                subject(),
                format!(
                    "its name cell is merged and printed apart as 「{}」 ({}); name_inferred = true",
                    x.name.as_deref().unwrap_or(""),
                    m.merged_name.as_ref().map_or(String::new(), |(_, s, _)| s.to_string())
                ),
                Some(x.span),
            );
        } else if x.name.is_none() {
            out.ambiguity(
                Id::new(Family::ConsultationWindows, "name_unknown"),
                ed,
                subject(),
                "its name cell is merged and printed apart, and no rule ties one of the page's leftover names to it; name is null".into(),
                Some(x.span),
            );
        }
        if !x.targets_resolved() {
            out.ambiguity(
                Id::new(Family::ConsultationWindows, "targets"),
                ed,
                subject(),
                format!(
                    "{} of {TARGET_COLUMNS} target columns marked; the text drops empty cells, so which are empty is unknown; targets null, targets_resolved = false",
                    x.targets_marked
                ),
                Some(x.marks_span),
            );
        }
        if x.other_undecided {
            out.ambiguity(
                Id::new(Family::ConsultationWindows, "other_undecided"),
                ed,
                subject(),
                "its 「その他」 cell prints nothing in its row, under a window of the same municipality that prints one: a merged cell or an empty one, which the text (its columns kept by spaces) cannot tell; for_other is null".into(),
                Some(x.span),
            );
        }
        if let Some(flag) = &x.contact_flag {
            out.ambiguity(
                Id::new(Family::ConsultationWindows, "contact"),
                ed,
                subject(),
                format!("{flag}: 「{}」", x.phone.as_deref().unwrap_or("")),
                Some(x.span),
            );
        }
    }
    if m.count_from_lone_figure {
        if let Some(c) = m.count {
            out.ambiguity(
                Id::new(Family::ConsultationWindows, "count_alone"),
                ed,
                format!("設置箇所数 of {} ({})", m.name, m.no),
                format!("printed as a figure alone ({}), read as {}'s: the one figure left on its page and the one count printed nowhere else", c.value, m.name),
                Some(c.span),
            );
        }
    }
}
