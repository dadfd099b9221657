//! The staging model of pages 7–11 (consultation windows): what the window
//! parser reads as printed ([`PrintedWindows`]), and what the resolve stage
//! makes of it ([`WindowPages`]: windows placed by the printed counts, merged
//! names and lone figures attributed, each inference with its reason).

use crate::layout::TARGET_COLUMNS;

/// [`TARGET_COLUMNS`] as an array length.
const TARGET_COLUMNS_USIZE: usize = TARGET_COLUMNS as usize;
use crate::model::Span;

/// One consultation window.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Window {
    /// Name; `None` where the row's name cell is merged and cannot be attributed.
    pub name: Option<String>,
    /// Where the name comes from: its own cell, or a merged cell printed
    /// apart and tied to the window by a rule of the resolve stage.
    pub name_source: NameSource,
    /// Location (設置場所).
    pub location: Option<String>,
    /// Phone, canonical ASCII digits and hyphens; or the cell kept whole (see `contact_flag`).
    pub phone: Option<String>,
    /// Extension (「(内線：2668)」 → 2668).
    pub phone_extension: Option<String>,
    /// Fax; `None` where printed 「-」.
    pub fax: Option<String>,
    /// Why phone/fax are not in canonical form, if they are not.
    pub contact_flag: Option<String>,
    /// Opening hours as printed, lines joined by a space.
    pub hours: String,
    /// Marks in the target columns.
    pub targets_marked: u32,
    /// Which target columns hold a mark, where the PDF's geometry says
    /// (a ruled table read by position); `None` for a text, which drops
    /// the empty cells.
    pub targets_by_position: Option<[bool; TARGET_COLUMNS_USIZE]>,
    /// Where a PDF read by position prints the row's first target cell
    /// (points from the page's left and top edges).
    pub targets_at: Option<(u32, u32)>,
    /// The 「その他」 text.
    pub for_other: Option<String>,
    /// Its 「その他」 cell prints nothing in its row while the window above
    /// it (the same municipality's) prints one: a merged cell or an empty
    /// one, which a text that keeps the columns by spaces cannot tell
    /// (`for_other` stays null, listed).
    pub other_undecided: bool,
    /// Municipality named in the row's name column or leaked into it, if any.
    pub named: Option<(String, Span)>,
    /// Municipality number leaked into the row (「5 高齢者あんしん…」).
    pub leaked_no: Option<u32>,
    /// First line of the record.
    pub span: Span,
    /// Line of its marks.
    pub marks_span: Span,
}

crate::vocabulary! {
    /// Where a window's name comes from.
    pub enum NameSource => id, IDS {
        /// Printed in the window's own name cell.
        Printed = "printed",
        /// The name cell is merged and printed apart, beside the head of the
        /// window's municipality among the page's leftovers (「11 大田区 3
        /// 在宅医療連携調整窓口」).
        MergedBesideHead = "merged_beside_head",
        /// The name cell is merged and printed apart alone: the page's one such
        /// name, and its one municipality whose windows print no name
        /// (「在宅療養相談窓口」 and 目黒区 on page 8).
        MergedOnlyCandidate = "merged_only_candidate",
        /// The name cell is merged over several windows' rows of a ruled table,
        /// and the PDF's geometry says which rows it spans: read by position.
        Position = "position",
        /// A text that keeps the table's columns by spaces prints no name in
        /// the window's row: the name printed above it for the same
        /// municipality is taken, as a merged cell's (the text cannot tell a
        /// merged cell from an empty one).
        Above = "above",
        /// The name cell is merged and no rule ties a printed name to it: the
        /// name is null.
        Unknown = "unknown",
    }
}

impl Window {
    /// The name comes from a merged cell, by a rule (`name_inferred` in the tables).
    pub fn name_inferred(&self) -> bool {
        matches!(
            self.name_source,
            NameSource::MergedBesideHead | NameSource::MergedOnlyCandidate | NameSource::Above
        )
    }

    /// Whether target column `k` (0–4, the table's order) holds a mark:
    /// read by position where the PDF says, else decided where 5 or 0 are
    /// marked, else `None`.
    pub fn target(&self, k: usize) -> Option<bool> {
        match self.targets_by_position {
            Some(marks) => marks.get(k).copied(),
            None => self.targets_by_count(),
        }
    }

    /// Whether every target column is decided ([`target`](Self::target)).
    pub fn targets_resolved(&self) -> bool {
        self.targets_by_position.is_some() || self.targets_by_count().is_some()
    }

    /// The five target columns as the marks' count decides them: all where
    /// 5 are marked, none where 0, else `None`.
    pub fn targets_by_count(&self) -> Option<bool> {
        match self.targets_marked {
            0 => Some(false),
            TARGET_COLUMNS => Some(true),
            _ => None,
        }
    }
}

/// A printed figure and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Printed {
    /// The figure.
    pub value: u32,
    /// Where.
    pub span: Span,
}

/// A planned opening as printed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Plan {
    /// As printed: 「平成29年９月開設予定」 (after normalization).
    pub text: String,
    /// `YYYY-MM` where the text names a month.
    pub month: Option<String>,
    /// A window announced beside open ones (「※11月に1窓口追加開設予定」).
    pub additional: bool,
    /// Where.
    pub span: Span,
}

