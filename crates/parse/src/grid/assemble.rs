//! The report assembled from its pages' cells, one family at a time (see
//! the module docs of [`crate::grid`]).

use super::{render, Rendered};
use crate::cells::{Cell, CellPage};
use crate::error::{ParseError, ParseErrors};
use crate::layout::{
    Era, Program, ANSWER_PAGES, BASIS, FIRST_TIME_ONLY, ISLANDS_EXCLUDED, PRINTED_COUNT,
    PROGRAM_ROWS, PROGRAM_SUMMARY_NAME, SHADING_LEGEND,
};
use crate::matchers::Matchers;
use crate::model::windows::{
    MunicipalityWindows, NameSource, Plan, Printed, PrintedWindows, Window,
};
use crate::model::{
    AnswerPage, AssociationRow, AssociationTable, Basis, CountSource, Footnote, NumberedName,
    Participation, PrintedAssociationTable, PrintedQuestionSummary, ProgramRow, ProgramSummary,
    QuestionRow, Report, Resolution, Span, YearColumn,
};
use crate::pages::{answer_cells, association_cells, question_cells, summary_cells, window_cells};
use crate::reference::{index_of, municipalities};
use crate::text::Page;

/// A ruled PDF's pages as read: their cells in canonical form, and the
/// text they render to, which every span of its report points into.
#[derive(Debug, Clone)]
pub struct Grid {
    pages: Vec<CellPage>,
    rendered: Rendered,
}

impl Grid {
    /// The pages (a PDF's, in order, read by position), their cells' text
    /// in canonical form as the text parsers read every line (Kangxi
    /// radicals, full-width digits, spaces), and their text.
    pub fn new(pages: &[CellPage]) -> Grid {
        let pages: Vec<CellPage> = pages.iter().map(canonical_cells).collect();
        let rendered = render(&pages);
        Grid { pages, rendered }
    }

    /// The text the pages render to (`zaitaku extract` prints it).
    pub fn text(&self) -> &str {
        &self.rendered.text
    }

    /// Whether any page is a ruled table (has cells).
    pub fn is_ruled(pages: &[CellPage]) -> bool {
        pages.iter().any(|p| !p.cells.is_empty())
    }
}

/// The report of a ruled PDF's pages; or every error found.
pub fn parse(m: &Matchers, grid: &Grid) -> Result<Report, ParseErrors> {
    assemble(m, &grid.pages, &grid.rendered)
}

/// A page whose cells' text is in canonical form.
fn canonical_cells(page: &CellPage) -> CellPage {
    let canonical = |s: &String| {
        let c = crate::canon::canonical(s).text();
        c.trim_end_matches('\n').to_string()
    };
    CellPage {
        cells: (page.cells.iter())
            .map(|c| Cell {
                lines: c.lines.iter().map(canonical).collect(),
                ..c.clone()
            })
            .collect(),
        ..page.clone()
    }
}

/// Squeezes white space out, for comparing a cell with a layout label.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn assemble(m: &Matchers, pages: &[CellPage], r: &Rendered) -> Result<Report, ParseErrors> {
    let canonical = crate::canon::canonical(&r.text);
    let text_pages = canonical.pages(m);
    let mut errors = Vec::new();
    let text_page = |no: u32| text_pages.iter().find(|p| p.no == no);
    let edition = crate::pages::page1::edition(m, &text_pages, &mut errors);
    let era = edition.as_ref().map(|e| e.1);
    let program = program(m, pages, r, &text_page, era, &mut errors);
    let questions = questions(m, pages, r, &text_page, &mut errors);
    let answers = answers(m, pages, r, &text_pages, &mut errors);
    let associations = associations(m, pages, r, &text_pages, era, &mut errors);
    let fiscal_year = program.as_ref().map_or(0, |p| p.fy_current);
    let windows = windows(m, pages, r, era, fiscal_year, &mut errors);
    let numbered = numbered(&answers, windows.as_ref());
    match (edition, program, questions, windows) {
        (Some((edition, _)), Some(program), Some(questions), Some(windows))
            if errors.is_empty() =>
        {
            Ok(Report {
                edition,
                program,
                questions: crate::resolve::question_counts(questions),
                answers,
                associations,
                windows: crate::resolve::windows(windows),
                numbered,
            })
        }
        _ => {
            errors.sort_by_key(|e| e.position);
            Err(ParseErrors(errors))
        }
    }
}

