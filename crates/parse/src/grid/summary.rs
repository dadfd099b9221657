//! Pages 1–2 from their cells: page 1's rows read against the layout's
//! ([`PROGRAM_ROWS`]), page 2's questions, sub-questions and options each
//! with its count in its row.

use super::assemble::{first_read, missing, squeeze};
use super::Rendered;
use crate::cells::CellPage;
use crate::error::ParseError;
use crate::layout::{Era, FISCAL_YEAR_HEADS_SHOWN, PROGRAM_ROWS, PROGRAM_SUMMARY_NAME};
use crate::matchers::Matchers;
use crate::model::{
    CountSource, PrintedQuestionSummary, ProgramRow, ProgramSummary, QuestionRow, Span,
};
use crate::pages::{question_cells, summary_cells};
use crate::text::Page;

/// Page 1: a row per activity, its label in its figures' row, read against
/// the layout's rows ([`PROGRAM_ROWS`]).
pub(super) fn program<'t>(
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
    let n = sample_size(m, page, k, r).or_else(|| {
        text_page(page.page).and_then(|p| crate::pages::page1::sample_size(m, p, errors))
    });
    let years = fiscal_years(page, k, r, era);
    if years.is_none() {
        errors.push(ParseError::new(
            r.row(k, 0),
            format!("the heads of the two fiscal years {FISCAL_YEAR_HEADS_SHOWN} over the figures"),
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
        let activity_row = page.start_row(row.row, 1);
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

/// Page 1's fiscal years: the heads «N年度» «M年度» over the figure columns
/// (the current one first), with where the first is printed.
fn fiscal_years(
    page: &CellPage,
    k: usize,
    r: &Rendered,
    era: Option<Era>,
) -> Option<(i32, i32, crate::model::Span)> {
    let mut heads: Vec<(usize, usize, u32)> = (page.cells.iter())
        .filter_map(|c| {
            let year = c
                .runs()
                .find_map(|t| t.strip_suffix("年度")?.parse::<u32>().ok())?;
            Some((c.col, c.row, year))
        })
        .collect();
    heads.sort_unstable();
    match (heads.first(), heads.get(1), era) {
        (Some(&(col, row, cur)), Some(&(_, _, prev)), Some(era)) => era
            .gregorian(cur)
            .zip(era.gregorian(prev))
            .map(|(c, p)| (c, p, r.cell(k, row, col))),
        _ => None,
    }
}

/// Page 2: every question's, sub-question's and option's row, its count in it.
pub(super) fn questions<'t>(
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
    let (n, n_span) = sample_size(m, page, k, r).or_else(|| {
        text_page(page.page).and_then(|p| crate::pages::page1::sample_size(m, p, errors))
    })?;
    let rows = rows
        .into_iter()
        .map(|q| {
            let span = r.row(k, q.row);
            // The question's text: the cell covering the row in column 2.
            let text_row = page.start_row(q.row, 2);
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
                marker_lost: None,
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

/// n as a cell of the table prints it (「集計状況（N=５３）」 heading page 2's
/// figures), its characters spread or not; `None` where no cell does (page
/// 1 prints it below its table: read from the text).
fn sample_size(m: &Matchers, page: &CellPage, k: usize, r: &Rendered) -> Option<(u32, Span)> {
    let re = m.sample_size.regex();
    page.cells.iter().find_map(|c| {
        let head = c.head();
        let n = re.captures(&head)?.get(1)?.as_str().parse::<u32>().ok()?;
        (n > 0).then(|| (n, r.cell(k, c.row, c.col)))
    })
}
