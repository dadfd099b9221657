//! Layout of the per-municipality pages 3–4 (区市町村別): their titles and
//! columns.

use super::{marker, Item, SubQuestion, Vocabulary};

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
    pub options: Option<Vocabulary>,
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
    options: Vocabulary,
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
    /// The page's title as messages show it: 「区市町村別〔…〕 （ア）～（エ）」.
    pub fn shown(&self) -> String {
        let (first, last) = self.items();
        format!(
            "区市町村別〔…〕 （{}）～（{}）",
            first.katakana(),
            last.katakana()
        )
    }

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
            text_col(Item::A, 4, Vocabulary::Update, "a_q4"),
            mark_col(Item::I, 1, "b_q1"),
            mark_col(Item::U, 1, "c_q1"),
            mark_col(Item::U, 2, "c_q2"),
            text_col(Item::U, 3, Vocabulary::Provision, "c_q3"),
            mark_col(Item::E, 1, "d_q1"),
            text_col(Item::E, 2, Vocabulary::Sharing, "d_q2"),
        ],
    },
    AnswerPageSpec {
        title: "区市町村別.*（オ）～（ク）",
        columns: &[
            mark_col(Item::O, 1, "e_q1"),
            text_col(Item::O, 2, Vocabulary::WindowOperator, "e_q2"),
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

/// What separates two options chosen in one cell (「紙媒体の情報共有ツール・ICTを
/// 活用した情報共有ツール」), and two annotations of one option. Options may hold
/// it too (「在宅療養中の患者・利用者…」): a cell is cut only where every piece
/// is an option.
pub const OPTION_SEPARATOR: char = '・';

/// The legend as messages show it.
pub const LEGEND_SHOWN: &str = "«「実施」については「◎」、「…年度中に実施予定」については「○」…»";

/// The legend's labels as messages show them (see [`Mark::legend_label`](super::Mark::legend_label)).
pub const LEGEND_LABELS_SHOWN: &str = "実施, N年度中に実施予定, …実施予定及びその他…, 実施予定なし";

/// One legend pair: 「label」 … は「mark」.
pub const LEGEND_PAIR: &str = "「([^「」]+)」[^「」]*?は「([^「」]+)」";
