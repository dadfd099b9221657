//! Errors a user sees when the input cannot be read, decoded or parsed.
//!
//! Shaped like the `csv` crate's errors: every error carries its place (a
//! [`Span`]: page, line and column, all from 1, columns in characters) and
//! says what was expected and what was found, so the message reads like a bug
//! report. Its [`ErrorKind`] says which family of rule the input broke:
//! one error type for decoding, every page parser and the overrides file.

use crate::span::Span;

/// Which family of rule the input broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum ErrorKind {
    /// The bytes are not text in the chosen or detected encoding: empty, a
    /// NUL byte, an invalid sequence, or no encoding fits.
    Decode,
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
    /// A line of the overrides file that cannot be used.
    Overrides,
}

impl ErrorKind {
    /// A short name for messages: `layout`, `number`, …
    pub fn id(self) -> &'static str {
        match self {
            ErrorKind::Decode => "decode",
            ErrorKind::Layout => "layout",
            ErrorKind::Number => "number",
            ErrorKind::Vocabulary => "vocabulary",
            ErrorKind::Date => "date",
            ErrorKind::Limit => "limit",
            ErrorKind::Overrides => "overrides",
        }
    }
}

/// One thing in an input that is not what the crate can read: the crate's
/// one error type, for decoding, parsing and the overrides file alike.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{position}: expected {expected}, found {found}")]
pub struct ParseError {
    /// Which rule it broke.
    pub kind: ErrorKind,
    /// Where the problem is. Decode and overrides errors come before pages
    /// are known: their page is 0; an empty or oversized file is at line 1.
    pub position: Span,
    /// What the layout expects there.
    pub expected: String,
    /// What the text holds there (shortened); shown in «» quotes.
    pub found: Found,
    /// For a decode error, the damaged line as far as it can be read (bad
    /// bytes replaced), since there is no decoded text to show it from.
    pub source_line: Option<String>,
}

/// What a text whose window pages stop before the reference list's last
/// municipality gets: it ends before the report does (a download or a
/// copy cut short), an input error, not a figure that disagrees. `end` is
/// the text's last line.
pub fn cut_short(windows: &crate::model::windows::PrintedWindows, end: Span) -> Option<ParseError> {
    let list = crate::reference::municipalities();
    let last = windows.last_printed()?;
    let next = list.get(usize::try_from(last).ok()?)?;
    let final_one = list.last()?;
    let name_of = |no: u32| {
        crate::reference::index_of(no)
            .and_then(|i| list.get(i))
            .map_or(String::new(), |m| m.name.clone())
    };
    Some(ParseError::new(
        end,
        format!(
            "the consultation windows of {} ({}) to {} ({}) after {} ({last}): the text ends before the report does; was the file cut short?",
            next.name,
            last.saturating_add(1),
            final_one.name,
            list.len(),
            name_of(last),
        ),
        &format!("the end of the text (page {})", end.page),
    ))
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
            found: Found::excerpt(found),
            source_line: None,
        }
    }
}

/// The parse errors of one input, all of them, in text order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} parse error(s); first: {}", .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
pub struct ParseErrors(pub Vec<ParseError>);

/// What an error found in the text: an excerpt of it, or the end of the
/// input. `Display` quotes an excerpt: 「«2147483648»」, 「end of input」.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A piece of the text, at most 60 characters and one line (line ends
    /// shown as ⏎, a longer piece cut with …).
    Text(String),
    /// Nothing: the input ended.
    EndOfInput,
}

impl Found {
    /// The excerpt of `text` (see [`Found::Text`]); empty text is the end of input.
    pub fn excerpt(text: &str) -> Found {
        if text.is_empty() {
            return Found::EndOfInput;
        }
        let one_line = text.chars().map(|c| if c == '\n' { '⏎' } else { c });
        let mut out: String = one_line.clone().take(60).collect();
        if one_line.count() > 60 {
            out.push('…');
        }
        Found::Text(out)
    }

    /// The excerpt without quotes (empty for the end of input).
    pub fn text(&self) -> &str {
        match self {
            Found::Text(t) => t,
            Found::EndOfInput => "",
        }
    }
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Found::Text(t) => write!(f, "«{t}»"),
            Found::EndOfInput => write!(f, "end of input"),
        }
    }
}
