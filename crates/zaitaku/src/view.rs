//! A table for a person at a terminal (`zaitaku show`): the columns that fit
//! its width, each as wide as its widest value up to a cap, widths counted
//! in display columns (a CJK character takes two), a longer value cut with
//! an ellipsis, the columns left out named under the table; or one record
//! per block (`--vertical`, like psql's `\x`); or plain tab-separated rows
//! when the output is not a terminal. Laid out by comfy-table.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
use zaitaku_table::names::column;
use zaitaku_table::{Kind, Table};

/// The widest a value is shown in a grid before it is cut (display
/// columns), on a terminal up to 90 columns wide (a third of a wider one).
pub const MAX_CELL: usize = 30;

/// The narrowest a column a table keeps longest is cut to, to make room
/// for the next one, before that one is left out instead (a phone number
/// is 12 columns; a window's name, a question's text, longer).
const MIN_KEPT: usize = 16;

/// A table's rows as texts: the columns chosen, the rows kept.
pub struct Grid {
    /// Column names.
    pub columns: Vec<&'static str>,
    /// Whether each column holds numbers (its kind says so): right-aligned.
    pub numeric: Vec<bool>,
    /// One text per column per row; an empty text for a null.
    pub rows: Vec<Vec<String>>,
}

/// The columns that place a row rather than say something of it (row and
/// choice numbers, survey numbers, source places): a narrow terminal leaves
/// them out before the others; a code column (`…_code`) too.
const MINOR: &[&str] = &[
    column::ROW_NO,
    column::SURVEY_NO,
    column::CHOICE_NO,
    column::SOURCE_PAGE,
    column::SOURCE_LINE,
    column::SOURCE_COLUMN,
    column::SOURCE_LINES,
];

/// Why a grid cannot be made: a column named that the table lacks.
#[derive(Debug)]
pub struct UnknownColumn {
    /// The name given.
    pub name: String,
    /// The table's columns.
    pub columns: Vec<&'static str>,
}

/// How a `--where` compares a column's value with its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`: equal (a null is the empty text).
    Eq,
    /// `!=`: not equal (a null is the empty text).
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `~`: holds the text.
    Contains,
}

/// A `--where`: a column, how it compares, a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The column.
    pub column: String,
    /// The comparison.
    pub op: Op,
    /// The value, as the CSV writes it.
    pub value: String,
}

impl Filter {
    /// `COLUMN OP VALUE`, the operator one of `=`, `!=`, `<`, `<=`, `>`,
    /// `>=`, `~` (the first after the column's name, which holds none).
    pub fn parse(s: &str) -> Result<Filter, String> {
        let at = s.find(['=', '!', '<', '>', '~']);
        let Some(at) = at.filter(|&k| k > 0) else {
            return Err(format!(
                "expected COLUMN=VALUE (or !=, <, <=, >, >=, ~ for «contains»), found «{s}»"
            ));
        };
        let (column, rest) = s.split_at(at);
        let ops = [
            ("!=", Op::Ne),
            ("<=", Op::Le),
            (">=", Op::Ge),
            ("=", Op::Eq),
            ("<", Op::Lt),
            (">", Op::Gt),
            ("~", Op::Contains),
        ];
        let Some((value, op)) = ops
            .iter()
            .find_map(|(text, op)| rest.strip_prefix(text).map(|v| (v, *op)))
        else {
            return Err(format!(
                "expected an operator after «{column}» (=, !=, <, <=, >, >=, ~), found «{rest}»"
            ));
        };
        Ok(Filter {
            column: column.to_string(),
            op,
            value: value.to_string(),
        })
    }

    /// Whether a cell holding `cell` (`None` for a null) is kept: a null is
    /// the empty text for `=` and `!=` and is kept by no other operator;
    /// `<` … `>=` compare as numbers where both sides are numbers, else as
    /// texts (ISO dates compare as dates).
    pub fn keeps(&self, cell: Option<&str>) -> bool {
        let v = self.value.as_str();
        match (self.op, cell) {
            (Op::Eq, c) => c.unwrap_or("") == v,
            (Op::Ne, c) => c.unwrap_or("") != v,
            (_, None) => false,
            (Op::Contains, Some(c)) => c.contains(v),
            (op, Some(c)) => {
                let order = compare(c, v);
                match op {
                    Op::Lt => order.is_lt(),
                    Op::Le => order.is_le(),
                    Op::Gt => order.is_gt(),
                    _ => order.is_ge(),
                }
            }
        }
    }
}

