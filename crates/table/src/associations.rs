//! The tables of pages 5–6: one row per association and program
//! (`association_programs`), per association, program and fiscal year
//! (`association_program_years`), per program and fiscal year
//! (`association_program_totals`).

use crate::columns::{sorted_editions, EDITION, LINE, PAGE};
use crate::names::{column, table};
use crate::table::{b, d, i, meta, os, s, Builder, Kind, Meta, Table};
use zaitaku_parse::layout::Program;
use zaitaku_parse::model::Date;
use zaitaku_parse::model::{
    AssociationRow, AssociationTable, Basis, Participation, Report, Resolution, YearColumn,
};
use zaitaku_parse::reference::code_of;

const PROGRAMS: Kind = Kind::Enum(Program::IDS);
const RESOLUTIONS: Kind = Kind::Enum(Resolution::IDS);
const BASES: Kind = Kind::Enum(Basis::IDS);

const PROGRAM: Meta = meta(
    column::PROGRAM,
    PROGRAMS,
    "事業",
    "round_the_clock_care (在宅医等相互支援体制構築事業, 24時間診療体制確保) or multidisciplinary_network (在宅療養推進基盤整備事業, 多職種ネットワーク構築)",
    None,
);
const ASSOCIATION: Meta = meta(
    column::ASSOCIATION,
    Kind::Str,
    "医師会名",
    "The district medical association (or member area, hospital) as printed, brackets removed",
    None,
);
const FISCAL_YEAR: Meta = meta(
    column::FISCAL_YEAR,
    Kind::Int,
    "年度",
    "Fiscal year (April–March, by the year it starts)",
    Some("fiscal year"),
);

/// Footnotes printed for `numbers`, as printed, joined by 「; 」.
fn notes(t: &AssociationTable, numbers: &[u32]) -> Option<String> {
    let texts: Vec<&str> = t
        .printed
        .footnotes
        .iter()
        .filter(|f| f.numbers.iter().any(|n| numbers.contains(n)))
        .map(|f| f.printed.as_str())
        .collect();
    (!texts.is_empty()).then(|| texts.join("; "))
}

/// Every table of every edition with its edition, sorted by edition and program id.
fn tables(reports: &[Report]) -> Vec<(Date, &AssociationTable)> {
    let mut out: Vec<(Date, &AssociationTable)> = sorted_editions(reports)
        .into_iter()
        .flat_map(|r| r.associations.iter().map(move |t| (r.edition.as_of, t)))
        .collect();
    out.sort_by(|a, b| (&a.0, a.1.printed.program.id()).cmp(&(&b.0, b.1.printed.program.id())));
    out
}

struct A<'a> {
    edition: Date,
    table: &'a AssociationTable,
    row: &'a AssociationRow,
}

/// `association_programs`: one row per association and program.
pub fn association_programs(reports: &[Report]) -> Table {
    let ts = tables(reports);
    let mut rows: Vec<A<'_>> = ts
        .iter()
        .flat_map(|(ed, t)| {
            t.printed.rows.iter().map(move |row| A {
                edition: *ed,
                table: t,
                row,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.edition, a.table.printed.program.id(), &a.row.name).cmp(&(
            b.edition,
            b.table.printed.program.id(),
            &b.row.name,
        ))
    });
    Builder::<A<'_>>::default()
        .col(EDITION, |a| d(a.edition))
        .col(PROGRAM, |a| s(a.table.printed.program.id()))
        .col(ASSOCIATION, |a| s(&a.row.name))
        .col(meta(column::GROUP, Kind::Str, "地区", "The group header it is listed under in brackets (西多摩, 北多摩); else null", None), |a| os(a.row.group.as_deref()))
        .col(meta(column::MUNICIPALITY_CODE, Kind::Str, "全国地方公共団体コード", "Code of the municipality of the same name, where the name is one", None).refers_to(table::MUNICIPALITIES), |a| os(code_of(&a.row.name)))
        .col(meta(column::YEARS_MARKED, Kind::Int, "実施年度数", "Marks (〇) printed in the row: the number of year columns it took part in", Some("fiscal years")), |a| i(a.row.marks))
        .col(meta(column::NOTE, Kind::Str, "備考", "Footnotes printed on the row, as printed (「※1、2 練馬区医師会は、独自事業として実施」)", None), |a| os(notes(a.table, &a.row.notes)))
        .col(PAGE, |a| i(a.table.printed.page))
        .col(LINE, |a| i(a.row.span.line))
        .build(
            table::ASSOCIATION_PROGRAMS, &[column::EDITION, column::PROGRAM, column::ASSOCIATION],
            &rows,
        )
}

struct Y<'a> {
    a: A<'a>,
    year: &'a YearColumn,
    cell: Participation,
}

