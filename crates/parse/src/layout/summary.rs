//! Layout of pages 1–2 (集計結果, 集計状況): the page-2 questions with their
//! option vocabularies, and the rows of the page-1 table.

use super::{Item, SubQuestion};

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
    Options(Vocabulary),
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

/// An option vocabulary of the layout: the options of a multi-choice
/// question, which its page-2 rows and its per-municipality column share.
/// [`crate::matchers::Matchers`] compiles each vocabulary's patterns once,
/// for [`Matchers::options`](crate::matchers::Matchers::options).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    /// ア④'s ([`UPDATE_OPTIONS`]).
    Update,
    /// ウ③'s ([`PROVISION_OPTIONS`]).
    Provision,
    /// エ②'s ([`SHARING_OPTIONS`]).
    Sharing,
    /// オ②'s ([`WINDOW_OPERATOR_OPTIONS`]).
    WindowOperator,
}

impl Vocabulary {
    /// Every vocabulary.
    pub const ALL: [Vocabulary; 4] = [
        Vocabulary::Update,
        Vocabulary::Provision,
        Vocabulary::Sharing,
        Vocabulary::WindowOperator,
    ];

    /// Its options, in the layout's order.
    pub fn options(self) -> &'static [OptionSpec] {
        match self {
            Vocabulary::Update => UPDATE_OPTIONS,
            Vocabulary::Provision => PROVISION_OPTIONS,
            Vocabulary::Sharing => SHARING_OPTIONS,
            Vocabulary::WindowOperator => WINDOW_OPERATOR_OPTIONS,
        }
    }
}

/// A vocabulary is written as its options.
impl serde::Serialize for Vocabulary {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.options().serialize(serializer)
    }
}

