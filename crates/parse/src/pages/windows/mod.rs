//! Pages 7–11 (在宅医療・介護連携に関する相談支援窓口一覧): every consultation
//! window of the 62 municipalities.
//!
//! A window is a record that ends with its line of target marks
//! (「○ ○ ○ ○ ○ 介護事業者等 新宿区」: marks, the 「その他」 text, the name column
//! repeated). Before the marks come its cells: an optional municipality head
//! (「4 新宿区 1 …」: number, name, 設置箇所数), the window's name and location,
//! phone (with extension) and fax, then the opening hours over one to three
//! lines. Heads of other municipalities, merged name cells and merged
//! 「その他」 cells are printed after a page's last window (the page's
//! leftovers); a municipality without windows has a row of its own
//! (「3 港区 平成29年９月開設予定 港区」).
//!
//! The pages are read in phases, each with its own input and output type:
//!
//! 1. lines → events (`record`): the page's lines without the repeated
//!    header, cut into windows' records (lines up to a marks line), own rows
//!    and leftover lines;
//! 2. records → cells (`record`): a record's head, name, location, phone,
//!    extension, fax, hours, marks and 「その他」; a record that cannot be read
//!    as a window (marks with no cells, no phone, hours before the phone) is
//!    a parse error at its line and column;
//! 3. leftovers → figures (`leftovers`): heads, counts, numbers, plans and
//!    merged cells printed after a page's last window, tied to a
//!    municipality only where its head is printed beside them.
//!
//! The result, [`PrintedWindows`], decides nothing: which municipality each
//! window belongs to (placement by anchors and printed counts), which
//! municipality a merged name printed alone or a lone figure belongs to, are
//! the resolve stage's ([`crate::resolve::windows`]). Numbers leaked into a
//! window (「5 高齢者あんしん相談センター富坂 …」) and names in the name column
//! are kept as anchors that validation checks against the placement.

use crate::model::Span;
use crate::reference::{index_of, municipalities};
use crate::text::{Line, Page};

mod leftovers;
mod record;
mod window;

use leftovers::leftovers;
pub(crate) use leftovers::plan_month;
use record::{events, Event};
pub(crate) use window::read_contact;
use window::window;

pub use crate::layout::TARGET_COLUMNS;
pub use crate::model::windows::{
    MunicipalityWindows, NameSource, Plan, Printed, PrintedWindows, Run, Window, WindowPages,
};

/// A piece of a line of the window pages (the whole line, or the cells in
/// front of its marks); its span's column is where the piece starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct L<'a> {
    pub(crate) text: &'a str,
    pub(crate) span: Span,
    line: Line<'a>,
}

impl<'a> L<'a> {
    /// The whole of `line`, on `page`.
    pub(crate) fn new(page: &Page<'_>, line: Line<'a>) -> Self {
        L {
            text: line.text,
            span: page.span(line.no),
            line,
        }
        .piece(line.text)
    }

    /// Nothing, at `span` (a record whose cells are missing).
    pub(crate) fn empty(span: Span) -> Self {
        L {
            text: "",
            span,
            line: Line::plain(span.line, ""),
        }
    }

    /// `text`, a piece of this one's line.
    pub(crate) fn piece(&self, text: &'a str) -> Self {
        L {
            text,
            span: self.at(text),
            line: self.line,
        }
    }

    /// The span of `word`, a subslice of the line's text (else the line's).
    pub(crate) fn at(&self, word: &str) -> Span {
        let offset = (word.as_ptr() as usize).wrapping_sub(self.line.text.as_ptr() as usize);
        if offset > self.line.text.len() {
            return self.span;
        }
        self.span.at_column(self.line.column(offset))
    }
}

/// The words of a window line: split at spaces and at U+3000, which the
/// text of some extractors writes as a space (pdfplumber, pdftotext), so
/// that a line reads the same either way; values join their words with one
/// space.
pub(crate) fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_ascii_whitespace() || c == '\u{3000}')
        .filter(|w| !w.is_empty())
        .collect()
}

pub(crate) fn is_name(w: &str) -> bool {
    crate::reference::by_name(w).is_some()
}

pub(crate) fn no_of(name: &str) -> Option<u32> {
    municipalities()
        .iter()
        .position(|m| m.name == name)
        .map(|k| k as u32 + 1)
}

