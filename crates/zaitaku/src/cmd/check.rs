//! `zaitaku check [--all] [--encoding …] INPUT...`
//!
//! Parses and validates; prints the validation report's summary (Markdown)
//! to stdout, or with `--all` every check and ambiguity, and the failures to
//! stderr; writes nothing. Exit 1 when a check fails. The editions go
//! through in batches, as in `build`: only their validation is kept (every
//! row of it with `--all`, else the summary).

use crate::config::{input_failed, load_inputs, InputArgs};
use crate::messages::{say_totals, Reporter};
use crate::Outcome;
use zaitaku_parse::Parser;
use zaitaku_pipeline::editions::{batches, Tally};
use zaitaku_validate::ValidationReport;

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
    let parser = Parser::new();
    let Some((inputs, pins)) = load_inputs(&parser, &args.input) else {
        return Ok(Outcome::InputError);
    };
    // Every check and ambiguity is kept with --all only.
    let (mut tally, mut all) = (Tally::default(), ValidationReport::default());
    let mut reporter = Reporter::default();
    for batch in batches(&parser, &inputs, pins.as_ref()) {
        for p in batch.process() {
            reporter.seen(&p);
            if let (Some(v), true) = (tally.take(p.outcome), args.all) {
                all.extend(v.validation);
            }
        }
    }
    if input_failed(&mut tally, pins.as_ref()) {
        return Ok(Outcome::InputError);
    }
    crate::term::stdout(&if args.all {
        all.to_markdown_all()
    } else {
        tally.summary.to_markdown()
    })?;
    reporter.say_notes();
    say_totals(&tally.summary);
    Ok(if tally.summary.passed() {
        Outcome::Ok
    } else {
        Outcome::ValidationFailed
    })
}
