//! Decoded text → canonical lines → pages: the one stage every page parser
//! reads through, so that the same report reads the same whichever
//! extractor wrote its text, and every position still points at the user's
//! own file.
//!
//! Extractors write the same page in their own dialects. What this stage
//! makes of them (the canonical form every parser and every output value
//! sees):
//!
//! - **pages** break at a form feed (pdftotext, pdfminer.six; with or
//!   without blank lines around it) and at a run of two or more blank lines
//!   (the seed's habit). One blank line stays inside a page;
//! - **white space**: a line's leading and trailing white space goes
//!   (U+3000 included); inside a line, every run of spaces, tabs, U+00A0 and
//!   the other Unicode spaces (U+1680, U+2000–U+200A, U+202F, U+205F) is one
//!   ASCII space; zero-width characters (U+200B, U+2060, U+FEFF) go. U+3000
//!   inside a line is kept (titles print it: 「取組状況　集計結果」); the window
//!   pages read their cells by words split at spaces and U+3000 alike, and
//!   a window's name, location and hours join their words with one ASCII
//!   space, so that they are the same whether the extractor kept U+3000 or
//!   wrote a space (pdfplumber, pdftotext): 「熟年相談室 きく」;
//! - **code points extractors choose differently for one glyph**: Kangxi
//!   radicals (U+2F00–U+2FD5: ⽇ → 日; ⼾ → 戸 and ⿊ → 黒, the glyphs a
//!   Japanese font draws for them), the CJK Radicals Supplement
//!   characters that are whole ideographs (⻑ → 長, ⻄ → 西, …) and CJK
//!   Compatibility Ideographs become the unified ideographs; WAVE DASH
//!   U+301C becomes FULLWIDTH TILDE U+FF5E (the seed's, as CP932 maps it);
//!   a hyphen or minus variant (U+2010–U+2015, U+2212, U+FE63, U+FF0D, and
//!   between digits also ー U+30FC and ｰ U+FF70) becomes `-` between digits
//!   (phones: 「03−5742−6729」) and where it stands alone (the mark 「-」);
//!   half-width katakana become full-width (ｶﾞ → ガ, one character);
//!   full-width digits, Latin letters and `＝` become ASCII (the text mixes
//!   `ｎ＝５３` and `N=５３`); the two circles of the marks (〇 U+3007, ○
//!   U+25CB) become ○.
//!
//! What the layout means is kept: the question markers ①②③④⓪, full-width
//! brackets and punctuation (（ア）, ：, ％, ／), U+3000 inside a line. Full
//! NFKC is not applied: it would turn ①②③ into digits and every （ into (.
//!
//! Line numbers are the input's: a canonical line keeps the number of the
//! line it came from (two canonical lines share one where a form feed
//! splits a line). Columns are mapped back: each line carries the places
//! where the canonical text's characters stop lining up one to one with the
//! input's ([`Shift`]), and [`Line::column`](crate::text::Line::column)
//! gives the input's character column of a canonical byte offset.

mod chars;

use crate::matchers::Matchers;
pub use crate::text::Shift;
use crate::text::{Line, Page};
use chars::{canonical_char, is_canonical, is_space, is_zero_width, MARKS};

/// One canonical line: where its text lies in [`Canonical::text`], the
/// input line it came from, its shifts, and whether a page break comes
/// before it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CanonLine {
    no: u32,
    text: std::ops::Range<usize>,
    shifts: std::ops::Range<usize>,
    /// A form feed comes before this line.
    form_feed: bool,
}

/// A text in canonical form, with the way back to the input's positions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Canonical {
    /// Every canonical line, one after the other (no separators).
    text: String,
    lines: Vec<CanonLine>,
    shifts: Vec<Shift>,
    /// Whether the text marks its page breaks ([`marks_page_breaks`]).
    marked: bool,
}

/// The canonical form of a decoded text (see the module docs).
pub fn canonical(text: &str) -> Canonical {
    canonical_until(text, |_| false)
}

