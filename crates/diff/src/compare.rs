//! The comparisons on a table's key: page 1/2 figures, marks, options,
//! association programs, municipalities.

use crate::{Change, Edition, Kind, Row, Rows};
use std::collections::HashMap;
use zaitaku_parse::layout::{marker, SubQuestion};

/// Columns by name, looked up once per table on each side (the two
/// editions' tables may order their columns differently).
pub(crate) struct Columns<'n> {
    /// The names.
    names: &'n [&'n str],
    old: Vec<Option<usize>>,
    new: Vec<Option<usize>>,
}

impl<'n> Columns<'n> {
    /// `names`' places in `old` and in `new`.
    pub(crate) fn new(old: &Rows, new: &Rows, names: &'n [&'n str]) -> Self {
        Columns {
            names,
            old: names.iter().map(|n| old.column(n)).collect(),
            new: names.iter().map(|n| new.column(n)).collect(),
        }
    }

    /// Value `k` of an old row.
    fn old(&self, r: &Row<'n>, k: usize) -> Option<&'n str> {
        r.value(self.old.get(k).copied().flatten()?)
    }

    /// Value `k` of a new row.
    fn new_value(&self, r: &Row<'n>, k: usize) -> Option<&'n str> {
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
    key: &'a [&'a str],
) -> Vec<(Option<Row<'a>>, Option<Row<'a>>)> {
    let cols = Columns::new(old, new, key);
    let old_key =
        |r: &Row<'a>| -> Vec<Option<&'a str>> { (0..key.len()).map(|k| cols.old(r, k)).collect() };
    let new_key = |r: &Row<'a>| -> Vec<Option<&'a str>> {
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
    let mut olds: HashMap<Vec<Option<&str>>, Row<'a>> = HashMap::new();
    let mut order: Vec<Vec<Option<&str>>> = Vec::new();
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

/// Rows grouped by `key`, groups in order of first appearance.
pub(crate) fn group_by<'a>(
    rows: impl Iterator<Item = Row<'a>>,
    key: impl Fn(&Row<'a>) -> String,
) -> Vec<(String, Vec<Row<'a>>)> {
    let mut out: Vec<(String, Vec<Row<'a>>)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for r in rows {
        let k = key(&r);
        match at.get(&k).and_then(|&p| out.get_mut(p)) {
            Some((_, group)) => group.push(r),
            None => {
                at.insert(k.clone(), out.len());
                out.push((k, vec![r]));
            }
        }
    }
    out
}

/// The rows of group `key` (none where there is no such group).
pub(crate) fn group_of<'a>(groups: &[(String, Vec<Row<'a>>)], key: &str) -> Vec<Row<'a>> {
    groups
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, rows)| rows.clone())
        .unwrap_or_default()
}

/// The keys of `new`'s groups, then those only `old` has.
pub(crate) fn group_keys<'g>(
    old: &'g [(String, Vec<Row<'_>>)],
    new: &'g [(String, Vec<Row<'_>>)],
) -> Vec<&'g str> {
    let mut keys: Vec<&str> = new.iter().map(|(k, _)| k.as_str()).collect();
    keys.extend(
        old.iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !new.iter().any(|(n, _)| n == k)),
    );
    keys
}

/// A question as people write it: ア②, キ②パンフレット等; for a row without
/// a question (page 1's 「いずれかを実施」), the item and `activity`.
pub(crate) fn question_label(r: &Row<'_>, activity: Option<&str>) -> String {
    let item = r.text("item");
    let sub = r
        .get("sub_question")
        .and_then(|id| SubQuestion::IDS.iter().position(|s| *s == id))
        .and_then(|k| {
            [SubQuestion::Pamphlet, SubQuestion::Website]
                .get(k)
                .copied()
        })
        .map_or("", |s| s.label());
    match r.get("question").and_then(|q| q.parse::<u8>().ok()) {
        Some(q) => format!("{item}{}{sub}", marker(q)),
        None => format!("{item} {}", activity.unwrap_or_default()),
    }
}

