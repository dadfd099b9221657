//! The typed tables, data only: as the page parsers produce them (the
//! staging layer: [`ProgramSummary`], [`PrintedQuestionSummary`],
//! [`AnswerPage`], [`PrintedAssociationTable`],
//! [`windows::PrintedWindows`]), and as the resolve stage gives them
//! back, each a new value ([`QuestionSummary`], [`AssociationTable`],
//! [`windows::WindowPages`]); pages 1 and 3–4 need no resolution, what they
//! print is what they hold. Every value keeps the page and line it was read
//! from.

use crate::layout::{AnswerColumn, Item, Mark, Program, SubQuestion};

mod date;
pub mod windows;

pub use date::{last_day_of_month, Date};

pub use crate::span::Span;

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

crate::vocabulary! {
    /// How a page-2 「実施・予定」 count was found.
    pub enum CountSource => id, IDS {
        /// Printed right after (or before) the question's text.
        WithText = "with_text",
        /// Printed on the figure row itself (options of a multi-choice question).
        OnRow = "on_row",
        /// Printed on a line of its own, away from any text, and placed by the
        /// published identity 「実施・予定」 + 「未実施等」 = n.
        ApartPlacedByTotal = "apart_placed_by_total",
        /// Not printed anywhere the parser could find.
        Missing = "missing",
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
    /// Where the row prints no marker of its own in the place of its
    /// question's (an encoding without the character — Shift_JIS has no ⓪,
    /// EUC-JP no ①–④ — lost it or put a substitute there): what is printed
    /// instead (empty where nothing). The row is its question's by its
    /// place in the questionnaire's order and its figures' shape.
    pub marker_lost: Option<String>,
}

/// Page 2 (集計状況) as printed (the parse stage's; [`QuestionSummary`] is
/// it resolved).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PrintedQuestionSummary {
    /// n as printed (「集計状況（N=５３）」).
    pub n: u32,
    /// Where n is printed.
    pub n_span: Span,
    /// The rows, in the page's order, each count where its text carries it.
    pub rows: Vec<QuestionRow>,
    /// Counts printed on a line of their own, away from any question's text.
    pub counts_apart: Vec<(u32, Span)>,
}

/// Page 2 (集計状況) resolved ([`crate::resolve::question_counts`]): the
/// counts printed apart given to the questions they complete.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QuestionSummary {
    /// n as printed (「集計状況（N=５３）」).
    pub n: u32,
    /// Where n is printed.
    pub n_span: Span,
    /// The rows, in the page's order.
    pub rows: Vec<QuestionRow>,
    /// The counts printed apart that no question could take.
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

    /// The marks counted as 「実施・予定」 by this legend, in printed order
    /// (`◎`, `○` under the usual legend), for messages.
    pub fn implemented_or_planned_marks(&self) -> Vec<char> {
        self.entries
            .iter()
            .filter(|e| e.status.implemented_or_planned())
            .map(|e| e.printed)
            .collect()
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
    /// The input line where it starts, where that is not its row's line
    /// (a cell wrapped over lines of a spaced text, [`crate::spaced`]).
    pub at_line: Option<u32>,
    /// The input column (from 1) where it starts, on its row's line (or
    /// on `at_line`).
    pub at_column: u32,
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
    /// Where a person pinned the cell's mark (`--overrides`: the file and
    /// line, `overrides.csv:3`); `None` where it is as printed.
    pub pinned: Option<String>,
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

/// A row of pages 5–6: a district medical association (or an area, a
/// university hospital) and how many year columns it has a mark in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AssociationRow {
    /// The name, brackets removed: 「（福生市）」 → 福生市.
    pub name: String,
    /// The name as printed.
    pub printed: String,
    /// The group header it is listed under in brackets (西多摩, 北多摩), if any.
    pub group: Option<String>,
    /// Marks (〇) printed after it.
    pub marks: u32,
    /// Footnote numbers printed after it (「練馬区 ※1 ※2」).
    pub notes: Vec<u32>,
    /// Where.
    pub span: Span,
    /// Per year column, where a PDF read by position prints the row's cell
    /// (points from the page's left and top edges); empty for a text.
    pub cells_at: Vec<Option<(u32, u32)>>,
}

/// A footnote: 「※1、2 練馬区医師会は、独自事業として実施」.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Footnote {
    /// Its numbers.
    pub numbers: Vec<u32>,
    /// Its text.
    pub text: String,
    /// Whether it says the marked year counts only associations taking
    /// part for the first time ([`crate::layout::FIRST_TIME_ONLY`]).
    pub first_time_only: bool,
    /// As printed, marker included.
    pub printed: String,
    /// Where.
    pub span: Span,
}

crate::vocabulary! {
    /// What a year's total counts, by the footnote on the totals: 「H28年度までは
    /// 実施地区数、H29年度は交付申請書提出地区数」.
    pub enum Basis => id, IDS {
        /// Areas that implemented the program.
        ImplementedAreas = "implemented_areas",
        /// Areas that submitted an application for the grant.
        ApplicationsSubmitted = "applications_submitted",
    }
}

/// A fiscal-year column of pages 5–6 with its printed total.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct YearColumn {
    /// The era year as printed in the header (24 → 平成24年度).
    pub era_year: u32,
    /// The fiscal year (Gregorian year it starts in).
    pub fiscal_year: i32,
    /// The printed total of the column.
    pub total: u32,
    /// Footnote numbers printed after the year in the header (「29 ※1」).
    pub notes: Vec<u32>,
    /// What the total counts, where a footnote says.
    pub basis: Option<Basis>,
}

