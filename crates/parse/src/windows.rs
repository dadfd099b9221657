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
//! Windows are assigned to municipalities by the text's structure: a head at
//! the start of a window, or a municipality's own row, fixes where the
//! municipality's windows start; between two such anchors the windows go, in
//! order, to the municipalities of the reference list by their printed
//! counts. Numbers leaked into a window (「5 高齢者あんしん相談センター富坂 …」)
//! and names in the name column are kept as anchors that validation checks
//! against the assignment.

use crate::model::Span;
use crate::reference::municipalities;
use crate::text::Page;
use crate::vocab::layout_regex;

/// The title that marks a window page.
const TITLE: &str = "相談支援窓口一覧";
/// Lines of the table header, repeated on every page (layout): whole lines,
/// and lines by their beginning or end.
const HEADER_LINES: &[&str] = &[
    "東京都福祉保健局医療政策部医療政策課",
    "在宅医療・介護連携に関する相談支援窓口一覧",
    "訪問看護",
    "ステーション",
    "地域包括",
    "支援センター",
    "居宅介護",
    "支援事業所",
    "その他",
    "設置",
    "箇所数",
    "窓口名称 設置場所",
    "連絡先",
    "区市町村名 区市町村名",
    "開設日時",
    "相談対象者",
];
const HEADER_STARTS: &[&str] = &["※ピンク色網掛け", "電話番号 FAX", "（※年末年始："];
const HEADER_ENDS: &[&str] = &["月末時点"];

fn is_header(line: &str) -> bool {
    HEADER_LINES.contains(&line)
        || HEADER_STARTS.iter().any(|s| line.starts_with(s))
        || HEADER_ENDS.iter().any(|s| line.ends_with(s)) && !line.contains(' ')
}

/// A phone or fax number: 「03-3265-1165」, 「04992-2-0068」 (0, then 1–4
/// digits, 1–4 digits, 3–4 digits, hyphens between).
fn is_phone(w: &str) -> bool {
    let parts: Vec<&str> = w.split('-').collect();
    let digits = |p: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    matches!(parts[..], [a, b, c] if a.starts_with('0') && digits(a, 2, 5) && digits(b, 1, 4) && digits(c, 3, 4))
}
/// An extension: 「(内線：2668)」, 「（内線:2169）」.
const EXTENSION: &str = "^[（(]内線[：:]([0-9]+)[）)]$";
/// The first line of the opening hours: a day, a time, or a kind of service.
const HOURS_START: &str = "^((月|火|水|木|金|土|日)[～・、：]|午前|午後|夜間対応|日中対応|24時間)";
/// A planned opening: 「平成29年９月開設予定」, 「29年度中開設予定」, 「11月に1窓口追加開設予定」.
const PLAN: &str = "開設予定";
/// A month in a plan: 「平成29年10月」, 「11月に」.
const PLAN_MONTH: &str = "(?:(平成|令和)?([0-9]+)年)?([0-9]+)月";
/// How a merged window-name cell ends (layout vocabulary of window names).
const WINDOW_NAME_END: &str = "(窓口|センター|相談室|支援室)$";
/// The number of target columns (患者・家族, 医療機関, 訪問看護ステーション, 地域包括支援センター, 居宅介護支援事業所).
pub const TARGET_COLUMNS: u32 = 5;

/// One consultation window.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Window {
    /// Name; `None` where the row's name cell is merged and cannot be attributed.
    pub name: Option<String>,
    /// Whether the name comes from a merged cell printed apart (a documented rule).
    pub name_inferred: bool,
    /// Location (設置場所).
    pub location: Option<String>,
    /// Phone, canonical ASCII digits and hyphens; or the cell kept whole (see `contact_flag`).
    pub phone: Option<String>,
    /// Extension (「(内線：2668)」 → 2668).
    pub phone_extension: Option<String>,
    /// Fax; `None` where printed 「-」.
    pub fax: Option<String>,
    /// Why phone/fax are not in canonical form, if they are not.
    pub contact_flag: Option<String>,
    /// Opening hours as printed, lines joined by a space.
    pub hours: String,
    /// Marks in the target columns.
    pub targets_marked: u32,
    /// The 「その他」 text.
    pub for_other: Option<String>,
    /// Municipality named in the row's name column or leaked into it, if any.
    pub named: Option<(String, Span)>,
    /// Municipality number leaked into the row (「5 高齢者あんしん…」).
    pub leaked_no: Option<u32>,
    /// First line of the record.
    pub span: Span,
    /// Line of its marks.
    pub marks_span: Span,
}

