//! The tidy tables (the marts), built in one place from the as-printed
//! tables of every edition, rows sorted by key.

use crate::columns::{option_labels, sorted_editions, EDITION, ITEMS, SUBS};
use crate::names::{column, table};
use crate::table::{b, d, i, meta, oi, os, pct, s, Builder, Kind, Table};
use zaitaku_parse::model::Date;
use zaitaku_parse::model::{CountSource, ProgramRow, QuestionRow, Report};
use zaitaku_parse::reference::{municipalities as reference, Area, Municipality, MunicipalityKind};
use zaitaku_validate::ValidationReport;

const KINDS: Kind = Kind::Enum(MunicipalityKind::IDS);
const AREAS: Kind = Kind::Enum(Area::IDS);
const COUNT_SOURCES: Kind = Kind::Enum(CountSource::IDS);

const PERCENT: Option<&str> = Some("percent");
const MUNIS: Option<&str> = Some("municipalities");

/// The tables of one edition, in file order (all but `municipalities`):
/// its rows of every table, and of its validation result.
pub fn edition(report: &Report, validation: &ValidationReport) -> Vec<Table> {
    of(std::slice::from_ref(report), validation)
}

/// The tables of `reports` in file order (all but `municipalities`); of
/// none, every table without rows (what [`Table::header`] gives).
pub fn of(reports: &[Report], validation: &ValidationReport) -> Vec<Table> {
    vec![
        program_summary(reports),
        question_summary(reports),
        crate::answers::municipality_answers(reports),
        crate::answers::municipality_answers_wide(reports),
        crate::answers::municipality_choices(reports),
        crate::associations::association_programs(reports),
        crate::associations::association_program_years(reports),
        crate::associations::association_program_totals(reports),
        crate::windows::consultation_windows(reports),
        crate::windows::window_plans(reports),
        crate::checks::validation_checks(validation),
        crate::checks::ambiguities(validation),
    ]
}

/// A municipality of the list, its number, whether it has a row on pages
/// 3–4 and whether pages 7–11 print it.
type M<'a> = (&'a Municipality, Option<u32>, bool, bool);

/// `municipalities`: the reference list, with survey numbers and membership from the text.
/// Membership and numbers come from `newest`, the newest edition.
pub fn municipalities(newest: Option<&Report>) -> Table {
    let surveyed = newest.map(|r| r.surveyed()).unwrap_or_default();
    let windows = newest.map(|r| r.on_window_pages()).unwrap_or_default();
    let mut rows: Vec<M<'_>> = reference()
        .iter()
        .map(|m| {
            let no = newest
                .and_then(|r| r.numbered.iter().find(|n| n.name == m.name))
                .map(|n| n.no);
            let name = m.name.as_str();
            (m, no, surveyed.contains(&name), windows.contains(&name))
        })
        .collect();
    rows.sort_by(|a, b| a.0.code.cmp(&b.0.code));
    Builder::<M<'_>>::default()
        .col(meta(column::MUNICIPALITY_CODE, Kind::Str, "全国地方公共団体コード", "6-digit local government code with check digit", None), |r| s(&r.0.code))
        .col(meta(column::MUNICIPALITY_NAME, Kind::Str, "区市町村名", "Name of the municipality", None), |r| s(&r.0.name))
        .col(meta(column::SURVEY_NO, Kind::Int, "番号", "Number printed before the municipality's rows in the newest edition, as printed; null where not printed", None), |r| oi(r.1))
        .col(meta(column::KIND, KINDS, "区分", "special_ward, city, town or village", None), |r| s(r.0.kind.id()))
        .col(meta(column::AREA, AREAS, "地域", "ku_area (23 wards), tama, or islands", None), |r| s(r.0.area.id()))
        .col(meta(column::IN_SURVEY, Kind::Bool, "集計対象", "One of the N municipalities the survey counts (page 1's N): has a row on pages 3–4, the answers, of the newest edition. False for the islands, which the survey leaves out although the window pages list them (on_window_pages)", None), |r| b(Some(r.2)))
        .col(meta(column::ON_WINDOW_PAGES, Kind::Bool, "相談窓口掲載", "Printed on pages 7–11, the consultation windows, of the newest edition: a window, a planned opening, or a row of its own saying it has none (every municipality, islands included, in the seed). Count its windows in consultation_windows, not only where in_survey", None), |r| b(Some(r.3)))
        .build(table::MUNICIPALITIES, &[column::MUNICIPALITY_CODE], &rows)
}

