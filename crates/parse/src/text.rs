//! What the page parsers read: lines and pages of the canonical text
//! ([`crate::canon`]), paragraphs, words, and the input column of a byte of
//! a canonical line.

use crate::error::{ErrorKind, ParseError};

/// `c` as an ASCII digit where it is a full-width one (「１」 → 1); else `c`:
/// for what people type, read outside the canonical text (the overrides).
pub fn half_width_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The largest number any table holds: counts, numbers and years are
/// written as 32-bit integers (Parquet Int32).
pub const MAX_NUMBER: u64 = i32::MAX as u64;

/// Every run of ASCII digits (after normalization: full-width digits
/// included) whose value exceeds [`MAX_NUMBER`], as a number error at its
/// first digit. No field of the report holds such a run, so it is refused
/// wherever it stands, before any page parser reads a number.
pub fn oversized_numbers(pages: &[Page<'_>]) -> Vec<ParseError> {
    let mut errors = Vec::new();
    for page in pages {
        for line in &page.lines {
            let mut value: u64 = 0;
            let mut start: Option<usize> = None;
            let mut reported = false;
            // ASCII digits are single bytes, never part of another character.
            for (at, b) in line
                .text
                .bytes()
                .enumerate()
                .chain([(line.text.len(), b' ')])
            {
                match b.is_ascii_digit().then(|| b - b'0') {
                    Some(d) => {
                        let first = *start.get_or_insert(at);
                        value = value.saturating_mul(10).saturating_add(u64::from(d));
                        if value > MAX_NUMBER && !reported {
                            reported = true;
                            let run: String = line.text[first..]
                                .chars()
                                .take_while(char::is_ascii_digit)
                                .collect();
                            errors.push(ParseError::of(
                                ErrorKind::Number,
                                page.span(line.no).at_column(line.column(first)),
                                format!("a number of at most {MAX_NUMBER} (the tables' counts and years are 32-bit)"),
                                &run,
                            ));
                        }
                    }
                    None => {
                        value = 0;
                        start = None;
                        reported = false;
                    }
                }
            }
        }
    }
    errors
}

/// One line of the canonical text, with the number of the input line it
/// came from (from 1) and the way back to the input's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// Line number in the input, from 1.
    pub no: u32,
    /// The line's canonical text, without its `\n`.
    pub text: &'a str,
    /// Where the input's columns stop lining up with the canonical ones.
    pub shifts: &'a [Shift],
}

impl<'a> Line<'a> {
    /// A line whose text is its input's (no shift): for tests.
    pub fn plain(no: u32, text: &'a str) -> Self {
        Line {
            no,
            text,
            shifts: &[],
        }
    }

    /// The input's character column (from 1) of byte `at` of the line.
    pub fn column(&self, at: usize) -> u32 {
        char_column(self.text, at).saturating_add_signed(self.delta(at))
    }

    /// Input column minus canonical column at byte `at`.
    fn delta(&self, at: usize) -> i32 {
        let k = self
            .shifts
            .partition_point(|s| usize::try_from(s.at).is_ok_and(|s| s <= at));
        k.checked_sub(1)
            .and_then(|k| self.shifts.get(k))
            .map_or(0, |s| s.delta)
    }
}

/// From byte `at` of a canonical line on, the input's character column is
/// the canonical one plus `delta` (negative after a space the stage put
/// between two marks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    /// Byte offset in the canonical line.
    pub at: u32,
    /// Input column minus canonical column, from `at` on.
    pub delta: i32,
}

/// One page of the canonical text ([`crate::canon::Canonical::pages`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<'a> {
    /// Page number, from 1.
    pub no: u32,
    /// The page's lines, blank lines included, leading and trailing ones dropped.
    pub lines: Vec<Line<'a>>,
}

/// The first page with a line `is` holds, and that line's number: how a
/// page is found by its title, wherever the text put it.
pub fn first_line_where<'p, 'a>(
    pages: &'p [Page<'a>],
    is: impl Fn(&str) -> bool,
) -> Option<(&'p Page<'a>, u32)> {
    pages
        .iter()
        .find_map(|p| p.lines.iter().find(|l| is(l.text)).map(|l| (p, l.no)))
}

impl<'a> Page<'a> {
    /// The span of input line `line` on this page.
    pub fn span(&self, line: u32) -> crate::span::Span {
        crate::span::Span::line(self.no, line)
    }

    /// The position of the page's first line (for messages about the whole page).
    pub fn start(&self) -> crate::span::Span {
        crate::span::Span::line(self.no, self.first_line())
    }

    /// The position of the page's last line (for messages about what the page lacks).
    pub fn end(&self) -> crate::span::Span {
        crate::span::Span::line(self.no, self.lines.last().map_or(0, |l| l.no))
    }

