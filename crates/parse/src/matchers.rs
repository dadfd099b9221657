//! The layout's patterns, compiled: one [`Matchers`] value, built by a
//! [`crate::Parser`] and lent to every stage that reads the text, so a
//! pattern is compiled once per parser, not once per line or per call. Each
//! constant pattern of the layout is a field (`m.issuer.is_match(line)`): a
//! pattern a parser needs and the set lacks does not compile. The tables'
//! patterns (question texts, options, titles) are found by their text, the
//! set holding every one the layout's tables list.
//!
//! A pattern of the layout is written as a regular expression, but most are
//! one literal (「^その他$」) or literals joined by runs without brackets
//! (every question text): those are matched with a substring searcher, with
//! the regular expression's meaning (tests prove the two agree). A regular
//! expression is compiled on its first use: a parse that never needs one
//! never pays for it.

use crate::layout;
use memchr::memmem::Finder;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

/// The matchers of the layout's constant patterns, each a field of
/// [`Matchers`] named as its constant is (`layout::ISSUER` → `issuer`): a
/// parser asks for a field, so a pattern without a matcher does not
/// compile. Also the list of those patterns, for the tests.
macro_rules! constants {
    ($($field:ident: layout::$constant:ident),+ $(,)?) => {
        /// Every pattern and literal of the layout that text is matched
        /// against, each compiled at most once: the constants as fields,
        /// the tables' patterns (question texts, options, page titles,
        /// legend labels, eras' and programs' names) by pattern.
        #[derive(Debug)]
        pub struct Matchers {
            $(
                #[doc = concat!("[`layout::", stringify!($constant), "`].")]
                pub $field: Matcher,
            )+
            tables: FxHashMap<&'static str, Matcher>,
            /// The patterns asked for that the layout does not list (see [`Matchers::missed`]).
            missed: Mutex<Vec<&'static str>>,
        }

        impl Matchers {
            /// The matchers of every pattern of the layout (searchers built
            /// now, regular expressions on first use).
            pub fn of_layout() -> Matchers {
                Matchers {
                    $($field: Matcher::new(layout::$constant),)+
                    tables: layout::patterns().map(|p| (p, Matcher::new(p))).collect(),
                    missed: Mutex::default(),
                }
            }
        }

        /// The layout's constant patterns (each a field of [`Matchers`]).
        #[cfg(test)]
        const CONSTANT_PATTERNS: &[&str] = &[$(layout::$constant),+];
    };
}

constants! {
    islands_excluded: layout::ISLANDS_EXCLUDED,
    program_summary_title: layout::PROGRAM_SUMMARY_TITLE,
    question_summary_title: layout::QUESTION_SUMMARY_TITLE,
    region_title: layout::REGION_TITLE,
    issuer: layout::ISSUER,
    legend_pair: layout::LEGEND_PAIR,
    sample_size: layout::SAMPLE_SIZE,
    fiscal_year_heads: layout::FISCAL_YEAR_HEADS,
    first_time_only: layout::FIRST_TIME_ONLY,
    association_header_word: layout::ASSOCIATION_HEADER_WORD,
    note_mark: layout::NOTE_MARK,
    shading_legend: layout::SHADING_LEGEND,
    printed_count: layout::PRINTED_COUNT,
    basis: layout::BASIS,
    target_mark: layout::TARGET_MARK,
    window_pages_title: layout::WINDOW_PAGES_TITLE,
    extension: layout::EXTENSION,
    hours_start: layout::HOURS_START,
    plan_month: layout::PLAN_MONTH,
    window_name_end: layout::WINDOW_NAME_END,
    leftover_head: layout::LEFTOVER_HEAD,
    leftover_glued: layout::LEFTOVER_GLUED,
    leftover_name_count: layout::LEFTOVER_NAME_COUNT,
    leftover_number_count: layout::LEFTOVER_NUMBER_COUNT,
}

impl Default for Matchers {
    fn default() -> Self {
        Matchers::of_layout()
    }
}

