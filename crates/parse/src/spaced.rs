//! A text that keeps the report's columns by spaces (`pdftotext -layout`,
//! pdfplumber's `extract_text(layout=True)`): each page's table read as the
//! cells of a ruled table ([`CellPage`]), a word's column told by the
//! character column it starts at, as a PDF's cell is told by its x. The
//! family readers of [`crate::grid`] then read the pages as they read a
//! PDF's.
//!
//! How a page is read:
//!
//! - **the table** starts at its first head (「在宅医療・介護連携推進事業の項目」,
//!   「区分」, 「医師会名」 or 「区市町村名」 first on its line); what is
//!   above is the page's text above the table;
//! - **its rows** start at the lines the family's shape says start one
//!   (page 1–2: a line printing a share, 「※」 or a question marker; pages
//!   3–4: a number then a name of the reference list; pages 5–6: every
//!   line, the totals row the last; pages 7–11: a municipality's number and
//!   name, or a window's target mark). The lines between
//!   the first head and the first row are the heads; the lines after a
//!   row's first line, up to the next row, are its cells' wrapped lines;
//!   after the last row, a line is still the last row's while each of its
//!   words sits in a column where that row has a cell and fits it;
//! - **its columns** start where the body's words start after two or more
//!   spaces on two or more lines (a cell's words are one space apart), and
//!   where a head starts that no body word spans; a word belongs to the
//!   column it starts in. A word one space after a word of another column
//!   was pushed by a line too long for its cell: it belongs to the column
//!   starting nearest it, and its cell is listed as [`CellPage::unsure`];
//! - **merged cells** are what the table's shape says is never empty: page
//!   1's item and activity, page 2's item, pages 7–11's municipality number,
//!   name and 設置箇所数 cover the rows below them up to the next one; every
//!   other column without a word in a row is an empty cell (a text cannot
//!   tell an empty cell from a merged one: the window name and 「その他」 cells
//!   stay as printed, and what they leave undecided is listed as any text's).

use crate::canon::canonical;
use crate::cells::{Cell, CellPage};
use crate::matchers::Matchers;
use crate::span::saturating_u32;

/// A word of a line: its text and the character columns it takes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    /// Its text.
    text: String,
    /// The character column it starts at, and the one after its last
    /// character, from 0, a page's form feeds not counted.
    start: usize,
    end: usize,
    /// The spaces before it (`usize::MAX` first on its line).
    gap: usize,
}

/// The words of `line` (its text after any form feed), and how many
/// characters come before that text.
fn words(line: &str) -> (Vec<Word>, usize) {
    let lead = line
        .rfind('\x0c')
        .map_or(0, |b| line.get(..=b).map_or(0, |s| s.chars().count()));
    let body = line.rsplit('\x0c').next().unwrap_or(line);
    (words_of(body), lead)
}

/// The words of the part of input line `raw` that canonical line `text`
/// came from (a form feed inside a line ends one page's line and starts
/// the next's), and how many characters come before that part.
fn words_of_part(raw: &str, text: &str) -> (Vec<Word>, usize) {
    if !raw.contains('\x0c') {
        return (words_of(raw), 0);
    }
    let mut lead = 0;
    for part in raw.split('\x0c') {
        if canonical(part).text().trim_end() == text {
            return (words_of(part), lead);
        }
        lead += part.chars().count() + 1;
    }
    words(raw)
}

/// The words of `body`, character columns counted from its start.
fn words_of(body: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut gap = usize::MAX;
    let mut current: Option<Word> = None;
    for (k, c) in body.chars().enumerate() {
        if c == ' ' || c == '\t' || c == '\r' {
            if let Some(w) = current.take() {
                out.push(w);
                gap = 0;
            }
            gap = gap.saturating_add(1);
            continue;
        }
        match current.as_mut() {
            Some(w) => {
                w.text.push(c);
                w.end = k + 1;
            }
            None => {
                current = Some(Word {
                    text: c.to_string(),
                    start: k,
                    end: k + 1,
                    gap: if out.is_empty() { usize::MAX } else { gap },
                });
            }
        }
    }
    out.extend(current);
    out
}

/// The table families a page can hold, by the head its table starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// Page 1.
    Summary,
    /// Page 2.
    Questions,
    /// Pages 3–4.
    Answers,
    /// Pages 5–6.
    Associations,
    /// Pages 7–11.
    Windows,
}

