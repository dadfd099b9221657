//! Matching printed option text against a question's vocabulary.
//!
//! Options are never found by splitting on 「・」 (option names contain it);
//! a printed option is matched whole against each option's pattern, after
//! its annotations are set aside: in front (「（検討中）」, 「（29年度中）」) or after
//! (「（※補助）」, 「(※補助含む）」 — the report mixes half- and full-width brackets).

use crate::layout::{OptionSpec, OPTION_SEPARATOR};
use regex::Regex;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A compiled regular expression for a pattern of the layout, compiled once
/// per process and kept for its life (the layout's patterns are a fixed,
/// small set). Each thread remembers the patterns it looked up by their
/// address, so a lookup in a parser's loop takes no lock.
pub fn layout_regex(pattern: &'static str) -> &'static Regex {
    thread_local! {
        static SEEN: Seen<Regex> = const { std::cell::RefCell::new(Vec::new()) };
    }
    static MADE: Made<Regex> = OnceLock::new();
    // Layout patterns are constants, tested in `layout_patterns_compile`; a
    // pattern that failed would match nothing rather than panic.
    once_per_pattern(&SEEN, &MADE, pattern, |p| {
        Regex::new(p).unwrap_or_else(|_| never_matching())
    })
}

/// A substring searcher for a literal of the layout, built once per process
/// (see [`layout_regex`]): a search per line, not a searcher per line.
pub fn layout_literal(literal: &'static str) -> &'static memchr::memmem::Finder<'static> {
    thread_local! {
        static SEEN: Seen<memchr::memmem::Finder<'static>> =
            const { std::cell::RefCell::new(Vec::new()) };
    }
    static MADE: Made<memchr::memmem::Finder<'static>> = OnceLock::new();
    once_per_pattern(&SEEN, &MADE, literal, memchr::memmem::Finder::new)
}

/// Whether `text` holds the layout literal `literal`.
pub fn layout_contains(literal: &'static str, text: &str) -> bool {
    layout_literal(literal).find(text.as_bytes()).is_some()
}

/// What a thread looked up: (address, length, the thing made).
type Seen<T> = std::cell::RefCell<Vec<(usize, usize, &'static T)>>;
/// What the process made, by pattern.
type Made<T> = OnceLock<Mutex<HashMap<&'static str, &'static T>>>;

/// The thing made of `pattern` by `make`, made once per process and
/// remembered per thread by the pattern's address.
fn once_per_pattern<T: Sync + 'static>(
    seen: &'static std::thread::LocalKey<Seen<T>>,
    made: &'static Made<T>,
    pattern: &'static str,
    make: impl FnOnce(&'static str) -> T,
) -> &'static T {
    let key = (pattern.as_ptr() as usize, pattern.len());
    let found = seen.with_borrow(|seen| {
        seen.iter()
            .find(|(at, len, _)| (*at, *len) == key)
            .map(|(_, _, t)| *t)
    });
    if let Some(t) = found {
        return t;
    }
    let t: &'static T = {
        let mut map = made
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        map.entry(pattern)
            .or_insert_with(|| Box::leak(Box::new(make(pattern))))
    };
    seen.with_borrow_mut(|seen| seen.push((key.0, key.1, t)));
    t
}

/// A regular expression that matches nothing.
#[allow(
    clippy::expect_used,
    reason = "a constant pattern, compiled by every test run; the one expect of the library crates"
)]
fn never_matching() -> Regex {
    Regex::new("[^\\s\\S]").expect("a constant pattern compiles")
}

/// The run of text without brackets that question texts leave open for the
/// year: 「（①を実施している場合[^（）]*）」.
const OPEN_RUN: &str = "[^（）]*";

fn is_plain(part: &str) -> bool {
    !part.contains([
        '\\', '.', '+', '*', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$',
    ])
}

