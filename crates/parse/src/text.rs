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
        // 〇 (ideographic number zero) is printed for the ○ mark on pages 4–6.
        '〇' => '○',
        _ => c,
    }
}

/// Normalizes a whole text (see the module docs).
pub fn normalize(text: &str) -> String {
    text.chars().map(normalize_char).collect()
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
            for (at, c) in line.text.char_indices().chain([(line.text.len(), ' ')]) {
                match c.to_digit(10).filter(|_| c.is_ascii_digit()) {
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
    pub fn span(&self, line: u32) -> crate::model::Span {
        crate::model::Span::line(self.no, line)
    }

    /// The position of the page's first line (for messages about the whole page).
    pub fn start(&self) -> crate::model::Span {
        crate::model::Span::line(self.no, self.first_line())
    }

    /// The position of the page's last line (for messages about what the page lacks).
    pub fn end(&self) -> crate::model::Span {
        crate::model::Span::line(self.no, self.lines.last().map_or(0, |l| l.no))
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
    for (i, raw) in text.split('\n').enumerate() {
        let line = Line {
            no: crate::saturating_u32(i).saturating_add(1),
            text: raw,
        };
        if raw.trim().is_empty() {
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

fn push_page<'a>(pages: &mut Vec<Page<'a>>, lines: &mut Vec<Line<'a>>) {
    while lines.last().is_some_and(|l| l.text.trim().is_empty()) {
        lines.pop();
    }
    if !lines.is_empty() {
        pages.push(Page {
            no: crate::saturating_u32(pages.len()).saturating_add(1),
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

/// Character column (from 1) of byte `at` of `text`.
pub fn char_column(text: &str, at: usize) -> u32 {
    let before = text.get(..at).map_or(0, |t| t.chars().count());
    crate::saturating_u32(before).saturating_add(1)
}

/// Joins a paragraph's lines without a separator (Japanese wraps mid-word)
/// and returns, for every byte of the joined text, the line it came from.
pub fn join_paragraph(lines: &[Line<'_>]) -> (String, Vec<u32>) {
    let mut joined = String::new();
    let mut origin = Vec::new();
    for l in lines {
        joined.push_str(l.text);
        origin.extend(std::iter::repeat_n(l.no, l.text.len()));
    }
    (joined, origin)
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
    fn question_markers_and_brackets_are_kept() {
        assert_eq!(normalize("⓪①②③④（ア）"), "⓪①②③④（ア）");
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
            crate::model::Span::line(1, 2).at_column(4)
        );
        assert_eq!(errors[0].found, "«2147483648»");
    }

    #[test]
    fn words_keep_their_offsets_and_ideographic_spaces() {
        let line = "熟年相談室　きく 篠崎  03-5664-3080";
        let got: Vec<(u32, &str)> = words_at(line)
            .into_iter()
            .map(|(at, w)| (char_column(line, at), w))
            .collect();
        assert_eq!(
            got,
            [(1, "熟年相談室　きく"), (10, "篠崎"), (14, "03-5664-3080")]
        );
    }
}
