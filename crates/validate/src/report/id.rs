//! The id of a check or an ambiguity, typed: its family (the page or table
//! it is about), its subject within the family (`ka.q2`, the question) and
//! its part (`pct_no`, what of the subject is checked), written
//! `p2.ka.q2.pct_no` only where it is shown or stored. The family and the
//! part make its [`Kind`] (`p2.pct_no`). The families are listed once
//! ([`Family::ALL`]), the kinds once ([`CHECK_KINDS`], [`AMBIGUITY_KINDS`]).

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
pub const CHECK_KINDS: [(Kind, &str); 30] = [
    (
        Kind::of(Family::ProgramSummary, "pct_current"),
        "a page-1 FY-current share against its count and n",
    ),
    (
        Kind::of(Family::ProgramSummary, "pct_previous"),
        "a page-1 FY-previous share against its count and n",
    ),
    (
        Kind::of(Family::ProgramSummary, "change"),
        "a page-1 change against the unrounded shares",
    ),
    (
        Kind::of(Family::QuestionSummary, "pct_yes"),
        "a page-2 実施・予定 share (or an option's) against its count and n",
    ),
    (
        Kind::of(Family::QuestionSummary, "pct_no"),
        "a page-2 未実施等 share against its count and n",
    ),
    (
        Kind::of(Family::QuestionSummary, "yes_plus_no"),
        "a page-2 question's 実施・予定 + 未実施等 against n",
    ),
    (
        Kind::of(Family::QuestionSummary, "counts_placed"),
        "every count printed on page 2 belongs to a question",
    ),
    (
        Kind::of(Family::CrossPage, "n"),
        "n on page 1 against n on page 2",
    ),
    (
        Kind::of(Family::CrossPage, "count"),
        "a page-1 FY-current count against page 2's",
    ),
    (
        Kind::of(Family::CrossPage, "pct"),
        "a page-1 FY-current share against page 2's",
    ),
    (
        Kind::of(Family::MunicipalityAnswers, "rows"),
        "the rows of pages 3–4 against the reference list",
    ),
    (
        Kind::of(Family::MunicipalityAnswers, "numbers"),
        "the numbers of the rows of pages 3–4",
    ),
    (
        Kind::of(Family::MunicipalityAnswers, "n"),
        "the rows of pages 3–4 against n",
    ),
    (
        Kind::of(Family::MunicipalityAnswers, "yes"),
        "a question's ◎ and ○ on pages 3–4 against 実施・予定 on page 2",
    ),
    (
        Kind::of(Family::MunicipalityAnswers, "no"),
        "a question's other marks on pages 3–4 against 未実施等 on page 2",
    ),
    (
        Kind::of(Family::MunicipalityAnswers, "chosen"),
        "the rows choosing an option against its count on page 2",
    ),
    (
        Kind::of(Family::MunicipalityAnswers, "count"),
        "municipalities with any of カ or キ against page 1's いずれかを実施",
    ),
    (
        Kind::of(Family::Associations, "marks_total"),
        "an association table's marks against its per-year totals",
    ),
    (
        Kind::of(Family::Associations, "participants"),
        "associations with a mark against the printed count",
    ),
    (
        Kind::of(Family::Associations, "row_marks"),
        "no association row has more marks than year columns",
    ),
    (
        Kind::of(Family::Associations, "names_unique"),
        "every association listed once",
    ),
    (
        Kind::of(Family::Associations, "fits"),
        "a 0/1 table fits the marks, totals and pins (Gale–Ryser)",
    ),
    (
        Kind::of(Family::Associations, "decided"),
        "a year's decided cells within its total",
    ),
    (
        Kind::of(Family::Associations, "cells"),
        "every association × year cell decided by one rule or unresolved",
    ),
    (
        Kind::of(Family::Associations, "override"),
        "a pinned cell leaves a table that fits",
    ),
    (
        Kind::of(Family::ConsultationWindows, "count"),
        "windows parsed against the printed 設置箇所数",
    ),
    (
        Kind::of(Family::ConsultationWindows, "total"),
        "windows parsed against the sum of 設置箇所数",
    ),
    (
        Kind::of(Family::ConsultationWindows, "numbers"),
        "the municipality numbers of pages 7–11",
    ),
    (
        Kind::of(Family::ConsultationWindows, "placed"),
        "every window printed placed in a municipality",
    ),
    (
        Kind::of(Family::ConsultationWindows, "o1"),
        "オ① on page 4 against the windows and plans of pages 7–11",
    ),
];

