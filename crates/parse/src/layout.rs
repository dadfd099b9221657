//! Layout knowledge: what the report's pages hold, independent of any
//! edition's figures. Items, the mark legend, the rows of the page-1 table,
//! the questions of page 2 with their option vocabularies, and the eras.
//!
//! Nothing here is a figure, a year or a date of an edition: question texts
//! are regular expressions in which the year-bearing condition
//! 「（①を実施している場合または29年度中に実施予定の場合）」 is left open.

/// A program item （ア）…（ク） of the cooperation program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Item {
    /// （ア） 地域の医療・介護資源の把握 (survey of local resources)
    A,
    /// （イ） 課題の抽出と対応策の検討 (issues and countermeasures)
    I,
    /// （ウ） 切れ目のない提供体制の構築推進 (seamless provision)
    U,
    /// （エ） 情報共有の支援 (information sharing)
    E,
    /// （オ） 相談支援 (consultation support)
    O,
    /// （カ） 研修 (training)
    Ka,
    /// （キ） 地域住民への普及啓発 (public awareness)
    Ki,
    /// （ク） 関係市区町村の連携 (cooperation between municipalities)
    Ku,
}

impl Item {
    /// All items in the report's order.
    pub const ALL: [Item; 8] = [
        Item::A,
        Item::I,
        Item::U,
        Item::E,
        Item::O,
        Item::Ka,
        Item::Ki,
        Item::Ku,
    ];

    /// The katakana the report prints for the item.
    pub fn katakana(self) -> &'static str {
        match self {
            Item::A => "ア",
            Item::I => "イ",
            Item::U => "ウ",
            Item::E => "エ",
            Item::O => "オ",
            Item::Ka => "カ",
            Item::Ki => "キ",
            Item::Ku => "ク",
        }
    }

    /// An ASCII id for check ids and file names: `a`, `i`, `u`, `e`, `o`, `ka`, `ki`, `ku`.
    pub fn id(self) -> &'static str {
        match self {
            Item::A => "a",
            Item::I => "i",
            Item::U => "u",
            Item::E => "e",
            Item::O => "o",
            Item::Ka => "ka",
            Item::Ki => "ki",
            Item::Ku => "ku",
        }
    }

    /// The item printed as `c`, if any.
    pub fn from_katakana(c: char) -> Option<Item> {
        Item::ALL.into_iter().find(|i| i.katakana().starts_with(c))
    }
}

/// A mark of the legend on pages 3–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Mark {
    /// ◎ 実施 (implemented)
    Implemented,
    /// ○ 29年度中に実施予定 (planned within the fiscal year)
    PlannedThisYear,
    /// △ 30年4月1日実施予定及びその他 (planned later, or undecided)
    PlannedLaterOrUndecided,
    /// × 実施予定なし (not planned; ク only)
    NotPlanned,
    /// - not applicable
    NotApplicable,
}

impl Mark {
    /// Every status, in the legend's order.
    pub const ALL: [Mark; 5] = [
        Mark::Implemented,
        Mark::PlannedThisYear,
        Mark::PlannedLaterOrUndecided,
        Mark::NotPlanned,
        Mark::NotApplicable,
    ];

    /// The character the usual legend prints for the status (pages 3–4 are
    /// read with the legend they print; this is what a change is told against).
    pub fn usual(self) -> char {
        match self {
            Mark::Implemented => '◎',
            Mark::PlannedThisYear => '○',
            Mark::PlannedLaterOrUndecided => '△',
            Mark::NotPlanned => '×',
            Mark::NotApplicable => '-',
        }
    }

    /// The status id used in the tables: `implemented`, `planned_this_year`,
    /// `planned_later_or_undecided`, `not_planned`, `not_applicable`.
    pub fn id(self) -> &'static str {
        match self {
            Mark::Implemented => "implemented",
            Mark::PlannedThisYear => "planned_this_year",
            Mark::PlannedLaterOrUndecided => "planned_later_or_undecided",
            Mark::NotPlanned => "not_planned",
            Mark::NotApplicable => "not_applicable",
        }
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

/// A sub-question of キ②: the report counts pamphlets and websites apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum SubQuestion {
    /// パンフレット等 (pamphlets, leaflets)
    Pamphlet,
    /// ホームページ等 (websites)
    Website,
}

