//! Layout knowledge: what the report's pages hold, independent of any
//! edition's figures. Items, the mark legend, the rows of the page-1 table,
//! the questions of page 2 with their option vocabularies, and the eras.
//!
//! Nothing here is a figure, a year or a date of an edition: question texts
//! are regular expressions in which the year-bearing condition
//! 「（①を実施している場合または29年度中に実施予定の場合）」 is left open.

mod answers;
mod associations;
mod summary;
mod windows;

pub use answers::*;
pub use associations::*;
pub use summary::*;
pub use windows::*;

crate::vocabulary! {
    /// A program item （ア）…（ク） of the cooperation program.
    pub enum Item => id, IDS {
        /// （ア） 地域の医療・介護資源の把握 (survey of local resources)
        A = "a",
        /// （イ） 課題の抽出と対応策の検討 (issues and countermeasures)
        I = "i",
        /// （ウ） 切れ目のない提供体制の構築推進 (seamless provision)
        U = "u",
        /// （エ） 情報共有の支援 (information sharing)
        E = "e",
        /// （オ） 相談支援 (consultation support)
        O = "o",
        /// （カ） 研修 (training)
        Ka = "ka",
        /// （キ） 地域住民への普及啓発 (public awareness)
        Ki = "ki",
        /// （ク） 関係市区町村の連携 (cooperation between municipalities)
        Ku = "ku",
    }
}

impl Item {
    /// The item printed as `c`, if any.
    pub fn from_katakana(c: char) -> Option<Item> {
        Item::ALL.into_iter().find(|i| i.katakana().starts_with(c))
    }
}

crate::vocabulary! {
    /// A mark of the legend on pages 3–4, in the legend's order; its id is
    /// the status the tables write.
    pub enum Mark => id, IDS {
        /// ◎ 実施 (implemented)
        Implemented = "implemented",
        /// ○ 29年度中に実施予定 (planned within the fiscal year)
        PlannedThisYear = "planned_this_year",
        /// △ 30年4月1日実施予定及びその他 (planned later, or undecided)
        PlannedLaterOrUndecided = "planned_later_or_undecided",
        /// × 実施予定なし (not planned; ク only)
        NotPlanned = "not_planned",
        /// - not applicable
        NotApplicable = "not_applicable",
    }
}

impl Mark {
    /// The usual legend's marks, in [`Mark::ALL`]'s order: the vocabulary of
    /// the tables' mark columns.
    pub const USUAL_MARKS: [&'static str; 5] = [
        Mark::Implemented.usual_text(),
        Mark::PlannedThisYear.usual_text(),
        Mark::PlannedLaterOrUndecided.usual_text(),
        Mark::NotPlanned.usual_text(),
        Mark::NotApplicable.usual_text(),
    ];