/// One municipality of the window pages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MunicipalityWindows {
    /// Number in the reference order (1–62).
    pub no: u32,
    /// Name.
    pub name: String,
    /// Numbers printed for it (heads, own rows, leftovers, and numbers leaked
    /// into its windows), with where.
    pub numbers_printed: Vec<Printed>,
    /// A figure printed alone among a page's leftovers, read by the resolve
    /// stage as its number: it equals its number, it prints none elsewhere,
    /// and it has windows on that page (「14」 for 中野区).
    pub number_from_lone_figure: Option<Printed>,
    /// Its printed 設置箇所数, if printed.
    pub count: Option<Printed>,
    /// The count is a figure printed alone among the page's leftovers, read
    /// by the resolve stage as this municipality's: the one figure left on
    /// its page and the one municipality of the page whose count is printed
    /// nowhere else (「4」 for 中央区).
    pub count_from_lone_figure: bool,
    /// A row of its own without windows (「21 足立区 足立区」).
    pub own_row: Option<Span>,
    /// Planned openings.
    pub plans: Vec<Plan>,
    /// Its windows, in printed order.
    pub windows: Vec<Window>,
    /// Merged window name attributed to its nameless windows, with where,
    /// and the rule that ties it ([`NameSource`]).
    pub merged_name: Option<(String, Span, NameSource)>,
    /// A count a person pinned (`--overrides`), which `count` then holds.
    pub count_pin: Option<CountPin>,
}

/// A 設置箇所数 pinned by a person (`--overrides`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CountPin {
    /// The file and line: `overrides.csv:4`.
    pub source: String,
    /// The count the text printed, if it printed one.
    pub printed: Option<u32>,
}

impl MunicipalityWindows {
    /// Municipality `no` of the reference list, `name`, with nothing printed
    /// about it yet.
    pub fn blank(no: u32, name: &str) -> MunicipalityWindows {
        MunicipalityWindows {
            no,
            name: name.to_string(),
            numbers_printed: Vec::new(),
            count: None,
            number_from_lone_figure: None,
            count_from_lone_figure: false,
            own_row: None,
            plans: Vec::new(),
            windows: Vec::new(),
            merged_name: None,
            count_pin: None,
        }
    }
}

/// Municipalities whose windows are placed together: the first has an
/// anchor (a head or its own row fixes where its windows start); the others
/// print no head or row, so their windows follow by the printed counts, in
/// the reference list's order, up to the next anchor. Which municipality of
/// a run a window belongs to is decided by the counts alone: where the
/// windows of a run do not add up to its counts, the text cannot tell which
/// member lost or gained one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Run {
    /// The members' numbers in the reference list, in order.
    pub members: Vec<u32>,
    /// Windows printed in the run.
    pub windows: usize,
    /// Where its first window starts and its last window's marks are, if it has windows.
    pub lines: Option<(Span, Span)>,
}

/// Pages 7–11 as printed, before any inference: the windows in text order
/// and what the pages print about each municipality.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PrintedWindows {
    /// Every window, in text order; names `None` where the cell is merged.
    pub windows: Vec<Window>,
    /// Heads and own rows, in text order: (index in `windows` of the first
    /// window after it, the municipality's number in the reference list).
    pub anchors: Vec<(usize, u32)>,
    /// Every municipality of the reference list, in its order, with what is
    /// printed about it: numbers, count, own row, plans, and a merged name
    /// printed beside its head. Its `windows` are empty until placed.
    pub municipalities: Vec<MunicipalityWindows>,
    /// Merged names printed alone among a page's leftovers (no head beside them).
    pub loose_names: Vec<(String, Span)>,
    /// Leftover cells that are no name: merged 「その他」 texts.
    pub unattributed: Vec<(String, Span)>,
    /// Figures printed alone among the leftovers.
    pub lone_figures: Vec<Printed>,
}

impl PrintedWindows {
    /// The last municipality (its number in the reference list) the window
    /// pages print anything of: its number or name as a row's head, its
    /// 設置箇所数, its own row or a plan. The pages list every municipality
    /// of the list, so one short of the last says the text ends early.
    pub fn last_printed(&self) -> Option<u32> {
        let printed = (self.municipalities.iter())
            .filter(|m| {
                !m.numbers_printed.is_empty()
                    || m.count.is_some()
                    || m.own_row.is_some()
                    || !m.plans.is_empty()
            })
            .map(|m| m.no);
        printed.chain(self.anchors.iter().map(|a| a.1)).max()
    }
}

/// Pages 7–11, resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct WindowPages {
    /// Every municipality of the reference list, in its order.
    pub municipalities: Vec<MunicipalityWindows>,
    /// The runs of municipalities placed together, in order; each
    /// municipality is in one.
    pub runs: Vec<Run>,
    /// Windows the counts could not place (more windows than printed counts).
    pub unplaced: Vec<Window>,
    /// Leftover cells no rule attributes: merged names, merged 「その他」 texts.
    pub unattributed: Vec<(String, Span)>,
    /// Figures printed alone among the leftovers that no rule used.
    pub lone_figures: Vec<Printed>,
}
