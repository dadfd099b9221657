//! Consultation windows and planned openings across two editions.
//!
//! A window has no number of its own across editions (`window_no` is its
//! place in its municipality's list, which moves when one opens before it),
//! so windows are matched within their municipality: first those equal in
//! every compared field, then by phone, then by name, a phone or name
//! matching only where it is unique among the municipality's windows left
//! on both sides. What stays unmatched is opened or closed; where both
//! sides keep one, the change says the text cannot tell an opened and a
//! closed window from one window whose phone and name both changed.

use crate::pairs::{municipality, same_value, undecided_in_one, Groups};
use crate::whole;
use crate::{Change, Edition, Kind, Row};
use zaitaku_table::names::{column, table as tables};

/// The fields compared between two matched windows.
pub const FIELDS: &[&str] = &[
    column::NAME,
    column::LOCATION,
    column::PHONE,
    column::PHONE_EXTENSION,
    column::FAX,
    column::HOURS,
    column::FOR_PATIENTS_FAMILIES,
    column::FOR_MEDICAL_INSTITUTIONS,
    column::FOR_HOME_NURSING_STATIONS,
    column::FOR_COMMUNITY_SUPPORT_CENTERS,
    column::FOR_CARE_MANAGERS,
    column::FOR_OTHER,
];

const T: &str = tables::CONSULTATION_WINDOWS;

/// Pairs `old` and `new` windows: (old index, new index) per match.
fn matches(old: &[Row<'_>], new: &[Row<'_>]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut old_left: Vec<usize> = (0..old.len()).collect();
    let mut new_left: Vec<usize> = (0..new.len()).collect();
    let same = |a: &Row<'_>, b: &Row<'_>| FIELDS.iter().all(|f| same_value(a.get(f), b.get(f)));
    // Equal in every field: paired in order.
    let mut k = 0;
    while let Some(&j) = new_left.get(k) {
        let hit = old_left
            .iter()
            .position(|&i| matches!((old.get(i), new.get(j)), (Some(a), Some(b)) if same(a, b)));
        match hit {
            Some(p) => {
                pairs.push((old_left.remove(p), j));
                new_left.remove(k);
            }
            None => k += 1,
        }
    }
    // Then by a phone, then by a name, unique on both sides.
    for field in [column::PHONE, column::NAME] {
        let value = |rows: &[Row<'_>], i: usize| {
            rows.get(i)
                .and_then(|r| r.get(field))
                .map(|v| v.to_string())
        };
        let mut k = 0;
        while let Some(&j) = new_left.get(k) {
            let Some(v) = value(new, j) else {
                k += 1;
                continue;
            };
            let on_new = new_left
                .iter()
                .filter(|&&x| value(new, x).as_ref() == Some(&v))
                .count();
            let on_old: Vec<usize> = old_left
                .iter()
                .copied()
                .filter(|&i| value(old, i).as_ref() == Some(&v))
                .collect();
            match on_old.as_slice() {
                [i] if on_new == 1 => {
                    old_left.retain(|x| x != i);
                    pairs.push((*i, j));
                    new_left.remove(k);
                }
                _ => k += 1,
            }
        }
    }
    pairs
}

/// A window as a person finds it: by its name, else its location, else its
/// phone (the text prints no name for some: 江戸川区's window 23 is 「なごみの家
/// 鹿骨」, its location), with the others it has in brackets:
/// 「在宅医療相談窓口 (港区保健福祉課在宅医療支援係; 03-3578-2111)」.
fn shown(r: &Row<'_>) -> String {
    let name = r.text_of(column::NAME);
    let location = r.text_of(column::LOCATION);
    let phone = r.text_of(column::PHONE);
    let mut known = [location, phone].into_iter().flatten();
    let (head, mut rest) = match name {
        Some(name) => (name, Vec::new()),
        None => (
            known
                .next()
                .unwrap_or("a window with no name, location or phone"),
            vec!["name not decidable"],
        ),
    };
    rest.extend(known);
    if rest.is_empty() {
        head.to_string()
    } else {
        format!("{head} ({})", rest.join("; "))
    }
}

