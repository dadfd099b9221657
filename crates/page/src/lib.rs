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

mod associations;
mod chart;
mod grid;
mod html;
mod sections;

use html::{at, esc, lines_json};
use std::fmt::Write as _;
use zaitaku_outdir::OutputFile;
use zaitaku_parse::layout::Item;
use zaitaku_parse::model::{Date, ProgramRow, Report};
use zaitaku_validate::report::Summary;
use zaitaku_validate::ValidationReport;

/// A chart of the page could not be drawn (plotters refused it).
#[derive(Debug, thiserror::Error)]
#[error("drawing {chart} of report.html: {message}")]
pub struct ChartError {
    /// Which chart.
    pub chart: String,
    /// plotters' error.
    pub message: String,
}

/// The page's file name.
pub const FILE: &str = zaitaku_table::names::file::REPORT_PAGE;

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
    pub changes: Option<(Date, &'a [zaitaku_diff::Change])>,
    /// Whether the build writes `tables.xlsx` beside the page (linked).
    pub workbook: bool,
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
pub fn render(page: &Page<'_>) -> Result<OutputFile, ChartError> {
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
         <a href=\"#grid\">Marks by municipality</a>{} · <a href=\"#windows\">Consultation windows</a> · <a href=\"#files\">Data files</a></nav></header>",
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
        },
        if r.associations.is_empty() {
            ""
        } else {
            " · <a href=\"#associations\">Associations</a>"
        }
    );
    if !page.summary.passed() {
        let _ = write!(
            out,
            "<p id=\"failed\" class=\"failed\"><b>Validation failed: {} of {} checks.</b> \
             These tables were written although figures the report prints contradict them \
             (<code>zaitaku build --keep-failed</code>): read the <a href=\"#validation\">failures</a> \
             before using a value.</p>",
            page.summary.failures.len(),
            page.summary.checks
        );
    }
    sections::validation(&mut out, page);
    if let Some((before, list)) = page.changes {
        sections::changes(&mut out, before, r.edition.as_of, list);
    }
    sections::program(&mut out, r)?;
    sections::trend(&mut out, page.trend, r)?;
    grid::marks(&mut out, r);
    associations::section(&mut out, r);
    grid::windows(&mut out, r);
    files(&mut out, page.workbook);
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

/// The data files the page was built with, linked (relative: the page
/// stands beside them).
fn files(out: &mut String, workbook: bool) {
    out.push_str(
        "<section id=\"files\"><h2>Data files</h2><p class=\"lead\">The files of this build, beside \
         this page: every table as Parquet (typed) and CSV, described column by column in \
         <a href=\"datapackage.json\">datapackage.json</a>; the checks and ambiguities in \
         <a href=\"validation_report.md\">validation_report.md</a> \
         (<a href=\"validation_report.json\">JSON</a>)",
    );
    if workbook {
        let _ = write!(
            out,
            "; every table as a sheet of <a href=\"{0}\">{0}</a>",
            zaitaku_table::names::file::WORKBOOK
        );
    }
    out.push_str(".</p><table><thead><tr><th>table</th><th>files</th><th>one row per</th></tr></thead><tbody>");
    for e in zaitaku_table::names::CATALOG {
        let _ = write!(
            out,
            "<tr><td>{0}</td><td><a href=\"{0}.parquet\">Parquet</a> · <a href=\"{0}.csv\">CSV</a></td><td>{1}</td></tr>",
            e.name,
            esc(e.row_is())
        );
    }
    out.push_str("</tbody></table></section>\n");
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
td.bad{color:#b91c1c;font-weight:bold}p.failed{border:2px solid #b91c1c;color:#b91c1c;padding:.5em}
.pair{display:grid;gap:.5rem 1.5rem;align-items:start}@media (min-width:1100px){.pair{grid-template-columns:560px 1fr}}figure{margin:0}figure svg{max-width:100%;height:auto}
[data-at]{cursor:pointer}[data-at]:hover{outline:2px solid #f59e0b}
ul.ex,ul.keys{margin:0;padding-left:1.1rem}.sw{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:-1px}
table.grid td,table.grid th{padding:1px 3px;text-align:center;font-size:13px}table.grid [data-col=municipality_name],table.grid th.name{text-align:left;white-space:nowrap}
tr.area th{background:#eef2ff;text-align:left}
.s0{background:#15803d;color:#fff}.s1{background:#86efac}.s2{background:#fde68a}.s3{background:#fca5a5}.s4{background:#e5e7eb;color:#6b7280}
td.out{color:var(--muted);font-style:italic}
table.assoc td,table.assoc th{padding:1px 4px;font-size:13px}table.assoc td[data-col=participated]{text-align:center;min-width:3.2em}table.assoc sub{color:var(--muted);font-size:10px;margin-left:2px}
.a-yes{background:#bbf7d0}.a-no{color:var(--muted)}.a-unres{background:#fde68a;font-weight:bold}tr.member th{padding-left:1.2em;font-weight:normal}ul.notes{font-size:13px;color:var(--muted)}
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
document.querySelectorAll('[data-at]').forEach(function(e){var w=where(e),y=e.getAttribute('data-why');e.title=(y?y+'\n':'')+'page '+w.p+', line '+w.l+': '+line(w);});
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
            workbook: false,
        })
        .expect("renders");
        String::from_utf8(file.bytes).expect("UTF-8")
    }

    const SEED: &str = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");

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
        // Links: the page's own anchors, and the build's files beside it.
        assert!(html.split(" href=\"").skip(1).all(|h| h.starts_with('#')
            || h.split('"')
                .next()
                .is_some_and(|f| !f.contains(['/', ':']) && f.contains('.'))));
        // Pages 5–6: a cell per association and year (the 710 rows of
        // association_program_years), and a printed total per year.
        assert_eq!(html.matches("data-col=\"participated\"").count(), 710);
        assert_eq!(html.matches("data-col=\"count\"").count(), 10);
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
        let text = include_str!("../../../tests/fixtures/valid/legend_with_another_mark.txt");
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
        // Three changes, one printed by the later edition (the pipeline's
        // tests list the changes of a real pair of editions).
        let later = include_str!("../../../tests/fixtures/diff/window_opened.txt");
        let change = |table, key: &str, field: &'static str, new_at| zaitaku_diff::Change {
            table,
            key: key.into(),
            municipality_code: None,
            field,
            old: None,
            new: Some("x".into()),
            kind: zaitaku_diff::Kind::Added,
            old_at: None,
            new_at,
            note: None,
        };
        let list = [
            change(
                "consultation_windows",
                "港区 window 2",
                "window",
                Some(zaitaku_diff::At { page: 7, line: 919 }),
            ),
            change("window_plans", "港区 plan 1", "planned_opening", None),
            change("municipalities", "港区", "row", None),
        ];
        let report = zaitaku_parse::parse_text(later).expect("parses");
        let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
        let file = render(&Page {
            report: &report,
            validation: &validation,
            summary: &validation.summary(),
            text: later,
            trend: &Trend::default(),
            changes: Some((Date::parse_iso("2017-07-31").expect("a date"), &list)),
            workbook: false,
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
