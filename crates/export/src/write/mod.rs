//! Writing the output files: a table's Parquet (through polars) and CSV
//! (written from its cells), the documents rendered in memory; a build
//! streams its tables into the files ([`crate::stream`]) in a temporary
//! directory that takes the target's place only when everything is written
//! ([`zaitaku_outdir::atomic`]). A failure leaves the target exactly as it was.

//!
//! The crate's error ([`ExportError`]) and one table's files are here; the
//! Parquet writer in [`parquet`], the CSV encodings (CP932 and its
//! substitutes) in [`encoding`], the data package in [`datapackage`], the
//! Excel workbook in [`xlsx`].

mod datapackage;
pub mod encoding;
pub mod parquet;
pub mod xlsx;

pub use datapackage::datapackage;
pub use encoding::{
    substitute_of, CsvEncoder, CsvEncoding, CsvOptions, Replaced, Unmappable, CP932_SUBSTITUTES,
};
pub use parquet::{pandas_metadata, parquet_writer};

use polars::prelude::*;
use std::path::{Path, PathBuf};
use zaitaku_table::Table;

pub use zaitaku_outdir::OutputFile;

/// Why outputs could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// polars refused a table.
    #[error("building {table}: {source}")]
    Polars {
        /// The table.
        table: String,
        /// polars' error.
        source: PolarsError,
    },
    /// `--csv-encoding cp932`: a character CP932 cannot hold.
    #[error("{file}: line {line}, column {column}: 「{character}」 (U+{code:04X}) has no CP932 code; write UTF-8 (the default) or change the text")]
    Unencodable {
        /// The CSV file.
        file: String,
        /// Line of the CSV file, from 1 (the header is line 1).
        line: usize,
        /// The column's name.
        column: String,
        /// The character.
        character: char,
        /// Its code point.
        code: u32,
        /// The CSV line holding it, without its line end.
        text: String,
        /// The character's column in that line, in characters, from 1.
        at_column: u32,
    },
    /// A chart of the report page could not be drawn.
    #[error("drawing {chart} of report.html: {message}")]
    Chart {
        /// Which chart.
        chart: String,
        /// plotters' error.
        message: String,
    },
    /// The CP932 encoder asked for more room than a line's UTF-8 bytes
    /// (CP932 never needs more: a bug, never the input's fault).
    #[error("{file}: the CP932 encoder needed more room than the line's UTF-8 bytes")]
    EncoderOverrun {
        /// The CSV file.
        file: String,
    },
    /// A thread writing or rendering the outputs stopped (it panicked):
    /// nothing was published.
    #[error("the thread {what} stopped before it finished")]
    ThreadStopped {
        /// What the thread was doing: `writing the tables`.
        what: &'static str,
    },
    /// A table has more rows than an Excel sheet holds (`--xlsx`): nothing
    /// was written.
    #[error("{table} has {rows} rows; an Excel sheet holds {limit} under its header: build without --xlsx, or with fewer editions")]
    TooManyRows {
        /// The table.
        table: String,
        /// Its rows.
        rows: usize,
        /// The most a sheet holds under its header.
        limit: usize,
    },
    /// rust_xlsxwriter refused the workbook.
    #[error("writing tables.xlsx: {message}")]
    Xlsx {
        /// Its error.
        message: String,
    },
    /// The output directory is not zaitaku's to replace: nothing changed.
    #[error("{0}")]
    Refused(zaitaku_outdir::claim::Refusal),
    /// The file system refused (its error is the source: said once).
    #[error("{path}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

impl From<zaitaku_outdir::DirError> for ExportError {
    fn from(e: zaitaku_outdir::DirError) -> Self {
        match e {
            zaitaku_outdir::DirError::Refused(r) => ExportError::Refused(r),
            zaitaku_outdir::DirError::Io { path, source } => ExportError::Io { path, source },
        }
    }
}

/// The error of an I/O operation on `path`.
pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError {
    let path = path.to_path_buf();
    move |source| ExportError::Io { path, source }
}

/// CSV bytes of a table: UTF-8, header row, RFC 4180 quoting, `\n` line
/// ends, written from its cells ([`Table::csv_rows`]), as polars would.
pub fn table_csv(table: &Table) -> Vec<u8> {
    let (mut csv, _) = table.csv_header();
    table.csv_rows(&mut csv);
    csv
}