/// The heads a table starts with, and the family each starts.
const FIRST_HEADS: [(&str, Family); 4] = [
    ("在宅医療・介護連携推進事業の項目", Family::Questions),
    ("区分", Family::Answers),
    ("医師会名", Family::Associations),
    ("区市町村名", Family::Windows),
];
/// The head over page 1's activities, which tells it from page 2.
const ACTIVITY_HEAD: &str = "内容";
/// The marks of a window's target cell, of an association's year cell.
const MARKS: [&str; 2] = ["○", "〇"];

use crate::layout::MARKERS as MARKERS_Q;

/// A share as printed: 「96.2%」, 「-1.9%」.
fn is_share(word: &str) -> bool {
    let digits = word.strip_prefix('-').unwrap_or(word);
    let Some((whole, tenth)) = digits.strip_suffix('%').and_then(|n| n.split_once('.')) else {
        return false;
    };
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && tenth.len() == 1
        && tenth.bytes().all(|b| b.is_ascii_digit())
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

/// One line of a page: its input line number, its words, and the
/// characters before them (form feeds).
#[derive(Debug, Clone)]
struct PageLine {
    no: u32,
    words: Vec<Word>,
    lead: usize,
    raw: String,
}

/// Where each line of a body cell (row, column) is printed: (input line,
/// input character column).
pub type CellLines = ((usize, usize), Vec<(u32, u32)>);

/// A spaced page read: its cells, and where each table row and cell is
/// printed (the input line of each row; per row, each cell starting in it
/// and its input character column from 1).
#[derive(Debug, Clone, Default)]
pub struct SpacedPage {
    /// The page as cells.
    pub page: CellPage,
    /// The input line of each table row.
    pub rows: Vec<u32>,
    /// Per row, (column, input character column) of each cell starting in it.
    pub cells: Vec<Vec<(usize, u32)>>,
    /// Per cell (row, column) of the body, where each of its lines is
    /// printed: (input line, input character column).
    pub lines: Vec<CellLines>,
}

/// Whether `text` keeps its columns by spaces: lines that print a label
/// and its row's shares two or more spaces apart (a table row per line).
pub fn is_spaced(text: &str) -> bool {
    let rows = text
        .split('\n')
        .filter(|l| {
            // Most lines of any text print no share or no two spaces: a
            // glance, before the words.
            if !l.contains('%') || !l.contains("  ") {
                return false;
            }
            let (w, _) = words(l);
            let label = w
                .first()
                .is_some_and(|f| f.text.chars().filter(|c| !c.is_ascii()).count() >= 4);
            let shares: Vec<&Word> = w.iter().filter(|w| is_share(&w.text)).collect();
            label && shares.len() >= 2 && shares.iter().all(|s| s.gap >= 2)
        })
        .count();
    rows >= ROWS_SPACED
}

/// Lines printing a label and its shares spaced apart from which a text
/// is read as spaced: `pdftotext -layout` prints 40 or more (page 1's 15
/// rows, page 2's 30), the seed and its dialects 5 or fewer.
const ROWS_SPACED: usize = 20;

/// The pages of a spaced text, each with its table's cells where it
/// prints one of the report's tables.
pub fn pages(m: &Matchers, text: &str) -> Vec<SpacedPage> {
    let raw: Vec<&str> = text.split('\n').collect();
    let canonical = canonical(text);
    let mut out = Vec::new();
    for page in canonical.pages(m) {
        let lines: Vec<PageLine> = page
            .lines
            .iter()
            .map(|l| {
                let line = usize::try_from(l.no)
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .and_then(|n| raw.get(n))
                    .copied()
                    .unwrap_or_default();
                let (words, lead) = words_of_part(line, l.text);
                PageLine {
                    no: l.no,
                    words,
                    lead,
                    raw: l.text.to_string(),
                }
            })
            .collect();
        out.push(read_page(page.no, &lines));
    }
    out
}

/// The family of the table starting at `line`, if one does.
fn family_at(lines: &[PageLine], k: usize) -> Option<Family> {
    let first = lines.get(k)?.words.first()?;
    let family = FIRST_HEADS.iter().find(|(head, _)| first.text == *head)?.1;
    Some(match family {
        Family::Questions if lines.get(k)?.words.iter().any(|w| w.text == ACTIVITY_HEAD) => {
            Family::Summary
        }
        f => f,
    })
}

/// Whether `line` starts a table row of `family`.
fn starts_row(family: Family, line: &PageLine) -> bool {
    let w = &line.words;
    match family {
        Family::Summary | Family::Questions => w.iter().enumerate().any(|(k, w)| {
            let mut chars = w.text.chars();
            let marker =
                matches!((chars.next(), chars.next()), (Some(c), None) if MARKERS_Q.contains(&c));
            is_share(&w.text) || (k > 0 && w.text == "※") || marker
        }),
        Family::Answers | Family::Windows => {
            // A municipality's row: its number, then its name as the
            // reference list spells it.
            let numbered = w.first().is_some_and(|f| is_number(&f.text))
                && w.get(1).is_some_and(|n| {
                    let name = canonical(&n.text).text();
                    crate::reference::code_of(name.trim()).is_some()
                });
            numbered
                || (family == Family::Windows
                    && w.iter().skip(1).any(|w| MARKS.contains(&w.text.as_str())))
        }
        Family::Associations => !w.is_empty(),
    }
}

/// Whether `line` is an association table's totals row (figures only,
/// beside 「計」).
fn is_totals(line: &PageLine) -> bool {
    line.words.iter().filter(|w| is_number(&w.text)).count() >= 2
        && !line.words.iter().any(|w| MARKS.contains(&w.text.as_str()))
}

/// Reads one page.
fn read_page(no: u32, lines: &[PageLine]) -> SpacedPage {
    let mut sp = SpacedPage {
        page: CellPage {
            page: no,
            ..CellPage::default()
        },
        ..SpacedPage::default()
    };
    let start = (0..lines.len()).find_map(|k| family_at(lines, k).map(|f| (k, f)));
    let Some((head_line, family)) = start else {
        sp.page.above = lines.iter().map(|l| l.raw.clone()).collect();
        return sp;
    };
    let (first_row, starts, k) = row_starts(lines, family, head_line);
    let Some(&last_start) = starts.last() else {
        sp.page.above = lines.iter().map(|l| l.raw.clone()).collect();
        return sp;
    };
    // The body the columns are read from: up to the last row's first line.
    let body_end = if family == Family::Associations {
        k
    } else {
        last_start + 1
    };
    // Columns from the body's words.
    let body: Vec<&PageLine> = lines
        .get(first_row..body_end)
        .unwrap_or_default()
        .iter()
        .collect();
    let heads: Vec<&PageLine> = lines
        .get(head_line..first_row)
        .unwrap_or_default()
        .iter()
        .collect();
    let columns = columns(&body, &heads);
    // The last row's lines: its first, then each that fits its cells.
    let mut row_lines: Vec<(usize, usize)> = Vec::new(); // (first line, end line)
    for (n, &s) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(s + 1);
        row_lines.push((s, end));
    }
    if family != Family::Associations {
        if let Some(last) = row_lines.last_mut() {
            last.1 = last_row_end(lines, &columns, last_start);
        }
    }
    let table_end = row_lines.last().map_or(first_row, |r| r.1);
    sp.page.above = lines
        .get(..head_line)
        .unwrap_or_default()
        .iter()
        .map(|l| l.raw.clone())
        .collect();
    sp.page.below = lines
        .get(table_end..)
        .unwrap_or_default()
        .iter()
        .map(|l| l.raw.clone())
        .collect();
    head_row(
        &mut sp,
        &heads,
        &columns,
        lines.get(head_line).map_or(1, |l| l.no),
    );
    // The body rows.
    let keyed = Keyed::of(family, columns.len());
    // The first row of the current row key's group (a municipality's windows).
    let mut group_start = 1;
    for (r, &(first, end)) in row_lines.iter().enumerate() {
        let at = (r + 1, first, end);
        body_row(
            &mut sp,
            lines,
            at,
            (&columns, &keyed, family),
            &mut group_start,
        );
    }
    sp
}

