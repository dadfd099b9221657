//! The tables of pages 7–11: one row per consultation window
//! (`consultation_windows`), one per planned opening and per municipality
//! with neither windows nor a plan (`window_plans`).

use crate::columns::{sorted_editions, CODE, EDITION, LINE, PAGE};
use crate::names::{column, table};
use crate::table::{b, d, i, meta, oi, os, s, Builder, Kind, Table};
use crate::vocab::TargetsResolution;
use zaitaku_parse::model::windows::{MunicipalityWindows, NameSource, Plan, Window};
use zaitaku_parse::model::Date;
use zaitaku_parse::reference::code_of;

struct W<'a> {
    edition: Date,
    m: &'a MunicipalityWindows,
    no: usize,
    w: &'a Window,
}

fn code(m: &MunicipalityWindows) -> Option<&'static str> {
    code_of(&m.name)
}

/// The ids of [`NameSource`].
const NAME_SOURCES: Kind = Kind::Enum(NameSource::IDS);
/// How a window's target columns are decided (a subset of the association
/// cells' resolutions, in their order).
const TARGET_RESOLUTIONS: Kind = Kind::Enum(TargetsResolution::IDS);

/// How `w`'s target columns are decided (an id of [`TARGET_RESOLUTIONS`]).
fn targets_resolution(w: &Window) -> TargetsResolution {
    match (w.targets_by_position, w.targets_by_count()) {
        (Some(_), _) => TargetsResolution::Position,
        (None, Some(true)) => TargetsResolution::AllMarked,
        (None, Some(false)) => TargetsResolution::NoneMarked,
        (None, None) => TargetsResolution::Unresolved,
    }
}

/// Target column `k`: read by position from a PDF, else decided where all
/// five or none are marked.
fn target(w: &Window, k: usize) -> crate::table::Cell<'static> {
    b(w.target(k))
}

/// `consultation_windows`: one row per window.
pub fn consultation_windows(reports: &[zaitaku_parse::model::Report]) -> Table {
    let mut rows: Vec<W<'_>> = Vec::new();
    for r in sorted_editions(reports) {
        for m in &r.windows.municipalities {
            for (k, w) in m.windows.iter().enumerate() {
                rows.push(W {
                    edition: r.edition.as_of,
                    m,
                    no: k + 1,
                    w,
                });
            }
        }
    }
    rows.sort_by_cached_key(|r| (r.edition, code(r.m), r.no));
    Builder::<W<'_>>::default()
        .col(EDITION, |r| d(r.edition))
        .col(CODE, |r| os(code(r.m)))
        .col(meta(column::MUNICIPALITY_NAME, Kind::Str, "区市町村名", "Name of the municipality", None), |r| s(&r.m.name))
        .col(meta(column::WINDOW_NO, Kind::Int, "番号", "The window's place among its municipality's windows, from 1, in printed order", None), |r| i(r.no))
        .col(meta(column::NAME, Kind::Str, "窓口名称", "The window's name as printed; null where its name cell is merged and no rule ties a printed name to it", None), |r| os(r.w.name.as_deref()))
        .col(meta(column::NAME_INFERRED, Kind::Bool, "窓口名称（推定）", "The name comes from a merged cell printed apart from the rows, tied to this municipality by a documented rule", None), |r| b(Some(r.w.name_inferred())))
        .col(meta(column::NAME_SOURCE, NAME_SOURCES, "窓口名称の根拠", "Where the name comes from: printed (its own cell), merged_beside_head / merged_only_candidate (a merged cell printed apart, tied by that rule: name_inferred), position (a merged cell of a ruled PDF spanning this row, read from its geometry), above (a text that keeps the columns by spaces prints no name in the row: the one above it for the municipality, name_inferred), unknown (name is null)", None), |r| s(r.w.name_source.id()))
        .col(meta(column::LOCATION, Kind::Str, "設置場所", "Location as printed (wrapped lines joined)", None), |r| os(r.w.location.as_deref()))
        .col(meta(column::PHONE, Kind::Str, "電話番号", "Phone, ASCII digits and hyphens; where the cell holds more than one number or a label, the cell as printed (contact_flag says so)", None), |r| os(r.w.phone.as_deref()))
        .col(meta(column::PHONE_EXTENSION, Kind::Str, "内線", "Extension (「(内線：2668)」 → 2668)", None), |r| os(r.w.phone_extension.as_deref()))
        .col(meta(column::FAX, Kind::Str, "FAX", "Fax, ASCII digits and hyphens; null where printed 「-」", None), |r| os(r.w.fax.as_deref()))
        .col(meta(column::CONTACT_FLAG, Kind::Str, "連絡先（注記）", "Why phone/fax are not in canonical form, if they are not", None), |r| os(r.w.contact_flag.as_deref()))
        .col(meta(column::HOURS, Kind::Str, "開設日時", "Opening hours as printed, lines joined by a space", None), |r| s(&r.w.hours))
        .col(meta(column::FOR_PATIENTS_FAMILIES, Kind::Bool, "患者・家族", "Consultations from patients and families; null where the row marks 1–4 of the 5 target columns", None), |r| target(r.w, 0))
        .col(meta(column::FOR_MEDICAL_INSTITUTIONS, Kind::Bool, "医療機関", "From medical institutions; null where undecided", None), |r| target(r.w, 1))
        .col(meta(column::FOR_HOME_NURSING_STATIONS, Kind::Bool, "訪問看護ステーション", "From home-nursing stations; null where undecided", None), |r| target(r.w, 2))
        .col(meta(column::FOR_COMMUNITY_SUPPORT_CENTERS, Kind::Bool, "地域包括支援センター", "From community general support centers; null where undecided", None), |r| target(r.w, 3))
        .col(meta(column::FOR_CARE_MANAGERS, Kind::Bool, "居宅介護支援事業所", "From in-home care support offices; null where undecided", None), |r| target(r.w, 4))
        .col(meta(column::FOR_OTHER, Kind::Str, "その他", "The 「その他」 target text as printed on the row", None), |r| os(r.w.for_other.as_deref()))
        .col(meta(column::TARGETS_MARKED, Kind::Int, "対象の〇の数", "Marks printed in the five target columns", None), |r| i(r.w.targets_marked))
        .col(meta(column::TARGETS_RESOLVED, Kind::Bool, "対象確定", "Whether the five target columns are decided (5 or 0 marks, or read by position: a ruled PDF's geometry, a spaced text's columns)", None), |r| b(Some(r.w.targets_resolved())))
        .col(meta(column::TARGETS_RESOLUTION, TARGET_RESOLUTIONS, "対象の判定", "How the five target columns are decided: all_marked (5 marks), none_marked (none), position (each column's mark or its absence read from a ruled PDF's geometry), unresolved (1–4 marks in a text, which drops empty cells: the columns are null)", None), |r| s(targets_resolution(r.w).id()))
        .col(PAGE, |r| i(r.w.span.page))
        .col(LINE, |r| i(r.w.span.line))
        .build(
            table::CONSULTATION_WINDOWS, &[column::EDITION, column::MUNICIPALITY_CODE, column::WINDOW_NO],
            &rows,
        )
}

