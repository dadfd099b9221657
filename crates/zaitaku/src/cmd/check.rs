//! `zaitaku check [--all] [--format text|md|json] [--encoding …] INPUT...`
//!
//! Parses and validates; prints the validation report's summary to stdout
//! (plain text on a terminal, Markdown into a pipe, or as `--format` says;
//! `json` is `validation_report.json`), or with `--all` every check and
//! ambiguity, and the failures to stderr; writes nothing. Exit 1 when a check fails. The editions go
//! through in batches, as in `build`: only their validation is kept (every
//! row of it with `--all`, else the summary).

use crate::config::{input_failed, load_inputs, InputArgs};
use crate::messages::{say_totals, Reporter};
use crate::Outcome;
use std::io::IsTerminal;
use zaitaku_parse::Parser;
use zaitaku_pipeline::editions::{batches, Tally};
use zaitaku_validate::ValidationReport;

/// How `check` prints the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text, for a person at a terminal (the default there).
    Text,
    /// Markdown, as `validation_report.md` (the default into a pipe).
    Md,
    /// JSON, as `validation_report.json` (for scripts and CI).
    Json,
}

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print every check and every ambiguity, not only the summary.
    #[arg(long)]
    all: bool,
    /// How to print the report: text (default on a terminal), md (default
    /// into a pipe), json (as validation_report.json; with --all, every
    /// check and ambiguity too).
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<Format>,
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
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Text
    } else {
        Format::Md
    });
    crate::term::stdout(&match (format, args.all) {
        (Format::Text, false) => tally.summary.to_text(),
        (Format::Text, true) => all.to_text_all(),
        (Format::Md, false) => tally.summary.to_markdown_unwritten(),
        (Format::Md, true) => all.to_markdown_all(),
        (Format::Json, false) => tally.summary.to_json(),
        (Format::Json, true) => all.to_json_all(),
    })?;
    reporter.say_notes();
    say_totals(&tally.summary);
    Ok(if tally.summary.passed() {
        Outcome::Ok
    } else {
        Outcome::ValidationFailed
    })
}
