//! The tables of pages 3–4 (区市町村別): one row per municipality and marked
//! question (`municipality_answers`), one per municipality as the report
//! prints it (`municipality_answers_wide`), one per chosen option
//! (`municipality_choices`).

use crate::columns::{option_labels, sorted_editions, CODE, EDITION, ITEMS, LINE, PAGE, SUBS};
use crate::names::{column, table};
use crate::table::{b, d, i, meta, os, s, Builder, Kind, Meta, Table};
use crate::vocab::MarkResolution;
use std::sync::OnceLock;
use zaitaku_parse::layout::{AnswerColumn, Mark, ANSWER_PAGES};
use zaitaku_parse::model::Date;
use zaitaku_parse::model::{AnswerCell, AnswerRow, AnswerValue, Choice, Report};
use zaitaku_parse::reference::code_of;

const STATUSES: Kind = Kind::Enum(Mark::IDS);
/// A mark column's vocabulary: the usual legend's marks.
const MARKS: Kind = Kind::Enum(&Mark::USUAL_MARKS);

/// A row of a per-municipality page, with what the tables add to it.
struct Mun<'a> {
    edition: Date,
    code: Option<String>,
    page: u32,
    row: &'a AnswerRow,
}

/// Every row of every per-municipality page of every edition.
fn rows(reports: &[Report]) -> Vec<Mun<'_>> {
    sorted_editions(reports)
        .into_iter()
        .flat_map(|r| {
            let edition = r.edition.as_of;
            r.answers.iter().flat_map(move |p| {
                let edition = edition;
                p.rows.iter().map(move |row| Mun {
                    edition,
                    code: code_of(&row.name).map(str::to_string),
                    page: p.page,
                    row,
                })
            })
        })
        .collect()
}

fn column_order(c: &AnswerColumn) -> (u8, u8, Option<u8>) {
    (c.item as u8, c.question, c.sub.map(|s| s as u8))
}

const NAME: Meta = meta(
    column::MUNICIPALITY_NAME,
    Kind::Str,
    "区市町村名",
    "Name of the municipality, as printed",
    None,
);
const SURVEY_NO: Meta = meta(
    column::SURVEY_NO,
    Kind::Int,
    "番号",
    "Number printed in front of the row",
    None,
);
const ITEM: Meta = meta(
    column::ITEM,
    ITEMS,
    "項目",
    "Program item （ア）–（ク）",
    None,
);
const QUESTION: Meta = meta(
    column::QUESTION,
    Kind::Int,
    "設問",
    "Question number ①–④ as 1–4",
    None,
);
const SUB: Meta = meta(
    column::SUB_QUESTION,
    SUBS,
    "区分",
    "キ②'s sub-question: pamphlet or website; else null",
    None,
);
const COLUMN: Meta = meta(
    column::SOURCE_COLUMN,
    Kind::Int,
    "桁",
    "Column (in characters, from 1) where the cell starts on its line",
    None,
);
const CHOICE_COLUMN: Meta = meta(
    column::SOURCE_COLUMN,
    Kind::Int,
    "桁",
    "Column (in characters, from 1) where the choice starts on its line",
    None,
);

/// A mark cell with its row.
struct MarkRow<'a> {
    mun: &'a Mun<'a>,
    cell: &'a AnswerCell,
    status: Mark,
}