    /// The text the usual legend prints for the status: the tables' mark.
    pub const fn usual_text(self) -> &'static str {
        match self {
            Mark::Implemented => "◎",
            Mark::PlannedThisYear => "○",
            Mark::PlannedLaterOrUndecided => "△",
            Mark::NotPlanned => "×",
            Mark::NotApplicable => "-",
        }
    }

    /// The character the usual legend prints for the status (pages 3–4 are
    /// read with the legend they print; this is what a change is told against).
    pub fn usual(self) -> char {
        self.usual_text().chars().next().unwrap_or('-')
    }

    /// What the usual legend says the status is, for documentation:
    /// 「実施」, 「年度中に実施予定」, … (「-」 is not in the legend).
    pub fn usual_label(self) -> &'static str {
        match self {
            Mark::Implemented => "実施",
            Mark::PlannedThisYear => "年度中に実施予定",
            Mark::PlannedLaterOrUndecided => {
                "翌年度4月1日実施予定及びその他（検討中・実施時期未定等）"
            }
            Mark::NotPlanned => "実施予定なし",
            Mark::NotApplicable => "not applicable",
        }
    }

    /// The usual legend for documentation: 「◎ 実施, ○ 年度中に実施予定, …, - not applicable」.
    pub fn usual_legend() -> String {
        Mark::ALL
            .iter()
            .map(|m| format!("{} {}", m.usual(), m.usual_label()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The usual marks, space-separated: 「◎ ○ △ × -」.
    pub fn usual_marks() -> String {
        Mark::ALL
            .iter()
            .map(|m| m.usual().to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Whether the published counts add it to 「実施・年度中に実施予定」.
    pub fn implemented_or_planned(self) -> bool {
        matches!(self, Mark::Implemented | Mark::PlannedThisYear)
    }

    /// A regular expression matching the status's label in the legend
    /// printed on pages 3–4: 「「実施」 については「◎」、「29年度中に実施予定」
    /// については「○」、「平成30年４月１日実施予定及びその他（検討中・実施時期未定等）」
    /// は「△」、「実施予定なし」（(ク）のみ）については「×」」. The legend prints no
    /// label for 「-」 (not applicable); `None` for it.
    pub fn legend_label(self) -> Option<&'static str> {
        match self {
            Mark::Implemented => Some("^実施$"),
            Mark::PlannedThisYear => Some("^[0-9]+年度中に実施予定$"),
            Mark::PlannedLaterOrUndecided => Some("実施予定及びその他"),
            Mark::NotPlanned => Some("^実施予定なし$"),
            Mark::NotApplicable => None,
        }
    }
}

crate::vocabulary! {
    /// A sub-question of キ②: the report counts pamphlets and websites apart.
    pub enum SubQuestion => id, IDS {
        /// パンフレット等 (pamphlets, leaflets)
        Pamphlet = "pamphlet",
        /// ホームページ等 (websites)
        Website = "website",
    }
}

/// The printed markers of questions ⓪…④, by number.
pub const MARKERS: [char; 5] = ['⓪', '①', '②', '③', '④'];

/// The printed marker of question `no`: ⓪…④ (`?` for a number the layout
/// has no marker for).
pub fn marker(no: u8) -> char {
    MARKERS.get(usize::from(no)).copied().unwrap_or('?')
}

impl SubQuestion {
    /// The label printed on page 1 and, with 「について」, on page 2.
    pub fn label(self) -> &'static str {
        match self {
            SubQuestion::Pamphlet => "パンフレット等",
            SubQuestion::Website => "ホームページ等",
        }
    }

    /// The label page 2 prints before the sub-question's count:
    /// 「パンフレット等について 41」.
    pub fn page2_label(self) -> &'static str {
        match self {
            SubQuestion::Pamphlet => "パンフレット等について",
            SubQuestion::Website => "ホームページ等について",
        }
    }
}

/// A line saying the islands are outside the survey: 「○島しょ部については、
/// 今回は集計外である。」 (pages 3–4), 「※島しょは除く。」 (page 1).
pub const ISLANDS_EXCLUDED: &str = "島しょ.*(集計外|除く)";

/// The as-of phrase after its era: 「平成29年度7月末時点」 is an era, a
/// fiscal year, [`AS_OF_YEAR`], a month and [`AS_OF_MONTH`].
pub const AS_OF_YEAR: &str = "年度";
/// See [`AS_OF_YEAR`].
pub const AS_OF_MONTH: &str = "月末時点";
/// The as-of phrase as messages show it.
pub const AS_OF_SHOWN: &str = "«平成N年度M月末時点»";

/// Signs of a decrease in a change figure: the report prints 「△」 (its column
/// head reads 「増（△）減」); `▲`, `-` and `−` are read the same.
pub const MINUS_SIGNS: &[char] = &['△', '▲', '-', '−'];

/// Characters printed for one mark, each with the one it is read as: `〇`
/// (U+3007, ideographic zero) is printed for the `○` mark (U+25CB) on pages
/// 4–6. Replaced in normalization, character for character.
pub const MARK_VARIANTS: &[(char, char)] = &[('〇', '○')];

/// Page 1's name in messages.
pub const PROGRAM_SUMMARY_NAME: &str = "「集計結果」";
/// Page 2's name in messages.
pub const QUESTION_SUMMARY_NAME: &str = "「集計状況」";

/// How page 1 (the program summary) is found: by its title 「在宅医療・介護連携
/// 推進事業の取組状況　集計結果（29年度・28年度比較）」.
pub const PROGRAM_SUMMARY_TITLE: &str = "集計結果";
/// The program the report is about, which its page titles and heads name
/// (「在宅医療・介護連携推進事業の取組状況」): a text that prints it and
/// not the pages' titles stops inside the report.
pub const PROGRAM_NAME: &str = "在宅医療・介護連携推進事業";

/// How page 2 (the question summary) is found: a line opening with
/// 「集計状況（N=５３）」 on a page other than page 1 (which prints 「集計状況（ｎ＝５３）」
/// beside its own title).
pub const QUESTION_SUMMARY_TITLE: &str = "^集計状況";

/// Where a page starts when the text marks no break between pages (PyMuPDF's,
/// pypdf's, pdfplumber's and pdfium's text; [`crate::canon`]): the issuing
/// office ([`ISSUER`]) alone on its line, which opens pages 7–11; the title
/// line that opens pages 2–4 (「在宅医療・介護連携推進事業の取組状況　区市町村別〔…〕」);
/// after a per-municipality page's title, the first line of marks that is
/// no municipality's row (an association row opens pages 5–6: 「千代田区 ○
/// 西多摩 ○」); and the line after the one following [`SUBSIDY_CAP`], the
/// last lines of pages 5–6 (「【補助上限】」 / 「１２０万円／１地区」).
pub const REGION_TITLE: &str = "^在宅医療・介護連携推進事業の取組状況[ 　]+区市町村別";
/// The heading of an association page's subsidy cap, its last but one line.
pub const SUBSIDY_CAP: &str = "【補助上限】";

/// The issuing office printed at the top of every page: 「東京都福祉保健局
/// 医療政策部医療政策課」. Matched by its shape (東京都, a bureau 局, a
/// department 部, a section 課), not its text: the bureau has been renamed
/// since (保健医療局), and a later edition's header must still be known.
pub const ISSUER: &str = "^東京都[^ 　]+局[^ 　]+部[^ 　]+課$";

/// A Japanese era of the report's dates. Reference data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Era {
    /// 平成 (1989–2019): 平成29年 = 2017.
    Heisei,
    /// 令和 (2019–): 令和2年 = 2020.
    Reiwa,
}

