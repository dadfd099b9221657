//! Pages 7–11 from their cells: each window's row with the merged cells
//! covering it, each municipality's first row its anchor, its target
//! columns by position.

use super::Rendered;
use crate::cells::CellPage;
use crate::error::ParseError;
use crate::layout::Era;
use crate::matchers::Matchers;
use crate::model::windows::{
    MunicipalityWindows, NameSource, Plan, Printed, PrintedWindows, Window,
};
use crate::model::{AnswerPage, NumberedName, Span};
use crate::pages::window_cells;
use crate::reference::{index_of, municipalities};

/// Pages 7–11: each window's row with the merged cells covering it, each
/// municipality's first row its anchor.
pub(super) fn windows(
    m: &Matchers,
    pages: &[CellPage],
    r: &Rendered,
    era: Option<Era>,
    fiscal_year: i32,
    errors: &mut Vec<ParseError>,
) -> Option<PrintedWindows> {
    let mut out: Vec<MunicipalityWindows> = (municipalities().iter().enumerate())
        .map(|(k, mun)| {
            MunicipalityWindows::blank(crate::span::saturating_u32(k).saturating_add(1), &mun.name)
        })
        .collect();
    let mut windows: Vec<Window> = Vec::new();
    let mut anchors: Vec<(usize, u32)> = Vec::new();
    let mut read_any = false;
    // The municipality of the rows read last: a window row at the top of a
    // page with its municipality's cell empty continues it (a merged cell
    // cut by the page break, its text printed on the page before).
    let mut last: Option<u32> = None;
    for (k, page) in pages.iter().enumerate() {
        let Some((entries, cols)) = window_cells::read(page) else {
            continue;
        };
        read_any = true;
        // Only the rows of the page's first municipality cell continue the
        // page before's; an empty cell starting further down is an error.
        let mut cells_started = 0;
        for entry in entries {
            if matches!(&entry, window_cells::Entry::Window(w) if w.first)
                || matches!(&entry, window_cells::Entry::Own(_))
            {
                cells_started += 1;
            }
            let (row, number, name) = match &entry {
                window_cells::Entry::Window(w) => (w.row, w.number.clone(), w.municipality.clone()),
                window_cells::Entry::Own(o) => (o.row, o.number.clone(), o.municipality.clone()),
            };
            let continued = match (&entry, name.trim().is_empty(), last, cells_started) {
                (window_cells::Entry::Window(_), true, Some(no), 0 | 1) => Some(no),
                _ => None,
            };
            let name = match continued.and_then(index_of).and_then(|i| out.get(i)) {
                Some(mun) => mun.name.clone(),
                None => name,
            };
            let name = name.as_str();
            // The row its municipality's (merged) cell starts in.
            let head_row = page.start_row(row, cols.municipality);
            let Some(no) = crate::pages::windows::no_of(name) else {
                errors.push(ParseError::new(
                    r.cell(k, head_row, cols.municipality),
                    "a municipality of the reference list in the 「区市町村名」 column",
                    name,
                ));
                continue;
            };
            let Some(mun) = index_of(no).and_then(|i| out.get_mut(i)) else {
                continue;
            };
            last = Some(no);
            let head = r.cell(k, head_row, cols.number);
            let first_on_page = head_row == row && continued.is_none();
            if first_on_page {
                anchor(mun, &number, head, (&mut anchors, windows.len()));
            }
            match entry {
                window_cells::Entry::Own(o) => {
                    let plan_at = r.cell(k, o.row, cols.count);
                    own_row(m, mun, o.plan.trim(), (head, plan_at), (era, fiscal_year));
                }
                window_cells::Entry::Window(w) => {
                    if first_on_page {
                        let span = r.cell(k, row, cols.count);
                        count_cell(m, mun, &w.count, span, (era, fiscal_year));
                    }
                    let named = continued.is_none().then_some(name);
                    windows.push(window(m, &w, &cols, page, k, r, named));
                }
            }
        }
    }
    if !read_any {
        errors.push(super::assemble::missing(
            pages,
            r,
            "the consultation windows' table (heads 「区市町村名」, 「電話番号」 and the target columns)"
                .to_string(),
        ));
        return None;
    }
    Some(PrintedWindows {
        windows,
        anchors,
        municipalities: out,
        loose_names: Vec::new(),
        unattributed: Vec::new(),
        lone_figures: Vec::new(),
    })
}

