//! Pairing the rows of two editions' tables, and what every comparison
//! shares: columns looked up once, rows paired on a key (in order where
//! they line up, else by hashing), rows grouped, a row's name for people,
//! and the changes of a pair of rows or of a row one edition lacks.

use crate::whole;
use crate::{Change, Kind, Row, Rows};
use std::collections::HashMap;
use zaitaku_parse::layout::{marker, SubQuestion};
use zaitaku_parse::model::windows::NameSource;
use zaitaku_parse::model::Resolution;
use zaitaku_table::names::column;
use zaitaku_table::Value;

/// Columns by name, looked up once per table on each side (the two
/// editions' tables may order their columns differently).
pub(crate) struct Columns<'n> {
    /// The names.
    names: &'n [&'static str],
    old: Vec<Option<usize>>,
    new: Vec<Option<usize>>,
}

impl<'n> Columns<'n> {
    /// `names`' places in `old` and in `new`.
    pub(crate) fn new(old: &Rows, new: &Rows, names: &'n [&'static str]) -> Self {
        Columns {
            names,
            old: names.iter().map(|n| old.column(n)).collect(),
            new: names.iter().map(|n| new.column(n)).collect(),
        }
    }

    /// Value `k` of an old row.
    pub(crate) fn old(&self, r: &Row<'n>, k: usize) -> Option<Value<'n>> {
        r.value(self.old.get(k).copied().flatten()?)
    }

    /// Value `k` of a new row.
    pub(crate) fn new_value(&self, r: &Row<'n>, k: usize) -> Option<Value<'n>> {
        r.value(self.new.get(k).copied().flatten()?)
    }
}

/// The rows of `old` and `new` paired on the `key` columns: the new
/// table's rows in order (with the old row of the same key, if any), then
/// the old rows no new row has. Rows in the same order on both sides (the
/// usual case: tables are sorted, and most rows stay) pair without hashing.
pub(crate) fn by_key<'a>(
    old: &'a Rows,
    new: &'a Rows,
    key: &'a [&'static str],
) -> Vec<(Option<Row<'a>>, Option<Row<'a>>)> {
    let cols = Columns::new(old, new, key);
    let old_key = |r: &Row<'a>| -> Vec<Option<Value<'a>>> {
        (0..key.len()).map(|k| cols.old(r, k)).collect()
    };
    let new_key = |r: &Row<'a>| -> Vec<Option<Value<'a>>> {
        (0..key.len()).map(|k| cols.new_value(r, k)).collect()
    };
    let same =
        |a: &Row<'a>, b: &Row<'a>| (0..key.len()).all(|k| cols.old(a, k) == cols.new_value(b, k));
    let mut out = Vec::with_capacity(new.len());
    // Aligned rows first.
    let mut k = 0;
    while let (Some(a), Some(b)) = (old.row(k), new.row(k)) {
        if !same(&a, &b) {
            break;
        }
        out.push((Some(a), Some(b)));
        k += 1;
    }
    // The rest by their keys.
    let mut olds: HashMap<Vec<Option<Value<'a>>>, Row<'a>> = HashMap::new();
    let mut order: Vec<Vec<Option<Value<'a>>>> = Vec::new();
    for r in old.iter().skip(k) {
        let key = old_key(&r);
        if olds.insert(key.clone(), r).is_none() {
            order.push(key);
        }
    }
    for r in new.iter().skip(k) {
        out.push((olds.remove(&new_key(&r)), Some(r)));
    }
    for key in order {
        if let Some(r) = olds.remove(&key) {
            out.push((Some(r), None));
        }
    }
    out
}

/// Rows grouped by a key, the groups in the order their keys first come;
/// a group is found by its key through an index, not by a search.
pub(crate) struct Groups<'a> {
    list: Vec<(String, Vec<Row<'a>>)>,
    at: HashMap<String, usize>,
}

