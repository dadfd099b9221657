//! `zaitaku build [--out DIR] [--encoding …] INPUT...`
//!
//! Parses and validates every input, then writes every table as Parquet and
//! CSV, `datapackage.json` and the validation report into DIR (default
//! `output`), atomically. On a parse error (exit 2) or a failed check
//! (exit 1) DIR is left exactly as it was and the report goes to the terminal.

use crate::config::{load_validated, print_validation, InputArgs};
use crate::Outcome;
use anyhow::Context;
use std::path::PathBuf;

/// Arguments of `build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output directory, replaced whole on success.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `build`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let Some((loaded, report)) = load_validated(&args.input) else {
        return Ok(Outcome::InputError);
    };
    print_validation(&report);
    if !report.passed() {
        eprintln!(
            "zaitaku: validation failed; {} left untouched",
            args.out.display()
        );
        return Ok(Outcome::ValidationFailed);
    }
    let tables = zaitaku_export::tables::all(&loaded.reports);
    let files = zaitaku_export::render(&tables, &report).context("rendering the outputs")?;
    zaitaku_export::write::write_atomically(&args.out, &files)
        .with_context(|| format!("writing {}", args.out.display()))?;
    for t in &tables {
        eprintln!("zaitaku: {}: {} rows", t.name, t.height());
    }
    eprintln!(
        "zaitaku: wrote {} files to {}",
        files.len(),
        args.out.display()
    );
    Ok(Outcome::Ok)
}
