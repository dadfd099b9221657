//! Decoded text → normalized lines → pages → paragraphs.
//!
//! Normalization is character for character, so line and column numbers stay
//! those of the input: full-width ASCII digits, Latin letters and `＝` become
//! ASCII (the text mixes `ｎ＝５３` and `N=５３`, `７月` and `7月`), and the two
//! circle characters of the marks (`〇` U+3007 and `○` U+25CB) become `○`.
//! Full NFKC is not safe here: it would turn the question markers ①②③ into
//! plain digits and the full-width brackets of every label into ASCII.

use crate::error::{ErrorKind, ParseError};

/// Maps one character to its normalized form.
pub fn normalize_char(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '＝' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => crate::layout::MARK_VARIANTS
            .iter()
            .find(|(printed, _)| *printed == c)
            .map_or(c, |(_, mark)| *mark),
    }
}

/// Normalizes a whole text (see the module docs).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Most characters stay as they are: copy the runs between those that
    // change whole.
    let mut kept = 0;
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            continue;
        }
        let n = normalize_char(c);
        if n != c {
            out.push_str(&text[kept..at]);
            out.push(n);
            kept = at + c.len_utf8();
        }
    }
    out.push_str(&text[kept..]);
    out
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
                                page.span(line.no).at_column(char_column(line.text, first)),
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

/// One line of the input, with its line number (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// Line number in the input, from 1.
    pub no: u32,
    /// The line's text, without its `\n`.
    pub text: &'a str,
}

/// One page: the lines between two runs of two or more blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<'a> {
    /// Page number, from 1.
    pub no: u32,
    /// The page's lines, blank lines included, leading and trailing ones dropped.
    pub lines: Vec<Line<'a>>,
}

impl<'a> Page<'a> {
    /// Groups of non-blank lines separated by blank lines.
    pub fn paragraphs(&self) -> Vec<&[Line<'a>]> {
        self.lines
            .split(|l| l.text.trim().is_empty())
            .filter(|p| !p.is_empty())
            .collect()
    }

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

/// Splits normalized text into pages. Pages are separated by two or more
/// blank lines (three `\n` in a row); a single blank line is inside a page.
pub fn pages(text: &str) -> Vec<Page<'_>> {
    let mut pages = Vec::new();
    let mut current: Vec<Line<'_>> = Vec::new();
    let mut blank_run = 0;
    // Lines split with the memchr crate's vectorized search.
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let lines = ends.map(|end| {
        let line = text.get(start..end).unwrap_or_default();
        start = end + 1;
        line
    });
    for (i, raw) in lines.enumerate() {
        let line = Line {
            no: crate::span::saturating_u32(i).saturating_add(1),
            text: raw,
        };
        if is_blank(raw) {
            blank_run += 1;
            if blank_run == 2 && !current.is_empty() {
                push_page(&mut pages, &mut current);
            } else if !current.is_empty() {
                current.push(line);
            }
            continue;
        }
        blank_run = 0;
        current.push(line);
    }
    push_page(&mut pages, &mut current);
    pages
}

/// Whether a line holds only white space (U+3000 included); a line whose
/// first byte is printable ASCII is not blank without a look further.
fn is_blank(line: &str) -> bool {
    match line.as_bytes().first() {
        Some(b) if b.is_ascii_graphic() => false,
        _ => line.trim().is_empty(),
    }
}

fn push_page<'a>(pages: &mut Vec<Page<'a>>, lines: &mut Vec<Line<'a>>) {
    while lines.last().is_some_and(|l| is_blank(l.text)) {
        lines.pop();
    }
    if !lines.is_empty() {
        pages.push(Page {
            no: crate::span::saturating_u32(pages.len()).saturating_add(1),
            lines: std::mem::take(lines),
        });
    }
}

/// The words of a line (split at ASCII whitespace; U+3000 stays inside a
/// word, as in 「熟年相談室　きく」) with the byte offset each starts at.
pub fn words_at(text: &str) -> Vec<(usize, &str)> {
    text.split_ascii_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect()
}

/// Character columns (from 1) of increasing byte offsets of one line, in one
/// pass over it: a column per word of a long line costs the line once, not
/// once per word.
#[derive(Debug, Clone)]
pub struct Columns<'a> {
    text: &'a str,
    byte: usize,
    column: u32,
}

impl<'a> Columns<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Columns {
            text,
            byte: 0,
            column: 1,
        }
    }

    /// The column of byte `at`; an offset before the last one asked starts over.
    pub fn at(&mut self, at: usize) -> u32 {
        if at < self.byte {
            *self = Columns::new(self.text);
        }
        let between = self
            .text
            .get(self.byte..at)
            .map_or(0, |t| t.chars().count());
        self.column = self
            .column
            .saturating_add(crate::span::saturating_u32(between));
        self.byte = at;
        self.column
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
    fn full_width_digits_and_equals_become_ascii() {
        assert_eq!(normalize("集計状況（ｎ＝５３）"), "集計状況（n=53）");
    }

    #[test]
    fn both_circles_become_one_mark() {
        assert_eq!(normalize("千代田区 〇 西多摩 ○"), "千代田区 ○ 西多摩 ○");
    }

    #[test]
    fn normalizing_a_text_is_normalizing_each_character() {
        let seed = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");
        for text in [seed, "", "ａ", "abc", "〇x〇", "x１２y", "\u{10FFFF}1"] {
            let one_by_one: String = text.chars().map(normalize_char).collect();
            assert_eq!(normalize(text), one_by_one);
        }
    }

    #[test]
    fn question_markers_and_brackets_are_kept() {
        assert_eq!(normalize("⓪①②③④（ア）"), "⓪①②③④（ア）");
    }

    #[test]
    fn a_joined_paragraph_knows_each_bytes_line() {
        let lines = [
            Line { no: 7, text: "ab" },
            Line { no: 8, text: "" },
            Line { no: 9, text: "c" },
        ];
        let j = join_paragraph(&lines);
        assert_eq!(j.text, "abc");
        assert_eq!(
            (j.line_at(0), j.line_at(1), j.line_at(2), j.line_at(99)),
            (7, 7, 9, 9)
        );
    }

    #[test]
    fn two_blank_lines_separate_pages_one_does_not() {
        let text = "\na\n\nb\n\n\n\nc\n";
        let pages = pages(text);
        assert_eq!(pages.len(), 2);
        assert_eq!(
            pages[0].lines.iter().map(|l| l.text).collect::<Vec<_>>(),
            ["a", "", "b"]
        );
        assert_eq!((pages[1].no, pages[1].first_line()), (2, 8));
        assert_eq!(pages[0].paragraphs().len(), 2);
    }

    #[test]
    fn a_number_beyond_32_bits_is_an_error_at_its_first_digit() {
        let text = "a 2147483647 b\n\u{3000}x 2147483648 00000000000000000000012\n";
        let errors = oversized_numbers(&pages(text));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, ErrorKind::Number);
        assert_eq!(
            errors[0].position,
            crate::span::Span::line(1, 2).at_column(4)
        );
        assert_eq!(errors[0].found, "«2147483648»");
    }

    fn at_byte(line: &str, word: &str) -> usize {
        line.find(word).unwrap_or_default()
    }

    #[test]
    fn words_keep_their_offsets_and_ideographic_spaces() {
        let line = "熟年相談室　きく 篠崎  03-5664-3080";
        let mut columns = Columns::new(line);
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
