//! The page's section on pages 5–6: per program, every district medical
//! association × fiscal year cell as the text decides it (took part, did
//! not, or undecided), how it was decided and why (on hover), its source
//! line (on click); the members listed under their group; the printed
//! totals beside the cells decided; the footnotes as printed.

use super::html::{at, esc};
use std::fmt::Write as _;
use zaitaku_parse::model::{AssociationRow, AssociationTable, Participation, Report, Resolution};

/// The section, where the newest edition prints pages 5–6.
pub(super) fn section(out: &mut String, r: &Report) {
    if r.associations.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"associations\"><h2>Pages 5–6: district medical associations by program</h2>\
         <p class=\"lead\">The text drops empty cells, so a row with fewer marks than years does not \
         say which years its marks are in. Each cell is decided by a rule, or left undecided (null in \
         <code>association_program_years</code>); hover over a cell for how, click it for its line.</p>\
         <p class=\"legend\"><span class=\"a-yes\">〇 took part</span><span class=\"a-no\">· did not</span>\
         <span class=\"a-unres\">? undecided</span> decided by: <b>all</b> a mark in every year, \
         <b>none</b> no mark, <b>totals</b> the printed totals, <b>※</b> a footnote, <b>pin</b> the \
         overrides file</p>",
    );
    for t in &r.associations {
        table(out, t);
    }
    out.push_str("</section>\n");
}

