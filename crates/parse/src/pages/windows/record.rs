//! A window's record: the lines up to its marks, what follows them, and
//! the municipalities' own rows and leftover lines among them, in text order
//! (the window itself is read from its record in [`super::window`]).

use super::{is_name, words, L};
use crate::layout::{TARGET_MARK, WINDOW_HEADER_ENDS, WINDOW_HEADER_LINES, WINDOW_HEADER_STARTS};

use crate::matchers::Matchers;
use crate::model::Span;
use crate::text::Page;

fn is_header(m: &Matchers, line: &str) -> bool {
    WINDOW_HEADER_LINES.contains(&line)
        || WINDOW_HEADER_STARTS.iter().any(|s| line.starts_with(s))
        || WINDOW_HEADER_ENDS.iter().any(|s| line.ends_with(s)) && !line.contains(' ')
        || m.issuer.is_match(line)
}

/// A phone or fax number: 「03-3265-1165」, 「04992-2-0068」 (0, then 1–4
/// digits, 1–4 digits, 3–4 digits, hyphens between).
pub(super) fn is_phone(w: &str) -> bool {
    if !w.starts_with('0') {
        return false;
    }
    let digits = |p: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let mut parts = w.split('-');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(c), None) => digits(a, 2, 5) && digits(b, 1, 4) && digits(c, 3, 4),
        _ => false,
    }
}
/// A window as printed, before it is assigned.
#[derive(Debug, Clone)]
pub(super) struct Record<'a> {
    pub(super) lines: Vec<L<'a>>,
    pub(super) marks: u32,
    pub(super) suffix: Vec<&'a str>,
    /// Lines printed after the marks line that belong to this window.
    pub(super) tail: Vec<L<'a>>,
    pub(super) marks_span: Span,
}

/// What the pages print, in text order.
#[derive(Debug, Clone)]
pub(super) enum Event<'a> {
    /// A municipality's own row: 「3 港区 平成29年９月開設予定 港区」.
    Own {
        no: u32,
        name: &'a str,
        plan: Option<&'a str>,
        span: Span,
    },
    /// A window.
    Window(Record<'a>),
    /// A leftover line of a page (after its last window).
    Left(L<'a>),
}

/// The marks of a line: (text before, marks, words after), if it has a run of 〇.
fn marks_line<'a>(m: &Matchers, text: &'a str) -> Option<(Vec<&'a str>, u32, Vec<&'a str>)> {
    if !m.target_mark.holds_literal(text) {
        return None;
    }
    let ws = words(text);
    let first = ws.iter().position(|w| *w == TARGET_MARK)?;
    let (before, from_marks) = ws.split_at(first);
    let n = from_marks.iter().take_while(|w| **w == TARGET_MARK).count();
    let after = from_marks.get(n..).unwrap_or_default();
    Some((
        before.to_vec(),
        crate::span::saturating_u32(n),
        after.to_vec(),
    ))
}

/// A municipality's own row: number, name, an optional plan, the name again.
fn own_row(text: &str) -> Option<(u32, &str, Option<&str>)> {
    // Three or four words, read without collecting every word of the line.
    let mut ws = words(text).into_iter();
    let (no, name, third) = (ws.next()?, ws.next()?, ws.next()?);
    let (plan, last) = match (ws.next(), ws.next()) {
        (None, _) => (None, third),
        (Some(last), None) => (Some(third), last),
        (Some(_), Some(_)) => return None,
    };
    let no = no.parse().ok()?;
    (is_name(name) && last == name).then_some((no, name, plan))
}

pub(super) fn events<'a>(m: &Matchers, pages: &[Page<'a>]) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    for page in pages.iter().filter(|p| {
        p.lines
            .iter()
            .any(|l| m.window_pages_title.holds_literal(l.text))
    }) {
        let lines: Vec<L<'a>> = page
            .lines
            .iter()
            .filter(|l| !l.text.trim().is_empty() && !is_header(m, l.text.trim()))
            .map(|l| L::new(page, *l))
            .collect();
        let last_marks = lines.iter().rposition(|l| marks_line(m, l.text).is_some());
        let mut pending: Vec<L<'a>> = Vec::new();
        for (k, l) in lines.iter().enumerate() {
            if let Some((no, name, plan)) = own_row(l.text) {
                out.push(Event::Own {
                    no,
                    name,
                    plan,
                    span: l.span,
                });
                continue;
            }
            if last_marks.is_none_or(|m| k > m) {
                out.push(Event::Left(*l));
                continue;
            }
            let Some((before, marks, suffix)) = marks_line(m, l.text) else {
                pending.push(*l);
                continue;
            };
            // Lines before a window's first cells that end in a name alone
            // are the previous window's 「その他」 text and name column
            // (「市内医療・介護関連事 / 業所 / 武蔵野市」 after 武蔵野市's marks).
            let first_cells = pending
                .iter()
                .position(|p| {
                    words(p.text).iter().any(|w| is_phone(w)) || own_row(p.text).is_some()
                })
                .unwrap_or(pending.len());
            let before_cells = pending.get(..first_cells).unwrap_or_default();
            if let Some(name_at) = before_cells.iter().rposition(|p| is_name(p.text)) {
                if let Some(Event::Window(prev)) =
                    out.iter_mut().rev().find(|e| matches!(e, Event::Window(_)))
                {
                    prev.tail.extend(pending.drain(..=name_at));
                }
            }
            let mut lines_of = std::mem::take(&mut pending);
            if let Some(first_word) = before.first() {
                // The window's own cells, printed in front of its marks.
                let start = l.text.find(first_word).unwrap_or(0);
                let end = l.text.find(TARGET_MARK).unwrap_or(l.text.len());
                lines_of.push(l.piece(l.text.get(start..end).unwrap_or_default().trim()));
            }
            out.push(Event::Window(Record {
                lines: lines_of,
                marks,
                suffix,
                tail: Vec::new(),
                marks_span: l.span,
            }));
        }
    }
    out
}
