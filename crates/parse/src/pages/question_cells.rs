//! Page 2 read from its cells ([`crate::cells`]): a row per question, its
//! item from the merged item cell, its marker, text and figures (実施・予定
//! count and share, 未実施等 count and share); a multi-choice question's
//! options in the rows under it (each matched against the question's
//! vocabulary, its count and share); キ②'s sub-questions in rows of their
//! own. Every count is in its question's row: no count is printed apart,
//! as a text's reading order prints some. Builds do not use it yet
//! (ARCHITECTURE.md, «Reading the grid»).

use crate::cells::CellPage;
use crate::layout::{vocabulary_of, Item, SubQuestion, MARKERS};
use crate::matchers::Matchers;
use crate::pages::combinators::percent;
use crate::vocab::match_option;

/// The head over the 「実施・予定」 columns, 「実施・29年度中に実施予定」 (the
/// year is the edition's): it starts and ends so. Its count and share are
/// the first two columns under it; 「未実施等」's the two after.
const YES_HEAD: (&str, &str) = ("実施・", "年度中に実施予定");

/// A page-2 row read from its cells: a question, an option or a sub-question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionCellRow {
    /// Its row in the table.
    pub row: usize,
    /// The item and the question, ⓪ → 0 … ④ → 4.
    pub item: Item,
    /// See `item`.
    pub question: u8,
    /// キ②'s sub-question.
    pub sub: Option<SubQuestion>,
    /// The option's canonical label, and its text as printed.
    pub option: Option<&'static str>,
    /// See `option`.
    pub option_text: Option<String>,
    /// The question's text as printed.
    pub question_text: String,
    /// The figures (shares in tenths; the 未実施等 ones null for an option).
    pub count_yes: u32,
    /// See `count_yes`.
    pub pct_yes: i64,
    /// See `count_yes`.
    pub count_no: Option<u32>,
    /// See `count_yes`.
    pub pct_no: Option<i64>,
}

/// The rows of page 2's table, or `None` where it prints no 「実施・…年度中に実施予定」 head.
pub fn read(m: &Matchers, page: &CellPage) -> Option<Vec<QuestionCellRow>> {
    let yes = page
        .cells
        .iter()
        .find(|c| c.prints_between(YES_HEAD.0, YES_HEAD.1))?
        .col;
    let text = |row: usize, col: usize| {
        (page.covering(row, col))
            .map(|c| c.text().trim().to_string())
            .unwrap_or_default()
    };
    let count = |row: usize, col: usize| text(row, col).parse::<u32>().ok();
    let share = |row: usize, col: usize| {
        let t = text(row, col);
        percent(&t)
            .ok()
            .filter(|(rest, _)| rest.is_empty())
            .map(|(_, v)| v)
    };
    let mut out: Vec<QuestionCellRow> = Vec::new();
    // The question the rows under a multi-choice question or キ② belong to.
    let mut current: Option<(Item, u8, String)> = None;
    for row in 0..page.rows() {
        let label = text(row, 0);
        let Some(item) = Item::ALL
            .into_iter()
            .find(|i| label.starts_with(&format!("（{}）", i.katakana())))
        else {
            continue;
        };
        let marker = text(row, 1);
        let body = text(row, 2);
        let question = MARKERS.iter().position(|c| marker.starts_with(*c));
        let (count_yes, pct_yes) = (count(row, yes), share(row, yes + 1));
        match (question, count_yes, pct_yes) {
            // A question's own row with its figures.
            (Some(q), Some(count_yes), Some(pct_yes)) => {
                let q = u8::try_from(q).ok()?;
                current = Some((item, q, body.clone()));
                out.push(QuestionCellRow {
                    row,
                    item,
                    question: q,
                    sub: None,
                    option: None,
                    option_text: None,
                    question_text: body,
                    count_yes,
                    pct_yes,
                    count_no: count(row, yes + 2),
                    pct_no: share(row, yes + 3),
                });
            }
            // A question whose figures are in the rows under it.
            (Some(q), None, None) => current = Some((item, u8::try_from(q).ok()?, body)),
            // An option or a sub-question of the current question.
            (None, Some(count_yes), Some(pct_yes)) => {
                let (item, q, question_text) = current.clone()?;
                let sub = [SubQuestion::Pamphlet, SubQuestion::Website]
                    .into_iter()
                    .find(|s| body == s.page2_label());
                let option = vocabulary_of(item, q)
                    .and_then(|v| match_option(m, v, &body))
                    .map(|(o, _)| o.label);
                out.push(QuestionCellRow {
                    row,
                    item,
                    question: q,
                    sub,
                    option,
                    option_text: sub.is_none().then(|| body.clone()),
                    question_text,
                    count_yes,
                    pct_yes,
                    count_no: count(row, yes + 2),
                    pct_no: share(row, yes + 3),
                });
            }
            _ => {}
        }
    }
    Some(out)
}