/// The printed markers of questions ⓪…④, by number.
pub const MARKERS: [char; 5] = ['⓪', '①', '②', '③', '④'];

/// The printed marker of question `no`: ⓪…④ (`?` for a number the layout
/// has no marker for).
pub fn marker(no: u8) -> char {
    MARKERS.get(usize::from(no)).copied().unwrap_or('?')
}

impl SubQuestion {
    /// The id used in the tables.
    pub fn id(self) -> &'static str {
        match self {
            SubQuestion::Pamphlet => "pamphlet",
            SubQuestion::Website => "website",
        }
    }

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

/// One option of a multi-choice question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct OptionSpec {
    /// Canonical label (the spelling of the page-3/4 rows).
    pub label: &'static str,
    /// Regular expression matching every printed spelling, annotations removed.
    pub pattern: &'static str,
}

/// How page 2 prints a question's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionKind {
    /// One row `① 96.2% 2 3.8%`, the 「実施・予定」 count printed after the text.
    Single,
    /// Multi-choice: one row per option `text count %`, no marker row.
    Options(&'static [OptionSpec]),
    /// Rows without marker, one per sub-question, each count after its label.
    Subs(&'static [SubQuestion]),
}

/// One question of page 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuestionSpec {
    /// The item it belongs to.
    pub item: Item,
    /// Its number ⓪…④.
    pub no: u8,
    /// Regular expression of its text on page 2; `None` where page 2 prints
    /// no text that can be told to be this question's.
    pub text: Option<&'static str>,
    /// How its figures are printed.
    pub kind: QuestionKind,
    /// The questions of the same item of which one must be ◎ or ○ for this
    /// one to apply, as its text says: 「（②を実施している場合または29年度中に
    /// 実施予定の場合）…」 → `[2]`. Empty where the text sets no condition, or one
    /// that cannot be read (ク② prints 「（②を実施している場合…）」 about itself).
    pub requires: &'static [u8],
}

/// ア④ 定期的な更新、見直し (updates of the resource map)
const UPDATE_OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        label: "毎年、実施している",
        pattern: "^毎年、実施している$",
    },
    OptionSpec {
        label: "毎年ではないが、隔年等で実施している",
        pattern: "^毎年ではないが、隔年等で実施している$",
    },
    OptionSpec {
        label: "実施していない",
        pattern: "^実施していない$",
    },
];

/// ウ③ 取組内容 (what the seamless-provision effort is). The header spells
/// 「急変時診療医療機関」, page 2 「について急変時診療機関」, the rows 「についての急変時診療機関」.
const PROVISION_OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        label: "主治医・副主治医制の導入による体制構築",
        pattern: "^主治医・副主治医制の導入による体制構築$",
    },
    OptionSpec {
        label: "在宅療養中の患者・利用者についての急変時診療機関の確保",
        pattern: "^在宅療養中の患者・利用者について(の)?急変時診療(医療)?機関の確保$",
    },
    OptionSpec {
        label: "その他",
        pattern: "^その他$",
    },
];

/// エ② 取組内容 (kind of information-sharing tool)
const SHARING_OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        label: "紙媒体の情報共有ツール",
        pattern: "^紙媒体の情報共有ツール$",
    },
    OptionSpec {
        label: "ICTを活用した情報共有ツール",
        pattern: "^ICTを活用した情報共有ツール$",
    },
    OptionSpec {
        label: "その他",
        pattern: "^その他$",
    },
];

/// オ② 運営方法 (who runs the consultation window). Page 2 spells the
/// undecided option 「29年中に実施予定だが運営方法について未定」, page 4 「未定」.
const WINDOW_OPERATOR_OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        label: "区市町村直営",
        pattern: "^区市町村直営$",
    },
    OptionSpec {
        label: "地区医師会に委託",
        pattern: "^地区医師会に委託$",
    },
    OptionSpec {
        label: "地域の医療機関等に委託",
        pattern: "^地域の医療機関等に委託$",
    },
    OptionSpec {
        label: "地域包括支援センターで対応",
        pattern: "^地域包括支援センターで対応$",
    },
    OptionSpec {
        label: "未定",
        pattern: "^([0-9]+年度?中に実施予定だが運営方法について)?未定$",
    },
];