    /// Line number of the page's first line.
    pub fn first_line(&self) -> u32 {
        self.lines.first().map_or(0, |l| l.no)
    }
}

/// The words of a line (split at ASCII whitespace; U+3000 stays inside a
/// word, as in 「熟年相談室　きく」) with the byte offset each starts at.
pub fn words_at(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, b) in text.bytes().enumerate().chain([(text.len(), b' ')]) {
        match (b.is_ascii_whitespace(), start) {
            (true, Some(s)) => {
                words.extend(text.get(s..at).map(|w| (s, w)));
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    words
}

/// Input columns (from 1) of increasing byte offsets of one line, in one
/// pass over it: a column per word of a long line costs the line once, not
/// once per word.
#[derive(Debug, Clone)]
pub struct Columns<'a> {
    line: Line<'a>,
    byte: usize,
    column: u32,
}

impl<'a> Columns<'a> {
    /// A cursor at the start of `line`.
    pub fn new(line: &Line<'a>) -> Self {
        Columns {
            line: *line,
            byte: 0,
            column: 1,
        }
    }

    /// The input column of byte `at`; an offset before the last one asked
    /// starts over.
    pub fn at(&mut self, at: usize) -> u32 {
        if at < self.byte {
            *self = Columns::new(&self.line);
        }
        let between = self
            .line
            .text
            .get(self.byte..at)
            .map_or(0, |t| t.chars().count());
        self.column = self
            .column
            .saturating_add(crate::span::saturating_u32(between));
        self.byte = at;
        self.column.saturating_add_signed(self.line.delta(at))
    }
}

/// Character column (from 1) of byte `at` of `text`.
pub fn char_column(text: &str, at: usize) -> u32 {
    let before = text.get(..at).map_or(0, |t| t.chars().count());
    crate::span::saturating_u32(before).saturating_add(1)
}

/// A paragraph's lines joined without a separator (Japanese wraps
/// mid-word), with where each line starts in the joined text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    /// The joined text.
    pub text: String,
    /// (byte offset in `text`, input line) of each line, in order.
    starts: Vec<(usize, u32)>,
}

impl Joined {
    /// The input line byte `at` of the joined text came from (the last
    /// line's for an offset past the end).
    pub fn line_at(&self, at: usize) -> u32 {
        let k = self.starts.partition_point(|&(start, _)| start <= at);
        k.checked_sub(1)
            .and_then(|k| self.starts.get(k))
            .or(self.starts.first())
            .map_or(0, |&(_, line)| line)
    }
}

impl Joined {
    /// The range of `text` of the line holding byte `at` (the last line's
    /// for an offset past the end).
    pub fn line_range(&self, at: usize) -> std::ops::Range<usize> {
        let k = self.starts.partition_point(|&(start, _)| start <= at);
        let start = k
            .checked_sub(1)
            .and_then(|k| self.starts.get(k))
            .map_or(0, |&(s, _)| s);
        let end = self.starts.get(k).map_or(self.text.len(), |&(s, _)| s);
        start..end
    }
}

/// Joins a paragraph's lines (see [`Joined`]).
pub fn join_paragraph(lines: &[Line<'_>]) -> Joined {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(lines.len());
    for l in lines {
        starts.push((text.len(), l.no));
        text.push_str(l.text);
    }
    Joined { text, starts }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joined_paragraph_knows_each_bytes_line() {
        let lines = [
            Line::plain(7, "ab"),
            Line::plain(8, ""),
            Line::plain(9, "c"),
        ];
        let j = join_paragraph(&lines);
        assert_eq!(j.text, "abc");
        assert_eq!(
            (j.line_at(0), j.line_at(1), j.line_at(2), j.line_at(99)),
            (7, 7, 9, 9)
        );
        assert_eq!(
            (j.line_range(1), j.line_range(2), j.line_range(9)),
            (0..2, 2..3, 2..3)
        );
    }

    fn at_byte(line: &str, word: &str) -> usize {
        line.find(word).unwrap_or_default()
    }

    #[test]
    fn words_keep_their_offsets_and_ideographic_spaces() {
        let line = "熟年相談室　きく 篠崎  03-5664-3080";
        let mut columns = Columns::new(&Line::plain(1, line));
        let got: Vec<(u32, &str)> = words_at(line)
            .into_iter()
            .map(|(at, w)| (columns.at(at), w))
            .collect();
        assert_eq!(columns.at(0), 1);
        assert_eq!(
            columns.at(at_byte(line, "篠崎")),
            char_column(line, at_byte(line, "篠崎"))
        );
        assert_eq!(
            got,
            [(1, "熟年相談室　きく"), (10, "篠崎"), (14, "03-5664-3080")]
        );
    }
}