/// The canonical form of `text`'s lines up to the first whose canonical
/// text satisfies `stop` (that one included), or of all of them: for
/// reading what the first pages print without the rest. Page breaks are
/// read as the whole text marks them (`marks_page_breaks`).
pub fn canonical_until(text: &str, stop: impl Fn(&str) -> bool) -> Canonical {
    let mut c = Canonical {
        text: String::with_capacity(text.len()),
        lines: Vec::new(),
        shifts: Vec::new(),
        marked: marks_page_breaks(text),
    };
    for (i, raw) in text.split('\n').enumerate() {
        let no = crate::span::saturating_u32(i).saturating_add(1);
        // A form feed ends the line's page; what follows it starts the next.
        let mut column = 0u32;
        let mut parts = raw.split('\x0c').peekable();
        let mut form_feed = false;
        while let Some(part) = parts.next() {
            c.push_line(no, part, column, form_feed);
            form_feed = true;
            if parts.peek().is_some() {
                column = column
                    .saturating_add(crate::span::saturating_u32(part.chars().count()))
                    .saturating_add(1);
            }
            let line = c.lines.last().and_then(|l| c.text.get(l.text.clone()));
            if line.is_some_and(&stop) {
                return c;
            }
        }
    }
    c
}

/// Whether the text marks a page break anywhere: a form feed after printed
/// text, or two blank lines in a row between printed lines. Where it marks
/// none (pypdf, pdfplumber, pdfium), pages are found by what they print.
/// Read off the raw text: only the ends of each line are looked at.
fn marks_page_breaks(text: &str) -> bool {
    let (mut blank_run, mut printed) = (0, false);
    for raw in text.split('\n') {
        for (k, part) in raw.split('\x0c').enumerate() {
            if k > 0 && printed {
                return true;
            }
            if part.trim_matches(is_edge).is_empty() {
                blank_run += 1;
            } else {
                if blank_run >= 2 && printed {
                    return true;
                }
                blank_run = 0;
                printed = true;
            }
        }
    }
    false
}

/// White space a line's ends lose (U+3000 too: indentation).
fn is_edge(c: char) -> bool {
    is_space(c) || is_zero_width(c) || c == '\u{3000}'
}

impl Canonical {
    /// Appends the canonical form of `part`, a piece of input line `no`
    /// whose first character is at input column `first + 1`.
    fn push_line(&mut self, no: u32, part: &str, first: u32, form_feed: bool) {
        let start = self.text.len();
        let shifts = self.shifts.len();
        let mut out = LineWriter {
            text: &mut self.text,
            start,
            shifts: &mut self.shifts,
            canon_column: 0,
            delta: 0,
        };
        // Leading and trailing white space goes (U+3000 too: indentation).
        let trimmed = part.trim_start_matches(is_edge);
        let lead_chars = part
            .get(..part.len() - trimmed.len())
            .map_or(0, |t| crate::span::saturating_u32(t.chars().count()));
        let trimmed = trimmed.trim_end_matches(is_edge);
        if is_canonical(trimmed) {
            // Most lines: copied whole, shifted by what was trimmed.
            let delta = i32::try_from(first.saturating_add(lead_chars)).unwrap_or(i32::MAX);
            if delta != 0 {
                out.shifts.push(Shift { at: 0, delta });
            }
            out.text.push_str(trimmed);
        } else {
            out.push_chars(trimmed, first.saturating_add(lead_chars).saturating_add(1));
        }
        let end = self.text.len();
        self.lines.push(CanonLine {
            no,
            text: start..end,
            shifts: shifts..self.shifts.len(),
            form_feed,
        });
    }

