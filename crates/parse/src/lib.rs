//! Reconstructs the tables of the Tokyo report 「在宅医療・介護連携推進事業の
//! 取組状況」 from the text a PDF extractor pulled out of it.
//!
//! The data flows one way, one stage per module or folder:
//!
//! 1. [`decode`]: bytes → text (encoding detected, or chosen);
//! 2. [`canon`]: text → canonical lines → pages, whichever extractor wrote
//!    the text, each line still pointing at the input's own line and
//!    columns; [`text`]: what the parsers read of them (lines, pages,
//!    words);
//! 3. [`pages`]: each page kind parsed as printed into the typed tables of
//!    [`model`] (no decisions), with the layout knowledge of [`layout`] and
//!    the reference list of [`mod@reference`];
//! 4. [`resolve`]: every inference, each with its reason (association ×
//!    year cells, window placement, merged names, overrides).
//!
//! Validation (crate `zaitaku-validate`) checks the result and export (crate
//! `zaitaku-export`) writes it. Every value and error carries a
//! [`span::Span`] (the ground floor, with [`error`]). No stage does I/O.
//!
//! ```
//! use zaitaku_parse::{decode::{decode, EncodingChoice}, parse_text};
//! // The seed edition: bytes → text → the report, as printed and resolved.
//! let bytes = include_bytes!("../../../raw/000_1fb60f2a74870bbb.txt");
//! let decoded = decode(bytes, EncodingChoice::Auto).unwrap();
//! let report = parse_text(&decoded.text).unwrap();
//! assert_eq!(report.edition.as_of.iso(), "2017-07-31");
//! assert_eq!((report.program.n, report.program.rows.len()), (53, 15));
//! // Anything else is a list of errors, each at a page, line and column.
//! let errors = parse_text("not the report").unwrap_err();
//! assert!(errors.0[0].to_string().contains("expected"));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]
// A panic must be visible in review: none of these outside tests (the one
// exception is argued where it is allowed).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

/// For an enum whose values each have a fixed text (an id in the tables,
/// the katakana the report prints): the method giving a value's text, and a
/// constant holding every text in the order written, which must be the
/// enum's order (the tables' vocabularies are built from it, so the
/// category order of an Enum column is the declaration order).
///
/// `texts! { Mark, IDS, id, /// doc of id() { Implemented => "implemented", … } }`
macro_rules! texts {
    ($ty:ident, $all:ident, $method:ident, $(#[$doc:meta])* { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            #[doc = concat!("Every value's `", stringify!($method), "()`, in the enum's order.")]
            pub const $all: &'static [&'static str] = &[$($text),+];

            $(#[$doc])*
            pub fn $method(self) -> &'static str {
                match self {
                    $($ty::$variant => $text),+
                }
            }
        }
    };
}

/// A closed vocabulary: an enum whose values each have one text (an id in
/// the tables, a name in the reports), declared once with its texts. It
/// gives the enum (`Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord,
/// Hash`), `ALL` (every value in the order declared, which is the category
/// order of an Enum column), the constant holding every text in that
/// order, the method giving a value's text, `of(text)` (the value of a
/// text), and `Serialize` as the text. Other texts of the same enum (the
/// katakana of an item) are given by the crate's own `texts!`.
///
/// ```
/// zaitaku_parse::vocabulary! {
///     /// A status.
///     pub enum Status => id, IDS {
///         /// It passed.
///         Pass = "pass",
///         /// It failed.
///         Fail = "fail",
///     }
/// }
/// assert_eq!(Status::IDS, ["pass", "fail"]);
/// assert_eq!(Status::ALL.map(Status::id), ["pass", "fail"]);
/// assert_eq!(Status::of("fail"), Some(Status::Fail));
/// ```
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $ty:ident => $method:ident, $all:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $ty {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $ty {
            /// Every value, in the order declared.
            pub const ALL: [$ty; [$($text),+].len()] = [$($ty::$variant),+];

            #[doc = concat!("Every value's `", stringify!($method), "()`, in [`", stringify!($ty), "::ALL`]'s order.")]
            pub const $all: &'static [&'static str] = &[$($text),+];

            #[doc = concat!("The value's text: ", $("`", $text, "` "),+)]
            pub const fn $method(self) -> &'static str {
                match self {
                    $($ty::$variant => $text),+
                }
            }

            #[doc = concat!("The value whose `", stringify!($method), "()` is `text`, if any.")]
            pub fn of(text: &str) -> Option<$ty> {
                match text {
                    $($text => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl $crate::__serde::Serialize for $ty {
            fn serialize<S: $crate::__serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.$method())
            }
        }
    };
}

