//! The comparisons on a table's key: page 1/2 figures, marks, options,
//! association programs, municipalities.

use crate::pairs::{
    by_key, fields, municipality, question_label, question_order, whole_row, Columns, Groups,
};
use crate::whole;
use crate::{Change, Edition, Kind, Row};
use std::collections::HashMap;
use zaitaku_table::names::{column, table as tables};
use zaitaku_table::Value;

/// Pages 1 and 2: each row's figures, matched on its item, question,
/// sub-question (and activity or option).
pub(crate) fn figures(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const T1: &str = tables::PROGRAM_SUMMARY;
    let key = [
        column::ITEM,
        column::ACTIVITY,
        column::QUESTION,
        column::SUB_QUESTION,
    ];
    let cols = Columns::new(
        old.table(T1),
        new.table(T1),
        &[
            column::COUNT_CURRENT,
            column::PCT_CURRENT,
            column::COUNT_PREVIOUS,
            column::PCT_PREVIOUS,
            column::CHANGE_PCT,
            column::N,
            column::FY_CURRENT,
            column::FY_PREVIOUS,
        ],
    );
    for pair in by_key(old.table(T1), new.table(T1), &key) {
        let any = pair.1.or(pair.0);
        let Some(r) = any else { continue };
        let label = || {
            format!(
                "{} {}",
                question_label(&r, Some("")).trim_end(),
                r.text(column::ACTIVITY)
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
                &[column::PCT_CURRENT, column::PCT_PREVIOUS],
            ),
            _ => whole_row(out, T1, label(), pair, column::COUNT_CURRENT),
        }
    }
    const T2: &str = tables::QUESTION_SUMMARY;
    let key = [
        column::ITEM,
        column::QUESTION,
        column::SUB_QUESTION,
        column::OPTION,
    ];
    let cols = Columns::new(
        old.table(T2),
        new.table(T2),
        &[
            column::COUNT_YES,
            column::PCT_YES,
            column::COUNT_NO,
            column::PCT_NO,
            column::N,
            column::QUESTION_TEXT,
            column::OPTION_TEXT,
        ],
    );
    for pair in by_key(old.table(T2), new.table(T2), &key) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let label = || match r.text_of(column::OPTION) {
            Some(o) => format!("{} {o}", question_label(&r, None)),
            None => question_label(&r, None),
        };
        match pair {
            (Some(a), Some(b)) => fields(
                out,
                T2,
                label,
                None,
                (a, b),
                &cols,
                &[column::PCT_YES, column::PCT_NO],
            ),
            _ => whole_row(out, T2, label(), pair, column::COUNT_YES),
        }
    }
}