impl Window {
    /// The five target columns: decided where 5 or 0 are marked, else `None`.
    pub fn targets(&self) -> Option<bool> {
        match self.targets_marked {
            0 => Some(false),
            TARGET_COLUMNS => Some(true),
            _ => None,
        }
    }
}

/// A printed figure and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Printed {
    /// The figure.
    pub value: u32,
    /// Where.
    pub span: Span,
}

/// A planned opening as printed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Plan {
    /// As printed: 「平成29年９月開設予定」 (after normalization).
    pub text: String,
    /// `YYYY-MM` where the text names a month.
    pub month: Option<String>,
    /// A window announced beside open ones (「※11月に1窓口追加開設予定」).
    pub additional: bool,
    /// Where.
    pub span: Span,
}

/// One municipality of the window pages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MunicipalityWindows {
    /// Number in the reference order (1–62).
    pub no: u32,
    /// Name.
    pub name: String,
    /// Numbers printed for it (heads, own rows, leftovers), with where.
    pub numbers_printed: Vec<Printed>,
    /// Its printed 設置箇所数, if printed.
    pub count: Option<Printed>,
    /// The count is a figure printed alone among the page's leftovers, read
    /// as this municipality's because it equals the windows its block leaves it.
    pub count_from_lone_figure: bool,
    /// A row of its own without windows (「21 足立区 足立区」).
    pub own_row: Option<Span>,
    /// Planned openings.
    pub plans: Vec<Plan>,
    /// Its windows, in printed order.
    pub windows: Vec<Window>,
    /// Merged window name attributed to its nameless windows, with where.
    pub merged_name: Option<(String, Span)>,
}

/// Pages 7–11.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WindowPages {
    /// Every municipality of the reference list, in its order.
    pub municipalities: Vec<MunicipalityWindows>,
    /// Windows the counts could not place (more windows than printed counts).
    pub unplaced: Vec<Window>,
    /// Leftover cells no rule attributes: merged names, merged 「その他」 texts.
    pub unattributed: Vec<(String, Span)>,
    /// Figures printed alone among the leftovers that no rule used.
    pub lone_figures: Vec<Printed>,
}

/// A line of the window pages.
#[derive(Debug, Clone, Copy)]
struct L<'a> {
    text: &'a str,
    span: Span,
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_name(w: &str) -> bool {
    municipalities().iter().any(|m| m.name == w)
}

fn no_of(name: &str) -> Option<u32> {
    municipalities()
        .iter()
        .position(|m| m.name == name)
        .map(|k| k as u32 + 1)
}

/// A window as printed, before it is assigned.
#[derive(Debug, Clone)]
struct Record<'a> {
    lines: Vec<L<'a>>,
    marks: u32,
    suffix: Vec<&'a str>,
    /// Lines printed after the marks line that belong to this window.
    tail: Vec<L<'a>>,
    marks_span: Span,
}

/// What the pages print, in text order.
#[derive(Debug, Clone)]
enum Event<'a> {
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
    let ws = words(text);
    let first = ws.iter().position(|w| *w == "○")?;
    let n = ws[first..].iter().take_while(|w| **w == "○").count();
    Some((ws[..first].to_vec(), n as u32, ws[first + n..].to_vec()))
}

/// A municipality's own row: number, name, an optional plan, the name again.
fn own_row(text: &str) -> Option<(u32, &str, Option<&str>)> {
    let ws = words(text);
    if ws.len() < 3 || ws.len() > 4 {
        return None;
    }
    let (no, name, last) = (ws[0].parse().ok()?, ws[1], ws[ws.len() - 1]);
    (is_name(name) && last == name).then_some((no, name, (ws.len() == 4).then_some(ws[2])))
}

