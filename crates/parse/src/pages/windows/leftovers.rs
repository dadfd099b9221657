//! A page's leftovers: heads, counts, numbers, announcements and merged cells printed after its last window.

use super::{is_name, no_of, words, Plan, Printed, L};
use crate::layout::Era;
use crate::layout::{ANNOUNCEMENT_LINES, PLAN_WORD};
use crate::matchers::Matchers;
use crate::model::Span;
use crate::reference::municipalities;

/// 「平成29年９月開設予定」 → `2017-09`: the era year where printed, else the
/// edition's fiscal year (April–March) for a month alone.
pub(crate) fn plan_month(
    m: &Matchers,
    text: &str,
    era: Option<Era>,
    fiscal_year: i32,
) -> Option<String> {
    let c = m.plan_month.regex().captures(text)?;
    let month: u32 = c[3].parse().ok().filter(|m| (1..=12).contains(m))?;
    let year = match c.get(2) {
        Some(y) => {
            // The era printed before the year, else the edition's.
            let printed = c.get(1).and_then(|e| Era::from_name(e.as_str()));
            printed.or(era)?.gregorian(y.as_str().parse().ok()?)?
        }
        None if month >= 4 => fiscal_year,
        None => fiscal_year + 1,
    };
    Some(format!("{year:04}-{month:02}"))
}

/// What a page's leftover lines print: heads and counts, numbers, names,
/// announcements, merged cells.
#[derive(Debug, Default)]
pub(super) struct Leftovers {
    pub(super) counts: Vec<(u32, Printed)>,
    pub(super) numbers: Vec<(u32, Printed)>,
    pub(super) plans: Vec<(u32, Plan)>,
    /// Merged window names, with the municipality whose head they follow.
    pub(super) merged_names: Vec<(Option<u32>, String, Span)>,
    /// Other leftover texts (merged 「その他」 cells), likewise.
    pub(super) others: Vec<(Option<u32>, String, Span)>,
    pub(super) lone: Vec<Printed>,
}