/// The literal every match of `^rest` starts with, if `rest` starts with
/// one (and has no alternation, which could bypass the anchor): the
/// characters before the first special one, less the last if a quantifier
/// follows it.
fn anchored_prefix(rest: &str) -> Option<&str> {
    if rest.contains('|') {
        return None;
    }
    let end = rest
        .char_indices()
        .find(|(_, c)| !is_plain(c.encode_utf8(&mut [0; 4])))
        .map_or(rest.len(), |(at, _)| at);
    let run = rest.get(..end)?;
    let quantified = rest
        .get(end..)
        .is_some_and(|after| after.starts_with(['*', '?', '{', '+']));
    let run = if quantified {
        let last = run.chars().next_back().map_or(0, char::len_utf8);
        run.get(..run.len() - last)?
    } else {
        run
    };
    (!run.is_empty()).then_some(run)
}

/// Whether `text` matches a layout pattern. A pattern that is one literal,
/// anchored at `^`, `$`, both or neither, is compared without a regular
/// expression: compiling one costs more than the whole comparison (most
/// option patterns are such).
pub fn layout_is_match(pattern: &'static str, text: &str) -> bool {
    let (start, rest) = match pattern.strip_prefix('^') {
        Some(rest) => (true, rest),
        None => (false, pattern),
    };
    let (end, literal) = match rest.strip_suffix('$') {
        Some(literal) => (true, literal),
        None => (false, rest),
    };
    if !is_plain(literal) {
        // A pattern anchored at the start with a literal cannot match a
        // text not starting with it: most lines are refused without a search.
        if start && anchored_prefix(rest).is_some_and(|p| !text.starts_with(p)) {
            return false;
        }
        return layout_regex(pattern).is_match(text);
    }
    match (start, end) {
        (true, true) => text == literal,
        (true, false) => text.starts_with(literal),
        (false, true) => text.ends_with(literal),
        (false, false) => layout_contains(literal, text),
    }
}

/// Every non-overlapping match of a layout pattern in `text`, leftmost
/// first, as byte ranges. A pattern made of literals joined by 「[^（）]*」
/// (every question text) is matched without a regular expression, with the
/// same leftmost-first, greedy meaning: a regex's first search through a
/// text builds its automaton's states, most of a parse's time.
pub fn layout_find_iter(pattern: &'static str, text: &str) -> Vec<std::ops::Range<usize>> {
    layout_finder(pattern).find_iter(text)
}

/// A layout pattern ready to search many texts: its literal parts and the
/// searcher of the first one, or its regular expression.
pub enum LayoutFinder {
    /// Literal parts with runs without brackets between them.
    Plain {
        /// The first part's searcher.
        first: &'static memchr::memmem::Finder<'static>,
        /// The first part.
        head: &'static str,
        /// The parts after it.
        rest: Vec<&'static str>,
    },
    /// Any other pattern.
    Regex(&'static Regex),
}

/// The finder of a layout pattern (see [`layout_find_iter`]): made once,
/// it searches many texts without looking the pattern up again.
pub fn layout_finder(pattern: &'static str) -> LayoutFinder {
    let parts: Vec<&'static str> = pattern.split(OPEN_RUN).collect();
    match parts.split_first() {
        Some((head, rest)) if !head.is_empty() && parts.iter().all(|p| is_plain(p)) => {
            LayoutFinder::Plain {
                // The first part's searcher is built once per pattern, not per text.
                first: layout_literal(head),
                head,
                rest: rest.to_vec(),
            }
        }
        _ => LayoutFinder::Regex(layout_regex(pattern)),
    }
}

impl LayoutFinder {
    /// Every match in `text`, as byte ranges, left to right.
    pub fn find_iter(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let (first, head, rest) = match self {
            LayoutFinder::Regex(re) => return re.find_iter(text).map(|m| m.range()).collect(),
            LayoutFinder::Plain { first, head, rest } => (first, head, rest),
        };
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(at) = text.as_bytes().get(from..).and_then(|t| first.find(t)) {
            let start = from + at;
            match match_rest(rest, text, start + head.len()) {
                Some(end) => {
                    out.push(start..end);
                    from = end.max(start + head.len());
                }
                None => from = start + head.chars().next().map_or(1, char::len_utf8),
            }
        }
        out
    }
}

/// The end of the greedy match of `parts`, each after a run without brackets.
fn match_rest(parts: &[&str], text: &str, pos: usize) -> Option<usize> {
    let Some((part, rest)) = parts.split_first() else {
        return Some(pos);
    };
    // The run may not hold a bracket: the next part starts at or before the first one.
    let after = text.get(pos..).unwrap_or_default();
    let limit = after.find(['（', '）']).map_or(text.len(), |k| pos + k);
    let mut starts: Vec<usize> = after
        .match_indices(part)
        .map(|(k, _)| pos + k)
        .take_while(|&q| q <= limit)
        .collect();
    starts.reverse();
    starts
        .into_iter()
        .find_map(|q| match_rest(rest, text, q + part.len()))
}

/// Printed text split into its core and its annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotated<'a> {
    /// The text without annotations.
    pub core: &'a str,
    /// The annotations, without brackets, in text order, joined by 「・」.
    pub annotation: Option<String>,
}

