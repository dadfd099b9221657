//! Which rows may explain a failed count of pages 3–4: the rows breaking a
//! rule the report implies (a question answered against its condition, a
//! lead ◎ whose every follow-up is 「-」, a mark alone of its kind in a
//! failing column). A failure lists them as suspects, or says the text
//! cannot tell which row differs; it never picks one.

use crate::report::Suspect;
use zaitaku_parse::layout::{marker, AnswerColumn, Item, Mark, OPTION_SEPARATOR, QUESTIONS};
use zaitaku_parse::model::{AnswerPage, AnswerRow, AnswerValue, Report};

/// A row answering a question whose condition it does not meet: 「ウ③ chosen
/// although ウ② is △」. Such a row is where a flipped mark would show.
pub(crate) struct Contradiction<'a> {
    /// The row.
    pub(crate) row: &'a AnswerRow,
    /// The question answered.
    pub(crate) column: &'a AnswerColumn,
    /// The questions of its condition, for people: `ウ②`.
    pub(crate) condition: String,
    /// The questions involved (item, number), the answered one first.
    pub(crate) involves: Vec<(Item, u8)>,
    /// What the row says: 「ウ③ answered (在宅療養中の…) while ウ② is △」.
    pub(crate) what: String,
}

/// Every row of `page` that answers a question whose condition
/// ([`QuestionSpec::requires`](zaitaku_parse::layout::QuestionSpec)) it does not meet.
pub(crate) fn contradictions(page: &AnswerPage) -> Vec<Contradiction<'_>> {
    let mut out = Vec::new();
    for row in &page.rows {
        for cell in &row.cells {
            let col = cell.column;
            let requires = QUESTIONS
                .iter()
                .find(|q| q.item == col.item && q.no == col.question)
                .map_or(&[][..], |q| q.requires);
            let answered = match &cell.value {
                AnswerValue::Mark { status, .. } => status.implemented_or_planned(),
                AnswerValue::Options(choices) => !choices.is_empty(),
            };
            if requires.is_empty() || !answered {
                continue;
            }
            let parents: Vec<_> = row
                .cells
                .iter()
                .filter(|c| c.column.item == col.item && requires.contains(&c.column.question))
                .collect();
            if parents.is_empty()
                || parents
                    .iter()
                    .any(|c| implemented_or_planned(Some(&c.value)))
            {
                continue;
            }
            let label = |c: &AnswerColumn| format!("{}{}", c.item.katakana(), marker(c.question));
            out.push(Contradiction {
                row,
                column: col,
                condition: parents
                    .iter()
                    .map(|c| label(c.column))
                    .collect::<Vec<_>>()
                    .join(", "),
                involves: std::iter::once((col.item, col.question))
                    .chain(requires.iter().map(|&q| (col.item, q)))
                    .collect(),
                what: format!(
                    "{} answered 「{}」 while {}",
                    label(col),
                    cell.printed,
                    parents
                        .iter()
                        .map(|c| format!("{} is 「{}」", label(c.column), c.printed))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    }
    out
}

/// The rows that may explain a question's count differing from page 2, by
/// the rules the report itself implies; never a row picked by its order:
///
/// - a row answering the question, or a follow-up of it, although the
///   question's condition is not met (`odd`: 「ウ③ answered while ウ② is △」);
/// - where too many rows are counted, a lead question marked ◎ or ○ while
///   every follow-up is 「-」 (not applicable), as if it had not been implemented;
/// - on the side with too many rows (`excess_yes`: ◎ or ○; else the other
///   marks), a mark that is the only one of its kind in the column (or one of
///   as few as the difference): flipping it would make the column agree.
pub(crate) fn mark_suspects(
    page: &AnswerPage,
    col: &AnswerColumn,
    odd: &[Contradiction<'_>],
    excess_yes: bool,
    difference: usize,
) -> Vec<Suspect> {
    let at = |row: &AnswerRow, c: &AnswerColumn| {
        let column = row
            .cells
            .iter()
            .find(|x| *x.column == *c)
            .map_or(1, |x| x.at_column);
        row.span.at_column(column)
    };
    let label = |c: &AnswerColumn| format!("{}{}", c.item.katakana(), marker(c.question));
    let mut out: Vec<Suspect> = odd
        .iter()
        .filter(|c| c.involves.contains(&(col.item, col.question)))
        .map(|c| Suspect {
            span: at(c.row, col),
            why: format!("{}: {}, against its condition", c.row.name, c.what),
        })
        .collect();
    let follow_ups: Vec<&AnswerColumn> = page
        .rows
        .first()
        .map_or(&[][..], |r| &r.cells[..])
        .iter()
        .map(|c| c.column)
        .filter(|c| {
            c.item == col.item
                && QUESTIONS.iter().any(|q| {
                    q.item == c.item && q.no == c.question && q.requires.contains(&col.question)
                })
        })
        .collect();
    for row in &page.rows {
        let value = cell(row, col);
        let all_dash = |c: &&AnswerColumn| match cell(row, c) {
            Some(AnswerValue::Mark { status, .. }) => *status == Mark::NotApplicable,
            Some(AnswerValue::Options(choices)) => choices.is_empty(),
            None => false,
        };
        // A lead wrongly marked ◎/○ shows where too many rows are counted.
        if excess_yes
            && implemented_or_planned(value)
            && !follow_ups.is_empty()
            && follow_ups.iter().all(all_dash)
        {
            out.push(Suspect {
                span: at(row, col),
                why: format!(
                    "{}: {} 「{}」 while every follow-up ({}) is 「-」",
                    row.name,
                    label(col),
                    printed(value),
                    follow_ups
                        .iter()
                        .map(|c| label(c))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
    }
    let side: Vec<&AnswerRow> = page
        .rows
        .iter()
        .filter(|r| implemented_or_planned(cell(r, col)) == excess_yes)
        .collect();
    for row in &side {
        let mark = printed(cell(row, col));
        let alike = side
            .iter()
            .filter(|r| printed(cell(r, col)) == mark)
            .count();
        if alike <= difference && !out.iter().any(|s| s.span.line == row.span.line) {
            out.push(Suspect {
                span: at(row, col),
                why: format!(
                    "{}: {} 「{mark}」, {} in the column",
                    row.name,
                    label(col),
                    if alike == 1 {
                        format!("the only 「{mark}」")
                    } else {
                        format!("one of {alike} 「{mark}」")
                    }
                ),
            });
        }
    }
    out.sort_by_key(|s| s.span);
    out
}

/// A cell as printed, for messages.
fn printed(value: Option<&AnswerValue>) -> String {
    match value {
        Some(AnswerValue::Mark { printed, .. }) => printed.to_string(),
        Some(AnswerValue::Options(choices)) => choices
            .iter()
            .map(|c| c.raw_text.as_str())
            .collect::<Vec<_>>()
            .join(&OPTION_SEPARATOR.to_string()),
        None => String::new(),
    }
}

/// What a failed count adds to its found figure: the suspects, or that the
/// text cannot tell where the difference is.
pub(crate) fn blame(suspects: &[Suspect]) -> String {
    if suspects.is_empty() {
        "; no row breaks a rule the report implies, so the text cannot tell which row differs"
            .into()
    } else {
        format!(
            "; rows that may explain it (the text cannot tell which): {}",
            suspects
                .iter()
                .map(|s| format!("{} ({})", s.why, s.span))
                .collect::<Vec<_>>()
                .join("; ")
        )
    }
}

/// Suspects of a 「いずれかを実施」 count: a cell of one of its questions that
/// breaks a rule (see [`mark_suspects`]) in a row whose being counted hangs
/// on that cell: its only ◎/○ among the questions when too many rows count,
/// any cell of a row with none when too few.
pub(crate) fn any_of_suspects(
    report: &Report,
    in_row: &dyn Fn(Item, u8) -> bool,
    excess_yes: bool,
    difference: usize,
) -> Vec<Suspect> {
    let mut out: Vec<Suspect> = Vec::new();
    for page in &report.answers {
        let odd = contradictions(page);
        let columns: Vec<&AnswerColumn> = page
            .rows
            .first()
            .map_or(&[][..], |r| &r.cells[..])
            .iter()
            .map(|c| c.column)
            .filter(|c| c.options.is_none() && in_row(c.item, c.question))
            .collect();
        for col in &columns {
            for suspect in mark_suspects(page, col, &odd, excess_yes, difference) {
                let Some(row) = page.rows.iter().find(|r| r.span.line == suspect.span.line) else {
                    continue;
                };
                let yes = columns
                    .iter()
                    .filter(|c| implemented_or_planned(cell(row, c)))
                    .count();
                let hangs = if excess_yes { yes == 1 } else { yes == 0 };
                let known = out
                    .iter()
                    .any(|s| s.span.line == suspect.span.line && s.why == suspect.why);
                if hangs && !known {
                    out.push(suspect);
                }
            }
        }
    }
    out.sort_by_key(|s| s.span);
    out
}

/// The cell of `col` in `row`.
pub(crate) fn cell<'a>(row: &'a AnswerRow, col: &AnswerColumn) -> Option<&'a AnswerValue> {
    row.cells
        .iter()
        .find(|c| *c.column == *col)
        .map(|c| &c.value)
}

pub(crate) fn implemented_or_planned(value: Option<&AnswerValue>) -> bool {
    matches!(value, Some(AnswerValue::Mark { status, .. }) if status.implemented_or_planned())
}