/// Every question of page 2, in the page's order.
pub const QUESTIONS: &[QuestionSpec] = &[
    QuestionSpec { item: Item::A, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("地域の医療機関・介護事業者等の住所、連絡先、機能等の把握について検討し、情報収集や調査を実施していますか。") },
    QuestionSpec { item: Item::A, no: 2, requires: &[1], kind: QuestionKind::Single, text: Some("（①を実施している場合[^（）]*）地域の医療・介護資源のリスト・マップを作成していますか。") },
    QuestionSpec { item: Item::A, no: 3, requires: &[2], kind: QuestionKind::Single, text: Some("（②を実施している場合[^（）]*）医療・介護資源のリスト・マップについて医療・介護関係者、住民等に対し情報提供を行っていますか。") },
    QuestionSpec { item: Item::A, no: 4, requires: &[2], kind: QuestionKind::Options(UPDATE_OPTIONS), text: Some("（②を実施している場合）定期的な更新、見直し（予定含む）等は行っていますか。") },
    QuestionSpec { item: Item::I, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("地域の医療機関・介護関係者等が参画する会議を開催し、在宅医療・介護連携の現状の把握と課題の抽出、対応策等の検討を行っていますか。") },
    QuestionSpec { item: Item::U, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("地域の医療・介護関係者の協力を得ながら、切れ目なく在宅医療と在宅介護が一体的に提供される体制の構築に向けて、必要な具体的取組を企画・立案していますか。") },
    QuestionSpec { item: Item::U, no: 2, requires: &[1], kind: QuestionKind::Single, text: Some("（①を実施している場合[^（）]*）この項目に該当する取組を実施していますか。") },
    QuestionSpec { item: Item::U, no: 3, requires: &[2], kind: QuestionKind::Options(PROVISION_OPTIONS), text: Some("（②を実施している場合[^（）]*）該当する取組内容を選択してください。") },
    QuestionSpec { item: Item::E, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("情報共有の手順等を含めた情報共有ツールを整備するなど、地域の医療・介護関係者間の情報共有を支援していますか。") },
    QuestionSpec { item: Item::E, no: 2, requires: &[1], kind: QuestionKind::Options(SHARING_OPTIONS), text: Some("（①を実施している場合[^（）]*）該当する取組内容を選択してください。") },
    QuestionSpec { item: Item::O, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("地域の在宅医療と介護の連携を支援する相談窓口を設置していますか。") },
    // Page 2 prints no text that can be told to be オ②'s (the one candidate,
    // 「（②を実施している場合…）該当する取組内容について」, refers to a ② that オ lacks).
    QuestionSpec { item: Item::O, no: 2, requires: &[1], kind: QuestionKind::Options(WINDOW_OPERATOR_OPTIONS), text: None },
    QuestionSpec { item: Item::Ka, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("地域の医療・介護関係者の連携を実現するために、多職種でのグループワーク等の研修を実施していますか。") },
    QuestionSpec { item: Item::Ka, no: 2, requires: &[], kind: QuestionKind::Single, text: Some("地域の医療関係者に対する研修を実施していますか。（①の研修会や多職種に対する研修会は除く）") },
    QuestionSpec { item: Item::Ka, no: 3, requires: &[], kind: QuestionKind::Single, text: Some("地域の介護関係者に対する研修を実施していますか。（①の研修会や多職種に対する研修会は除く）") },
    QuestionSpec { item: Item::Ka, no: 4, requires: &[1, 2, 3], kind: QuestionKind::Single, text: Some("（①～③のいずれかを実施している場合）参加者に対し、研修会についてのアンケートやヒアリング等を実施し検証や評価を行い、研修内容について見直し等を行っていますか。") },
    QuestionSpec { item: Item::Ki, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("地域住民向け在宅医療・介護サービスに関する講演会等を開催していますか。") },
    QuestionSpec { item: Item::Ki, no: 2, requires: &[], kind: QuestionKind::Subs(&[SubQuestion::Pamphlet, SubQuestion::Website]), text: Some("在宅医療や介護を受けられるサービス内容や利用方法等についてパンフレット・リーフレット等の作成やホームページの活用による普及啓発を行っていますか。") },
    QuestionSpec { item: Item::Ku, no: 0, requires: &[], kind: QuestionKind::Single, text: Some("東京都が実施する「東京都地域医療構想調整会議在宅療養ワーキング」等への参加") },
    QuestionSpec { item: Item::Ku, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("（⓪以外の取組について）複数の関係区市町村が連携して、広域連携が必要な事項について協議していますか。") },
    QuestionSpec { item: Item::Ku, no: 2, requires: &[], kind: QuestionKind::Single, text: Some("（②を実施している場合[^（）]*）検討結果（広域連携することが決定した事項や様式等）を踏まえて、関係機関等への周知や取組を行っていますか。") },
];