/// ア④ 定期的な更新、見直し (updates of the resource map)
pub const UPDATE_OPTIONS: &[OptionSpec] = &[
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
pub const PROVISION_OPTIONS: &[OptionSpec] = &[
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
pub const SHARING_OPTIONS: &[OptionSpec] = &[
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
pub const WINDOW_OPERATOR_OPTIONS: &[OptionSpec] = &[
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
    QuestionSpec { item: Item::A, no: 4, requires: &[2], kind: QuestionKind::Options(Vocabulary::Update), text: Some("（②を実施している場合）定期的な更新、見直し（予定含む）等は行っていますか。") },
    QuestionSpec { item: Item::I, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("地域の医療機関・介護関係者等が参画する会議を開催し、在宅医療・介護連携の現状の把握と課題の抽出、対応策等の検討を行っていますか。") },
    QuestionSpec { item: Item::U, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("地域の医療・介護関係者の協力を得ながら、切れ目なく在宅医療と在宅介護が一体的に提供される体制の構築に向けて、必要な具体的取組を企画・立案していますか。") },
    QuestionSpec { item: Item::U, no: 2, requires: &[1], kind: QuestionKind::Single, text: Some("（①を実施している場合[^（）]*）この項目に該当する取組を実施していますか。") },
    QuestionSpec { item: Item::U, no: 3, requires: &[2], kind: QuestionKind::Options(Vocabulary::Provision), text: Some("（②を実施している場合[^（）]*）該当する取組内容を選択してください。") },
    QuestionSpec { item: Item::E, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("情報共有の手順等を含めた情報共有ツールを整備するなど、地域の医療・介護関係者間の情報共有を支援していますか。") },
    QuestionSpec { item: Item::E, no: 2, requires: &[1], kind: QuestionKind::Options(Vocabulary::Sharing), text: Some("（①を実施している場合[^（）]*）該当する取組内容を選択してください。") },
    QuestionSpec { item: Item::O, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("地域の在宅医療と介護の連携を支援する相談窓口を設置していますか。") },
    // Page 2 prints no text that can be told to be オ②'s (the one candidate,
    // 「（②を実施している場合…）該当する取組内容について」, refers to a ② that オ lacks).
    QuestionSpec { item: Item::O, no: 2, requires: &[1], kind: QuestionKind::Options(Vocabulary::WindowOperator), text: None },
    QuestionSpec { item: Item::Ka, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("地域の医療・介護関係者の連携を実現するために、多職種でのグループワーク等の研修を実施していますか。") },
    QuestionSpec { item: Item::Ka, no: 2, requires: &[], kind: QuestionKind::Single, text: Some("地域の医療関係者に対する研修を実施していますか。（①の研修会や多職種に対する研修会は除く）") },
    QuestionSpec { item: Item::Ka, no: 3, requires: &[], kind: QuestionKind::Single, text: Some("地域の介護関係者に対する研修を実施していますか。（①の研修会や多職種に対する研修会は除く）") },
    QuestionSpec { item: Item::Ka, no: 4, requires: &[1, 2, 3], kind: QuestionKind::Single, text: Some("（①～③のいずれかを実施している場合）参加者に対し、研修会についてのアンケートやヒアリング等を実施し検証や評価を行い、研修内容について見直し等を行っていますか。") },
    QuestionSpec { item: Item::Ki, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("地域住民向け在宅医療・介護サービスに関する講演会等を開催していますか。") },
    QuestionSpec { item: Item::Ki, no: 2, requires: &[], kind: QuestionKind::Subs(&[SubQuestion::Pamphlet, SubQuestion::Website]), text: Some("在宅医療や介護を受けられるサービス内容や利用方法等についてパンフレット・リーフレット等の作成やホームページの活用による普及啓発を行っていますか。") },
    QuestionSpec { item: Item::Ku, no: 0, requires: &[], kind: QuestionKind::Single, text: Some("東京都が実施する「東京都地域医療構想調整会議在宅療養ワーキング」等への参加") },
    QuestionSpec { item: Item::Ku, no: 1, requires: &[], kind: QuestionKind::Single, text: Some("（(?:⓪|\\?|0|○|◯|\\(0\\)|・|\u{fffd})?以外の取組について）複数の関係区市町村が連携して、広域連携が必要な事項について協議していますか。") },
    QuestionSpec { item: Item::Ku, no: 2, requires: &[], kind: QuestionKind::Single, text: Some("（②を実施している場合[^（）]*）検討結果（広域連携することが決定した事項や様式等）を踏まえて、関係機関等への周知や取組を行っていますか。") },
];

/// The vocabulary of a multi-choice question (none for other questions).
pub fn vocabulary_of(item: Item, question: u8) -> Option<Vocabulary> {
    QUESTIONS
        .iter()
        .find(|q| q.item == item && q.no == question)
        .and_then(|q| match q.kind {
            QuestionKind::Options(v) => Some(v),
            QuestionKind::Single | QuestionKind::Subs(_) => None,
        })
}

/// The options of a multi-choice question (none for other questions).
pub fn options_of(item: Item, question: u8) -> &'static [OptionSpec] {
    vocabulary_of(item, question).map_or(&[], Vocabulary::options)
}

/// Position of an option in its question's vocabulary, from 0.
pub fn option_index(item: Item, question: u8, label: &str) -> Option<usize> {
    options_of(item, question)
        .iter()
        .position(|o| o.label == label)
}

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

/// The sample size printed on pages 1 and 2: 「集計状況（ｎ＝５３）」 (after
/// normalization 「集計状況（n=53）」, or N=).
pub const SAMPLE_SIZE_SHOWN: &str = "「集計状況（ｎ＝N）」";

/// See [`SAMPLE_SIZE_SHOWN`]: the pattern.
pub const SAMPLE_SIZE: &str = r"集計状況（[nN]=([0-9]+)）";

/// Page 1's heads of its two figure columns, the fiscal years in the
/// edition's era: 「29年度 28年度」.
pub const FISCAL_YEAR_HEADS_SHOWN: &str = "«N年度 M年度»";

/// See [`FISCAL_YEAR_HEADS_SHOWN`]: the pattern.
pub const FISCAL_YEAR_HEADS: &str = r"^([0-9]+)年度 ([0-9]+)年度$";
