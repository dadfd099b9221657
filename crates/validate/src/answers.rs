//! Checks of pages 3–4 (区市町村別) against the published figures: the rows
//! are the surveyed municipalities, each question's marks add up to page 2's
//! count, each option's choices to page 2's option count, and the page-1
//! 「いずれかを実施」 rows to the municipalities with any of their questions.

use crate::pages::{option_name, program_row_name, question_name};
use crate::report::Subject;
use crate::report::{Compare, Family, PrintedAt, ValidationReport};
use crate::suspects::{
    any_of_suspects, blame, cell, contradictions, implemented_or_planned, mark_suspects,
    Contradiction,
};
use zaitaku_parse::layout::{marker, options_of, AnswerColumn, Item};
use zaitaku_parse::model::{AnswerPage, AnswerValue, Date, QuestionRow, Report};
use zaitaku_parse::reference::{municipalities, Area};

/// Every check of pages 3–4, and their ambiguities.
pub fn municipality_answers(report: &Report, out: &mut ValidationReport) {
    let ed = report.edition.as_of;
    for page in &report.answers {
        rows_are_the_survey(report, page, ed, out);
        legend_changes(page, ed, out);
        for row in &page.rows {
            for c in row.cells.iter().filter(|c| c.pinned.is_some()) {
                let (show, id) = question_name(
                    Family::MunicipalityAnswers,
                    c.column.item,
                    c.column.question,
                    c.column.sub,
                );
                let AnswerValue::Mark { status, .. } = c.value else {
                    continue;
                };
                out.ambiguity(
                    id.id("override"),
                    ed,
                    format!("{show} of {} (no. {})", row.name, row.no),
                    format!(
                        "override: {} pinned by {} (the page prints 「{}」); checked with the others against page 2",
                        status.usual(),
                        c.pinned.as_deref().unwrap_or_default(),
                        c.printed
                    ),
                    Some(row.span),
                );
            }
        }
        let odd = contradictions(page);
        for c in &odd {
            let (show, id) = question_name(
                Family::MunicipalityAnswers,
                c.column.item,
                c.column.question,
                c.column.sub,
            );
            out.ambiguity(
                id.id("condition"),
                ed,
                format!("{show} of {} (no. {})", c.row.name, c.row.no),
                format!(
                    "{}; the question applies only where one of {} is {} (its text says so); both kept as printed",
                    c.what,
                    c.condition,
                    or_list(&page.legend.implemented_or_planned_marks())
                ),
                Some(c.row.span),
            );
        }
        for col in page.rows.first().map_or(&[][..], |r| &r.cells[..]) {
            let col = col.column;
            match col.options {
                None => marks_against_page_two(report, page, col, &odd, ed, out),
                Some(_) => options_against_page_two(report, page, col, ed, out),
            }
        }
    }
    any_of_rows(report, ed, out);
}

/// `mun.a-e`: the id of a page by its items.
fn page_id(page: &AnswerPage) -> Subject {
    Subject::new(
        Family::MunicipalityAnswers,
        format!("{}-{}", page.items.0.id(), page.items.1.id()),
    )
}