/// `municipality_answers`: one row per municipality and marked question.
pub fn municipality_answers(reports: &[Report]) -> Table {
    let muns = rows(reports);
    let mut out: Vec<MarkRow<'_>> = muns
        .iter()
        .flat_map(|m| {
            m.row.cells.iter().filter_map(move |c| match c.value {
                AnswerValue::Mark { status, .. } => Some(MarkRow {
                    mun: m,
                    cell: c,
                    status,
                }),
                AnswerValue::Options(_) => None,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.mun.edition, &a.mun.code, column_order(a.cell.column)).cmp(&(
            &b.mun.edition,
            &b.mun.code,
            column_order(b.cell.column),
        ))
    });
    Builder::<MarkRow<'_>>::default()
        .col(EDITION, |r| d(r.mun.edition))
        .col(CODE, |r| os(r.mun.code.as_deref()))
        .col(NAME, |r| s(&r.mun.row.name))
        .col(ITEM, |r| s(r.cell.column.item.katakana()))
        .col(QUESTION, |r| i(r.cell.column.question))
        .col(SUB, |r| os(r.cell.column.sub.map(|s| s.id())))
        .col(
            meta(column::MARK, MARKS, "回答", mark_description(), None),
            |r| s(r.status.usual_text()),
        )
        .col(
            meta(
                column::STATUS,
                STATUSES,
                "区分（凡例）",
                "What the mark stands for by the legend printed on the page",
                None,
            ),
            |r| s(r.status.id()),
        )
        .col(
            meta(
                column::IMPLEMENTED_OR_PLANNED,
                Kind::Bool,
                "実施・年度中に実施予定",
                "Counted in the published 「実施・年度中に実施予定」 figures (◎ or ○)",
                None,
            ),
            |r| b(Some(r.status.implemented_or_planned())),
        )
        .col(
            meta(
                column::RESOLUTION,
                Kind::Enum(MarkResolution::IDS),
                "確定方法",
                "printed: the mark the page prints; override: a mark a person pinned (--overrides; the ambiguity mun.override names the file, line and printed mark), checked with the others against page 2",
                None,
            ),
            |r| s(if r.cell.pinned.is_some() { MarkResolution::Override } else { MarkResolution::Printed }.id()),
        )
        .col(SURVEY_NO, |r| i(r.mun.row.no))
        .col(PAGE, |r| i(r.mun.page))
        .col(LINE, |r| i(r.mun.row.span.line))
        .col(COLUMN, |r| i(r.cell.at_column))
        .build(
            table::MUNICIPALITY_ANSWERS, &[
                column::EDITION,
                column::MUNICIPALITY_CODE,
                column::ITEM,
                column::QUESTION,
                column::SUB_QUESTION,
            ],
            &out,
        )
}

/// The `mark` column's description, with the usual legend of the layout.
fn mark_description() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        format!(
            "The mark, in the usual legend's characters: {}. A page whose own legend prints another character for a status (● for 実施) is read by that legend and its marks written here as the usual ones; the validation report names the difference",
            Mark::usual_legend()
        )
    })
}

/// A municipality's rows of every per-municipality page of one edition.
struct Wide<'a> {
    edition: Date,
    code: Option<String>,
    name: &'a str,
    no: u32,
    rows: Vec<&'a Mun<'a>>,
}

/// The wide table's cell columns, from the layout: `a_q1` … `h_q2`.
fn wide_metas() -> &'static [(&'static AnswerColumn, Meta)] {
    static METAS: OnceLock<Vec<(&'static AnswerColumn, Meta)>> = OnceLock::new();
    METAS.get_or_init(|| {
        ANSWER_PAGES
            .iter()
            .flat_map(|p| p.columns)
            .map(|c| {
                let description = match c.options {
                    None => format!("{}: the mark, in the usual legend's characters ({}; see municipality_answers.mark)", c.label(), Mark::usual_marks()),
                    Some(_) => format!(
                        "{}: the chosen options as printed, 「・」-joined, annotations included; 「-」 where none",
                        c.label()
                    ),
                };
                // Built once per process from the layout; the table needs 'static text.
                let title: &'static str = c.label().leak();
                let kind = match c.options {
                    None => MARKS,
                    Some(_) => Kind::Str,
                };
                (c, meta(c.name, kind, title, description.leak(), None))
            })
            .collect()
    })
}

/// `municipality_answers_wide`: one row per municipality, the cells as printed.
pub fn municipality_answers_wide(reports: &[Report]) -> Table {
    let muns = rows(reports);
    // One entry per (edition, municipality), in key order.
    let mut by_key: std::collections::BTreeMap<(Date, Option<&str>, &str), Wide<'_>> =
        std::collections::BTreeMap::new();
    for m in &muns {
        by_key
            .entry((m.edition, m.code.as_deref(), &m.row.name))
            .or_insert_with(|| Wide {
                edition: m.edition,
                code: m.code.clone(),
                name: &m.row.name,
                no: m.row.no,
                rows: Vec::new(),
            })
            .rows
            .push(m);
    }
    let wide: Vec<Wide<'_>> = by_key.into_values().collect();
    let mut builder = Builder::<Wide<'_>>::default()
        .col(EDITION, |w| d(w.edition))
        .col(CODE, |w| os(w.code.as_deref()))
        .col(NAME, |w| s(w.name))
        .col(SURVEY_NO, |w| i(w.no));
    for (col, m) in wide_metas() {
        builder = builder.col(*m, move |w| {
            os(w.rows
                .iter()
                .flat_map(|r| &r.row.cells)
                .find(|c| *c.column == **col)
                .map(|c| match &c.value {
                    AnswerValue::Mark { status, .. } => status.usual_text(),
                    AnswerValue::Options(_) => c.printed.as_str(),
                }))
        });
    }
    builder
        .col(meta(column::SOURCE_LINES, Kind::Str, "行番号", "Input lines of the municipality's rows, page by page: 「page:line」 joined by 「;」", None), |w| {
            s(w.rows
                .iter()
                .map(|r| format!("{}:{}", r.page, r.row.span.line))
                .collect::<Vec<_>>()
                .join(";"))
        })
        .build(
            table::MUNICIPALITY_ANSWERS_WIDE, &[column::EDITION, column::MUNICIPALITY_CODE],
            &wide,
        )
}

/// A chosen option with its row.
struct ChoiceRow<'a> {
    mun: &'a Mun<'a>,
    cell: &'a AnswerCell,
    no: usize,
    choice: &'a Choice,
}

