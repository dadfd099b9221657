//! The typed, as-printed tables that the page parsers produce (the staging
//! layer). Every value keeps the page and line it was read from.

use crate::layout::{AnswerColumn, Item, Mark, SubQuestion};

/// Where a value was printed: page (from 1) and input line (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Span {
    /// Page, from 1.
    pub page: u32,
    /// Input line, from 1.
    pub line: u32,
}

impl Span {
    /// The position of the span's line, column 1 (for messages about a whole line).
    pub fn position(self) -> crate::error::Position {
        crate::error::Position {
            page: self.page,
            line: self.line,
            column: 1,
        }
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "page {}, line {}", self.page, self.line)
    }
}

/// A calendar date (the edition's as-of date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Date {
    /// Gregorian year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Date {
    /// ISO 8601: `2017-07-31`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (for date columns).
    pub fn days_since_epoch(&self) -> i32 {
        // Howard Hinnant's days_from_civil.
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// Last day of a month of the Gregorian calendar.
pub fn last_day_of_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The edition: the as-of date printed on the report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Edition {
    /// As-of date (「平成29年度7月末時点」 → 2017-07-31).
    pub as_of: Date,
    /// The phrase as printed.
    pub printed: String,
    /// Where it is printed.
    pub span: Span,
}

/// A page-1 row (集計結果): one activity, its FY-current and FY-previous counts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProgramRow {
    /// The item.
    pub item: Item,
    /// The item's label as printed (without the bracketed katakana).
    pub item_label: String,
    /// The activity label as printed.
    pub activity: String,
    /// Where the activity label is printed.
    pub activity_span: Span,
    /// The 「いずれかを実施」 row above this one, if any.
    pub parent_activity: Option<String>,
    /// The page-2 question printing the same figure.
    pub question: Option<u8>,
    /// キ②'s sub-question.
    pub sub: Option<SubQuestion>,
    /// For a 「いずれかを実施」 row, the questions of which any counts.
    pub any_of: Vec<u8>,
    /// Municipalities implementing it in the current fiscal year.
    pub count_current: u32,
    /// Their share of n, in tenths of a percent, as printed.
    pub pct_current: i64,
    /// Municipalities implementing it in the previous fiscal year.
    pub count_previous: u32,
    /// Their share, in tenths of a percent, as printed.
    pub pct_previous: i64,
    /// Change in tenths of a point, as printed.
    pub change: i64,
    /// Where the figures are printed.
    pub span: Span,
}

/// Page 1 (集計結果（29年度・28年度比較）).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProgramSummary {
    /// n as printed (「集計状況（ｎ＝５３）」).
    pub n: u32,
    /// Where n is printed.
    pub n_span: Span,
    /// The current fiscal year (Gregorian year it starts in).
    pub fy_current: i32,
    /// The previous fiscal year.
    pub fy_previous: i32,
    /// Where the fiscal years are printed.
    pub fy_span: Span,
    /// The rows, in the table's order.
    pub rows: Vec<ProgramRow>,
}

/// How a page-2 「実施・予定」 count was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum CountSource {
    /// Printed right after (or before) the question's text.
    WithText,
    /// Printed on the figure row itself (options of a multi-choice question).
    OnRow,
    /// Printed on a line of its own, away from any text, and placed by the
    /// published identity 「実施・予定」 + 「未実施等」 = n.
    ApartPlacedByTotal,
    /// Not printed anywhere the parser could find.
    Missing,
}

impl CountSource {
    /// The id used in the tables.
    pub fn id(self) -> &'static str {
        match self {
            CountSource::WithText => "with_text",
            CountSource::OnRow => "on_row",
            CountSource::ApartPlacedByTotal => "apart_placed_by_total",
            CountSource::Missing => "missing",
        }
    }
}

/// A page-2 row: a question, a sub-question, or an option of a multi-choice question.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QuestionRow {
    /// The item.
    pub item: Item,
    /// The question number, 0–4.
    pub question: u8,
    /// キ②'s sub-question.
    pub sub: Option<SubQuestion>,
    /// The option's canonical label (multi-choice questions only).
    pub option: Option<&'static str>,
    /// The option as printed.
    pub option_text: Option<String>,
    /// The question's text as printed, where page 2 prints one that can be told to be its.
    pub question_text: Option<String>,
    /// Where the text is printed.
    pub text_span: Option<Span>,
    /// 「実施・29年度中に実施予定」 count (an option's count for options).
    pub count_yes: Option<u32>,
    /// How `count_yes` was found.
    pub count_yes_source: CountSource,
    /// Where `count_yes` is printed.
    pub count_yes_span: Option<Span>,
    /// Its share, in tenths of a percent, as printed.
    pub pct_yes: i64,
    /// 「未実施等」 count (null for options).
    pub count_no: Option<u32>,
    /// Its share, in tenths of a percent (null for options).
    pub pct_no: Option<i64>,
    /// Where the figure row is printed.
    pub span: Span,
}

