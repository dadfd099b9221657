//! Matching printed option text against a question's vocabulary.
//!
//! Options are never found by splitting on 「・」 (option names contain it);
//! a printed option is matched whole against each option's pattern, after
//! its annotations are set aside: in front (「（検討中）」, 「（29年度中）」) or after
//! (「（※補助）」, 「(※補助含む）」 — the report mixes half- and full-width brackets).

use crate::layout::OptionSpec;
use regex::Regex;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A compiled regular expression for a pattern of the layout, compiled once.
/// Shared, not cloned: a clone of a `Regex` would build its lazy DFA again.
pub fn layout_regex(pattern: &'static str) -> Arc<Regex> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Arc<Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    map.entry(pattern)
        // Layout patterns are constants, tested in `layout_patterns_compile`;
        // a pattern that failed would match nothing rather than panic.
        .or_insert_with(|| {
            Regex::new(pattern)
                .unwrap_or_else(|_| Regex::new("$^").expect("empty regex"))
                .into()
        })
        .clone()
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
        annotation: (!notes.is_empty()).then(|| notes.join("・")),
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
        .find(|o| layout_regex(o.pattern).is_match(annotated.core))
        .map(|o| (o, annotated.annotation))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{QuestionKind, QUESTIONS};

    fn options_of(item: crate::layout::Item, no: u8) -> &'static [OptionSpec] {
        match QUESTIONS
            .iter()
            .find(|q| q.item == item && q.no == no)
            .map(|q| q.kind)
        {
            Some(QuestionKind::Options(o)) => o,
            _ => &[],
        }
    }

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
}
