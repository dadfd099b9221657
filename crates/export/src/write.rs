//! Rendering every output file in memory, then writing them atomically:
//! into a temporary directory beside the target, moved into place only when
//! everything is written. A failure leaves the target exactly as it was.

use crate::table::{Kind, Table};
use polars::prelude::*;
use std::io::Cursor;
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
    /// The build stopped before publishing (a parse error or a failed
    /// check, already reported): nothing was published.
    #[error("the build stopped before writing its outputs")]
    Abandoned,
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

/// The CSV header row of a table, with its line end.
pub fn csv_header(table: &Table) -> Vec<u8> {
    let header: Vec<String> = table
        .columns
        .iter()
        .map(|(m, _)| csv_field(m.name))
        .collect();
    let mut csv = header.join(",").into_bytes();
    csv.push(b'\n');
    csv
}

/// A Parquet writer as every table is written: Snappy, with polars' default
/// column statistics. Measured here (2026-11-25, medians): the seed's build
/// takes 20.1 ms with Snappy and statistics (122 KB of Parquet), 19.0 ms
/// without statistics (98 KB), 18.7 ms uncompressed (180 KB), 27.1 ms with
/// zstd (111 KB: a zstd context per column chunk); for 300 editions the
/// codecs and statistics time the same within noise (1.33–1.43 s), and the
/// Parquet is 392 KB with Snappy, 3.8 MB uncompressed, 193 KB with zstd.
/// Statistics let readers skip row groups of other editions; Snappy costs
/// little and every reader knows it.
///
/// Each file's `ARROW:schema` (the Arrow schema readers take the column
/// types from, which polars would write the same) carries `pandas`
/// metadata naming the integer and flag columns' pandas types, `Int32` and
/// `boolean` (nullable), as pyarrow writes it for a frame of those types:
/// pandas then reads a null as `<NA>`, not as a float NaN or an object
/// column, and so does Frictionless's Parquet reader, which goes through
/// pandas. `schema` is the frame's.
pub fn parquet_writer<W: std::io::Write>(
    w: W,
    table: &Table,
    schema: &Schema,
) -> PolarsResult<ParquetWriter<W>> {
    let arrow = KeyValueMetadata::from_static(vec![(
        "ARROW:schema".into(),
        arrow_schema_with_pandas(table, schema)?,
    )]);
    Ok(ParquetWriter::new(w)
        .with_compression(ParquetCompression::Snappy)
        .with_key_value_metadata(Some(arrow)))
}

/// The `ARROW:schema` value polars writes for `schema` (an IPC schema
/// message, length-prefixed, base64), with [`pandas_metadata`] in it.
fn arrow_schema_with_pandas(table: &Table, schema: &Schema) -> PolarsResult<String> {
    use base64::Engine;
    use polars_arrow::io::ipc::write::{default_ipc_fields, schema_to_bytes};
    let arrow = polars_io::schema_to_arrow_checked(schema, CompatLevel::newest(), "parquet")?;
    let mut metadata = polars_arrow::datatypes::Metadata::new();
    metadata.insert("pandas".into(), pandas_metadata(table).into());
    let ipc = schema_to_bytes(
        &arrow,
        &default_ipc_fields(arrow.iter_values()),
        Some(&metadata),
    );
    let length = u32::try_from(ipc.len())
        .map_err(|_| polars_err!(ComputeError: "an Arrow schema over 4 GiB"))?;
    // The legacy IPC framing Arrow's Parquet readers expect (as polars writes it).
    let mut framed = Vec::with_capacity(ipc.len() + 8);
    framed.extend_from_slice(&[255, 255, 255, 255]);
    framed.extend_from_slice(&length.to_le_bytes());
    framed.extend_from_slice(&ipc);
    Ok(base64::engine::general_purpose::STANDARD.encode(&framed))
}