/// `municipality_choices`: one row per option chosen in an option cell.
pub fn municipality_choices(reports: &[Report]) -> Table {
    let muns = rows(reports);
    let mut out: Vec<ChoiceRow<'_>> = Vec::new();
    for m in &muns {
        for cell in &m.row.cells {
            if let AnswerValue::Options(choices) = &cell.value {
                out.extend(choices.iter().enumerate().map(|(k, choice)| ChoiceRow {
                    mun: m,
                    cell,
                    no: k + 1,
                    choice,
                }));
            }
        }
    }
    out.sort_by(|a, b| {
        (
            &a.mun.edition,
            &a.mun.code,
            column_order(a.cell.column),
            a.no,
        )
            .cmp(&(
                &b.mun.edition,
                &b.mun.code,
                column_order(b.cell.column),
                b.no,
            ))
    });
    Builder::<ChoiceRow<'_>>::default()
        .col(EDITION, |r| d(r.mun.edition))
        .col(CODE, |r| os(r.mun.code.as_deref()))
        .col(NAME, |r| s(&r.mun.row.name))
        .col(ITEM, |r| s(r.cell.column.item.katakana()))
        .col(QUESTION, |r| i(r.cell.column.question))
        .col(meta(column::CHOICE_NO, Kind::Int, "順", "Position of the choice in its cell, from 1", None), |r| i(r.no))
        .col(meta(column::OPTION, Kind::Enum(option_labels()), "選択肢", "Canonical option label; null where the text matches no option of the question's vocabulary (listed in the validation report)", None), |r| os(r.choice.option))
        .col(meta(column::ANNOTATION, Kind::Str, "注記", "Annotation printed in front of or after the option (検討中, ※補助, a fiscal year 「…年度中」), brackets removed; else null", None), |r| os(r.choice.annotation.as_deref()))
        .col(meta(column::RAW_TEXT, Kind::Str, "回答内容（表記）", "The choice as printed, annotations included", None), |r| s(&r.choice.raw_text))
        .col(SURVEY_NO, |r| i(r.mun.row.no))
        .col(PAGE, |r| i(r.mun.page))
        .col(LINE, |r| i(r.choice.at_line.unwrap_or(r.mun.row.span.line)))
        .col(CHOICE_COLUMN, |r| i(r.choice.at_column))
        .build(
            table::MUNICIPALITY_CHOICES, &[column::EDITION, column::MUNICIPALITY_CODE, column::ITEM, column::QUESTION, column::CHOICE_NO],
            &out,
        )
}
