//! The page's per-municipality sections: the grid of marks (62 rows, by
//! area) and the consultation windows.

use super::html::{at, esc, td};
use std::fmt::Write as _;
use zaitaku_parse::layout::{marker, AnswerColumn, Mark, ANSWER_PAGES};
use zaitaku_parse::model::{AnswerPage, AnswerRow, AnswerValue, Report, Span};
use zaitaku_parse::reference::{municipalities, Area, Municipality};
use zaitaku_table::names::column;

/// The reference list by area, in its order: (area, its municipalities
/// with their number in the list, from 1).
fn by_area() -> Vec<(Area, Vec<(usize, &'static Municipality)>)> {
    Area::ALL
        .iter()
        .map(|&area| {
            let members = municipalities()
                .iter()
                .enumerate()
                .filter(|(_, m)| m.area == area)
                .map(|(k, m)| (k + 1, m))
                .collect();
            (area, members)
        })
        .collect()
}

/// The grid: a row per municipality of the reference list (by area), a
/// column per mark question of pages 3–4, each cell its printed mark on the
/// colour of its status; municipalities without a row say why.
pub fn marks(out: &mut String, r: &Report) {
    let columns: Vec<&AnswerColumn> = ANSWER_PAGES
        .iter()
        .flat_map(|p| p.columns)
        .filter(|c| c.options.is_none())
        .collect();
    out.push_str("<section id=\"grid\"><h2>Marks by municipality (pages 3–4)</h2>");
    legends(out, r);
    out.push_str("<p class=\"lead\">Option answers (ア④, ウ③, エ②, オ②) are in <code>municipality_choices</code>.</p>");
    grid_head(out, &columns);
    let rows: Vec<&AnswerRow> = r.answers.iter().flat_map(|p| &p.rows).collect();
    let excluded: Option<Span> = r.answers.iter().find_map(|p| p.islands_excluded);
    for (area, members) in by_area() {
        let _ = write!(
            out,
            "<tbody><tr class=\"area\"><th colspan=\"{}\">{}（{}）</th></tr>",
            columns.len() + 2,
            area.label(),
            members.len()
        );
        for (no, m) in members {
            let mine: Vec<&AnswerRow> = rows
                .iter()
                .copied()
                .filter(|row| row.name == m.name)
                .collect();
            let _ = write!(
                out,
                "<tr class=\"muni\" data-code=\"{}\"><td>{no}</td>",
                m.code
            );
            let name_at = mine.first().map(|row| row.span);
            td(out, column::MUNICIPALITY_NAME, &m.name, name_at);
            if mine.is_empty() {
                let why = match (area, excluded) {
                    (Area::Islands, Some(_)) => "集計外 (outside the survey, as the page says)",
                    _ => "no row printed",
                };
                let _ = write!(
                    out,
                    "<td class=\"out\" colspan=\"{}\"{}>{why}</td></tr>",
                    columns.len(),
                    excluded
                        .filter(|_| area == Area::Islands)
                        .map(at)
                        .unwrap_or_default()
                );
                continue;
            }
            for c in &columns {
                mark_cell(out, &mine, c);
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody>");
    }
    out.push_str("</table></section>\n");
}

/// The legend as printed: once where the pages print the same one, else per page.
fn legends(out: &mut String, r: &Report) {
    let printed = |p: &AnswerPage| -> Vec<(char, String)> {
        p.legend
            .entries
            .iter()
            .map(|e| (e.printed, e.label.clone()))
            .collect()
    };
    let same = r.answers.windows(2).all(|w| match w {
        [a, b] => printed(a) == printed(b),
        _ => true,
    });
    for page in &r.answers {
        out.push_str("<p class=\"legend\">");
        if !same {
            let _ = write!(out, "page {}: ", page.page);
        }
        for e in &page.legend.entries {
            let _ = write!(
                out,
                "<span class=\"s{}\"{}>{} {}</span>",
                status_index(e.status),
                at(page.legend.span),
                e.printed,
                esc(&e.label)
            );
        }
        let _ = write!(
            out,
            "<span class=\"s{}\">{} not applicable (not in the printed legend)</span></p>",
            status_index(Mark::NotApplicable),
            Mark::NotApplicable.usual()
        );
        if same {
            break;
        }
    }
}

/// The grid's head: the items over their questions.
fn grid_head(out: &mut String, columns: &[&AnswerColumn]) {
    out.push_str("<table class=\"grid\"><thead><tr><th rowspan=\"2\">No</th><th rowspan=\"2\" class=\"name\">区市町村</th>");
    for group in columns.chunk_by(|a, b| a.item == b.item) {
        if let Some(c) = group.first() {
            let _ = write!(
                out,
                "<th colspan=\"{}\">{}</th>",
                group.len(),
                c.item.katakana()
            );
        }
    }
    out.push_str("</tr><tr>");
    for c in columns {
        let sub = c.sub.and_then(|s| s.label().chars().next());
        let _ = write!(
            out,
            "<th title=\"{}\">{}{}</th>",
            esc(&c.label()),
            marker(c.question),
            sub.map(String::from).unwrap_or_default()
        );
    }
    out.push_str("</tr></thead>");
}

/// A municipality's cell of column `c` (its rows `mine`): the printed mark
/// on its status's colour, where it was read; empty where none.
fn mark_cell(out: &mut String, mine: &[&AnswerRow], c: &AnswerColumn) {
    let cell = mine.iter().find_map(|row| {
        row.cells
            .iter()
            .find(|x| x.column.name == c.name)
            .map(|x| (row.span, x))
    });
    match cell {
        Some((span, x)) => {
            let (class, text) = match &x.value {
                AnswerValue::Mark { printed, status } => {
                    (format!("s{}", status_index(*status)), printed.to_string())
                }
                AnswerValue::Options(_) => (String::new(), x.printed.clone()),
            };
            let _ = write!(
                out,
                "<td class=\"{class}\" data-col=\"{}\"{}>{}</td>",
                c.name,
                at(span.at_column(x.at_column)),
                esc(&text)
            );
        }
        None => {
            let _ = write!(out, "<td data-col=\"{}\"></td>", c.name);
        }
    }
}

/// A status's place in [`Mark::ALL`]: its colour class `s0`…`s4`.
fn status_index(status: Mark) -> usize {
    Mark::ALL.iter().position(|m| *m == status).unwrap_or(0)
}

/// The consultation windows per municipality (pages 7–11): the printed
/// count, each window's name and phone, and the planned openings.
pub fn windows(out: &mut String, r: &Report) {
    out.push_str(
        "<section id=\"windows\"><h2>Consultation windows (pages 7–11)</h2>\
         <p class=\"lead\">A name marked <span class=\"inferred\">*</span> comes from a merged cell, tied to the window by a rule \
         (<code>name_inferred</code>); where no rule ties one, the name is null and said so.</p>\
         <table class=\"win\"><thead><tr><th>No</th><th>区市町村</th><th>設置箇所数</th><th>windows</th><th>開設予定</th></tr></thead>",
    );
    for (area, members) in by_area() {
        let _ = write!(
            out,
            "<tbody><tr class=\"area\"><th colspan=\"5\">{}（{}）</th></tr>",
            area.label(),
            members.len()
        );
        for (no, m) in members {
            let w = r.windows.municipalities.iter().find(|w| w.name == m.name);
            let _ = write!(
                out,
                "<tr class=\"muni\" data-code=\"{}\"><td>{no}</td><td>{}</td>",
                m.code,
                esc(&m.name)
            );
            let count = w.and_then(|w| w.count);
            td(
                out,
                "window_count",
                &count.map(|c| c.value.to_string()).unwrap_or_default(),
                count.map(|c| c.span),
            );
            out.push_str("<td><ul>");
            for win in w.map(|w| w.windows.as_slice()).unwrap_or_default() {
                let name = match &win.name {
                    Some(name) if win.name_inferred() => {
                        format!("{}<span class=\"inferred\">*</span>", esc(name))
                    }
                    Some(name) => esc(name).into_owned(),
                    None => "<span class=\"unknown\">name not decidable</span>".into(),
                };
                let phone = win
                    .phone
                    .as_deref()
                    .map(|p| format!(" · {}", esc(p)))
                    .unwrap_or_default();
                // Targets read by position: where the PDF prints them.
                let title = win.targets_at.map_or(String::new(), |(x, y)| {
                    format!(
                        " title=\"target columns read from the PDF's geometry: page {}, x {x} pt, y {y} pt from the top left\"",
                        win.span.page
                    )
                });
                let _ = write!(
                    out,
                    "<li data-col=\"window\"{}{title}>{name}{phone}</li>",
                    at(win.span)
                );
            }
            out.push_str("</ul></td><td><ul>");
            for plan in w.map(|w| w.plans.as_slice()).unwrap_or_default() {
                let _ = write!(
                    out,
                    "<li data-col=\"plan\"{}>{}</li>",
                    at(plan.span),
                    esc(&plan.text)
                );
            }
            out.push_str("</ul></td></tr>");
        }
        out.push_str("</tbody>");
    }
    out.push_str("</table></section>\n");
}