/// The pandas types of a table's integer and flag columns, in the form of
/// pyarrow's `pandas` schema metadata (the other columns keep pandas'
/// default for their Arrow type).
pub fn pandas_metadata(table: &Table) -> String {
    let columns: Vec<serde_json::Value> = table
        .columns
        .iter()
        .filter_map(|(m, _)| {
            let (pandas_type, numpy_type) = match m.kind {
                Kind::Int => ("int32", "Int32"),
                Kind::Bool => ("bool", "boolean"),
                _ => return None,
            };
            Some(serde_json::json!({
                "name": m.name,
                "field_name": m.name,
                "pandas_type": pandas_type,
                "numpy_type": numpy_type,
                "metadata": null,
            }))
        })
        .collect();
    serde_json::json!({
        "index_columns": [],
        "column_indexes": [],
        "columns": columns,
        "creator": { "library": "zaitaku-etl" },
    })
    .to_string()
}

/// A field quoted as RFC 4180 asks where it must be.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The text encoding of the CSV files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CsvEncoding {
    /// UTF-8 (the default).
    #[default]
    Utf8,
    /// CP932 (Windows Japanese, Shift_JIS with the Microsoft extensions), for old Excel.
    Cp932,
}

impl CsvEncoding {
    /// The name in `datapackage.json`.
    pub fn label(self) -> &'static str {
        match self {
            CsvEncoding::Utf8 => "utf-8",
            CsvEncoding::Cp932 => "cp932",
        }
    }
}

impl std::str::FromStr for CsvEncoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Ok(CsvEncoding::Utf8),
            "cp932" | "windows-31j" => Ok(CsvEncoding::Cp932),
            _ => Err(format!(
                "unknown CSV encoding «{s}»; expected utf-8 or cp932"
            )),
        }
    }
}

/// How the CSV files are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// A UTF-8 byte order mark in front (`--csv-bom`, for Excel).
    pub bom: bool,
    /// The encoding (`--csv-encoding`).
    pub encoding: CsvEncoding,
    /// What CP932 does with a character it cannot hold (`--cp932-unmappable`).
    pub unmappable: Unmappable,
}

/// What CP932 output does with a character CP932 cannot hold.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Unmappable {
    /// Nothing is written; the error names the file, line, column and
    /// character (the default).
    #[default]
    Fail,
    /// Each character of [`CP932_SUBSTITUTES`] is written as its substitute
    /// and counted in the validation report; any other still fails.
    Replace,
}

impl std::str::FromStr for Unmappable {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "fail" => Ok(Unmappable::Fail),
            "replace" => Ok(Unmappable::Replace),
            _ => Err(format!("expected fail or replace, found «{s}»")),
        }
    }
}

/// The characters the tables hold that CP932 cannot, and what
/// `--cp932-unmappable replace` writes for each: the report's ⓪ (ク①'s
/// question text) and the signs of the validation tables' own texts.
pub const CP932_SUBSTITUTES: &[(char, &str)] = &[
    ('⓪', "(0)"),
    ('–', "-"),
    ('≤', "≦"),
    ('«', "《"),
    ('»', "》"),
];

/// How many of each character a CSV file had replaced (see [`Unmappable`]).
pub type Replaced = std::collections::BTreeMap<char, u64>;