struct P<'a> {
    edition: Date,
    row_no: usize,
    n: u32,
    fy_current: i32,
    fy_previous: i32,
    row: &'a ProgramRow,
}

/// `program_summary`: one row per page-1 row.
pub fn program_summary(reports: &[Report]) -> Table {
    let rows: Vec<P<'_>> = sorted_editions(reports)
        .into_iter()
        .flat_map(|r| {
            r.program.rows.iter().enumerate().map(move |(k, row)| P {
                edition: r.edition.as_of,
                row_no: k + 1,
                n: r.program.n,
                fy_current: r.program.fy_current,
                fy_previous: r.program.fy_previous,
                row,
            })
        })
        .collect();
    Builder::<P<'_>>::default()
        .col(EDITION, |p| d(p.edition))
        .col(meta(column::ROW_NO, Kind::Int, "行", "Position of the row in the printed table, from 1", None), |p| i(p.row_no))
        .col(meta(column::ITEM, ITEMS, "項目", "Program item （ア）–（ク）", None), |p| s(p.row.item.katakana()))
        .col(meta(column::ITEM_LABEL, Kind::Str, "在宅医療・介護連携推進事業の項目", "The item's label as printed", None), |p| s(&p.row.item_label))
        .col(meta(column::ACTIVITY, Kind::Str, "内容", "The activity as printed", None), |p| s(&p.row.activity))
        .col(meta(column::PARENT_ACTIVITY, Kind::Str, "内容（上位）", "The 「下記のいずれかを実施」 row this row sits under; null for top rows", None), |p| os(p.row.parent_activity.as_deref()))
        .col(meta(column::QUESTION, Kind::Int, "設問", "The page-2 question (0–4) printing the same figure; null for 「いずれかを実施」 rows", None), |p| oi(p.row.question))
        .col(meta(column::SUB_QUESTION, SUBS, "区分", "キ②'s sub-question: pamphlet or website; else null", None), |p| os(p.row.sub.map(|s| s.id())))
        .col(meta(column::FY_CURRENT, Kind::Int, "年度", "Current fiscal year (April–March, by the year it starts)", Some("fiscal year")), |p| i(p.fy_current))
        .col(meta(column::COUNT_CURRENT, Kind::Int, "実施数（区市町村数）", "Municipalities implementing it (planned within the year included)", MUNIS), |p| i(p.row.count_current))
        .col(meta(column::PCT_CURRENT, Kind::Float, "全体の％", "count_current as % of n, as published", PERCENT), |p| pct(Some(p.row.pct_current)))
        .col(meta(column::FY_PREVIOUS, Kind::Int, "年度（比較）", "Previous fiscal year", Some("fiscal year")), |p| i(p.fy_previous))
        .col(meta(column::COUNT_PREVIOUS, Kind::Int, "実施数（区市町村数）", "Municipalities implementing it in the previous year", MUNIS), |p| i(p.row.count_previous))
        .col(meta(column::PCT_PREVIOUS, Kind::Float, "全体の％", "count_previous as % of n, as published", PERCENT), |p| pct(Some(p.row.pct_previous)))
        .col(meta(column::CHANGE_PCT, Kind::Float, "増（△）減", "Change in points, from the unrounded shares, as published", Some("percentage points")), |p| pct(Some(p.row.change)))
        .col(meta(column::N, Kind::Int, "n", "Municipalities in the survey (islands excluded)", MUNIS), |p| i(p.n))
        .col(meta(column::SOURCE_PAGE, Kind::Int, "頁", "Page of the figures", None), |p| i(p.row.span.page))
        .col(meta(column::SOURCE_LINE, Kind::Int, "行番号", "Input line of the figures", None), |p| i(p.row.span.line))
        .build(table::PROGRAM_SUMMARY, &[column::EDITION, column::ROW_NO], &rows)
}

