//! The resolve stage of pages 7–11: from the windows as printed
//! ([`PrintedWindows`]) to the windows of each municipality
//! ([`WindowPages`]). Each inference is one rule, and what it decides
//! carries the rule:
//!
//! - placement by anchors and printed counts ([`super::placement`]): the runs
//!   of municipalities placed together ([`Run`]);
//! - a merged name printed beside a head names that municipality's nameless
//!   windows ([`NameSource::MergedBesideHead`]); one printed alone goes to the
//!   one municipality of its page whose windows print no name
//!   ([`NameSource::MergedOnlyCandidate`]), else it stays unattributed;
//! - a figure printed alone is the number of the municipality it equals, if
//!   that one prints no number elsewhere and has windows on that page
//!   ([`MunicipalityWindows::number_from_lone_figure`]); the one figure left
//!   on a page is the count of the one municipality of that page whose count
//!   is printed nowhere else ([`MunicipalityWindows::count_from_lone_figure`]);
//!   any other stays a lone figure in the report.

use super::placement;
use crate::model::windows::{
    MunicipalityWindows, NameSource, PrintedWindows, Run, Window, WindowPages,
};
use crate::reference::index_of;

/// Places the windows and attributes what the pages print apart.
pub fn windows(printed: PrintedWindows) -> WindowPages {
    let PrintedWindows {
        windows,
        anchors,
        municipalities: mut out,
        loose_names,
        mut unattributed,
        lone_figures,
    } = printed;
    let (runs, unplaced) = place(windows, &anchors, &mut out);
    // A merged name printed alone goes to the one municipality of its page
    // whose windows have no name and no merged name yet.
    for (name, span) in loose_names {
        let candidates: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                m.merged_name.is_none()
                    && m.windows
                        .iter()
                        .any(|w| w.name.is_none() && w.span.page == span.page)
            })
            .map(|(k, _)| k)
            .collect();
        let target = match candidates[..] {
            [k] => out.get_mut(k),
            _ => None,
        };
        match target {
            Some(m) => m.merged_name = Some((name, span, NameSource::MergedOnlyCandidate)),
            None => unattributed.push((name, span)),
        }
    }
    let lone_figures = lone(lone_figures, &mut out);
    for m in &mut out {
        if let Some((name, _, source)) = &m.merged_name {
            for w in m.windows.iter_mut().filter(|w| w.name.is_none()) {
                w.name = Some(name.clone());
                w.name_source = *source;
            }
        }
    }
    WindowPages {
        municipalities: out,
        runs,
        unplaced,
        unattributed,
        lone_figures,
    }
}

/// Gives each municipality the windows the placement rule gives it (and the
/// numbers leaked into them); returns the runs and the windows no
/// municipality takes.
fn place(
    windows: Vec<Window>,
    anchors: &[(usize, u32)],
    out: &mut [MunicipalityWindows],
) -> (Vec<Run>, Vec<Window>) {
    let total = windows.len();
    let counts: Vec<Option<usize>> = out
        .iter()
        .map(|m| m.count.map(|c| c.value as usize))
        .collect();
    let anchors: Vec<(usize, usize)> = anchors
        .iter()
        .filter_map(|&(at, no)| Some((at, index_of(no)?)))
        .collect();
    let placement = placement::place(&counts, &anchors, total);
    let runs: Vec<Run> = placement
        .runs
        .iter()
        .map(|(members, range)| Run {
            members: members
                .iter()
                .map(|&k| crate::span::saturating_u32(k).saturating_add(1))
                .collect(),
            windows: range.len(),
            lines: windows
                .get(range.start)
                .zip(range.end.checked_sub(1).and_then(|l| windows.get(l)))
                .filter(|_| !range.is_empty())
                .map(|(f, l)| (f.span, l.marks_span)),
        })
        .collect();
    let mut by_window: Vec<Option<usize>> = vec![None; total];
    for (k, range) in placement.taken.iter().enumerate() {
        for slot in by_window.get_mut(range.clone()).unwrap_or_default() {
            *slot = Some(k);
        }
    }
    let mut unplaced = Vec::new();
    for (w, placed) in windows.into_iter().zip(by_window) {
        match placed.and_then(|k| out.get_mut(k)) {
            Some(m) => m.windows.push(w),
            None => unplaced.push(w),
        }
    }
    // Numbers leaked into a window are its municipality's number as printed.
    for m in out.iter_mut() {
        let leaked: Vec<_> = m
            .windows
            .iter()
            .filter_map(|w| {
                w.leaked_no.map(|value| crate::model::windows::Printed {
                    value,
                    span: w.span,
                })
            })
            .collect();
        m.numbers_printed.extend(leaked);
    }
    (runs, unplaced)
}

