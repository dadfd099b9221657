//! The CSV files' encodings: UTF-8 (with a BOM on request) or CP932, where
//! a character CP932 cannot hold fails naming its line and column, or is
//! written as its stated substitute and counted in the reports.

use super::ExportError;
use zaitaku_table::Table;

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

/// The lines of one CSV file in the encoding its options ask for, each
/// encoded as it is written: UTF-8 as written (a byte order mark before the
/// header where asked), or CP932, which fails on the first character it
/// cannot hold, naming the line and the column it is in, unless the options
/// replace it by its substitute (each replacement counted in `replaced`).
pub struct CsvEncoder<'a> {
    file: &'a str,
    options: CsvOptions,
    columns: Vec<&'static str>,
    replaced: &'a mut Replaced,
    /// Lines of the file written so far (the header is line 1).
    lines: usize,
    encoder: encoding_rs::Encoder,
    /// A field's CP932 bytes.
    scratch: Vec<u8>,
}

impl<'a> CsvEncoder<'a> {
    /// The encoder of the file `file`, of `table`'s columns, after its
    /// first `lines_before` lines.
    pub fn new(
        file: &'a str,
        table: &Table,
        options: CsvOptions,
        lines_before: usize,
        replaced: &'a mut Replaced,
    ) -> Self {
        CsvEncoder {
            file,
            options,
            columns: table.columns.iter().map(|(m, _)| m.name).collect(),
            replaced,
            lines: lines_before,
            encoder: encoding_rs::SHIFT_JIS.new_encoder(),
            scratch: Vec::new(),
        }
    }

    /// Appends the header line of `table` to `out`.
    pub fn header(&mut self, table: &Table, out: &mut Vec<u8>) -> Result<(), ExportError> {
        if self.options.bom && self.options.encoding == CsvEncoding::Utf8 {
            out.extend_from_slice(b"\xEF\xBB\xBF");
        }
        let (line, fields) = table.csv_header();
        let start = out.len();
        out.extend_from_slice(&line);
        let fields: Vec<(usize, usize)> = (fields.iter())
            .map(|(a, b)| (start + a, start + b))
            .collect();
        self.line(out, start, &fields)
    }

    /// Appends the rows of `table` to `out`.
    pub fn rows(&mut self, table: &Table, out: &mut Vec<u8>) -> Result<(), ExportError> {
        match self.options.encoding {
            CsvEncoding::Utf8 => {
                table.csv_rows(out);
                self.lines += table.height();
                Ok(())
            }
            CsvEncoding::Cp932 => {
                table.each_csv_row(out, |out, start, fields| self.line(out, start, fields))
            }
        }
    }

    /// Encodes the line written at `out[start..]`, whose fields are at
    /// `fields`, in place.
    fn line(
        &mut self,
        out: &mut Vec<u8>,
        start: usize,
        fields: &[(usize, usize)],
    ) -> Result<(), ExportError> {
        self.lines += 1;
        if self.options.encoding == CsvEncoding::Utf8 {
            return Ok(());
        }
        let utf8 = out.split_off(start);
        // Written from `&str`s and ASCII: always UTF-8.
        let line = String::from_utf8_lossy(&utf8);
        let replace = self.options.unmappable == Unmappable::Replace;
        let mut done = 0;
        for (k, &(from, to)) in fields.iter().enumerate() {
            let (from, to) = (from.saturating_sub(start), to.saturating_sub(start));
            // The separator before the field: ASCII, the same in CP932.
            out.extend_from_slice(utf8.get(done..from).unwrap_or_default());
            let field = line.get(from..to).unwrap_or_default();
            let field = if replace {
                std::borrow::Cow::Owned(substitute(field, self.replaced))
            } else {
                std::borrow::Cow::Borrowed(field)
            };
            // CP932 needs at most as many bytes as UTF-8 for every character.
            self.scratch.clear();
            self.scratch.resize(field.len() + 16, 0);
            let (result, read, written) = (self.encoder).encode_from_utf8_without_replacement(
                &field,
                &mut self.scratch,
                false,
            );
            match result {
                encoding_rs::EncoderResult::InputEmpty => {
                    out.extend_from_slice(self.scratch.get(..written).unwrap_or_default())
                }
                encoding_rs::EncoderResult::Unmappable(c) => {
                    let before = field
                        .get(..read.saturating_sub(c.len_utf8()))
                        .unwrap_or_default();
                    let shown = |t: &str| {
                        if replace {
                            substitute(t, &mut Replaced::new())
                        } else {
                            t.to_string()
                        }
                    };
                    let prefix = shown(line.get(..from).unwrap_or_default());
                    let at = prefix.chars().count() + before.chars().count() + 1;
                    return Err(ExportError::Unencodable {
                        text: shown(line.trim_end_matches('\n')),
                        at_column: u32::try_from(at).unwrap_or(u32::MAX),
                        file: self.file.to_string(),
                        line: self.lines,
                        column: self.columns.get(k).copied().unwrap_or("?").to_string(),
                        character: c,
                        code: c as u32,
                    });
                }
                encoding_rs::EncoderResult::OutputFull => {
                    return Err(ExportError::EncoderOverrun {
                        file: self.file.to_string(),
                    })
                }
            }
            done = to;
        }
        // The line end.
        out.extend_from_slice(utf8.get(done..).unwrap_or_default());
        Ok(())
    }
}

/// The substitute of a replaced character.
pub fn substitute_of(c: char) -> &'static str {
    CP932_SUBSTITUTES
        .iter()
        .find(|(from, _)| *from == c)
        .map_or("", |(_, to)| to)
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