/// Where a row's question stands in the report: its item, number and
/// sub-question (to list changes question by question).
fn question_order(r: &Row<'_>) -> (usize, u8, usize) {
    let item = r
        .text("item")
        .chars()
        .next()
        .and_then(zaitaku_parse::layout::Item::from_katakana)
        .and_then(|i| {
            zaitaku_parse::layout::Item::ALL
                .iter()
                .position(|x| *x == i)
        })
        .unwrap_or(usize::MAX);
    let question = r
        .get("question")
        .and_then(|q| q.parse().ok())
        .unwrap_or(u8::MAX);
    let sub = r
        .get("sub_question")
        .and_then(|id| SubQuestion::IDS.iter().position(|s| *s == id))
        .unwrap_or(0);
    (item, question, sub)
}

/// A municipality as people write it: its name (its code where the table has no name).
pub(crate) fn municipality(r: &Row<'_>) -> String {
    r.get("municipality_name")
        .or(r.get("municipality_code"))
        .unwrap_or_default()
        .to_string()
}

/// A share's change in points: 「+1.9 pt」.
fn points(old: Option<&str>, new: Option<&str>) -> Option<String> {
    let (a, b): (f64, f64) = (old?.parse().ok()?, new?.parse().ok()?);
    Some(format!("{:+.1} pt", b - a))
}

/// One change per column of `fields` that differs between two rows of one
/// key (named by `key`, made only where something changed).
#[allow(clippy::too_many_arguments)]
fn fields(
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
        if a == b {
            continue;
        }
        let key = label.get_or_insert_with(&key).clone();
        out.push(Change {
            table,
            key,
            municipality_code: code.map(str::to_string),
            field: (*f).to_string(),
            old: a.map(str::to_string),
            new: b.map(str::to_string),
            kind: Kind::Changed,
            old_at: old.at(),
            new_at: new.at(),
            note: shares.contains(f).then(|| points(a, b)).flatten(),
        });
    }
}

/// A row only one edition has: `added` or `removed`, its `shown` value in full.
fn whole_row(
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
        municipality_code: row.get("municipality_code").map(str::to_string),
        field: "row".into(),
        old: old.and_then(|r| r.get(shown)).map(str::to_string),
        new: new.and_then(|r| r.get(shown)).map(str::to_string),
        kind,
        old_at: old.and_then(|r| r.at()),
        new_at: new.and_then(|r| r.at()),
        note: None,
    });
}

/// Pages 1 and 2: each row's figures, matched on its item, question,
/// sub-question (and activity or option).
pub(crate) fn figures(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const T1: &str = "program_summary";
    let key = ["item", "activity", "question", "sub_question"];
    let cols = Columns::new(
        old.table(T1),
        new.table(T1),
        &[
            "count_current",
            "pct_current",
            "count_previous",
            "pct_previous",
            "change_pct",
            "n",
            "fy_current",
            "fy_previous",
        ],
    );
    for pair in by_key(old.table(T1), new.table(T1), &key) {
        let any = pair.1.or(pair.0);
        let Some(r) = any else { continue };
        let label = || {
            format!(
                "{} {}",
                question_label(&r, Some("")).trim_end(),
                r.text("activity")
            )
        };
        match pair {
            (Some(a), Some(b)) => fields(
                out,
                T1,
                label,
                None,
                (a, b),
                &cols,
                &["pct_current", "pct_previous"],
            ),
            _ => whole_row(out, T1, label(), pair, "count_current"),
        }
    }
    const T2: &str = "question_summary";
    let key = ["item", "question", "sub_question", "option"];
    let cols = Columns::new(
        old.table(T2),
        new.table(T2),
        &[
            "count_yes",
            "pct_yes",
            "count_no",
            "pct_no",
            "n",
            "question_text",
            "option_text",
        ],
    );
    for pair in by_key(old.table(T2), new.table(T2), &key) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let label = || match r.get("option") {
            Some(o) => format!("{} {o}", question_label(&r, None)),
            None => question_label(&r, None),
        };
        match pair {
            (Some(a), Some(b)) => {
                fields(out, T2, label, None, (a, b), &cols, &["pct_yes", "pct_no"])
            }
            _ => whole_row(out, T2, label(), pair, "count_yes"),
        }
    }
}