/// Reads figures printed alone as a number or a count where one rule says
/// whose (module docs); returns the rest.
fn lone(
    figures: Vec<crate::model::windows::Printed>,
    out: &mut [MunicipalityWindows],
) -> Vec<crate::model::windows::Printed> {
    let on_page =
        |m: &MunicipalityWindows, page: u32| m.windows.iter().any(|w| w.span.page == page);
    let mut rest = Vec::new();
    for f in figures {
        match out.iter_mut().find(|m| {
            m.no == f.value
                && m.numbers_printed.is_empty()
                && m.number_from_lone_figure.is_none()
                && on_page(m, f.span.page)
        }) {
            Some(m) => m.number_from_lone_figure = Some(f),
            None => rest.push(f),
        }
    }
    let mut lone = Vec::new();
    for f in &rest {
        let same_page = rest.iter().filter(|g| g.span.page == f.span.page).count();
        let missing: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, m)| m.count.is_none() && on_page(m, f.span.page))
            .map(|(k, _)| k)
            .collect();
        let target = match (same_page, missing.as_slice()) {
            (1, &[k]) => out.get_mut(k),
            _ => None,
        };
        match target {
            Some(m) => {
                m.count = Some(*f);
                m.count_from_lone_figure = true;
            }
            None => lone.push(*f),
        }
    }
    lone
}

#[cfg(test)]
mod tests {
    use crate::model::windows::{MunicipalityWindows, NameSource};

    fn seed_windows() -> Vec<MunicipalityWindows> {
        crate::parse_text(include_str!("../../../../raw/000_1fb60f2a74870bbb.txt"))
            .unwrap_or_else(|e| panic!("{e:?}"))
            .windows
            .municipalities
    }

    fn sources(all: &[MunicipalityWindows], name: &str) -> Vec<NameSource> {
        let m = all.iter().find(|m| m.name == name).unwrap();
        m.windows.iter().map(|w| w.name_source).collect()
    }

    #[test]
    fn every_inferred_name_carries_its_rule() {
        use NameSource::*;
        let all = seed_windows();
        // L1358 「11 大田区 3 在宅医療連携調整窓口」: printed beside 大田区's
        // head, for its three windows (their name cells merged).
        assert_eq!(
            sources(&all, "大田区"),
            [MergedBesideHead, MergedBesideHead, MergedBesideHead]
        );
        // L1366 「在宅療養相談窓口」 alone: page 8's one such name, and 目黒区 its
        // one municipality whose windows print no name.
        assert_eq!(sources(&all, "目黒区"), [MergedOnlyCandidate; 5]);
        // L1601 「20 練馬区 4 医療と介護の相談窓口 …」: beside 練馬区's head.
        assert_eq!(sources(&all, "練馬区"), [MergedBesideHead; 4]);
        // Page 9 prints two loose names (L1599, L1605) and has two
        // municipalities with nameless windows (葛飾区, 江戸川区): no rule
        // ties either name, so those windows keep a null name.
        assert_eq!(sources(&all, "葛飾区")[..2], [Unknown, Unknown]);
        assert!(sources(&all, "江戸川区").contains(&Unknown));
        // 千代田区's windows print their names.
        assert!(sources(&all, "千代田区").iter().all(|s| *s == Printed));
    }

    #[test]
    fn lone_figures_read_as_a_number_or_a_count_say_so() {
        let all = seed_windows();
        let by = |name: &str| all.iter().find(|m| m.name == name).unwrap();
        // L1368 「14」 alone on page 8: 中野区 (no. 14) prints no number elsewhere.
        let nakano = by("中野区");
        assert_eq!(
            nakano
                .number_from_lone_figure
                .map(|p| (p.value, p.span.line)),
            Some((14, 1368))
        );
        assert!(
            !nakano.count_from_lone_figure,
            "L1360 「中野区 9」 prints its count"
        );
        // L1098 「4」 alone on page 7: 中央区's count, printed nowhere else.
        let chuo = by("中央区");
        assert!(chuo.count_from_lone_figure);
        assert_eq!(chuo.count.map(|c| (c.value, c.span.line)), Some((4, 1098)));
        // L1093 「2」, printed apart from 「中央区」 on the next line, is its number.
        assert_eq!(
            chuo.number_from_lone_figure.map(|p| (p.value, p.span.line)),
            Some((2, 1093))
        );
    }
}
