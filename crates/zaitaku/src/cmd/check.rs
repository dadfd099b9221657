//! `zaitaku check [--encoding …] INPUT...`
//!
//! Parses and validates; prints the report (Markdown) to stdout and the
//! failures to stderr; writes nothing. Exit 1 when a check fails.

use crate::config::{load_validated, print_validation, InputArgs};
use crate::Outcome;

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `check`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let Some((loaded, report)) = load_validated(&args.input) else {
        return Ok(Outcome::InputError);
    };
    crate::term::stdout(&report.to_markdown())?;
    print_validation(&loaded, &report);
    Ok(if report.passed() {
        Outcome::Ok
    } else {
        Outcome::ValidationFailed
    })
}
