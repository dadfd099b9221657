//! Writes the tables a build makes ([`zaitaku_table`]) as Parquet (through
//! polars, [`frame`]), CSV (written from the typed cells, as polars would)
//! and the workbook ([`write::xlsx`]), with the validation report
//! ([`validation`]), a Frictionless data package and the output directory's
//! README ([`readme`]); and reads a table back from its Parquet file
//! ([`read`]). Where the files go is the outdir crate's business
//! ([`zaitaku_outdir`]: a directory claimed, replaced all or nothing), the
//! report page the page crate's.
//!
//! [`write::render_table`] turns a table into its Parquet and CSV bytes and
//! [`render_documents`] the tables' headers and the validation summary into
//! the documents beside them (a build streams the tables instead:
//! [`stream::TableSink`]).
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // The seed edition, parsed and validated, written to a fresh directory.
//! let text = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");
//! let reports = vec![zaitaku_parse::parse_text(text)?];
//! let report = zaitaku_validate::validate(&reports);
//! assert!(report.passed());
//! let mut tables = vec![zaitaku_table::tables::municipalities(reports.first())];
//! tables.extend(zaitaku_table::tables::edition(&reports[0], &report));
//! let mut files = Vec::new();
//! for t in &tables {
//!     files.extend(zaitaku_export::write::render_table(t, Default::default())?);
//! }
//! let written: Vec<_> = tables.iter().map(|t| (t.header(), t.height())).collect();
//! files.extend(zaitaku_export::render_documents(&zaitaku_export::Documents {
//!     tables: &written,
//!     summary: &report.summary(),
//!     csv: Default::default(),
//!     replaced: &[],
//!     others: &[],
//! }));
//! let dir = std::env::temp_dir().join(format!("zaitaku-doc-{}", std::process::id()));
//! let out = zaitaku_outdir::claim::Target::new(&dir.join("output"), &[])?;
//! zaitaku_outdir::atomic::write_atomically(&out, &files)?;
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

pub mod frame;
pub mod read;
pub mod readers;
pub mod readme;
pub mod stream;
pub mod validation;
pub mod write;

use write::{datapackage, CsvOptions, OutputFile};
use zaitaku_table::Table;

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
    /// The other files written beside them, by name (the report page, …).
    pub others: &'a [&'a str],
}

/// The files beside the tables: the data package, the validation report's
/// summary as JSON and Markdown, and the README (`zaitaku build` adds the
/// report page and with `--xlsx` the workbook).
pub fn render_documents(d: &Documents<'_>) -> Vec<OutputFile> {
    let headers: Vec<Table> = d.tables.iter().map(|(t, _)| t.header()).collect();
    let rows: Vec<(&str, usize)> = d.tables.iter().map(|(t, n)| (t.name, *n)).collect();
    let readme = readme::render(&readme::Contents {
        tables: &rows,
        summary: d.summary,
        csv: d.csv,
        others: d.others,
    });
    let report = validation::Document {
        summary: d.summary,
        every: None,
        replaced: d.replaced,
    };
    vec![
        datapackage(&headers, d.csv, d.summary.failures.len()),
        OutputFile {
            name: zaitaku_table::names::file::VALIDATION_JSON.into(),
            bytes: report.json_text().into_bytes(),
        },
        OutputFile {
            name: zaitaku_table::names::file::VALIDATION_MD.into(),
            bytes: report.markdown().into_bytes(),
        },
        OutputFile {
            name: readme::FILE.into(),
            bytes: readme.into_bytes(),
        },
    ]
}