struct Q<'a> {
    edition: Date,
    row_no: usize,
    n: u32,
    row: &'a QuestionRow,
}

/// `question_summary`: one row per page-2 question, sub-question or option.
pub fn question_summary(reports: &[Report]) -> Table {
    let rows: Vec<Q<'_>> = sorted_editions(reports)
        .into_iter()
        .flat_map(|r| {
            r.questions.rows.iter().enumerate().map(move |(k, row)| Q {
                edition: r.edition.as_of,
                row_no: k + 1,
                n: r.questions.n,
                row,
            })
        })
        .collect();
    Builder::<Q<'_>>::default()
        .col(EDITION, |q| d(q.edition))
        .col(meta(column::ROW_NO, Kind::Int, "行", "Position of the figure row on page 2, from 1", None), |q| i(q.row_no))
        .col(meta(column::ITEM, ITEMS, "項目", "Program item （ア）–（ク）", None), |q| s(q.row.item.katakana()))
        .col(meta(column::QUESTION, Kind::Int, "設問", "Question number ⓪–④ as 0–4", None), |q| i(q.row.question))
        .col(meta(column::SUB_QUESTION, SUBS, "区分", "キ②'s sub-question: pamphlet or website; else null", None), |q| os(q.row.sub.map(|s| s.id())))
        .col(meta(column::OPTION, Kind::Enum(option_labels()), "選択肢", "Canonical option label (multi-choice questions only)", None), |q| os(q.row.option))
        .col(meta(column::OPTION_TEXT, Kind::Str, "選択肢（表記）", "The option as printed on page 2", None), |q| os(q.row.option_text.as_deref()))
        .col(meta(column::QUESTION_TEXT, Kind::Str, "設問文", "The question as printed on page 2; null where page 2 prints no text that is its", None), |q| os(q.row.question_text.as_deref()))
        .col(meta(column::COUNT_YES, Kind::Int, "実施・年度中に実施予定（区市町村）", "Municipalities implementing or planning within the year; an option's count for options", MUNIS), |q| oi(q.row.count_yes))
        .col(meta(column::COUNT_YES_SOURCE, COUNT_SOURCES, "出典", "Where count_yes was printed: with_text, on_row, apart_placed_by_total (on a line of its own, placed by n − count_no), missing", None), |q| s(q.row.count_yes_source.id()))
        .col(meta(column::PCT_YES, Kind::Float, "全体の％", "count_yes as % of n, as published", PERCENT), |q| pct(Some(q.row.pct_yes)))
        .col(meta(column::COUNT_NO, Kind::Int, "未実施等（区市町村）", "Municipalities not implementing (null for options)", MUNIS), |q| oi(q.row.count_no))
        .col(meta(column::PCT_NO, Kind::Float, "全体の％", "count_no as % of n, as published", PERCENT), |q| pct(q.row.pct_no))
        .col(meta(column::N, Kind::Int, "N", "Municipalities in the survey", MUNIS), |q| i(q.n))
        .col(meta(column::SOURCE_PAGE, Kind::Int, "頁", "Page of the figure row", None), |q| i(q.row.span.page))
        .col(meta(column::SOURCE_LINE, Kind::Int, "行番号", "Input line of the figure row", None), |q| i(q.row.span.line))
        .build(table::QUESTION_SUMMARY, &[column::EDITION, column::ROW_NO], &rows)
}