/// The first page whose table `read` reads, its index and what it read.
fn first_read<'p, T>(
    pages: &'p [CellPage],
    read: impl Fn(&'p CellPage) -> Option<T>,
) -> Option<(usize, &'p CellPage, T)> {
    pages
        .iter()
        .enumerate()
        .find_map(|(k, p)| read(p).map(|t| (k, p, t)))
}

/// The error for a table not found on any page.
fn missing(pages: &[CellPage], r: &Rendered, what: String) -> ParseError {
    let last = pages.len().saturating_sub(1);
    ParseError::new(r.row(last, 0), what, "no such table on any page")
}

/// Page 1: a row per activity, its label in its figures' row, read against
/// the layout's rows ([`PROGRAM_ROWS`]).
fn program<'t>(
    m: &Matchers,
    pages: &[CellPage],
    r: &Rendered,
    text_page: &impl Fn(u32) -> Option<&'t Page<'t>>,
    era: Option<Era>,
    errors: &mut Vec<ParseError>,
) -> Option<ProgramSummary> {
    let Some((k, page, rows)) = first_read(pages, |p| {
        summary_cells::read(p).filter(|rows| !rows.is_empty())
    }) else {
        errors.push(missing(
            pages,
            r,
            format!("the table of {PROGRAM_SUMMARY_NAME} (heads 「区市町村数」 and 「全体の％」)"),
        ));
        return None;
    };
    let n = text_page(page.page).and_then(|p| crate::pages::page1::sample_size(m, p, errors));
    // The fiscal years: the heads 「29年度」 「28年度」 over the figure columns.
    let mut heads: Vec<(usize, usize, u32)> = (page.cells.iter())
        .filter_map(|c| {
            let t = c.text();
            let year = t.trim().strip_suffix("年度")?.parse::<u32>().ok()?;
            Some((c.col, c.row, year))
        })
        .collect();
    heads.sort_unstable();
    let years = match (heads.first(), heads.get(1), era) {
        (Some(&(col, row, cur)), Some(&(_, _, prev)), Some(era)) => era
            .gregorian(cur)
            .zip(era.gregorian(prev))
            .map(|(c, p)| (c, p, r.cell(k, row, col))),
        _ => None,
    };
    if years.is_none() {
        errors.push(ParseError::new(
            r.row(k, 0),
            "the heads of the two fiscal years («29年度», «28年度») over the figures",
            "none in the table",
        ));
    }
    if rows.len() != PROGRAM_ROWS.len() {
        errors.push(ParseError::new(
            r.row(k, 0),
            format!("{} rows of figures in the table", PROGRAM_ROWS.len()),
            &format!("{} rows", rows.len()),
        ));
        return None;
    }
    let mut out = Vec::with_capacity(rows.len());
    for (i, (row, spec)) in rows.into_iter().zip(PROGRAM_ROWS).enumerate() {
        let span = r.row(k, row.row);
        if row.item != spec.item
            || squeeze(&row.activity) != squeeze(spec.activity)
            || row.sub != spec.sub
        {
            errors.push(ParseError::new(
                span,
                format!(
                    "row {} of the table: （{}） {}",
                    i + 1,
                    spec.item.katakana(),
                    spec.activity
                ),
                &format!("（{}） {}", row.item.katakana(), row.activity),
            ));
            continue;
        }
        // The activity cell: the one covering the row in column 1.
        let activity_row = page.covering(row.row, 1).map_or(row.row, |c| c.row);
        out.push(ProgramRow {
            item: spec.item,
            item_label: row.item_label,
            activity: spec.activity.to_string(),
            activity_span: r.cell(k, activity_row, 1),
            parent_activity: spec.parent.map(str::to_string),
            question: spec.question,
            sub: spec.sub,
            any_of: spec.any_of.to_vec(),
            count_current: row.count_current,
            pct_current: row.pct_current,
            count_previous: row.count_previous,
            pct_previous: row.pct_previous,
            change: row.change,
            span,
        });
    }
    let ((n, n_span), (fy_current, fy_previous, fy_span)) = (n?, years?);
    (out.len() == PROGRAM_ROWS.len()).then_some(ProgramSummary {
        n,
        n_span,
        fy_current,
        fy_previous,
        fy_span,
        rows: out,
    })
}