/// Where a page's table rows start (line indices), from the first after
/// its heads (`head_line`), as its family's shape says; and the first row
/// line and the line after the table's rows (an association table's
/// through its totals).
fn row_starts(lines: &[PageLine], family: Family, head_line: usize) -> (usize, Vec<usize>, usize) {
    let mut starts: Vec<usize> = Vec::new();
    let first_row = match family {
        Family::Associations => head_line + 1,
        _ => (head_line + 1..lines.len())
            .find(|&k| lines.get(k).is_some_and(|l| starts_row(family, l)))
            .unwrap_or(lines.len()),
    };
    // An association table's rows: every line up to its totals row (blank
    // lines between them aside: an extractor spaces rows as printed), or,
    // where it prints none, up to the first blank line.
    let totals = (family == Family::Associations)
        .then(|| (first_row..lines.len()).find(|&k| lines.get(k).is_some_and(is_totals)))
        .flatten();
    let mut k = first_row;
    while let Some(line) = lines.get(k) {
        if family == Family::Associations {
            if line.words.is_empty() {
                if totals.is_none() {
                    break;
                }
                k += 1;
                continue;
            }
            starts.push(k);
            if is_totals(line) {
                k += 1;
                break;
            }
        } else if starts_row(family, line) {
            starts.push(k);
        }
        k += 1;
    }
    (first_row, starts, k)
}

