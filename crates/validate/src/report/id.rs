//! The id of a check or an ambiguity: its family (the page or table it is
//! about) and its path within the family, `p2` + `ka.q2.pct_no`, written
//! `p2.ka.q2.pct_no`. The families are listed once ([`Family::ALL`]).

zaitaku_parse::vocabulary! {
    /// The family of a check or ambiguity, in the order the report lists
    /// them; its name is the tables' and the reports'.
    pub enum Family => name, NAMES {
        /// Page 1 (`p1`).
        ProgramSummary = "program_summary",
        /// Page 2 (`p2`).
        QuestionSummary = "question_summary",
        /// Pages 3–4 (`mun`).
        MunicipalityAnswers = "municipality_answers",
        /// Pages 5–6 (`assoc`).
        Associations = "associations",
        /// Pages 7–11 (`win`).
        ConsultationWindows = "consultation_windows",
        /// Figures two pages print (`x`).
        CrossPage = "cross_page",
        /// Anything else (no id has it today; the tables' vocabulary keeps it).
        Other = "other",
    }
}

impl Family {
    /// The id's first part: `p2`.
    pub const fn prefix(self) -> &'static str {
        match self {
            Family::ProgramSummary => "p1",
            Family::QuestionSummary => "p2",
            Family::MunicipalityAnswers => "mun",
            Family::Associations => "assoc",
            Family::ConsultationWindows => "win",
            Family::CrossPage => "x",
            Family::Other => "other",
        }
    }
}

/// Every kind of check ([`Id::kind`]) the checks of this crate record, with
/// what it compares. Each must be able to fail: the pipeline's test
/// `check_kinds` makes every one fail from an edited seed (or, where no text
/// can, an edited model) and fails itself on a kind missing here or a kind
/// here without such a case.
pub const CHECK_KINDS: [(&str, &str); 30] = [
    (
        "p1.pct_current",
        "a page-1 FY-current share against its count and n",
    ),
    (
        "p1.pct_previous",
        "a page-1 FY-previous share against its count and n",
    ),
    ("p1.change", "a page-1 change against the unrounded shares"),
    (
        "p2.pct_yes",
        "a page-2 実施・予定 share (or an option's) against its count and n",
    ),
    (
        "p2.pct_no",
        "a page-2 未実施等 share against its count and n",
    ),
    (
        "p2.yes_plus_no",
        "a page-2 question's 実施・予定 + 未実施等 against n",
    ),
    (
        "p2.counts_placed",
        "every count printed on page 2 belongs to a question",
    ),
    ("x.n", "n on page 1 against n on page 2"),
    ("x.count", "a page-1 FY-current count against page 2's"),
    ("x.pct", "a page-1 FY-current share against page 2's"),
    (
        "mun.rows",
        "the rows of pages 3–4 against the reference list",
    ),
    ("mun.numbers", "the numbers of the rows of pages 3–4"),
    ("mun.n", "the rows of pages 3–4 against n"),
    (
        "mun.yes",
        "a question's ◎ and ○ on pages 3–4 against 実施・予定 on page 2",
    ),
    (
        "mun.no",
        "a question's other marks on pages 3–4 against 未実施等 on page 2",
    ),
    (
        "mun.chosen",
        "the rows choosing an option against its count on page 2",
    ),
    (
        "mun.count",
        "municipalities with any of カ or キ against page 1's いずれかを実施",
    ),
    (
        "assoc.marks_total",
        "an association table's marks against its per-year totals",
    ),
    (
        "assoc.participants",
        "associations with a mark against the printed count",
    ),
    (
        "assoc.row_marks",
        "no association row has more marks than year columns",
    ),
    ("assoc.names_unique", "every association listed once"),
    (
        "assoc.fits",
        "a 0/1 table fits the marks, totals and pins (Gale–Ryser)",
    ),
    ("assoc.decided", "a year's decided cells within its total"),
    (
        "assoc.cells",
        "every association × year cell decided by one rule or unresolved",
    ),
    ("assoc.override", "a pinned cell leaves a table that fits"),
    ("win.count", "windows parsed against the printed 設置箇所数"),
    ("win.total", "windows parsed against the sum of 設置箇所数"),
    ("win.numbers", "the municipality numbers of pages 7–11"),
    (
        "win.placed",
        "every window printed placed in a municipality",
    ),
    (
        "win.o1",
        "オ① on page 4 against the windows and plans of pages 7–11",
    ),
];

