//! `zaitaku check [--all] [--format text|md|json] [--encoding …] INPUT...`
//!
//! Parses and validates; prints the validation report's summary to stdout
//! (plain text, on a terminal or into a pipe, or as `--format` says: `md`
//! is `validation_report.md`, `json` is `validation_report.json`, one
//! schema with or without `--all`), or with `--all` every check and
//! ambiguity, and the failures to stderr; writes nothing. Exit 1 when a check fails. The editions go
//! through in batches, as in `build`: only their validation is kept (every
//! row of it with `--all`, else the summary).

use crate::config::{input_failed, load_inputs, InputArgs};
use crate::messages::{say_totals, Reporter};
use crate::Exit;
use zaitaku_export::validation::{self, Document};
use zaitaku_parse::Parser;
use zaitaku_pipeline::editions::{batches, Tally};
use zaitaku_validate::ValidationReport;

/// How `check` prints the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text, for a person or a line tool (the default).
    Text,
    /// Markdown, as `validation_report.md`.
    Md,
    /// JSON, as `validation_report.json` (for scripts and CI; one schema,
    /// docs/validation_report.schema.json).
    Json,
}

/// Arguments of `check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print every check and every ambiguity, not only the summary.
    #[arg(long)]
    all: bool,
    /// How to print the report: text (the default, on a terminal or into a
    /// pipe), md (as validation_report.md), json (as validation_report.json,
    /// one schema: docs/validation_report.schema.json; with --all, `checks`
    /// and `ambiguities` hold every row instead of null).
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<Format>,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `check`.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    let parser = Parser::new();
    parser.compiling_meanwhile(|| check(&parser, &args))
}

/// [`run`], `parser` compiling its patterns meanwhile.
fn check(parser: &Parser, args: &Args) -> anyhow::Result<Exit> {
    let Some((inputs, pins)) = load_inputs(parser, &args.input) else {
        return Ok(Exit::InputError);
    };
    // Every check and ambiguity is kept with --all only.
    let (mut tally, mut all) = (Tally::default(), ValidationReport::default());
    let mut reporter = Reporter::default();
    for batch in batches(parser, &inputs, pins.as_ref()) {
        for p in batch.process() {
            reporter.seen(&p);
            if let (Some(v), true) = (tally.take(p.outcome), args.all) {
                all.extend(v.validation);
            }
        }
    }
    if input_failed(&mut tally, pins.as_ref()) {
        return Ok(Exit::InputError);
    }
    let format = args.format.unwrap_or(Format::Text);
    crate::term::stdout(&match (format, args.all) {
        (Format::Text, false) => validation::summary_text(&tally.summary),
        (Format::Text, true) => validation::text_all(&all),
        (Format::Md, false) => validation::summary_markdown_unwritten(&tally.summary),
        (Format::Md, true) => validation::markdown_all(&all),
        (Format::Json, every) => {
            let every = every.then_some(&all);
            Document {
                summary: &tally.summary,
                every,
                replaced: &[],
            }
            .json_text()
        }
    })?;
    reporter.say_notes();
    say_totals(&tally.summary);
    Ok(if tally.summary.passed() {
        Exit::Ok
    } else {
        Exit::ValidationFailed
    })
}