/// Reads the window pages as printed, if the text has any. `era` and
/// `fiscal_year` are the edition's (for the year of a plan that names a month
/// alone). The resolve stage ([`crate::resolve::windows`]) places them.
pub fn parse(
    matchers: &crate::matchers::Matchers,
    pages: &[Page<'_>],
    era: Option<crate::layout::Era>,
    fiscal_year: i32,
    errors: &mut Vec<crate::error::ParseError>,
) -> Option<PrintedWindows> {
    let events = events(matchers, pages);
    if events.is_empty() {
        return None;
    }
    let reference = municipalities();
    let mut out: Vec<MunicipalityWindows> = reference
        .iter()
        .enumerate()
        .map(|(k, m)| MunicipalityWindows::blank(k as u32 + 1, &m.name))
        .collect();
    // Windows in text order, with the heads and own rows that anchor them.
    let mut windows: Vec<Window> = Vec::new();
    let mut anchors: Vec<(usize, u32)> = Vec::new();
    let mut left: Vec<L<'_>> = Vec::new();
    let mut left_pages: Vec<Vec<L<'_>>> = Vec::new();
    let shared = window::shared_first_words(&events);
    for (e, shares_first_word) in events.iter().zip(shared) {
        match e {
            Event::Own {
                no,
                name,
                plan,
                span,
            } => {
                let k = no_of(name).unwrap_or(0);
                if let Some(m) = index_of(k).and_then(|i| out.get_mut(i)) {
                    m.own_row = Some(*span);
                    m.numbers_printed.push(Printed {
                        value: *no,
                        span: *span,
                    });
                    m.count.get_or_insert(Printed {
                        value: 0,
                        span: *span,
                    });
                    if let Some(p) = plan {
                        m.plans.push(Plan {
                            text: p.to_string(),
                            month: plan_month(matchers, p, era, fiscal_year),
                            additional: false,
                            span: *span,
                        });
                    }
                }
                anchors.push((windows.len(), k));
            }
            Event::Window(r) => {
                if !left.is_empty() {
                    left_pages.push(std::mem::take(&mut left));
                }
                let (w, head) = window(matchers, r, shares_first_word, errors);
                if let Some(h) = head {
                    if let Some(m) = index_of(h.name_no).and_then(|i| out.get_mut(i)) {
                        m.numbers_printed.push(Printed {
                            value: h.no,
                            span: h.span,
                        });
                        m.count.get_or_insert(Printed {
                            value: h.count,
                            span: h.span,
                        });
                    }
                    anchors.push((windows.len(), h.name_no));
                }
                windows.push(w);
            }
            Event::Left(l) => left.push(*l),
        }
    }
    if !left.is_empty() {
        left_pages.push(left);
    }
    let Unclaimed {
        unattributed,
        lone_figures,
        loose_names,
    } = take_leftovers(matchers, &left_pages, era, fiscal_year, &mut out);
    Some(PrintedWindows {
        windows,
        anchors,
        municipalities: out,
        loose_names,
        unattributed,
        lone_figures,
    })
}

/// What the pages' leftover lines (`left_pages`) give each municipality of
/// `out` (numbers, counts, plans, merged names), and what they give none:
/// the cells no rule attributes, the figures printed alone, the merged
/// names beside no head.
fn take_leftovers(
    matchers: &crate::matchers::Matchers,
    left_pages: &[Vec<L<'_>>],
    era: Option<crate::layout::Era>,
    fiscal_year: i32,
    out: &mut [MunicipalityWindows],
) -> Unclaimed {
    let mut unattributed = Vec::new();
    let mut lone_figures = Vec::new();
    let mut loose_names: Vec<(String, Span)> = Vec::new();
    for lines in left_pages {
        let l = leftovers(matchers, lines, era, fiscal_year);
        for (no, p) in l.numbers {
            if let Some(m) = index_of(p.value).and_then(|i| out.get_mut(i)) {
                m.numbers_printed.push(Printed {
                    value: no,
                    span: p.span,
                });
            }
        }
        for (no, c) in l.counts {
            if let Some(m) = index_of(no).and_then(|i| out.get_mut(i)) {
                m.count.get_or_insert(c);
            }
        }
        for (no, p) in l.plans {
            if let Some(m) = index_of(no).and_then(|i| out.get_mut(i)) {
                m.plans.push(p);
            }
        }
        for (no, name, span) in l.merged_names {
            match no.and_then(index_of).and_then(|i| out.get_mut(i)) {
                Some(m) => m.merged_name = Some((name, span, NameSource::MergedBesideHead)),
                None => loose_names.push((name, span)),
            }
        }
        unattributed.extend(l.others.into_iter().map(|(no, t, span)| match no {
            Some(n) => (format!("{t} (after the head of no. {n})"), span),
            None => (t, span),
        }));
        lone_figures.extend(l.lone);
    }
    Unclaimed {
        unattributed,
        lone_figures,
        loose_names,
    }
}

/// What the leftover lines give no municipality.
struct Unclaimed {
    /// Cells no rule attributes.
    unattributed: Vec<(String, Span)>,
    /// Figures printed alone.
    lone_figures: Vec<Printed>,
    /// Merged names beside no head.
    loose_names: Vec<(String, Span)>,
}
