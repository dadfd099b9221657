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
//!    merged cells printed after a page's last window;
//! 4. placement ([`placement`]): the one rule that assigns windows to
//!    municipalities by anchors and printed counts, and the runs it places
//!    together. Numbers leaked into a window (「5 高齢者あんしん相談センター富坂 …」)
//!    and names in the name column are kept as anchors that validation checks
//!    against the placement.

use crate::model::Span;
use crate::reference::municipalities;
use crate::text::Page;

mod leftovers;
pub mod placement;
mod record;

use leftovers::{leftovers, plan_month};
use record::{events, window, Event};

pub use crate::layout::TARGET_COLUMNS;
pub use crate::model::windows::{MunicipalityWindows, Plan, Printed, Run, Window, WindowPages};

/// A line of the window pages, trimmed; its span's column is where the
/// trimmed text starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct L<'a> {
    pub(crate) text: &'a str,
    pub(crate) span: Span,
}

impl L<'_> {
    /// The span of `word`, a subslice of the line's text.
    pub(crate) fn at(&self, word: &str) -> Span {
        let offset = (word.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let before = self.text.get(..offset).map_or(0, |t| t.chars().count());
        let column = crate::span::saturating_u32(before).saturating_add(self.span.column);
        self.span.at_column(column)
    }
}

pub(crate) fn words(text: &str) -> Vec<&str> {
    text.split_ascii_whitespace().collect()
}

pub(crate) fn is_name(w: &str) -> bool {
    crate::reference::by_name(w).is_some()
}

/// The index in the reference list of the municipality numbered `no` (from 1).
fn index_of(no: u32) -> Option<usize> {
    usize::try_from(no).ok()?.checked_sub(1)
}

pub(crate) fn no_of(name: &str) -> Option<u32> {
    municipalities()
        .iter()
        .position(|m| m.name == name)
        .map(|k| k as u32 + 1)
}