/// Pages 3–4: each municipality × question's mark, a change told by the
/// report's 「実施・予定」 (`implemented_or_planned`): started, stopped, or
/// another mark change.
pub(crate) fn answers(all: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const T: &str = "municipality_answers";
    // Question by question, each question's municipalities in the table's order.
    let mut out: Vec<Change> = Vec::new();
    let mut order: Vec<(usize, u8, usize)> = Vec::new();
    let key = ["municipality_code", "item", "question", "sub_question"];
    let cols = Columns::new(old.table(T), new.table(T), &["mark", "status"]);
    for pair in by_key(old.table(T), new.table(T), &key) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let label = || format!("{} {}", question_label(&r, None), municipality(&r));
        let (a, b) = match pair {
            (Some(a), Some(b)) => (a, b),
            _ => {
                whole_row(&mut out, T, label(), pair, "mark");
                order.resize(out.len(), question_order(&r));
                continue;
            }
        };
        if (0..2).all(|k| cols.old(&a, k) == cols.new_value(&b, k)) {
            continue;
        }
        let label = label();
        let counted = |r: &Row<'_>| r.get("implemented_or_planned") == Some("true");
        let kind = match (counted(&a), counted(&b)) {
            (false, true) => Kind::Started,
            (true, false) => Kind::Stopped,
            _ => Kind::MarkChanged,
        };
        out.push(Change {
            table: T,
            key: label,
            municipality_code: b.get("municipality_code").map(str::to_string),
            field: "mark".into(),
            old: a.get("mark").map(str::to_string),
            new: b.get("mark").map(str::to_string),
            kind,
            old_at: a.at(),
            new_at: b.at(),
            note: Some(format!(
                "{} → {} ({} → {})",
                a.text("mark"),
                b.text("mark"),
                a.text("status"),
                b.text("status")
            )),
        });
        order.resize(out.len(), question_order(&r));
    }
    let mut sorted: Vec<((usize, u8, usize), Change)> = order.into_iter().zip(out).collect();
    sorted.sort_by_key(|(o, _)| *o);
    all.extend(sorted.into_iter().map(|(_, c)| c));
}

/// Pages 3–4's option texts: per municipality × question, the options
/// chosen now and not before (gained), and before and not now (lost). An
/// option is its canonical label, or its text as printed where it matches
/// none.
pub(crate) fn choices(all: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const T: &str = "municipality_choices";
    // Question by question, as the marks.
    let mut out: Vec<Change> = Vec::new();
    let mut order: Vec<(usize, u8, usize)> = Vec::new();
    let key = |r: &Row<'_>| {
        format!(
            "{}/{}/{}",
            r.text("municipality_code"),
            r.text("item"),
            r.text("question")
        )
    };
    let olds = group_by(old.table(T).iter(), key);
    let news = group_by(new.table(T).iter(), key);
    let option = |r: &Row<'_>| {
        r.get("option")
            .or(r.get("raw_text"))
            .unwrap_or_default()
            .to_string()
    };
    for k in group_keys(&olds, &news) {
        let (a, b) = (group_of(&olds, k), group_of(&news, k));
        let Some(r) = b.first().or(a.first()).copied() else {
            continue;
        };
        let label = format!("{} {}", question_label(&r, None), municipality(&r));
        let mut lost: Vec<Row<'_>> = a.clone();
        let mut gained = Vec::new();
        for r in &b {
            match lost.iter().position(|x| option(x) == option(r)) {
                Some(p) => {
                    lost.remove(p);
                }
                None => gained.push(*r),
            }
        }
        for (kind, rows) in [(Kind::OptionLost, lost), (Kind::OptionGained, gained)] {
            for x in rows {
                let is_lost = kind == Kind::OptionLost;
                out.push(Change {
                    table: T,
                    key: label.clone(),
                    municipality_code: x.get("municipality_code").map(str::to_string),
                    field: "option".into(),
                    old: is_lost.then(|| option(&x)),
                    new: (!is_lost).then(|| option(&x)),
                    kind,
                    old_at: if is_lost {
                        x.at()
                    } else {
                        a.first().and_then(|r| r.at())
                    },
                    new_at: if is_lost {
                        b.first().and_then(|r| r.at())
                    } else {
                        x.at()
                    },
                    note: None,
                });
            }
        }
        order.resize(out.len(), question_order(&r));
    }
    let mut sorted: Vec<((usize, u8, usize), Change)> = order.into_iter().zip(out).collect();
    sorted.sort_by_key(|(o, _)| *o);
    all.extend(sorted.into_iter().map(|(_, c)| c));
}