/// Every kind of ambiguity ([`Id::kind`]) the checks of this crate list:
/// the `kind` column's vocabulary in the table `ambiguities`. The pipeline's
/// test `check_kinds` fails on a kind recorded but not listed here (for the
/// seed, every fixture and every check's failing case).
pub const AMBIGUITY_KINDS: [&str; 25] = [
    // Page 2: a count printed apart, a question text page 2 cannot tie, a
    // marker the text's encoding lost.
    "p2.count_yes",
    "p2.question_text",
    "p2.marker_lost",
    // Pages 3–4: an answer against its condition, an option text matching
    // no option, a legend printing another mark for a status (one per status).
    "mun.condition",
    "mun.unmatched",
    // A mark or a count a person pinned (--overrides).
    "mun.override",
    "win.override",
    "mun.implemented",
    "mun.planned_this_year",
    "mun.planned_later_or_undecided",
    "mun.not_planned",
    "mun.not_applicable",
    // Pages 5–6: the table's summary, undecided and forced cells, members
    // without marks of their own, the shading the text lost.
    "assoc.summary",
    "assoc.unresolved",
    "assoc.forced",
    "assoc.member",
    "assoc.shading",
    // Pages 7–11: targets, names, その他 cells, contact cells and figures the
    // text cannot tie.
    "win.targets",
    "win.name_inferred",
    "win.name_unknown",
    "win.other_undecided",
    "win.contact",
    "win.count_alone",
    "win.unattributed",
    "win.lone_figure",
];

/// The id of a check or an ambiguity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Id {
    family: Family,
    /// The parts after the family's, joined by dots.
    path: String,
}

impl Id {
    /// The id `path` (dot-separated parts) of `family`.
    pub fn new(family: Family, path: impl Into<String>) -> Id {
        Id {
            family,
            path: path.into(),
        }
    }

    /// Its family.
    pub fn family(&self) -> Family {
        self.family
    }

    /// The id of a part of this one: `p2.ka.q2` → `p2.ka.q2.pct_no`.
    pub fn child(&self, part: impl std::fmt::Display) -> Id {
        let path = match self.path.is_empty() {
            true => part.to_string(),
            false => format!("{}.{part}", self.path),
        };
        Id::new(self.family, path)
    }

    /// The kind: the family's prefix and the path's last part,
    /// `win.targets` for `win.07.w2.targets`.
    pub fn kind(&self) -> String {
        match self.path.rsplit('.').next().filter(|last| !last.is_empty()) {
            Some(last) => format!("{}.{last}", self.family.prefix()),
            None => self.family.prefix().to_string(),
        }
    }

    /// The family's prefix and the path's first `parts - 1` parts: what
    /// ids about the same figure share (`mun.e.q2` for `mun.e.q2.opt1.chosen`).
    pub fn head(&self, parts: usize) -> String {
        let path: Vec<&str> = self.path.split('.').take(parts.saturating_sub(1)).collect();
        Id::new(self.family, path.join(".")).to_string()
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.family.prefix())?;
        if !self.path.is_empty() {
            write!(f, ".{}", self.path)?;
        }
        Ok(())
    }
}

impl serde::Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_written_with_its_family_prefix_and_kinds_by_its_last_part() {
        let q = Id::new(Family::QuestionSummary, "ka.q2");
        let id = q.child("pct_no");
        assert_eq!(id.to_string(), "p2.ka.q2.pct_no");
        assert_eq!(id.kind(), "p2.pct_no");
        assert_eq!(id.head(3), "p2.ka.q2");
        assert_eq!(Id::new(Family::CrossPage, "n").to_string(), "x.n");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"p2.ka.q2.pct_no\"");
        assert_eq!(Family::NAMES[1], "question_summary");
    }
}
