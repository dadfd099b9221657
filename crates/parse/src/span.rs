//! The one position type: every parsed value, parse error and check names
//! its place with a [`Span`]. The ground floor of the crate: it uses nothing
//! of it.

/// Where something is in the decoded text: page, input line and column, each
/// counted from 1, columns in characters. The one position type of the
/// project: every parsed value, parse error and check names its place with
/// it. Column 1 stands for the whole line where a value has no narrower place.
/// A place in a file without pages — the overrides file, or an input before
/// its pages are found (a decode error) — has page [`Span::NO_PAGE`]
/// ([`Span::file_line`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Span {
    /// Page, from 1; [`Span::NO_PAGE`] for a place in a file without pages.
    pub page: u32,
    /// Input line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

impl Span {
    /// The page of a place in a file without pages (see [`Span::file_line`]).
    pub const NO_PAGE: u32 = 0;

    /// The start of line `line` of a file without pages: the overrides
    /// file, or an input whose pages are not found yet.
    pub const fn file_line(line: u32) -> Span {
        Span::line(Span::NO_PAGE, line)
    }

    /// The start of line `line` of page `page`.
    pub const fn line(page: u32, line: u32) -> Span {
        Span {
            page,
            line,
            column: 1,
        }
    }

    /// The same line, at character column `column` (from 1).
    pub const fn at_column(self, column: u32) -> Span {
        Span { column, ..self }
    }

    /// Whether the span names a place of `text` (the decoded input): a page
    /// from 1, one of its lines, and a column of that line or just past its
    /// end.
    pub fn is_within(&self, text: &str) -> bool {
        let line = usize::try_from(self.line)
            .ok()
            .and_then(|l| l.checked_sub(1));
        let Some(line) = line.and_then(|l| text.split('\n').nth(l)) else {
            return false;
        };
        let columns = line.chars().count().saturating_add(1);
        self.page >= 1
            && self.column >= 1
            && usize::try_from(self.column).is_ok_and(|c| c <= columns)
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "page {}, line {}", self.page, self.line)?;
        if self.column > 1 {
            write!(f, ", column {}", self.column)?;
        }
        Ok(())
    }
}

/// A count of lines, pages or characters as a `u32` (an input within
/// [`MAX_INPUT_BYTES`](crate::MAX_INPUT_BYTES) has fewer lines than that;
/// saturating rather than wrapping all the same).
pub(crate) fn saturating_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