crate::vocabulary! {
    /// How an association × year cell was decided.
    pub enum Resolution => id, IDS {
        /// The row has a mark in every year column.
        AllMarked = "all_marked",
        /// The row has no mark.
        NoneMarked = "none_marked",
        /// Every 0/1 table fitting the rows' marks and the printed totals agrees.
        ForcedByTotals = "forced_by_totals",
        /// Pinned by the overrides file.
        Override = "override",
        /// Decided by a footnote the page prints on the year's column: 「※1 H29年度は
        /// 未実施地区を対象として実施」 (that year went only to districts that had not
        /// run the program before), so a row with a mark in an earlier year has none
        /// in that one.
        Footnote = "footnote",
        /// Read from the PDF's geometry: the 〇 sits in the year's column of
        /// the association's row (or the cell is empty), where a text drops
        /// the empty cells and cannot say.
        Position = "position",
        /// The text cannot decide.
        Unresolved = "unresolved",
    }
}

/// One association × year cell: participated (null where undecided) and how decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Participation {
    /// Took part that year; `None` where the text cannot decide.
    pub participated: Option<bool>,
    /// How it was decided.
    pub resolution: Resolution,
}

/// A cell pinned by the overrides file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pin {
    /// Row index in [`PrintedAssociationTable::rows`].
    pub row: usize,
    /// Column index in [`PrintedAssociationTable::years`].
    pub year: usize,
    /// The pinned value.
    pub participated: bool,
    /// Where it was pinned: `raw/overrides.csv:3`.
    pub source: String,
    /// Whether a 0/1 table fits the marks and the totals with this pin alone
    /// (decided by the resolve stage; validation checks it).
    pub fits_alone: bool,
}

/// Page 5 or 6 as printed: a program's associations, marks, year totals
/// and footnotes (the parse stage's; [`AssociationTable`] is it resolved).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PrintedAssociationTable {
    /// The program.
    pub program: Program,
    /// The page.
    pub page: u32,
    /// Where its title is printed.
    pub title_span: Span,
    /// The year columns, in order, with their totals.
    pub years: Vec<YearColumn>,
    /// Where the year header is printed.
    pub header_span: Span,
    /// Where the totals are printed.
    pub totals_span: Span,
    /// The rows, in printed order (left column and right column interleaved
    /// line by line, as the text gives them).
    pub rows: Vec<AssociationRow>,
    /// 「３５地区医師会が実施」: the printed number of associations taking part.
    pub printed_count: Option<(u32, Span)>,
    /// The footnotes.
    pub footnotes: Vec<Footnote>,
    /// The legend of a shading the text lost (「は、委託または補助事業の対象に
    /// なっていない地区医師会」), if printed.
    pub shading_legend: Option<(String, Span)>,
}

/// Page 5 or 6 resolved ([`crate::resolve::associations`]): the table as
/// printed, the cells an overrides file pins, and every row × year cell
/// decided.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AssociationTable {
    /// The table as printed.
    #[serde(flatten)]
    pub printed: PrintedAssociationTable,
    /// Cells pinned by an overrides file.
    pub pins: Vec<Pin>,
    /// Every row × year cell, in the order of `printed.rows` and `printed.years`.
    pub cells: Vec<Vec<Participation>>,
    /// Whether any 0/1 table fits the marks, the totals and the pins.
    pub feasible: bool,
    /// Whether its cells are decided (by the totals, or read by position
    /// from a PDF); a table as a text prints it is not until
    /// [`crate::resolve::finish`] decides it, with its pins.
    #[serde(skip)]
    pub decided: bool,
}

impl AssociationTable {
    /// The table as printed, nothing decided yet (see [`AssociationTable::decided`]).
    pub fn printed(printed: PrintedAssociationTable) -> AssociationTable {
        AssociationTable {
            printed,
            pins: Vec::new(),
            cells: Vec::new(),
            feasible: false,
            decided: false,
        }
    }
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
    /// Pages 5–6: the medical associations' programs.
    pub associations: Vec<AssociationTable>,
    /// Pages 7–11: the consultation windows.
    pub windows: windows::WindowPages,
    /// Pages 7–11 as printed, before placement: what a pinned count
    /// (`--overrides`) places again.
    #[serde(skip)]
    pub printed_windows: windows::PrintedWindows,
    /// Every `number name` row head seen in the text, first occurrence per name.
    pub numbered: Vec<NumberedName>,
}

impl Report {
    /// Names of the municipalities with a row on pages 3–4 (the survey's
    /// answers: the N municipalities page 1 counts), in printed order, each
    /// once.
    pub fn surveyed(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for row in self.answers.iter().flat_map(|p| &p.rows) {
            if !names.contains(&row.name.as_str()) {
                names.push(&row.name);
            }
        }
        names
    }

    /// Names of the municipalities pages 7–11 print anything of — a
    /// window, its number or name as a row's head, its 設置箇所数, a row of
    /// its own, a plan — in the reference list's order.
    pub fn on_window_pages(&self) -> Vec<&str> {
        (self.windows.municipalities.iter())
            .filter(|m| {
                !m.windows.is_empty()
                    || !m.numbers_printed.is_empty()
                    || m.count.is_some()
                    || m.own_row.is_some()
                    || !m.plans.is_empty()
            })
            .map(|m| m.name.as_str())
            .collect()
    }
}