/// UTF-8 CSV bytes (lines of a file after its first `lines_before`, whose
/// columns are `columns`) in the encoding `options` ask for. CP932 fails on
/// the first character it cannot hold, naming its line and column, unless
/// `options` replace it by its substitute; each replacement is added to
/// `replaced`.
pub fn encode_csv(
    file: &str,
    utf8: Vec<u8>,
    options: CsvOptions,
    lines_before: usize,
    columns: &[&str],
    replaced: &mut Replaced,
) -> Result<Vec<u8>, ExportError> {
    match options.encoding {
        CsvEncoding::Utf8 if options.bom => Ok([&b"\xEF\xBB\xBF"[..], &utf8].concat()),
        CsvEncoding::Utf8 => Ok(utf8),
        CsvEncoding::Cp932 => {
            let mut text = String::from_utf8_lossy(&utf8).into_owned();
            if options.unmappable == Unmappable::Replace {
                text = substitute(&text, replaced);
            }
            let header = columns;
            let mut out = Vec::with_capacity(utf8.len());
            let mut encoder = encoding_rs::SHIFT_JIS.new_encoder();
            for (k, line) in text.split_inclusive('\n').enumerate() {
                // CP932 needs at most as many bytes as UTF-8 for every character.
                let mut buf = vec![0u8; line.len() + 16];
                let (result, read, written) =
                    encoder.encode_from_utf8_without_replacement(line, &mut buf, false);
                match result {
                    encoding_rs::EncoderResult::InputEmpty => {
                        out.extend_from_slice(buf.get(..written).unwrap_or_default())
                    }
                    encoding_rs::EncoderResult::Unmappable(c) => {
                        let before = line
                            .get(..read.saturating_sub(c.len_utf8()))
                            .unwrap_or(line);
                        let at_column = u32::try_from(before.chars().count())
                            .unwrap_or(u32::MAX)
                            .saturating_add(1);
                        return Err(ExportError::Unencodable {
                            text: line.trim_end_matches('\n').to_string(),
                            at_column,
                            file: file.to_string(),
                            line: lines_before + k + 1,
                            column: header
                                .get(field_index(
                                    line.get(..read.saturating_sub(c.len_utf8()))
                                        .unwrap_or(line),
                                ))
                                .unwrap_or(&"?")
                                .to_string(),
                            character: c,
                            code: c as u32,
                        });
                    }
                    encoding_rs::EncoderResult::OutputFull => {
                        return Err(ExportError::Io {
                            path: file.into(),
                            source: std::io::Error::other("CP932 encoding overran its buffer"),
                        })
                    }
                }
            }
            Ok(out)
        }
    }
}

/// The substitute of a replaced character.
fn substitute_of(c: char) -> &'static str {
    CP932_SUBSTITUTES
        .iter()
        .find(|(from, _)| *from == c)
        .map_or("", |(_, to)| to)
}

/// The validation report (Markdown) with a section listing the characters
/// CP932 could not hold and what was written instead, per CSV file; as it
/// was where nothing was replaced.
pub fn with_replacements_markdown(mut md: String, replaced: &[(String, Replaced)]) -> String {
    if replaced.iter().all(|(_, r)| r.is_empty()) {
        return md;
    }
    md.push_str("\n## CSV encoding: characters replaced\n\nThe CSV files are CP932; characters CP932 cannot hold were written as their substitutes (`--cp932-unmappable replace`). The Parquet files hold the text as printed.\n\n| file | character | code | written as | times |\n|---|---|---|---|---|\n");
    for (file, counts) in replaced {
        for (c, n) in counts {
            md.push_str(&format!(
                "| `{file}` | {c} | U+{:04X} | {} | {n} |\n",
                u32::from(*c),
                substitute_of(*c)
            ));
        }
    }
    md
}

/// The validation report (JSON) with `csv_replacements` (see
/// [`with_replacements_markdown`]); as it was where nothing was replaced.
pub fn with_replacements_json(json: String, replaced: &[(String, Replaced)]) -> String {
    if replaced.iter().all(|(_, r)| r.is_empty()) {
        return json;
    }
    let Ok(serde_json::Value::Object(mut doc)) = serde_json::from_str::<serde_json::Value>(&json)
    else {
        return json;
    };
    let rows: Vec<serde_json::Value> = replaced
        .iter()
        .flat_map(|(file, counts)| {
            counts.iter().map(move |(c, n)| {
                serde_json::json!({
                    "file": file,
                    "character": c.to_string(),
                    "code": format!("U+{:04X}", u32::from(*c)),
                    "written_as": substitute_of(*c),
                    "times": n,
                })
            })
        })
        .collect();
    doc.insert("csv_replacements".into(), rows.into());
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or(json);
    out.push('\n');
    out
}