fn events<'a>(pages: &[Page<'a>]) -> Vec<Event<'a>> {
    let mut out: Vec<Event<'a>> = Vec::new();
    for page in pages
        .iter()
        .filter(|p| p.lines.iter().any(|l| l.text.contains(TITLE)))
    {
        let lines: Vec<L<'a>> = page
            .lines
            .iter()
            .filter(|l| !l.text.trim().is_empty() && !is_header(l.text.trim()))
            .map(|l| L {
                text: l.text.trim(),
                span: page.span(l.no),
            })
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
            if let Some(name_at) = pending[..first_cells].iter().rposition(|p| is_name(p.text)) {
                if let Some(Event::Window(prev)) =
                    out.iter_mut().rev().find(|e| matches!(e, Event::Window(_)))
                {
                    prev.tail.extend(pending.drain(..=name_at));
                }
            }
            let mut lines_of = std::mem::take(&mut pending);
            if !before.is_empty() {
                let joined_start = l.text.find(before[0]).unwrap_or(0);
                let end = l.text.find('○').unwrap_or(l.text.len());
                lines_of.push(L {
                    text: l.text[joined_start..end].trim(),
                    span: l.span,
                });
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
struct Head {
    no: u32,
    name_no: u32,
    count: u32,
    span: Span,
}

/// What a record's first line says about its municipality, and the rest of the line.
fn record_head<'a>(first: &L<'a>) -> (Option<Head>, Option<u32>, Option<&'a str>, Vec<&'a str>) {
    let ws = words(first.text);
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
        return (Some(head), None, Some(name), ws[3..].to_vec());
    }
    if let Some(no) = ws.first().and_then(|w| w.parse::<u32>().ok()) {
        return (None, Some(no), None, ws[1..].to_vec());
    }
    if let Some(name) = ws.first().filter(|w| is_name(w) && ws.len() > 1) {
        return (None, None, Some(name), ws[1..].to_vec());
    }
    (None, None, None, ws)
}

