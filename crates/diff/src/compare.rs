//! The comparisons on a table's key: page 1/2 figures, marks, options,
//! association programs, municipalities.

use crate::{Change, Edition, Kind, Row, Rows};
use std::collections::HashMap;
use zaitaku_parse::layout::{marker, SubQuestion};

/// The rows of `old` and `new` paired on the `key` columns: the new
/// table's rows in order (with the old row of the same key, if any), then
/// the old rows no new row has.
pub(crate) fn by_key<'a>(
    old: &'a Rows,
    new: &'a Rows,
    key: &[&str],
) -> Vec<(Option<Row<'a>>, Option<Row<'a>>)> {
    let key_of = |r: &Row<'a>| -> Vec<Option<&'a str>> { key.iter().map(|k| r.get(k)).collect() };
    let mut olds: HashMap<Vec<Option<&str>>, Row<'a>> = HashMap::new();
    let mut order: Vec<Vec<Option<&str>>> = Vec::new();
    for r in old.iter() {
        let k = key_of(&r);
        if olds.insert(k.clone(), r).is_none() {
            order.push(k);
        }
    }
    let mut out = Vec::new();
    for r in new.iter() {
        out.push((olds.remove(&key_of(&r)), Some(r)));
    }
    for k in order {
        if let Some(r) = olds.remove(&k) {
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

/// One change per field of `fields` that differs between two rows of one key.
#[allow(clippy::too_many_arguments)]
fn fields(
    out: &mut Vec<Change>,
    table: &'static str,
    key: &str,
    code: Option<&str>,
    (old, new): (Row<'_>, Row<'_>),
    fields: &[&str],
    shares: &[&str],
) {
    for f in fields {
        let (a, b) = (old.get(f), new.get(f));
        if a == b {
            continue;
        }
        out.push(Change {
            table,
            key: key.to_string(),
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
    for pair in by_key(old.table(T1), new.table(T1), &key) {
        let any = pair.1.or(pair.0);
        let Some(r) = any else { continue };
        let label = format!(
            "{} {}",
            question_label(&r, Some("")).trim_end(),
            r.text("activity")
        );
        match pair {
            (Some(a), Some(b)) => fields(
                out,
                T1,
                &label,
                None,
                (a, b),
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
                &["pct_current", "pct_previous"],
            ),
            _ => whole_row(out, T1, label, pair, "count_current"),
        }
    }
    const T2: &str = "question_summary";
    let key = ["item", "question", "sub_question", "option"];
    for pair in by_key(old.table(T2), new.table(T2), &key) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let label = match r.get("option") {
            Some(o) => format!("{} {o}", question_label(&r, None)),
            None => question_label(&r, None),
        };
        match pair {
            (Some(a), Some(b)) => fields(
                out,
                T2,
                &label,
                None,
                (a, b),
                &[
                    "count_yes",
                    "pct_yes",
                    "count_no",
                    "pct_no",
                    "n",
                    "question_text",
                    "option_text",
                ],
                &["pct_yes", "pct_no"],
            ),
            _ => whole_row(out, T2, label, pair, "count_yes"),
        }
    }
}

/// Pages 3–4: each municipality × question's mark, a change told by the
/// report's 「実施・予定」 (`implemented_or_planned`): started, stopped, or
/// another mark change.
pub(crate) fn answers(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const T: &str = "municipality_answers";
    let key = ["municipality_code", "item", "question", "sub_question"];
    for pair in by_key(old.table(T), new.table(T), &key) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let label = format!("{} {}", question_label(&r, None), municipality(&r));
        let (a, b) = match pair {
            (Some(a), Some(b)) => (a, b),
            _ => {
                whole_row(out, T, label, pair, "mark");
                continue;
            }
        };
        if a.get("mark") == b.get("mark") && a.get("status") == b.get("status") {
            continue;
        }
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
    }
}

/// Pages 3–4's option texts: per municipality × question, the options
/// chosen now and not before (gained), and before and not now (lost). An
/// option is its canonical label, or its text as printed where it matches
/// none.
pub(crate) fn choices(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const T: &str = "municipality_choices";
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
    }
}

/// Pages 5–6: each association's row, its year cells and the totals.
pub(crate) fn associations(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const P: &str = "association_programs";
    let key = ["program", "association"];
    let label = |r: &Row<'_>| format!("{} {}", r.text("program"), r.text("association"));
    for pair in by_key(old.table(P), new.table(P), &key) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        match pair {
            (Some(a), Some(b)) => fields(
                out,
                P,
                &label(&r),
                b.get("municipality_code"),
                (a, b),
                &["group", "municipality_code", "years_marked", "note"],
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
    let (old_at, new_at) = (rows_at(old), rows_at(new));
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
        let key = format!("{} FY{}", label(&r), r.text("fiscal_year"));
        let before = out.len();
        match pair {
            (Some(a), Some(b)) => fields(
                out,
                Y,
                &key,
                None,
                (a, b),
                &["participated", "resolution"],
                &[],
            ),
            _ => whole_row(out, Y, key, pair, "participated"),
        }
        for c in out.iter_mut().skip(before) {
            c.old_at = at(&old_at, pair.0);
            c.new_at = at(&new_at, pair.1);
        }
    }
    const T: &str = "association_program_totals";
    for pair in by_key(old.table(T), new.table(T), &["program", "fiscal_year"]) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let key = format!("{} FY{}", r.text("program"), r.text("fiscal_year"));
        match pair {
            (Some(a), Some(b)) => {
                fields(out, T, &key, None, (a, b), &["count", "basis", "note"], &[])
            }
            _ => whole_row(out, T, key, pair, "count"),
        }
    }
}

/// The municipalities: one that joins or leaves the survey (`in_survey`)
/// or the list appears or disappears; a changed number or name is a change.
pub(crate) fn municipalities(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const T: &str = "municipalities";
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
                fields(
                    out,
                    T,
                    &key,
                    code,
                    (a, b),
                    &["municipality_name", "survey_no", "kind", "area"],
                    &[],
                );
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
