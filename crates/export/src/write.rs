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
    /// The build stopped before publishing (a parse error or a failed
    /// check, already reported): nothing was published.
    #[error("the build stopped before writing its outputs")]
    Abandoned,
    /// The file system refused.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
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
pub fn parquet_writer<W: std::io::Write>(w: W) -> ParquetWriter<W> {
    ParquetWriter::new(w).with_compression(ParquetCompression::Snappy)
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
}

/// UTF-8 CSV bytes (lines of a file after its first `lines_before`, whose
/// columns are `columns`) in the encoding `options` ask for. CP932 fails on
/// the first character it cannot hold, naming its line and column.
pub fn encode_csv(
    file: &str,
    utf8: Vec<u8>,
    options: CsvOptions,
    lines_before: usize,
    columns: &[&str],
) -> Result<Vec<u8>, ExportError> {
    match options.encoding {
        CsvEncoding::Utf8 if options.bom => Ok([&b"\xEF\xBB\xBF"[..], &utf8].concat()),
        CsvEncoding::Utf8 => Ok(utf8),
        CsvEncoding::Cp932 => {
            let text = String::from_utf8_lossy(&utf8);
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
    parquet_writer(&mut parquet)
        // One row group for the whole table; with a larger size, polars
        // splits the frame into chunks through a null column first, which
        // makes it fill an 8 MB zero buffer on first use (perf).
        .with_row_group_size(Some(df.height().max(1)))
        .finish(&mut df)
        .map_err(err)?;
    let name = format!("{}.csv", table.name);
    let columns: Vec<&str> = table.columns.iter().map(|(m, _)| m.name).collect();
    let csv = encode_csv(&name, table_csv(table), options, 0, &columns)?;
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
        let schema =
            serde_json::json!({ "fields": fields, "primaryKey": t.key, "missingValues": [""] });
        for (format, media) in [
            ("csv", "text/csv"),
            ("parquet", "application/vnd.apache.parquet"),
        ] {
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

/// Writes `files` into `dir`, replacing what it held, all or nothing.
///
/// At every instant `dir` is either the complete old set or the complete new
/// set, whether the process is killed at any moment or several builds run at
/// once:
///
/// - builds take an exclusive lock on `.{dir}.lock` beside `dir` (released by
///   the OS when a build dies, even by SIGKILL), so one writes at a time;
/// - under the lock, temporaries a killed build left (`.{dir}.tmp-*`) are
///   removed (only a lock holder creates one, so any present is stale), and
///   so are replaced sets older than [`KEEP_REPLACED`];
/// - the files are written into `.{dir}.tmp-{pid}`, which then takes `dir`'s
///   place in one step: a rename where `dir` does not exist yet, else an
///   exchange (Linux `renameat2(RENAME_EXCHANGE)`), after which the
///   temporary holds the old set;
/// - the old set is kept as `.{dir}.prev-{nanoseconds}` for at least
///   [`KEEP_REPLACED`], so a reader that opened `dir` just before the
///   exchange goes on reading a whole directory instead of one being deleted
///   under it.
///
/// Where the file system cannot exchange, the old set is moved aside and the
/// new one moved in: two renames, with an instant between them in which
/// `dir` does not exist.
pub fn write_atomically(dir: &Path, files: &[OutputFile]) -> Result<(), ExportError> {
    write_atomically_with(dir, |tmp| {
        for f in files {
            let path = tmp.join(&f.name);
            std::fs::write(&path, &f.bytes).map_err(io(&path))?;
        }
        Ok(())
    })
}

/// As [`write_atomically`], the files written by `write` into the
/// temporary directory it is given (which exists and is empty): an error
/// from `write` leaves `dir` as it was, and so does a kill at any moment.
pub fn write_atomically_with(
    dir: &Path,
    write: impl FnOnce(&Path) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let stem = dir
        .file_name()
        .map_or("output".into(), |n| n.to_string_lossy().into_owned());
    let lock_path = parent.join(format!(".{stem}.lock"));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io(&lock_path))?;
    lock.lock().map_err(io(&lock_path))?;
    sweep(&parent, &stem, nanos_since_epoch());
    let tmp = parent.join(format!(".{stem}.tmp-{}", std::process::id()));
    let written = (|| {
        std::fs::create_dir(&tmp).map_err(io(&tmp))?;
        write(&tmp)?;
        publish(&tmp, dir)
    })();
    if written.is_ok() && tmp.exists() {
        // `tmp` holds the set just replaced: kept a while (see above).
        let now = nanos_since_epoch();
        let _ = std::fs::rename(&tmp, parent.join(format!(".{stem}.prev-{now}")));
    }
    // Whatever is left (the new set, if publishing failed) goes.
    let _ = std::fs::remove_dir_all(&tmp);
    written
}

/// How long a replaced output set is kept beside the new one.
pub const KEEP_REPLACED: std::time::Duration = std::time::Duration::from_secs(10);

fn nanos_since_epoch() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

/// Removes, under the lock, what earlier builds left beside the output:
/// the temporaries of killed builds (`.{stem}.tmp-*`, and the `.{stem}.old-*`
/// of versions before the lock), and replaced sets older than
/// [`KEEP_REPLACED`] at `now` (and the single `.{stem}.prev` of earlier
/// versions).
fn sweep(parent: &Path, stem: &str, now: u128) {
    let stale = [format!(".{stem}.tmp-"), format!(".{stem}.old-")];
    let replaced = format!(".{stem}.prev-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let old = match name.strip_prefix(replaced.as_str()) {
            Some(t) => t
                .parse::<u128>()
                .map_or(true, |t| now.saturating_sub(t) > KEEP_REPLACED.as_nanos()),
            None => {
                stale.iter().any(|p| name.starts_with(p.as_str()))
                    || *name == format!(".{stem}.prev")
            }
        };
        if old {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError {
    let path = path.to_path_buf();
    move |source| ExportError::Io { path, source }
}

/// Puts the directory `tmp` in `dir`'s place in one step; afterwards `tmp`
/// holds what `dir` held, if anything.
fn publish(tmp: &Path, dir: &Path) -> Result<(), ExportError> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::rename(tmp, dir).map_err(io(dir))
        }
        _ => exchange(tmp, dir),
    }
}

#[cfg(target_os = "linux")]
fn exchange(tmp: &Path, dir: &Path) -> Result<(), ExportError> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, tmp, CWD, dir, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // The file system has no exchange (EINVAL), or the kernel lacks renameat2.
        Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {
            swap_by_renames(tmp, dir)
        }
        Err(e) => Err(io(dir)(e.into())),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(tmp: &Path, dir: &Path) -> Result<(), ExportError> {
    swap_by_renames(tmp, dir)
}

/// The fallback: the old set aside, the new one in, the old one where `tmp` was.
fn swap_by_renames(tmp: &Path, dir: &Path) -> Result<(), ExportError> {
    let mut old = tmp.as_os_str().to_owned();
    old.push(".old");
    let old = PathBuf::from(old);
    std::fs::rename(dir, &old).map_err(io(dir))?;
    if let Err(e) = std::fs::rename(tmp, dir) {
        let _ = std::fs::rename(&old, dir);
        return Err(io(dir)(e));
    }
    std::fs::rename(&old, tmp).map_err(io(tmp))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> OutputFile {
        OutputFile {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_the_directory_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&out, &[file("a.csv", "1"), file("b.csv", "2")]).unwrap();
        write_atomically(&out, &[file("a.csv", "3")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "3");
        assert!(!out.join("b.csv").exists());
        let mut left: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left.len(), 3, "{left:?}");
        assert_eq!(
            (left[0].as_str(), left[2].as_str()),
            (".output.lock", "output")
        );
        assert!(
            left[1].starts_with(".output.prev-"),
            "no temporary directory is left behind, the set replaced is kept a while: {left:?}"
        );
        assert_eq!(
            std::fs::read_to_string(tmp.path().join(&left[1]).join("a.csv")).unwrap(),
            "1"
        );
    }

    #[test]
    fn temporaries_of_a_killed_build_are_removed_by_the_next() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&out, &[file("a.csv", "1")]).unwrap();
        // What a build killed after the exchange leaves: the old set aside.
        std::fs::create_dir(tmp.path().join(".output.tmp-999999")).unwrap();
        std::fs::write(tmp.path().join(".output.tmp-999999/a.csv"), "0").unwrap();
        write_atomically(&out, &[file("a.csv", "2")]).unwrap();
        assert!(!tmp.path().join(".output.tmp-999999").exists());
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "2");
    }

    #[test]
    fn a_failed_write_leaves_the_directory_as_it_was() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("output");
        write_atomically(&out, &[file("a.csv", "1")]).unwrap();
        let bad = write_atomically(&out, &[file("a.csv", "2"), file("no/such/dir.csv", "x")]);
        assert!(bad.is_err());
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "1");
    }

    #[test]
    fn cp932_holds_japanese_text_and_names_what_it_cannot() {
        let csv = "item,raw_text\nウ,\"在宅療養中の患者・利用者, ～\"\nク,⓪以外\n"
            .as_bytes()
            .to_vec();
        let cp932 = CsvOptions {
            bom: false,
            encoding: CsvEncoding::Cp932,
        };
        let columns = ["item", "raw_text"];
        let ok = encode_csv(
            "t.csv",
            csv[..csv.len() - "ク,⓪以外\n".len()].to_vec(),
            cp932,
            0,
            &columns,
        )
        .unwrap();
        let (back, _, bad) = encoding_rs::SHIFT_JIS.decode(&ok);
        assert!(!bad);
        assert_eq!(back, "item,raw_text\nウ,\"在宅療養中の患者・利用者, ～\"\n");
        match encode_csv("t.csv", csv, cp932, 0, &columns) {
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
    }
}
