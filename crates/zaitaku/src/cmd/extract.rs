//! `zaitaku extract PDF [-o FILE]`
//!
//! Prints what zaitaku reads from a PDF of the report, by the position of
//! each glyph and ruling line: per page, the text above its ruled table, a
//! table row per line with its cells apart (` | `, `^` under a merged
//! cell), the text below (a page without a table: its lines by baseline);
//! UTF-8, one form feed between pages, to standard output or `-o FILE`. It is the text every message about
//! that PDF refers to (its lines and columns); what a user can compare with
//! the PDF to see what zaitaku saw. A PDF without ruled tables builds from
//! this text as from the PDF. `--layout` is accepted and changes nothing
//! (it was the positioned reading's switch).
//!
//! Exit codes: 0 the text was printed; 2 the file cannot be read, is not a
//! PDF, or is a PDF that cannot be read (damaged, encrypted, a scan).

use crate::Exit;
use std::path::PathBuf;

/// Arguments of `extract`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A PDF of the report; `-` reads standard input.
    #[arg(value_name = "PDF")]
    input: PathBuf,
    /// Write the text to FILE (UTF-8) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Accepted for scripts that pass it: extract always prints the
    /// positioned reading.
    #[arg(long, hide = true)]
    layout: bool,
}

/// Runs `extract`.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    let shown = crate::config::shown(&args.input);
    let bytes = match crate::config::read_limited(&args.input) {
        Ok(b) => b,
        Err(e) => {
            say!("zaitaku: {shown}: cannot read: {e}");
            return Ok(Exit::InputError);
        }
    };
    if !zaitaku_pdf::is_pdf(&bytes) {
        say!("zaitaku: {shown}: expected a PDF (a file starting with «%PDF-»); a text zaitaku reads as it is");
        return Ok(Exit::InputError);
    }
    // `--layout` is what extract prints anyway (kept for scripts that pass it).
    let _ = args.layout;
    let read = zaitaku_pipeline::input::pdf_text(&bytes).map(|read| match read {
        zaitaku_pipeline::input::PdfRead::Ruled(grid) => grid.text().to_string(),
        zaitaku_pipeline::input::PdfRead::Text(text) => text,
    });
    match read {
        Ok(text) => match &args.output {
            None => {
                crate::term::stdout(&text)?;
                Ok(Exit::Ok)
            }
            Some(file) => write_output(file, &args.input, &text),
        },
        Err(e) => {
            say!("zaitaku: {shown}: {e}");
            Ok(Exit::InputError)
        }
    }
}

/// Writes `text` to `file`, which must not be `input` or a directory;
/// written whole or not at all (a temporary beside it, then renamed).
fn write_output(
    file: &std::path::Path,
    input: &std::path::Path,
    text: &str,
) -> anyhow::Result<Exit> {
    let shown = file.display();
    let same = std::fs::canonicalize(file)
        .ok()
        .is_some_and(|f| std::fs::canonicalize(input).ok() == Some(f));
    if same {
        say!("zaitaku: {shown} is the input: -o takes another file to write the text to, e.g. -o report.txt");
        return Ok(Exit::InputError);
    }
    if file.is_dir() {
        say!("zaitaku: {shown} is a directory: -o takes the file to write the text to, e.g. -o report.txt");
        return Ok(Exit::InputError);
    }
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
    let Some(name) = name else {
        say!("zaitaku: «{shown}» names no file: -o takes the file to write the text to, e.g. -o report.txt");
        return Ok(Exit::InputError);
    };
    let tmp = file.with_file_name(format!(".{name}.zaitaku-{}", std::process::id()));
    let written = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, file));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        say!("zaitaku: cannot write {shown}: {e}");
        return Ok(Exit::InputError);
    }
    note!("zaitaku: wrote {shown} ({} lines)", text.lines().count());
    Ok(Exit::Ok)
}