impl<'a> Groups<'a> {
    /// `rows` grouped by `key`.
    pub(crate) fn of(
        rows: impl Iterator<Item = Row<'a>>,
        key: impl Fn(&Row<'a>) -> String,
    ) -> Self {
        let mut groups = Groups {
            list: Vec::new(),
            at: HashMap::new(),
        };
        for r in rows {
            let k = key(&r);
            match groups.at.get(&k).and_then(|&p| groups.list.get_mut(p)) {
                Some((_, group)) => group.push(r),
                None => {
                    groups.at.insert(k.clone(), groups.list.len());
                    groups.list.push((k, vec![r]));
                }
            }
        }
        groups
    }

    /// The rows of group `key` (none where there is no such group).
    pub(crate) fn get(&self, key: &str) -> &[Row<'a>] {
        (self.at.get(key).and_then(|&p| self.list.get(p))).map_or(&[], |(_, rows)| rows.as_slice())
    }

    /// The keys of `new`'s groups, then those only `old` has.
    pub(crate) fn keys<'g>(old: &'g Groups<'_>, new: &'g Groups<'_>) -> Vec<&'g str> {
        let mut keys: Vec<&str> = new.list.iter().map(|(k, _)| k.as_str()).collect();
        keys.extend(
            (old.list.iter().map(|(k, _)| k.as_str())).filter(|k| !new.at.contains_key(*k)),
        );
        keys
    }
}

/// A question as people write it: ア②, キ②パンフレット等; for a row without
/// a question (page 1's 「いずれかを実施」), the item and `activity`.
pub(crate) fn question_label(r: &Row<'_>, activity: Option<&str>) -> String {
    let item = r.text(column::ITEM);
    let sub = r
        .text_of(column::SUB_QUESTION)
        .and_then(|id| SubQuestion::IDS.iter().position(|s| *s == id))
        .and_then(|k| {
            [SubQuestion::Pamphlet, SubQuestion::Website]
                .get(k)
                .copied()
        })
        .map_or("", |s| s.label());
    match question_no(r) {
        Some(q) => format!("{item}{}{sub}", marker(q)),
        None => format!("{item} {}", activity.unwrap_or_default()),
    }
}

/// Where a row's question stands in the report: its item, number and
/// sub-question (to list changes question by question).
pub(crate) fn question_order(r: &Row<'_>) -> (usize, u8, usize) {
    let item = r
        .text(column::ITEM)
        .chars()
        .next()
        .and_then(zaitaku_parse::layout::Item::from_katakana)
        .and_then(|i| {
            zaitaku_parse::layout::Item::ALL
                .iter()
                .position(|x| *x == i)
        })
        .unwrap_or(usize::MAX);
    let question = question_no(r).unwrap_or(u8::MAX);
    let sub = r
        .text_of(column::SUB_QUESTION)
        .and_then(|id| SubQuestion::IDS.iter().position(|s| *s == id))
        .unwrap_or(0);
    (item, question, sub)
}

/// A row's question number (`question`), where it has one.
fn question_no(r: &Row<'_>) -> Option<u8> {
    u8::try_from(r.get(column::QUESTION)?.int()?).ok()
}

/// A municipality as people write it: its name (its code where the table has no name).
pub(crate) fn municipality(r: &Row<'_>) -> String {
    r.text_of(column::MUNICIPALITY_NAME)
        .or(r.text_of(column::MUNICIPALITY_CODE))
        .unwrap_or_default()
        .to_string()
}

/// A share's change in points: 「+1.9 pt」.
pub(crate) fn points(old: Option<Value<'_>>, new: Option<Value<'_>>) -> Option<String> {
    let (a, b) = (old?.number()?, new?.number()?);
    Some(format!("{:+.1} pt", b - a))
}

/// One change per column of `fields` that differs between two rows of one
/// key (named by `key`, made only where something changed).
#[allow(clippy::too_many_arguments)]
pub(crate) fn fields(
    out: &mut Vec<Change>,
    table: &'static str,
    key: impl Fn() -> String,
    code: Option<&str>,
    (old, new): (Row<'_>, Row<'_>),
    fields: &Columns<'_>,
    shares: &[&str],
) {
    let mut label: Option<String> = None;
    for (k, f) in fields.names.iter().enumerate() {
        // A column one side's build does not have (an output written by an
        // earlier version) holds no value to compare.
        let on_both = |places: &[Option<usize>]| places.get(k).copied().flatten().is_some();
        if !on_both(&fields.old) || !on_both(&fields.new) {
            continue;
        }
        let a = fields
            .old
            .get(k)
            .copied()
            .flatten()
            .and_then(|i| old.value(i));
        let b = fields
            .new
            .get(k)
            .copied()
            .flatten()
            .and_then(|i| new.value(i));
        if same_value(a, b) || undecided_in_one(table, f, (old, new), (a, b)) {
            continue;
        }
        let key = label.get_or_insert_with(&key).clone();
        out.push(Change {
            table,
            key,
            municipality_code: code.map(str::to_string),
            field: f,
            old: a.map(|v| v.to_string()),
            new: b.map(|v| v.to_string()),
            kind: Kind::Changed,
            old_at: old.at(),
            new_at: new.at(),
            note: shares.contains(f).then(|| points(a, b)).flatten(),
        });
    }
}

/// A row only one edition has: `added` or `removed`, its `shown` value in full.
pub(crate) fn whole_row(
    out: &mut Vec<Change>,
    table: &'static str,
    key: String,
    (old, new): (Option<Row<'_>>, Option<Row<'_>>),
    shown: &str,
) {
    let (kind, row) = match (old, new) {
        (None, Some(r)) => (Kind::Added, r),
        (Some(r), None) => (Kind::Removed, r),
        _ => return,
    };
    out.push(Change {
        table,
        key,
        municipality_code: row.text_of(column::MUNICIPALITY_CODE).map(str::to_string),
        field: whole::ROW,
        old: old.and_then(|r| r.get(shown)).map(|v| v.to_string()),
        new: new.and_then(|r| r.get(shown)).map(|v| v.to_string()),
        kind,
        old_at: old.and_then(|r| r.at()),
        new_at: new.and_then(|r| r.at()),
        note: None,
    });
}

/// Whether field `f` of a row of `table` is null on one side only because
/// that side's text cannot decide it (its own columns say so), the other
/// deciding it: no change of the data, and not listed as one. Two readings
/// of one edition (a PDF and a text, two extractors' texts) differ so: an
/// association's year cell (`resolution` `unresolved`: its participation,
/// and the resolution itself), a window's target columns
/// (`targets_resolved` false), a window's name (`name_source` `unknown`).
pub(crate) fn undecided_in_one(
    table: &str,
    f: &str,
    (old, new): (Row<'_>, Row<'_>),
    (a, b): (Option<Value<'_>>, Option<Value<'_>>),
) -> bool {
    use zaitaku_table::names::{column, table as tables};
    // How a cell was decided, where one reading could not decide it.
    if (table, f) == (tables::ASSOCIATION_PROGRAM_YEARS, column::RESOLUTION) {
        let unresolved = Some(Value::Text(Resolution::Unresolved.id()));
        return a == unresolved || b == unresolved;
    }
    let undecided = |row: &Row<'_>| match (table, f) {
        (tables::ASSOCIATION_PROGRAM_YEARS, column::PARTICIPATED) => {
            row.text_of(column::RESOLUTION) == Some(Resolution::Unresolved.id())
        }
        (
            tables::CONSULTATION_WINDOWS,
            column::FOR_PATIENTS_FAMILIES
            | column::FOR_MEDICAL_INSTITUTIONS
            | column::FOR_HOME_NURSING_STATIONS
            | column::FOR_COMMUNITY_SUPPORT_CENTERS
            | column::FOR_CARE_MANAGERS,
        ) => row.get(column::TARGETS_RESOLVED).and_then(Value::flag) == Some(false),
        (tables::CONSULTATION_WINDOWS, column::NAME) => {
            row.text_of(column::NAME_SOURCE) == Some(NameSource::Unknown.id())
        }
        _ => false,
    };
    (a.is_none() && b.is_some() && undecided(&old))
        || (b.is_none() && a.is_some() && undecided(&new))
}