    /// The canonical text of every line, each followed by `\n` (for tests
    /// and for reading what the parsers read).
    pub fn text(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + self.lines.len());
        for l in &self.lines {
            out.push_str(self.text.get(l.text.clone()).unwrap_or_default());
            out.push('\n');
        }
        out
    }

    /// The lines, with their input line numbers and shifts.
    fn line(&self, l: &CanonLine) -> Line<'_> {
        Line {
            no: l.no,
            text: self.text.get(l.text.clone()).unwrap_or_default(),
            shifts: self.shifts.get(l.shifts.clone()).unwrap_or_default(),
        }
    }

    /// Every line, in order, as [`Line`]s.
    pub fn lines(&self) -> impl Iterator<Item = Line<'_>> {
        self.lines.iter().map(|l| self.line(l))
    }

    /// The pages: broken at a form feed and at a run of two or more blank
    /// lines; where the text marks no break at all (pypdf, pdfplumber,
    /// pdfium), where a line opens a page by what it prints
    /// ([`crate::layout::REGION_TITLE`]). A page keeps its single blank
    /// lines; its leading and trailing blank lines go; pages with no line go.
    pub fn pages(&self, m: &Matchers) -> Vec<Page<'_>> {
        let mut pages = Vec::new();
        let mut current: Vec<Line<'_>> = Vec::new();
        let mut blank_run = 0;
        let mut opens = PageOpenings::default();
        // An extractor that marks breaks marks them all: what a page prints
        // decides only where none is marked (pdftotext, which marks them,
        // also breaks 「…医療政策課　平成29年度…」 into two lines, the first of
        // which would open a page).
        let marked = self.marked;
        for l in &self.lines {
            let line = self.line(l);
            if l.form_feed || (!marked && opens.opens_page(m, &line)) {
                push_page(&mut pages, &mut current);
                opens = PageOpenings::default();
                blank_run = 0;
            }
            if line.text.is_empty() {
                blank_run += 1;
                if blank_run == 2 {
                    push_page(&mut pages, &mut current);
                    opens = PageOpenings::default();
                } else if !current.is_empty() {
                    current.push(line);
                }
                continue;
            }
            blank_run = 0;
            if !marked {
                opens.see(m, &line);
            }
            current.push(line);
        }
        push_page(&mut pages, &mut current);
        pages
    }
}

/// What the lines of the current page printed so far tell about where the
/// next page starts (see [`crate::layout::REGION_TITLE`]).
#[derive(Debug, Default)]
struct PageOpenings {
    /// The page has printed a line.
    printed: bool,
    /// The page is a per-municipality page (its title was printed).
    answers: bool,
    /// Lines printed since the subsidy cap's heading, if it was.
    since_cap: Option<u8>,
}

impl PageOpenings {
    /// Whether `line` opens a new page, given the current page's lines.
    fn opens_page(&self, m: &Matchers, line: &Line<'_>) -> bool {
        use crate::layout::ASSOCIATION_MARK;
        if !self.printed || line.text.is_empty() {
            return false;
        }
        // A line of marks that does not start with a municipality's number.
        let marks_row = || {
            !line.text.starts_with(|c: char| c.is_ascii_digit())
                && line.text.split(' ').any(|w| w == ASSOCIATION_MARK)
        };
        m.issuer.is_match(line.text)
            || m.region_title.is_match(line.text)
            || self.since_cap == Some(1)
            || (self.answers && marks_row())
    }

    /// Takes `line` as the current page's.
    fn see(&mut self, m: &Matchers, line: &Line<'_>) {
        if line.text.is_empty() {
            return;
        }
        self.printed = true;
        self.answers =
            self.answers || (m.answer_pages().iter()).any(|p| p.title.is_match(line.text));
        self.since_cap = match self.since_cap {
            Some(n) => Some(n.saturating_add(1)),
            None => line
                .text
                .starts_with(crate::layout::SUBSIDY_CAP)
                .then_some(0),
        };
    }
}

fn push_page<'a>(pages: &mut Vec<Page<'a>>, lines: &mut Vec<Line<'a>>) {
    while lines.last().is_some_and(|l| l.text.is_empty()) {
        lines.pop();
    }
    if !lines.is_empty() {
        pages.push(Page {
            no: crate::span::saturating_u32(pages.len()).saturating_add(1),
            lines: std::mem::take(lines),
        });
    }
}

