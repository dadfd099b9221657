//! Page 1: 集計結果（29年度・28年度比較）, the count of implementing
//! municipalities per activity in the current and previous fiscal year.
//!
//! The figure lines come in the table's order, but most row labels are
//! printed apart from them and in another order (「地域の医療・介護の資源の
//! リスト又はマップの作成等」 is printed before 「…住所、連絡先…」 although its
//! figures come second). So figures are placed by the layout's row order
//! ([`PROGRAM_ROWS`]), anchored where a figure line carries its own item or
//! sub-question label, and every row is tied to the page-2 question that
//! prints the same figure, which validation checks.

use crate::error::{ErrorKind, ParseError};
use crate::layout::{
    Era, Item, AS_OF_SHOWN, FISCAL_YEAR_HEADS_SHOWN, PROGRAM_ROWS, PROGRAM_SUMMARY_NAME,
    SAMPLE_SIZE_SHOWN,
};
use crate::matchers::Matchers;
use crate::model::{last_day_of_month, Date, Edition, ProgramRow, ProgramSummary, Span};
use crate::pages::combinators::{as_of_phrase, item_label, program_figure_line};
use crate::text::{Line, Page};
use std::collections::BTreeMap;

/// The byte offsets where an era's name (「平成」, 「令和」) starts in
/// `text`, in order: where an as-of phrase may start. A substring search per
/// era, not a test of every character. (An era's name starts a character:
/// each offset is a character boundary.)
pub(crate) fn era_names_at(m: &Matchers, text: &str) -> Vec<usize> {
    // One searcher per era, built once: a line is searched, not the pattern.
    let mut at: Vec<usize> = (m.eras().iter())
        .flat_map(|(_, name)| name.find_literal(text))
        .collect();
    if at.len() > 1 {
        at.sort_unstable();
    }
    at
}