/// The line after the last row of a table (not pages 5–6): its first
/// line, then each that fits its cells (a word in a column the row fills,
/// within it, where the row's cell there wrapped).
fn last_row_end(lines: &[PageLine], columns: &[usize], last_start: usize) -> usize {
    let col_of = |w: &Word| column_of(columns, w.start);
    let mut end = last_start + 1;
    let has: Vec<usize> = lines
        .get(last_start)
        .map(|l| l.words.iter().map(&col_of).collect())
        .unwrap_or_default();
    // Whether the last row's cell in column `c` wrapped: its last line
    // so far fills half its column or more (a number never wraps; a
    // stray word under the table is no cell's).
    let last_line_of = |c: usize, upto: usize| {
        (last_start..upto).rev().find_map(|k| {
            let l = lines.get(k)?;
            let n: usize = (l.words.iter().filter(|w| col_of(w) == c))
                .map(|w| w.end - w.start)
                .sum();
            (n > 0).then_some(n)
        })
    };
    while let Some(line) = lines.get(end) {
        let wrapped = |c: usize| {
            let width = columns.get(c + 1).map_or(usize::MAX, |n| {
                n.saturating_sub(columns.get(c).copied().unwrap_or(0))
            });
            last_line_of(c, end).is_some_and(|n| n.saturating_mul(2) >= width)
        };
        let fits = !line.words.is_empty()
            && line.words.iter().all(|w| {
                let c = col_of(w);
                let next = columns.get(c + 1).copied().unwrap_or(usize::MAX);
                has.contains(&c) && w.end <= next && wrapped(c)
            });
        if !fits {
            break;
        }
        end += 1;
    }
    end
}

/// The head row (row 0): per column, its head lines.
fn head_row(sp: &mut SpacedPage, heads: &[&PageLine], columns: &[usize], head_line_no: u32) {
    let ncols = columns.len();
    let mut head_cells: Vec<Vec<String>> = vec![Vec::new(); ncols];
    let mut head_at: Vec<Option<u32>> = vec![None; ncols];
    for line in heads {
        for cell in line_cells(line, columns, &[]) {
            if let Some(h) = head_cells.get_mut(cell.col) {
                h.push(cell.text);
            }
            if let Some(a) = head_at.get_mut(cell.col) {
                a.get_or_insert(cell.at);
            }
        }
    }
    sp.rows.push(head_line_no);
    let mut row_cells = Vec::new();
    for (c, lines_of) in head_cells.into_iter().enumerate() {
        if let Some(at) = head_at.get(c).copied().flatten() {
            row_cells.push((c, at));
        }
        sp.page.cells.push(cell(0, c, lines_of));
    }
    sp.cells.push(row_cells);
}

