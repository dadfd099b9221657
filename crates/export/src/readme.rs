//! The output directory's `README.md`, written by each build: what the
//! directory is, which table to load first and how, every table written
//! with its row count and what a row is, and what the other files are.
//! It says nothing about how the build was started, so it is as true for
//! `zaitaku build --out ~/proj …` as for `make`; and nothing that changes
//! between two builds of the same inputs (no time, no path), so builds stay
//! byte-identical and the project can commit `output/README.md` as `make`
//! writes it.

use crate::write::{CsvEncoding, CsvOptions};
use zaitaku_table::names;
use zaitaku_validate::report::Summary;

/// The file's name.
pub const FILE: &str = zaitaku_table::names::file::README;

/// What a build wrote: each table's name and row count, in file order, the
/// validation summary, how the CSV files are written and the other files
/// written beside them (`report.html`, …).
#[derive(Debug, Clone, Copy)]
pub struct Contents<'a> {
    /// Each table written and its rows.
    pub tables: &'a [(&'a str, usize)],
    /// The validation summary of every edition.
    pub summary: &'a Summary,
    /// How the CSV files are written.
    pub csv: CsvOptions,
    /// The other files, by name, beside the tables and the data package.
    pub others: &'a [&'a str],
}

/// The README of `contents`.
pub fn render(contents: &Contents<'_>) -> String {
    let summary = contents.summary;
    let editions: Vec<String> = summary.counts.iter().map(|(d, _)| d.to_string()).collect();
    let mut out = String::from("# zaitaku output\n\n");
    out.push_str(&failed_first(summary));
    let failed = match summary.failures.len() {
        0 => "all passed".to_string(),
        n => format!("{n} failed"),
    };
    out.push_str(&format!(
        "The tables of the Tokyo report 「在宅医療・介護連携推進事業の取組状況」 (how Tokyo's\n\
         municipalities run the home-care / nursing-care cooperation program), rebuilt from its\n\
         text by `zaitaku build`.\n\n\
         - {}: {}\n\
         - checked against every figure the report prints: {} checks, {failed}\n\
         - values the text cannot decide (null), or decides only by a documented rule: {}, each a\n  \
         row of `ambiguities`\n\n",
        if editions.len() == 1 { "Edition" } else { "Editions" },
        editions.join(", "),
        summary.checks,
        summary.ambiguities,
    ));
    out.push_str(
        "zaitaku wrote every file here, and the next build replaces them all. It will not replace a\n\
         directory holding a file it did not write: keep notebooks and edited copies elsewhere.\n\
         Rebuild with `zaitaku build --out DIR INPUT...` (in the zaitaku-etl project, `make`\n\
         rebuilds `output/` from `raw/`).\n\n",
    );
    out.push_str(START_HERE);
    out.push_str(&format!(
        "## Tables\n\nEach table is here as `NAME.parquet` (typed: counts as integers, shares as doubles, flags\nas booleans, `edition` as a date, closed vocabularies as dictionaries) and as `NAME.csv`\n({}, a header row, RFC 4180 quoting; an empty field is a null).\n\n| table | rows | one row per |\n|---|--:|---|\n",
        csv_form(contents.csv)
    ));
    for (name, rows) in contents.tables {
        let what = names::entry(name).map_or("", names::Entry::row_is);
        out.push_str(&format!("| `{name}` | {rows} | {what} |\n"));
    }
    out.push_str("\n## Other files\n\n");
    out.push_str(
        "- `datapackage.json`: every table's columns — type, Japanese label, description, unit —,\n  \
         keys and foreign keys, as a Frictionless Data Package.\n\
         - `validation_report.md`, `validation_report.json`: the checks and ambiguities, summarised\n  \
         (every one is a row of `validation_checks` and `ambiguities`).\n",
    );
    for other in contents.others {
        if let Some(line) = OTHERS.iter().find(|(n, _)| n == other).map(|(_, l)| l) {
            out.push_str(&format!("- `{other}`: {line}\n"));
        }
    }
    out.push_str(
        "- `.zaitaku-manifest.json`: the files zaitaku wrote here, with their sizes and hashes, so\n  \
         that the next build replaces only those.\n",
    );
    out
}

/// Which table to load first, and how.
const START_HERE: &str = "## Start here

`municipality_answers` is the survey: one row per municipality and question, with the mark
printed for it and what the mark means (`status`). `municipalities` gives each one's kind and
area; `program_summary` holds page 1's published totals. Paths are relative to this directory.

```python
import polars as pl                      # pandas: pd.read_parquet(...) reads the same files
answers = pl.read_parquet(\"municipality_answers.parquet\")
munis = pl.read_parquet(\"municipalities.parquet\").select(\"municipality_code\", \"kind\", \"area\")
# A question is (item, question, sub_question): キ② asks of pamphlets and websites apart.
by_area = (answers.join(munis, on=\"municipality_code\")
           .group_by(\"area\", \"item\", \"question\", \"sub_question\")
           .agg(yes=pl.col(\"implemented_or_planned\").sum(),
                applicable=(pl.col(\"status\") != \"not_applicable\").sum())
           .sort(\"area\", \"item\", \"question\", \"sub_question\"))
```

```sql
-- DuckDB: the same for item キ, its ② counted per sub_question
SELECT m.area, a.item, a.question, a.sub_question,
       count(*) FILTER (WHERE a.implemented_or_planned) AS yes
FROM 'municipality_answers.parquet' a JOIN 'municipalities.parquet' m USING (municipality_code)
WHERE a.item = 'キ' GROUP BY ALL ORDER BY ALL;
```

";

/// What each file a build may write beside the tables is.
const OTHERS: &[(&str, &str)] = &[
    (
        zaitaku_table::names::file::REPORT_PAGE,
        "the newest edition on one page (the validation summary, each page's\n  \
         figures linked to the line printing them, the windows, the changes); open it in a browser.",
    ),
    (
        zaitaku_table::names::file::WORKBOOK,
        "every table as a sheet of one Excel workbook (numbers, flags and dates\n  \
         typed, the header row frozen, an autofilter), after a sheet listing the tables and the\n  \
         validation summary.",
    ),
];

/// How the CSV files are written, in words.
fn csv_form(csv: CsvOptions) -> &'static str {
    match (csv.encoding, csv.bom) {
        (CsvEncoding::Utf8, false) => "UTF-8",
        (CsvEncoding::Utf8, true) => "UTF-8 with a byte order mark, for Excel",
        (CsvEncoding::Cp932, _) => {
            "CP932, for Excel; characters CP932 lacks are replaced or refused as `validation_report.md` says"
        }
    }
}

/// How many failures the README lists (validation_report.md lists all).
const FAILURES_LISTED: usize = 10;

/// Where a check failed (a build with `--keep-failed`): a warning first,
/// with the failures; nothing where every check passed.
fn failed_first(summary: &Summary) -> String {
    if summary.passed() {
        return String::new();
    }
    let lines = summary.failure_lines();
    let mut out = format!(
        "**Validation failed: {} of {} checks.** These tables were written although figures the\n\
         report prints contradict them (`zaitaku build --keep-failed`): read the failures before using\n\
         a value. Each is a row of `validation_checks` with `status = fail`.\n\n",
        lines.len(),
        summary.checks
    );
    for line in lines.iter().take(FAILURES_LISTED) {
        out.push_str(&format!("- {line}\n"));
    }
    if lines.len() > FAILURES_LISTED {
        out.push_str(&format!(
            "- … and {} more in `validation_report.md`\n",
            lines.len() - FAILURES_LISTED
        ));
    }
    out.push('\n');
    out
}
