//! Builds the tidy tables from the parsed editions and writes them as Parquet
//! (through polars) and CSV (written from the cells, as polars would), with
//! the validation report, a Frictionless
//! data package and the report page ([`page`]), atomically.
//!
//! [`tables::edition`] gives an edition's tables and
//! [`tables::municipalities`] the reference list's (each column documented
//! once, in [`table::Meta`]; the names others read them by in [`names`]; the
//! `changes` between editions are the diff crate's); [`render`] turns them and the report into file bytes;
//! [`atomic::write_atomically`] puts the files in place all or nothing, into
//! a directory [`claim::Target`] checked is new, empty or zaitaku's own.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // The seed edition, parsed and validated, written to a fresh directory.
//! let text = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");
//! let reports = vec![zaitaku_parse::parse_text(text)?];
//! let report = zaitaku_validate::validate(&reports);
//! assert!(report.passed());
//! let mut tables = vec![zaitaku_export::tables::municipalities(reports.first())];
//! tables.extend(zaitaku_export::tables::edition(&reports[0], &report));
//! let files = zaitaku_export::render(&tables, &report, Default::default())?;
//! let dir = std::env::temp_dir().join(format!("zaitaku-doc-{}", std::process::id()));
//! let out = zaitaku_export::claim::Target::new(&dir.join("output"), &[])?;
//! zaitaku_export::atomic::write_atomically(&out, &files)?;
//! assert!(dir.join("output/municipalities.parquet").exists());
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]
// A panic must be visible in review: none of these outside tests (the one
// exception is argued where it is allowed).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod answers;
pub mod associations;
pub mod atomic;
pub mod claim;
pub mod columns;
pub mod names;
pub mod page;
pub mod readers;
pub mod readme;
pub mod stream;
pub mod table;
pub mod tables;
pub mod validation;
pub mod windows;
pub mod write;

use table::Table;
use write::{datapackage, render_table, CsvOptions, ExportError, OutputFile};
use zaitaku_validate::ValidationReport;

/// Files beside the tables made by [`render_documents`]: the data package,
/// the validation report (JSON, Markdown), the README (`zaitaku build` adds
/// the report page, [`page::FILE`]).
pub const DOCUMENTS: usize = 4;

/// What the files beside the tables describe.
#[derive(Debug, Clone, Copy)]
pub struct Documents<'a> {
    /// Every table written, without rows (their rows are not read), and
    /// its row count.
    pub tables: &'a [(Table, usize)],
    /// The validation summary of every edition.
    pub summary: &'a zaitaku_validate::report::Summary,
    /// How the CSV files are written.
    pub csv: CsvOptions,
    /// The characters each CSV file had replaced (`--cp932-unmappable replace`).
    pub replaced: &'a [(String, write::Replaced)],
    /// The other files written beside them, by name ([`page::FILE`], …).
    pub others: &'a [&'a str],
}

/// The files beside the tables ([`DOCUMENTS`] of them): the data package,
/// the validation report's summary as JSON and Markdown, and the README.
pub fn render_documents(d: &Documents<'_>) -> Vec<OutputFile> {
    let headers: Vec<Table> = d.tables.iter().map(|(t, _)| t.header()).collect();
    let rows: Vec<(&str, usize)> = d.tables.iter().map(|(t, n)| (t.name, *n)).collect();
    let readme = readme::render(&readme::Contents {
        tables: &rows,
        summary: d.summary,
        csv: d.csv,
        others: d.others,
    });
    vec![
        datapackage(&headers, d.csv, d.summary.failures.len()),
        OutputFile {
            name: "validation_report.json".into(),
            bytes: validation::report_json_text(&validation::report_json(
                d.summary,
                None,
                write::replacement_rows(d.replaced),
            ))
            .into_bytes(),
        },
        OutputFile {
            name: "validation_report.md".into(),
            bytes: write::with_replacements_markdown(d.summary.to_markdown(), d.replaced)
                .into_bytes(),
        },
        OutputFile {
            name: readme::FILE.into(),
            bytes: readme.into_bytes(),
        },
    ]
}

/// Every output file, in a stable order: `tables` (Parquet, CSV, as built by
/// `zaitaku_pipeline::tables::all`), the data package, the validation report (JSON,
/// Markdown), the README.
pub fn render(
    tables: &[Table],
    report: &ValidationReport,
    csv: CsvOptions,
) -> Result<Vec<OutputFile>, ExportError> {
    // Tables render independently: on two threads, about half the time.
    let half = tables.len().div_ceil(2);
    let (first, second) = tables.split_at(half);
    let render_all = |ts: &[Table]| -> Result<Vec<OutputFile>, ExportError> {
        let mut out = Vec::new();
        for t in ts {
            out.extend(render_table(t, csv)?);
        }
        Ok(out)
    };
    let (a, b) = std::thread::scope(|scope| {
        let other = scope.spawn(|| render_all(second));
        let mine = render_all(first);
        (mine, other.join())
    });
    let mut files = a?;
    match b {
        Ok(rendered) => files.extend(rendered?),
        Err(_) => {
            return Err(ExportError::ThreadStopped {
                what: "rendering the tables",
            })
        }
    }
    let written: Vec<(Table, usize)> = tables.iter().map(|t| (t.header(), t.height())).collect();
    files.extend(render_documents(&Documents {
        tables: &written,
        summary: &report.summary(),
        csv,
        replaced: &[],
        others: &[],
    }));
    Ok(files)
}