/// The page's rows are the survey's municipalities (the reference list, less
/// the islands where the page says so), in the list's order, each once,
/// numbered 1, 2, … in order, as many as page 2's n.
fn rows_are_the_survey(report: &Report, page: &AnswerPage, ed: Date, out: &mut ValidationReport) {
    let id = page_id(page);
    let reference = municipalities();
    let expected: Vec<&str> = reference
        .iter()
        .filter(|m| page.islands_excluded.is_none() || m.area != Area::Islands)
        .map(|m| m.name.as_str())
        .collect();
    let found: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
    let rule = format!(
        "the {} municipalities of the reference list{}, in its order, each once",
        expected.len(),
        if page.islands_excluded.is_some() {
            " without the islands"
        } else {
            ""
        }
    );
    out.check(
        Compare {
            id: id.id("rows"),
            edition: ed,
            subject: format!("rows of page {}", page.page),
            printed_at: (page.islands_excluded)
                .map(|s| PrintedAt::at(s).after_words("islands excluded at ")),
            spans: page.rows.iter().map(|r| r.span).collect(),
        },
        rule.clone(),
        difference(&expected, &found).unwrap_or(rule),
    );
    let misnumbered = page
        .rows
        .iter()
        .enumerate()
        .find(|(k, r)| r.no as usize != k + 1)
        .map(|(k, r)| {
            format!(
                "row {} ({}, {}) is numbered {}",
                k + 1,
                r.name,
                r.span,
                r.no
            )
        });
    let in_order = format!("1–{} in order", page.rows.len());
    out.check(
        Compare {
            id: id.id("numbers"),
            edition: ed,
            subject: format!("numbers of the rows of page {}", page.page),
            printed_at: None,
            spans: page.rows.iter().map(|r| r.span).collect(),
        },
        in_order.clone(),
        misnumbered.unwrap_or(in_order),
    );
    out.check(
        Compare {
            id: id.id("n"),
            edition: ed,
            subject: format!("rows of page {} = n of page 2", page.page),
            printed_at: Some(PrintedAt::at(report.questions.n_span)),
            spans: vec![report.questions.n_span],
        },
        report.questions.n as usize,
        page.rows.len(),
    );
}

/// What differs between the expected and the found names, or `None`.
fn difference(expected: &[&str], found: &[&str]) -> Option<String> {
    if expected == found {
        return None;
    }
    let mut parts = Vec::new();
    let missing: Vec<&str> = expected
        .iter()
        .filter(|e| !found.contains(e))
        .copied()
        .collect();
    if !missing.is_empty() {
        parts.push(format!("missing {}", missing.join(", ")));
    }
    let extra: Vec<&str> = found
        .iter()
        .filter(|f| !expected.contains(f))
        .copied()
        .collect();
    if !extra.is_empty() {
        parts.push(format!("not expected {}", extra.join(", ")));
    }
    let mut twice: Vec<&str> = found
        .iter()
        .enumerate()
        .filter(|(k, f)| found.iter().take(*k).any(|g| g == *f))
        .map(|(_, f)| *f)
        .collect();
    twice.dedup();
    if !twice.is_empty() {
        parts.push(format!("more than once {}", twice.join(", ")));
    }
    if parts.is_empty() {
        if let Some((e, f)) = expected.iter().zip(found).find(|(e, f)| e != f) {
            parts.push(format!("out of order: {f} where {e} is expected"));
        }
    }
    Some(parts.join("; "))
}

/// A legend that prints another mark than the usual one for a status is
/// followed, and the report says so.
fn legend_changes(page: &AnswerPage, ed: Date, out: &mut ValidationReport) {
    for e in &page.legend.entries {
        if e.printed != e.status.usual() {
            out.ambiguity(
                page_id(page).sub("legend").id(e.status.id()),
                ed,
                format!("mark legend of page {}", page.page),
                format!(
                    "prints 「{}」 for 「{}」 where the usual legend prints 「{}」; the page's marks are read by its own legend ({} = {})",
                    e.printed,
                    e.label,
                    e.status.usual(),
                    e.printed,
                    e.status.id()
                ),
                Some(page.legend.span),
            );
        }
    }
}

/// The page-2 row of a question (not of an option).
fn page_two_row<'a>(report: &'a Report, col: &AnswerColumn) -> Option<&'a QuestionRow> {
    report.questions.rows.iter().find(|r| {
        r.item == col.item && r.question == col.question && r.sub == col.sub && r.option.is_none()
    })
}