/// `text` with every character of [`CP932_SUBSTITUTES`] replaced, each counted.
fn substitute(text: &str, replaced: &mut Replaced) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match CP932_SUBSTITUTES.iter().find(|(from, _)| *from == c) {
            Some((_, to)) => {
                out.push_str(to);
                *replaced.entry(c).or_insert(0) += 1;
            }
            None => out.push(c),
        }
    }
    out
}

/// The field a position of a CSV line is in: commas outside quotes before it.
fn field_index(before: &str) -> usize {
    let mut quoted = false;
    let mut index = 0;
    for c in before.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => index += 1,
            _ => {}
        }
    }
    index
}

/// Parquet and CSV bytes of a table.
pub fn render_table(table: &Table, options: CsvOptions) -> Result<[OutputFile; 2], ExportError> {
    let err = |source| ExportError::Polars {
        table: table.name.to_string(),
        source,
    };
    let mut df = table.frame().map_err(err)?;
    let mut parquet = Cursor::new(Vec::new());
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

/// The Frictionless Data Package describing every table (CSV and Parquet).
pub fn datapackage(tables: &[Table], csv: CsvOptions) -> OutputFile {
    let mut resources = Vec::new();
    for t in tables {
        let fields: Vec<serde_json::Value> = t
            .columns
            .iter()
            .map(|(m, _)| {
                let (ty, constraints) = match m.kind {
                    Kind::Str => ("string", None),
                    Kind::Int => ("integer", None),
                    Kind::Float => ("number", None),
                    Kind::Bool => ("boolean", None),
                    Kind::Date => ("date", None),
                    Kind::Enum(values) => ("string", Some(serde_json::json!({ "enum": values }))),
                };
                let mut f = serde_json::json!({ "name": m.name, "type": ty, "title": m.title_ja, "description": m.description });
                if let (Some(c), Some(o)) = (constraints, f.as_object_mut()) {
                    o.insert("constraints".into(), c);
                }
                if let (Some(u), Some(o)) = (m.unit, f.as_object_mut()) {
                    o.insert("unit".into(), u.into());
                }
                f
            })
            .collect();
        for (format, media) in [
            ("csv", "text/csv"),
            ("parquet", "application/vnd.apache.parquet"),
        ] {
            // Each format's resources refer to the same format's tables.
            let foreign_keys: Vec<serde_json::Value> = t
                .columns
                .iter()
                .filter_map(|(m, _)| {
                    let table = m.references?;
                    Some(serde_json::json!({
                        "fields": m.name,
                        "reference": { "resource": format!("{table}_{format}"), "fields": m.name },
                    }))
                })
                .collect();
            let mut schema =
                serde_json::json!({ "fields": fields, "primaryKey": t.key, "missingValues": [""] });
            if let (false, Some(o)) = (foreign_keys.is_empty(), schema.as_object_mut()) {
                o.insert("foreignKeys".into(), foreign_keys.into());
            }
            resources.push(serde_json::json!({
                "name": format!("{}_{format}", t.name),
                "path": format!("{}.{format}", t.name),
                "profile": "tabular-data-resource",
                "format": format,
                "mediatype": media,
                "encoding": if format == "csv" { csv.encoding.label() } else { "utf-8" },
                "description": t.description,
                "schema": schema,
            }));
        }
    }
    let doc = serde_json::json!({
        "profile": "tabular-data-package",
        "name": "zaitaku-etl",
        "title": "在宅医療・介護連携推進事業の取組状況 (Tokyo), reconstructed",
        "description": "Tables reconstructed from the text of the Tokyo Metropolitan Government report 「在宅医療・介護連携推進事業の取組状況」, every value checked against the figures it prints (validation_report.json).",
        "resources": resources,
    });
    let mut bytes = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile {
        name: "datapackage.json".into(),
        bytes,
    }
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