/// Parquet and CSV bytes of a table.
pub fn render_table(table: &Table, options: CsvOptions) -> Result<[OutputFile; 2], ExportError> {
    let err = |source| ExportError::Polars {
        table: table.name.to_string(),
        source,
    };
    let mut df = crate::frame::frame(table).map_err(err)?;
    let mut parquet = std::io::Cursor::new(Vec::new());
    parquet_writer(&mut parquet, table, df.schema())
        .map_err(err)?
        // One row group for the whole table; with a larger size, polars
        // splits the frame into chunks through a null column first, which
        // makes it fill an 8 MB zero buffer on first use (perf).
        .with_row_group_size(Some(df.height().max(1)))
        .finish(&mut df)
        .map_err(err)?;
    let name = format!("{}.csv", table.name);
    let mut replaced = Replaced::new();
    let mut encoder = CsvEncoder::new(&name, table, options, 0, &mut replaced);
    let mut csv = Vec::new();
    encoder.header(table, &mut csv)?;
    encoder.rows(table, &mut csv)?;
    Ok([
        OutputFile {
            name: format!("{}.parquet", table.name),
            bytes: parquet.into_inner(),
        },
        OutputFile { name, bytes: csv },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of (item, raw_text) rows.
    fn table(rows: &'static [(&'static str, &'static str)]) -> Table {
        use zaitaku_table::{meta, s, Builder, Kind};
        Builder::<(&str, &str)>::default()
            .col(meta("item", Kind::Str, "i", "i", None), |r| s(r.0))
            .col(meta("raw_text", Kind::Str, "t", "t", None), |r| s(r.1))
            .build("t", &["item"], rows)
    }

    /// The CSV file of `t` as `options` write it.
    fn csv(
        t: &Table,
        options: CsvOptions,
        replaced: &mut Replaced,
    ) -> Result<Vec<u8>, ExportError> {
        let mut out = Vec::new();
        let mut encoder = CsvEncoder::new("t.csv", t, options, 0, replaced);
        encoder.header(t, &mut out)?;
        encoder.rows(t, &mut out)?;
        Ok(out)
    }

    #[test]
    fn cp932_holds_japanese_text_and_names_what_it_cannot() {
        let cp932 = CsvOptions {
            bom: false,
            encoding: CsvEncoding::Cp932,
            unmappable: Unmappable::Fail,
        };
        let mut replaced = Replaced::new();
        let ok = csv(
            &table(&[("ウ", "在宅療養中の患者・利用者, ～")]),
            cp932,
            &mut replaced,
        )
        .unwrap();
        let (back, _, bad) = encoding_rs::SHIFT_JIS.decode(&ok);
        assert!(!bad);
        assert_eq!(back, "item,raw_text\nウ,\"在宅療養中の患者・利用者, ～\"\n");
        let rows = &[("ウ", "在宅療養中の患者・利用者, ～"), ("ク", "⓪以外")];
        match csv(&table(rows), cp932, &mut replaced) {
            Err(ExportError::Unencodable {
                line,
                column,
                character,
                text,
                at_column,
                ..
            }) => {
                assert_eq!((line, column.as_str(), character), (3, "raw_text", '⓪'));
                assert_eq!((text.as_str(), at_column), ("ク,⓪以外", 3));
            }
            other => panic!("{other:?}"),
        }
        assert!(replaced.is_empty());
        // Replaced: each substitute written and counted.
        let replace = CsvOptions {
            unmappable: Unmappable::Replace,
            ..cp932
        };
        let rows = &[
            ("ウ", "在宅療養中の患者・利用者, ～"),
            ("ク", "⓪以外"),
            ("ア", "⓪–≤«»⓪"),
        ];
        let ok = csv(&table(rows), replace, &mut replaced).unwrap();
        let (back, _, bad) = encoding_rs::SHIFT_JIS.decode(&ok);
        assert!(!bad);
        assert!(back.ends_with("ク,(0)以外\nア,(0)-≦《》(0)\n"), "{back}");
        let counts: Vec<(char, u64)> = replaced.into_iter().collect();
        assert_eq!(counts, [('«', 1), ('»', 1), ('–', 1), ('≤', 1), ('⓪', 3)]);
        // A character outside the table still fails, where it stands in
        // the line as written (after the substitutes before it).
        match csv(&table(&[("⓪", "①⑳㉑")]), replace, &mut Replaced::new()) {
            Err(ExportError::Unencodable {
                line,
                column,
                character,
                text,
                at_column,
                ..
            }) => {
                assert_eq!((line, column.as_str(), character), (2, "raw_text", '㉑'));
                assert_eq!((text.as_str(), at_column), ("(0),①⑳㉑", 7));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_utf8_file_with_a_bom_starts_with_it_once() {
        let options = CsvOptions {
            bom: true,
            ..CsvOptions::default()
        };
        let out = csv(&table(&[("ア", "x")]), options, &mut Replaced::new()).unwrap();
        assert_eq!(out, "\u{FEFF}item,raw_text\nア,x\n".as_bytes());
    }

    #[test]
    fn every_substitute_is_needed_and_cp932_holds_it() {
        for (from, to) in CP932_SUBSTITUTES {
            let (_, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&from.to_string());
            assert!(unmappable, "{from} is in CP932: no substitute needed");
            let (_, _, unmappable) = encoding_rs::SHIFT_JIS.encode(to);
            assert!(!unmappable, "{to} is not in CP932");
        }
    }
}