/// Pages 5–6: each association's row, its year cells and the totals.
pub(crate) fn associations(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const P: &str = "association_programs";
    let key = ["program", "association"];
    let label = |r: &Row<'_>| format!("{} {}", r.text("program"), r.text("association"));
    let cols = Columns::new(
        old.table(P),
        new.table(P),
        &["group", "municipality_code", "years_marked", "note"],
    );
    for pair in by_key(old.table(P), new.table(P), &key) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        match pair {
            (Some(a), Some(b)) => fields(
                out,
                P,
                || label(&r),
                b.get("municipality_code"),
                (a, b),
                &cols,
                &[],
            ),
            _ => whole_row(out, P, label(&r), pair, "years_marked"),
        }
    }
    // A year cell's place is its association's row.
    const Y: &str = "association_program_years";
    let rows_at = |e: &Edition| -> HashMap<(String, String), crate::At> {
        e.table(P)
            .iter()
            .filter_map(|r| {
                Some((
                    (
                        r.text("program").to_string(),
                        r.text("association").to_string(),
                    ),
                    r.at()?,
                ))
            })
            .collect()
    };
    // Only where a cell changed.
    let (old_at, new_at) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
    let cols = Columns::new(old.table(Y), new.table(Y), &["participated", "resolution"]);
    let at = |m: &HashMap<(String, String), crate::At>, r: Option<Row<'_>>| {
        r.and_then(|r| {
            m.get(&(
                r.text("program").to_string(),
                r.text("association").to_string(),
            ))
            .copied()
        })
    };
    for pair in by_key(
        old.table(Y),
        new.table(Y),
        &["program", "association", "fiscal_year"],
    ) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let key = || format!("{} FY{}", label(&r), r.text("fiscal_year"));
        let before = out.len();
        match pair {
            (Some(a), Some(b)) => fields(out, Y, key, None, (a, b), &cols, &[]),
            _ => whole_row(out, Y, key(), pair, "participated"),
        }
        for c in out.iter_mut().skip(before) {
            c.old_at = at(old_at.get_or_init(|| rows_at(old)), pair.0);
            c.new_at = at(new_at.get_or_init(|| rows_at(new)), pair.1);
        }
    }
    const T: &str = "association_program_totals";
    let cols = Columns::new(old.table(T), new.table(T), &["count", "basis", "note"]);
    for pair in by_key(old.table(T), new.table(T), &["program", "fiscal_year"]) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let key = || format!("{} FY{}", r.text("program"), r.text("fiscal_year"));
        match pair {
            (Some(a), Some(b)) => fields(out, T, key, None, (a, b), &cols, &[]),
            _ => whole_row(out, T, key(), pair, "count"),
        }
    }
}