/// Body row `row` (its lines `first..end`): its cells in their columns, a
/// merged cell above going on where the family's shape says it covers the
/// row; `group_start` is the first row of the current key's group.
fn body_row(
    sp: &mut SpacedPage,
    lines: &[PageLine],
    (row, first, end): (usize, usize, usize),
    (columns, keyed, family): (&[usize], &Keyed, Family),
    group_start: &mut usize,
) {
    let ncols = columns.len();
    let mut texts: Vec<Vec<String>> = vec![Vec::new(); ncols];
    let mut places: Vec<Vec<(u32, u32)>> = vec![Vec::new(); ncols];
    let mut at: Vec<Option<u32>> = vec![None; ncols];
    let mut anchors: Vec<LineCell> = Vec::new();
    for (n, line) in lines.get(first..end).unwrap_or_default().iter().enumerate() {
        let cells = line_cells(line, columns, &anchors);
        if n == 0 {
            anchors = cells.clone();
        }
        for cell in cells {
            let c = cell.col;
            if let Some(t) = texts.get_mut(c) {
                t.push(cell.text);
            }
            if let Some(p) = places.get_mut(c) {
                p.push((line.no, cell.at));
            }
            if let Some(a) = at.get_mut(c) {
                a.get_or_insert(cell.at);
            }
            if cell.unsure && !sp.page.unsure.contains(&(row, c)) {
                sp.page.unsure.push((row, c));
            }
        }
    }
    sp.rows.push(lines.get(first).map_or(1, |l| l.no));
    let mut starts_here = Vec::new();
    // A municipality without a window (pages 7–11): its number and name,
    // then one cell across the window's columns.
    let own = family == Family::Windows
        && texts.first().is_some_and(|t| !t.is_empty())
        && (3..ncols.saturating_sub(1)).all(|c| texts.get(c).is_none_or(Vec::is_empty));
    let key_text = texts.first().map(|t| t.concat()).unwrap_or_default();
    let new_key = keyed.starts_key(&key_text);
    if new_key {
        *group_start = row;
    }
    let mut c = 0;
    while c < ncols {
        let mut text = texts.get(c).cloned().unwrap_or_default();
        if text.is_empty() && !new_key && keyed.may_be_merged(c) {
            // 「その他」 empty under a window of its municipality that
            // prints one: merged or empty, the text cannot tell; null,
            // listed unsure.
            let printed_above = (sp.page.cells.iter())
                .any(|x| x.col == c && *group_start <= x.row && x.row < row && !x.lines.is_empty());
            if printed_above {
                sp.page.unsure.push((row, c));
            }
        }
        if text.is_empty() && !new_key && keyed.copies(c) {
            // A window without a name in its row: the name above it in
            // its municipality's column, as a merged cell's, inferred
            // (listed as unsure: a text cannot tell merged from empty).
            let above =
                (sp.page.cells.iter().rev()).find(|x| x.col == c && x.row > 0 && x.row < row);
            if let Some(above) = above.filter(|a| !a.lines.is_empty()) {
                text = above.lines.clone();
                sp.page.unsure.push((row, c));
            }
        }
        if keyed.covers(c) && !keyed.starts(c, new_key, &text) {
            // The merged cell above goes on: it covers this row, and
            // what the row prints in its column is its wrapped text.
            let above = (sp.page.cells.iter_mut().rev())
                .find(|x| x.col == c && x.row > 0 && x.row + x.rowspan == row);
            if let Some(above) = above {
                above.rowspan += 1;
                above.lines.extend(text);
                c += 1;
                continue;
            }
        }
        if let Some(p) = places.get(c).filter(|p| !p.is_empty()) {
            sp.lines.push(((row, c), p.clone()));
        }
        let span = if own && c == 2 {
            ncols.saturating_sub(3)
        } else {
            1
        };
        if let Some(a) = at.get(c).copied().flatten() {
            starts_here.push((c, a));
        }
        sp.page.cells.push(Cell {
            colspan: span,
            ..cell(row, c, text)
        });
        c += span;
    }
    sp.cells.push(starts_here);
}

/// The columns of a family's table that its shape says are never empty:
/// a row without a cell of its own there is covered by the merged cell
/// above (see the module docs).
#[derive(Debug, Clone, Copy)]
struct Keyed {
    family: Family,
    ncols: usize,
}

impl Keyed {
    fn of(family: Family, ncols: usize) -> Keyed {
        Keyed { family, ncols }
    }

    /// Whether column `c` is never empty.
    fn covers(&self, c: usize) -> bool {
        match self.family {
            Family::Summary => c <= 1,
            Family::Questions => c == 0,
            Family::Windows => c <= 2 || c + 1 == self.ncols,
            Family::Answers | Family::Associations => false,
        }
    }

    /// Whether column `c`, empty in a row that goes on with its
    /// municipality, takes the text above it, inferred: pages 7–11's window
    /// name (a merged name cell prints once, over its windows' rows).
    fn copies(&self, c: usize) -> bool {
        self.family == Family::Windows && c == 3
    }

    /// Whether column `c`, empty in a row that goes on with its
    /// municipality, may be a merged cell's the text cannot tell from an
    /// empty one: pages 7–11's 「その他」, the last column but one.
    fn may_be_merged(&self, c: usize) -> bool {
        self.family == Family::Windows && c + 2 == self.ncols
    }