struct P<'a> {
    edition: Date,
    m: &'a MunicipalityWindows,
    plan: Option<&'a Plan>,
}

/// `window_plans`: one row per planned opening printed, and one per
/// municipality with neither windows nor a plan.
pub fn window_plans(reports: &[zaitaku_parse::model::Report]) -> Table {
    let mut rows: Vec<P<'_>> = Vec::new();
    for r in sorted_editions(reports) {
        for m in &r.windows.municipalities {
            let edition = r.edition.as_of;
            if m.plans.is_empty() && m.windows.is_empty() {
                rows.push(P {
                    edition,
                    m,
                    plan: None,
                });
            } else {
                rows.extend(m.plans.iter().map(|p| P {
                    edition,
                    m,
                    plan: Some(p),
                }));
            }
        }
    }
    rows.sort_by_cached_key(|r| (r.edition, code(r.m), r.plan.map(|p| p.span)));
    Builder::<P<'_>>::default()
        .col(EDITION, |r| d(r.edition))
        .col(CODE, |r| os(code(r.m)))
        .col(meta(column::MUNICIPALITY_NAME, Kind::Str, "区市町村名", "Name of the municipality", None), |r| s(&r.m.name))
        .col(meta(column::PLANNED_OPENING, Kind::Str, "開設予定", "The planned opening as printed; null for a municipality with neither windows nor a plan", None), |r| os(r.plan.map(|p| p.text.as_str())))
        .col(meta(column::PLANNED_MONTH, Kind::Str, "開設予定月", "YYYY-MM where the text names a month (the year from the text's era, or the edition's fiscal year for a month alone); else null", None), |r| os(r.plan.and_then(|p| p.month.as_deref())))
        .col(meta(column::ADDITIONAL, Kind::Bool, "追加開設", "A window announced beside open ones (「※11月に1窓口追加開設予定」)", None), |r| b(Some(r.plan.is_some_and(|p| p.additional))))
        .col(meta(column::WINDOWS_OPEN, Kind::Int, "設置箇所数", "Windows the municipality has on pages 7–11", None), |r| i(r.m.windows.len()))
        .col(PAGE, |r| oi(Some(r.plan.map_or(r.m.own_row.map_or(0, |s| s.page), |p| p.span.page))))
        .col(LINE, |r| oi(r.plan.map(|p| p.span.line).or(r.m.own_row.map(|s| s.line))))
        .build(
            table::WINDOW_PLANS, &[column::EDITION, column::MUNICIPALITY_CODE, column::PLANNED_OPENING],
            &rows,
        )
}