/// The vocabulary of a multi-choice question (empty for other questions).
pub fn options_of(item: Item, question: u8) -> &'static [OptionSpec] {
    QUESTIONS
        .iter()
        .find(|q| q.item == item && q.no == question)
        .map_or(&[], |q| match q.kind {
            QuestionKind::Options(o) => o,
            _ => &[],
        })
}

/// Position of an option in its question's vocabulary, from 0.
pub fn option_index(item: Item, question: u8, label: &str) -> Option<usize> {
    options_of(item, question)
        .iter()
        .position(|o| o.label == label)
}

/// A line saying the islands are outside the survey: 「○島しょ部については、
/// 今回は集計外である。」 (pages 3–4), 「※島しょは除く。」 (page 1).
pub const ISLANDS_EXCLUDED: &str = "島しょ.*(集計外|除く)";

/// One row of the page-1 table (集計結果).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgramRowSpec {
    /// The item.
    pub item: Item,
    /// The activity label, printed on page 1 on a line of its own.
    pub activity: &'static str,
    /// The 「下記のいずれかを実施」 row this row sits under.
    pub parent: Option<&'static str>,
    /// The page-2 question printing the same figure, if any.
    pub question: Option<u8>,
    /// The sub-question, for キ②'s two rows.
    pub sub: Option<SubQuestion>,
    /// For a 「いずれかを実施」 row: the questions of which any counts.
    pub any_of: &'static [u8],
}

const fn row(item: Item, activity: &'static str, question: u8) -> ProgramRowSpec {
    ProgramRowSpec {
        item,
        activity,
        parent: None,
        question: Some(question),
        sub: None,
        any_of: &[],
    }
}

const TRAINING_ANY: &str = "医療・介護関係者の研修について、下記のいずれかを実施";
const AWARENESS_ANY: &str = "地域住民への普及啓発について、下記のいずれかを実施";

/// The rows of the page-1 table in the table's order, which is the order of
/// the figure lines. Page 1 prints the activity labels apart from the
/// figures and in another order; each row's tie to a page-2 question lets the
/// validation prove the figures belong to the row.
pub const PROGRAM_ROWS: &[ProgramRowSpec] = &[
    row(
        Item::A,
        "地域の医療機関、介護事業者等の住所、連絡先、機能等の把握に向けた取組",
        1,
    ),
    row(
        Item::A,
        "地域の医療・介護の資源のリスト又はマップの作成等",
        2,
    ),
    row(Item::I, "地域の医療・介護関係者等が参画する会議等を開催", 1),
    row(Item::U, "体制の構築に向けた取組", 1),
    row(Item::E, "情報共有ツールについて検討または作成", 1),
    row(
        Item::O,
        "地域の在宅医療と介護の連携を支援する相談窓口の設置",
        1,
    ),
    ProgramRowSpec {
        item: Item::Ka,
        activity: TRAINING_ANY,
        parent: None,
        question: None,
        sub: None,
        any_of: &[1, 2, 3],
    },
    ProgramRowSpec {
        parent: Some(TRAINING_ANY),
        ..row(
            Item::Ka,
            "医療関係者、介護関係者の多職種でのグループワーク等の研修",
            1,
        )
    },
    ProgramRowSpec {
        parent: Some(TRAINING_ANY),
        ..row(Item::Ka, "医療関係者に対する研修", 2)
    },
    ProgramRowSpec {
        parent: Some(TRAINING_ANY),
        ..row(Item::Ka, "介護関係者に対する研修", 3)
    },
    ProgramRowSpec {
        item: Item::Ki,
        activity: AWARENESS_ANY,
        parent: None,
        question: None,
        sub: None,
        any_of: &[1, 2],
    },
    ProgramRowSpec {
        parent: Some(AWARENESS_ANY),
        ..row(
            Item::Ki,
            "地域住民向け在宅医療・介護サービスに関する講演会や出前講座等",
            1,
        )
    },
    ProgramRowSpec {
        parent: Some(AWARENESS_ANY),
        sub: Some(SubQuestion::Pamphlet),
        ..row(Item::Ki, "地域住民向けの普及啓発", 2)
    },
    ProgramRowSpec {
        parent: Some(AWARENESS_ANY),
        sub: Some(SubQuestion::Website),
        ..row(Item::Ki, "地域住民向けの普及啓発", 2)
    },
    row(Item::Ku, "隣接区市町村等との情報交換等の実施", 0),
];

