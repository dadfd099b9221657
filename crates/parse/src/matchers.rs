//! The layout's patterns, compiled: one [`Matchers`] value, built by a
//! [`crate::Parser`] and lent to every stage that reads the text, so a
//! pattern is compiled once per parser, not once per line or per call. Each
//! constant pattern of the layout is a field (`m.issuer.is_match(line)`);
//! the tables' patterns come with the table rows they belong to: each
//! question of page 2 with its text's and its sub-questions' matchers
//! ([`Matchers::questions`]), each per-municipality page with its title's
//! ([`Matchers::answer_pages`]), each option vocabulary's options
//! ([`Matchers::options`], by [`Vocabulary`]), the legend's labels, the
//! eras' and the programs' names with their marks, eras and programs. No
//! pattern is looked up by its text: one a parser needs and the set lacks
//! does not compile.
//!
//! A pattern of the layout is written as a regular expression, but most are
//! one literal (「^その他$」) or literals joined by runs without brackets
//! (every question text): those are matched with a substring searcher, with
//! the regular expression's meaning (tests prove the two agree). A regular
//! expression is compiled on its first use: a parse that never needs one
//! never pays for it.

use crate::layout::{
    self, AnswerPageSpec, Era, Mark, OptionSpec, Program, QuestionKind, QuestionSpec, SubQuestion,
    Vocabulary,
};
use memchr::memmem::Finder;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// The matchers of the layout's constant patterns, each a field of
/// [`Matchers`] named as its constant is (`layout::ISSUER` → `issuer`): a
/// parser asks for a field, so a pattern without a matcher does not
/// compile. Also the list of those patterns, for the tests.
macro_rules! constants {
    ($($field:ident: layout::$constant:ident),+ $(,)?) => {
        /// Every pattern and literal of the layout that text is matched
        /// against, each compiled at most once: the constants as fields,
        /// the tables' patterns with the rows of the layout's tables they
        /// belong to.
        #[derive(Debug)]
        pub struct Matchers {
            $(
                #[doc = concat!("[`layout::", stringify!($constant), "`].")]
                pub $field: Matcher,
            )+
            tables: Tables,
        }

        impl Matchers {
            /// The matchers of every pattern of the layout (searchers built
            /// now, regular expressions on first use).
            pub fn of_layout() -> Matchers {
                Matchers {
                    $($field: Matcher::new(layout::$constant),)+
                    tables: Tables::of_layout(),
                }
            }

            /// Compiles every regular expression of the layout not yet
            /// compiled (a searcher needs none).
            pub fn compile_all(&self) {
                for m in self.constants().into_iter().chain(self.tables.all()) {
                    if matches!(m.shape, Shape::Regex { .. }) {
                        let _ = m.regex();
                    }
                }
            }
        }

        impl Matchers {
            /// The constants' matchers.
            fn constants(&self) -> Vec<&Matcher> {
                vec![$(&self.$field),+]
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

/// The tables' patterns, compiled.
#[derive(Debug)]
struct Tables {
    questions: Vec<Question>,
    answer_pages: Vec<AnswerPage>,
    update: Options,
    provision: Options,
    sharing: Options,
    window_operator: Options,
    legend: Vec<(Mark, Matcher)>,
    eras: Vec<(Era, Matcher)>,
    programs: Vec<(Program, Matcher)>,
}

impl Tables {
    /// Every matcher.
    fn all(&self) -> impl Iterator<Item = &Matcher> {
        let questions = self
            .questions
            .iter()
            .flat_map(|q| q.text.iter().chain(q.subs.iter().map(|(_, m)| m)));
        let options = [
            &self.update,
            &self.provision,
            &self.sharing,
            &self.window_operator,
        ]
        .into_iter()
        .flat_map(|o| o.0.iter().map(|(_, m)| m));
        questions
            .chain(self.answer_pages.iter().map(|p| &p.title))
            .chain(options)
            .chain(self.legend.iter().map(|(_, m)| m))
            .chain(self.eras.iter().map(|(_, m)| m))
            .chain(self.programs.iter().map(|(_, m)| m))
    }

    fn of_layout() -> Tables {
        Tables {
            questions: layout::QUESTIONS.iter().map(Question::of).collect(),
            answer_pages: (layout::ANSWER_PAGES.iter())
                .map(|spec| AnswerPage {
                    spec,
                    title: Matcher::new(spec.title),
                })
                .collect(),
            update: Options::of(Vocabulary::Update),
            provision: Options::of(Vocabulary::Provision),
            sharing: Options::of(Vocabulary::Sharing),
            window_operator: Options::of(Vocabulary::WindowOperator),
            legend: (Mark::ALL.into_iter())
                .filter_map(|mark| Some((mark, Matcher::new(mark.legend_label()?))))
                .collect(),
            eras: Era::ALL.map(|e| (e, Matcher::new(e.name()))).to_vec(),
            programs: Program::ALL.map(|p| (p, Matcher::new(p.title()))).to_vec(),
        }
    }
}

/// A question of page 2 ([`layout::QUESTIONS`]) with its patterns compiled.
#[derive(Debug)]
pub struct Question {
    /// The question.
    pub spec: &'static QuestionSpec,
    /// Its text's matcher, where page 2 prints a text that can be told to
    /// be its own.
    pub text: Option<Matcher>,
    /// Its sub-questions' labels' on page 2 (キ②), in the layout's order.
    pub subs: Vec<(SubQuestion, Matcher)>,
}

impl Question {
    fn of(spec: &'static QuestionSpec) -> Question {
        let subs = match spec.kind {
            QuestionKind::Subs(subs) => subs,
            QuestionKind::Single | QuestionKind::Options(_) => &[],
        };
        Question {
            spec,
            text: spec.text.map(Matcher::new),
            subs: (subs.iter())
                .map(|s| (*s, Matcher::new(s.page2_label())))
                .collect(),
        }
    }
}

/// A per-municipality page ([`layout::ANSWER_PAGES`]) with its title's matcher.
#[derive(Debug)]
pub struct AnswerPage {
    /// The page.
    pub spec: &'static AnswerPageSpec,
    /// Its title's matcher.
    pub title: Matcher,
}

/// An option vocabulary's options, each with its pattern's matcher, in the
/// layout's order.
#[derive(Debug)]
pub struct Options(Vec<(&'static OptionSpec, Matcher)>);

impl Options {
    fn of(vocabulary: Vocabulary) -> Options {
        Options(
            (vocabulary.options().iter())
                .map(|o| (o, Matcher::new(o.pattern)))
                .collect(),
        )
    }

    /// The first option whose pattern `text` matches.
    pub fn find(&self, text: &str) -> Option<&'static OptionSpec> {
        (self.0.iter())
            .find(|(_, m)| m.is_match(text))
            .map(|(o, _)| *o)
    }
}

impl Matchers {
    /// Each question of page 2, in the layout's order, with its matchers.
    pub fn questions(&self) -> &[Question] {
        &self.tables.questions
    }

    /// Each per-municipality page, in the layout's order, with its title's matcher.
    pub fn answer_pages(&self) -> &[AnswerPage] {
        &self.tables.answer_pages
    }

    /// The options of `vocabulary`, compiled.
    pub fn options(&self, vocabulary: Vocabulary) -> &Options {
        let t = &self.tables;
        match vocabulary {
            Vocabulary::Update => &t.update,
            Vocabulary::Provision => &t.provision,
            Vocabulary::Sharing => &t.sharing,
            Vocabulary::WindowOperator => &t.window_operator,
        }
    }

    /// Each mark the legend names by a label, with its label's matcher.
    pub fn legend_labels(&self) -> &[(Mark, Matcher)] {
        &self.tables.legend
    }

    /// Each era with its name's matcher.
    pub fn eras(&self) -> &[(Era, Matcher)] {
        &self.tables.eras
    }

    /// Each association program with its title's matcher.
    pub fn programs(&self) -> &[(Program, Matcher)] {
        &self.tables.programs
    }

    /// Every pattern compiled for the layout's tables (for the tests: the
    /// layout's [`layout::patterns`], each once).
    #[cfg(test)]
    fn table_patterns(&self) -> Vec<&'static str> {
        self.tables.all().map(Matcher::pattern).collect()
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

    /// The pattern as the layout writes it.
    pub fn pattern(&self) -> &'static str {
        self.pattern
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
    fn every_pattern_of_the_layouts_tables_is_compiled_once() {
        use std::collections::BTreeSet;
        let compiled = Matchers::of_layout().table_patterns();
        let distinct: BTreeSet<&str> = compiled.iter().copied().collect();
        let listed: BTreeSet<&str> = layout::patterns().collect();
        assert_eq!(distinct, listed);
        // Once per row of the layout's tables: a vocabulary's options
        // once, for page 2 and its per-municipality column alike (「その他」
        // is an option of two vocabularies: twice).
        let options: usize = Vocabulary::ALL.iter().map(|v| v.options().len()).sum();
        let questions = (QUESTIONS.iter())
            .map(|q| {
                usize::from(q.text.is_some())
                    + match q.kind {
                        QuestionKind::Subs(subs) => subs.len(),
                        QuestionKind::Single | QuestionKind::Options(_) => 0,
                    }
            })
            .sum::<usize>();
        let labels = Mark::ALL
            .iter()
            .filter(|m| m.legend_label().is_some())
            .count();
        let rows = questions
            + layout::ANSWER_PAGES.len()
            + options
            + labels
            + Era::ALL.len()
            + Program::ALL.len();
        assert_eq!(compiled.len(), rows);
    }

    #[test]
    fn compile_all_compiles_every_regular_expression_and_only_those() {
        let m = Matchers::of_layout();
        let every = |m: &Matchers| -> Vec<(bool, bool)> {
            (m.constants().into_iter().chain(m.tables.all()))
                .map(|x| {
                    (
                        matches!(x.shape, Shape::Regex { .. }),
                        x.regex.get().is_some(),
                    )
                })
                .collect()
        };
        assert!(every(&m).iter().all(|(_, compiled)| !compiled));
        m.compile_all();
        let after = every(&m);
        assert_eq!(
            after.len(),
            CONSTANT_PATTERNS.len() + m.table_patterns().len()
        );
        assert!(after.iter().any(|(regex, _)| *regex));
        assert!(after.iter().all(|(regex, compiled)| regex == compiled));
    }

    #[test]
    fn a_vocabulary_finds_its_options_and_nothing_else() {
        let m = Matchers::of_layout();
        let sharing = m.options(Vocabulary::Sharing);
        let found = sharing.find("紙媒体の情報共有ツール").map(|o| o.label);
        assert_eq!(found, Some("紙媒体の情報共有ツール"));
        assert_eq!(sharing.find("伝書鳩"), None);
        // Another vocabulary's option is not this one's.
        assert_eq!(
            m.options(Vocabulary::Update).find("紙媒体の情報共有ツール"),
            None
        );
    }

    #[test]
    fn literals_are_found_where_they_stand() {
        let m = Matchers::of_layout();
        let heisei = m.eras().iter().find(|(e, _)| *e == Era::Heisei).unwrap();
        let found = heisei.1.find_literal("平成29年 平成30年");
        assert_eq!(found, [0, "平成29年 ".len()]);
        assert!(m.target_mark.holds_literal("1 千代田区 ○"));
    }
}