    /// Whether the row key (the first column's text) starts a new merged
    /// cell: an item 「（ア）…」 (pages 1–2), a municipality's number (pages
    /// 7–11).
    fn starts_key(&self, key: &str) -> bool {
        match self.family {
            Family::Summary | Family::Questions => key.starts_with('（'),
            Family::Windows => key.split(' ').next().is_some_and(is_number),
            Family::Answers | Family::Associations => true,
        }
    }

    /// Whether column `c`'s `text` in a row starts a cell of its own
    /// (rather than going on with the merged cell above): the row key's
    /// columns where the key starts one; page 1's activity where it
    /// prints one.
    fn starts(&self, c: usize, new_key: bool, text: &[String]) -> bool {
        match (self.family, c) {
            (Family::Summary, 1) => !text.is_empty(),
            _ => new_key,
        }
    }
}

/// A cell of one row and column.
fn cell(row: usize, col: usize, lines: Vec<String>) -> Cell {
    Cell {
        row,
        col,
        rowspan: 1,
        colspan: 1,
        lines,
        origin: None,
    }
}

/// A line's words of one column: its text (words one space apart), the
/// character column its first word starts at, and its input character
/// column (from 1); whether a word of it was pushed there.
#[derive(Debug, Clone)]
struct LineCell {
    col: usize,
    text: String,
    x: usize,
    at: u32,
    unsure: bool,
}

/// Whether `word` is a figure or a mark: what an extractor pushes out of
/// its column beside a line too long for its cell (「○」, 「10」).
fn is_figure_or_mark(word: &str) -> bool {
    word.chars().count() <= MAX_PUSHED
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || "○〇◎△×-※%.".contains(c))
}

/// A line's words grouped by column. `anchors` are the row's first line's
/// cells (their starts and columns): a wrapped line's word starting where
/// one of them starts is that cell's, wherever the page's columns start
/// (an extractor moves a row's cells together).
fn line_cells(line: &PageLine, columns: &[usize], anchors: &[LineCell]) -> Vec<LineCell> {
    let mut out: Vec<LineCell> = Vec::new();
    let mut previous: Option<usize> = None;
    for w in &line.words {
        let by_start = column_of(columns, w.start);
        let nearest = nearest_column(columns, w.start);
        let anchored = (w.gap != 1)
            .then(|| anchors.iter().find(|a| a.x.abs_diff(w.start) <= 1))
            .flatten();
        let (c, pushed) = if let Some(a) = anchored {
            (a.col, false)
        } else if w.gap != 1 {
            (by_start, false)
        } else if previous == Some(by_start) {
            // One space after a word of its column: the cell's next word;
            // or a word pushed out of the next column by a line too long
            // for its cell (nearest the next column's start, and a mark or
            // a figure, or too long to end in the cell).
            let next = columns.get(by_start + 1).copied().unwrap_or(usize::MAX);
            let overflows = w.end > next.saturating_add(1);
            // A word starting at the next column's start (two characters'
            // slack) where that column prints nothing else on the line.
            let next_empty = w.start.saturating_add(2) >= next
                && !line
                    .words
                    .iter()
                    .any(|o| o.gap >= 2 && column_of(columns, o.start) == by_start + 1);
            if nearest != by_start && (is_figure_or_mark(&w.text) || overflows || next_empty) {
                (nearest, true)
            } else {
                (by_start, false)
            }
        } else {
            // In a column of its own, one space after the one before: sure
            // where it starts at its column's start.
            let off = columns
                .get(by_start)
                .map_or(0, |s| w.start.saturating_sub(*s));
            (by_start, off > 1)
        };
        previous = Some(c);
        match out.last_mut() {
            Some(last) if last.col == c => {
                last.text.push(' ');
                last.text.push_str(&w.text);
                last.unsure |= pushed;
            }
            _ => out.push(LineCell {
                col: c,
                text: w.text.clone(),
                x: w.start,
                at: saturating_u32(line.lead + w.start).saturating_add(1),
                unsure: pushed,
            }),
        }
    }
    out
}

/// The longest word read as pushed out of its column (a mark, a count).
const MAX_PUSHED: usize = 3;

