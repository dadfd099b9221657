//! The names of the tables and columns that code outside this crate reads
//! by name (the diff reads an edition's tables back): one constant each,
//! so a reader names no column by a literal. Every constant is checked
//! against the tables the builders make
//! (`tests/names.rs`): a table or column renamed
//! or dropped fails that test, not a reader at run time.

/// Constants whose names are their values upper-cased, and the list of all.
macro_rules! names {
    ($(#[$doc:meta])* $all:ident { $($name:ident = $text:literal),+ $(,)? }) => {
        $(#[doc = concat!("`", $text, "`")] pub const $name: &str = $text;)+
        $(#[$doc])*
        pub const $all: &[&str] = &[$($name),+];
    };
}

/// The tables.
pub mod table {
    names! {
        /// Every table named here.
        ALL {
            PROGRAM_SUMMARY = "program_summary",
            QUESTION_SUMMARY = "question_summary",
            MUNICIPALITY_ANSWERS = "municipality_answers",
            MUNICIPALITY_CHOICES = "municipality_choices",
            ASSOCIATION_PROGRAMS = "association_programs",
            ASSOCIATION_PROGRAM_YEARS = "association_program_years",
            ASSOCIATION_PROGRAM_TOTALS = "association_program_totals",
            MUNICIPALITY_ANSWERS_WIDE = "municipality_answers_wide",
            CONSULTATION_WINDOWS = "consultation_windows",
            WINDOW_PLANS = "window_plans",
            MUNICIPALITIES = "municipalities",
            VALIDATION_CHECKS = "validation_checks",
            AMBIGUITIES = "ambiguities",
            CHANGES = "changes",
        }
    }
}

/// The columns (a name means the same in every table that has it).
pub mod column {
    names! {
        /// Every column named here.
        ALL {
            EDITION = "edition",
            SOURCE_PAGE = "source_page",
            SOURCE_LINE = "source_line",
            ITEM = "item",
            ACTIVITY = "activity",
            QUESTION = "question",
            SUB_QUESTION = "sub_question",
            OPTION = "option",
            OPTION_TEXT = "option_text",
            QUESTION_TEXT = "question_text",
            N = "n",
            FY_CURRENT = "fy_current",
            FY_PREVIOUS = "fy_previous",
            COUNT_CURRENT = "count_current",
            PCT_CURRENT = "pct_current",
            COUNT_PREVIOUS = "count_previous",
            PCT_PREVIOUS = "pct_previous",
            CHANGE_PCT = "change_pct",
            COUNT_YES = "count_yes",
            PCT_YES = "pct_yes",
            COUNT_NO = "count_no",
            PCT_NO = "pct_no",
            MUNICIPALITY_CODE = "municipality_code",
            MUNICIPALITY_NAME = "municipality_name",
            MARK = "mark",
            STATUS = "status",
            IMPLEMENTED_OR_PLANNED = "implemented_or_planned",
            RAW_TEXT = "raw_text",
            PROGRAM = "program",
            ASSOCIATION = "association",
            GROUP = "group",
            YEARS_MARKED = "years_marked",
            NOTE = "note",
            FISCAL_YEAR = "fiscal_year",
            PARTICIPATED = "participated",
            RESOLUTION = "resolution",
            COUNT = "count",
            BASIS = "basis",
            WINDOW_NO = "window_no",
            NAME = "name",
            LOCATION = "location",
            PHONE = "phone",
            PHONE_EXTENSION = "phone_extension",
            FAX = "fax",
            HOURS = "hours",
            FOR_PATIENTS_FAMILIES = "for_patients_families",
            FOR_MEDICAL_INSTITUTIONS = "for_medical_institutions",
            FOR_HOME_NURSING_STATIONS = "for_home_nursing_stations",
            FOR_COMMUNITY_SUPPORT_CENTERS = "for_community_support_centers",
            FOR_CARE_MANAGERS = "for_care_managers",
            FOR_OTHER = "for_other",
            NAME_SOURCE = "name_source",
            TARGETS_RESOLVED = "targets_resolved",
            PLANNED_OPENING = "planned_opening",
            SURVEY_NO = "survey_no",
            KIND = "kind",
            AREA = "area",
            IN_SURVEY = "in_survey",
            ON_WINDOW_PAGES = "on_window_pages",
            ROW_NO = "row_no",
            CHOICE_NO = "choice_no",
            SOURCE_COLUMN = "source_column",
            SOURCE_LINES = "source_lines",
            ANNOTATION = "annotation",
            FAMILY = "family",
            CHECK_ID = "check_id",
            SUBJECT = "subject",
            PUBLISHED = "published",
            RECONSTRUCTED = "reconstructed",
            PRINTED_AT = "printed_at",
            SUSPECTS = "suspects",
            AMBIGUITY_NO = "ambiguity_no",
            AMBIGUITY_ID = "ambiguity_id",
            ITEM_LABEL = "item_label",
            PARENT_ACTIVITY = "parent_activity",
            COUNT_YES_SOURCE = "count_yes_source",
            NAME_INFERRED = "name_inferred",
            CONTACT_FLAG = "contact_flag",
            TARGETS_MARKED = "targets_marked",
            TARGETS_RESOLUTION = "targets_resolution",
            PLANNED_MONTH = "planned_month",
            ADDITIONAL = "additional",
            WINDOWS_OPEN = "windows_open",
            CHANGE_NO = "change_no",
            PREVIOUS_EDITION = "previous_edition",
            TABLE = "table",
            KEY = "key",
            FIELD = "field",
            OLD = "old",
            NEW = "new",
            OLD_PAGE = "old_page",
            OLD_LINE = "old_line",
            NEW_PAGE = "new_page",
            NEW_LINE = "new_line",
        }
    }
}

/// The files a build writes beside the tables.
pub mod file {
    /// The output directory's README.
    pub const README: &str = "README.md";
    /// The report page.
    pub const REPORT_PAGE: &str = "report.html";
    /// Every table in one workbook (`--xlsx`).
    pub const WORKBOOK: &str = "tables.xlsx";
    /// The Frictionless data package.
    pub const DATAPACKAGE: &str = "datapackage.json";
    /// The validation report, as JSON.
    pub const VALIDATION_JSON: &str = "validation_report.json";
    /// The validation report, as Markdown.
    pub const VALIDATION_MD: &str = "validation_report.md";
}

/// A table a build writes, as its documentation names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// File stem: `program_summary`.
    pub name: &'static str,
    /// A short title (the data package's resource title).
    pub title: &'static str,
    /// One row per … (the data package's description).
    pub description: &'static str,
}

/// Every table a build writes, in file order, with its title and
/// description: the one place they are written (the builders and the data
/// package take theirs from here, `zaitaku show --help` and the output
/// directory's README list them).
#[rustfmt::skip]
pub const CATALOG: &[Entry] = &[
    Entry { name: table::MUNICIPALITIES, title: "Municipalities", description: "One row per municipality of the reference list" },
    Entry { name: table::PROGRAM_SUMMARY, title: "Program summary (page 1, 集計結果)", description: "One row per row of page 1 (集計結果)" },
    Entry { name: table::QUESTION_SUMMARY, title: "Question summary (page 2, 集計状況)", description: "One row per question of page 2 (集計状況), or per option of a multi-choice question" },
    Entry { name: table::MUNICIPALITY_ANSWERS, title: "Answers by municipality (pages 3–4, 区市町村別)", description: "One row per surveyed municipality and marked question of pages 3–4 (区市町村別)" },
    Entry { name: table::MUNICIPALITY_ANSWERS_WIDE, title: "Answers by municipality, as printed (pages 3–4)", description: "One row per surveyed municipality, the cells of pages 3–4 as printed" },
    Entry { name: table::MUNICIPALITY_CHOICES, title: "Options chosen by municipality (pages 3–4)", description: "One row per option a municipality chose in ア④, ウ③, エ② or オ② (pages 3–4)" },
    Entry { name: table::ASSOCIATION_PROGRAMS, title: "District medical associations by program (pages 5–6)", description: "One row per district medical association and program of pages 5–6" },
    Entry { name: table::ASSOCIATION_PROGRAM_YEARS, title: "District medical associations by program and fiscal year (pages 5–6)", description: "One row per district medical association, program and fiscal year of pages 5–6" },
    Entry { name: table::ASSOCIATION_PROGRAM_TOTALS, title: "Program totals by fiscal year (pages 5–6)", description: "One row per program and fiscal year of pages 5–6, with its printed total" },
    Entry { name: table::CONSULTATION_WINDOWS, title: "Consultation windows (pages 7–11, 相談支援窓口)", description: "One row per consultation window (相談支援窓口) of pages 7–11" },
    Entry { name: table::WINDOW_PLANS, title: "Planned consultation windows (pages 7–11)", description: "One row per planned opening of a consultation window, and per municipality with neither windows nor a plan (pages 7–11)" },
    Entry { name: table::VALIDATION_CHECKS, title: "Validation checks", description: "One row per check of a published figure, every edition's (the validation report summarises them)" },
    Entry { name: table::AMBIGUITIES, title: "Ambiguities", description: "One row per ambiguity: a value the text cannot decide (left null) or decides only by a documented rule, every edition's" },
    Entry { name: table::CHANGES, title: "Changes between editions", description: "One row per change between consecutive editions (by as-of date): a figure, a mark, an option, a window, a plan, an association cell or total, a municipality" },
];

/// The entry of table `name` in [`CATALOG`], if it is one.
pub fn entry(name: &str) -> Option<&'static Entry> {
    CATALOG.iter().find(|e| e.name == name)
}

impl Entry {
    /// What a row is: the description without its «One row per »
    /// (`municipality of the reference list`), for the lists of tables.
    pub fn row_is(&self) -> &'static str {
        let d = self.description;
        d.strip_prefix("One row per ").unwrap_or(d)
    }
}

/// The description of table `name` in [`CATALOG`] (empty for another name).
pub fn describe(name: &str) -> &'static str {
    entry(name).map_or("", |e| e.description)
}

/// How a boolean cell is written (CSV) and read back.
pub mod boolean {
    /// A true cell.
    pub const TRUE: &str = "true";
    /// A false cell.
    pub const FALSE: &str = "false";
}
