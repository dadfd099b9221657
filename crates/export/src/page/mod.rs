//! `report.html`: one self-contained page for people to look at what a
//! build found, written beside the tables.
//!
//! The newest edition in full: the validation summary, page 1's figures
//! per item with a chart (previous → current fiscal year), the
//! municipality × question grid of marks, and the consultation windows per
//! municipality; with several editions, what changed since the edition
//! before and each item's trend across them.
//!
//! Every figure shown in a table cell names where it was read
//! (`data-at="page:line:column"`); the newest edition's text is embedded
//! once, as a JSON array of lines, and a small inline script shows the
//! line on hover (as the element's title) and on click (in a panel). No
//! network, no framework: the page works from disk and prints.

mod chart;
mod grid;
mod html;

use crate::write::{ExportError, OutputFile};
use html::{at, esc, lines_json, td};
use std::fmt::Write as _;
use zaitaku_parse::layout::Item;
use zaitaku_parse::model::{ProgramRow, Report};
use zaitaku_validate::report::{Summary, FAMILY_NAMES};
use zaitaku_validate::ValidationReport;

/// The page's file name.
pub const FILE: &str = "report.html";

/// What the page shows.
pub struct Page<'a> {
    /// The newest edition.
    pub report: &'a Report,
    /// Its validation.
    pub validation: &'a ValidationReport,
    /// The validation summary of every edition of the build.
    pub summary: &'a Summary,
    /// The newest edition's text as decoded (the spans' lines).
    pub text: &'a str,
    /// Page 1's shares across every edition of the build.
    pub trend: &'a Trend,
    /// With several editions: the edition before the newest, and what
    /// changed since.
    pub changes: Option<(&'a str, &'a [zaitaku_diff::Change])>,
}

/// Page 1's share of each activity, per edition, gathered edition by edition
/// ([`Trend::add`]) while a build streams them.
#[derive(Debug, Default, Clone)]
pub struct Trend {
    editions: usize,
    series: Vec<Series>,
}

/// One activity's printed shares: (as-of date in days since 1970-01-01,
/// share of the current fiscal year in tenths of a percent).
#[derive(Debug, Clone)]
struct Series {
    item: Item,
    label: String,
    points: Vec<(i32, i64)>,
}

impl Trend {
    /// Adds an edition's page-1 shares (editions in as-of order). An
    /// activity is told by its item and its label as printed: one renamed
    /// between editions starts a line of its own.
    pub fn add(&mut self, report: &Report) {
        self.editions += 1;
        let day = report.edition.as_of.days_since_epoch();
        for row in &report.program.rows {
            let label = activity_label(row);
            let point = (day, row.pct_current);
            match self
                .series
                .iter_mut()
                .find(|s| s.item == row.item && s.label == label)
            {
                Some(s) => s.points.push(point),
                None => self.series.push(Series {
                    item: row.item,
                    label,
                    points: vec![point],
                }),
            }
        }
    }

    /// Editions added.
    pub fn editions(&self) -> usize {
        self.editions
    }
}

/// An activity as the page names it: as printed, with キ②'s sub-question.
fn activity_label(row: &ProgramRow) -> String {
    match row.sub {
        Some(sub) => format!("{}（{}）", row.activity, sub.label()),
        None => row.activity.clone(),
    }
}