/// Sets bracketed annotations in front of and after `text` aside.
pub fn split_annotations(text: &str) -> Annotated<'_> {
    let mut core = text.trim();
    let mut notes = Vec::new();
    while let Some(rest) = core.strip_prefix('（') {
        let Some(end) = rest.find('）') else { break };
        notes.push(rest[..end].to_string());
        core = rest[end + '）'.len_utf8()..].trim_start();
    }
    let mut tail = Vec::new();
    while core.ends_with(['）', ')']) {
        let Some(open) = core.rfind(['（', '(']) else {
            break;
        };
        let inner = &core[open..];
        let inner = inner
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')']);
        tail.push(inner.to_string());
        core = core[..open].trim_end();
    }
    tail.reverse();
    notes.extend(tail);
    Annotated {
        core,
        annotation: (!notes.is_empty()).then(|| notes.join(&OPTION_SEPARATOR.to_string())),
    }
}

/// The option of `options` that `printed` names, with its annotation.
pub fn match_option(
    options: &'static [OptionSpec],
    printed: &str,
) -> Option<(&'static OptionSpec, Option<String>)> {
    let annotated = split_annotations(printed);
    options
        .iter()
        .find(|o| layout_is_match(o.pattern, annotated.core))
        .map(|o| (o, annotated.annotation))
}

/// The most 「・」-separated pieces one option may span: option names hold at
/// most one 「・」 (「在宅療養中の患者・利用者についての…」); a few more leave room
/// for annotations that hold one.
const MAX_PIECES_PER_OPTION: usize = 4;