/// Reads the edition (as-of date) from the first page that prints it.
pub fn edition(
    m: &Matchers,
    pages: &[Page<'_>],
    errors: &mut Vec<ParseError>,
) -> Option<(Edition, Era)> {
    let mut found: Option<(Edition, Era)> = None;
    for page in pages {
        for line in &page.lines {
            for at in era_names_at(m, line.text) {
                let Ok((_, (era, year, month))) = as_of_phrase(&line.text[at..]) else {
                    continue;
                };
                let position = page.span(line.no).at_column(line.column(at));
                let span = position;
                let printed = line.text[at..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_string();
                let (Some(fy), true) = (era.gregorian(year), (1..=12).contains(&month)) else {
                    errors.push(ParseError::of(
                        ErrorKind::Date,
                        position,
                        "an as-of date with a known era and a month 1–12",
                        &printed,
                    ));
                    continue;
                };
                // A fiscal year runs April–March: 平成29年度 1月 is January 2018.
                let year = if month >= 4 { fy } else { fy + 1 };
                let as_of = Date {
                    year,
                    month,
                    day: last_day_of_month(year, month),
                };
                match &found {
                    None => {
                        found = Some((
                            Edition {
                                as_of,
                                printed,
                                span,
                            },
                            era,
                        ))
                    }
                    Some((first, _)) if first.as_of != as_of => errors.push(ParseError::new(
                        position,
                        format!("the same as-of date as {} ({})", first.span, first.printed),
                        &printed,
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    if found.is_none() {
        let position = Span {
            page: 1,
            line: pages.first().map_or(1, |p| p.first_line()),
            column: 1,
        };
        errors.push(ParseError::new(
            position,
            format!("an as-of line {AS_OF_SHOWN} (era, fiscal year, month)"),
            "none in the text",
        ));
    }
    found
}

/// Reads n from 「集計状況（ｎ＝５３）」 (normalized to `集計状況（n=53）`).
pub fn sample_size(
    m: &Matchers,
    page: &Page<'_>,
    errors: &mut Vec<ParseError>,
) -> Option<(u32, Span)> {
    let re = m.sample_size.regex();
    for line in &page.lines {
        if let Some(c) = re.captures(line.text) {
            if let Ok(n) = c[1].parse::<u32>() {
                if n > 0 {
                    return Some((n, page.span(line.no)));
                }
            }
        }
    }
    let position = page.start();
    errors.push(ParseError::new(
        position,
        format!("the sample size {SAMPLE_SIZE_SHOWN} with N > 0"),
        "none on the page",
    ));
    None
}

/// Parses page 1 into the program summary.
pub fn parse(
    m: &Matchers,
    page: &Page<'_>,
    era: Option<Era>,
    errors: &mut Vec<ParseError>,
) -> Option<ProgramSummary> {
    let before = errors.len();
    let n = sample_size(m, page, errors);
    let years = fiscal_years(m, page, era, errors);
    let labels = item_labels(page);
    let figures = figure_rows(page);
    if figures.len() != PROGRAM_ROWS.len() {
        let position = page.start();
        errors.push(ParseError::new(
            position,
            format!(
                "{} figure lines «count % count % change%», one per row of the {} table",
                PROGRAM_ROWS.len(),
                PROGRAM_SUMMARY_NAME
            ),
            &format!("{} such lines", figures.len()),
        ));
        return None;
    }
    let mut rows = Vec::with_capacity(PROGRAM_ROWS.len());
    for (i, (spec, (label, f, span))) in PROGRAM_ROWS.iter().zip(&figures).enumerate() {
        check_anchor(spec, i, label, *span, errors);
        let Some(item_label) = labels.get(&spec.item) else {
            let position = page.start();
            errors.push(ParseError::new(
                position,
                format!("the item label （{}）…", spec.item.katakana()),
                "none on the page",
            ));
            continue;
        };
        let Some(activity_span) = find_line(page, spec.activity) else {
            let position = span;
            errors.push(ParseError::new(
                *position,
                format!("the activity label «{}» on a line of page 1", spec.activity),
                "none",
            ));
            continue;
        };
        rows.push(ProgramRow {
            item: spec.item,
            item_label: item_label.clone(),
            activity: spec.activity.to_string(),
            activity_span,
            parent_activity: spec.parent.map(str::to_string),
            question: spec.question,
            sub: spec.sub,
            any_of: spec.any_of.to_vec(),
            count_current: f[0] as u32,
            pct_current: f[1],
            count_previous: f[2] as u32,
            pct_previous: f[3],
            change: f[4],
            span: *span,
        });
    }
    let ((n, n_span), (fy_current, fy_previous, fy_span)) = (n?, years?);
    (errors.len() == before).then_some(ProgramSummary {
        n,
        n_span,
        fy_current,
        fy_previous,
        fy_span,
        rows,
    })
}

/// A figure line that carries a label must carry the label of its row:
/// 「（イ）在宅医療…検討 51 96.2% …」 starts item イ, 「パンフレット等 41 …」 is キ②'s pamphlet row.
fn check_anchor(
    spec: &crate::layout::ProgramRowSpec,
    index: usize,
    label: &str,
    span: Span,
    errors: &mut Vec<ParseError>,
) {
    if label.is_empty() {
        return;
    }
    let first_of_item = PROGRAM_ROWS.iter().position(|r| r.item == spec.item) == Some(index);
    let ok = match item_label(label) {
        Ok((_, item)) => item == spec.item && first_of_item,
        Err(_) => spec.sub.is_some_and(|s| s.label() == label),
    };
    if !ok {
        let expected = match spec.sub {
            Some(s) => format!(
                "row {} of the table (（{}）, «{}»)",
                index + 1,
                spec.item.katakana(),
                s.label()
            ),
            None => format!(
                "row {} of the table (（{}） {})",
                index + 1,
                spec.item.katakana(),
                spec.activity
            ),
        };
        errors.push(ParseError::new(span, expected, label));
    }
}

/// The fiscal years of the two figure columns: 「29年度 28年度」, in the era of the edition.
fn fiscal_years(
    m: &Matchers,
    page: &Page<'_>,
    era: Option<Era>,
    errors: &mut Vec<ParseError>,
) -> Option<(i32, i32, Span)> {
    let re = m.fiscal_year_heads.regex();
    for line in &page.lines {
        let Some(c) = re.captures(line.text.trim()) else {
            continue;
        };
        let (Ok(cur), Ok(prev)) = (c[1].parse::<u32>(), c[2].parse::<u32>()) else {
            continue;
        };
        let year = |y: u32| era.and_then(|e| e.gregorian(y));
        if let (Some(cur), Some(prev)) = (year(cur), year(prev)) {
            return Some((cur, prev, page.span(line.no)));
        }
    }
    let position = page.start();
    errors.push(ParseError::new(
        position,
        format!("the column heads {FISCAL_YEAR_HEADS_SHOWN} of the two fiscal years"),
        "none on the page",
    ));
    None
}

/// The page's lines that print something (blank lines say nothing: some
/// extractors write none).
fn printed<'p, 'a>(page: &'p Page<'a>) -> Vec<&'p Line<'a>> {
    page.lines.iter().filter(|l| !l.text.is_empty()).collect()
}

/// A line that starts an item label and prints no figures, followed by a
/// figure line whose label is not an item's: the label wraps onto its
/// figure line (「（イ）在宅医療・介護連携の課題の抽出と」 / 「対応策の検討 51
/// 96.2% …」). The wrapped label's first part, if so.
fn wrapped_label<'a>(first: &Line<'a>, second: &Line<'_>) -> Option<&'a str> {
    let (_, (rest, _)) = program_figure_line(second.text).ok()?;
    let starts_item = item_label(first.text).is_ok() && program_figure_line(first.text).is_err();
    (starts_item && !rest.is_empty() && item_label(rest).is_err()).then_some(first.text)
}

/// Every figure line of the page, in order, with its label (the text in
/// front of its figures, with the line before where the label wraps onto
/// it) and the figure line's span.
fn figure_rows(page: &Page<'_>) -> Vec<(String, [i64; 5], Span)> {
    let lines = printed(page);
    let mut rows = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        let Ok((_, (label, figures))) = program_figure_line(line.text) else {
            continue;
        };
        let before = k.checked_sub(1).and_then(|j| lines.get(j));
        let label = match before.and_then(|b| wrapped_label(b, line)) {
            Some(first) => format!("{first}{label}"),
            None => label.to_string(),
        };
        rows.push((label, figures, page.span(line.no)));
    }
    rows
}

/// Every item label of the page, without its figures: 「（イ）在宅医療・介護連携の課題の抽出と
/// 対応策の検討 51 …」 → イ: 「在宅医療・介護連携の課題の抽出と対応策の検討」.
fn item_labels(page: &Page<'_>) -> BTreeMap<Item, String> {
    let lines = printed(page);
    let mut labels = BTreeMap::new();
    for (k, line) in lines.iter().enumerate() {
        let Ok((rest, item)) = item_label(line.text) else {
            continue;
        };
        let next = lines.get(k + 1);
        let text = match (next.and_then(|n| wrapped_label(line, n)), next) {
            (Some(_), Some(n)) => {
                let second = program_figure_line(n.text).map_or("", |(_, (label, _))| label);
                format!("{rest}{second}")
            }
            _ => match program_figure_line(rest) {
                Ok((_, (label, _))) => label.to_string(),
                Err(_) => rest.to_string(),
            },
        };
        labels
            .entry(item)
            .or_insert_with(|| text.trim().to_string());
    }
    labels
}

fn find_line(page: &Page<'_>, text: &str) -> Option<Span> {
    page.lines
        .iter()
        .find(|l| l.text.trim() == text)
        .map(|l| page.span(l.no))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::canon::test_pages as pages;

    #[test]
    fn item_label_is_read_without_its_figures() {
        let text = "（イ）在宅医療・介護連携の課題の抽出と\n対応策の検討 51 96.2% 47 88.7% 7.5%\n";
        let p = pages(text);
        let labels = item_labels(&p[0]);
        assert_eq!(
            labels[&Item::I],
            "在宅医療・介護連携の課題の抽出と対応策の検討"
        );
    }

    #[test]
    fn as_of_line_gives_the_last_day_of_the_month() {
        let text = "東京都福祉保健局医療政策部医療政策課　平成29年度7月末時点\n";
        let mut errors = vec![];
        let (e, era) = edition(&Matchers::default(), &pages(text), &mut errors).unwrap();
        assert_eq!(
            (e.as_of.iso(), era, errors.len()),
            ("2017-07-31".to_string(), Era::Heisei, 0)
        );
    }

    #[test]
    fn as_of_in_january_falls_in_the_next_calendar_year() {
        let mut errors = vec![];
        let (e, _) = edition(
            &Matchers::default(),
            &pages("平成29年度1月末時点\n"),
            &mut errors,
        )
        .unwrap();
        assert_eq!(e.as_of.iso(), "2018-01-31");
    }

    #[test]
    fn fiscal_years_come_from_the_column_heads() {
        let mut errors = vec![];
        let got = fiscal_years(
            &Matchers::default(),
            &pages("内容\n29年度 28年度\n")[0],
            Some(Era::Heisei),
            &mut errors,
        );
        assert_eq!(got.map(|(c, p, _)| (c, p)), Some((2017, 2016)));
    }
}
