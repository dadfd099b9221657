//! A window's record: the lines up to its marks, and its cells.

use super::{is_name, no_of, words, Window, L};
use crate::error::ParseError;
use crate::layout::{EXTENSION, HOURS_START, TARGET_MARK, WINDOW_NAME_END, WINDOW_PAGES_TITLE};
use crate::layout::{ISSUER, WINDOW_HEADER_ENDS, WINDOW_HEADER_LINES, WINDOW_HEADER_STARTS};
use crate::model::windows::NameSource;
use crate::model::Span;
use crate::text::Page;
use crate::vocab::{layout_contains, layout_is_match, layout_regex};

fn is_header(line: &str) -> bool {
    WINDOW_HEADER_LINES.contains(&line)
        || WINDOW_HEADER_STARTS.iter().any(|s| line.starts_with(s))
        || WINDOW_HEADER_ENDS.iter().any(|s| line.ends_with(s)) && !line.contains(' ')
        || layout_is_match(ISSUER, line)
}

/// A phone or fax number: 「03-3265-1165」, 「04992-2-0068」 (0, then 1–4
/// digits, 1–4 digits, 3–4 digits, hyphens between).
fn is_phone(w: &str) -> bool {
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
fn marks_line(text: &str) -> Option<(Vec<&str>, u32, Vec<&str>)> {
    if !layout_contains(TARGET_MARK, text) {
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

pub(super) fn events<'a>(pages: &[Page<'a>]) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    for page in pages.iter().filter(|p| {
        p.lines
            .iter()
            .any(|l| layout_contains(WINDOW_PAGES_TITLE, l.text))
    }) {
        let lines: Vec<L<'a>> = page
            .lines
            .iter()
            .filter(|l| !l.text.trim().is_empty() && !is_header(l.text.trim()))
            .map(|l| L::new(page, *l))
            .collect();
        let last_marks = lines.iter().rposition(|l| marks_line(l.text).is_some());
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
            let Some((before, marks, suffix)) = marks_line(l.text) else {
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

/// A head at the start of a window: 「4 新宿区 1 在宅医療相談窓口」.
#[derive(Debug, Clone, Copy)]
pub(super) struct Head {
    pub(super) no: u32,
    pub(super) name_no: u32,
    pub(super) count: u32,
    pub(super) span: Span,
}

/// What a record's first line says about its municipality, and the rest of the line.
fn record_head<'a>(first: &L<'a>) -> (Option<Head>, Option<u32>, Option<&'a str>, Vec<&'a str>) {
    let ws = words(first.text);
    let rest = |from: usize| ws.get(from..).unwrap_or_default().to_vec();
    if let (Some(no), Some(name), Some(count)) = (
        ws.first().and_then(|w| w.parse::<u32>().ok()),
        ws.get(1).filter(|w| is_name(w)),
        ws.get(2).and_then(|w| w.parse::<u32>().ok()),
    ) {
        let head = Head {
            no,
            name_no: no_of(name).unwrap_or(0),
            count,
            span: first.span,
        };
        return (Some(head), None, Some(name), rest(3));
    }
    if let Some(no) = ws.first().and_then(|w| w.parse::<u32>().ok()) {
        return (None, Some(no), None, rest(1));
    }
    if let Some(name) = ws.first().filter(|w| is_name(w) && ws.len() > 1) {
        return (None, None, Some(name), rest(1));
    }
    (None, None, None, ws)
}

/// The first word of each event's cells (after a municipality head), for
/// windows: whether a neighbouring window's cells start with the same word.
/// A name cell that neighbouring windows share is merged and printed once,
/// apart (the page's leftovers), so a first word that each of them prints
/// is part of each one's own cell: 「なごみの家 小岩」, 「なごみの家 松江北」.
pub(super) fn shared_first_words(events: &[Event<'_>]) -> Vec<bool> {
    // Each window's first word, and whether it opens a municipality (its
    // head: 「6 台東区 1 在宅療養支援窓口 …」 and 「7 墨田区 1 在宅療養支援窓口 …」
    // are two municipalities' windows, each printing its own name).
    let firsts: Vec<Option<(&str, bool)>> = events
        .iter()
        .map(|e| match e {
            Event::Window(r) => {
                let first = r.lines.first().copied().unwrap_or(L::empty(r.marks_span));
                let (head, _, _, rest) = record_head(&first);
                rest.first().map(|w| (*w, head.is_some()))
            }
            _ => None,
        })
        .collect();
    let same_run = |k: usize, j: usize| match (firsts.get(k), firsts.get(j)) {
        // The later of the two must not open another municipality.
        (Some(Some((a, _))), Some(Some((b, opens)))) => a == b && !opens,
        _ => false,
    };
    (0..firsts.len())
        .map(|k| k.checked_sub(1).is_some_and(|j| same_run(j, k)) || same_run(k, k + 1))
        .collect()
}

/// Name and location from the words before the phone (words split at
/// spaces and U+3000, so the same whether the extractor kept U+3000 or not):
/// one word is the location (the name cell is merged); two are name and
/// location, or one location whose first word the neighbouring windows
/// print too (`shares_first_word`: their name cell is merged); a text
/// printed twice is both; more words are a name up to its first word that
/// ends like a window's name (「在宅医療相談調整窓口 杉並保健所 2階（…）」),
/// then the location.
fn name_and_location(pre: &[&str], shares_first_word: bool) -> (Option<String>, Option<String>) {
    match pre {
        [] => (None, None),
        [one] => (None, Some(one.to_string())),
        [_, _] if shares_first_word => (None, Some(pre.join(" "))),
        [name, location] => (Some(name.to_string()), Some(location.to_string())),
        _ if pre.len().is_multiple_of(2) && {
            let (a, b) = pre.split_at(pre.len() / 2);
            a == b
        } =>
        {
            let half = pre.split_at(pre.len() / 2).0.join(" ");
            (Some(half.clone()), Some(half))
        }
        _ => {
            let name_end = layout_regex(WINDOW_NAME_END);
            match pre.iter().position(|w| name_end.is_match(w)) {
                Some(k) if k + 1 < pre.len() => {
                    let (name, location) = pre.split_at(k + 1);
                    (Some(name.join(" ")), Some(location.join(" ")))
                }
                _ => (Some(pre.join(" ")), None),
            }
        }
    }
}

/// Phone, extension, fax and the words after them, from the contact words;
/// `Err` with the words kept whole where they are not «phone [extension] fax».
fn contact(ws: &[&str]) -> Result<(String, Option<String>, Option<String>, usize), String> {
    let ext = layout_regex(EXTENSION);
    let Some(p) = ws.first().filter(|w| is_phone(w)) else {
        return Err(ws.join(" "));
    };
    let mut k = 1;
    let extension = ws
        .get(k)
        .and_then(|w| ext.captures(w))
        .map(|c| c[1].to_string());
    if extension.is_some() {
        k += 1;
    }
    let fax = match ws.get(k) {
        Some(&"-") => None,
        Some(w) if is_phone(w) => Some(w.to_string()),
        _ => return Err(ws.join(" ")),
    };
    Ok((p.to_string(), extension, fax, k + 1))
}

/// A window from its record. Returns the window and its head, if any.
pub(super) fn window(
    r: &Record<'_>,
    shares_first_word: bool,
    errors: &mut Vec<ParseError>,
) -> (Window, Option<Head>) {
    if r.lines.is_empty() {
        // 「○ ○ ○ ○」 right after another window's marks: a window is its
        // cells, then its marks; marks alone are a damaged record.
        errors.push(ParseError::new(
            r.marks_span,
            "a window's name, location and phone before its target marks",
            "the marks with no cells before them",
        ));
    }
    let hours_start = layout_regex(HOURS_START);
    let first = r.lines.first().copied().unwrap_or(L::empty(r.marks_span));
    let (head, leaked_no, leaked_name, first_rest) = record_head(&first);
    // The record's words line by line, the head taken off the first line.
    let mut lines: Vec<Vec<&str>> = vec![first_rest];
    lines.extend(r.lines.iter().skip(1).map(|l| words(l.text)));
    // The record line each entry of `lines` was read from.
    let mut sources: Vec<L<'_>> = r.lines.clone();
    if lines.len() > 1 && lines.first().is_some_and(Vec::is_empty) {
        // 「33 小金井市 1」: the head alone on its line.
        lines.remove(0);
        sources.remove(0);
    }
    let phone_line = lines.iter().position(|ws| ws.iter().any(|w| is_phone(w)));
    // The hours cell follows the phone and fax: an hours phrase in front of
    // the phone is a cell out of place, not a location.
    if let Some((ws, source)) = phone_line.and_then(|p| lines.get(p).zip(sources.get(p))) {
        let before_phone = ws.iter().take_while(|w| !is_phone(w));
        if let Some(w) = before_phone.into_iter().find(|w| hours_start.is_match(w)) {
            errors.push(ParseError::new(
                source.at(w),
                "the window's name, location or phone on its phone line (the opening hours follow the phone and fax)",
                source.text,
            ));
        }
    }
    let hours_line = lines
        .iter()
        .enumerate()
        // The hours cell comes after the contact cells: a line that opens
        // with an hours phrase before the phone is not the hours.
        .skip(phone_line.map_or(0, |p| p + 1))
        .find(|(_, ws)| {
            ws.first()
                .is_some_and(|w| hours_start.is_match(w) && !is_phone(w))
        })
        .map_or(lines.len(), |(k, _)| k);
    let (name, location);
    let mut contact_words: Vec<&str> = Vec::new();
    let mut hours: Vec<String> = Vec::new();
    let first_cells = lines.first().cloned().unwrap_or_default();
    let first_has_phone = phone_line == Some(0);
    if first_has_phone || first_cells.len() >= 2 {
        // Name and location on the first line (phones there too, or below).
        let cut = first_cells
            .iter()
            .position(|w| is_phone(w))
            .unwrap_or(first_cells.len());
        let (pre, contact_cells) = first_cells.split_at(cut);
        (name, location) = name_and_location(pre, shares_first_word);
        contact_words.extend(contact_cells);
        for ws in lines.get(1..hours_line).unwrap_or_default() {
            contact_words.extend(ws);
        }
    } else {
        // The name over one line and its short wrapped pieces, then the
        // location over the following lines, up to the phone line.
        let stop = phone_line.unwrap_or(hours_line);
        let before_stop = lines.get(..stop).unwrap_or_default();
        let mut name_parts: Vec<String> = Vec::new();
        let mut location_parts: Vec<String> = Vec::new();
        for (k, ws) in before_stop.iter().enumerate() {
            let text = ws.concat();
            if location_parts.is_empty() && (k == 0 || text.chars().count() <= 4) {
                name_parts.push(text);
            } else {
                location_parts.push(text);
            }
        }
        if let Some(ws) = phone_line.and_then(|p| lines.get(p)) {
            let cut = ws.iter().position(|w| is_phone(w)).unwrap_or(ws.len());
            let (pre, contact_cells) = ws.split_at(cut);
            if !pre.is_empty() {
                if !location_parts.is_empty() {
                    name_parts.append(&mut location_parts);
                }
                location_parts.push(pre.join(" "));
            }
            contact_words.extend(contact_cells);
        }
        if let Some(p) = phone_line {
            for ws in lines.get(p + 1..hours_line).unwrap_or_default() {
                contact_words.extend(ws);
            }
        }
        let joined_name = name_parts.concat();
        name = (!joined_name.is_empty()).then_some(joined_name);
        let joined_location = location_parts.concat();
        location = (!joined_location.is_empty()).then_some(joined_location);
    }
    let (phone_no, extension, fax, contact_flag) = match contact(&contact_words) {
        Ok((p, e, f, used)) => {
            hours.extend(contact_words.iter().skip(used).map(|w| w.to_string()));
            (Some(p), e, f, None)
        }
        Err(whole) if whole.is_empty() => {
            // Every window of the layout prints a phone (0…-…-…) before its
            // hours (marks with no cells at all are reported above).
            if !r.lines.is_empty() {
                let cells: Vec<&str> = r.lines.iter().map(|l| l.text).collect();
                errors.push(ParseError::new(
                    first.span,
                    "a window's phone number «0…-…-…» among its cells, before its opening hours",
                    &cells.join(" / "),
                ));
            }
            (None, None, None, None)
        }
        Err(whole) => (
            Some(whole),
            None,
            None,
            Some(
                "the contact cells hold more than «phone [extension] fax»; kept whole as printed"
                    .to_string(),
            ),
        ),
    };
    hours.extend(lines.iter().skip(hours_line).map(|ws| ws.join(" ")));
    // The suffix: 「その他」 words, then the name column (a municipality) last.
    let mut suffix: Vec<&str> = r.suffix.clone();
    let mut tail: Vec<&str> = r.tail.iter().map(|l| l.text).collect();
    let mut named = None;
    if let Some(last) = r.tail.last().filter(|l| is_name(l.text)) {
        named = Some((last.text.to_string(), last.span));
        tail.pop();
    } else if let Some(last) = suffix.last().filter(|w| is_name(w)) {
        named = Some((last.to_string(), r.marks_span));
        suffix.pop();
    }
    if named.is_none() {
        named = leaked_name.map(|n| (n.to_string(), first.span));
    }
    let other = [suffix.join(" "), tail.concat()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("");
    let w = Window {
        name_source: if name.is_some() {
            NameSource::Printed
        } else {
            NameSource::Unknown
        },
        name,
        location,
        phone: phone_no,
        phone_extension: extension,
        fax,
        contact_flag,
        hours: hours.join(" "),
        targets_marked: r.marks,
        for_other: (!other.is_empty()).then_some(other),
        named,
        leaked_no,
        span: first.span,
        marks_span: r.marks_span,
    };
    (w, head)
}
