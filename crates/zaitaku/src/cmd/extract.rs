//! `zaitaku extract PDF`
//!
//! Prints the text zaitaku reads from a PDF of the report: UTF-8, each
//! page's lines, one form feed between pages. It is the text every message
//! about that PDF refers to (its lines and columns), and building it gives
//! the same tables as building the PDF.
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
    match zaitaku_pdf::read(&bytes) {
        Ok(pdf) => {
            crate::term::stdout(&pdf.text())?;
            Ok(Outcome::Ok)
        }
        Err(e) => {
            say!("zaitaku: {shown}: {e}");
            Ok(Outcome::InputError)
        }
    }
}
