//! A window from its record: the municipality head off its first line,
//! its cells line by line (name, location, contact, hours), the 「その他」
//! text and the municipality name after its marks.

use super::record::{is_phone, Event, Record};
use super::{is_name, no_of, words, Window, L};
use crate::error::ParseError;
use crate::matchers::Matchers;
use crate::model::windows::NameSource;
use crate::model::Span;

/// A head at the start of a window: 「4 新宿区 1 在宅医療相談窓口」.
#[derive(Debug, Clone, Copy)]
pub(super) struct Head {
    pub(super) no: u32,
    pub(super) name_no: u32,
    pub(super) count: u32,
    pub(super) span: Span,
}

/// What a record's first line says about its municipality: a head
/// (「4 新宿区 1 …」), or a number or a name leaked from one, and the rest
/// of the line's words.
struct RecordHead<'a> {
    head: Option<Head>,
    /// A municipality's number alone in front of the cells.
    leaked_no: Option<u32>,
    /// A municipality's name in front of the cells.
    leaked_name: Option<&'a str>,
    /// The line's words after what the head took.
    rest: Vec<&'a str>,
}

/// What a record's first line says about its municipality, and the rest of the line.
fn record_head<'a>(first: &L<'a>) -> RecordHead<'a> {
    let ws = words(first.text);
    let rest = |from: usize| ws.get(from..).unwrap_or_default().to_vec();
    let only = |leaked_no, leaked_name, rest| RecordHead {
        head: None,
        leaked_no,
        leaked_name,
        rest,
    };
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
        return RecordHead {
            head: Some(head),
            leaked_no: None,
            leaked_name: Some(name),
            rest: rest(3),
        };
    }
    if let Some(no) = ws.first().and_then(|w| w.parse::<u32>().ok()) {
        return only(Some(no), None, rest(1));
    }
    if let Some(name) = ws.first().filter(|w| is_name(w) && ws.len() > 1) {
        return only(None, Some(name), rest(1));
    }
    only(None, None, ws)
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
                let h = record_head(&first);
                h.rest.first().map(|w| (*w, h.head.is_some()))
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
fn name_and_location(
    m: &Matchers,
    pre: &[&str],
    shares_first_word: bool,
) -> (Option<String>, Option<String>) {
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
            let name_end = &m.window_name_end;
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

/// The contact cells of a window as read.
enum Contact {
    /// «phone [extension] fax», and how many words they took.
    Read {
        phone: String,
        extension: Option<String>,
        fax: Option<String>,
        used: usize,
    },
    /// No words at all.
    Missing,
    /// Words that are not «phone [extension] fax»: kept whole, as printed.
    KeptWhole(String),
}

/// Phone, extension, fax and the words after them, from the contact words.
fn contact(m: &Matchers, ws: &[&str]) -> Contact {
    let kept_whole = || match ws.join(" ") {
        whole if whole.is_empty() => Contact::Missing,
        whole => Contact::KeptWhole(whole),
    };
    let ext = m.extension.regex();
    let Some(p) = ws.first().filter(|w| is_phone(w)) else {
        return kept_whole();
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
        _ => return kept_whole(),
    };
    Contact::Read {
        phone: p.to_string(),
        extension,
        fax,
        used: k + 1,
    }
}

/// Phone, extension, fax and why they are not canonical (if not), from a
/// window's contact words alone (a ruled table's phone and fax cells):
/// words left over after the fax are kept in the phone, flagged.
pub(crate) fn read_contact(
    m: &Matchers,
    ws: &[&str],
) -> (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
) {
    match contact(m, ws) {
        Contact::Read {
            phone,
            extension,
            fax,
            used,
        } if used == ws.len() => (Some(phone), extension, fax, None),
        Contact::Missing => (None, None, None, None),
        Contact::Read { .. } | Contact::KeptWhole(_) => {
            (Some(ws.join(" ")), None, None, Some(KEPT_WHOLE.to_string()))
        }
    }
}

/// Why a window's contact cells are kept whole.
const KEPT_WHOLE: &str =
    "the contact cells hold more than «phone [extension] fax»; kept whole as printed";

/// A record's lines as words (the head taken off the first), which holds
/// the phone and where the hours start.
struct CellLines<'a> {
    lines: Vec<Vec<&'a str>>,
    phone_line: Option<usize>,
    hours_line: usize,
}

/// The record's cells line by line, the head taken off the first line;
/// an hours phrase in front of the phone is an error (a cell out of place).
fn cell_lines<'a>(
    m: &Matchers,
    r: &Record<'a>,
    first_rest: Vec<&'a str>,
    errors: &mut Vec<ParseError>,
) -> CellLines<'a> {
    let hours_start = &m.hours_start;
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
    CellLines {
        lines,
        phone_line,
        hours_line,
    }
}

