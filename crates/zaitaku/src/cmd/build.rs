//! `zaitaku build [--out DIR] [--encoding …] INPUT...`
//!
//! Parses and validates every input, then writes every table as Parquet and
//! CSV, `datapackage.json` and the validation report into DIR (default
//! `output`), atomically. On a parse error (exit 2) or a failed check
//! (exit 1) DIR is left exactly as it was and the report goes to the terminal.

use crate::config::{load_validated, print_validation, InputArgs};
use crate::diagnostic::{line_starts, render, Diagnostic, Source};
use crate::Outcome;
use annotate_snippets::Level;
use anyhow::Context;
use std::path::PathBuf;
use zaitaku_export::write::{CsvEncoding, CsvOptions, ExportError};
use zaitaku_parse::model::Span;

/// Arguments of `build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output directory, replaced whole on success.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Put a UTF-8 byte order mark in front of every CSV (for Excel).
    #[arg(long)]
    csv_bom: bool,
    /// Encoding of the CSV files: utf-8 or cp932 (fails naming the line and
    /// character CP932 cannot hold).
    #[arg(long, default_value = "utf-8", value_parser = |s: &str| s.parse::<CsvEncoding>())]
    csv_encoding: CsvEncoding,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `build`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if args.csv_bom && args.csv_encoding != CsvEncoding::Utf8 {
        say!(
            "zaitaku: --csv-bom goes with UTF-8 only; expected no --csv-bom with --csv-encoding {}",
            args.csv_encoding.label()
        );
        return Ok(Outcome::InputError);
    }
    let csv = CsvOptions {
        bom: args.csv_bom,
        encoding: args.csv_encoding,
    };
    let mut phases = crate::term::Phases::start();
    let Some((loaded, report)) = load_validated(&args.input) else {
        return Ok(Outcome::InputError);
    };
    phases.lap("read, parse, validate");
    print_validation(&loaded, &report.summary());
    if !report.passed() {
        say!(
            "zaitaku: validation failed; {} left untouched",
            args.out.display()
        );
        return Ok(Outcome::ValidationFailed);
    }
    let tables = zaitaku_export::tables::all(&loaded.reports, &report);
    phases.lap("tables");
    let files = match zaitaku_export::render(&tables, &report, csv) {
        Ok(files) => files,
        Err(ExportError::Unencodable {
            file,
            line,
            column,
            character,
            code,
            text,
            at_column,
        }) => {
            // Where in the CSV that would be written, shown like an input error.
            let starts = line_starts(&text);
            let source = Source {
                path: &file,
                text: &text,
                starts: &starts,
                first_line: u32::try_from(line).unwrap_or(u32::MAX),
            };
            let d = Diagnostic {
                level: Level::ERROR,
                id: "encoding",
                title: format!("expected characters CP932 can hold in column {column}"),
                at: Span::line(0, source.first_line).at_column(at_column),
                label: format!("「{character}」 (U+{code:04X}) has no CP932 code"),
                also: Vec::new(),
                notes: vec!["write UTF-8 (the default) or change the text".into()],
            };
            say!("{}", render(source, &d));
            say!(
                "zaitaku: nothing written; {} left untouched",
                args.out.display()
            );
            return Ok(Outcome::InputError);
        }
        Err(e) => return Err(e).context("rendering the outputs"),
    };
    phases.lap("render");
    zaitaku_export::write::write_atomically(&args.out, &files)
        .with_context(|| format!("writing {}", args.out.display()))?;
    phases.lap("write");
    for t in &tables {
        say!("zaitaku: {}: {} rows", t.name, t.height());
    }
    say!(
        "zaitaku: wrote {} files to {}",
        files.len(),
        args.out.display()
    );
    Ok(Outcome::Ok)
}