pub(super) fn leftovers(
    m: &Matchers,
    lines: &[L<'_>],
    era: Option<Era>,
    fiscal_year: i32,
) -> Leftovers {
    let mut out = Leftovers::default();
    let mut last_name: Option<u32> = None;
    let mut k = 0;
    while let Some(&l) = lines.get(k) {
        let t = l.text;
        let ws = words(t);
        let printed = |value| Printed {
            value,
            span: l.span,
        };
        // An announcement may wrap: 「※11月に1窓口追 / 加開設予定」.
        if t.starts_with('※') {
            k = announcement(m, lines, k, last_name, (era, fiscal_year), &mut out) + 1;
            continue;
        }
        // 「9 品川区 21」, 「…なし29 府中市 11 在宅療養相談窓口」, 「東大和市41 2」, 「文京区 5」, 「22 3」.
        let head = m.leftover_head.regex().captures(t);
        let glued = m.leftover_glued.regex().captures(t);
        let name_count = m.leftover_name_count.regex().captures(t);
        let number_count = m.leftover_number_count.regex().captures(t);
        if let Some(c) = head.filter(|c| is_name(&c[2])) {
            let no = no_of(&c[2]).unwrap_or(0);
            if let Ok(n) = c[1].parse() {
                out.numbers.push((n, printed(no)));
            }
            if let Ok(n) = c[3].parse() {
                out.counts.push((no, printed(n)));
            }
            let rest = words(c.get(4).map_or("", |m| m.as_str()));
            for (j, w) in rest.iter().enumerate() {
                if j == 0 && m.window_name_end.is_match(w) {
                    out.merged_names.push((Some(no), w.to_string(), l.span));
                } else {
                    out.others.push((Some(no), w.to_string(), l.span));
                }
            }
            // Text glued in front of the number: 「特に対象者の限定なし29 府中市 11」.
            let front = t[..c.get(1).map_or(0, |m| m.start())].trim();
            if !front.is_empty() {
                out.others.push((None, front.to_string(), l.span));
            }
            last_name = Some(no);
        } else if let Some(c) = glued.filter(|c| is_name(&c[1])) {
            let no = no_of(&c[1]).unwrap_or(0);
            if let Ok(n) = c[2].parse() {
                out.numbers.push((n, printed(no)));
            }
            if let Ok(n) = c[3].parse() {
                out.counts.push((no, printed(n)));
            }
            last_name = Some(no);
        } else if let Some(c) = name_count.filter(|c| is_name(&c[1])) {
            let no = no_of(&c[1]).unwrap_or(0);
            if let Ok(n) = c[2].parse() {
                out.counts.push((no, printed(n)));
            }
            last_name = Some(no);
        } else if let Some(c) = number_count {
            if let (Ok(no), Ok(n)) = (c[1].parse::<u32>(), c[2].parse()) {
                out.numbers.push((no, printed(no)));
                out.counts.push((no, printed(n)));
                last_name = Some(no);
            }
        } else if let Some(name) = ws.first().filter(|w| ws.len() == 1 && is_name(w)) {
            last_name = no_of(name);
        } else if let (1, Ok(n)) = (ws.len(), t.parse::<u32>()) {
            out.lone.push(printed(n));
        } else if m.window_name_end.is_match(t)
            && !municipalities().iter().any(|m| t.contains(m.name.as_str()))
        {
            out.merged_names.push((None, t.to_string(), l.span));
        } else {
            out.others.push((None, t.to_string(), l.span));
        }
        k += 1;
    }
    out
}

/// The announcement starting at `lines[k]` (「※…」, wrapped over a few
/// lines): a plan of the municipality named last, or a leftover; the
/// index of its last line.
fn announcement(
    m: &Matchers,
    lines: &[L<'_>],
    mut k: usize,
    last_name: Option<u32>,
    (era, fiscal_year): (Option<Era>, i32),
    out: &mut Leftovers,
) -> usize {
    let Some(l) = lines.get(k) else {
        return k;
    };
    let mut text = l.text.trim_start_matches('※').to_string();
    let first = k;
    while let Some(next) = lines.get(k + 1).filter(|n| {
        !text.contains(PLAN_WORD)
            && k + 1 < first + ANNOUNCEMENT_LINES
            && !n.text.starts_with(|c: char| c.is_ascii_digit())
    }) {
        k += 1;
        text.push_str(next.text);
    }
    if let (Some(no), true) = (last_name, text.contains(PLAN_WORD)) {
        out.plans.push((
            no,
            Plan {
                month: plan_month(m, &text, era, fiscal_year),
                text,
                additional: true,
                span: l.span,
            },
        ));
    } else {
        out.others.push((None, text, l.span));
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_month_takes_the_printed_era_else_the_editions() {
        let heisei = Some(Era::Heisei);
        // 「平成29年９月開設予定」 (page 7, after normalization).
        assert_eq!(
            plan_month(&Matchers::default(), "平成29年9月開設予定", heisei, 2017).as_deref(),
            Some("2017-09")
        );
        assert_eq!(
            plan_month(&Matchers::default(), "令和2年10月開設予定", heisei, 2017).as_deref(),
            Some("2020-10")
        );
        // Two characters that name no era: the year is the edition's era's.
        assert_eq!(
            plan_month(&Matchers::default(), "窓口29年10月開設予定", heisei, 2017).as_deref(),
            Some("2017-10")
        );
        // A month alone: the edition's fiscal year, January–March the next.
        assert_eq!(
            plan_month(
                &Matchers::default(),
                "11月に1窓口追加開設予定",
                heisei,
                2017
            )
            .as_deref(),
            Some("2017-11")
        );
        assert_eq!(
            plan_month(&Matchers::default(), "2月開設予定", heisei, 2017).as_deref(),
            Some("2018-02")
        );
    }
}