/// One program's table, its totals and its footnotes.
fn table(out: &mut String, t: &AssociationTable) {
    let p = &t.printed;
    let program = p.program.id();
    let _ = write!(
        out,
        "<h3{}>{} (page {})</h3>",
        at(p.title_span),
        esc(p.program.title()),
        p.page
    );
    let _ = write!(
        out,
        "<table class=\"assoc\" data-program=\"{program}\"><thead><tr><th>association</th><th>marks</th>"
    );
    for y in &p.years {
        let _ = write!(
            out,
            "<th class=\"n\"{}>{}年度</th>",
            at(p.header_span),
            y.fiscal_year
        );
    }
    out.push_str("</tr></thead><tbody>");
    for k in listed_order(&p.rows) {
        let (Some(row), Some(cells)) = (p.rows.get(k), t.cells.get(k)) else {
            continue;
        };
        let member = row.group.is_some();
        let _ = write!(
            out,
            "<tr data-association=\"{}\"{}><th class=\"name\"{}>{}{}</th><td class=\"n\" data-col=\"years_marked\">{}</td>",
            esc(&row.name),
            if member { " class=\"member\"" } else { "" },
            at(row.span),
            if member { "└ " } else { "" },
            esc(&row.name),
            row.marks
        );
        for (y, (year, cell)) in p.years.iter().zip(cells).enumerate() {
            let (class, symbol) = match cell.participated {
                Some(true) => ("a-yes", "〇"),
                Some(false) => ("a-no", "·"),
                None => ("a-unres", "?"),
            };
            let _ = write!(
                out,
                "<td class=\"{class}\" data-col=\"participated\" data-fy=\"{}\" data-resolution=\"{}\" \
                 data-why=\"{}\"{}>{symbol}<sub>{}</sub></td>",
                year.fiscal_year,
                cell.resolution.id(),
                esc(&why(t, k, y, *cell)),
                at(row.span),
                short(cell.resolution),
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody><tfoot>");
    let lines: [(&str, &str); 3] = [
        ("printed total (計)", "count"),
        ("decided: took part", "decided"),
        ("undecided", "undecided"),
    ];
    for (label, col) in lines {
        let _ = write!(out, "<tr><th>{label}</th><td></td>");
        for (y, year) in p.years.iter().enumerate() {
            let column = t.cells.iter().filter_map(|cells| cells.get(y));
            let (value, place) = match col {
                "count" => (year.total as usize, at(p.totals_span)),
                "decided" => (
                    column.filter(|c| c.participated == Some(true)).count(),
                    String::new(),
                ),
                _ => (
                    column.filter(|c| c.participated.is_none()).count(),
                    String::new(),
                ),
            };
            let _ = write!(
                out,
                "<td class=\"n\" data-col=\"{col}\" data-fy=\"{}\"{place}>{value}</td>",
                year.fiscal_year
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tfoot></table>");
    let printed = (p.printed_count.iter())
        .map(|(n, span)| (format!("printed: {n} associations took part"), *span));
    let notes = p.footnotes.iter().map(|f| (f.printed.clone(), f.span));
    let all: Vec<(String, zaitaku_parse::model::Span)> = printed.chain(notes).collect();
    if !all.is_empty() {
        out.push_str("<ul class=\"notes\">");
        for (text, span) in all {
            let _ = write!(out, "<li{}>{}</li>", at(span), esc(&text));
        }
        out.push_str("</ul>");
    }
}

/// The rows in the order shown: as printed, each group's members right
/// after the group's own row (the text interleaves two printed columns, so
/// a member may stand far from its group); a member whose group has no row
/// stays in its place.
fn listed_order(rows: &[AssociationRow]) -> Vec<usize> {
    let has_row = |g: &str| rows.iter().any(|r| r.group.is_none() && r.name == g);
    let mut order = Vec::with_capacity(rows.len());
    for (k, row) in rows.iter().enumerate() {
        match &row.group {
            Some(g) if has_row(g) => continue,
            _ => order.push(k),
        }
        if row.group.is_none() {
            order.extend(
                (rows.iter().enumerate())
                    .filter(|(_, m)| m.group.as_deref() == Some(row.name.as_str()))
                    .map(|(j, _)| j),
            );
        }
    }
    order
}

/// How a cell was decided, in a word or a sign (under its mark).
fn short(r: Resolution) -> &'static str {
    match r {
        Resolution::AllMarked => "all",
        Resolution::NoneMarked => "none",
        Resolution::ForcedByTotals => "totals",
        Resolution::Override => "pin",
        Resolution::Footnote => "※",
        Resolution::Position => "pdf",
        Resolution::Unresolved => "",
    }
}

/// Why cell (`k`, `y`) of `t` is what it is (the hover text; the row
/// and the year are the cell's own, its marks beside it).
fn why(t: &AssociationTable, k: usize, y: usize, cell: Participation) -> String {
    match cell.resolution {
        Resolution::AllMarked => "a mark in every year column".to_string(),
        Resolution::NoneMarked => "no mark in the row".to_string(),
        Resolution::ForcedByTotals => format!(
            "every table fitting the rows' marks and the printed totals has this cell {}",
            if cell.participated == Some(true) {
                "marked"
            } else {
                "empty"
            }
        ),
        Resolution::Override => {
            let source = (t.pins.iter())
                .find(|p| p.row == k && p.year == y)
                .map_or("the overrides file", |p| p.source.as_str());
            format!("pinned by {source}")
        }
        Resolution::Footnote => {
            let notes: Vec<&str> = (t.printed.years.get(y).into_iter())
                .flat_map(|c| &c.notes)
                .flat_map(|n| {
                    t.printed
                        .footnotes
                        .iter()
                        .filter(move |f| f.numbers.contains(n))
                })
                .map(|f| f.printed.as_str())
                .collect();
            format!(
                "the year's footnote ({}): that year went only to districts new to the program, and the row has an earlier mark",
                notes.join("; ")
            )
        }
        Resolution::Position => {
            let at = (t.printed.rows.get(k))
                .and_then(|r| r.cells_at.get(y).copied().flatten())
                .map_or(String::new(), |(x, top)| {
                    format!(
                        " (page {}, x {x} pt, y {top} pt from the top left)",
                        t.printed.page
                    )
                });
            format!(
                "read from the PDF's geometry: the year's cell of this row{at} is {}",
                if cell.participated == Some(true) {
                    "marked"
                } else {
                    "empty"
                }
            )
        }
        Resolution::Unresolved => "the marks and the totals fit more than one way".to_string(),
    }
}