/// Whether two values of a field are the same: equal, or texts that differ
/// only in white space (where a cell's line wrapped when typeset, or how an
/// extractor spaced it: 「年末年始 午前9時」 and 「年末年始午前9時」 read from two
/// typesettings of one PDF), which is no change of the data.
pub(crate) fn same_value(a: Option<Value<'_>>, b: Option<Value<'_>>) -> bool {
    let squeezed = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    match (a, b) {
        (Some(Value::Text(a)), Some(Value::Text(b))) => a == b || squeezed(a) == squeezed(b),
        (a, b) => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::{same_value, undecided_in_one};
    use crate::rows::tests::table_of;
    use zaitaku_table::Value;

    #[test]
    fn a_value_one_reading_leaves_undecided_is_no_change() {
        let rows = table_of(
            "consultation_windows",
            "for_care_managers,targets_resolved,name,name_source,fax\n\
             true,true,窓口,printed,03-1\n\
             ,false,,unknown,\n",
        );
        let (decided, undecided) = (rows.iter().next().unwrap(), rows.iter().nth(1).unwrap());
        let t = "consultation_windows";
        let pair = |f: &str| {
            let (a, b) = (decided.get(f), undecided.get(f));
            undecided_in_one(t, f, (decided, undecided), (a, b))
                && undecided_in_one(t, f, (undecided, decided), (b, a))
        };
        // Its target columns and its name the other reading cannot decide.
        assert!(pair("for_care_managers"));
        assert!(pair("name"));
        // A fax printed in one and null in the other is a change.
        assert!(!pair("fax"));
        // So is a target the other reading decided otherwise, or in another table.
        assert!(!undecided_in_one(
            t,
            "for_care_managers",
            (decided, decided),
            (Some(Value::Bool(true)), Some(Value::Bool(false)))
        ));
        assert!(!undecided_in_one(
            "municipalities",
            "name",
            (decided, undecided),
            (Some(Value::Text("窓口")), None)
        ));
    }

    #[test]
    fn values_differing_only_in_white_space_are_the_same() {
        assert!(same_value(
            Some(Value::Text("年末年始 午前9時")),
            Some(Value::Text("年末年始午前9時"))
        ));
        assert!(same_value(
            Some(Value::Text("a\u{3000}b")),
            Some(Value::Text("a b"))
        ));
        assert!(same_value(None, None));
        assert!(!same_value(
            Some(Value::Text("午前9時")),
            Some(Value::Text("午前8時"))
        ));
        assert!(!same_value(Some(Value::Text("")), None));
        assert!(!same_value(Some(Value::Text(" ")), Some(Value::Text("x"))));
    }
}
