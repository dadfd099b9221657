//! The report assembled from its pages' cells, one family at a time (each
//! in its module beside this one; see the module docs of [`crate::grid`]),
//! and what the families share.

use super::{answers, associations, render, summary, windows, Rendered};
use crate::cells::{Cell, CellPage};
use crate::error::{ParseError, ParseErrors};
use crate::matchers::Matchers;
use crate::model::Report;

/// A ruled PDF's pages as read: their cells in canonical form, and the
/// text they render to, which every span of its report points into.
#[derive(Debug, Clone)]
pub struct Grid {
    pages: Vec<CellPage>,
    rendered: Rendered,
}

impl Grid {
    /// The pages (a PDF's, in order, read by position), their cells' text
    /// in canonical form as the text parsers read every line (Kangxi
    /// radicals, full-width digits, spaces), and their text.
    pub fn new(pages: &[CellPage]) -> Grid {
        let pages: Vec<CellPage> = pages.iter().map(canonical_cells).collect();
        let rendered = render(&pages);
        Grid { pages, rendered }
    }

    /// A spaced text's pages read as cells ([`crate::spaced`]), its text
    /// the input's own (every span points into it); `None` where it does
    /// not keep its columns by spaces or prints no table.
    pub fn spaced(m: &Matchers, text: &str) -> Option<Grid> {
        if !crate::spaced::is_spaced(text) {
            return None;
        }
        let spaced = crate::spaced::pages(m, text);
        let pages: Vec<CellPage> = spaced.iter().map(|p| canonical_cells(&p.page)).collect();
        if pages.iter().all(|p| p.cells.is_empty()) {
            return None;
        }
        let rendered = Rendered::positioned(text.to_string(), spaced);
        Some(Grid { pages, rendered })
    }

    /// The text the pages render to (`zaitaku extract` prints it).
    pub fn text(&self) -> &str {
        &self.rendered.text
    }

    /// Whether any page is a ruled table (has cells).
    pub fn is_ruled(&self) -> bool {
        self.pages.iter().any(|p| !p.cells.is_empty())
    }
}

/// The report of a ruled PDF's pages; or every error found.
pub fn parse(m: &Matchers, grid: &Grid) -> Result<Report, ParseErrors> {
    assemble(m, &grid.pages, &grid.rendered)
}

/// A page whose cells' text is in canonical form.
fn canonical_cells(page: &CellPage) -> CellPage {
    let canonical = |s: &String| {
        let c = crate::canon::canonical(s).text();
        c.trim_end_matches('\n').to_string()
    };
    CellPage {
        cells: (page.cells.iter())
            .map(|c| Cell {
                lines: c.lines.iter().map(canonical).collect(),
                ..c.clone()
            })
            .collect(),
        ..page.clone()
    }
}

/// Squeezes white space out, for comparing a cell with a layout label.
pub(super) fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn assemble(m: &Matchers, pages: &[CellPage], r: &Rendered) -> Result<Report, ParseErrors> {
    let canonical = crate::canon::canonical(&r.text);
    let text_pages = canonical.pages(m);
    let mut errors = Vec::new();
    let text_page = |no: u32| text_pages.iter().find(|p| p.no == no);
    let edition = crate::pages::page1::edition(m, &text_pages, &mut errors);
    let era = edition.as_ref().map(|e| e.1);
    let program = summary::program(m, pages, r, &text_page, era, &mut errors);
    let questions = summary::questions(m, pages, r, &text_page, &mut errors);
    let answers = answers::answers(m, pages, r, &text_pages, &mut errors);
    let associations = associations::associations(m, pages, r, &text_pages, era, &mut errors);
    let fiscal_year = program.as_ref().map_or(0, |p| p.fy_current);
    let windows = windows::windows(m, pages, r, era, fiscal_year, &mut errors);
    if let Some(w) = &windows {
        let k = pages.len().saturating_sub(1);
        let rows = pages.last().map_or(0, CellPage::rows);
        errors.extend(crate::error::cut_short(w, r.row(k, rows.saturating_sub(1))));
    }
    let numbered = windows::numbered(&answers, windows.as_ref());
    match (edition, program, questions, windows) {
        (Some((edition, _)), Some(program), Some(questions), Some(windows))
            if errors.is_empty() =>
        {
            Ok(crate::resolve::report(
                edition,
                program,
                questions,
                answers,
                associations,
                windows,
                numbered,
            ))
        }
        _ => {
            errors.sort_by_key(|e| e.position);
            Err(ParseErrors(errors))
        }
    }
}

/// The first page whose table `read` reads, its index and what it read.
pub(super) fn first_read<'p, T>(
    pages: &'p [CellPage],
    read: impl Fn(&'p CellPage) -> Option<T>,
) -> Option<(usize, &'p CellPage, T)> {
    pages
        .iter()
        .enumerate()
        .find_map(|(k, p)| read(p).map(|t| (k, p, t)))
}

/// The error for a table not found on any page.
pub(super) fn missing(pages: &[CellPage], r: &Rendered, what: String) -> ParseError {
    let last = pages.len().saturating_sub(1);
    ParseError::new(r.row(last, 0), what, "no such table on any page")
}