/// Name and location from the words before the phone: one word is the
/// location (the name cell is merged), two are name and location, a text
/// printed twice is both.
fn name_and_location(pre: &[&str]) -> (Option<String>, Option<String>) {
    match pre {
        [] => (None, None),
        [one] => (None, Some(one.to_string())),
        [name, location] => (Some(name.to_string()), Some(location.to_string())),
        _ if pre.len().is_multiple_of(2) && pre[..pre.len() / 2] == pre[pre.len() / 2..] => {
            let half = pre[..pre.len() / 2].join(" ");
            (Some(half.clone()), Some(half))
        }
        _ => (Some(pre.join(" ")), None),
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
fn window(r: &Record<'_>) -> (Window, Option<Head>) {
    let hours_start = layout_regex(HOURS_START);
    let first = r.lines.first().copied().unwrap_or(L {
        text: "",
        span: r.marks_span,
    });
    let (head, leaked_no, leaked_name, first_rest) = record_head(&first);
    // The record's words line by line, the head taken off the first line.
    let mut lines: Vec<Vec<&str>> = vec![first_rest];
    lines.extend(r.lines.iter().skip(1).map(|l| words(l.text)));
    if lines.len() > 1 && lines[0].is_empty() {
        // 「33 小金井市 1」: the head alone on its line.
        lines.remove(0);
    }
    let phone_line = lines.iter().position(|ws| ws.iter().any(|w| is_phone(w)));
    let hours_line = lines
        .iter()
        .enumerate()
        .skip(phone_line.unwrap_or(0))
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
        (name, location) = name_and_location(&first_cells[..cut]);
        contact_words.extend(&first_cells[cut..]);
        for ws in &lines[1..hours_line.max(1)] {
            contact_words.extend(ws);
        }
    } else {
        // The name over one line and its short wrapped pieces, then the
        // location over the following lines, up to the phone line.
        let stop = phone_line.unwrap_or(hours_line);
        let mut k = 0;
        let mut name_parts: Vec<String> = Vec::new();
        while k < stop && (k == 0 || lines[k].concat().chars().count() <= 4) {
            name_parts.push(lines[k].concat());
            k += 1;
        }
        let mut location_parts: Vec<String> = lines[k..stop].iter().map(|ws| ws.concat()).collect();
        if let Some(p) = phone_line {
            let ws = &lines[p];
            let cut = ws.iter().position(|w| is_phone(w)).unwrap_or(ws.len());
            if cut > 0 {
                if location_parts.is_empty() {
                    location_parts.push(ws[..cut].join(" "));
                } else {
                    name_parts.append(&mut location_parts);
                    location_parts.push(ws[..cut].join(" "));
                }
            }
            contact_words.extend(&ws[cut..]);
            for ws in &lines[p + 1..hours_line] {
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
            hours.extend(contact_words[used..].iter().map(|w| w.to_string()));
            (Some(p), e, f, None)
        }
        Err(whole) if whole.is_empty() => (None, None, None, Some("no phone printed".to_string())),
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
    hours.extend(
        lines[hours_line.min(lines.len())..]
            .iter()
            .map(|ws| ws.join(" ")),
    );
    // The suffix: 「その他」 words, then the name column (a municipality) last.
    let mut suffix: Vec<&str> = r.suffix.clone();
    let mut tail: Vec<&str> = r.tail.iter().map(|l| l.text).collect();
    let mut named = None;
    if let Some(last) = tail.last().filter(|w| is_name(w)) {
        named = Some((last.to_string(), r.tail[r.tail.len() - 1].span));
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
        name,
        name_inferred: false,
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

/// 「平成29年９月開設予定」 → `2017-09`: the era year where printed, else the
/// edition's fiscal year (April–March) for a month alone.
fn plan_month(text: &str, era: &str, fiscal_year: i32) -> Option<String> {
    let c = layout_regex(PLAN_MONTH).captures(text)?;
    let month: u32 = c[3].parse().ok().filter(|m| (1..=12).contains(m))?;
    let year = match c.get(2) {
        Some(y) => crate::layout::gregorian(
            c.get(1).map_or(era, |e| e.as_str()),
            y.as_str().parse().ok()?,
        )?,
        None if month >= 4 => fiscal_year,
        None => fiscal_year + 1,
    };
    Some(format!("{year:04}-{month:02}"))
}

/// What a page's leftover lines print: heads and counts, numbers, names,
/// announcements, merged cells.
#[derive(Debug, Default)]
struct Leftovers {
    counts: Vec<(u32, Printed)>,
    numbers: Vec<(u32, Printed)>,
    plans: Vec<(u32, Plan)>,
    /// Merged window names, with the municipality whose head they follow.
    merged_names: Vec<(Option<u32>, String, Span)>,
    /// Other leftover texts (merged 「その他」 cells), likewise.
    others: Vec<(Option<u32>, String, Span)>,
    lone: Vec<Printed>,
}

fn leftovers(lines: &[L<'_>], era: &str, fiscal_year: i32) -> Leftovers {
    let mut out = Leftovers::default();
    let mut last_name: Option<u32> = None;
    let mut k = 0;
    while k < lines.len() {
        let l = lines[k];
        let t = l.text;
        let ws = words(t);
        let printed = |value| Printed {
            value,
            span: l.span,
        };
        // An announcement may wrap: 「※11月に1窓口追 / 加開設予定」.
        if t.starts_with('※') {
            let mut text = t.trim_start_matches('※').to_string();
            while !text.contains(PLAN)
                && k + 1 < lines.len()
                && !lines[k + 1]
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
            {
                k += 1;
                text.push_str(lines[k].text);
            }
            if let (Some(no), true) = (last_name, text.contains(PLAN)) {
                out.plans.push((
                    no,
                    Plan {
                        month: plan_month(&text, era, fiscal_year),
                        text,
                        additional: true,
                        span: l.span,
                    },
                ));
            } else {
                out.others.push((None, text, l.span));
            }
            k += 1;
            continue;
        }
        // 「9 品川区 21」, 「…なし29 府中市 11 在宅療養相談窓口」, 「東大和市41 2」, 「文京区 5」, 「22 3」.
        let head = layout_regex("([0-9]+) ?([^0-9 ]+) ([0-9]+)(?: (.*))?$").captures(t);
        let glued = layout_regex("([^0-9 ]+)([0-9]+) ([0-9]+)$").captures(t);
        let name_count = layout_regex("^([^0-9 ]+) ([0-9]+)$").captures(t);
        let number_count = layout_regex("^([0-9]+) ([0-9]+)$").captures(t);
        if let Some(c) = head.filter(|c| is_name(&c[2])) {
            let no = no_of(&c[2]).unwrap_or(0);
            if let Ok(n) = c[1].parse() {
                out.numbers.push((n, printed(no)));
            }
            if let Ok(n) = c[3].parse() {
                out.counts.push((no, printed(n)));
            }
            let rest = words(c.get(4).map_or("", |m| m.as_str()));
            for (j, w) in rest.iter().enumerate() {
                if j == 0 && layout_regex(WINDOW_NAME_END).is_match(w) {
                    out.merged_names.push((Some(no), w.to_string(), l.span));
                } else {
                    out.others.push((Some(no), w.to_string(), l.span));
                }
            }
            // Text glued in front of the number: 「特に対象者の限定なし29 府中市 11」.
            let front = t[..c.get(1).map_or(0, |m| m.start())].trim();
            if !front.is_empty() {
                out.others.push((None, front.to_string(), l.span));
            }
            last_name = Some(no);
        } else if let Some(c) = glued.filter(|c| is_name(&c[1])) {
            let no = no_of(&c[1]).unwrap_or(0);
            if let Ok(n) = c[2].parse() {
                out.numbers.push((n, printed(no)));
            }
            if let Ok(n) = c[3].parse() {
                out.counts.push((no, printed(n)));
            }
            last_name = Some(no);
        } else if let Some(c) = name_count.filter(|c| is_name(&c[1])) {
            let no = no_of(&c[1]).unwrap_or(0);
            if let Ok(n) = c[2].parse() {
                out.counts.push((no, printed(n)));
            }
            last_name = Some(no);
        } else if let Some(c) = number_count {
            if let (Ok(no), Ok(n)) = (c[1].parse::<u32>(), c[2].parse()) {
                out.numbers.push((no, printed(no)));
                out.counts.push((no, printed(n)));
                last_name = Some(no);
            }
        } else if ws.len() == 1 && is_name(ws[0]) {
            last_name = no_of(ws[0]);
        } else if let (1, Ok(n)) = (ws.len(), t.parse::<u32>()) {
            out.lone.push(printed(n));
        } else if layout_regex(WINDOW_NAME_END).is_match(t)
            && !municipalities().iter().any(|m| t.contains(m.name.as_str()))
        {
            out.merged_names.push((None, t.to_string(), l.span));
        } else {
            out.others.push((None, t.to_string(), l.span));
        }
        k += 1;
    }
    out
}

/// Parses the window pages, if the text has any. `era` and `fiscal_year` are
/// the edition's (for the year of a plan that names a month alone).
pub fn parse(pages: &[Page<'_>], era: &str, fiscal_year: i32) -> Option<WindowPages> {
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
                if let Some(m) = out.get_mut(k as usize - 1) {
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
                let (w, head) = window(r);
                if let Some(h) = head {
                    if let Some(m) = out.get_mut(h.name_no as usize - 1) {
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
            if let Some(m) = out.get_mut(p.value as usize - 1) {
                m.numbers_printed.push(Printed {
                    value: no,
                    span: p.span,
                });
            }
        }
        for (no, c) in l.counts {
            if let Some(m) = out.get_mut(no as usize - 1) {
                m.count.get_or_insert(c);
            }
        }
        for (no, p) in l.plans {
            if let Some(m) = out.get_mut(no as usize - 1) {
                m.plans.push(p);
            }
        }
        for (no, name, span) in l.merged_names {
            match no.and_then(|n| out.get_mut(n as usize - 1)) {
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
    // Place the windows: each anchor fixes where its municipality starts;
    // between anchors the municipalities take their printed counts in order.
    anchors.sort_by_key(|&(at, no)| (no, at));
    anchors.dedup_by_key(|a| a.1);
    let start_of = |no: u32| anchors.iter().find(|a| a.1 == no).map(|a| a.0);
    let mut cursor = 0usize;
    let total = windows.len();
    let mut taken: Vec<Option<(usize, usize)>> = vec![None; out.len()];
    for k in 0..out.len() {
        let no = k as u32 + 1;
        if let Some(at) = start_of(no) {
            cursor = at.max(cursor);
        }
        // Where the next anchored municipality starts bounds this one.
        let next_anchor = anchors
            .iter()
            .filter(|a| a.1 > no)
            .map(|a| a.0)
            .min()
            .unwrap_or(total);
        let later_known: usize = (k + 1..out.len())
            .take_while(|&j| start_of(j as u32 + 1).is_none())
            .map(|j| out[j].count.map_or(0, |c| c.value as usize))
            .sum();
        let n = match out[k].count {
            Some(c) => c.value as usize,
            // The one count a block does not print: the windows left over.
            None => next_anchor
                .saturating_sub(cursor)
                .saturating_sub(later_known),
        };
        let end = (cursor + n).min(next_anchor.max(cursor)).min(total);
        taken[k] = Some((cursor, end));
        cursor = end;
    }
    let mut by_window: Vec<Option<usize>> = vec![None; total];
    for (k, t) in taken.iter().enumerate() {
        if let Some((a, b)) = t {
            for slot in &mut by_window[*a..*b] {
                *slot = Some(k);
            }
        }
    }
    let mut unplaced = Vec::new();
    for (i, w) in windows.into_iter().enumerate() {
        match by_window[i] {
            Some(k) => out[k].windows.push(w),
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
        match candidates[..] {
            [k] => out[k].merged_name = Some((name, span)),
            _ => unattributed.push((name, span)),
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
        match (same_page, missing.as_slice()) {
            (1, &[k]) => {
                out[k].count = Some(*f);
                out[k].count_from_lone_figure = true;
            }
            _ => lone.push(*f),
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
        unplaced,
        unattributed,
        lone_figures,
    })
}