impl Era {
    /// Every era the report's dates may use.
    pub const ALL: [Era; 2] = [Era::Heisei, Era::Reiwa];

    /// Its name as printed: 平成.
    pub fn name(self) -> &'static str {
        match self {
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The initial that stands for it in 「H28年度」.
    pub fn initial(self) -> char {
        match self {
            Era::Heisei => 'H',
            Era::Reiwa => 'R',
        }
    }

    /// The era printed at the start of `text`, if any, and the rest.
    pub fn at_start(text: &str) -> Option<(Era, &str)> {
        Era::ALL
            .into_iter()
            .find_map(|e| text.strip_prefix(e.name()).map(|rest| (e, rest)))
    }

    /// The era named `name`.
    pub fn from_name(name: &str) -> Option<Era> {
        Era::ALL.into_iter().find(|e| e.name() == name)
    }

    /// The Gregorian year of era year `year`, if it is one of [`ERA_YEARS`].
    pub fn gregorian(self, year: u32) -> Option<i32> {
        let offset: i32 = match self {
            Era::Heisei => 1988,
            Era::Reiwa => 2018,
        };
        let year = i32::try_from(year)
            .ok()
            .filter(|_| ERA_YEARS.contains(&year))?;
        offset.checked_add(year)
    }
}

/// The era years a date may print: an era's first year is 元年 (1) and no
/// era of the report's time has lasted a hundred years.
pub const ERA_YEARS: std::ops::RangeInclusive<u32> = 1..=99;

texts! {
    Item, KATAKANA, katakana,
    /// The katakana the report prints for the item.
    {
        A => "ア",
        I => "イ",
        U => "ウ",
        E => "エ",
        O => "オ",
        Ka => "カ",
        Ki => "キ",
        Ku => "ク",
    }
}

/// Every pattern and literal of the layout's tables that text is matched
/// against: the question texts and option vocabularies of page 2 and the
/// per-municipality pages, the page titles, the legend's labels, the eras'
/// and the programs' names. [`crate::matchers::Matchers`] compiles each
/// once, beside the row of the layout it belongs to (a test proves the
/// two lists the same), and the layout's constants, each its own field.
pub fn patterns() -> impl Iterator<Item = &'static str> {
    let options = |kind: &QuestionKind| match kind {
        QuestionKind::Options(v) => v.options(),
        QuestionKind::Single | QuestionKind::Subs(_) => &[],
    };
    (QUESTIONS.iter().filter_map(|q| q.text))
        .chain(
            QUESTIONS
                .iter()
                .flat_map(move |q| options(&q.kind))
                .map(|o| o.pattern),
        )
        .chain(ANSWER_PAGES.iter().map(|p| p.title))
        .chain(
            ANSWER_PAGES
                .iter()
                .flat_map(|p| p.columns)
                .flat_map(|c| c.options.map_or(&[][..], Vocabulary::options))
                .map(|o| o.pattern),
        )
        .chain(
            QUESTIONS
                .iter()
                .flat_map(|q| match q.kind {
                    QuestionKind::Subs(subs) => subs,
                    QuestionKind::Single | QuestionKind::Options(_) => &[],
                })
                .map(|s| s.page2_label()),
        )
        .chain(Mark::ALL.into_iter().filter_map(Mark::legend_label))
        .chain(Era::ALL.into_iter().map(Era::name))
        .chain(Program::ALL.into_iter().map(Program::title))
}