/// The municipalities: one that joins or leaves the survey (`in_survey`)
/// or the list appears or disappears; a changed number or name is a change.
pub(crate) fn municipalities(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const T: &str = "municipalities";
    let cols = Columns::new(
        old.table(T),
        new.table(T),
        &["municipality_name", "survey_no", "kind", "area"],
    );
    for pair in by_key(old.table(T), new.table(T), &["municipality_code"]) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let key = format!("{} {}", r.text("municipality_code"), municipality(&r));
        let code = r.get("municipality_code");
        let change = |kind, field: &str, old: Option<&str>, new: Option<&str>, note: &str| Change {
            table: T,
            key: key.clone(),
            municipality_code: code.map(str::to_string),
            field: field.into(),
            old: old.map(str::to_string),
            new: new.map(str::to_string),
            kind,
            old_at: None,
            new_at: None,
            note: Some(note.into()),
        };
        match pair {
            (Some(a), Some(b)) => {
                let (x, y) = (a.get("in_survey"), b.get("in_survey"));
                match (x, y) {
                    (Some("false"), Some("true")) => out.push(change(
                        Kind::MunicipalityAppeared,
                        "in_survey",
                        x,
                        y,
                        "joined the survey",
                    )),
                    (Some("true"), Some("false")) => out.push(change(
                        Kind::MunicipalityDisappeared,
                        "in_survey",
                        x,
                        y,
                        "left the survey",
                    )),
                    _ => {}
                }
                fields(out, T, || key.clone(), code, (a, b), &cols, &[]);
            }
            (None, Some(b)) => out.push(change(
                Kind::MunicipalityAppeared,
                "row",
                None,
                b.get("municipality_name"),
                "new in the reference list",
            )),
            (Some(a), None) => out.push(change(
                Kind::MunicipalityDisappeared,
                "row",
                a.get("municipality_name"),
                None,
                "gone from the reference list",
            )),
            (None, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{diff, parse_csv, Edition, Kind};

    fn edition(table: &str, csv: &str) -> Edition {
        Edition {
            edition: "2017-07-31".into(),
            tables: [(table.to_string(), parse_csv(csv).unwrap())].into(),
        }
    }

    #[test]
    fn options_gained_and_lost_per_municipality_and_question() {
        let head =
            "edition,municipality_code,municipality_name,item,question,choice_no,option,raw_text";
        let old = edition(
            "municipality_choices",
            &format!("{head}\ne,131016,千代田区,ウ,3,1,その他,その他\ne,131016,千代田区,ウ,3,2,急変時診療機関の確保,急変時…"),
        );
        let new = edition(
            "municipality_choices",
            &format!("{head}\ne,131016,千代田区,ウ,3,1,急変時診療機関の確保,急変時…\ne,131016,千代田区,ウ,3,2,,伝書鳩"),
        );
        let got: Vec<(Kind, Option<String>, Option<String>)> = diff(&old, &new)
            .into_iter()
            .map(|c| (c.kind, c.old, c.new))
            .collect();
        assert_eq!(
            got,
            [
                (Kind::OptionLost, Some("その他".into()), None),
                // An option matching no vocabulary entry is its text.
                (Kind::OptionGained, None, Some("伝書鳩".into())),
            ]
        );
    }

    #[test]
    fn a_municipality_joining_the_survey_appears() {
        let head = "municipality_code,municipality_name,survey_no,kind,area,in_survey";
        let old = edition(
            "municipalities",
            &format!("{head}\n133604,大島町,,town,islands,false"),
        );
        let new = edition(
            "municipalities",
            &format!("{head}\n133604,大島町,54,town,islands,true"),
        );
        let got: Vec<(Kind, String)> = diff(&old, &new)
            .into_iter()
            .map(|c| (c.kind, c.field))
            .collect();
        assert_eq!(
            got,
            [
                (Kind::MunicipalityAppeared, "in_survey".to_string()),
                (Kind::Changed, "survey_no".to_string())
            ]
        );
    }

    #[test]
    fn a_page_one_row_only_one_edition_has_is_added_or_removed() {
        let head = "edition,item,activity,question,sub_question,count_current,pct_current,source_page,source_line";
        let old = edition(
            "program_summary",
            &format!("{head}\ne,ア,資源の把握,1,,53,100.0,1,10"),
        );
        let new = edition(
            "program_summary",
            &format!("{head}\ne,ア,資源の把握,1,,53,100.0,1,10\ne,ア,新しい取組,4,,10,18.9,1,12"),
        );
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 1);
        assert_eq!(
            (changes[0].kind, changes[0].key.as_str()),
            (Kind::Added, "ア④ 新しい取組")
        );
        let back = diff(&new, &old);
        assert_eq!(back[0].kind, Kind::Removed);
    }
}

#[cfg(test)]
mod order_tests {
    use crate::{diff, parse_csv, Edition};

    #[test]
    fn mark_changes_are_listed_question_by_question() {
        let head = "edition,municipality_code,municipality_name,item,question,sub_question,mark,status,implemented_or_planned";
        let table = |marks: [&str; 4]| {
            let rows = [
                ("131016", "千代田区", "イ", "1"),
                ("131016", "千代田区", "ア", "2"),
                ("131024", "中央区", "イ", "1"),
                ("131024", "中央区", "ア", "2"),
            ];
            let mut csv = head.to_string();
            for ((code, name, item, q), m) in rows.iter().zip(marks) {
                csv += &format!("\ne,{code},{name},{item},{q},,{m},s,true");
            }
            Edition {
                edition: "e".into(),
                tables: [("municipality_answers".to_string(), parse_csv(&csv).unwrap())].into(),
            }
        };
        let keys: Vec<String> = diff(&table(["○", "○", "○", "○"]), &table(["◎", "◎", "◎", "◎"]))
            .into_iter()
            .map(|c| c.key)
            .collect();
        assert_eq!(
            keys,
            ["ア② 千代田区", "ア② 中央区", "イ① 千代田区", "イ① 中央区"]
        );
    }
}