/// A column of the per-municipality pages (3–4): a mark, or the text of the
/// options chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct AnswerColumn {
    /// The item.
    pub item: Item,
    /// The question number.
    pub question: u8,
    /// キ②'s sub-question.
    pub sub: Option<SubQuestion>,
    /// The vocabulary of an option-text column; `None` for a mark column.
    pub options: Option<&'static [OptionSpec]>,
    /// The column's name in `municipality_answers_wide`: `a_q1` … `h_q2`
    /// (items ア–ク as letters a–h).
    pub name: &'static str,
}

impl AnswerColumn {
    /// The column as people write it: `ア①`, `キ②パンフレット等`.
    pub fn label(&self) -> String {
        format!(
            "{}{}{}",
            self.item.katakana(),
            marker(self.question),
            self.sub.map_or("", |s| s.label())
        )
    }
}

const fn mark_col(item: Item, question: u8, name: &'static str) -> AnswerColumn {
    AnswerColumn {
        item,
        question,
        sub: None,
        options: None,
        name,
    }
}

const fn text_col(
    item: Item,
    question: u8,
    options: &'static [OptionSpec],
    name: &'static str,
) -> AnswerColumn {
    AnswerColumn {
        options: Some(options),
        ..mark_col(item, question, name)
    }
}

const fn sub_col(item: Item, question: u8, sub: SubQuestion, name: &'static str) -> AnswerColumn {
    AnswerColumn {
        sub: Some(sub),
        ..mark_col(item, question, name)
    }
}

/// How page 1 (the program summary) is found: by its title 「在宅医療・介護連携
/// 推進事業の取組状況　集計結果（29年度・28年度比較）」.
pub const PROGRAM_SUMMARY_TITLE: &str = "集計結果";

/// How page 2 (the question summary) is found: a line opening with
/// 「集計状況（N=５３）」 on a page other than page 1 (which prints 「集計状況（ｎ＝５３）」
/// beside its own title).
pub const QUESTION_SUMMARY_TITLE: &str = "^集計状況";

/// A per-municipality page: its title and its columns, in the order a row
/// prints its cells between the municipality's number and name and the name
/// repeated: 「1 千代田区 ○ ○ ○ - ◎ ◎ ◎ その他 ◎ ICTを活用した情報共有ツール 千代田区」.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerPageSpec {
    /// Regular expression of the page's title line: 「在宅医療・介護連携推進事業の
    /// 取組状況　区市町村別〔29年度実施状況（7月末時点）〕　（ア）～（エ）」.
    pub title: &'static str,
    /// The columns.
    pub columns: &'static [AnswerColumn],
}

impl AnswerPageSpec {
    /// The items the page covers: its first and last column's.
    pub fn items(&self) -> (Item, Item) {
        let first = self.columns.first().map_or(Item::A, |c| c.item);
        (first, self.columns.last().map_or(first, |c| c.item))
    }
}

