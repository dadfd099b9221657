//! `zaitaku check [--all] [--encoding …] INPUT...`
//!
//! Parses and validates; prints the validation report's summary (Markdown)
//! to stdout, or with `--all` every check and ambiguity, and the failures to
//! stderr; writes nothing. Exit 1 when a check fails. The editions go
//! through in batches, as in `build`: only their validation is kept (every
//! row of it with `--all`, else the summary).

use crate::config::{process_in_batches, read_texts, say_totals, InputArgs, Overrides, Tally};
use crate::Outcome;
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
    let (texts, read) = read_texts(&args.input);
    if !read {
        return Ok(Outcome::InputError);
    }
    let pins = match &args.input.overrides {
        Some(path) => match Overrides::load(path, &texts) {
            Some(pins) => Some(pins),
            None => return Ok(Outcome::InputError),
        },
        None => None,
    };
    let keep_all = args.all;
    // Every check and ambiguity is kept with --all only.
    let mut checked = (Tally::default(), ValidationReport::default());
    process_in_batches(
        &texts,
        pins.as_ref(),
        |_| (),
        &mut checked,
        |(tally, all), p, ()| {
            if let (Some((_, v)), true) = (tally.take(p), keep_all) {
                all.extend(v);
            }
        },
        |_| true,
    );
    let (mut tally, all) = checked;
    if tally.input_failed(pins.as_ref()) {
        return Ok(Outcome::InputError);
    }
    crate::term::stdout(&if keep_all {
        all.to_markdown_all()
    } else {
        tally.summary.to_markdown()
    })?;
    for m in &tally.notes {
        say!("{m}");
    }
    say_totals(&tally.summary);
    Ok(if tally.summary.passed() {
        Outcome::Ok
    } else {
        Outcome::ValidationFailed
    })
}