#[doc(hidden)]
pub use serde as __serde;

pub mod canon;
pub mod cells;
pub mod decode;
pub mod error;
pub mod grid;
pub mod layout;
pub mod matchers;
pub mod model;
pub mod pages;
pub mod reading;
pub mod reference;
pub mod resolve;
pub mod spaced;
pub mod span;
pub mod suggest;
pub mod text;
pub mod vocab;

use pages::{answers, associations, page1, page2, windows};

use error::{ParseError, ParseErrors};
use matchers::Matchers;
use model::{NumberedName, Report, Span};
use text::Page;

/// The largest input read, in bytes (64 MiB; the seed is about 64 KB). A
/// larger one is refused before it is decoded.
pub const MAX_INPUT_BYTES: usize = 64 << 20;

/// Parses a decoded text into a [`Report`], or returns every parse error
/// found. It compiles the layout's patterns for this one text: to parse
/// many, make one [`Parser`] and lend it.
pub fn parse_text(text: &str) -> Result<Report, ParseErrors> {
    Parser::new().parse(text)
}

/// Whether `text` is (a part of) the report: it names the report's program
/// (「在宅医療・介護連携推進事業」, which its page titles and heads print) and
/// prints shares as its figure rows do (「96.2%」), read in canonical form.
/// A text that does not is not the report, whatever else it holds (a
/// README naming the report, a CSV).
pub fn names_the_report(text: &str) -> bool {
    let canonical = canon::canonical(text).text();
    let shares = canonical
        .split_whitespace()
        .filter(|w| reading::is_share(w))
        .take(SHARES_OF_THE_REPORT)
        .count();
    canonical.contains(layout::PROGRAM_NAME) && shares >= SHARES_OF_THE_REPORT
}

/// Shares a text prints from which it is the report's (page 1's first
/// rows print six).
const SHARES_OF_THE_REPORT: usize = 3;

/// The edition (as-of date) a text prints, read without parsing its tables
/// (see [`Parser::edition_of`]; this one compiles the patterns it needs
/// for this one text).
pub fn edition_of(text: &str) -> Option<model::Edition> {
    Parser::new().edition_of(text)
}

/// A parser of the report: the layout's patterns compiled once
/// ([`Matchers`]) and lent to every stage, for any number of texts, from
/// any number of threads.
#[derive(Debug, Default)]
pub struct Parser {
    matchers: Matchers,
}

impl Parser {
    /// A parser with the layout's patterns (regular expressions compiled on
    /// first use).
    pub fn new() -> Parser {
        Parser {
            matchers: Matchers::of_layout(),
        }
    }

    /// The patterns it matches with.
    pub fn matchers(&self) -> &Matchers {
        &self.matchers
    }

    /// Runs `during` while the layout's regular expressions are compiled
    /// on another thread, so that the first parse finds them ready instead
    /// of compiling each as it first needs it (1.2 ms for the seed): a
    /// command calls it before it reads its inputs, while a core would
    /// otherwise wait. A regular expression asked for before that thread
    /// compiled it is compiled once either way.
    pub fn compiling_meanwhile<T>(&self, during: impl FnOnce() -> T) -> T {
        std::thread::scope(|scope| {
            scope.spawn(|| self.matchers.compile_all());
            during()
        })
    }