impl Matchers {
    /// The matcher of `pattern`, a pattern of the layout's tables (a
    /// question's text, an option, a page title, a legend label, an era's
    /// or a program's name: the constants are fields). One the layout does
    /// not list (it lists every table's: a test keeps this from happening)
    /// is made for this call and remembered in [`Matchers::missed`].
    pub fn get(&self, pattern: &'static str) -> Cow<'_, Matcher> {
        match self.tables.get(pattern) {
            Some(m) => Cow::Borrowed(m),
            None => {
                let mut missed = self.missed.lock().unwrap_or_else(|e| e.into_inner());
                if !missed.contains(&pattern) {
                    missed.push(pattern);
                }
                Cow::Owned(Matcher::new(pattern))
            }
        }
    }

    /// The patterns asked for that [`crate::layout::patterns`] does not
    /// list (a test keeps this empty for every fixture).
    pub fn missed(&self) -> Vec<&'static str> {
        self.missed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Whether `pattern` is one of the layout's tables' (compiled once).
    pub fn knows(&self, pattern: &str) -> bool {
        self.tables.contains_key(pattern)
    }

    /// Whether `text` matches `pattern`, a pattern of the layout's tables.
    pub fn is_match(&self, pattern: &'static str, text: &str) -> bool {
        self.get(pattern).is_match(text)
    }

    /// Whether `text` holds `literal`, a literal of the layout's tables.
    pub fn contains(&self, literal: &'static str, text: &str) -> bool {
        self.get(literal).holds_literal(text)
    }
}

/// One pattern, ready to search many texts.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// The pattern as the layout writes it.
    pattern: &'static str,
    /// How it is searched without a regular expression, if it can be.
    shape: Shape,
    /// Its regular expression, compiled on first use.
    regex: OnceLock<Regex>,
}

/// How a pattern is searched.
#[derive(Debug, Clone)]
enum Shape {
    /// One literal, anchored at the start, the end, both or neither.
    Literal {
        literal: &'static str,
        start: bool,
        end: bool,
        finder: Finder<'static>,
    },
    /// Literal parts with runs without brackets between them: the first
    /// part's searcher, and the parts after it.
    Plain {
        first: Finder<'static>,
        head: &'static str,
        rest: Vec<&'static str>,
    },
    /// A regular expression, with the literal every match starts with where
    /// it is anchored at the start (most lines are refused without a search).
    Regex {
        anchored_prefix: Option<&'static str>,
    },
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

impl Matcher {
    /// The matcher of `pattern`.
    pub fn new(pattern: &'static str) -> Matcher {
        let (start, rest) = match pattern.strip_prefix('^') {
            Some(rest) => (true, rest),
            None => (false, pattern),
        };
        let (end, literal) = match rest.strip_suffix('$') {
            Some(literal) => (true, literal),
            None => (false, rest),
        };
        let parts: Vec<&'static str> = pattern.split(OPEN_RUN).collect();
        let shape = if is_plain(literal) {
            Shape::Literal {
                literal,
                start,
                end,
                finder: Finder::new(literal),
            }
        } else if let Some((head, rest)) = match parts.split_first() {
            Some((&head, rest))
                if !head.is_empty() && !rest.is_empty() && parts.iter().all(|p| is_plain(p)) =>
            {
                Some((head, rest.to_vec()))
            }
            _ => None,
        } {
            Shape::Plain {
                first: Finder::new(head),
                head,
                rest,
            }
        } else {
            Shape::Regex {
                anchored_prefix: if start { anchored_prefix(rest) } else { None },
            }
        };
        Matcher {
            pattern,
            shape,
            regex: OnceLock::new(),
        }
    }

