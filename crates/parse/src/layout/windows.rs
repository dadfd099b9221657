//! Layout of the window pages 7–11 (相談支援窓口一覧): their title, header
//! lines and target columns, and the shapes of their cells.

/// The number of target columns of the window pages (患者・家族, 医療機関,
/// 訪問看護ステーション, 地域包括支援センター, 居宅介護支援事業所).
pub const TARGET_COLUMNS: u32 = 5;

/// The mark of a target column a window serves.
pub const TARGET_MARK: &str = "○";

/// The window pages' name in messages.
pub const WINDOW_PAGES_NAME: &str = "「在宅医療・介護連携に関する相談支援窓口一覧」";

/// Lines of the window pages' table header, repeated on every page (7–11),
/// as whole lines (besides [`ISSUER`](super::ISSUER)).
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

/// The title that marks a window page.
pub const WINDOW_PAGES_TITLE: &str = "相談支援窓口一覧";

/// An extension: 「(内線：2668)」, 「（内線:2169）」.
pub const EXTENSION: &str = "^[（(]内線[：:]([0-9]+)[）)]$";

/// The first line of the opening hours: a day, a time, or a kind of service.
pub const HOURS_START: &str =
    "^((月|火|水|木|金|土|日)[～・、：]|午前|午後|夜間対応|日中対応|24時間)";

/// A planned opening: 「平成29年９月開設予定」, 「29年度中開設予定」, 「11月に1窓口追加開設予定」.
pub const PLAN_WORD: &str = "開設予定";

/// A month in a plan: 「平成29年10月」, 「11月に」 (the two characters before
/// the year are its era where they name one).
pub const PLAN_MONTH: &str = "(?:(\\p{Han}{2})?([0-9]+)年)?([0-9]+)月";

/// How a merged window-name cell ends (layout vocabulary of window names).
pub const WINDOW_NAME_END: &str = "(窓口|センター|相談室|支援室)$";

/// Lines an announcement wraps over at most (「※11月に1窓口追 / 加開設予定」 wraps once).
pub const ANNOUNCEMENT_LINES: usize = 4;

/// A leftover row head of the window pages: number, name, count, and what
/// follows (「9 品川区 21」, 「…なし29 府中市 11 在宅療養相談窓口」).
pub const LEFTOVER_HEAD: &str = "([0-9]+) ?([^0-9 ]+) ([0-9]+)(?: (.*))?$";

/// A leftover name glued to its number, then a count: 「東大和市41 2」.
pub const LEFTOVER_GLUED: &str = "([^0-9 ]+)([0-9]+) ([0-9]+)$";

/// A leftover name and count: 「文京区 5」.
pub const LEFTOVER_NAME_COUNT: &str = "^([^0-9 ]+) ([0-9]+)$";

/// A leftover number and count: 「22 3」.
pub const LEFTOVER_NUMBER_COUNT: &str = "^([0-9]+) ([0-9]+)$";
