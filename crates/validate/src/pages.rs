//! Checks within one page: every printed percentage against its count and n,
//! every change against the two counts, 「実施・予定」 + 「未実施等」 = n.

use crate::arithmetic::{percent_tenths, show_tenths};
use crate::report::{Compare, Family, Id, PrintedAt, Subject, ValidationReport};
use zaitaku_parse::layout::{marker, option_index, Item, SubQuestion};
use zaitaku_parse::model::{
    CountSource, Date, ProgramRow, QuestionRow, QuestionSummary, Report, Span,
};

/// A page-1 row's name for people and its id in a check family: `カ②`,
/// `p1.ka.q2`; `カ(いずれか)`, `p1.ka.any` (family `p1`).
pub fn program_row_name(family: Family, r: &ProgramRow) -> (String, Subject) {
    let (q_id, q_show) = match (r.question, r.sub) {
        (Some(q), Some(s)) => (
            format!("q{q}.{}", s.id()),
            format!("{}{}", marker(q), s.label()),
        ),
        (Some(q), None) => (format!("q{q}"), marker(q).to_string()),
        (None, _) => ("any".to_string(), "（いずれかを実施）".to_string()),
    };
    (
        format!("{}{q_show}", r.item.katakana()),
        Subject::new(family, format!("{}.{q_id}", r.item.id())),
    )
}

/// A question's name for people and its id in a check family:
/// `キ②パンフレット等`, `p2.ki.q2.pamphlet` (family `p2`).
pub fn question_name(
    family: Family,
    item: Item,
    question: u8,
    sub: Option<SubQuestion>,
) -> (String, Subject) {
    let mut show = format!("{}{}", item.katakana(), marker(question));
    let mut id = Subject::new(family, format!("{}.q{question}", item.id()));
    if let Some(s) = sub {
        show += s.label();
        id = id.sub(s.id());
    }
    (show, id)
}

/// An option's name for people and its id in a check family: `ウ③ 「その他」`,
/// `p2.u.q3.opt3` (options numbered by their place in the question's
/// vocabulary, from 1).
pub fn option_name(family: Family, item: Item, question: u8, option: &str) -> (String, Subject) {
    let (show, id) = question_name(family, item, question, None);
    let k = option_index(item, question, option).map_or(0, |k| k + 1);
    (format!("{show} 「{option}」"), id.sub(format!("opt{k}")))
}

/// A page-2 row's name for people and its id: `ウ③ 「その他」`, `p2.u.q3.opt3`.
pub fn question_row_name(r: &QuestionRow) -> (String, Subject) {
    match r.option {
        Some(o) => option_name(Family::QuestionSummary, r.item, r.question, o),
        None => question_name(Family::QuestionSummary, r.item, r.question, r.sub),
    }
}

fn at(span: Span) -> Option<PrintedAt> {
    Some(PrintedAt::at(span))
}

/// Page 1: both shares and the change of every row.
pub fn program_summary(report: &Report, out: &mut ValidationReport) {
    let ed = report.edition.as_of;
    let p = &report.program;
    let n = p.n as i64;
    for r in &p.rows {
        let (show, id) = program_row_name(Family::ProgramSummary, r);
        let cmp = |field: &'static str, what: &str| Compare {
            id: id.id(field),
            edition: ed,
            subject: format!("{show} {what} (n={n})"),
            printed_at: at(r.span),
            spans: vec![r.span],
        };
        let (cur, prev) = (r.count_current as i64, r.count_previous as i64);
        out.check(
            cmp("pct_current", &format!("FY{} share of {cur}", p.fy_current)),
            show_tenths(r.pct_current),
            show_tenths(percent_tenths(cur, n)),
        );
        out.check(
            cmp(
                "pct_previous",
                &format!("FY{} share of {prev}", p.fy_previous),
            ),
            show_tenths(r.pct_previous),
            show_tenths(percent_tenths(prev, n)),
        );
        out.check(
            cmp("change", &format!("change ({cur} − {prev})")),
            show_tenths(r.change),
            show_tenths(percent_tenths(cur - prev, n)),
        );
    }
}