/// Every kind of ambiguity ([`Id::kind`]) the checks of this crate list:
/// the `kind` column's vocabulary in the table `ambiguities`. The pipeline's
/// test `check_kinds` fails on a kind recorded but not listed here (for the
/// seed, every fixture and every check's failing case).
pub const AMBIGUITY_KINDS: [Kind; 25] = [
    // Page 2: a count printed apart, a question text page 2 cannot tie, a
    // marker the text's encoding lost.
    Kind::of(Family::QuestionSummary, "count_yes"),
    Kind::of(Family::QuestionSummary, "question_text"),
    Kind::of(Family::QuestionSummary, "marker_lost"),
    // Pages 3–4: an answer against its condition, an option text matching
    // no option, a legend printing another mark for a status (one per status).
    Kind::of(Family::MunicipalityAnswers, "condition"),
    Kind::of(Family::MunicipalityAnswers, "unmatched"),
    // A mark or a count a person pinned (--overrides).
    Kind::of(Family::MunicipalityAnswers, "override"),
    Kind::of(Family::ConsultationWindows, "override"),
    Kind::of(Family::MunicipalityAnswers, "implemented"),
    Kind::of(Family::MunicipalityAnswers, "planned_this_year"),
    Kind::of(Family::MunicipalityAnswers, "planned_later_or_undecided"),
    Kind::of(Family::MunicipalityAnswers, "not_planned"),
    Kind::of(Family::MunicipalityAnswers, "not_applicable"),
    // Pages 5–6: the table's summary, undecided and forced cells, members
    // without marks of their own, the shading the text lost.
    Kind::of(Family::Associations, "summary"),
    Kind::of(Family::Associations, "unresolved"),
    Kind::of(Family::Associations, "forced"),
    Kind::of(Family::Associations, "member"),
    Kind::of(Family::Associations, "shading"),
    // Pages 7–11: targets, names, その他 cells, contact cells and figures the
    // text cannot tie.
    Kind::of(Family::ConsultationWindows, "targets"),
    Kind::of(Family::ConsultationWindows, "name_inferred"),
    Kind::of(Family::ConsultationWindows, "name_unknown"),
    Kind::of(Family::ConsultationWindows, "other_undecided"),
    Kind::of(Family::ConsultationWindows, "contact"),
    Kind::of(Family::ConsultationWindows, "count_alone"),
    Kind::of(Family::ConsultationWindows, "unattributed"),
    Kind::of(Family::ConsultationWindows, "lone_figure"),
];

/// What is checked or listed, whatever the subject: a family and the
/// id's last part, `p2.pct_no` (written so only where it is shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kind {
    /// The family.
    pub family: Family,
    /// The id's last part: `pct_no`.
    pub part: &'static str,
}

impl Kind {
    /// The kind `part` of `family`.
    pub const fn of(family: Family, part: &'static str) -> Kind {
        Kind { family, part }
    }

    /// Every kind of ambiguity as the tables write it (`p2.count_yes`, …),
    /// in [`AMBIGUITY_KINDS`]' order: the `ambiguities.kind` vocabulary.
    pub fn ambiguity_texts() -> &'static [&'static str] {
        static TEXTS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
        TEXTS.get_or_init(|| {
            // Made once per process from the kinds; the vocabulary needs 'static text.
            (AMBIGUITY_KINDS.iter())
                .map(|k| &*k.to_string().leak())
                .collect()
        })
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.family.prefix(), self.part)
    }
}

impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What ids share before their part: a family and a path within it
/// (`p2` + `ka.q2`, a question of page 2), which gives the ids of its parts
/// ([`Subject::id`]) and of the subjects within it ([`Subject::sub`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Subject {
    family: Family,
    path: String,
}

impl Subject {
    /// The subject `path` (dot-separated parts) of `family`.
    pub fn new(family: Family, path: impl Into<String>) -> Subject {
        Subject {
            family,
            path: path.into(),
        }
    }

    /// The subject within this one: `p2.ka.q2` → `p2.ka.q2.opt1`.
    pub fn sub(&self, part: impl std::fmt::Display) -> Subject {
        let path = match self.path.is_empty() {
            true => part.to_string(),
            false => format!("{}.{part}", self.path),
        };
        Subject::new(self.family, path)
    }

    /// The id of its part `part`: `p2.ka.q2` → `p2.ka.q2.pct_no`.
    pub fn id(&self, part: &'static str) -> Id {
        Id {
            family: self.family,
            subject: self.path.clone(),
            part,
        }
    }
}

/// The id of a check or an ambiguity: a family, a subject within it and
/// the part checked (see the module's documentation).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Id {
    family: Family,
    /// The parts between the family's and the last, joined by dots
    /// (empty where the id is the family's own: `x.n`).
    subject: String,
    part: &'static str,
}

impl Id {
    /// The id `part` of `family` itself, without a subject: `win.total`.
    pub fn new(family: Family, part: &'static str) -> Id {
        Id {
            family,
            subject: String::new(),
            part,
        }
    }

    /// The id `part` of `subject` (dot-separated parts) in `family`:
    /// `win` + `07` + `count`.
    pub fn about(family: Family, subject: impl Into<String>, part: &'static str) -> Id {
        Id {
            family,
            subject: subject.into(),
            part,
        }
    }

    /// Its family.
    pub fn family(&self) -> Family {
        self.family
    }

    /// Its kind: its family and its part, `win.targets` for `win.07.w2.targets`.
    pub fn kind(&self) -> Kind {
        Kind::of(self.family, self.part)
    }

    /// Whether this id and `other` are about the same figure: the same
    /// family and the same first two parts after it (`mun.e.q2` of
    /// `mun.e.q2.opt1.chosen` and `mun.e.q2.unmatched`).
    pub fn same_figure(&self, other: &Id) -> bool {
        fn parts(id: &Id) -> impl Iterator<Item = &str> {
            (id.subject.split('.').filter(|p| !p.is_empty())).chain([id.part])
        }
        self.family == other.family && parts(self).take(2).eq(parts(other).take(2))
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.family.prefix())?;
        if !self.subject.is_empty() {
            write!(f, ".{}", self.subject)?;
        }
        if !self.part.is_empty() {
            write!(f, ".{}", self.part)?;
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
        let q = Subject::new(Family::QuestionSummary, "ka.q2");
        let id = q.id("pct_no");
        assert_eq!(id.to_string(), "p2.ka.q2.pct_no");
        assert_eq!(id.kind(), Kind::of(Family::QuestionSummary, "pct_no"));
        assert_eq!(id.kind().to_string(), "p2.pct_no");
        assert!(id.same_figure(&q.sub("opt1").id("chosen")));
        assert!(!id.same_figure(&Subject::new(Family::QuestionSummary, "ka.q3").id("pct_no")));
        assert_eq!(Id::new(Family::CrossPage, "n").to_string(), "x.n");
        assert_eq!(
            Id::about(Family::ConsultationWindows, "07", "count").to_string(),
            "win.07.count"
        );
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"p2.ka.q2.pct_no\"");
        assert_eq!(Family::NAMES[1], "question_summary");
        assert_eq!(Kind::ambiguity_texts().first(), Some(&"p2.count_yes"));
    }
}
