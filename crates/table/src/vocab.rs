//! The vocabularies the tables themselves define (the report's are the
//! parse crate's: marks, items, programs, …), each word written once.

zaitaku_parse::vocabulary! {
    /// How a mark of `municipality_answers` is decided (`resolution`).
    pub enum MarkResolution => id, IDS {
        /// The mark the page prints.
        Printed = "printed",
        /// A mark a person pinned (`--overrides`).
        Override = "override",
    }
}

zaitaku_parse::vocabulary! {
    /// A check's outcome (`validation_checks.status`).
    pub enum Status => id, IDS {
        /// The reconstruction gives the published figure.
        Pass = "pass",
        /// It does not (the build exits 1).
        Fail = "fail",
    }
}

impl Status {
    /// The status of a check that `passed` or not.
    pub fn of_check(passed: bool) -> Status {
        if passed {
            Status::Pass
        } else {
            Status::Fail
        }
    }
}

zaitaku_parse::vocabulary! {
    /// How a window's five target columns are decided
    /// (`consultation_windows.targets_resolution`; the association cells'
    /// resolutions that apply to a window, in their order).
    pub enum TargetsResolution => id, IDS {
        /// All five marked.
        AllMarked = "all_marked",
        /// None marked.
        NoneMarked = "none_marked",
        /// Read by position (a ruled PDF's geometry, a spaced text's columns).
        Position = "position",
        /// The text cannot decide.
        Unresolved = "unresolved",
    }
}