/// Page 2: shares of every question, sub-question and option; yes + no = n;
/// every count printed apart from any text placed; and the ambiguities.
pub fn question_summary(report: &Report, out: &mut ValidationReport) {
    let ed = report.edition.as_of;
    let q = &report.questions;
    for (k, r) in q.rows.iter().enumerate() {
        shares(r, q.n, ed, out);
        row_ambiguities(q, k, ed, out);
    }
    let unplaced: Vec<String> = q
        .unplaced_counts
        .iter()
        .map(|(c, s)| format!("{c} ({s})"))
        .collect();
    out.check(
        Compare {
            id: Id::new(Family::QuestionSummary, "counts_placed"),
            edition: ed,
            subject: "every count printed on page 2 belongs to a question".into(),
            printed_at: None,
            spans: q.unplaced_counts.iter().map(|(_, s)| *s).collect(),
        },
        "none left over".to_string(),
        if unplaced.is_empty() {
            "none left over".to_string()
        } else {
            format!("left over: {}", unplaced.join(", "))
        },
    );
}

/// A page-2 row's shares against its counts and n, and 実施・予定 + 未実施等 = n.
fn shares(r: &QuestionRow, n: u32, ed: Date, out: &mut ValidationReport) {
    let n = i64::from(n);
    let (show, id) = question_row_name(r);
    let cmp = |field: &'static str, what: String, span: Span| Compare {
        id: id.id(field),
        edition: ed,
        subject: format!("{show} {what} (n={n})"),
        printed_at: at(span),
        spans: vec![span],
    };
    let yes = r.count_yes.map(i64::from);
    let found_yes = yes.map_or("no count found".to_string(), |c| {
        show_tenths(percent_tenths(c, n))
    });
    let what = yes.map_or("実施・予定 share".to_string(), |c| {
        format!("実施・予定 share of {c}")
    });
    out.check(
        cmp("pct_yes", what, r.span),
        show_tenths(r.pct_yes),
        found_yes,
    );
    if let (Some(no), Some(pct_no)) = (r.count_no, r.pct_no) {
        let no = no as i64;
        out.check(
            cmp("pct_no", format!("未実施等 share of {no}"), r.span),
            show_tenths(pct_no),
            show_tenths(percent_tenths(no, n)),
        );
        let sum = yes.map_or("no count found".to_string(), |y| (y + no).to_string());
        let span = r.count_yes_span.unwrap_or(r.span);
        out.check(
            cmp(
                "yes_plus_no",
                format!(
                    "実施・予定 {} + 未実施等 {no} = n",
                    yes.map_or("?".into(), |y| y.to_string())
                ),
                span,
            ),
            n.to_string(),
            sum,
        );
    }
}

/// What page 2's row `k` leaves to a rule: a count printed apart, a lost
/// marker, a question text it cannot tie.
fn row_ambiguities(q: &QuestionSummary, k: usize, ed: Date, out: &mut ValidationReport) {
    let Some(r) = q.rows.get(k) else {
        return;
    };
    let (show, id) = question_row_name(r);
    if r.count_yes_source == CountSource::ApartPlacedByTotal {
        out.ambiguity(
            id.id("count_yes"),
            ed,
            format!("{show} 実施・予定 count"),
            format!(
                "printed on a line of its own, away from the question's text; placed by n − 未実施等 = {} (count_yes_source = apart_placed_by_total); its share {} is checked",
                r.count_yes.unwrap_or_default(),
                show_tenths(r.pct_yes)
            ),
            r.count_yes_span,
        );
    }
    if let Some(printed) = &r.marker_lost {
        let instead = match printed.as_str() {
            "" => "nothing".to_string(),
            p => format!("«{p}»"),
        };
        out.ambiguity(
            id.id("marker_lost"),
            ed,
            format!("{show} figure row"),
            format!(
                "its marker {} is not printed: {instead} stands in its place (an encoding without the character, such as Shift_JIS without ⓪, lost it); the row is {show}'s by its place in the questionnaire's order and its figures, which are checked",
                zaitaku_parse::layout::marker(r.question)
            ),
            Some(r.span),
        );
    }
    let before = k.checked_sub(1).and_then(|j| q.rows.get(j));
    let first_of_question = before.is_none_or(|b| b.item != r.item || b.question != r.question);
    if r.question_text.is_none() && first_of_question {
        let (q_show, q_id) = question_name(Family::QuestionSummary, r.item, r.question, None);
        out.ambiguity(
            q_id.id("question_text"),
            ed,
            format!("{q_show} question text"),
            "page 2 prints no text that can be told to be this question's; question_text is null (its figures are here, where the text would stand)".to_string(),
            Some(r.span),
        );
    }
}
