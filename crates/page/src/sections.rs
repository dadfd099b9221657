//! The page's sections of figures: the validation summary, the newest
//! edition's changes, page 1 by item, and the trend over the editions.

use super::html::{at, esc, td};
use super::{activity_label, chart, label_of, Page, Series, Trend};
use crate::ChartError;
use std::fmt::Write as _;
use zaitaku_parse::layout::Item;
use zaitaku_parse::model::{Date, ProgramRow, Report};
use zaitaku_table::names::column;
use zaitaku_validate::arithmetic::tenths_number;
use zaitaku_validate::report::Family;

/// The validation summary: checks per family over the build, failures,
/// and the newest edition's ambiguities by kind with their first examples.
pub(super) fn validation(out: &mut String, page: &Page<'_>) {
    let s = page.summary;
    let failed = s.failures.len();
    let _ = write!(
        out,
        "<section id=\"validation\"><h2>Validation</h2><p class=\"lead\">\
         <b data-col=\"checks\">{}</b> checks of the published figures over {} edition{}: \
         <b data-col=\"passed\">{}</b> passed, <b data-col=\"failed\">{failed}</b> failed. \
         <b data-col=\"ambiguities\">{}</b> ambiguities (values the text cannot decide, left null or \
         marked inferred; every one is a row of <code>ambiguities</code>).</p>",
        s.checks,
        s.counts.len(),
        if s.counts.len() == 1 { "" } else { "s" },
        s.checks - failed.min(s.checks),
        s.ambiguities
    );
    out.push_str("<table class=\"num\"><thead><tr><th>family</th><th>passed</th><th>failed</th></tr></thead><tbody>");
    for (f, name) in Family::NAMES.iter().enumerate() {
        let (passed, failed) = s.counts.iter().fold((0, 0), |(p, q), (_, v)| {
            let (a, b) = v.get(f).copied().unwrap_or((0, 0));
            (p + a, q + b)
        });
        if passed + failed == 0 {
            continue;
        }
        let _ = write!(
            out,
            "<tr><th>{name}</th><td>{passed}</td><td{}>{failed}</td></tr>",
            if failed > 0 { " class=\"bad\"" } else { "" }
        );
    }
    out.push_str("</tbody></table>");
    if s.failures.is_empty() {
        out.push_str("<p>No check failed.</p>");
    } else {
        out.push_str("<h3>Failures</h3><ul>");
        for c in &s.failures {
            let _ = write!(
                out,
                "<li{}><code>{}</code> {}: expected {}, found {}</li>",
                c.spans.first().map(|&sp| at(sp)).unwrap_or_default(),
                esc(&c.id.to_string()),
                esc(&c.subject),
                esc(&c.expected),
                esc(&c.found)
            );
        }
        out.push_str("</ul>");
    }
    let v = page.validation;
    let _ = write!(
        out,
        "<details><summary>Ambiguities of edition {}: <b>{}</b>, by kind</summary>",
        page.report.edition.as_of.iso(),
        v.ambiguities.len()
    );
    let mut kinds: Vec<(
        zaitaku_validate::report::Kind,
        Vec<&zaitaku_validate::report::Ambiguity>,
    )> = Vec::new();
    for a in &v.ambiguities {
        let kind = a.kind();
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, list)) => list.push(a),
            None => kinds.push((kind, vec![a])),
        }
    }
    if kinds.is_empty() {
        out.push_str("<p>None.</p>");
    } else {
        out.push_str("<table><thead><tr><th>kind</th><th>count</th><th>first examples</th></tr></thead><tbody>");
        for (kind, list) in &kinds {
            let _ = write!(
                out,
                "<tr><th><code>{}</code></th><td class=\"n\">{}</td><td><ul class=\"ex\">",
                esc(&kind.to_string()),
                list.len()
            );
            for a in list.iter().take(3) {
                let _ = write!(
                    out,
                    "<li{}>{} — {}</li>",
                    a.at.map(at).unwrap_or_default(),
                    esc(&a.subject),
                    esc(&a.resolution)
                );
            }
            out.push_str("</ul></td></tr>");
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</details></section>\n");
}

/// Changes shown at most: the rest are in the `changes` table.
const CHANGES_SHOWN: usize = 300;

/// What changed since the edition before the newest: counts per table and
/// kind, then the changes (each with where the newest edition prints it).
pub(super) fn changes(out: &mut String, before: Date, newest: Date, list: &[zaitaku_diff::Change]) {
    let _ = write!(
        out,
        "<section id=\"changes\"><h2>Changes from {before} to {newest}</h2><p class=\"lead\"><b data-col=\"changes\">{}</b> change{} \
         (every one is a row of <code>changes</code>; <code>zaitaku diff</code> prints the same).</p>",
        list.len(),
        if list.len() == 1 { "" } else { "s" }
    );
    if list.is_empty() {
        out.push_str("</section>\n");
        return;
    }
    out.push_str("<table><thead><tr><th>table</th><th>key</th><th>field</th><th>old</th><th>new</th><th>kind</th><th>note</th></tr></thead><tbody>");
    for c in list.iter().take(CHANGES_SHOWN) {
        // Where the newest edition prints it.
        let printed = c
            .new_at
            .map(|a| zaitaku_parse::model::Span::line(a.page, a.line));
        let at = printed.map(at).unwrap_or_default();
        let _ = write!(
            out,
            "<tr class=\"change\"{at}><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            c.table,
            esc(&c.key),
            esc(c.field),
            esc(c.old.as_deref().unwrap_or_default()),
            esc(c.new.as_deref().unwrap_or_default()),
            c.kind.id(),
            esc(c.note.as_deref().unwrap_or_default())
        );
    }
    out.push_str("</tbody></table>");
    if list.len() > CHANGES_SHOWN {
        let _ = write!(
            out,
            "<p>… and {} more in <code>changes</code>.</p>",
            list.len() - CHANGES_SHOWN
        );
    }
    out.push_str("</section>\n");
}

/// Page 1 by item: a chart and the figures as printed, each with its source.
pub(super) fn program(out: &mut String, r: &Report) -> Result<(), ChartError> {
    let p = &r.program;
    let (prev, cur) = (
        format!("{}年度", p.fy_previous),
        format!("{}年度", p.fy_current),
    );
    let _ = write!(
        out,
        "<section id=\"program\"><h2>Page 1: municipalities with each activity, {prev} → {cur}</h2>\
         <p class=\"lead\">Counts out of <b{}>n = {}</b> municipalities surveyed; shares as printed.</p>",
        at(p.n_span),
        p.n
    );
    for item in Item::ALL {
        let rows: Vec<(usize, &ProgramRow)> = p
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| row.item == item)
            .collect();
        let Some((_, first)) = rows.first() else {
            continue;
        };
        let labels: Vec<String> = rows.iter().map(|(_, row)| activity_label(row)).collect();
        let bars: Vec<chart::Bars<'_>> = rows
            .iter()
            .zip(&labels)
            .map(|((_, row), label)| chart::Bars {
                label,
                previous: (row.count_previous, row.pct_previous),
                current: (row.count_current, row.pct_current),
            })
            .collect();
        let svg = chart::item_bars(&bars, p.n, (&prev, &cur)).map_err(|message| ChartError {
            chart: format!("page 1, item {}", item.katakana()),
            message,
        })?;
        let _ = write!(
            out,
            "<article class=\"item\" id=\"item-{k}\"><h3>（{k}） {}</h3><div class=\"pair\"><figure>{svg}</figure>\
             <table class=\"num fig\"><thead><tr><th>activity</th><th>{prev}</th><th>%</th><th>{cur}</th><th>%</th><th>change</th></tr></thead><tbody>",
            esc(&first.item_label),
            k = item.katakana()
        );
        for ((no, row), label) in rows.iter().zip(&labels) {
            let _ = write!(out, "<tr data-row=\"{}\">", no + 1);
            td(out, column::ACTIVITY, label, Some(row.activity_span));
            let s = Some(row.span);
            td(
                out,
                column::COUNT_PREVIOUS,
                &row.count_previous.to_string(),
                s,
            );
            td(
                out,
                column::PCT_PREVIOUS,
                &tenths_number(row.pct_previous),
                s,
            );
            td(
                out,
                column::COUNT_CURRENT,
                &row.count_current.to_string(),
                s,
            );
            td(out, column::PCT_CURRENT, &tenths_number(row.pct_current), s);
            td(out, column::CHANGE_PCT, &tenths_number(row.change), s);
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div></article>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}

/// Per item, each activity's share across the editions (only with several).
pub(super) fn trend(out: &mut String, trend: &Trend, newest: &Report) -> Result<(), ChartError> {
    if trend.editions < 2 {
        return Ok(());
    }
    let _ = write!(
        out,
        "<section id=\"trend\"><h2>Trend over {} editions: share of municipalities with each activity</h2>",
        trend.editions
    );
    let month = |days: i32| {
        let mut iso = Vec::with_capacity(10);
        zaitaku_table::iso_of_days(&mut iso, days);
        String::from_utf8_lossy(iso.get(..7).unwrap_or(&iso)).into_owned()
    };
    for item in Item::ALL {
        let series: Vec<&Series> = trend.series.iter().filter(|s| s.item == item).collect();
        if series.is_empty() {
            continue;
        }
        let lines: Vec<chart::Line> = series
            .iter()
            .map(|s| chart::Line {
                points: s.points.clone(),
            })
            .collect();
        let svg = chart::trend(&lines, &month).map_err(|message| ChartError {
            chart: format!("trend, item {}", item.katakana()),
            message,
        })?;
        let _ = write!(
            out,
            "<article class=\"item\"><h3>（{}） {}</h3><div class=\"pair\"><figure>{svg}</figure><ul class=\"keys\">",
            item.katakana(),
            esc(label_of(newest, item))
        );
        for (s, c) in series.iter().zip(chart::PALETTE.iter().cycle()) {
            let _ = write!(
                out,
                "<li><span class=\"sw\" style=\"background:rgb({},{},{})\"></span>{} <small>({} editions)</small></li>",
                c.0,
                c.1,
                c.2,
                esc(&s.label),
                s.points.len()
            );
        }
        out.push_str("</ul></div></article>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}
