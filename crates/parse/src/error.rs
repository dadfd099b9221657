//! Errors a user sees when the input cannot be read, decoded or parsed.
//!
//! Shaped like the `csv` crate's errors: every error carries its position
//! (lines and columns count from 1, columns in characters) and says what was
//! expected and what was found, so the message reads like a bug report.

use std::fmt;

/// Where in the decoded text something is: page (from 1), line and column
/// (from 1, columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Position {
    /// Page of the report (pages are separated by two blank lines), from 1.
    pub page: u32,
    /// Line of the input file, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {} (page {})",
            self.line, self.column, self.page
        )
    }
}

/// One thing in the input that does not have the shape the layout expects.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{position}: expected {expected}, found {found}")]
pub struct ParseError {
    /// Where the problem is.
    pub position: Position,
    /// What the layout expects there.
    pub expected: String,
    /// What the text holds there (shortened).
    pub found: String,
}

impl ParseError {
    /// Builds an error, shortening `found` to a readable excerpt.
    pub fn new(position: Position, expected: impl Into<String>, found: &str) -> Self {
        ParseError {
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