    /// Parses a ruled PDF's pages, read by position, into a [`Report`], or
    /// returns every parse error found (spans point into [`grid::Grid::text`]).
    pub fn parse_grid(&self, grid: &grid::Grid) -> Result<Report, ParseErrors> {
        self.parse_grid_printed(grid).map(resolve::finish)
    }

    /// [`parse_grid`](Self::parse_grid) up to the pins: the report as
    /// printed, for [`resolve::overrides::apply`], then [`resolve::finish`].
    pub fn parse_grid_printed(&self, grid: &grid::Grid) -> Result<Report, ParseErrors> {
        grid::parse(&self.matchers, grid)
    }

    /// Parses a decoded text into a [`Report`], or returns every parse error found.
    pub fn parse(&self, text: &str) -> Result<Report, ParseErrors> {
        self.parse_printed(text).map(resolve::finish)
    }

    /// [`parse`](Self::parse) up to the pins: the report as printed (its
    /// association tables and windows not yet decided), for
    /// [`resolve::overrides::apply`], then [`resolve::finish`], which decides
    /// each once.
    pub fn parse_printed(&self, text: &str) -> Result<Report, ParseErrors> {
        let m = &self.matchers;
        let canonical = canon::canonical(text);
        let pages = canonical.pages(m);
        let mut errors = text::oversized_numbers(&pages);
        if !errors.is_empty() {
            return Err(ParseErrors(errors));
        }
        // Pages 1 and 2 are found by their titles, not by their place.
        let titled = |title: &matchers::Matcher, not: Option<u32>| {
            pages
                .iter()
                .find(|p| Some(p.no) != not && p.lines.iter().any(|l| title.is_match(l.text)))
        };
        let first = titled(&m.program_summary_title, None);
        let second = titled(&m.question_summary_title, first.map(|p| p.no));
        let (Some(first), Some(second)) = (first, second) else {
            let line = span::saturating_u32(text.split('\n').count());
            // The report's program named, its pages' titles not all
            // printed: the text stops inside the report.
            let cut = first.is_some() || names_the_report(text);
            errors.push(ParseError::new(
                Span::line(span::saturating_u32(pages.len()).max(1), line),
                format!(
                    "the pages {} and {} (pages separated by a form feed or two blank lines){}",
                    layout::PROGRAM_SUMMARY_NAME,
                    layout::QUESTION_SUMMARY_NAME,
                    if cut {
                        "; the text names the report's program and ends before them: was the file cut short?"
                    } else {
                        ""
                    }
                ),
                &format!(
                    "{} page(s) without {}, then the end of input",
                    pages.len(),
                    if first.is_none() {
                        layout::PROGRAM_SUMMARY_NAME
                    } else {
                        layout::QUESTION_SUMMARY_NAME
                    }
                ),
            ));
            return Err(ParseErrors(errors));
        };
        let edition = page1::edition(m, &pages, &mut errors);
        let era = edition.as_ref().map(|e| e.1);
        let program = page1::parse(m, first, era, &mut errors);
        let questions = page2::parse(m, second, &mut errors);
        let names = reference_names();
        let answers = answers::parse(m, &pages, names, &mut errors);
        let associations = associations::parse(m, &pages, era, &mut errors);
        let fiscal_year = program.as_ref().map_or(0, |p| p.fy_current);
        let windows = windows::parse(m, &pages, era, fiscal_year, &mut errors);
        let last = pages
            .last()
            .map_or(1, |p| p.lines.last().map_or(1, |l| l.no));
        let end = Span::line(pages.last().map_or(1, |p| p.no), last);
        match &windows {
            None => errors.push(ParseError::new(
                end,
                format!(
                    "the pages of {} (consultation windows); the text ends before them: was the file cut short?",
                    layout::WINDOW_PAGES_NAME
                ),
                "no such page before the end of input",
            )),
            Some(w) => errors.extend(error::cut_short(w, end)),
        }
        let numbered = numbered_names(&pages);
        match (edition, program, questions, windows) {
            (Some((edition, _)), Some(program), Some(questions), Some(windows))
                if errors.is_empty() =>
            {
                // The resolve stage: every inference, each with its reason.
                Ok(resolve::report(
                    edition,
                    program,
                    questions,
                    answers,
                    (associations.into_iter())
                        .map(model::AssociationTable::printed)
                        .collect(),
                    windows,
                    numbered,
                ))
            }
            _ => {
                errors.sort_by_key(|e| e.position);
                Err(ParseErrors(errors))
            }
        }
    }