/// The column a word starting at character column `x` is in: the last
/// starting at or before it (one character's slack).
fn column_of(columns: &[usize], x: usize) -> usize {
    columns
        .iter()
        .rposition(|&c| c <= x.saturating_add(1))
        .unwrap_or(0)
}

/// The column whose start is nearest `x`.
fn nearest_column(columns: &[usize], x: usize) -> usize {
    (0..columns.len())
        .min_by_key(|&k| columns.get(k).map_or(usize::MAX, |&c| c.abs_diff(x)))
        .unwrap_or(0)
}

/// Where the table's columns start: where body words start after two or
/// more spaces, on two or more lines and inside no body word, or on one
/// line where a head starts too; and where a head word starts after two or
/// more spaces inside no body word (a column empty on the whole page).
/// Starts one character apart are one, and so is a start inside most of
/// its left neighbour's words.
fn columns(body: &[&PageLine], heads: &[&PageLine]) -> Vec<usize> {
    let mut count: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for line in body {
        for w in line.words.iter().filter(|w| w.gap >= 2) {
            *count.entry(w.start).or_default() += 1;
        }
    }
    // A start inside a word of the body, with no head starting there, is
    // no column's: a cell's words can stand far apart (「地域包括支援センター
    // よつや苑内」), at one offset on several lines.
    let spanned = |x: usize| {
        body.iter()
            .flat_map(|l| &l.words)
            .any(|w| w.start + 1 < x && x < w.end)
    };
    let headed = |x: usize| (heads.iter().flat_map(|l| &l.words)).any(|w| w.start.abs_diff(x) <= 1);
    let mut starts: Vec<usize> = (count.iter())
        .filter(|(x, n)| (**n >= 2 && !spanned(**x)) || (**n >= 1 && headed(**x)))
        .map(|(x, _)| *x)
        .collect();
    for line in heads {
        for w in line.words.iter().filter(|w| w.gap >= 2) {
            if !starts.iter().any(|s| s.abs_diff(w.start) <= 1) && !spanned(w.start) {
                starts.push(w.start);
            }
        }
    }
    starts.sort_unstable();
    // A start that most of its left neighbour's words run past is inside
    // that column: an extractor places one column's cells a few characters
    // apart from line to line (「03-…」 at 49 and 57). A cell across columns
    // (a municipality's planned opening) runs past few of them.
    let inside = |a: usize, b: usize| {
        let near: Vec<&Word> = (body.iter().flat_map(|l| &l.words))
            .filter(|w| w.start.abs_diff(a) <= 1)
            .collect();
        let past = near.iter().filter(|w| w.end > b + 1).count();
        past * 2 > near.len()
    };
    let mut out: Vec<usize> = Vec::new();
    for s in starts {
        match out.last() {
            Some(&l) if s <= l + 1 || inside(l, s) => {}
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(no: u32, text: &str) -> PageLine {
        let (words, lead) = words(text);
        PageLine {
            no,
            words,
            lead,
            raw: text.trim().to_string(),
        }
    }

    #[test]
    fn words_keep_their_character_columns_and_the_spaces_before_them() {
        let (w, lead) = words("\x0c1   千代田区 ○");
        assert_eq!(lead, 1);
        let got: Vec<(&str, usize, usize)> = w
            .iter()
            .map(|w| (w.text.as_str(), w.start, w.gap))
            .collect();
        assert_eq!(got, [("1", 0, usize::MAX), ("千代田区", 4, 3), ("○", 9, 1)]);
    }

    #[test]
    fn columns_start_where_the_bodys_cells_do_whatever_a_cell_prints_inside() {
        let body = [
            // 「よつや苑」, 「あさひ苑」: a location's words far apart, at 18
            // on two lines, inside a longer location: no column of its own.
            line(
                1,
                &placed(&[
                    (0, "1"),
                    (5, "地域包括支援センター"),
                    (18, "よつや苑"),
                    (30, "03-1"),
                ]),
            ),
            line(
                2,
                &placed(&[
                    (0, "2"),
                    (5, "地域包括支援センター"),
                    (18, "あさひ苑"),
                    (30, "03-2"),
                ]),
            ),
            line(
                3,
                &placed(&[
                    (0, "3"),
                    (5, "社会医療法人財団大和会武蔵村山"),
                    (30, "03-3"),
                ]),
            ),
            // One column's cells two characters apart (28 and 30): one column.
            line(4, &placed(&[(0, "4"), (5, "A病院"), (28, "03-4")])),
            line(5, &placed(&[(0, "5"), (5, "B病院"), (28, "03-5")])),
        ];
        let body: Vec<&PageLine> = body.iter().collect();
        let heads = [line(
            0,
            &placed(&[(0, "番号"), (5, "設置場所"), (30, "電話番号")]),
        )];
        let heads: Vec<&PageLine> = heads.iter().collect();
        assert_eq!(columns(&body, &heads), [0, 5, 28]);
    }

    /// A line printing each text at its character column.
    fn placed(cells: &[(usize, &str)]) -> String {
        let mut out = String::new();
        for (at, text) in cells {
            let n = out.chars().count();
            out.push_str(&" ".repeat(at.saturating_sub(n).max(usize::from(n > 0))));
            out.push_str(text);
        }
        out
    }

    #[test]
    fn a_mark_one_space_after_an_overlong_cell_goes_to_the_column_nearest_it_unsure() {
        let columns = [0, 10, 30, 34];
        // The hours run to 26: the first mark, pushed left to 27, one space after.
        let l = line(
            1,
            &placed(&[
                (0, "x"),
                (10, "月～金：午前9時～午後7時土・日"),
                (27, "○"),
                (34, "○"),
            ]),
        );
        let cells = line_cells(&l, &columns, &[]);
        let got: Vec<(usize, &str, bool)> = cells
            .iter()
            .map(|c| (c.col, c.text.as_str(), c.unsure))
            .collect();
        assert_eq!(
            got,
            [
                (0, "x", false),
                (1, "月～金：午前9時～午後7時土・日", false),
                (2, "○", true),
                (3, "○", false)
            ]
        );
        // A cell's own words, one space apart, stay together.
        let l = line(
            2,
            &placed(&[(0, "x"), (10, "熟年相談室"), (16, "きく"), (30, "○")]),
        );
        let got: Vec<(usize, String)> = line_cells(&l, &columns, &[])
            .into_iter()
            .map(|c| (c.col, c.text))
            .collect();
        assert_eq!(
            got,
            [
                (0, "x".to_string()),
                (1, "熟年相談室 きく".to_string()),
                (2, "○".to_string())
            ]
        );
    }

    #[test]
    fn a_text_is_spaced_where_its_rows_print_labels_and_shares_two_spaces_apart() {
        let row = "（ア）地域の医療・介護資源の把握     地域の取組     53    100.0%   53   100.0%   0.0%\n";
        assert!(is_spaced(&row.repeat(ROWS_SPACED)));
        assert!(!is_spaced(&row.repeat(ROWS_SPACED - 1)));
        // The seed's order: a row's figures on one line, one space apart.
        let seed = "地域の取組 53 100.0% 53 100.0% 0.0%\n".repeat(40);
        assert!(!is_spaced(&seed));
    }

    #[test]
    fn page_1_reads_its_rows_merged_items_and_wrapped_labels() {
        let text = [
            placed(&[
                (0, "在宅医療・介護連携推進事業の項目"),
                (20, "内容"),
                (30, "区市町村数"),
                (40, "全体の％"),
            ]),
            placed(&[
                (0, "（ア）資源の把握"),
                (20, "取組A"),
                (30, "53"),
                (40, "100.0%"),
            ]),
            placed(&[(20, "取組B"), (30, "51"), (40, "96.2%")]),
            placed(&[
                (0, "（イ）課題の抽出と対応策"),
                (20, "会議"),
                (30, "51"),
                (40, "96.2%"),
            ]),
            "の検討".to_string(),
            "東京都福祉保健局医療政策部医療政策課 平成29年度".to_string(),
        ];
        let lines: Vec<PageLine> = (1..).zip(&text).map(|(no, t)| line(no, t)).collect();
        let sp = read_page(1, &lines);
        let rows: Vec<String> = (1..sp.page.rows()).map(|r| sp.page.row_text(r).0).collect();
        assert_eq!(
            rows,
            [
                "（ア）資源の把握 | 取組A | 53 | 100.0%",
                "^ | 取組B | 51 | 96.2%",
                "（イ）課題の抽出と対応策の検討 | 会議 | 51 | 96.2%",
            ]
        );
        assert_eq!(sp.rows, [1, 2, 3, 4]);
        assert_eq!(
            sp.page.below,
            ["東京都福祉保健局医療政策部医療政策課 平成29年度"]
        );
    }
}