/// Windows opened, closed and changed, municipality by municipality.
pub(crate) fn windows(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    let code_of = |r: &Row<'_>| r.text(column::MUNICIPALITY_CODE).to_string();
    let olds = Groups::of(old.table(T).iter(), code_of);
    let news = Groups::of(new.table(T).iter(), code_of);
    for code in Groups::keys(&olds, &news) {
        let (a, b) = (olds.get(code), news.get(code));
        let pairs = matches(a, b);
        for &(i, j) in &pairs {
            let (Some(x), Some(y)) = (a.get(i), b.get(j)) else {
                continue;
            };
            let key = format!("{} window {}", municipality(y), y.shown(column::WINDOW_NO));
            let moved = (x.get(column::WINDOW_NO) != y.get(column::WINDOW_NO))
                .then(|| format!("window {} of the old edition", x.shown(column::WINDOW_NO)));
            for f in FIELDS {
                if same_value(x.get(f), y.get(f))
                    || undecided_in_one(T, f, (*x, *y), (x.get(f), y.get(f)))
                {
                    continue;
                }
                out.push(Change {
                    table: T,
                    key: key.clone(),
                    municipality_code: Some(code.to_string()),
                    field: f,
                    old: x.get(f).map(|v| v.to_string()),
                    new: y.get(f).map(|v| v.to_string()),
                    kind: Kind::WindowChanged,
                    old_at: x.at(),
                    new_at: y.at(),
                    note: moved.clone(),
                });
            }
        }
        let closed: Vec<&Row<'_>> = a
            .iter()
            .enumerate()
            .filter(|(i, _)| !pairs.iter().any(|p| p.0 == *i))
            .map(|(_, r)| r)
            .collect();
        let opened: Vec<&Row<'_>> = b
            .iter()
            .enumerate()
            .filter(|(j, _)| !pairs.iter().any(|p| p.1 == *j))
            .map(|(_, r)| r)
            .collect();
        let undecided = (!closed.is_empty() && !opened.is_empty()).then(|| {
            "no window of the other edition shares its fields, phone or name: opened and closed, \
             or one window whose phone and name both changed; the text cannot tell"
                .to_string()
        });
        for (kind, rows) in [(Kind::WindowClosed, closed), (Kind::WindowOpened, opened)] {
            for r in rows {
                let closing = kind == Kind::WindowClosed;
                out.push(Change {
                    table: T,
                    key: format!("{} window {}", municipality(r), r.shown(column::WINDOW_NO)),
                    municipality_code: Some(code.to_string()),
                    field: whole::WINDOW,
                    old: closing.then(|| shown(r)),
                    new: (!closing).then(|| shown(r)),
                    kind,
                    old_at: if closing { r.at() } else { None },
                    new_at: if closing { None } else { r.at() },
                    note: undecided.clone(),
                });
            }
        }
    }
}

const P: &str = tables::WINDOW_PLANS;

/// Planned openings printed the same in both editions (still planned: no
/// change, but what a reader of a diff asks about plans).
pub fn still_planned(old: &Edition, new: &Edition) -> usize {
    let plans = |e: &Edition| -> Vec<(String, String)> {
        e.table(P)
            .iter()
            .filter_map(|r| {
                Some((
                    r.text(column::MUNICIPALITY_CODE).to_string(),
                    r.text_of(column::PLANNED_OPENING)?.to_string(),
                ))
            })
            .collect()
    };
    let before = plans(old);
    plans(new).iter().filter(|p| before.contains(p)).count()
}