    /// The edition (as-of date) a text prints, read without parsing its tables:
    /// for putting many inputs in edition order before parsing them. `None`
    /// where no as-of phrase reads ([`Parser::parse`] then says why).
    pub fn edition_of(&self, text: &str) -> Option<model::Edition> {
        let m = &self.matchers;
        // The lines up to the first as-of phrase are enough (parse_text takes
        // the first one too); the whole text where that one does not read.
        let phrase = |line: &str| {
            page1::era_names_at(m, line).into_iter().any(|at| {
                line.get(at..)
                    .is_some_and(|l| pages::combinators::as_of_phrase(l).is_ok())
            })
        };
        let first = canon::canonical_until(text, phrase);
        page1::edition(m, &first.pages(m), &mut Vec::new())
            .or_else(|| page1::edition(m, &canon::canonical(text).pages(m), &mut Vec::new()))
            .map(|(edition, _)| edition)
    }
}

/// Every `N name …` row head whose name is a municipality of the reference
/// list: 「1 千代田区 ○ ○ ○ - …」. First occurrence per name, in text order.
fn numbered_names(pages: &[Page<'_>]) -> Vec<NumberedName> {
    let names = reference_names();
    let mut seen: Vec<NumberedName> = Vec::new();
    for page in pages {
        for line in &page.lines {
            let mut words = line.text.split_whitespace();
            let (Some(no), Some(name)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(no) = no.parse::<u32>() else {
                continue;
            };
            if !names.iter().any(|n| n == name) {
                continue;
            }
            if !seen.iter().any(|s| s.name == name) {
                seen.push(NumberedName {
                    no,
                    name: name.to_string(),
                    span: Span::line(page.no, line.no),
                });
            }
        }
    }
    seen
}

/// The names of the reference list, read once.
fn reference_names() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        reference::municipalities()
            .iter()
            .map(|m| m.name.clone())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use crate::layout::Item;

    const SEED: &str = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");

    #[test]
    fn edition_of_reads_what_the_parse_reads() {
        let parsed = crate::parse_text(SEED).expect("the seed parses").edition;
        let read = crate::edition_of(SEED).expect("the seed prints an as-of date");
        assert_eq!(read, parsed);
        // Line 52 prints the phrase in ASCII digits, line 257 in full-width
        // ones; with line 52 gone, the first phrase left needs normalizing.
        let without: String = SEED
            .split_inclusive('\n')
            .enumerate()
            .map(|(k, l)| if k == 51 { "\n" } else { l })
            .collect();
        let read = crate::edition_of(&without).expect("line 257 prints the as-of date");
        assert_eq!(
            (read.span.line, read.printed.as_str()),
            (257, "平成29年度7月末時点")
        );
        assert_eq!(read.as_of, parsed.as_of);
        if let Ok(report) = crate::parse_text(&without) {
            assert_eq!(read, report.edition);
        }
        // A text without an as-of phrase has no edition.
        assert_eq!(crate::edition_of(&SEED.replace("月末時点", "月")), None);
    }

    #[test]
    fn the_katakana_are_in_the_items_order() {
        // A vocabulary! declares its texts with its values (one order);
        // texts! lists the items' katakana apart, in the order it must keep.
        let katakana: Vec<&str> = Item::ALL.iter().map(|i| i.katakana()).collect();
        assert_eq!(Item::KATAKANA, katakana);
        assert_eq!(Item::KATAKANA.first(), Some(&"ア"));
    }
}
