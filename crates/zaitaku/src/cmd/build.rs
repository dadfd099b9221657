//! `zaitaku build [--out DIR] [--encoding …] INPUT...`
//!
//! Parses and validates every input, then writes every table as Parquet and
//! CSV, `datapackage.json` and the validation report into DIR (default
//! `output`), atomically. On a parse error (exit 2) or a failed check
//! (exit 1) DIR is left exactly as it was and the report goes to the
//! terminal; with `--keep-failed` a failed check still writes everything
//! (the failures first in the documents) and exits 1.

use crate::config::{input_failed, load_inputs, InputArgs};
use crate::messages::{say_totals, unencodable, Reporter};
use crate::Exit;
use anyhow::Context;
use std::path::PathBuf;
use zaitaku_export::write::{CsvEncoding, CsvOptions, ExportError, Unmappable};
use zaitaku_outdir::claim::Target;
use zaitaku_parse::Parser;
use zaitaku_pipeline::{Build, NotWritten};

/// Arguments of `build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output directory, replaced whole on success; only a new or empty one,
    /// or zaitaku's own output (another file in it stops the build, exit 2).
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Put a UTF-8 byte order mark in front of every CSV (for Excel).
    #[arg(long)]
    csv_bom: bool,
    /// Encoding of the CSV files: utf-8 or cp932 (fails naming the line and
    /// character CP932 cannot hold).
    #[arg(long, default_value = "utf-8", value_parser = |s: &str| s.parse::<CsvEncoding>())]
    csv_encoding: CsvEncoding,
    /// With --csv-encoding cp932, what to do with a character CP932 cannot
    /// hold: fail (name it, write nothing), or replace it by its stated
    /// substitute (「⓪」 → 「(0)」, …; each counted in the validation report).
    #[arg(long, default_value = "fail", value_parser = |s: &str| s.parse::<Unmappable>())]
    cp932_unmappable: Unmappable,
    /// Also write tables.xlsx: every table as a sheet of one Excel workbook
    /// (numbers, flags and dates typed; header frozen; autofilter), after a
    /// sheet listing the tables and the validation summary.
    #[arg(long)]
    xlsx: bool,
    /// Write every table even where a check fails (the failures listed
    /// first in validation_report.md, output's README and report.html, and
    /// as `status = fail` rows of validation_checks); still exit 1. A parse
    /// error or a wrong pin still writes nothing.
    #[arg(long)]
    keep_failed: bool,
    #[command(flatten)]
    input: InputArgs,
}

/// The flags of `build`, checked: what the build needs.
struct Settings {
    out: PathBuf,
    target: Target,
    csv: CsvOptions,
    xlsx: bool,
    keep_failed: bool,
    input: InputArgs,
}

impl Settings {
    /// Checks the flags that go together and the output directory (before
    /// any input is read); the error is the exit, its message said.
    fn of(args: Args) -> Result<Settings, Exit> {
        if args.csv_bom && args.csv_encoding != CsvEncoding::Utf8 {
            say!(
                "zaitaku: --csv-bom goes with UTF-8 only; expected no --csv-bom with --csv-encoding {}",
                args.csv_encoding.label()
            );
            return Err(Exit::InputError);
        }
        if args.cp932_unmappable == Unmappable::Replace && args.csv_encoding != CsvEncoding::Cp932 {
            say!(
                "zaitaku: --cp932-unmappable replace goes with --csv-encoding cp932; expected no --cp932-unmappable with --csv-encoding {}",
                args.csv_encoding.label()
            );
            return Err(Exit::InputError);
        }
        let csv = CsvOptions {
            bom: args.csv_bom,
            encoding: args.csv_encoding,
            unmappable: args.cp932_unmappable,
        };
        let mut inputs = args.input.inputs.clone();
        inputs.extend(args.input.overrides.iter().cloned());
        let target = super::output_target(&args.out, &inputs)?;
        Ok(Settings {
            out: args.out,
            target,
            csv,
            xlsx: args.xlsx,
            keep_failed: args.keep_failed,
            input: args.input,
        })
    }
}

/// Runs `build`: reads every input, and hands them to the pipeline's
/// [`Build`] (parsed, validated and written in edition order, a batch at a
/// time, into a temporary directory that takes the output's place only when
/// everything succeeded); says what it gave.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    let s = match Settings::of(args) {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let parser = Parser::new();
    parser.compiling_meanwhile(|| build(&parser, &s))
}

/// [`run`] with its settings, `parser` compiling its patterns meanwhile
/// ([`Parser::compiling_meanwhile`]).
fn build(parser: &Parser, s: &Settings) -> anyhow::Result<Exit> {
    let mut phases = crate::term::Phases::start();
    let Some((inputs, pins)) = load_inputs(parser, &s.input) else {
        return Ok(Exit::InputError);
    };
    phases.lap("read");
    let mut reporter = Reporter::default();
    let build = Build {
        parser,
        inputs: &inputs,
        pins: pins.as_ref(),
        csv: s.csv,
        xlsx: s.xlsx,
        keep_failed: s.keep_failed,
    };
    let mut built = build.run(&s.target, |p| reporter.seen(p));
    let page_time = built
        .written
        .as_ref()
        .map_or(Default::default(), |w| w.page_time);
    phases.part("report page", page_time);
    phases.lap("parse, validate, write");
    reporter.say_notes();
    if input_failed(&mut built.tally, pins.as_ref()) {
        return Ok(Exit::InputError);
    }
    let summary = &built.tally.summary;
    if !summary.passed() && !s.keep_failed {
        say_totals(summary);
        say!(
            "zaitaku: validation failed; {} left untouched",
            s.out.display()
        );
        return Ok(Exit::ValidationFailed);
    }
    let written = match built.written {
        Ok(written) => written,
        Err(NotWritten::Export(e)) => {
            if let Some(message) = unencodable(&e) {
                say_totals(summary);
                say!("{message}");
                say!(
                    "zaitaku: nothing written; {} left untouched",
                    s.out.display()
                );
                return Ok(Exit::InputError);
            }
            if let ExportError::Refused(refusal) = &e {
                say_totals(summary);
                super::say_refusal(refusal);
                return Ok(Exit::InputError);
            }
            if let ExportError::TooManyRows { .. } = &e {
                say_totals(summary);
                say!("zaitaku: {e}");
                say!(
                    "zaitaku: nothing written; {} left untouched",
                    s.out.display()
                );
                return Ok(Exit::InputError);
            }
            return Err(e).with_context(|| format!("cannot write {}", s.out.display()));
        }
        // The tally says why: a parse error or a failed check, said above.
        Err(NotWritten::EditionFailed) => return Ok(Exit::InputError),
    };
    say_totals(summary);
    for (name, rows) in &written.tables {
        note!("zaitaku: {name}: {rows} rows");
    }
    if written.replaced > 0 {
        note!(
            "zaitaku: {} characters CP932 cannot hold written as their substitutes (validation_report.md lists them)",
            written.replaced
        );
    }
    note!(
        "zaitaku: wrote {} files to {}",
        written.files(),
        s.out.display()
    );
    if !summary.passed() {
        say!(
            "zaitaku: validation failed ({} of {} checks); written anyway (--keep-failed): {} lists the failures first, and validation_checks has them as status = fail",
            summary.failures.len(),
            summary.checks,
            s.out.join(zaitaku_table::names::file::VALIDATION_MD).display()
        );
        return Ok(Exit::ValidationFailed);
    }
    Ok(Exit::Ok)
}