/// The options chosen in a cell of a per-municipality row, in printed order.
///
/// The cell is cut at 「・」 only where the cut leaves pieces that each match
/// an option: among all cuttings, the one whose matched pieces cover the most
/// text wins, then the one with the fewest pieces. Text that matches no
/// option is kept whole as a choice without option (never guessed). 「-」
/// (nothing chosen) gives no choice.
pub fn choices(options: &'static [OptionSpec], cell: &str) -> Vec<crate::model::Choice> {
    use crate::model::Choice;
    let cell = cell.trim();
    if cell.is_empty() || cell == "-" {
        return Vec::new();
    }
    // Piece m runs from starts[m] to ends[m]; a choice spans pieces a..=b.
    let seps: Vec<usize> = cell
        .match_indices(OPTION_SEPARATOR)
        .map(|(i, _)| i)
        .collect();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(seps.iter().map(|i| i + OPTION_SEPARATOR.len_utf8()))
        .collect();
    let ends: Vec<usize> = seps.iter().copied().chain([cell.len()]).collect();
    let pieces = starts.len();
    /// A cutting of the first pieces: matched bytes, −choices, choice spans.
    type Cutting = (usize, i64, Vec<(usize, usize)>);
    // best[b]: the best cutting of pieces 0..b.
    let mut best: Vec<Option<Cutting>> = vec![None; pieces + 1];
    if let Some(empty) = best.first_mut() {
        *empty = Some((0, 0, Vec::new()));
    }
    for (b, &end) in ends.iter().enumerate() {
        for (a, &start) in starts
            .iter()
            .enumerate()
            .take(b + 1)
            .skip(b.saturating_sub(MAX_PIECES_PER_OPTION - 1))
        {
            let Some((matched, neg, spans)) = best.get(a).cloned().flatten() else {
                continue;
            };
            let text = cell.get(start..end).unwrap_or_default();
            let gain = if match_option(options, text).is_some() {
                text.len()
            } else {
                0
            };
            let candidate = (matched + gain, neg - 1);
            let Some(slot) = best.get_mut(b + 1) else {
                continue;
            };
            if slot.as_ref().is_none_or(|(m, n, _)| candidate > (*m, *n)) {
                let mut spans = spans;
                spans.push((start, end));
                *slot = Some((candidate.0, candidate.1, spans));
            }
        }
    }
    let spans = best.pop().flatten().map(|b| b.2).unwrap_or_default();
    let mut out: Vec<Choice> = Vec::new();
    for (from, to) in spans {
        let text = cell.get(from..to).unwrap_or_default();
        match match_option(options, text) {
            Some((o, annotation)) => out.push(Choice {
                option: Some(o.label),
                annotation,
                raw_text: text.to_string(),
            }),
            // Unmatched text next to unmatched text is one unknown choice.
            None => match out.last_mut() {
                Some(last) if last.option.is_none() => {
                    last.raw_text.push(OPTION_SEPARATOR);
                    last.raw_text.push_str(text);
                }
                _ => out.push(Choice {
                    option: None,
                    annotation: None,
                    raw_text: text.to_string(),
                }),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{QuestionKind, QUESTIONS};

    use crate::layout::options_of;

    #[test]
    fn layout_patterns_compile() {
        for q in QUESTIONS {
            if let Some(t) = q.text {
                assert!(Regex::new(t).is_ok(), "{t}");
            }
            if let QuestionKind::Options(opts) = q.kind {
                for o in opts {
                    assert!(Regex::new(o.pattern).is_ok(), "{}", o.pattern);
                    assert!(
                        Regex::new(o.pattern).unwrap().is_match(o.label),
                        "{}",
                        o.label
                    );
                }
            }
        }
    }

    #[test]
    fn annotation_after_with_mixed_brackets_is_set_aside() {
        let a = split_annotations("地区医師会に委託(※補助含む）");
        assert_eq!(
            (a.core, a.annotation.as_deref()),
            ("地区医師会に委託", Some("※補助含む"))
        );
    }

    #[test]
    fn annotation_in_front_is_set_aside() {
        let a =
            split_annotations("（検討中）在宅療養中の患者・利用者についての急変時診療機関の確保");
        assert_eq!(a.annotation.as_deref(), Some("検討中"));
        assert_eq!(
            a.core,
            "在宅療養中の患者・利用者についての急変時診療機関の確保"
        );
    }

    #[test]
    fn spelling_variants_of_page_two_match_the_canonical_option() {
        use crate::layout::Item;
        let (o, _) = match_option(
            options_of(Item::U, 3),
            "在宅療養中の患者・利用者について急変時診療機関の確保",
        )
        .unwrap();
        assert_eq!(
            o.label,
            "在宅療養中の患者・利用者についての急変時診療機関の確保"
        );
        let (o, _) = match_option(
            options_of(Item::O, 2),
            "29年中に実施予定だが運営方法について未定",
        )
        .unwrap();
        assert_eq!(o.label, "未定");
    }

    #[test]
    fn unknown_text_matches_no_option() {
        use crate::layout::Item;
        assert!(match_option(options_of(Item::E, 2), "伝書鳩").is_none());
    }

    fn labels(cs: &[crate::model::Choice]) -> Vec<(Option<&str>, Option<&str>, &str)> {
        cs.iter()
            .map(|c| (c.option, c.annotation.as_deref(), c.raw_text.as_str()))
            .collect()
    }

    #[test]
    fn option_holding_the_separator_is_not_cut() {
        // Page 3, line 290: 「中央区 … 在宅療養中の患者・利用者についての急変時診療機関の確保・その他」
        let cs = choices(
            options_of(crate::layout::Item::U, 3),
            "在宅療養中の患者・利用者についての急変時診療機関の確保・その他",
        );
        assert_eq!(
            labels(&cs),
            [
                (
                    Some("在宅療養中の患者・利用者についての急変時診療機関の確保"),
                    None,
                    "在宅療養中の患者・利用者についての急変時診療機関の確保"
                ),
                (Some("その他"), None, "その他"),
            ]
        );
    }

    #[test]
    fn annotation_in_front_of_the_second_choice_stays_with_it() {
        // Page 3, line 370 (清瀬市).
        let cs = choices(
            options_of(crate::layout::Item::E, 2),
            "紙媒体の情報共有ツール・（29年度中）ICTを活用した情報共有ツール",
        );
        assert_eq!(
            labels(&cs),
            [
                (
                    Some("紙媒体の情報共有ツール"),
                    None,
                    "紙媒体の情報共有ツール"
                ),
                (
                    Some("ICTを活用した情報共有ツール"),
                    Some("29年度中"),
                    "（29年度中）ICTを活用した情報共有ツール"
                ),
            ]
        );
    }

    #[test]
    fn unknown_words_are_kept_whole_beside_known_options() {
        let cs = choices(
            options_of(crate::layout::Item::E, 2),
            "伝書鳩・のろし・紙媒体の情報共有ツール",
        );
        assert_eq!(
            labels(&cs),
            [
                (None, None, "伝書鳩・のろし"),
                (
                    Some("紙媒体の情報共有ツール"),
                    None,
                    "紙媒体の情報共有ツール"
                ),
            ]
        );
    }

    #[test]
    fn a_dash_cell_chooses_nothing() {
        assert!(choices(options_of(crate::layout::Item::A, 4), "-").is_empty());
    }

    #[test]
    fn literal_matching_agrees_with_the_regex() {
        let texts = [
            "（①を実施している場合または29年度中に実施予定の場合）地域の医療・介護資源のリスト・マップを作成していますか。 51",
            "x（①を実施している場合）地域の医療・介護資源のリスト・マップを作成していますか。（①を実施している場合または29年度中に実施予定の場合）地域の医療・介護資源のリスト・マップを作成していますか。",
            "（①を実施している場合（注）または）地域の医療・介護資源のリスト・マップを作成していますか。",
            "地域の医療機関・介護事業者等の住所、連絡先、機能等の把握について検討し、情報収集や調査を実施していますか。",
        ];
        for q in QUESTIONS {
            let Some(p) = q.text else { continue };
            for t in texts {
                let want: Vec<_> = Regex::new(p)
                    .unwrap()
                    .find_iter(t)
                    .map(|m| m.range())
                    .collect();
                assert_eq!(layout_find_iter(p, t), want, "{p} in {t}");
            }
        }
        assert!(layout_is_match("^その他$", "その他"));
        assert!(!layout_is_match("^その他$", "その他の"));
    }

    #[test]
    fn a_literal_pattern_matches_as_its_regular_expression_does() {
        let patterns = [
            "その他",
            "^その他",
            "その他$",
            "^その他$",
            "^$",
            "集計結果",
            "^集計状況",
            // Anchored with a literal first: refused early when the text
            // does not start with it.
            crate::layout::ISSUER,
            "^その他?の",
            "^その*",
            "^集計+",
            "^集計{2}",
            "^集計|その他",
            "^集計(状況|結果)",
            "^集\\w",
        ];
        let texts = [
            "",
            "その他",
            "その他の",
            "上記その他",
            "上記その他の",
            "集計結果（29年度）",
            "【集計状況】",
            "集計状況（n=53）",
            "その",
            "集",
            "集計計",
            "集w",
            "東京都福祉保健局医療政策部医療政策課",
            "東京都 福祉保健局医療政策部医療政策課",
        ];
        for p in patterns {
            for t in texts {
                let want = Regex::new(p).unwrap().is_match(t);
                assert_eq!(layout_is_match(p, t), want, "{p} on {t}");
            }
        }
    }
}
