//! Where a published figure is printed: its places as spans, with the
//! words a person needs around them, rendered only when shown.

use zaitaku_parse::model::Span;

/// Where a published figure is printed: one or more places, with what is
/// said before them («islands excluded at …») or after them («… and
/// nowhere on page 2»). Written `page 2, line 147 and page 1, line 60`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedAt {
    /// Said before the places.
    pub before: &'static str,
    /// The places.
    pub spans: Vec<Span>,
    /// Said after them.
    pub after: &'static str,
}

impl PrintedAt {
    /// Printed at `span`.
    pub fn at(span: Span) -> PrintedAt {
        PrintedAt::all([span])
    }

    /// Printed at each of `spans` (the same figure on two pages, a row and its total).
    pub fn all(spans: impl IntoIterator<Item = Span>) -> PrintedAt {
        PrintedAt {
            before: "",
            spans: spans.into_iter().collect(),
            after: "",
        }
    }

    /// The same, said after `before`.
    pub fn after_words(self, before: &'static str) -> PrintedAt {
        PrintedAt { before, ..self }
    }

    /// The same, followed by `after`.
    pub fn followed_by(self, after: &'static str) -> PrintedAt {
        PrintedAt { after, ..self }
    }
}

impl std::fmt::Display for PrintedAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.before)?;
        for (k, s) in self.spans.iter().enumerate() {
            if k > 0 {
                f.write_str(" and ")?;
            }
            write!(f, "{s}")?;
        }
        f.write_str(self.after)
    }
}

impl serde::Serialize for PrintedAt {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_written_with_their_words() {
        let (a, b) = (Span::line(2, 147), Span::line(1, 60));
        assert_eq!(PrintedAt::at(a).to_string(), "page 2, line 147");
        assert_eq!(
            PrintedAt::all([a, b]).to_string(),
            "page 2, line 147 and page 1, line 60"
        );
        let island = PrintedAt::at(a).after_words("islands excluded at ");
        assert_eq!(island.to_string(), "islands excluded at page 2, line 147");
        let alone = PrintedAt::at(b).followed_by(" and nowhere on page 2");
        assert_eq!(alone.to_string(), "page 1, line 60 and nowhere on page 2");
    }
}