/// Pages 3–4: each municipality × question's mark, a change told by the
/// report's 「実施・予定」 (`implemented_or_planned`): started, stopped, or
/// another mark change.
pub(crate) fn answers(all: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const T: &str = tables::MUNICIPALITY_ANSWERS;
    // Question by question, each question's municipalities in the table's order.
    let mut out: Vec<Change> = Vec::new();
    let mut order: Vec<(usize, u8, usize)> = Vec::new();
    let key = [
        column::MUNICIPALITY_CODE,
        column::ITEM,
        column::QUESTION,
        column::SUB_QUESTION,
    ];
    let cols = Columns::new(old.table(T), new.table(T), &[column::MARK, column::STATUS]);
    for pair in by_key(old.table(T), new.table(T), &key) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let label = || format!("{} {}", question_label(&r, None), municipality(&r));
        let (a, b) = match pair {
            (Some(a), Some(b)) => (a, b),
            _ => {
                whole_row(&mut out, T, label(), pair, column::MARK);
                order.resize(out.len(), question_order(&r));
                continue;
            }
        };
        if (0..2).all(|k| cols.old(&a, k) == cols.new_value(&b, k)) {
            continue;
        }
        let label = label();
        let counted =
            |r: &Row<'_>| r.get(column::IMPLEMENTED_OR_PLANNED).and_then(Value::flag) == Some(true);
        let kind = match (counted(&a), counted(&b)) {
            (false, true) => Kind::Started,
            (true, false) => Kind::Stopped,
            _ => Kind::MarkChanged,
        };
        out.push(Change {
            table: T,
            key: label,
            municipality_code: b.text_of(column::MUNICIPALITY_CODE).map(str::to_string),
            field: column::MARK,
            old: a.text_of(column::MARK).map(str::to_string),
            new: b.text_of(column::MARK).map(str::to_string),
            kind,
            old_at: a.at(),
            new_at: b.at(),
            note: Some(format!(
                "{} → {} ({} → {})",
                a.text(column::MARK),
                b.text(column::MARK),
                a.text(column::STATUS),
                b.text(column::STATUS)
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
    const T: &str = tables::MUNICIPALITY_CHOICES;
    // Question by question, as the marks.
    let mut out: Vec<Change> = Vec::new();
    let mut order: Vec<(usize, u8, usize)> = Vec::new();
    let key = |r: &Row<'_>| {
        format!(
            "{}/{}/{}",
            r.text(column::MUNICIPALITY_CODE),
            r.text(column::ITEM),
            r.shown(column::QUESTION)
        )
    };
    let olds = Groups::of(old.table(T).iter(), key);
    let news = Groups::of(new.table(T).iter(), key);
    let option = |r: &Row<'_>| option_of(r).to_string();
    for k in Groups::keys(&olds, &news) {
        let (a, b) = (olds.get(k), news.get(k));
        let Some(r) = b.first().or(a.first()).copied() else {
            continue;
        };
        let label = format!("{} {}", question_label(&r, None), municipality(&r));
        let mut lost: Vec<Row<'_>> = a.to_vec();
        let mut gained = Vec::new();
        for r in b {
            match lost.iter().position(|x| option_of(x) == option_of(r)) {
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
                    municipality_code: x.text_of(column::MUNICIPALITY_CODE).map(str::to_string),
                    field: column::OPTION,
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

/// A chosen option as the diff compares it: its canonical label, or its
/// text as printed where it matches none.
fn option_of<'a>(r: &Row<'a>) -> &'a str {
    (r.text_of(column::OPTION).or(r.text_of(column::RAW_TEXT))).unwrap_or_default()
}

/// Pages 5–6: each association's row, its year cells and the totals.
pub(crate) fn associations(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const P: &str = tables::ASSOCIATION_PROGRAMS;
    let key = [column::PROGRAM, column::ASSOCIATION];
    let label = |r: &Row<'_>| {
        format!(
            "{} {}",
            r.text(column::PROGRAM),
            r.text(column::ASSOCIATION)
        )
    };
    let cols = Columns::new(
        old.table(P),
        new.table(P),
        &[
            column::GROUP,
            column::MUNICIPALITY_CODE,
            column::YEARS_MARKED,
            column::NOTE,
        ],
    );
    for pair in by_key(old.table(P), new.table(P), &key) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        match pair {
            (Some(a), Some(b)) => fields(
                out,
                P,
                || label(&r),
                b.text_of(column::MUNICIPALITY_CODE),
                (a, b),
                &cols,
                &[],
            ),
            _ => whole_row(out, P, label(&r), pair, column::YEARS_MARKED),
        }
    }
    association_years(out, old, new);
    association_totals(out, old, new);
}

/// Pages 5–6's year cells, each placed where its association's row is.
fn association_years(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const P: &str = tables::ASSOCIATION_PROGRAMS;
    let label = |r: &Row<'_>| {
        format!(
            "{} {}",
            r.text(column::PROGRAM),
            r.text(column::ASSOCIATION)
        )
    };
    // A year cell's place is its association's row.
    const Y: &str = tables::ASSOCIATION_PROGRAM_YEARS;
    let rows_at = |e: &Edition| -> HashMap<(String, String), crate::At> {
        e.table(P)
            .iter()
            .filter_map(|r| {
                Some((
                    (
                        r.text(column::PROGRAM).to_string(),
                        r.text(column::ASSOCIATION).to_string(),
                    ),
                    r.at()?,
                ))
            })
            .collect()
    };
    // Only where a cell changed.
    let (old_at, new_at) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
    let cols = Columns::new(
        old.table(Y),
        new.table(Y),
        &[column::PARTICIPATED, column::RESOLUTION],
    );
    let at = |m: &HashMap<(String, String), crate::At>, r: Option<Row<'_>>| {
        r.and_then(|r| {
            m.get(&(
                r.text(column::PROGRAM).to_string(),
                r.text(column::ASSOCIATION).to_string(),
            ))
            .copied()
        })
    };
    for pair in by_key(
        old.table(Y),
        new.table(Y),
        &[column::PROGRAM, column::ASSOCIATION, column::FISCAL_YEAR],
    ) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let key = || format!("{} FY{}", label(&r), r.shown(column::FISCAL_YEAR));
        let before = out.len();
        match pair {
            (Some(a), Some(b)) => fields(out, Y, key, None, (a, b), &cols, &[]),
            _ => whole_row(out, Y, key(), pair, column::PARTICIPATED),
        }
        for c in out.iter_mut().skip(before) {
            c.old_at = at(old_at.get_or_init(|| rows_at(old)), pair.0);
            c.new_at = at(new_at.get_or_init(|| rows_at(new)), pair.1);
        }
    }
}