/// Writes one canonical line, recording a [`Shift`] wherever the input's
/// column stops being the canonical one plus the last delta.
struct LineWriter<'a> {
    text: &'a mut String,
    start: usize,
    shifts: &'a mut Vec<Shift>,
    /// Characters written so far.
    canon_column: u32,
    delta: i32,
}

impl LineWriter<'_> {
    /// Writes `c`, which stands at input column `column` (from 1).
    fn push(&mut self, c: char, column: u32) {
        let canon = i64::from(self.canon_column) + 1;
        let delta = i32::try_from(i64::from(column) - canon).unwrap_or(0);
        if delta != self.delta {
            self.shifts.push(Shift {
                at: crate::span::saturating_u32(self.text.len() - self.start),
                delta,
            });
            self.delta = delta;
        }
        self.text.push(c);
        self.canon_column = self.canon_column.saturating_add(1);
    }

    /// Writes the canonical form of `text` (trimmed, not already
    /// canonical), whose first character is at input column `first`.
    fn push_chars(&mut self, text: &str, first: u32) {
        let mut pending_space: Option<u32> = None;
        let mut chars = text.chars().zip(first..).peekable();
        while let Some((c, column)) = chars.next() {
            if is_space(c) {
                pending_space.get_or_insert(column);
                continue;
            }
            if is_zero_width(c) {
                continue;
            }
            let next = chars.peek().map(|&(n, _)| n);
            if let Some(at) = pending_space.take() {
                self.push(' ', at);
            }
            let previous = self.last();
            let (mapped, took_next) = canonical_char(c, previous, next);
            if MARKS.contains(&mapped) && previous.is_some_and(|p| MARKS.contains(&p)) {
                // 「○○○○」: pdftotext drops the spaces between single
                // characters; the marks are four cells.
                self.push(' ', column);
            }
            self.push(mapped, column);
            if took_next {
                chars.next();
            }
        }
    }

    /// The last character written on this line.
    fn last(&self) -> Option<char> {
        self.text
            .get(self.start..)
            .and_then(|t| t.chars().next_back())
    }
}