/// Page 2 (集計状況).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QuestionSummary {
    /// n as printed (「集計状況（N=５３）」).
    pub n: u32,
    /// Where n is printed.
    pub n_span: Span,
    /// The rows, in the page's order.
    pub rows: Vec<QuestionRow>,
    /// Counts printed on a line of their own that no question could take.
    pub unplaced_counts: Vec<(u32, Span)>,
}

/// A municipality's number and name as printed at the head of a table row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NumberedName {
    /// Number as printed (1–62).
    pub no: u32,
    /// Name as printed.
    pub name: String,
    /// Where.
    pub span: Span,
}

/// One entry of the mark legend printed on pages 3–4.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LegendEntry {
    /// The status the label stands for.
    pub status: Mark,
    /// The mark as printed (after normalization of 〇 to ○).
    pub printed: char,
    /// The label as printed: 「29年度中に実施予定」.
    pub label: String,
}

/// The mark legend of a per-municipality page: which printed mark stands for
/// which status. 「-」 (not applicable) is not in the printed legend.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Legend {
    /// The entries, in printed order.
    pub entries: Vec<LegendEntry>,
    /// Where the legend is printed.
    pub span: Span,
}

impl Legend {
    /// The status of a printed mark, if the legend (or the layout's 「-」) has it.
    pub fn status(&self, printed: char) -> Option<Mark> {
        self.entries
            .iter()
            .find(|e| e.printed == printed)
            .map(|e| e.status)
            .or((printed == Mark::NotApplicable.usual()).then_some(Mark::NotApplicable))
    }

    /// The marks it knows, for messages: `◎ ○ △ × -`.
    pub fn marks(&self) -> String {
        let mut marks: Vec<String> = self.entries.iter().map(|e| e.printed.to_string()).collect();
        marks.push(Mark::NotApplicable.usual().to_string());
        marks.join(" ")
    }
}

/// One option chosen in an option-text cell.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Choice {
    /// The option's canonical label; `None` where the text matches no option
    /// of the question's vocabulary (never guessed).
    pub option: Option<&'static str>,
    /// Annotations printed in front of or after it (「検討中」, 「※補助」).
    pub annotation: Option<String>,
    /// The text as printed, annotations included.
    pub raw_text: String,
}

/// What a cell of a per-municipality row holds.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum AnswerValue {
    /// A mark and its status by the page's legend.
    Mark {
        /// As printed.
        printed: char,
        /// Its status.
        status: Mark,
    },
    /// The options chosen (none where the cell is 「-」).
    Options(Vec<Choice>),
}

/// One cell of a per-municipality row.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AnswerCell {
    /// The column it belongs to.
    pub column: &'static AnswerColumn,
    /// The cell's text as printed.
    pub printed: String,
    /// What it says.
    pub value: AnswerValue,
    /// Column (in characters, from 1) where the cell starts on its line.
    pub at_column: u32,
}

/// A row of a per-municipality page: 「2 中央区 ◎ ◎ ◎ 毎年、実施している … 中央区」.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AnswerRow {
    /// The number printed in front.
    pub no: u32,
    /// The name as printed (a municipality of the reference list).
    pub name: String,
    /// Where the row is printed.
    pub span: Span,
    /// The cells, in the page's column order.
    pub cells: Vec<AnswerCell>,
}

/// A per-municipality page (区市町村別): its legend and its rows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AnswerPage {
    /// The page.
    pub page: u32,
    /// The items it covers, first and last.
    pub items: (Item, Item),
    /// Where its title is printed.
    pub title_span: Span,
    /// Its mark legend.
    pub legend: Legend,
    /// Where the page says the islands are outside the survey (「島しょ部については、
    /// 今回は集計外である。」), if it does.
    pub islands_excluded: Option<Span>,
    /// The rows, in printed order.
    pub rows: Vec<AnswerRow>,
}

/// Everything reconstructed from one edition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    /// The edition.
    pub edition: Edition,
    /// Page 1.
    pub program: ProgramSummary,
    /// Page 2.
    pub questions: QuestionSummary,
    /// Pages 3–4: what each municipality answered.
    pub answers: Vec<AnswerPage>,
    /// Every `number name` row head seen in the text, first occurrence per name.
    pub numbered: Vec<NumberedName>,
}

impl Report {
    /// Names of the municipalities with a row on a per-municipality page (the
    /// survey), in printed order, each once.
    pub fn surveyed(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for row in self.answers.iter().flat_map(|p| &p.rows) {
            if !names.contains(&row.name.as_str()) {
                names.push(&row.name);
            }
        }
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_days_match_known_dates() {
        assert_eq!(
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
            .days_since_epoch(),
            0
        );
        assert_eq!(
            Date {
                year: 2017,
                month: 7,
                day: 31
            }
            .days_since_epoch(),
            17_378
        );
    }

    #[test]
    fn february_of_a_leap_year_has_29_days() {
        assert_eq!(last_day_of_month(2020, 2), 29);
        assert_eq!(last_day_of_month(1900, 2), 28);
        assert_eq!(last_day_of_month(2017, 7), 31);
    }
}