/// Parses the window pages, if the text has any. `era` and `fiscal_year` are
/// the edition's (for the year of a plan that names a month alone).
pub fn parse(
    pages: &[Page<'_>],
    era: Option<crate::layout::Era>,
    fiscal_year: i32,
    errors: &mut Vec<crate::error::ParseError>,
) -> Option<WindowPages> {
    let events = events(pages);
    if events.is_empty() {
        return None;
    }
    let reference = municipalities();
    let mut out: Vec<MunicipalityWindows> = reference
        .iter()
        .enumerate()
        .map(|(k, m)| MunicipalityWindows {
            no: k as u32 + 1,
            name: m.name.clone(),
            numbers_printed: Vec::new(),
            count: None,
            count_from_lone_figure: false,
            own_row: None,
            plans: Vec::new(),
            windows: Vec::new(),
            merged_name: None,
        })
        .collect();
    // Windows in text order, with the heads and own rows that anchor them.
    let mut windows: Vec<Window> = Vec::new();
    let mut anchors: Vec<(usize, u32)> = Vec::new();
    let mut left: Vec<L<'_>> = Vec::new();
    let mut left_pages: Vec<Vec<L<'_>>> = Vec::new();
    let mut page_of: Vec<u32> = Vec::new();
    for e in &events {
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
                            month: plan_month(p, era, fiscal_year),
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
                let (w, head) = window(r, errors);
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
                page_of.push(w.span.page);
                windows.push(w);
            }
            Event::Left(l) => left.push(*l),
        }
    }
    if !left.is_empty() {
        left_pages.push(left);
    }
    let mut unattributed = Vec::new();
    let mut lone_figures = Vec::new();
    let mut page_names: Vec<(u32, String, Span)> = Vec::new();
    for lines in &left_pages {
        let l = leftovers(lines, era, fiscal_year);
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
                Some(m) => m.merged_name = Some((name, span)),
                None => page_names.push((span.page, name, span)),
            }
        }
        unattributed.extend(l.others.into_iter().map(|(no, t, span)| match no {
            Some(n) => (format!("{t} (after the head of no. {n})"), span),
            None => (t, span),
        }));
        lone_figures.extend(l.lone);
    }
    // Place the windows by the printed counts (the rule: `placement`).
    let total = windows.len();
    let counts: Vec<Option<usize>> = out
        .iter()
        .map(|m| m.count.map(|c| c.value as usize))
        .collect();
    let anchors: Vec<(usize, usize)> = anchors
        .iter()
        .filter_map(|&(at, no)| Some((at, index_of(no)?)))
        .collect();
    let placement = placement::place(&counts, &anchors, total);
    let runs: Vec<Run> = placement
        .runs
        .iter()
        .map(|(members, range)| Run {
            members: members
                .iter()
                .map(|&k| crate::span::saturating_u32(k).saturating_add(1))
                .collect(),
            windows: range.len(),
            lines: windows
                .get(range.start)
                .zip(range.end.checked_sub(1).and_then(|l| windows.get(l)))
                .filter(|_| !range.is_empty())
                .map(|(f, l)| (f.span, l.marks_span)),
        })
        .collect();
    let mut by_window: Vec<Option<usize>> = vec![None; total];
    for (k, range) in placement.taken.iter().enumerate() {
        for slot in by_window.get_mut(range.clone()).unwrap_or_default() {
            *slot = Some(k);
        }
    }
    let mut unplaced = Vec::new();
    for (w, placed) in windows.into_iter().zip(by_window) {
        match placed.and_then(|k| out.get_mut(k)) {
            Some(m) => m.windows.push(w),
            None => unplaced.push(w),
        }
    }
    // A merged name printed alone goes to the one municipality of its page
    // whose windows have no name and no merged name yet.
    for (page, name, span) in page_names {
        let candidates: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                m.merged_name.is_none()
                    && m.windows
                        .iter()
                        .any(|w| w.name.is_none() && w.span.page == page)
            })
            .map(|(k, _)| k)
            .collect();
        let target = match candidates[..] {
            [k] => out.get_mut(k),
            _ => None,
        };
        match target {
            Some(m) => m.merged_name = Some((name, span)),
            None => unattributed.push((name, span)),
        }
    }
    // Numbers leaked into a window are its municipality's number as printed.
    for m in &mut out {
        let leaked: Vec<Printed> = m
            .windows
            .iter()
            .filter_map(|w| {
                w.leaked_no.map(|value| Printed {
                    value,
                    span: w.span,
                })
            })
            .collect();
        m.numbers_printed.extend(leaked);
    }
    // A figure printed alone among a page's leftovers is the number of a
    // municipality of that page that prints none elsewhere (「14」 for 中野区);
    // the one figure left on a page is the count of the one municipality of
    // that page whose count is printed nowhere else (「4」 for 中央区).
    // Anything else stays a lone figure in the report.
    let on_page =
        |m: &MunicipalityWindows, page: u32| m.windows.iter().any(|w| w.span.page == page);
    let mut rest = Vec::new();
    for f in lone_figures {
        match out
            .iter_mut()
            .find(|m| m.no == f.value && m.numbers_printed.is_empty() && on_page(m, f.span.page))
        {
            Some(m) => m.numbers_printed.push(f),
            None => rest.push(f),
        }
    }
    let mut lone = Vec::new();
    for f in &rest {
        let same_page = rest.iter().filter(|g| g.span.page == f.span.page).count();
        let missing: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, m)| m.count.is_none() && on_page(m, f.span.page))
            .map(|(k, _)| k)
            .collect();
        let target = match (same_page, missing.as_slice()) {
            (1, &[k]) => out.get_mut(k),
            _ => None,
        };
        match target {
            Some(m) => {
                m.count = Some(*f);
                m.count_from_lone_figure = true;
            }
            None => lone.push(*f),
        }
    }
    let lone_figures = lone;
    for m in &mut out {
        if let Some((name, _)) = &m.merged_name {
            for w in m.windows.iter_mut().filter(|w| w.name.is_none()) {
                w.name = Some(name.clone());
                w.name_inferred = true;
            }
        }
    }
    Some(WindowPages {
        municipalities: out,
        runs,
        unplaced,
        unattributed,
        lone_figures,
    })
}
