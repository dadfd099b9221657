//! `zaitaku extract PDF`
//!
//! Prints the text zaitaku reads from a PDF of the report: UTF-8, each
//! page's lines, one form feed between pages. It is the text every message
//! about that PDF refers to (its lines and columns), and building it gives
//! the same tables as building the PDF. A PDF whose pages are ruled tables
//! is read by position: its text is the `--layout` reading.
//!
//! With `--layout`, prints the PDF as read by the position of each glyph
//! and ruling line instead: per page, the text above its table, a table
//! row per line with its cells apart (` | `, `^` under a merged cell), the
//! text below; one form feed between pages. What a user can compare with
//! the PDF to see what zaitaku saw.
//!
//! Exit codes: 0 the text was printed; 2 the file cannot be read, is not a
//! PDF, or is a PDF that cannot be read (damaged, encrypted, a scan).

use crate::Outcome;
use std::path::PathBuf;

/// Arguments of `extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A PDF of the report.
    #[arg(value_name = "PDF")]
    input: PathBuf,
    /// Print the positioned reading: each page's table a row per line, its
    /// cells apart, read by where each glyph and ruling line sits.
    #[arg(long)]
    layout: bool,
}

/// Runs `extract`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let shown = args.input.display();
    let bytes = match crate::config::read_limited(&args.input) {
        Ok(b) => b,
        Err(e) => {
            say!("zaitaku: {shown}: cannot read: {e}");
            return Ok(Outcome::InputError);
        }
    };
    if !zaitaku_pdf::is_pdf(&bytes) {
        say!("zaitaku: {shown}: expected a PDF (a file starting with «%PDF-»); a text zaitaku reads as it is");
        return Ok(Outcome::InputError);
    }
    let read = if args.layout {
        zaitaku_pdf::read_layout(&bytes)
            .map(|pages| zaitaku_parse::grid::Grid::new(&pages).text().to_string())
    } else {
        zaitaku_pipeline::input::pdf_text(&bytes).map(|read| match read {
            zaitaku_pipeline::input::PdfRead::Ruled(grid) => grid.text().to_string(),
            zaitaku_pipeline::input::PdfRead::Text(text) => text,
        })
    };
    match read {
        Ok(text) => {
            crate::term::stdout(&text)?;
            Ok(Outcome::Ok)
        }
        Err(e) => {
            say!("zaitaku: {shown}: {e}");
            Ok(Outcome::InputError)
        }
    }
}