/// Pages 5–6's totals.
fn association_totals(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const T: &str = tables::ASSOCIATION_PROGRAM_TOTALS;
    let cols = Columns::new(
        old.table(T),
        new.table(T),
        &[column::COUNT, column::BASIS, column::NOTE],
    );
    for pair in by_key(
        old.table(T),
        new.table(T),
        &[column::PROGRAM, column::FISCAL_YEAR],
    ) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let key = || {
            format!(
                "{} FY{}",
                r.text(column::PROGRAM),
                r.shown(column::FISCAL_YEAR)
            )
        };
        match pair {
            (Some(a), Some(b)) => fields(out, T, key, None, (a, b), &cols, &[]),
            _ => whole_row(out, T, key(), pair, column::COUNT),
        }
    }
}

/// The municipalities: one that joins or leaves the survey (`in_survey`)
/// or the list appears or disappears; a changed number or name is a change.
pub(crate) fn municipalities(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    const T: &str = tables::MUNICIPALITIES;
    let cols = Columns::new(
        old.table(T),
        new.table(T),
        &[
            column::MUNICIPALITY_NAME,
            column::SURVEY_NO,
            column::KIND,
            column::AREA,
            column::ON_WINDOW_PAGES,
        ],
    );
    for pair in by_key(old.table(T), new.table(T), &[column::MUNICIPALITY_CODE]) {
        let Some(r) = pair.1.or(pair.0) else { continue };
        let key = format!("{} {}", r.text(column::MUNICIPALITY_CODE), municipality(&r));
        let code = r.text_of(column::MUNICIPALITY_CODE);
        let change = |kind,
                      field: &'static str,
                      old: Option<Value<'_>>,
                      new: Option<Value<'_>>,
                      note: &str| Change {
            table: T,
            key: key.clone(),
            municipality_code: code.map(str::to_string),
            field,
            old: old.map(|v| v.to_string()),
            new: new.map(|v| v.to_string()),
            kind,
            old_at: None,
            new_at: None,
            note: Some(note.into()),
        };
        match pair {
            (Some(a), Some(b)) => {
                let (x, y) = (a.get(column::IN_SURVEY), b.get(column::IN_SURVEY));
                match (x, y) {
                    (Some(Value::Bool(false)), Some(Value::Bool(true))) => out.push(change(
                        Kind::MunicipalityAppeared,
                        column::IN_SURVEY,
                        x,
                        y,
                        "joined the survey",
                    )),
                    (Some(Value::Bool(true)), Some(Value::Bool(false))) => out.push(change(
                        Kind::MunicipalityDisappeared,
                        column::IN_SURVEY,
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
                whole::ROW,
                None,
                b.get(column::MUNICIPALITY_NAME),
                "new in the reference list",
            )),
            (Some(a), None) => out.push(change(
                Kind::MunicipalityDisappeared,
                whole::ROW,
                a.get(column::MUNICIPALITY_NAME),
                None,
                "gone from the reference list",
            )),
            (None, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rows::tests::table_of;
    use crate::{diff, Edition, Kind};

    fn edition(table: &'static str, csv: &str) -> Edition {
        Edition {
            edition: crate::tests_date(),
            tables: [(table.to_string(), table_of(table, csv))].into(),
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
        let got: Vec<(Kind, &str)> = diff(&old, &new)
            .into_iter()
            .map(|c| (c.kind, c.field))
            .collect();
        assert_eq!(
            got,
            [
                (Kind::MunicipalityAppeared, "in_survey"),
                (Kind::Changed, "survey_no")
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
    use crate::rows::tests::table_of;
    use crate::{diff, Edition};

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
                edition: crate::tests_date(),
                tables: [(
                    "municipality_answers".to_string(),
                    table_of("municipality_answers", &csv),
                )]
                .into(),
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