    /// Its regular expression (compiled on first use; a pattern that does
    /// not compile, which `layout_patterns_compile` rules out, matches
    /// nothing).
    pub fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(self.pattern).unwrap_or_else(|_| never_matching()))
    }

    /// Whether `text` matches.
    pub fn is_match(&self, text: &str) -> bool {
        match &self.shape {
            Shape::Literal {
                literal,
                start,
                end,
                finder,
            } => match (start, end) {
                (true, true) => text == *literal,
                (true, false) => text.starts_with(literal),
                (false, true) => text.ends_with(literal),
                (false, false) => finder.find(text.as_bytes()).is_some(),
            },
            Shape::Plain { .. } => !self.find_iter(text).is_empty(),
            Shape::Regex { anchored_prefix } => {
                if anchored_prefix.is_some_and(|p| !text.starts_with(p)) {
                    return false;
                }
                self.regex().is_match(text)
            }
        }
    }

    /// Every non-overlapping match in `text`, leftmost first, as byte
    /// ranges, with the regular expression's leftmost-first, greedy meaning.
    pub fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        let (first, head, rest): (_, _, &[&str]) = match &self.shape {
            Shape::Plain { first, head, rest } => (first, *head, rest),
            Shape::Literal {
                literal,
                start: false,
                end: false,
                finder,
            } if !literal.is_empty() => (finder, *literal, &[]),
            Shape::Literal { .. } | Shape::Regex { .. } => {
                return self.regex().find_iter(text).map(|m| m.range()).collect();
            }
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

    /// Whether `text` holds the pattern read as one literal.
    pub fn holds_literal(&self, text: &str) -> bool {
        match &self.shape {
            Shape::Literal {
                finder,
                start: false,
                end: false,
                ..
            } => finder.find(text.as_bytes()).is_some(),
            _ => text.contains(self.pattern),
        }
    }

    /// Where the pattern, read as one literal whatever its characters,
    /// occurs in `text` (byte offsets, overlapping).
    pub fn find_literal(&self, text: &str) -> Vec<usize> {
        match &self.shape {
            // The literal's own searcher where the pattern is an unanchored literal.
            Shape::Literal {
                finder,
                start: false,
                end: false,
                ..
            } => finder.find_iter(text.as_bytes()).collect(),
            _ => Finder::new(self.pattern)
                .find_iter(text.as_bytes())
                .collect(),
        }
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

/// A regular expression that matches nothing.
#[allow(
    clippy::expect_used,
    reason = "a constant pattern, compiled by every test run; the one expect of the library crates"
)]
fn never_matching() -> Regex {
    Regex::new("[^\\s\\S]").expect("a constant pattern compiles")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::QUESTIONS;

    #[test]
    fn layout_patterns_compile() {
        for p in layout::patterns().chain(CONSTANT_PATTERNS.iter().copied()) {
            assert!(Regex::new(p).is_ok(), "{p}");
        }
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
            let m = Matcher::new(p);
            for t in texts {
                let want: Vec<_> = Regex::new(p)
                    .unwrap()
                    .find_iter(t)
                    .map(|m| m.range())
                    .collect();
                assert_eq!(m.find_iter(t), want, "{p} in {t}");
                assert_eq!(m.is_match(t), !want.is_empty(), "{p} in {t}");
            }
        }
        assert!(Matcher::new("^その他$").is_match("その他"));
        assert!(!Matcher::new("^その他$").is_match("その他の"));
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
            let m = Matcher::new(p);
            for t in texts {
                let want = Regex::new(p).unwrap().is_match(t);
                assert_eq!(m.is_match(t), want, "{p} on {t}");
                let found: Vec<_> = Regex::new(p)
                    .unwrap()
                    .find_iter(t)
                    .map(|m| m.range())
                    .collect();
                assert_eq!(m.find_iter(t), found, "{p} on {t}");
            }
        }
    }

    #[test]
    fn a_pattern_the_layout_does_not_list_still_matches() {
        let m = Matchers::of_layout();
        assert!(!m.knows("^伝書鳩$"));
        assert!(m.is_match("^伝書鳩$", "伝書鳩"));
        assert!(!m.is_match("^伝書鳩$", "のろし"));
        // The constants are fields, not looked up by their pattern.
        assert!(!m.knows(crate::layout::ISSUER));
        assert!(m.knows(crate::layout::Program::RoundTheClockCare.title()));
    }

    #[test]
    fn literals_are_found_where_they_stand() {
        let m = Matchers::of_layout();
        let found = m.get("平成").find_literal("平成29年 平成30年");
        assert_eq!(found, [0, "平成29年 ".len()]);
        assert!(m.target_mark.holds_literal("1 千代田区 ○"));
    }
}
