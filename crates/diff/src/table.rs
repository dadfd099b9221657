//! `changes`: what changed between two consecutive editions (the
//! [`Change`]s as one of export's tables), and an edition's tables as the
//! text a diff reads.

use crate::{At, Change, Edition, Kind as ChangeKind, Rows, TABLES};
use zaitaku_parse::model::Date;
use zaitaku_table::columns::EDITION;
use zaitaku_table::names::{column, table as tables};
use zaitaku_table::{d, i, meta, oi, os, s, Builder, Kind, Meta, Table};

/// `change_no`, the second column of the key.
const CHANGE_NO: Meta = meta(
    column::CHANGE_NO,
    Kind::Int,
    "変更番号",
    "Number of the change within its pair of editions, from 1, in the order of `table`",
    None,
);

/// One change, numbered within its pair of editions.
struct C<'a> {
    no: usize,
    previous: Date,
    edition: Date,
    c: &'a Change,
}

/// The `changes` rows of the pair `previous` → `edition`.
pub fn changes(previous: Date, edition: Date, list: &[Change]) -> Table {
    let rows: Vec<C<'_>> = list
        .iter()
        .enumerate()
        .map(|(k, c)| C {
            no: k + 1,
            previous,
            edition,
            c,
        })
        .collect();
    let page = |at: Option<At>| oi(at.map(|a| a.page));
    let line = |at: Option<At>| oi(at.map(|a| a.line));
    Builder::<C<'_>>::default()
        .col(EDITION, |r| d(r.edition))
        .col(meta(column::PREVIOUS_EDITION, Kind::Date, "前回時点", "The edition compared with: the one before `edition` among the build's", None), |r| d(r.previous))
        .col(CHANGE_NO, |r| i(r.no))
        .col(meta(column::TABLE, Kind::Enum(TABLES), "表", "The table the change is in", None), |r| s(r.c.table))
        .col(meta(column::KEY, Kind::Str, "対象", "The row, as people name it: 「ア② 港区」, 「港区 window 2」, 「ア② 地域の医療・介護の資源の…」", None), |r| s(r.c.key.as_str()))
        .col(meta(column::MUNICIPALITY_CODE, Kind::Str, "全国地方公共団体コード", "The municipality the change is about, where it is about one", None).refers_to(tables::MUNICIPALITIES), |r| os(r.c.municipality_code.as_deref()))
        .col(meta(column::FIELD, Kind::Str, "項目", "The column that changed (mark, count_current, phone, …), or row / window / option / planned_opening for a whole row", None), |r| s(r.c.field))
        .col(meta(column::OLD, Kind::Str, "変更前", "The value in `previous_edition`, as its table writes it; null where the row is new or the value was null", None), |r| os(r.c.old.as_deref()))
        .col(meta(column::NEW, Kind::Str, "変更後", "The value in `edition`; null where the row is gone or the value is null", None), |r| os(r.c.new.as_deref()))
        .col(meta(column::KIND, Kind::Enum(ChangeKind::IDS), "種別", "changed, added, removed; started / stopped / mark_changed (a mark, by 「実施・予定」); option_gained / option_lost; window_opened / window_closed / window_changed; plan_realized / plan_new / plan_dropped / plan_changed; municipality_appeared / municipality_disappeared", None), |r| s(r.c.kind.id()))
        .col(meta(column::NOTE, Kind::Str, "備考", "A share's change in points, a mark's statuses, why a window could not be matched", None), |r| os(r.c.note.as_deref()))
        .col(meta(column::OLD_PAGE, Kind::Int, "変更前頁", "Page of `previous_edition` printing the old value; null where none", None), move |r| page(r.c.old_at))
        .col(meta(column::OLD_LINE, Kind::Int, "変更前行", "Input line of `previous_edition` printing it", None), move |r| line(r.c.old_at))
        .col(meta(column::NEW_PAGE, Kind::Int, "変更後頁", "Page of `edition` printing the new value; null where none", None), move |r| page(r.c.new_at))
        .col(meta(column::NEW_LINE, Kind::Int, "変更後行", "Input line of `edition` printing it", None), move |r| line(r.c.new_at))
        .build(
            tables::CHANGES, &[EDITION.name, CHANGE_NO.name],
            &rows,
        )
}

/// An edition's tables as a diff reads them: the tables of [`TABLES`]
/// among `tables`, typed, as they are.
pub fn diff_edition<'t>(edition: Date, tables: impl IntoIterator<Item = &'t Table>) -> Edition {
    let tables = tables
        .into_iter()
        .filter(|t| TABLES.contains(&t.name))
        .map(|t| (t.name.to_string(), Rows::of(t.clone())))
        .collect();
    Edition { edition, tables }
}
