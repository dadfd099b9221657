//! The CSV files' encodings: UTF-8 (with a BOM on request) or CP932, where
//! a character CP932 cannot hold fails naming its line and column, or is
//! written as its stated substitute and counted in the reports.

use super::ExportError;

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
                        return Err(ExportError::EncoderOverrun {
                            file: file.to_string(),
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

/// The validation report's JSON document with `csv_replacements` (see
/// [`with_replacements_markdown`]) where characters were replaced, as pretty
/// JSON ending with a newline.
pub fn with_replacements_json(
    mut doc: serde_json::Value,
    replaced: &[(String, Replaced)],
) -> String {
    if let (serde_json::Value::Object(doc), false) =
        (&mut doc, replaced.iter().all(|(_, r)| r.is_empty()))
    {
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
    }
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
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