/// The page, as a file.
pub fn render(page: &Page<'_>) -> Result<OutputFile, ExportError> {
    let r = page.report;
    let mut out = String::with_capacity(256 * 1024 + page.text.len() * 2);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>在宅医療・介護連携推進事業 {}</title><style>{STYLE}</style></head><body>\n",
        esc(&r.edition.as_of.iso())
    );
    let _ = writeln!(
        out,
        "<header><h1>在宅医療・介護連携推進事業 — <span{}>{}</span></h1>\
         <p>Edition {}; {} edition{} in this build. \
         Hover over a figure to see the line of the text it was read from; click it to keep it shown.</p>\
         <nav><a href=\"#validation\">Validation</a>{} · <a href=\"#program\">Page 1 by item</a>{} · \
         <a href=\"#grid\">Marks by municipality</a> · <a href=\"#windows\">Consultation windows</a></nav></header>",
        at(r.edition.span),
        esc(&r.edition.printed),
        r.edition.as_of.iso(),
        page.trend.editions(),
        if page.trend.editions() == 1 { "" } else { "s" },
        if page.changes.is_some() {
            " · <a href=\"#changes\">Changes</a>"
        } else {
            ""
        },
        if page.trend.editions() > 1 {
            " · <a href=\"#trend\">Trend</a>"
        } else {
            ""
        }
    );
    validation(&mut out, page);
    if let Some((before, list)) = page.changes {
        changes(&mut out, before, &r.edition.as_of.iso(), list);
    }
    program(&mut out, r)?;
    trend(&mut out, page.trend, r)?;
    grid::marks(&mut out, r);
    grid::windows(&mut out, r);
    let _ = write!(
        out,
        "<div id=\"src\" hidden><button type=\"button\" id=\"src-close\" aria-label=\"close\">×</button>\
         <div id=\"src-where\"></div><pre id=\"src-line\"></pre></div>\n\
         <script type=\"application/json\" id=\"lines\">{}</script>\n<script>{SCRIPT}</script>\n</body></html>\n",
        lines_json(page.text)
    );
    Ok(OutputFile {
        name: FILE.into(),
        bytes: out.into_bytes(),
    })
}