/// Page 2: every question's, sub-question's and option's row, its count in it.
fn questions<'t>(
    m: &Matchers,
    pages: &[CellPage],
    r: &Rendered,
    text_page: &impl Fn(u32) -> Option<&'t Page<'t>>,
    errors: &mut Vec<ParseError>,
) -> Option<PrintedQuestionSummary> {
    let Some((k, page, rows)) = first_read(pages, |p| {
        question_cells::read(m, p).filter(|rows| !rows.is_empty())
    }) else {
        errors.push(missing(
            pages,
            r,
            "the question table (head 「実施・…年度中に実施予定」)".to_string(),
        ));
        return None;
    };
    let (n, n_span) =
        text_page(page.page).and_then(|p| crate::pages::page1::sample_size(m, p, errors))?;
    let rows = rows
        .into_iter()
        .map(|q| {
            let span = r.row(k, q.row);
            // The question's text: the cell covering the row in column 2.
            let text_row = page.covering(q.row, 2).map_or(q.row, |c| c.row);
            QuestionRow {
                item: q.item,
                question: q.question,
                sub: q.sub,
                option: q.option,
                option_text: q.option_text,
                question_text: Some(q.question_text).filter(|t| !t.is_empty()),
                text_span: Some(r.cell(k, text_row, 2)),
                count_yes: Some(q.count_yes),
                count_yes_source: CountSource::OnRow,
                count_yes_span: Some(span),
                pct_yes: q.pct_yes,
                count_no: q.count_no,
                pct_no: q.pct_no,
                span,
            }
        })
        .collect();
    Some(PrintedQuestionSummary {
        n,
        n_span,
        rows,
        counts_apart: Vec::new(),
    })
}

