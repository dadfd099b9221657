//! The id of a check or an ambiguity: its family (the page or table it is
//! about) and its path within the family, `p2` + `ka.q2.pct_no`, written
//! `p2.ka.q2.pct_no`. The families are listed once ([`Family::ALL`]).

/// The family of a check or ambiguity, in the order the report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Page 1 (`p1`).
    ProgramSummary,
    /// Page 2 (`p2`).
    QuestionSummary,
    /// Pages 3–4 (`mun`).
    MunicipalityAnswers,
    /// Pages 5–6 (`assoc`).
    Associations,
    /// Pages 7–11 (`win`).
    ConsultationWindows,
    /// Figures two pages print (`x`).
    CrossPage,
    /// Anything else (no id has it today; the tables' vocabulary keeps it).
    Other,
}

impl Family {
    /// Every family, in the order the report lists them.
    pub const ALL: [Family; 7] = [
        Family::ProgramSummary,
        Family::QuestionSummary,
        Family::MunicipalityAnswers,
        Family::Associations,
        Family::ConsultationWindows,
        Family::CrossPage,
        Family::Other,
    ];

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

    /// Its name in the tables and reports: `question_summary`.
    pub const fn name(self) -> &'static str {
        match self {
            Family::ProgramSummary => "program_summary",
            Family::QuestionSummary => "question_summary",
            Family::MunicipalityAnswers => "municipality_answers",
            Family::Associations => "associations",
            Family::ConsultationWindows => "consultation_windows",
            Family::CrossPage => "cross_page",
            Family::Other => "other",
        }
    }
}

/// Every family's name, in [`Family::ALL`]'s order (the tables' vocabulary).
pub const FAMILY_NAMES: [&str; 7] = {
    let mut names = [""; 7];
    let mut k = 0;
    while k < names.len() {
        #[allow(
            clippy::indexing_slicing,
            reason = "a constant loop over two arrays of one length"
        )]
        {
            names[k] = Family::ALL[k].name();
        }
        k += 1;
    }
    names
};

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
        assert_eq!(FAMILY_NAMES[1], "question_summary");
        assert_eq!(FAMILY_NAMES.len(), Family::ALL.len());
    }
}
