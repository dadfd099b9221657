//! Errors a user sees when the input cannot be read, decoded or parsed.
//!
//! Shaped like the `csv` crate's errors: every error carries its place (a
//! [`Span`]: page, line and column, all from 1, columns in characters) and
//! says what was expected and what was found, so the message reads like a bug
//! report. Its [`ErrorKind`] says which family of rule the input broke.

use crate::model::Span;

/// Which family of rule the input broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum ErrorKind {
    /// The text does not have the shape of the report's pages: a page, a
    /// header, a row or a figure line is missing or out of place.
    Layout,
    /// A number does not fit its column, or a figure cannot be read as one.
    Number,
    /// A word outside the layout's vocabulary where one of it is expected: a
    /// mark outside the legend, a municipality outside the reference list.
    Vocabulary,
    /// A date that names no known era, or no month.
    Date,
    /// The input is larger than the documented limits.
    Limit,
}

impl ErrorKind {
    /// A short name for messages: `layout`, `number`, …
    pub fn id(self) -> &'static str {
        match self {
            ErrorKind::Layout => "layout",
            ErrorKind::Number => "number",
            ErrorKind::Vocabulary => "vocabulary",
            ErrorKind::Date => "date",
            ErrorKind::Limit => "limit",
        }
    }
}

/// One thing in the input that does not have the shape the layout expects.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{position}: expected {expected}, found {found}")]
pub struct ParseError {
    /// Which rule it broke.
    pub kind: ErrorKind,
    /// Where the problem is.
    pub position: Span,
    /// What the layout expects there.
    pub expected: String,
    /// What the text holds there (shortened).
    pub found: String,
}

impl ParseError {
    /// A layout error, shortening `found` to a readable excerpt.
    pub fn new(position: Span, expected: impl Into<String>, found: &str) -> Self {
        ParseError::of(ErrorKind::Layout, position, expected, found)
    }

    /// An error of `kind`, shortening `found` to a readable excerpt.
    pub fn of(kind: ErrorKind, position: Span, expected: impl Into<String>, found: &str) -> Self {
        ParseError {
            kind,
            position,
            expected: expected.into(),
            found: excerpt(found),
        }
    }
}

/// The input bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The input holds no byte at all.
    #[error("the file is empty; expected the text of the report")]
    Empty,
    /// The input is larger than [`crate::MAX_INPUT_BYTES`].
    #[error("the file is larger than {limit} bytes, the input size limit; expected one edition of the report (about 90 KB)")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// A NUL byte: this is binary data, not an extracted text.
    #[error("byte {offset}: found a NUL byte; expected text (is this a binary file?)")]
    Binary {
        /// Byte offset of the first NUL, from 0.
        offset: usize,
    },
    /// The bytes are not valid in the chosen or detected encoding.
    #[error("line {line}, column {column} (byte {offset}): the bytes are not valid {encoding}")]
    Malformed {
        /// Encoding tried.
        encoding: &'static str,
        /// Byte offset of the first bad byte, from 0.
        offset: usize,
        /// Line of the bad byte, from 1.
        line: u32,
        /// Column of the bad byte, in characters, from 1.
        column: u32,
    },
    /// Without a byte order mark, no Japanese encoding fits the bytes.
    #[error("no byte order mark, not UTF-8, and the bytes look like {guess}; expected UTF-8, UTF-16 with BOM, Shift_JIS or EUC-JP (use --encoding to force one)")]
    Undetected {
        /// What the detector guessed.
        guess: &'static str,
    },
}

/// The parse errors of one input, all of them, in text order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} parse error(s); first: {}", .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
pub struct ParseErrors(pub Vec<ParseError>);

/// Shortens a piece of text for a message: at most 60 characters, one line.
pub fn excerpt(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c == '\n' { '⏎' } else { c })
        .collect();
    if one_line.is_empty() {
        return "end of input".to_string();
    }
    let mut out: String = one_line.chars().take(60).collect();
    if one_line.chars().count() > 60 {
        out.push('…');
    }
    format!("«{out}»")
}
