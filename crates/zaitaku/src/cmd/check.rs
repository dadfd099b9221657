//! `zaitaku check [--all] [--encoding …] INPUT...`
//!
//! Parses and validates; prints the validation report's summary (Markdown)
//! to stdout, or with `--all` every check and ambiguity, and the failures to
//! stderr; writes nothing. Exit 1 when a check fails.

use crate::config::{load_validated, print_validation, InputArgs};
use crate::Outcome;

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print every check and every ambiguity, not only the summary.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `check`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let Some((loaded, report)) = load_validated(&args.input) else {
        return Ok(Outcome::InputError);
    };
    crate::term::stdout(&if args.all {
        report.to_markdown_all()
    } else {
        report.to_markdown()
    })?;
    print_validation(&loaded, &report.summary());
    Ok(if report.passed() {
        Outcome::Ok
    } else {
        Outcome::ValidationFailed
    })
}