/// Two values as numbers where both are, else as texts.
fn compare(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.total_cmp(&y),
        _ => a.cmp(b),
    }
}

/// A `--sort` key: a column, descending where written `-COLUMN`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    /// The column.
    pub column: String,
    /// Largest first.
    pub descending: bool,
}

impl SortKey {
    /// `COLUMN` or `-COLUMN`.
    pub fn parse(s: &str) -> Result<SortKey, String> {
        let (column, descending) = match s.strip_prefix('-') {
            Some(c) => (c, true),
            None => (s, false),
        };
        if column.is_empty() {
            return Err(format!("expected COLUMN or -COLUMN, found «{s}»"));
        }
        Ok(SortKey {
            column: column.to_string(),
            descending,
        })
    }
}

/// The table of `table`'s `columns` (all where empty, in the order given)
/// and of the rows every filter keeps (the texts as the CSV writes them, a
/// null as none: [`Filter::keeps`]), ordered by `sort` (numbers as
/// numbers, nulls last, the table's order among equals): what every form
/// of `show` shows.
pub fn select(
    table: &Table,
    columns: &[String],
    filters: &[Filter],
    sort: &[SortKey],
) -> Result<Table, UnknownColumn> {
    let names: Vec<&'static str> = table.columns.iter().map(|(m, _)| m.name).collect();
    let position = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .ok_or_else(|| UnknownColumn {
                name: name.to_string(),
                columns: names.clone(),
            })
    };
    let chosen: Vec<usize> = if columns.is_empty() {
        (0..names.len()).collect()
    } else {
        columns
            .iter()
            .map(|c| position(c))
            .collect::<Result<_, _>>()?
    };
    let filters: Vec<(usize, &Filter)> = filters
        .iter()
        .map(|f| Ok((position(&f.column)?, f)))
        .collect::<Result<_, UnknownColumn>>()?;
    let sort: Vec<(usize, bool)> = sort
        .iter()
        .map(|k| Ok((position(&k.column)?, k.descending)))
        .collect::<Result<_, UnknownColumn>>()?;
    if filters.is_empty() && sort.is_empty() {
        return Ok(table.select(&chosen, &(0..table.height()).collect::<Vec<_>>()));
    }
    let cells = cells(table);
    let cell = |row: usize, k: usize| {
        cells
            .get(k)
            .and_then(|c| c.get(row))
            .and_then(Option::as_deref)
    };
    let mut rows: Vec<usize> = (0..table.height())
        .filter(|&row| filters.iter().all(|(k, f)| f.keeps(cell(row, *k))))
        .collect();
    rows.sort_by(|&x, &y| {
        (sort.iter())
            .map(|&(k, descending)| {
                let order = match (cell(x, k), cell(y, k)) {
                    (Some(a), Some(b)) => compare(a, b),
                    (Some(_), None) => return std::cmp::Ordering::Less,
                    (None, Some(_)) => return std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                };
                if descending {
                    order.reverse()
                } else {
                    order
                }
            })
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    Ok(table.select(&chosen, &rows))
}

/// Every column's cells as the CSV writes them, `None` for a null.
fn cells(table: &Table) -> Vec<Vec<Option<String>>> {
    (table.columns.iter())
        .map(|(_, values)| values.cells())
        .collect()
}

/// A few of the values `column` of `table` holds, each once, in order of
/// first appearance, and how many there are: what a `--where` that keeps
/// no row is told.
pub fn some_values(table: &Table, column: &str, few: usize) -> (Vec<String>, usize) {
    let Some(k) = table.columns.iter().position(|(m, _)| m.name == column) else {
        return (Vec::new(), 0);
    };
    let mut seen: Vec<String> = Vec::new();
    for row in table.texts() {
        if let Some(v) = row.into_iter().nth(k) {
            if !seen.contains(&v) {
                seen.push(v);
            }
        }
    }
    let n = seen.len();
    seen.truncate(few);
    (seen, n)
}

impl Grid {
    /// The grid of `table`, every row and column as the CSV writes it.
    pub fn of(table: &Table) -> Grid {
        Grid {
            columns: table.columns.iter().map(|(m, _)| m.name).collect(),
            numeric: (table.columns.iter())
                .map(|(m, _)| matches!(m.kind, Kind::Int | Kind::Float))
                .collect(),
            rows: table.texts(),
        }
    }

    /// Tab-separated rows with a header line, nothing cut (for a pipe).
    pub fn plain(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let mut out = self.columns.join("\t");
        out.push('\n');
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| clean(c)).collect();
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
        out
    }

    /// The grid laid out for a terminal `width` display columns wide: every
    /// value whole where the whole table fits; else each value cut at a
    /// third of the width, at least [`MAX_CELL`] columns.
    /// Where not every column fits, the columns holding one value in every
    /// row go first (named with their value; not those of `keep`), then the row numbers, codes
    /// and source places, then the rightmost others, and the columns of
    /// `keep` (a table's names, marks, phones and counts, most wanted
    /// first) last, the least wanted first: of those, as many are shown as
    /// fit with the widest cut to no less than [`MIN_KEPT`] columns (or
    /// their name), and the widest are cut just enough. Numbers are
    /// right-aligned.
    pub fn boxed(&self, width: usize, keep: &[&str]) -> String {
        let (shown, widths, cap) = self.layout(width, keep);
        self.drawn(&shown, &widths, cap, width)
    }

    /// Which columns [`boxed`](Self::boxed) shows in `width` and how wide
    /// each is (with the cut of a value, `cap`).
    fn layout(&self, width: usize, keep: &[&str]) -> (Vec<usize>, Vec<usize>, usize) {
        // A border, then a space, the value, a space and a border per column.
        let room = |widths: &[usize], shown: &[usize]| {
            1 + shown
                .iter()
                .map(|&k| widths.get(k).map_or(0, |w| w + 3))
                .sum::<usize>()
        };
        let n = self.columns.len();
        let whole = self.widths(usize::MAX);
        let all: Vec<usize> = (0..n).collect();
        let cap = if room(&whole, &all) <= width {
            usize::MAX
        } else {
            MAX_CELL.max(width / 3)
        };
        let mut widths = if cap == usize::MAX {
            whole
        } else {
            self.widths(cap)
        };
        let constant = |k: usize| self.constant(k);
        let minor = |k: usize| {
            (self.columns.get(k)).is_some_and(|c| MINOR.contains(c) || c.ends_with("_code"))
        };
        // How narrow each column may be cut: to its name, or MIN_KEPT.
        let floors: Vec<usize> = (0..n)
            .map(|k| {
                let header = self.columns.get(k).map_or(0, |c| c.width());
                let own = widths.get(k).copied().unwrap_or(0);
                header.max(MIN_KEPT).min(own)
            })
            .collect();
        let kept = |k: usize| self.columns.get(k).is_some_and(|c| keep.contains(c));
        let mut shown: Vec<usize> = (0..n).collect();
        // A column holding one value goes to the footer first, but for
        // those a reader came for (a mark, a status), which stay.
        if room(&widths, &shown) > width {
            shown.retain(|&k| !constant(k) || kept(k));
        }
        // Minor columns first, then the others, then the kept ones.
        let rank = |k: usize| match (kept(k), minor(k)) {
            (false, true) => 0,
            (false, false) => 1,
            (true, _) => 2,
        };
        // Among the kept, the last in `keep` goes first.
        let kept_last = |shown: &[usize]| {
            (shown.iter().enumerate())
                .filter(|&(_, &k)| rank(k) == 2)
                .max_by_key(|&(_, &k)| {
                    let name = self.columns.get(k).copied().unwrap_or_default();
                    keep.iter().position(|c| *c == name)
                })
                .map(|(p, _)| p)
        };
        for level in 0..3 {
            // The kept columns go only where they do not fit even cut.
            let at = if level == 2 { &floors } else { &widths };
            while room(at, &shown) > width && shown.len() > 1 {
                let last = match level {
                    2 => kept_last(&shown),
                    _ => shown.iter().rposition(|&k| rank(k) == level),
                };
                match last {
                    Some(p) => {
                        shown.remove(p);
                    }
                    None => break,
                }
            }
        }
        // Then the widest shown column is cut, a column at a time.
        while room(&widths, &shown) > width {
            let widest = shown
                .iter()
                .copied()
                .filter(|&k| widths.get(k) > floors.get(k))
                .max_by_key(|&k| widths.get(k).copied().unwrap_or(0));
            match widest.and_then(|k| widths.get_mut(k)) {
                Some(w) => *w -= 1,
                None => break,
            }
        }
        (shown, widths, cap)
    }

    /// The table of the `shown` columns at `widths`, and the footer: the
    /// rows, and the columns left out (with their one value).
    fn drawn(&self, shown: &[usize], widths: &[usize], cap: usize, width: usize) -> String {
        let n = self.columns.len();
        let numeric = |k: usize| self.numeric.get(k).copied().unwrap_or(false);
        let mut table = comfy_table::Table::new();
        table
            .load_preset(comfy_table::presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
            .force_no_tty()
            .set_header(shown.iter().filter_map(|&k| self.columns.get(k).copied()));
        for row in &self.rows {
            table.add_row(
                shown
                    .iter()
                    .filter_map(|&k| Some(cut(row.get(k)?, widths.get(k).copied().unwrap_or(cap)))),
            );
        }
        for (place, &k) in shown.iter().enumerate() {
            if numeric(k) {
                if let Some(column) = table.column_mut(place) {
                    column.set_cell_alignment(comfy_table::CellAlignment::Right);
                }
            }
        }
        let mut out = format!("{table}\n");
        let mut note = format!("{} rows", self.rows.len());
        let left: Vec<String> = (0..n)
            .filter(|k| !shown.contains(k))
            .filter_map(|k| {
                let name = self.columns.get(k)?;
                Some(if self.constant(k) {
                    format!(
                        "{name} (every row: {})",
                        self.value(k).map_or("", String::as_str)
                    )
                } else {
                    name.to_string()
                })
            })
            .collect();
        if !left.is_empty() {
            note.push_str(&format!(
                "; {} of {n} columns not shown (wider than {width} columns): {} — choose with --columns, or see every column with --vertical",
                left.len(),
                left.join(", ")
            ));
        }
        out.push_str(&wrap(&note, width));
        out
    }

    /// The first row's value of column `k`.
    fn value(&self, k: usize) -> Option<&String> {
        self.rows.first().and_then(|r| r.get(k))
    }

    /// Whether column `k` holds one value in every row (of several).
    fn constant(&self, k: usize) -> bool {
        self.rows.len() > 1 && self.rows.iter().all(|r| r.get(k) == self.value(k))
    }

    /// Each column's width with its values cut at `cap`: its widest value
    /// or its name, in display columns.
    fn widths(&self, cap: usize) -> Vec<usize> {
        (self.columns.iter().enumerate())
            .map(|(k, name)| {
                (self.rows.iter())
                    .filter_map(|r| r.get(k))
                    .map(|c| cut(c, cap).width())
                    .fold(name.width(), usize::max)
            })
            .collect()
    }

    /// One block per row: each column's name and value on a line, values
    /// cut to what is left of `width`.
    pub fn vertical(&self, width: usize) -> String {
        let name_width = self.columns.iter().map(|c| c.width()).max().unwrap_or(0);
        let room = width.saturating_sub(name_width + 3).max(8);
        let mut out = String::new();
        for (k, row) in self.rows.iter().enumerate() {
            let head = format!("-[ RECORD {} ]", k + 1);
            let rule = "-".repeat(width.saturating_sub(head.width()).min(40));
            out.push_str(&format!("{head}{rule}\n"));
            for (name, value) in self.columns.iter().zip(row) {
                let pad = " ".repeat(name_width.saturating_sub(name.width()));
                out.push_str(&format!("{name}{pad} | {}\n", cut(value, room)));
            }
        }
        out.push_str(&format!("{} rows\n", self.rows.len()));
        out
    }
}

/// `text` broken into lines of at most `width` display columns, at spaces
/// (a word longer than the width keeps its line), each line ending `\n`.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// `text` on one line, cut to `max` display columns with a trailing «…»
/// where it is longer (never below 8 columns without one).
pub fn cut(text: &str, max: usize) -> String {
    let text = text.replace(['\n', '\r', '\t'], " ");
    if text.width() <= max {
        return text;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_counts_display_columns_and_ends_with_an_ellipsis() {
        assert_eq!(cut("short", 8), "short");
        assert_eq!(cut("千代田区", 8), "千代田区");
        assert_eq!(cut("東京都福祉保健局", 8), "東京都…");
        assert_eq!(cut("東京都福祉保健局", 8).width(), 7);
        assert_eq!(cut("abcdefghij", 8), "abcdefg…");
        assert_eq!(cut("two\nlines", 20), "two lines");
    }

    #[test]
    fn a_note_wraps_at_spaces_to_the_width() {
        assert_eq!(
            wrap("62 rows; 1 of 6 columns", 10),
            "62 rows; 1\nof 6\ncolumns\n"
        );
        assert_eq!(wrap("short", 80), "short\n");
        let wrapped = wrap(&"word ".repeat(40), 30);
        assert!(wrapped.lines().all(|l| l.width() <= 30));
    }
}
