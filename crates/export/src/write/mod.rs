//! Rendering every output file in memory, then writing them atomically:
//! into a temporary directory beside the target, moved into place only when
//! everything is written. A failure leaves the target exactly as it was.

//!
//! The crate's error ([`ExportError`]) and one table's files are here; the
//! Parquet writer in [`parquet`], the CSV encodings (CP932 and its
//! substitutes) in [`encoding`], the data package in [`datapackage`].

mod datapackage;
pub mod encoding;
pub mod parquet;

pub use datapackage::datapackage;
pub use encoding::{
    encode_csv, with_replacements_json, with_replacements_markdown, CsvEncoding, CsvOptions,
    Replaced, Unmappable, CP932_SUBSTITUTES,
};
pub use parquet::{pandas_metadata, parquet_writer};

use crate::table::{csv_text, Table};
use polars::prelude::*;
use std::path::{Path, PathBuf};

/// An output file: its name inside the output directory and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// File name: `program_summary.parquet`.
    pub name: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

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
    /// The output directory is not zaitaku's to replace: nothing changed.
    #[error("{0}")]
    Refused(crate::claim::Refusal),
    /// The file system refused.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// The error of an I/O operation on `path`.
pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError {
    let path = path.to_path_buf();
    move |source| ExportError::Io { path, source }
}

/// CSV bytes of a table: UTF-8, header row, RFC 4180 quoting, `\n` line
/// ends, written from its cells ([`Table::csv_rows`]), as polars would.
pub fn table_csv(table: &Table) -> Vec<u8> {
    let mut csv = csv_header(table);
    table.csv_rows(&mut csv);
    csv
}

/// The CSV header row of a table, with its line end (quoted as any text
/// field, by the one quoter, [`csv_text`]).
pub fn csv_header(table: &Table) -> Vec<u8> {
    let mut csv = Vec::new();
    for (k, (m, _)) in table.columns.iter().enumerate() {
        if k > 0 {
            csv.push(b',');
        }
        csv_text(&mut csv, m.name);
    }
    csv.push(b'\n');
    csv
}

/// Parquet and CSV bytes of a table.
pub fn render_table(table: &Table, options: CsvOptions) -> Result<[OutputFile; 2], ExportError> {
    let err = |source| ExportError::Polars {
        table: table.name.to_string(),
        source,
    };
    let mut df = table.frame().map_err(err)?;
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
    let columns: Vec<&str> = table.columns.iter().map(|(m, _)| m.name).collect();
    let csv = encode_csv(
        &name,
        table_csv(table),
        options,
        0,
        &columns,
        &mut Replaced::new(),
    )?;
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

    #[test]
    fn cp932_holds_japanese_text_and_names_what_it_cannot() {
        let csv = "item,raw_text\nウ,\"在宅療養中の患者・利用者, ～\"\nク,⓪以外\n"
            .as_bytes()
            .to_vec();
        let cp932 = CsvOptions {
            bom: false,
            encoding: CsvEncoding::Cp932,
            unmappable: Unmappable::Fail,
        };
        let columns = ["item", "raw_text"];
        let mut replaced = Replaced::new();
        let ok = encode_csv(
            "t.csv",
            csv[..csv.len() - "ク,⓪以外\n".len()].to_vec(),
            cp932,
            0,
            &columns,
            &mut replaced,
        )
        .unwrap();
        let (back, _, bad) = encoding_rs::SHIFT_JIS.decode(&ok);
        assert!(!bad);
        assert_eq!(back, "item,raw_text\nウ,\"在宅療養中の患者・利用者, ～\"\n");
        match encode_csv("t.csv", csv.clone(), cp932, 0, &columns, &mut replaced) {
            Err(ExportError::Unencodable {
                line,
                column,
                character,
                ..
            }) => {
                assert_eq!((line, column.as_str(), character), (3, "raw_text", '⓪'))
            }
            other => panic!("{other:?}"),
        }
        assert!(replaced.is_empty());
        // Replaced: each substitute written and counted.
        let replace = CsvOptions {
            unmappable: Unmappable::Replace,
            ..cp932
        };
        let more = [csv.clone(), "ア,⓪–≤«»⓪\n".as_bytes().to_vec()].concat();
        let ok = encode_csv("t.csv", more, replace, 0, &columns, &mut replaced).unwrap();
        let (back, _, bad) = encoding_rs::SHIFT_JIS.decode(&ok);
        assert!(!bad);
        assert!(back.ends_with("ク,(0)以外\nア,(0)-≦《》(0)\n"), "{back}");
        let counts: Vec<(char, u64)> = replaced.into_iter().collect();
        assert_eq!(counts, [('«', 1), ('»', 1), ('–', 1), ('≤', 1), ('⓪', 3)]);
        // A character outside the table still fails.
        let other = "item,raw_text\nア,①⑳㉑\n".as_bytes().to_vec();
        assert!(encode_csv("t.csv", other, replace, 0, &columns, &mut Replaced::new()).is_err());
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