/// The pages of `text`, its canonical form kept for the rest of the test
/// run: for tests of page parsers.
#[cfg(test)]
pub(crate) fn test_pages(text: &str) -> Vec<Page<'static>> {
    Box::leak(Box::new(canonical(text))).pages(&Matchers::of_layout())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(input: &str) -> String {
        canonical(input).text()
    }

    #[test]
    fn full_width_digits_and_equals_become_ascii() {
        assert_eq!(text("集計状況（ｎ＝５３）"), "集計状況（n=53）\n");
    }

    #[test]
    fn both_circles_become_one_mark() {
        assert_eq!(text("千代田区 〇 西多摩 ○"), "千代田区 ○ 西多摩 ○\n");
    }

    #[test]
    fn question_markers_brackets_and_inner_ideographic_spaces_are_kept() {
        assert_eq!(
            text("⓪①②③④（ア） 熟年相談室　きく"),
            "⓪①②③④（ア） 熟年相談室　きく\n"
        );
    }

    #[test]
    fn white_space_is_one_space_between_cells_and_none_at_the_ends() {
        let dialects = [
            "1 千代田区 ○ ◎",
            "  1  千代田区\t○\u{A0}◎  ",
            "\u{3000}1\u{2003}千代田区 \t ○\u{202F}◎\u{3000}",
            "1 千代\u{200B}田区 ○ ◎\r",
        ];
        for d in dialects {
            assert_eq!(text(d), "1 千代田区 ○ ◎\n", "{d:?}");
        }
    }

    #[test]
    fn code_points_of_one_glyph_become_one() {
        // ⽇ U+2F47, ⽉ U+2F49 (Kangxi), ⻑ U+2ED1 (supplement), 﨑 U+FA11 stays
        // (a unified ideograph in the compatibility block), 神 U+FA19 → 神.
        assert_eq!(
            text("平成29年度7⽉末⽇ ⻑寿 﨑 \u{FA19}"),
            "平成29年度7月末日 長寿 﨑 神\n"
        );
        // ⼾ U+2F3E and ⿊ U+2FCA: the glyphs of 戸 and 黒 in a Japanese font
        // (Chromium's PDF maps them so), not their decompositions 戶 and 黑.
        assert_eq!(text("江\u{2F3E}川区 目\u{2FCA}区"), "江戸川区 目黒区\n");
        assert_eq!(text("9:00〜17:00"), "9:00～17:00\n");
        assert_eq!(text("ｾﾝﾀｰ ｶﾞｲﾄﾞ ﾎﾟｽﾄ"), "センター ガイド ポスト\n");
    }

    #[test]
    fn dashes_become_hyphens_between_digits_and_alone() {
        assert_eq!(text("03−5742－6729 ‐ 03ー1234"), "03-5742-6729 - 03-1234\n");
        // Inside words they stay: a long vowel, a dash between words.
        assert_eq!(text("センター 東京−大阪"), "センター 東京−大阪\n");
    }

    #[test]
    fn marks_run_together_are_one_cell_each() {
        let c = canonical("○○〇○ ◎△ 介護○");
        let line = c.lines().next().unwrap();
        assert_eq!(line.text, "○ ○ ○ ○ ◎ △ 介護○");
        // Each mark at its own input column; the text after them too.
        let columns: Vec<u32> = line
            .text
            .match_indices('○')
            .map(|(at, _)| line.column(at))
            .collect();
        assert_eq!(columns, [1, 2, 3, 4, 11]);
        assert_eq!(line.column(line.text.find('介').unwrap()), 9);
    }

    #[test]
    fn columns_map_back_to_the_input() {
        let c = canonical("  1\t\t千代田区  ｶﾞ ○\n\x0c2 x");
        let lines: Vec<Line<'_>> = c.lines().collect();
        assert_eq!(lines[0].text, "1 千代田区 ガ ○");
        let column = |l: &Line<'_>, word: &str| l.column(l.text.find(word).unwrap());
        // Input: "  1\t\t千代田区  ｶﾞ ○": 1 at 3, 千 at 6, ｶ at 12, ○ at 15.
        assert_eq!(column(&lines[0], "1"), 3);
        assert_eq!(column(&lines[0], "千代田区"), 6);
        assert_eq!(column(&lines[0], "ガ"), 12);
        assert_eq!(column(&lines[0], "○"), 15);
        // After the form feed: line 2 again, from column 2.
        assert_eq!((lines[1].no, lines[1].text), (2, ""));
        assert_eq!((lines[2].no, lines[2].text), (2, "2 x"));
        assert_eq!(column(&lines[2], "x"), 4);
    }

    #[test]
    fn pages_break_at_form_feeds_and_at_two_blank_lines() {
        let seed_style = "\na\n\nb\n\n\n\nc\n";
        let pages = test_pages(seed_style);
        assert_eq!(pages.len(), 2);
        let texts: Vec<&str> = pages[0].lines.iter().map(|l| l.text).collect();
        assert_eq!(texts, ["a", "", "b"]);
        assert_eq!((pages[1].no, pages[1].first_line()), (2, 8));
        for form_feeds in [
            "a\n\nb\n\x0cc\n",
            "a\n\nb\x0c\nc",
            "a\n\nb\n\n\x0c\n\nc\n\x0c",
        ] {
            let pages = test_pages(form_feeds);
            let texts: Vec<Vec<&str>> = pages
                .iter()
                .map(|p| p.lines.iter().map(|l| l.text).collect())
                .collect();
            assert_eq!(texts, [vec!["a", "", "b"], vec!["c"]], "{form_feeds:?}");
        }
    }

    #[test]
    fn a_number_beyond_32_bits_is_an_error_at_its_first_digit() {
        let text = "a 2147483647 b\n\u{3000}x 2147483648 00000000000000000000012\n";
        let errors = crate::text::oversized_numbers(&test_pages(text));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, crate::error::ErrorKind::Number);
        assert_eq!(
            errors[0].position,
            crate::span::Span::line(1, 2).at_column(4)
        );
        assert_eq!(errors[0].found.to_string(), "«2147483648»");
    }
}