/// ◎ + ○ (by the page's legend) of a question = page 2's 「実施・予定」 count;
/// the other marks = its 「未実施等」 count.
fn marks_against_page_two(
    report: &Report,
    page: &AnswerPage,
    col: &AnswerColumn,
    odd: &[Contradiction<'_>],
    ed: Date,
    out: &mut ValidationReport,
) {
    let (show, id) = question_name(Family::MunicipalityAnswers, col.item, col.question, col.sub);
    let yes = page
        .rows
        .iter()
        .filter(|r| implemented_or_planned(cell(r, col)))
        .count();
    let no = page.rows.len() - yes;
    let twin = page_two_row(report, col);
    let yes_marks = or_list(&page.legend.implemented_or_planned_marks());
    // Rows that may explain a difference: on the side with too many rows.
    let published_count = twin.and_then(|t| t.count_yes).map(|c| c as usize);
    let suspects = match published_count {
        Some(p) if p != yes => mark_suspects(page, col, odd, yes > p, yes.abs_diff(p)),
        _ => Vec::new(),
    };
    let hint = blame(&suspects);
    // The found figure, with the rows that may explain a difference.
    let found = |published: &str, count: usize| {
        if published == count.to_string() {
            count.to_string()
        } else {
            format!("{count}{hint}")
        }
    };
    let published =
        |count: Option<u32>| count.map_or("not printed on page 2".to_string(), |c| c.to_string());
    let published_yes = published(twin.and_then(|t| t.count_yes));
    out.check_with_suspects(
        Compare {
            id: id.id("yes"),
            edition: ed,
            subject: format!(
                "{show}: rows marked {yes_marks} on page {} = 実施・予定 on page 2",
                page.page
            ),
            printed_at: twin.map(|t| PrintedAt::at(t.count_yes_span.unwrap_or(t.span))),
            spans: twin
                .map(|t| t.count_yes_span.unwrap_or(t.span))
                .into_iter()
                .collect(),
        },
        published_yes.clone(),
        found(&published_yes, yes),
        suspects.clone(),
    );
    let published_no = published(twin.and_then(|t| t.count_no));
    out.check_with_suspects(
        Compare {
            id: id.id("no"),
            edition: ed,
            subject: format!(
                "{show}: rows with any other mark on page {} = 未実施等 on page 2",
                page.page
            ),
            printed_at: twin.map(|t| PrintedAt::at(t.span)),
            spans: twin.map(|t| t.span).into_iter().collect(),
        },
        published_no.clone(),
        found(&published_no, no),
        suspects,
    );
}

/// Each option of a multi-choice question: the rows that chose it = page 2's
/// count. Text that matches no option is listed as an ambiguity, and named in
/// a failing count check of the same question.
fn options_against_page_two(
    report: &Report,
    page: &AnswerPage,
    col: &AnswerColumn,
    ed: Date,
    out: &mut ValidationReport,
) {
    let (show, q_id) = question_name(Family::MunicipalityAnswers, col.item, col.question, col.sub);
    let mut unmatched: Vec<String> = Vec::new();
    for row in &page.rows {
        let Some(c) = row.cells.iter().find(|c| *c.column == *col) else {
            continue;
        };
        let AnswerValue::Options(choices) = &c.value else {
            continue;
        };
        for choice in choices.iter().filter(|c| c.option.is_none()) {
            unmatched.push(format!(
                "{} 「{}」 ({})",
                row.name, choice.raw_text, row.span
            ));
            out.ambiguity(
                q_id.id("unmatched"),
                ed,
                format!("{show} of {} (no. {})", row.name, row.no),
                format!(
                    "「{}」 matches no option of {show}'s vocabulary; kept as raw_text with a null option",
                    choice.raw_text
                ),
                Some(row.span.at_column(c.at_column)),
            );
        }
    }
    for option in options_of(col.item, col.question) {
        let (show, id) = option_name(
            Family::MunicipalityAnswers,
            col.item,
            col.question,
            option.label,
        );
        let chosen = page
            .rows
            .iter()
            .filter(|r| {
                matches!(cell(r, col), Some(AnswerValue::Options(cs))
                    if cs.iter().any(|c| c.option == Some(option.label)))
            })
            .count();
        let twin = report.questions.rows.iter().find(|r| {
            r.item == col.item && r.question == col.question && r.option == Some(option.label)
        });
        let expected = twin
            .and_then(|t| t.count_yes)
            .map_or("not printed on page 2".to_string(), |c| c.to_string());
        let mut found = chosen.to_string();
        if found != expected && !unmatched.is_empty() {
            found += &format!(
                "; text that matches no option of {}{}: {}",
                col.item.katakana(),
                marker(col.question),
                unmatched.join(", ")
            );
        }
        out.check(
            Compare {
                id: id.id("chosen"),
                edition: ed,
                subject: format!(
                    "{show}: rows choosing it on page {} = its count on page 2",
                    page.page
                ),
                printed_at: twin.map(|t| PrintedAt::at(t.span)),
                spans: twin.map(|t| t.span).into_iter().collect(),
            },
            expected,
            found,
        );
    }
}

/// Marks for a message: 「◎ or ○」.
fn or_list(marks: &[char]) -> String {
    marks
        .iter()
        .map(char::to_string)
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Page 1's 「下記のいずれかを実施」 rows (カ, キ): municipalities with a mark
/// counted as 「実施・予定」 (◎ or ○ under the usual legend) in any of the
/// row's questions on pages 3–4.
fn any_of_rows(report: &Report, ed: Date, out: &mut ValidationReport) {
    for r in report.program.rows.iter().filter(|r| !r.any_of.is_empty()) {
        let (show, id) = program_row_name(Family::MunicipalityAnswers, r);
        let in_row = |item: Item, question: u8| item == r.item && r.any_of.contains(&question);
        let mut names: Vec<&str> = Vec::new();
        let mut pages: Vec<u32> = Vec::new();
        let mut yes_marks: Vec<char> = Vec::new();
        for page in &report.answers {
            for row in &page.rows {
                let any = row.cells.iter().any(|c| {
                    in_row(c.column.item, c.column.question)
                        && implemented_or_planned(Some(&c.value))
                });
                if row
                    .cells
                    .iter()
                    .any(|c| in_row(c.column.item, c.column.question))
                {
                    pages.push(page.page);
                    for m in page.legend.implemented_or_planned_marks() {
                        if !yes_marks.contains(&m) {
                            yes_marks.push(m);
                        }
                    }
                }
                if any && !names.contains(&row.name.as_str()) {
                    names.push(&row.name);
                }
            }
        }
        pages.dedup();
        let questions: String = r.any_of.iter().map(|&q| marker(q)).collect();
        let published = r.count_current as usize;
        let suspects = if names.len() == published {
            Vec::new()
        } else {
            any_of_suspects(
                report,
                &in_row,
                names.len() > published,
                names.len().abs_diff(published),
            )
        };
        let found = if names.len() == published {
            names.len().to_string()
        } else {
            format!("{}{}", names.len(), blame(&suspects))
        };
        out.check_with_suspects(
            Compare {
                id: id.id("count"),
                edition: ed,
                subject: format!(
                    "{show}: municipalities with {} in any of {}{questions} on page {} = FY{} count on page 1",
                    or_list(&yes_marks),
                    r.item.katakana(),
                    pages
                        .iter()
                        .map(|p| p.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    report.program.fy_current
                ),
                printed_at: Some(PrintedAt::at(r.span)),
                spans: vec![r.span],
            },
            published.to_string(),
            found,
            suspects,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_municipality_is_named() {
        assert_eq!(
            difference(&["千代田区", "中央区", "港区"], &["千代田区", "港区"]).as_deref(),
            Some("missing 中央区")
        );
    }

    #[test]
    fn a_swapped_pair_is_out_of_order() {
        assert_eq!(
            difference(
                &["千代田区", "中央区", "港区"],
                &["千代田区", "港区", "中央区"]
            )
            .as_deref(),
            Some("out of order: 港区 where 中央区 is expected")
        );
    }

    #[test]
    fn a_repeated_row_is_named() {
        assert_eq!(
            difference(&["千代田区", "中央区"], &["千代田区", "中央区", "中央区"]).as_deref(),
            Some("more than once 中央区")
        );
    }
}