/// The validation summary: checks per family over the build, failures,
/// and the newest edition's ambiguities by kind with their first examples.
fn validation(out: &mut String, page: &Page<'_>) {
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
    for (f, name) in FAMILY_NAMES.iter().enumerate() {
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
                esc(&c.id),
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
    let mut kinds: Vec<(String, Vec<&zaitaku_validate::report::Ambiguity>)> = Vec::new();
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
                esc(kind),
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
fn changes(out: &mut String, before: &str, newest: &str, list: &[zaitaku_diff::Change]) {
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
        let at = c
            .new_at
            .map(|a| html::at(zaitaku_parse::model::Span::line(a.page, a.line)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<tr class=\"change\"{at}><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            c.table,
            esc(&c.key),
            esc(&c.field),
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
fn program(out: &mut String, r: &Report) -> Result<(), ExportError> {
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
        let svg =
            chart::item_bars(&bars, p.n, (&prev, &cur)).map_err(|message| ExportError::Chart {
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
            td(out, "activity", label, Some(row.activity_span));
            let s = Some(row.span);
            td(out, "count_previous", &row.count_previous.to_string(), s);
            td(out, "pct_previous", &chart::tenths(row.pct_previous), s);
            td(out, "count_current", &row.count_current.to_string(), s);
            td(out, "pct_current", &chart::tenths(row.pct_current), s);
            td(out, "change_pct", &chart::tenths(row.change), s);
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div></article>\n");
    }
    out.push_str("</section>\n");
    Ok(())
}

/// Per item, each activity's share across the editions (only with several).
fn trend(out: &mut String, trend: &Trend, newest: &Report) -> Result<(), ExportError> {
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
        crate::table::iso_of_days(&mut iso, days);
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
        let svg = chart::trend(&lines, &month).map_err(|message| ExportError::Chart {
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

/// The item's label as the newest edition prints it on page 1 (empty
/// where it has no row of the item).
fn label_of(r: &Report, item: Item) -> &str {
    r.program
        .rows
        .iter()
        .find(|row| row.item == item)
        .map_or("", |row| row.item_label.as_str())
}

/// The page's style: system CJK fonts, marks as colours that survive print.
const STYLE: &str = r#"
:root{--fg:#1f2937;--muted:#6b7280;--line:#e5e7eb}
body{font-family:"Hiragino Kaku Gothic ProN","Hiragino Sans","Yu Gothic UI","Yu Gothic",Meiryo,"Noto Sans CJK JP","Noto Sans JP","IPAexGothic","IPAGothic",sans-serif;color:var(--fg);margin:0 auto;padding:0 1.5rem 6rem;max-width:1400px;line-height:1.5;font-size:15px}
svg text{font-family:inherit}
h1{font-size:1.5rem;margin:1.2rem 0 .3rem}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:2px solid var(--line)}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}summary{cursor:pointer;margin:.8rem 0}
nav a{color:#1d4ed8}.lead{color:var(--muted)}
table{border-collapse:collapse;margin:.4rem 0}th,td{border:1px solid var(--line);padding:2px 6px;text-align:left;vertical-align:top}
thead th{background:#f3f4f6;position:sticky;top:0}
.num td,.n{text-align:right}.num td[data-col=activity]{text-align:left}
td.bad{color:#b91c1c;font-weight:bold}
.pair{display:grid;gap:.5rem 1.5rem;align-items:start}@media (min-width:1100px){.pair{grid-template-columns:560px 1fr}}figure{margin:0}figure svg{max-width:100%;height:auto}
[data-at]{cursor:pointer}[data-at]:hover{outline:2px solid #f59e0b}
ul.ex,ul.keys{margin:0;padding-left:1.1rem}.sw{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-1px}
table.grid td,table.grid th{padding:1px 3px;text-align:center;font-size:13px}table.grid [data-col=municipality_name],table.grid th.name{text-align:left;white-space:nowrap}
tr.area th{background:#eef2ff;text-align:left}
.s0{background:#15803d;color:#fff}.s1{background:#86efac}.s2{background:#fde68a}.s3{background:#fca5a5}.s4{background:#e5e7eb;color:#6b7280}
td.out{color:var(--muted);font-style:italic}
.legend span{display:inline-block;padding:0 .5em;margin-right:.6em;border:1px solid var(--line)}
table.win td{font-size:13px}table.win ul{margin:0;padding-left:1rem}.inferred{color:#92400e}.unknown{color:var(--muted);font-style:italic}
#src{position:fixed;left:0;right:0;bottom:0;background:#111827;color:#f9fafb;padding:.5rem 1rem;font-size:14px;box-shadow:0 -2px 8px rgba(0,0,0,.3)}
#src pre{white-space:pre-wrap;margin:.2rem 0 0;font-family:inherit}#src mark{background:#f59e0b;color:#111827}
#src-close{float:right;background:none;color:inherit;border:0;font-size:1.2rem;cursor:pointer}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@media print{body{max-width:none;padding:0;font-size:11px}#src,nav{display:none}thead{display:table-header-group}thead th{position:static}article.item,tr{break-inside:avoid}}
"#;

/// Provenance on hover (title) and click (the panel), from the embedded lines.
const SCRIPT: &str = r#"(function(){
var L=JSON.parse(document.getElementById('lines').textContent),box=document.getElementById('src');
function where(e){var a=e.getAttribute('data-at').split(':');return{p:+a[0],l:+a[1],c:+a[2]||1};}
function line(w){return L[w.l-1]===undefined?'':L[w.l-1];}
document.querySelectorAll('[data-at]').forEach(function(e){var w=where(e);e.title='page '+w.p+', line '+w.l+': '+line(w);});
document.addEventListener('click',function(ev){var e=ev.target.closest('[data-at]');if(!e)return;var w=where(e),s=Array.from(line(w)),k=Math.min(w.c-1,s.length);
document.getElementById('src-where').textContent='page '+w.p+', line '+w.l+(w.c>1?', column '+w.c:'');
var j=k;if(w.c>1){while(j<s.length&&s[j]!==' '&&s[j]!=='\u3000')j++;}else{j=s.length;}
var pre=document.getElementById('src-line');pre.textContent=s.slice(0,k).join('');var m=document.createElement('mark');m.textContent=s.slice(k,j).join('');pre.appendChild(m);pre.appendChild(document.createTextNode(s.slice(j).join('')));box.hidden=false;});
document.getElementById('src-close').addEventListener('click',function(){box.hidden=true;});
})();"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn page_of(text: &str, trend_of: &[&str]) -> String {
        let report = zaitaku_parse::parse_text(text).expect("parses");
        let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
        let mut trend = Trend::default();
        for t in trend_of {
            trend.add(&zaitaku_parse::parse_text(t).expect("parses"));
        }
        let file = render(&Page {
            report: &report,
            validation: &validation,
            summary: &validation.summary(),
            text,
            trend: &trend,
            changes: None,
        })
        .expect("renders");
        String::from_utf8(file.bytes).expect("UTF-8")
    }

    const SEED: &str = include_str!("../../../../raw/000_1fb60f2a74870bbb.txt");

    #[test]
    fn the_seed_page_has_every_row_and_stays_small() {
        let html = page_of(SEED, &[SEED]);
        let grid = &html[html.find("id=\"grid\"").expect("grid")
            ..html.find("id=\"windows\"").expect("windows")];
        assert_eq!(grid.matches("<tr class=\"muni\"").count(), 62);
        // Nine islands outside the survey, each saying so.
        assert_eq!(grid.matches("集計外").count(), 9);
        assert_eq!(html.matches("<tr data-row=").count(), 15);
        assert!(html.len() <= 1_000_000, "{} bytes", html.len());
        // Nothing to fetch (the text itself may print addresses).
        assert!(!html.contains(" src=") && !html.contains("<link"));
        assert!(html.split(" href=\"").skip(1).all(|h| h.starts_with('#')));
        // One edition: no trend section.
        assert!(!html.contains("id=\"trend\""));
    }

    #[test]
    fn every_figure_names_a_line_of_the_text() {
        let html = page_of(SEED, &[SEED]);
        let lines = SEED.split('\n').count();
        let mut seen = 0;
        for at in html.split(" data-at=\"").skip(1) {
            let at = &at[..at.find('"').expect("closed")];
            let parts: Vec<u32> = at.split(':').map(|p| p.parse().expect("number")).collect();
            assert!(
                parts.len() == 3 && parts[0] >= 1 && parts[1] >= 1 && parts[2] >= 1,
                "{at}"
            );
            assert!((parts[1] as usize) <= lines, "{at}");
            seen += 1;
        }
        assert!(seen > 1000, "{seen}");
    }

    #[test]
    fn a_changed_legend_mark_is_shown_as_printed() {
        let text = include_str!("../../../../tests/fixtures/valid/legend_with_another_mark.txt");
        let html = page_of(text, &[text]);
        // Page 3 prints ● for 実施, page 4 still ◎: each page's legend, named.
        assert!(
            html.contains("page 3: <span class=\"s0\""),
            "legend of page 3"
        );
        assert!(html.contains(">● 実施</span>"));
        assert!(
            html.contains("page 4: <span class=\"s0\""),
            "legend of page 4"
        );
        // ● cells of page 3, coloured as implemented.
        let cell = "class=\"s0\" data-col=\"a_q1\"";
        let at = html.find(cell).expect("an implemented ア① cell");
        let content = html[at..].split('>').nth(1).unwrap_or_default();
        assert!(content.starts_with('●'), "{content}");
    }

    #[test]
    fn the_newest_changes_are_listed_with_their_lines() {
        let later = include_str!("../../../../tests/fixtures/diff/window_opened.txt");
        let as_text = |text: &str| {
            let r = zaitaku_parse::parse_text(text).expect("parses");
            let v = zaitaku_validate::validate(std::slice::from_ref(&r));
            let tables = crate::tables::edition(&r, &v);
            let own = crate::tables::municipalities(Some(&r));
            crate::changes::diff_edition(&r.edition.as_of.iso(), tables.iter().chain([&own]))
        };
        let list = zaitaku_diff::diff(&as_text(SEED), &as_text(later));
        assert_eq!(list.len(), 3);
        let report = zaitaku_parse::parse_text(later).expect("parses");
        let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
        let file = render(&Page {
            report: &report,
            validation: &validation,
            summary: &validation.summary(),
            text: later,
            trend: &Trend::default(),
            changes: Some(("2017-07-31", &list)),
        })
        .expect("renders");
        let html = String::from_utf8(file.bytes).expect("UTF-8");
        assert!(html.contains("<h2>Changes from 2017-07-31 to 2017-09-30</h2>"));
        assert_eq!(html.matches("<tr class=\"change\"").count(), 3);
        // 港区's new window, where the later edition prints it.
        assert!(html.contains(
            "<tr class=\"change\" data-at=\"7:919:1\"><td><code>consultation_windows</code>"
        ));
        assert!(html.contains("href=\"#changes\""));
    }

    #[test]
    fn two_editions_give_a_trend_per_item_and_a_line_per_activity() {
        let later = SEED
            .replace("平成29年度7月末時点", "平成30年度7月末時点")
            .replace("平成29年度７月末時点", "平成30年度７月末時点");
        let mut trend = Trend::default();
        trend.add(&zaitaku_parse::parse_text(SEED).expect("parses"));
        trend.add(&zaitaku_parse::parse_text(&later).expect("parses"));
        assert_eq!(trend.editions(), 2);
        assert_eq!(trend.series.len(), 15);
        assert!(trend.series.iter().all(|s| s.points.len() == 2));
        let html = page_of(&later, &[SEED, &later]);
        let section = &html[html.find("id=\"trend\"").expect("trend")..];
        assert_eq!(section.matches("<svg").count(), 8);
    }
}
