//! Layout of pages 5–6 (the medical associations' programs): the programs
//! and what their footnotes mean.

/// A footnote on a year column of pages 5–6 saying that year went only to
/// districts that had not run the program before: 「※1 H29年度は未実施地区を
/// 対象として実施」. What such a footnote means is layout knowledge; which
/// column it marks and which rows it touches come from the text.
pub const FIRST_TIME_ONLY: &str = "未実施地区を対象";

crate::vocabulary! {
    /// A Tokyo program of pages 5–6 in which district medical associations
    /// (地区医師会) take part, one page each.
    pub enum Program => id, IDS {
        /// 在宅医等相互支援体制構築事業 (24時間診療体制確保事業): round-the-clock care.
        RoundTheClockCare = "round_the_clock_care",
        /// 在宅療養推進基盤整備事業 (多職種ネットワーク構築事業): multidisciplinary networks.
        MultidisciplinaryNetwork = "multidisciplinary_network",
    }
}

impl Program {
    /// The program's name as its page prints it in its title.
    pub fn title(self) -> &'static str {
        match self {
            Program::RoundTheClockCare => "在宅医等相互支援体制構築事業",
            Program::MultidisciplinaryNetwork => "在宅療養推進基盤整備事業",
        }
    }
}

/// The header word of the association column.
pub const ASSOCIATION_HEADER_WORD: &str = "医師会名";

/// A footnote marker word: 「※1」, 「※1、2」.
pub const NOTE_MARK: &str = "^※([0-9]+(?:、[0-9]+)*)$";

/// The legend of the shading, whose symbol the extractor lost.
pub const SHADING_LEGEND: &str = "^は、.*医師会$";

/// 「３５地区医師会が実施」 (after normalization: 35).
pub const PRINTED_COUNT: &str = "([0-9]+)地区医師会が実施";

/// What the totals count: 「H28年度までは実施地区数、H29年度は交付申請書提出地区数」.
pub const BASIS: &str =
    "([A-Z])([0-9]+)年度までは実施地区数、([A-Z])([0-9]+)年度は交付申請書提出地区数";

/// The mark of a year a row took part in (〇 and ○ are one after normalization).
pub const ASSOCIATION_MARK: &str = "○";

/// The label of the totals line (「計　※3 24 45 49 48」): never an
/// association's name, also where an extractor breaks the line after it.
pub const TOTALS_LABEL: &str = "計";

/// Characters no association's name holds (sentence punctuation; digits
/// neither): a word with one is not a row's name.
pub const NOT_IN_A_NAME: &[char] = &['、', '。', '：', '【', '】', '／'];