/// Planned openings: realized (no longer printed, and the municipality has
/// more windows than before), dropped (no longer printed, no more windows),
/// new, or reworded (one plan gone and one new in a municipality without
/// more windows: a plan printed in other words, a month moved). A plan
/// printed the same in both editions is no change.
pub(crate) fn plans(out: &mut Vec<Change>, old: &Edition, new: &Edition) {
    let count = |e: &Edition, code: &str| {
        e.table(T)
            .iter()
            .filter(|r| r.text_of(column::MUNICIPALITY_CODE) == Some(code))
            .count()
    };
    let code_of = |r: &Row<'_>| r.text(column::MUNICIPALITY_CODE).to_string();
    let olds = Groups::of(
        old.table(P)
            .iter()
            .filter(|r| r.text_of(column::PLANNED_OPENING).is_some()),
        code_of,
    );
    let news = Groups::of(
        new.table(P)
            .iter()
            .filter(|r| r.text_of(column::PLANNED_OPENING).is_some()),
        code_of,
    );
    let mut codes = Groups::keys(&olds, &news);
    codes.sort_unstable();
    for code in codes {
        let (a, b) = (olds.get(code), news.get(code));
        let text = |r: &Row<'_>| r.text(column::PLANNED_OPENING).to_string();
        let gone: Vec<Row<'_>> = a
            .iter()
            .filter(|x| !b.iter().any(|y| text(x) == text(y)))
            .copied()
            .collect();
        let fresh: Vec<Row<'_>> = b
            .iter()
            .filter(|y| !a.iter().any(|x| text(x) == text(y)))
            .copied()
            .collect();
        let (before, after) = (count(old, code), count(new, code));
        let windows = format!("windows {before} → {after}");
        let change =
            |kind, x: Option<&Row<'_>>, y: Option<&Row<'_>>, r: &Row<'_>, note: String| Change {
                table: P,
                key: municipality(r),
                municipality_code: Some(code.to_string()),
                field: column::PLANNED_OPENING,
                old: x.map(text),
                new: y.map(text),
                kind,
                old_at: x.and_then(|x| x.at()),
                new_at: y.and_then(|y| y.at()),
                note: Some(note),
            };
        if let ([x], [y]) = (gone.as_slice(), fresh.as_slice()) {
            if after <= before {
                out.push(change(Kind::PlanChanged, Some(x), Some(y), y, windows));
                continue;
            }
        }
        let mut realized = after.saturating_sub(before);
        for x in &gone {
            if realized > 0 {
                realized -= 1;
                out.push(change(
                    Kind::PlanRealized,
                    Some(x),
                    None,
                    x,
                    windows.clone(),
                ));
            } else {
                out.push(change(Kind::PlanDropped, Some(x), None, x, windows.clone()));
            }
        }
        for y in &fresh {
            out.push(change(Kind::PlanNew, None, Some(y), y, windows.clone()));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rows::tests::table_of;
    use crate::{diff, Edition, Kind};

    const HEAD: &str = "edition,municipality_code,municipality_name,window_no,name,location,phone,hours,source_page,source_line";

    fn edition(windows: &[&str], plans: &[&str]) -> Edition {
        let w = format!("{HEAD}\n{}\n", windows.join("\n"));
        let p = format!(
            "edition,municipality_code,municipality_name,planned_opening,source_page,source_line\n{}\n",
            plans.join("\n")
        );
        Edition {
            edition: crate::tests_date(),
            tables: [
                (
                    "consultation_windows".to_string(),
                    table_of("consultation_windows", &w),
                ),
                ("window_plans".to_string(), table_of("window_plans", &p)),
            ]
            .into(),
        }
    }

    fn kinds(changes: &[crate::Change]) -> Vec<(Kind, &str, Option<&str>, Option<&str>)> {
        changes
            .iter()
            .map(|c| (c.kind, c.field, c.old.as_deref(), c.new.as_deref()))
            .collect()
    }

    #[test]
    fn a_window_opened_before_another_keeps_the_others_identity() {
        // 新宿区 opens a window first in the list: window 1 becomes window 2.
        let old = edition(
            &["e,131041,新宿区,1,在宅医療相談窓口,区役所,03-1111-1111,9-17,7,900"],
            &[],
        );
        let new = edition(
            &[
                "e,131041,新宿区,1,新しい窓口,保健所,03-2222-2222,9-17,7,900",
                "e,131041,新宿区,2,在宅医療相談窓口,区役所,03-1111-1111,9-17,7,906",
            ],
            &[],
        );
        let changes = diff(&old, &new);
        assert_eq!(
            kinds(&changes),
            [(
                Kind::WindowOpened,
                "window",
                None,
                Some("新しい窓口 (保健所; 03-2222-2222)")
            )]
        );
    }

    #[test]
    fn a_window_that_moved_is_matched_by_its_phone_then_its_name() {
        let old = edition(
            &[
                "e,131041,新宿区,1,窓口A,区役所,03-1111-1111,9-17,7,900",
                "e,131041,新宿区,2,窓口B,区役所,03-3333-3333,9-17,7,906",
            ],
            &[],
        );
        let new = edition(
            &[
                // A moved: its phone matches it.
                "e,131041,新宿区,1,窓口A,保健所,03-1111-1111,9-17,7,900",
                // B's phone changed: its name matches it.
                "e,131041,新宿区,2,窓口B,区役所,03-4444-4444,9-17,7,906",
            ],
            &[],
        );
        let changes = diff(&old, &new);
        assert_eq!(
            kinds(&changes),
            [
                (
                    Kind::WindowChanged,
                    "location",
                    Some("区役所"),
                    Some("保健所")
                ),
                (
                    Kind::WindowChanged,
                    "phone",
                    Some("03-3333-3333"),
                    Some("03-4444-4444")
                ),
            ]
        );
    }

    #[test]
    fn a_window_without_a_name_is_named_by_its_location_else_its_phone() {
        // 江戸川区's window 23 prints no name: 「なごみの家　鹿骨」 is its location.
        let old = edition(
            &[
                "e,131237,江戸川区,23,,なごみの家　鹿骨,03-5666-0000,9-17,11,1300",
                "e,131237,江戸川区,24,,,03-5666-1111,9-17,11,1306",
            ],
            &[],
        );
        let new = edition(&[], &[]);
        let changes = diff(&old, &new);
        assert_eq!(
            kinds(&changes),
            [
                (
                    Kind::WindowClosed,
                    "window",
                    Some("なごみの家　鹿骨 (name not decidable; 03-5666-0000)"),
                    None
                ),
                (
                    Kind::WindowClosed,
                    "window",
                    Some("03-5666-1111 (name not decidable)"),
                    None
                ),
            ]
        );
    }

    #[test]
    fn a_window_whose_phone_and_name_both_changed_is_not_guessed() {
        let old = edition(
            &["e,131041,新宿区,1,窓口A,区役所,03-1111-1111,9-17,7,900"],
            &[],
        );
        let new = edition(
            &["e,131041,新宿区,1,窓口Z,区役所,03-9999-9999,9-17,7,900"],
            &[],
        );
        let changes = diff(&old, &new);
        assert_eq!(
            kinds(&changes),
            [
                (
                    Kind::WindowClosed,
                    "window",
                    Some("窓口A (区役所; 03-1111-1111)"),
                    None
                ),
                (
                    Kind::WindowOpened,
                    "window",
                    None,
                    Some("窓口Z (区役所; 03-9999-9999)")
                ),
            ]
        );
        assert!(changes.iter().all(|c| c
            .note
            .as_deref()
            .is_some_and(|n| n.contains("the text cannot tell"))));
    }

    #[test]
    fn a_phone_two_windows_share_matches_neither() {
        // Two windows with one phone: the phone tells them apart from no one;
        // their names do.
        let old = edition(
            &[
                "e,131041,新宿区,1,窓口A,区役所,03-1111-1111,9-17,7,900",
                "e,131041,新宿区,2,窓口B,区役所,03-1111-1111,9-17,7,906",
            ],
            &[],
        );
        let new = edition(
            &[
                "e,131041,新宿区,1,窓口A,区役所,03-1111-1111,9-18,7,900",
                "e,131041,新宿区,2,窓口B,区役所,03-1111-1111,9-19,7,906",
            ],
            &[],
        );
        let changes = diff(&old, &new);
        assert_eq!(
            kinds(&changes),
            [
                (Kind::WindowChanged, "hours", Some("9-17"), Some("9-18")),
                (Kind::WindowChanged, "hours", Some("9-17"), Some("9-19")),
            ]
        );
        assert_eq!(changes[0].key, "新宿区 window 1");
        assert_eq!(changes[1].key, "新宿区 window 2");
    }

    #[test]
    fn plans_are_realized_dropped_new_or_reworded() {
        let old = edition(
            &[],
            &[
                "e,131032,港区,平成29年9月開設予定,7,919",
                "e,132021,立川市,平成29年10月開設予定,9,1642",
                "e,132047,三鷹市,平成29年10月開設予定,9,1654",
            ],
        );
        let new = edition(
            &["e,131032,港区,1,在宅医療相談窓口,区役所,03-1111-1111,9-17,7,919"],
            &[
                // 立川市's plan moved a month; 三鷹市's gone without a window; 狛江市's new.
                "e,132021,立川市,平成29年11月開設予定,9,1642",
                "e,132195,狛江市,平成30年4月開設予定,9,1774",
            ],
        );
        let changes = diff(&old, &new);
        let plans: Vec<_> = changes
            .iter()
            .filter(|c| c.table == "window_plans")
            .collect();
        let got: Vec<(Kind, &str)> = plans.iter().map(|c| (c.kind, c.key.as_str())).collect();
        assert_eq!(
            got,
            [
                (Kind::PlanRealized, "港区"),
                (Kind::PlanChanged, "立川市"),
                (Kind::PlanDropped, "三鷹市"),
                (Kind::PlanNew, "狛江市"),
            ]
        );
        assert_eq!(plans[0].note.as_deref(), Some("windows 0 → 1"));
    }
}