/// Pages 3–4: each page of the layout found by its title, read by its legend.
fn answers(
    m: &Matchers,
    pages: &[CellPage],
    r: &Rendered,
    text_pages: &[Page<'_>],
    errors: &mut Vec<ParseError>,
) -> Vec<AnswerPage> {
    let mut out = Vec::new();
    for spec in ANSWER_PAGES {
        let title = m.get(spec.title);
        let found = text_pages.iter().find_map(|p| {
            p.lines
                .iter()
                .find(|l| title.is_match(l.text))
                .map(|l| (p, l.no))
        });
        let Some((text_page, title_line)) = found else {
            errors.push(missing(
                pages,
                r,
                format!("a per-municipality page titled like «{}»", spec.shown()),
            ));
            continue;
        };
        let Some(legend) = crate::pages::answers::legend(m, text_page, errors) else {
            continue;
        };
        let Some(k) = pages.iter().position(|p| p.page == text_page.no) else {
            continue;
        };
        let Some(page) = pages.get(k) else { continue };
        let at = |row: usize, col: usize| r.cell(k, row, col);
        let Some(rows) = answer_cells::read(m, page, spec, &legend, at) else {
            errors.push(ParseError::new(
                text_page.span(title_line),
                format!(
                    "a row per municipality, a cell in each of the {} columns, marks of the legend ({})",
                    spec.columns.len(),
                    legend.marks()
                ),
                "a row that does not read so",
            ));
            continue;
        };
        out.push(AnswerPage {
            page: text_page.no,
            items: spec.items(),
            title_span: text_page.span(title_line),
            legend,
            islands_excluded: (text_page.lines.iter())
                .find(|l| m.is_match(ISLANDS_EXCLUDED, l.text))
                .map(|l| text_page.span(l.no)),
            rows,
        });
    }
    out
}

/// Pages 5–6: each program's page found by its title; every cell decided
/// by position (a row marked in every year or none keeps that rule, which
/// its text decides too).
fn associations(
    m: &Matchers,
    pages: &[CellPage],
    r: &Rendered,
    text_pages: &[Page<'_>],
    era: Option<Era>,
    errors: &mut Vec<ParseError>,
) -> Vec<AssociationTable> {
    let mut out = Vec::new();
    let Some(era) = era else { return out };
    for program in Program::ALL {
        let found = text_pages.iter().find_map(|p| {
            p.lines
                .iter()
                .find(|l| m.contains(program.title(), l.text))
                .map(|l| (p, l.no))
        });
        let Some((text_page, title_line)) = found else {
            errors.push(missing(
                pages,
                r,
                format!(
                    "the page of 「{}」 (medical associations by fiscal year)",
                    program.title()
                ),
            ));
            continue;
        };
        let k = pages.iter().position(|p| p.page == text_page.no);
        let table = k.and_then(|k| Some((k, association_cells::read(pages.get(k)?, era)?)));
        let Some((k, t)) = table else {
            errors.push(ParseError::new(
                text_page.span(title_line),
                "a table headed 「医師会名」 and the fiscal years, a 〇 in each year an association took part",
                "no such table on the page",
            ));
            continue;
        };
        let Some((totals_row, totals_col)) =
            t.totals_at.filter(|_| t.totals.iter().all(Option::is_some))
        else {
            errors.push(ParseError::new(
                r.row(k, t.head),
                format!(
                    "a totals row 「計」 with {} numbers, one per year column",
                    t.fiscal_years.len()
                ),
                "none in the table",
            ));
            continue;
        };
        let notes = free_notes(m, text_page);
        let basis = (notes.footnotes.iter()).find_map(|f| m.regex(BASIS).captures(&f.text));
        let era_year = |initial: &str, year: &str| -> Option<u32> {
            initial
                .starts_with(era.initial())
                .then(|| year.parse().ok())
                .flatten()
        };
        let (implemented_to, applied_in) = match &basis {
            Some(c) => (era_year(&c[1], &c[2]), era_year(&c[3], &c[4])),
            None => (None, None),
        };
        let years: Vec<YearColumn> = (t.era_years.iter().zip(&t.fiscal_years))
            .zip(t.year_notes.iter().zip(&t.totals))
            .map(|((&era_year, &fiscal_year), (notes, total))| YearColumn {
                era_year,
                fiscal_year,
                total: total.unwrap_or(0),
                notes: notes.clone(),
                basis: if implemented_to.is_some_and(|y| era_year <= y) {
                    Some(Basis::ImplementedAreas)
                } else if applied_in == Some(era_year) {
                    Some(Basis::ApplicationsSubmitted)
                } else {
                    None
                },
            })
            .collect();
        // Groups: a name in the right table not in brackets heads the
        // bracketed names under it.
        let mut rows = Vec::with_capacity(t.rows.len());
        let mut cells = Vec::with_capacity(t.rows.len());
        let mut group: Option<String> = None;
        let left = t.rows.first().map(|row| row.col);
        for row in &t.rows {
            let member = row.printed.starts_with('（');
            if !member {
                group = (Some(row.col) != left).then(|| row.name.clone());
            }
            let marks = crate::span::saturating_u32(row.marked.iter().filter(|m| **m).count());
            let all = row.marked.iter().all(|m| *m);
            let none = !row.marked.iter().any(|m| *m);
            cells.push(
                (row.marked.iter())
                    .map(|&marked| Participation {
                        participated: Some(marked),
                        resolution: if all {
                            Resolution::AllMarked
                        } else if none {
                            Resolution::NoneMarked
                        } else {
                            Resolution::Position
                        },
                    })
                    .collect(),
            );
            rows.push(AssociationRow {
                name: row.name.clone(),
                printed: row.printed.clone(),
                group: if member { group.clone() } else { None },
                marks,
                notes: row.notes.clone(),
                span: r.cell(k, row.row, row.col),
                cells_at: row.at.clone(),
            });
        }
        let printed = PrintedAssociationTable {
            program,
            page: text_page.no,
            title_span: text_page.span(title_line),
            years,
            header_span: r.row(k, t.head),
            totals_span: r.cell(k, totals_row, totals_col),
            rows,
            printed_count: notes.printed_count,
            footnotes: notes.footnotes,
            shading_legend: notes.shading_legend,
        };
        out.push(AssociationTable {
            printed,
            pins: Vec::new(),
            cells,
            feasible: true,
        });
    }
    out
}

/// What an association page prints outside its table.
struct FreeNotes {
    footnotes: Vec<Footnote>,
    printed_count: Option<(u32, Span)>,
    shading_legend: Option<(String, Span)>,
}

/// The footnotes (「※1 H29年度は…」), the printed count (「３５地区医師会が実施」)
/// and the legend of a lost shading, from the page's lines outside its
/// table (a table row prints ` | ` between its cells).
fn free_notes(m: &Matchers, page: &Page<'_>) -> FreeNotes {
    let mut out = FreeNotes {
        footnotes: Vec::new(),
        printed_count: None,
        shading_legend: None,
    };
    for line in page.lines.iter().filter(|l| !l.text.contains(" | ")) {
        let span = page.span(line.no);
        if let Some(c) = m.regex(PRINTED_COUNT).captures(line.text) {
            if let (None, Ok(n)) = (&out.printed_count, c[1].parse()) {
                out.printed_count = Some((n, span));
            }
        }
        let mut words = line.text.split_whitespace();
        let (Some(first), rest) = (words.next(), words.collect::<Vec<_>>().join(" ")) else {
            continue;
        };
        let numbers = first.strip_prefix('※').map(|n| {
            n.split('、')
                .map(str::parse::<u32>)
                .collect::<Result<Vec<_>, _>>()
        });
        match numbers {
            Some(Ok(numbers)) if !rest.is_empty() && rest.parse::<u32>().is_err() => {
                let text = rest.split(" ※").next().unwrap_or(&rest).to_string();
                out.footnotes.push(Footnote {
                    numbers,
                    first_time_only: m.contains(FIRST_TIME_ONLY, &text),
                    printed: format!("{first} {text}"),
                    text,
                    span,
                });
            }
            _ if m.is_match(SHADING_LEGEND, first) => {
                out.shading_legend = Some((first.to_string(), span));
            }
            _ => {}
        }
    }
    out
}

/// Pages 7–11: each window's row with the merged cells covering it, each
/// municipality's first row its anchor.
fn windows(
    m: &Matchers,
    pages: &[CellPage],
    r: &Rendered,
    era: Option<Era>,
    fiscal_year: i32,
    errors: &mut Vec<ParseError>,
) -> Option<PrintedWindows> {
    let mut out: Vec<MunicipalityWindows> = (municipalities().iter().enumerate())
        .map(|(k, mun)| MunicipalityWindows {
            no: crate::span::saturating_u32(k).saturating_add(1),
            name: mun.name.clone(),
            numbers_printed: Vec::new(),
            count: None,
            number_from_lone_figure: None,
            count_from_lone_figure: false,
            own_row: None,
            plans: Vec::new(),
            windows: Vec::new(),
            merged_name: None,
        })
        .collect();
    let mut windows: Vec<Window> = Vec::new();
    let mut anchors: Vec<(usize, u32)> = Vec::new();
    let mut read_any = false;
    let no_of = |name: &str| crate::pages::windows::no_of(name);
    for (k, page) in pages.iter().enumerate() {
        let Some((entries, cols)) = window_cells::read(page) else {
            continue;
        };
        read_any = true;
        for entry in entries {
            let (row, number, name) = match &entry {
                window_cells::Entry::Window(w) => (w.row, w.number.clone(), w.municipality.clone()),
                window_cells::Entry::Own(o) => (o.row, o.number.clone(), o.municipality.clone()),
            };
            let name = name.as_str();
            let Some(no) = no_of(name) else {
                errors.push(ParseError::new(
                    r.cell(
                        k,
                        page.covering(row, cols.municipality).map_or(row, |c| c.row),
                        cols.municipality,
                    ),
                    "a municipality of the reference list in the 「区市町村名」 column",
                    name,
                ));
                continue;
            };
            let Some(mun) = index_of(no).and_then(|i| out.get_mut(i)) else {
                continue;
            };
            let head_row = page.covering(row, cols.municipality).map_or(row, |c| c.row);
            let head = r.cell(k, head_row, cols.number);
            let first_on_page = head_row == row;
            if first_on_page {
                if let Ok(value) = number.trim().parse() {
                    mun.numbers_printed.push(Printed { value, span: head });
                }
                if !anchors.iter().any(|(_, a)| *a == no) {
                    anchors.push((windows.len(), no));
                }
            }
            match entry {
                window_cells::Entry::Own(o) => {
                    mun.own_row = Some(head);
                    mun.count.get_or_insert(Printed {
                        value: 0,
                        span: head,
                    });
                    let plan = o.plan.trim();
                    if !plan.is_empty() {
                        mun.plans.push(Plan {
                            text: plan.to_string(),
                            month: crate::pages::windows::plan_month(m, plan, era, fiscal_year),
                            additional: false,
                            span: r.cell(k, o.row, cols.count),
                        });
                    }
                }
                window_cells::Entry::Window(w) => {
                    if first_on_page {
                        let span = r.cell(k, row, cols.count);
                        let digits: String =
                            w.count.chars().take_while(char::is_ascii_digit).collect();
                        if let Ok(value) = digits.parse() {
                            mun.count.get_or_insert(Printed { value, span });
                        }
                        // An announcement beside open windows: 「4 ※11月に1窓口追加開設予定」.
                        let rest = w.count.get(digits.len()..).unwrap_or("").trim();
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
                    windows.push(window(m, &w, &cols, page, k, r, name));
                }
            }
        }
    }
    read_any.then_some(PrintedWindows {
        windows,
        anchors,
        municipalities: out,
        loose_names: Vec::new(),
        unattributed: Vec::new(),
        lone_figures: Vec::new(),
    })
}

/// A window from its row.
fn window(
    m: &Matchers,
    w: &window_cells::WindowRow,
    cols: &window_cells::Columns,
    page: &CellPage,
    k: usize,
    r: &Rendered,
    municipality: &str,
) -> Window {
    let start = |col: usize| page.covering(w.row, col).map_or(w.row, |c| c.row);
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
        targets_by_position: Some(w.targets),
        targets_at: (cols.targets.first())
            .and_then(|&col| page.covering(w.row, col))
            .and_then(|c| c.origin),
        for_other: some(&w.other),
        named: Some((
            municipality.to_string(),
            r.cell(k, start(cols.municipality), cols.municipality),
        )),
        leaked_no: None,
        span,
        marks_span: span,
    }
}

/// Every `number name` row head: the answer pages' rows, then the window
/// pages' municipalities; first occurrence per name.
fn numbered(answers: &[AnswerPage], windows: Option<&PrintedWindows>) -> Vec<NumberedName> {
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
