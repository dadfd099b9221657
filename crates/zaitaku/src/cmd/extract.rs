//! `zaitaku extract PDF`
//!
//! Prints what zaitaku reads from a PDF of the report, by the position of
//! each glyph and ruling line: per page, the text above its ruled table, a
//! table row per line with its cells apart (` | `, `^` under a merged
//! cell), the text below (a page without a table: its lines by baseline);
//! UTF-8, one form feed between pages. It is the text every message about
//! that PDF refers to (its lines and columns); what a user can compare with
//! the PDF to see what zaitaku saw. A PDF without ruled tables builds from
//! this text as from the PDF. `--layout` is accepted and changes nothing
//! (it was the positioned reading's switch).
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
    /// Accepted for scripts that pass it: extract always prints the
    /// positioned reading.
    #[arg(long, hide = true)]
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
    // `--layout` is what extract prints anyway (kept for scripts that pass it).
    let _ = args.layout;
    let read = zaitaku_pipeline::input::pdf_text(&bytes).map(|read| match read {
        zaitaku_pipeline::input::PdfRead::Ruled(grid) => grid.text().to_string(),
        zaitaku_pipeline::input::PdfRead::Text(text) => text,
    });
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