/// `association_program_years`: one row per association, program and fiscal year.
pub fn association_program_years(reports: &[Report]) -> Table {
    let ts = tables(reports);
    let mut rows: Vec<Y<'_>> = Vec::new();
    for (ed, t) in &ts {
        for (row, cells) in t.printed.rows.iter().zip(&t.cells) {
            for (year, cell) in t.printed.years.iter().zip(cells) {
                rows.push(Y {
                    a: A {
                        edition: *ed,
                        table: t,
                        row,
                    },
                    year,
                    cell: *cell,
                });
            }
        }
    }
    rows.sort_by(|x, y| {
        (
            x.a.edition,
            x.a.table.printed.program.id(),
            &x.a.row.name,
            x.year.fiscal_year,
        )
            .cmp(&(
                y.a.edition,
                y.a.table.printed.program.id(),
                &y.a.row.name,
                y.year.fiscal_year,
            ))
    });
    Builder::<Y<'_>>::default()
        .col(EDITION, |y| d(y.a.edition))
        .col(PROGRAM, |y| s(y.a.table.printed.program.id()))
        .col(ASSOCIATION, |y| s(&y.a.row.name))
        .col(FISCAL_YEAR, |y| i(y.year.fiscal_year))
        .col(meta(column::PARTICIPATED, Kind::Bool, "実施", "Took part that fiscal year; null where the text cannot decide (see resolution)", None), |y| b(y.cell.participated))
        .col(meta(column::RESOLUTION, RESOLUTIONS, "判定", "all_marked (a mark in every year), none_marked (no mark), forced_by_totals (every table fitting the marks and the printed totals agrees), override (pinned by --overrides), footnote (false by a footnote on the year: 「未実施地区を対象」, only districts new to the program that year, and the row has an earlier mark), unresolved (participated is null)", None), |y| s(y.cell.resolution.id()))
        .build(
            table::ASSOCIATION_PROGRAM_YEARS, &[column::EDITION, column::PROGRAM, column::ASSOCIATION, column::FISCAL_YEAR],
            &rows,
        )
}

struct T<'a> {
    edition: Date,
    table: &'a AssociationTable,
    year: &'a YearColumn,
}

/// `association_program_totals`: one row per program and fiscal year.
pub fn association_program_totals(reports: &[Report]) -> Table {
    let ts = tables(reports);
    let rows: Vec<T<'_>> = ts
        .iter()
        .flat_map(|(ed, t)| {
            t.printed.years.iter().map(move |year| T {
                edition: *ed,
                table: t,
                year,
            })
        })
        .collect();
    Builder::<T<'_>>::default()
        .col(EDITION, |t| d(t.edition))
        .col(PROGRAM, |t| s(t.table.printed.program.id()))
        .col(FISCAL_YEAR, |t| i(t.year.fiscal_year))
        .col(meta(column::COUNT, Kind::Int, "計", "The printed total of the year column", Some("areas")), |t| i(t.year.total))
        .col(meta(column::BASIS, BASES, "計の内容", "What the total counts, by the footnote on the totals: implemented_areas (実施地区数) or applications_submitted (交付申請書提出地区数); null where no footnote says", None), |t| os(t.year.basis.map(|b| b.id())))
        .col(meta(column::NOTE, Kind::Str, "備考", "Footnotes printed on the year's header, as printed (「※1 …年度は未実施地区を対象として実施」)", None), |t| os(notes(t.table, &t.year.notes)))
        .col(PAGE, |t| i(t.table.printed.page))
        .col(LINE, |t| i(t.table.printed.totals_span.line))
        .build(
            table::ASSOCIATION_PROGRAM_TOTALS, &[column::EDITION, column::PROGRAM, column::FISCAL_YEAR],
            &rows,
        )
}
