//! Which reading of the report's ruled tables a text is, told by the shape
//! of its figure lines: for the message of a text that does not parse (the
//! text parsers read the seed's order: a row's figures on one line, its
//! labels apart), so that it can say what the text is and what to try.
//!
//! Measured on the seven extractors' texts of two grid typesettings
//! (`tests/fixtures/grid/`) and on the seed and its dialects (none of
//! which is told as any of these): a table row per line prints a label and
//! two or more shares on 29–33 lines (the seed on 5); one cell per line
//! prints about 95 shares alone on their lines, never more than 2 in a row
//! when the rows come one after the other, 32 in a row when a column comes
//! top to bottom; `zaitaku extract`'s reading of a ruled PDF prints its
//! cells apart with ` | `.

use crate::canon::canonical;

/// A reading of the report's ruled tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A table row per line, its cells apart by spaces (pdfplumber,
    /// `pdftotext -layout`, pypdfium2 on a table drawn row by row).
    RowPerLine,
    /// One cell per line, a row's cells one after the other (PyMuPDF,
    /// pypdf, pdftotext on a table drawn row by row).
    CellPerLine,
    /// One cell per line, a column's cells top to bottom before the next
    /// column (pdfminer.six's defaults; any reader following the drawing
    /// order of a table drawn column by column).
    ColumnByColumn,
    /// `zaitaku extract`'s reading of a PDF of ruled tables: a table row per
    /// line, its cells apart by ` | `.
    CellsApart,
}

impl Reading {
    /// What the reading is, for a message: 「one cell per line, …」.
    pub fn describe(self) -> &'static str {
        match self {
            Reading::RowPerLine => "a table row per line, its cells apart by spaces (as pdfplumber, `pdftotext -layout` and pypdfium2 read a table drawn row by row)",
            Reading::CellPerLine => "one cell per line, a row's cells one after the other (as PyMuPDF, pypdf and pdftotext read a table drawn row by row)",
            Reading::ColumnByColumn => "one cell per line, a column's cells top to bottom before the next column (as pdfminer.six reads a ruled table, and any reader following a table drawn column by column)",
            Reading::CellsApart => "`zaitaku extract`'s reading of a PDF of ruled tables (a table row per line, cells apart by « | »)",
        }
    }
}

/// Lines printing a label and two or more shares from which a text is a
/// table row per line (the seed prints 5, a row-per-line text 29 or more).
const LABELLED_ROWS: usize = 10;
/// Lines holding a share alone from which a text is one cell per line (a
/// text in the seed's order prints none; one cell per line about 95).
const LONE_SHARES: usize = 30;
/// Shares alone on consecutive lines from which the cells come column by
/// column (a row's cells put at most 2 shares together).
const SHARE_COLUMN: usize = 10;
/// Lines with cells apart by ` | ` from which a text is zaitaku's own reading.
const CELLS_APART: usize = 20;

/// A share as printed: 「96.2%」, 「-1.9%」.
pub(crate) fn is_share(word: &str) -> bool {
    let digits = word.strip_prefix('-').unwrap_or(word);
    let Some(number) = digits.strip_suffix('%') else {
        return false;
    };
    let Some((whole, tenth)) = number.split_once('.') else {
        return false;
    };
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && tenth.len() == 1
        && tenth.bytes().all(|b| b.is_ascii_digit())
}

/// The reading of the report's tables `text` is, where its figure lines
/// say; `None` for a text in the seed's order (or not the report).
pub fn reading_of(text: &str) -> Option<Reading> {
    let canonical = canonical(text);
    let (mut labelled, mut lone, mut run, mut longest, mut apart) = (0, 0, 0, 0, 0);
    for line in canonical.lines() {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        if t.contains(" | ") {
            apart += 1;
        }
        let words: Vec<&str> = t.split_whitespace().collect();
        let shares = words.iter().filter(|w| is_share(w)).count();
        let label = words
            .first()
            .is_some_and(|w| w.chars().filter(|c| !c.is_ascii()).count() >= 4);
        if label && shares >= 2 {
            labelled += 1;
        }
        if words.len() == 1 && shares == 1 {
            lone += 1;
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    if apart >= CELLS_APART {
        Some(Reading::CellsApart)
    } else if longest >= SHARE_COLUMN {
        Some(Reading::ColumnByColumn)
    } else if lone >= LONE_SHARES {
        Some(Reading::CellPerLine)
    } else if labelled >= LABELLED_ROWS {
        Some(Reading::RowPerLine)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reading_is_told_by_its_figure_lines() {
        let rows = "（ア）把握 地域の取組 53 100.0% 53 100.0% 0.0%\n".repeat(12);
        assert_eq!(reading_of(&rows), Some(Reading::RowPerLine));
        let cells = "53\n100.0%\n53\n100.0%\n0.0%\n".repeat(12);
        assert_eq!(reading_of(&cells), Some(Reading::CellPerLine));
        let column = format!("{}{}", "53\n".repeat(15), "96.2%\n".repeat(15));
        assert_eq!(reading_of(&column), Some(Reading::ColumnByColumn));
        let apart = "（ア） | 地域 | 53 | 100.0% | 53 | 100.0% | 0.0%\n".repeat(20);
        assert_eq!(reading_of(&apart), Some(Reading::CellsApart));
        // The seed's order: a row's figures on a line, few labels with them.
        assert_eq!(
            reading_of("51 96.2% 45 84.9% 11.3%\n".repeat(15).as_str()),
            None
        );
        assert_eq!(reading_of("not the report"), None);
        assert!(!is_share("96.25%") && !is_share("%") && is_share("-1.9%"));
    }
}