/// The head of a municipality's rows (at `head`): its number as printed,
/// and its anchor (the window it starts at), once.
fn anchor(
    mun: &mut MunicipalityWindows,
    number: &str,
    head: Span,
    (anchors, at): (&mut Vec<(usize, u32)>, usize),
) {
    if let Ok(value) = number.trim().parse() {
        mun.numbers_printed.push(Printed { value, span: head });
    }
    if !anchors.iter().any(|(_, a)| *a == mun.no) {
        anchors.push((at, mun.no));
    }
}

/// A municipality's own row (no window): its count 0, and the plan it
/// prints, if any (`head`: where its row starts; `plan_at`: its count cell).
fn own_row(
    m: &Matchers,
    mun: &mut MunicipalityWindows,
    plan: &str,
    (head, plan_at): (Span, Span),
    (era, fiscal_year): (Option<Era>, i32),
) {
    mun.own_row = Some(head);
    mun.count.get_or_insert(Printed {
        value: 0,
        span: head,
    });
    if !plan.is_empty() {
        mun.plans.push(Plan {
            text: plan.to_string(),
            month: crate::pages::windows::plan_month(m, plan, era, fiscal_year),
            additional: false,
            span: plan_at,
        });
    }
}

/// A municipality's 設置箇所数 cell (at `span`): its count, and an
/// announcement beside open windows: 「4 ※11月に1窓口追加開設予定」.
fn count_cell(
    m: &Matchers,
    mun: &mut MunicipalityWindows,
    count: &str,
    span: Span,
    (era, fiscal_year): (Option<Era>, i32),
) {
    let digits: String = count.chars().take_while(char::is_ascii_digit).collect();
    if let Ok(value) = digits.parse() {
        mun.count.get_or_insert(Printed { value, span });
    }
    let rest = count.get(digits.len()..).unwrap_or("").trim();
    let rest = rest.trim_start_matches('※');
    if !rest.is_empty() && mun.plans.iter().all(|p| p.text != rest) {
        mun.plans.push(Plan {
            text: rest.to_string(),
            month: crate::pages::windows::plan_month(m, rest, era, fiscal_year),
            additional: true,
            span,
        });
    }
}

/// A window from its row.
fn window(
    m: &Matchers,
    w: &window_cells::WindowRow,
    cols: &window_cells::Columns,
    page: &CellPage,
    k: usize,
    r: &Rendered,
    municipality: Option<&str>,
) -> Window {
    let start = |col: usize| page.start_row(w.row, col);
    let span = r.row(k, w.row);
    let contact_words = format!("{} {}", w.phone.replacen(['(', '（'], " (", 1), w.fax);
    let words = crate::pages::windows::words(&contact_words);
    let (phone, phone_extension, fax, contact_flag) =
        crate::pages::windows::read_contact(m, &words);
    let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    Window {
        name: some(&w.name),
        name_source: if w.name.trim().is_empty() {
            NameSource::Unknown
        } else if w.name_above {
            NameSource::Above
        } else if w.name_merged {
            NameSource::Position
        } else {
            NameSource::Printed
        },
        location: some(&w.location),
        phone,
        phone_extension,
        fax,
        contact_flag,
        hours: w.hours.trim().to_string(),
        targets_marked: crate::span::saturating_u32(w.targets.iter().filter(|t| **t).count()),
        targets_by_position: w.targets_sure.then_some(w.targets),
        targets_at: (cols.targets.first())
            .and_then(|&col| page.covering(w.row, col))
            .and_then(|c| c.origin),
        for_other: some(&w.other),
        other_undecided: w.other_undecided,
        named: municipality.map(|name| {
            (
                name.to_string(),
                r.cell(k, start(cols.municipality), cols.municipality),
            )
        }),
        leaked_no: None,
        span,
        marks_span: span,
    }
}

/// Every `number name` row head: the answer pages' rows, then the window
/// pages' municipalities; first occurrence per name.
pub(super) fn numbered(
    answers: &[AnswerPage],
    windows: Option<&PrintedWindows>,
) -> Vec<NumberedName> {
    let mut seen: Vec<NumberedName> = Vec::new();
    let mut add = |no: u32, name: &str, span: Span| {
        if !seen.iter().any(|s| s.name == name) {
            seen.push(NumberedName {
                no,
                name: name.to_string(),
                span,
            });
        }
    };
    for row in answers.iter().flat_map(|p| &p.rows) {
        add(row.no, &row.name, row.span);
    }
    for mun in windows.into_iter().flat_map(|w| &w.municipalities) {
        if let Some(p) = mun.numbers_printed.first() {
            add(p.value, &mun.name, p.span);
        }
    }
    seen
}