/// A window's name, location and the words of its contact cells.
struct Cells<'a> {
    name: Option<String>,
    location: Option<String>,
    contact_words: Vec<&'a str>,
}

/// Name, location and contact words where the first line holds the name
/// and location (the phones there too, or below).
fn cells_on_first_line<'a>(m: &Matchers, c: &CellLines<'a>, shares_first_word: bool) -> Cells<'a> {
    let first_cells = c.lines.first().cloned().unwrap_or_default();
    let cut = (first_cells.iter())
        .position(|w| is_phone(w))
        .unwrap_or(first_cells.len());
    let (pre, contact_cells) = first_cells.split_at(cut);
    let (name, location) = name_and_location(m, pre, shares_first_word);
    let mut contact_words: Vec<&str> = contact_cells.to_vec();
    for ws in c.lines.get(1..c.hours_line).unwrap_or_default() {
        contact_words.extend(ws);
    }
    Cells {
        name,
        location,
        contact_words,
    }
}

/// Name, location and contact words where the name takes a line of its
/// own and its short wrapped pieces, then the location the following
/// lines, up to the phone line.
fn cells_over_lines<'a>(c: &CellLines<'a>) -> Cells<'a> {
    let stop = c.phone_line.unwrap_or(c.hours_line);
    let before_stop = c.lines.get(..stop).unwrap_or_default();
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
    let mut contact_words: Vec<&str> = Vec::new();
    if let Some(ws) = c.phone_line.and_then(|p| c.lines.get(p)) {
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
    if let Some(p) = c.phone_line {
        for ws in c.lines.get(p + 1..c.hours_line).unwrap_or_default() {
            contact_words.extend(ws);
        }
    }
    let joined = |parts: Vec<String>| Some(parts.concat()).filter(|t| !t.is_empty());
    Cells {
        name: joined(name_parts),
        location: joined(location_parts),
        contact_words,
    }
}

/// The `その他` text after the marks and the municipality name that ends
/// the record (its name column), else one leaked in front of the cells.
fn other_and_named(
    r: &Record<'_>,
    leaked_name: Option<&str>,
    first: &L<'_>,
) -> (Option<String>, Option<(String, Span)>) {
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
    ((!other.is_empty()).then_some(other), named)
}

/// A window from its record. Returns the window and its head, if any.
pub(super) fn window(
    m: &Matchers,
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
    let first = r.lines.first().copied().unwrap_or(L::empty(r.marks_span));
    let h = record_head(&first);
    let c = cell_lines(m, r, h.rest, errors);
    let first_cells = c.lines.first().map_or(0, Vec::len);
    let cells = if c.phone_line == Some(0) || first_cells >= 2 {
        cells_on_first_line(m, &c, shares_first_word)
    } else {
        cells_over_lines(&c)
    };
    let mut hours: Vec<String> = Vec::new();
    let (phone, phone_extension, fax, contact_flag) = match contact(m, &cells.contact_words) {
        Contact::Read {
            phone,
            extension,
            fax,
            used,
        } => {
            hours.extend(cells.contact_words.iter().skip(used).map(|w| w.to_string()));
            (Some(phone), extension, fax, None)
        }
        Contact::Missing => {
            // Every window of the layout prints a phone (0…-…-…) before its
            // hours (marks with no cells at all are reported above).
            if !r.lines.is_empty() {
                let texts: Vec<&str> = r.lines.iter().map(|l| l.text).collect();
                errors.push(ParseError::new(
                    first.span,
                    "a window's phone number «0…-…-…» among its cells, before its opening hours",
                    &texts.join(" / "),
                ));
            }
            (None, None, None, None)
        }
        Contact::KeptWhole(whole) => (Some(whole), None, None, Some(KEPT_WHOLE.to_string())),
    };
    hours.extend(c.lines.iter().skip(c.hours_line).map(|ws| ws.join(" ")));
    let (for_other, named) = other_and_named(r, h.leaked_name, &first);
    let w = Window {
        name_source: if cells.name.is_some() {
            NameSource::Printed
        } else {
            NameSource::Unknown
        },
        name: cells.name,
        location: cells.location,
        phone,
        phone_extension,
        fax,
        contact_flag,
        hours: hours.join(" "),
        targets_marked: r.marks,
        targets_by_position: None,
        targets_at: None,
        for_other,
        other_undecided: false,
        named,
        leaked_no: h.leaked_no,
        span: first.span,
        marks_span: r.marks_span,
    };
    (w, h.head)
}
