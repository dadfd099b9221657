//! Page 2: 集計状況（N=53）, every question's 「実施・29年度中に実施予定」 and
//! 「未実施等」 figures, and each option of the multi-choice questions.
//!
//! The figure rows (`① 96.2% 2 3.8%`) come in the questionnaire's order and
//! are read against [`QUESTIONS`]; the 「実施・予定」 count is not on the row but
//! after the question's text, which is printed elsewhere on the page
//! (「…調査を実施していますか。 53」, or before it: 「53東京都が実施する…」). A few
//! counts stand on lines of their own (「33」); they are placed by the
//! published identity count + 「未実施等」 = n, and the row says so.

use crate::error::{ErrorKind, ParseError};
use crate::layout::{marker, QuestionKind, QuestionSpec, Vocabulary};
use crate::matchers::{Matcher, Matchers, Question};
use crate::model::{CountSource, PrintedQuestionSummary, QuestionRow, Span};
use crate::pages::combinators::{count, option_row, question_marker, question_row, trailing_count};
use crate::pages::page1::sample_size;
use crate::text::{join_paragraph, Joined, Line, Page};
use crate::vocab::match_option;
use nom::combinator::all_consuming;
use nom::Parser;

/// A figure line of page 2.
#[derive(Debug, Clone, PartialEq)]
enum FigureLine<'a> {
    Question {
        marker: Option<u8>,
        /// A token printed where a marker belongs that is none (see
        /// [`MARKER_SUBSTITUTES`]).
        substitute: Option<&'a str>,
        pct_yes: i64,
        count_no: u32,
        pct_no: i64,
    },
    Option {
        text: &'a str,
        count: u32,
        pct: i64,
    },
}

/// A question's text found on the page, with the count printed beside it.
struct Located {
    text: String,
    span: Span,
    count: Option<(u32, Span)>,
}

/// Parses page 2 into the question summary.
pub fn parse(
    m: &Matchers,
    page: &Page<'_>,
    errors: &mut Vec<ParseError>,
) -> Option<PrintedQuestionSummary> {
    let before = errors.len();
    let n = sample_size(m, page, errors);
    let figures = figure_lines(page);
    unread_figure_rows(page, errors);
    let strays = stray_counts(page);
    // Question texts wrap over lines: searched in the page's lines joined
    // once (blank lines say nothing: some extractors write none).
    let joined = printed(page);
    let mut rows = Vec::new();
    let mut next = 0;
    for question in m.questions() {
        let spec = question.spec;
        let located = (question.text.as_ref()).and_then(|t| locate(page, &joined, t, errors));
        match spec.kind {
            QuestionKind::Single => {
                let Some((pct_yes, count_no, pct_no, span, marker_lost)) =
                    take_question_row(&figures, page.end(), &mut next, spec, Some(spec.no), errors)
                else {
                    break;
                };
                rows.push(QuestionRow {
                    item: spec.item,
                    question: spec.no,
                    sub: None,
                    option: None,
                    option_text: None,
                    question_text: located.as_ref().map(|l| l.text.clone()),
                    text_span: located.as_ref().map(|l| l.span),
                    count_yes: located.as_ref().and_then(|l| l.count.map(|c| c.0)),
                    count_yes_source: with_text(located.as_ref().and_then(|l| l.count)),
                    count_yes_span: located.as_ref().and_then(|l| l.count.map(|c| c.1)),
                    pct_yes,
                    count_no: Some(count_no),
                    pct_no: Some(pct_no),
                    span,
                    marker_lost,
                });
            }
            QuestionKind::Subs(_) => {
                let at = (&figures[..], &mut next, page);
                rows.extend(sub_rows(question, at, &joined, located.as_ref(), errors));
            }
            QuestionKind::Options(vocabulary) => {
                let at = (&figures[..], &mut next, page);
                rows.extend(option_rows(
                    m,
                    spec,
                    vocabulary,
                    at,
                    located.as_ref(),
                    errors,
                ));
            }
        }
    }
    if let (Some((_, span)), true) = (figures.get(next), errors.len() == before) {
        errors.push(ParseError::new(
            *span,
            "no further figure row after the last question",
            page.lines
                .iter()
                .find(|l| l.no == span.line)
                .map_or("", |l| l.text),
        ));
    }
    let (n, n_span) = n?;
    (errors.len() == before).then_some(PrintedQuestionSummary {
        n,
        n_span,
        rows,
        counts_apart: strays,
    })
}