/// The per-municipality pages: (ア)–(エ), then (オ)–(ク).
pub const ANSWER_PAGES: &[AnswerPageSpec] = &[
    AnswerPageSpec {
        title: "区市町村別.*（ア）～（エ）",
        columns: &[
            mark_col(Item::A, 1, "a_q1"),
            mark_col(Item::A, 2, "a_q2"),
            mark_col(Item::A, 3, "a_q3"),
            text_col(Item::A, 4, UPDATE_OPTIONS, "a_q4"),
            mark_col(Item::I, 1, "b_q1"),
            mark_col(Item::U, 1, "c_q1"),
            mark_col(Item::U, 2, "c_q2"),
            text_col(Item::U, 3, PROVISION_OPTIONS, "c_q3"),
            mark_col(Item::E, 1, "d_q1"),
            text_col(Item::E, 2, SHARING_OPTIONS, "d_q2"),
        ],
    },
    AnswerPageSpec {
        title: "区市町村別.*（オ）～（ク）",
        columns: &[
            mark_col(Item::O, 1, "e_q1"),
            text_col(Item::O, 2, WINDOW_OPERATOR_OPTIONS, "e_q2"),
            mark_col(Item::Ka, 1, "f_q1"),
            mark_col(Item::Ka, 2, "f_q2"),
            mark_col(Item::Ka, 3, "f_q3"),
            mark_col(Item::Ka, 4, "f_q4"),
            mark_col(Item::Ki, 1, "g_q1"),
            sub_col(Item::Ki, 2, SubQuestion::Pamphlet, "g_q2_pamphlet"),
            sub_col(Item::Ki, 2, SubQuestion::Website, "g_q2_website"),
            mark_col(Item::Ku, 1, "h_q1"),
            mark_col(Item::Ku, 2, "h_q2"),
        ],
    },
];

/// The number of target columns of the window pages (患者・家族, 医療機関,
/// 訪問看護ステーション, 地域包括支援センター, 居宅介護支援事業所).
pub const TARGET_COLUMNS: u32 = 5;

/// The issuing office printed at the top of every page: 「東京都福祉保健局
/// 医療政策部医療政策課」. Matched by its shape (東京都, a bureau 局, a
/// department 部, a section 課), not its text: the bureau has been renamed
/// since (保健医療局), and a later edition's header must still be known.
pub const ISSUER: &str = "^東京都[^ 　]+局[^ 　]+部[^ 　]+課$";

/// Lines of the window pages' table header, repeated on every page (7–11),
/// as whole lines (besides [`ISSUER`]).
pub const WINDOW_HEADER_LINES: &[&str] = &[
    "在宅医療・介護連携に関する相談支援窓口一覧",
    "訪問看護",
    "ステーション",
    "地域包括",
    "支援センター",
    "居宅介護",
    "支援事業所",
    "その他",
    "設置",
    "箇所数",
    "窓口名称 設置場所",
    "連絡先",
    "区市町村名 区市町村名",
    "開設日時",
    "相談対象者",
];

/// Header lines of the window pages known by their start: the shading
/// legend, the contact columns' heads, the year-end note.
pub const WINDOW_HEADER_STARTS: &[&str] = &["※ピンク色網掛け", "電話番号 FAX", "（※年末年始："];

/// Header lines of the window pages known by their end: the as-of line
/// 「平成29年度７月末時点」 (a line without spaces).
pub const WINDOW_HEADER_ENDS: &[&str] = &["月末時点"];

/// A footnote on a year column of pages 5–6 saying that year went only to
/// districts that had not run the program before: 「※1 H29年度は未実施地区を
/// 対象として実施」. What such a footnote means is layout knowledge; which
/// column it marks and which rows it touches come from the text.
pub const FIRST_TIME_ONLY: &str = "未実施地区を対象";

/// A Tokyo program of pages 5–6 in which district medical associations
/// (地区医師会) take part, one page each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Program {
    /// 在宅医等相互支援体制構築事業 (24時間診療体制確保事業): round-the-clock care.
    RoundTheClockCare,
    /// 在宅療養推進基盤整備事業 (多職種ネットワーク構築事業): multidisciplinary networks.
    MultidisciplinaryNetwork,
}

impl Program {
    /// Both programs, in the report's order.
    pub const ALL: [Program; 2] = [
        Program::RoundTheClockCare,
        Program::MultidisciplinaryNetwork,
    ];

    /// The id used in the tables.
    pub fn id(self) -> &'static str {
        match self {
            Program::RoundTheClockCare => "round_the_clock_care",
            Program::MultidisciplinaryNetwork => "multidisciplinary_network",
        }
    }

    /// The program's name as its page prints it in its title.
    pub fn title(self) -> &'static str {
        match self {
            Program::RoundTheClockCare => "在宅医等相互支援体制構築事業",
            Program::MultidisciplinaryNetwork => "在宅療養推進基盤整備事業",
        }
    }
}

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