/// The rows of a question with sub-questions (キ②): each sub-question's
/// figure row from figure `next` on, its count after its label.
fn sub_rows(
    question: &Question,
    (figures, next, page): (&[(FigureLine<'_>, Span)], &mut usize, &Page<'_>),
    joined: &Joined,
    located: Option<&Located>,
    errors: &mut Vec<ParseError>,
) -> Vec<QuestionRow> {
    let spec = question.spec;
    let mut rows = Vec::new();
    for (sub, label) in &question.subs {
        let Some((pct_yes, count_no, pct_no, span, marker_lost)) =
            take_question_row(figures, page.end(), next, spec, None, errors)
        else {
            break;
        };
        let sub_count = locate(page, joined, label, errors).and_then(|l| l.count);
        rows.push(QuestionRow {
            item: spec.item,
            question: spec.no,
            sub: Some(*sub),
            option: None,
            option_text: None,
            question_text: located.map(|l| l.text.clone()),
            text_span: located.map(|l| l.span),
            count_yes: sub_count.map(|c| c.0),
            count_yes_source: with_text(sub_count),
            count_yes_span: sub_count.map(|c| c.1),
            pct_yes,
            count_no: Some(count_no),
            pct_no: Some(pct_no),
            span,
            marker_lost,
        });
    }
    rows
}

/// The rows of a multi-choice question `spec` (of `vocabulary`):
/// each option's figure row from figure `next` on, every option once.
fn option_rows(
    m: &Matchers,
    spec: &'static QuestionSpec,
    vocabulary: Vocabulary,
    (figures, next, page): (&[(FigureLine<'_>, Span)], &mut usize, &Page<'_>),
    located: Option<&Located>,
    errors: &mut Vec<ParseError>,
) -> Vec<QuestionRow> {
    let mut rows = Vec::new();
    let mut seen = Vec::new();
    while let Some((FigureLine::Option { text, count, pct }, span)) = figures.get(*next) {
        *next += 1;
        let Some((option, _annotation)) = match_option(m, vocabulary, text) else {
            let labels: Vec<&str> = vocabulary.options().iter().map(|o| o.label).collect();
            errors.push(ParseError::of(
                ErrorKind::Vocabulary,
                *span,
                format!(
                    "an option of {}{} ({})",
                    spec.item.katakana(),
                    marker(spec.no),
                    labels.join(" / ")
                ),
                text,
            ));
            continue;
        };
        if seen.contains(&option.label) {
            errors.push(ParseError::new(
                *span,
                format!(
                    "each option of {}{} once",
                    spec.item.katakana(),
                    marker(spec.no)
                ),
                text,
            ));
        }
        seen.push(option.label);
        rows.push(QuestionRow {
            item: spec.item,
            question: spec.no,
            sub: None,
            option: Some(option.label),
            option_text: Some(text.to_string()),
            question_text: located.map(|l| l.text.clone()),
            text_span: located.map(|l| l.span),
            count_yes: Some(*count),
            count_yes_source: CountSource::OnRow,
            count_yes_span: Some(*span),
            pct_yes: *pct,
            count_no: None,
            pct_no: None,
            span: *span,
            marker_lost: None,
        });
    }
    for o in (vocabulary.options().iter()).filter(|o| !seen.contains(&o.label)) {
        let line = figures.get(*next).map_or(page.first_line(), |f| f.1.line);
        errors.push(ParseError::new(
            page.span(line),
            format!(
                "the option row «{} count %» of {}{}",
                o.label,
                spec.item.katakana(),
                marker(spec.no)
            ),
            "no such row",
        ));
    }

    rows
}

/// Every line that looks like a figure row and is not one: an error each.
fn unread_figure_rows(page: &Page<'_>, errors: &mut Vec<ParseError>) {
    for l in page
        .lines
        .iter()
        .filter(|l| looks_like_figure_row(l.text) && figure_line(l.text).is_none())
    {
        errors.push(ParseError::new(
            page.span(l.no),
            "a figure row «marker % count %» such as «② 96.2% 2 3.8%»",
            l.text,
        ));
    }
}

/// The page's figure rows in order, each with its span. A marker alone on
/// its line followed by a row of figures without one is one row, at the
/// figures' line: pypdf breaks the line where the font changes (「⓪」 set in
/// another font than its figures).
fn figure_lines<'a>(page: &Page<'a>) -> Vec<(FigureLine<'a>, Span)> {
    let lines: Vec<&Line<'a>> = page.lines.iter().filter(|l| !l.text.is_empty()).collect();
    let mut out = Vec::new();
    let mut k = 0;
    while let Some(line) = lines.get(k) {
        k += 1;
        let alone = all_consuming(question_marker).parse(line.text).ok();
        let next = lines.get(k).and_then(|n| figure_line(n.text));
        match (alone, next) {
            (
                Some((_, m)),
                Some(FigureLine::Question {
                    marker: None,
                    substitute: None,
                    pct_yes,
                    count_no,
                    pct_no,
                }),
            ) => {
                let figures = lines.get(k).map_or(line.no, |l| l.no);
                k += 1;
                let row = FigureLine::Question {
                    marker: Some(m),
                    substitute: None,
                    pct_yes,
                    count_no,
                    pct_no,
                };
                out.push((row, page.span(figures)));
            }
            _ => out.extend(figure_line(line.text).map(|f| (f, page.span(line.no)))),
        }
    }
    out
}

fn figure_line(text: &str) -> Option<FigureLine<'_>> {
    if let Ok((_, (marker, (pct_yes, count_no, pct_no)))) = question_row(text.trim()) {
        return Some(FigureLine::Question {
            marker,
            substitute: None,
            pct_yes,
            count_no,
            pct_no,
        });
    }
    // A substitute for a marker the text's encoding could not hold, then
    // the figures of a question's row: 「? 100.0% 0 0.0%」.
    if let Some((token, rest)) = text.trim().split_once(' ') {
        if let (true, Ok((_, (None, (pct_yes, count_no, pct_no))))) = (
            MARKER_SUBSTITUTES.contains(&token),
            question_row(rest.trim()),
        ) {
            return Some(FigureLine::Question {
                marker: None,
                substitute: Some(token),
                pct_yes,
                count_no,
                pct_no,
            });
        }
    }
    let (_, (text, count, pct)) = option_row(text.trim()).ok()?;
    Some(FigureLine::Option { text, count, pct })
}

/// Whether the substitute `s` may stand for marker `want`: a digit (or a
/// digit in brackets) only for its own number, anything else for any.
fn stands_for(s: &str, want: Option<u8>) -> bool {
    let digit = s.trim_matches(['(', ')']);
    match digit.parse::<u8>() {
        Ok(n) => Some(n) == want,
        Err(_) => true,
    }
}

/// What a text puts where a question's marker (⓪–④) stood when its
/// encoding has no such character (Shift_JIS has no ⓪, EUC-JP no ①–④):
/// a question mark, the digit, a circle, the digit in brackets (as zaitaku's
/// own CP932 CSV writes ⓪), a replacement character; after normalization.
pub const MARKER_SUBSTITUTES: &[&str] = &[
    "?", "？", "0", "1", "2", "3", "4", "○", "◯", "(0)", "(1)", "(2)", "(3)", "(4)", "・",
    "\u{fffd}",
];

/// A marker followed by a number: 「② 67.9% …」, the start of a figure row
/// (a question's text follows its marker with a bracket or a letter).
fn looks_like_figure_row(text: &str) -> bool {
    let t = text.trim();
    question_marker(t)
        .is_ok_and(|(rest, _)| rest.trim_start().starts_with(|c: char| c.is_ascii_digit()))
}

/// Takes the next figure row, which must be `spec`'s row with `want` as marker.
fn take_question_row(
    figures: &[(FigureLine<'_>, Span)],
    end: Span,
    next: &mut usize,
    spec: &QuestionSpec,
    want: Option<u8>,
    errors: &mut Vec<ParseError>,
) -> Option<(i64, u32, i64, Span, Option<String>)> {
    let shown = want.map_or(String::new(), |m| format!("{} ", marker(m)));
    let expected = format!(
        "the figure row «{shown}% count %» of {}{}",
        spec.item.katakana(),
        marker(spec.no)
    );
    match figures.get(*next) {
        Some((
            FigureLine::Question {
                marker: m,
                substitute: None,
                pct_yes,
                count_no,
                pct_no,
            },
            span,
        )) if *m == want => {
            *next += 1;
            Some((*pct_yes, *count_no, *pct_no, *span, None))
        }
        // The row in the marker's place prints none, or a substitute (a
        // digit only its own question's): its question's by its place and
        // figures, and flagged.
        Some((
            FigureLine::Question {
                marker: None,
                substitute,
                pct_yes,
                count_no,
                pct_no,
            },
            span,
        )) if want.is_some() && substitute.is_none_or(|s| stands_for(s, want)) => {
            *next += 1;
            let printed = substitute.unwrap_or_default().to_string();
            Some((*pct_yes, *count_no, *pct_no, *span, Some(printed)))
        }
        Some((other, span)) => {
            let found = match other {
                FigureLine::Question {
                    marker: Some(m), ..
                } => format!("the row of marker {}", self::marker(*m)),
                FigureLine::Question { marker: None, .. } => "a row without marker".to_string(),
                FigureLine::Option { text, .. } => format!("the option row «{text}»"),
            };
            errors.push(ParseError::new(*span, expected, &found));
            None
        }
        None => {
            let at = figures.last().map_or(end, |f| f.1);
            errors.push(ParseError::new(at, expected, "no further figure row"));
            None
        }
    }
}

/// The page's lines that print something, joined.
fn printed(page: &Page<'_>) -> Joined {
    let lines: Vec<Line<'_>> = page
        .lines
        .iter()
        .filter(|l| !l.text.is_empty())
        .copied()
        .collect();
    join_paragraph(&lines)
}

/// Finds a question's text (a layout pattern) once on the page (its lines
/// joined), and the count printed right after it on the line where it ends,
/// or glued before it at the start of the line where it starts.
fn locate(
    page: &Page<'_>,
    joined: &Joined,
    finder: &Matcher,
    errors: &mut Vec<ParseError>,
) -> Option<Located> {
    let pattern = finder.pattern();
    let mut hits = Vec::new();
    let text = &joined.text;
    // The input line of a byte of the joined lines.
    let line_of = |byte: usize| page.span(joined.line_at(byte));
    for m in finder.find_iter(text) {
        let span = line_of(m.start);
        let last_line = joined.line_range(m.end.saturating_sub(1).max(m.start));
        let after = text.get(m.end..last_line.end).unwrap_or_default();
        let first_line = joined.line_range(m.start);
        let count = match trailing_count(after) {
            Ok((_, c)) => Some((c, line_of(m.end + after.len() - after.trim_start().len()))),
            Err(_) => all_consuming(count)
                .parse(
                    text.get(first_line.start..m.start)
                        .unwrap_or_default()
                        .trim(),
                )
                .ok()
                .map(|(_, c)| (c, line_of(first_line.start))),
        };
        hits.push(Located {
            text: text.get(m).unwrap_or_default().to_string(),
            span,
            count,
        });
    }
    if hits.len() == 1 {
        return hits.pop();
    }
    let line = hits.get(1).map_or(page.first_line(), |h| h.span.line);
    errors.push(ParseError::new(
        page.span(line),
        format!("the text /{pattern}/ once on page {}", page.no),
        &format!("{} occurrences", hits.len()),
    ));
    None
}

/// Counts printed on a line of their own: 「33」.
fn stray_counts(page: &Page<'_>) -> Vec<(u32, Span)> {
    page.lines
        .iter()
        .filter_map(|line| {
            let (_, c) = all_consuming(count).parse(line.text).ok()?;
            Some((c, page.span(line.no)))
        })
        .collect()
}

/// `WithText` where a count was found with the question's text, else
/// `Missing` (the resolve stage may place a count printed apart).
fn with_text<T>(count: Option<T>) -> CountSource {
    match count {
        Some(_) => CountSource::WithText,
        None => CountSource::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_line_tells_question_rows_from_option_rows() {
        assert_eq!(
            figure_line("① 84.9% 8 15.1%"),
            Some(FigureLine::Question {
                marker: Some(1),
                substitute: None,
                pct_yes: 849,
                count_no: 8,
                pct_no: 151
            })
        );
        // A marker an encoding lost, replaced: a question row with its substitute.
        for (line, token) in [("? 100.0% 0 0.0%", "?"), ("(0) 100.0% 0 0.0%", "(0)")] {
            assert_eq!(
                figure_line(line),
                Some(FigureLine::Question {
                    marker: None,
                    substitute: Some(token),
                    pct_yes: 1000,
                    count_no: 0,
                    pct_no: 0
                })
            );
        }
        assert_eq!(
            figure_line("区市町村直営 8 15.1%"),
            Some(FigureLine::Option {
                text: "区市町村直営",
                count: 8,
                pct: 151
            })
        );
        assert_eq!(figure_line("（イ）在宅医療・介護連携の課"), None);
    }

    #[test]
    fn a_digit_stands_for_its_own_marker_only() {
        assert!(stands_for("0", Some(0)) && stands_for("(0)", Some(0)));
        assert!(!stands_for("2", Some(3)) && !stands_for("(1)", Some(0)));
        assert!(stands_for("?", Some(3)) && stands_for("○", Some(0)));
    }

    #[test]
    fn a_marker_alone_on_its_line_goes_with_the_figures_after_it() {
        // pypdf's text where 「⓪」 is set in another font than its figures.
        let page = &crate::canon::test_pages("⓪\n 100.0% 0 0.0%\n②\n在宅医療や介護を\n")[0];
        let rows = figure_lines(page);
        assert_eq!(rows.len(), 1);
        assert!(matches!(
            rows[0].0,
            FigureLine::Question {
                marker: Some(0),
                substitute: None,
                pct_yes: 1000,
                count_no: 0,
                pct_no: 0
            }
        ));
        // At the figures' line, where the values are printed.
        assert_eq!(rows[0].1.line, 2);
    }

    #[test]
    fn count_glued_before_the_text_is_found() {
        let page = &crate::canon::test_pages(
            "53東京都が実施する「東京都地域医療構想調整会議在宅療養ワーキング」等への参加\n",
        )[0];
        let mut errors = vec![];
        let m = Matchers::default();
        let got = locate(
            page,
            &printed(page),
            m.questions()[18].text.as_ref().unwrap(),
            &mut errors,
        )
        .unwrap();
        assert_eq!(got.count.map(|c| c.0), Some(53));
    }

    #[test]
    fn count_after_a_wrapped_text_is_found() {
        let page = &crate::canon::test_pages("（⓪以外の取組について）複数の関係区市町村が連携して、広域連携が必要な事項について協議してい\nますか。 19\n")[0];
        let mut errors = vec![];
        let m = Matchers::default();
        let got = locate(
            page,
            &printed(page),
            m.questions()[19].text.as_ref().unwrap(),
            &mut errors,
        )
        .unwrap();
        assert_eq!((got.count.map(|c| c.0), got.span.line), (Some(19), 1));
    }
}
