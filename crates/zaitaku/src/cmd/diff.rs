//! `zaitaku diff OLD NEW [--format text|md|csv|json] [--out DIR] [--exit-code]`
//!
//! What changed from OLD to NEW, each a raw text (any supported encoding;
//! parsed and validated) or an output directory built earlier (its newest
//! edition, read from its Parquet files). Prints a summary grouped and counted
//! (default), or the changes as Markdown, CSV (the `changes` table) or
//! JSON; `--out DIR` also writes the `changes` table (Parquet, CSV and its
//! data package) into DIR, atomically.
//!
//! Exit codes, as diff tools have them: 0 when the diff was computed,
//! whatever it found (with `--exit-code`, 1 when it found changes, as `git
//! diff --exit-code`); 1 when an input fails validation (named); 2 when an
//! input cannot be read.

use crate::config::{validated, InputArgs};
use crate::Exit;
use anyhow::Context;
use std::path::{Path, PathBuf};
use zaitaku_diff::render::{self, Side};
use zaitaku_diff::{Edition, Rows, TABLES};
use zaitaku_export::write::{datapackage, render_table, table_csv, CsvOptions};
use zaitaku_parse::decode::EncodingChoice;

/// How the changes are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A summary grouped by table and kind, one line per changed row.
    Text,
    /// Markdown: counts, then a table of changes per table.
    Md,
    /// The `changes` table as CSV.
    Csv,
    /// JSON: both editions, counts and every change.
    Json,
}

/// Arguments of `diff`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The older edition: its text or PDF, or an output directory of
    /// `zaitaku build` (its newest edition).
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The newer edition: its text or PDF, or an output directory.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// How to print the changes.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Also write the `changes` table (Parquet + CSV + datapackage.json)
    /// into DIR, replaced whole as `build --out` replaces its directory.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Exit 1 when there are changes (0 when none), as `git diff --exit-code`.
    #[arg(long)]
    exit_code: bool,
    /// Encoding of text inputs: auto, utf-8, shift_jis, euc-jp, utf-16le, utf-16be.
    #[arg(long, default_value = "auto", value_parser = |s: &str| s.parse::<EncodingChoice>())]
    encoding: EncodingChoice,
}

/// Runs `diff`.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    let target = match &args.out {
        Some(out) => match super::output_target(out, &[args.old.clone(), args.new.clone()]) {
            Ok(target) => Some(target),
            Err(outcome) => return Ok(outcome),
        },
        None => None,
    };
    let mut phases = crate::term::Phases::start();
    // Both sides read at once (a PDF's text is the slow part), as values;
    // then the old side, then the new, parsed and validated, each saying
    // what it read (both, even where the first fails).
    let parser = zaitaku_parse::Parser::new();
    let (old_read, new_read) = std::thread::scope(|scope| {
        let other = scope.spawn(|| read_side(&parser, &args.old, args.encoding));
        let new = read_side(&parser, &args.new, args.encoding);
        (other.join().ok().flatten(), new)
    });
    let old = edition(&parser, &args.old, old_read);
    let new = edition(&parser, &args.new, new_read);
    phases.lap("read both editions");
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(Exit::InputError), _) | (_, Err(Exit::InputError)) => return Ok(Exit::InputError),
        _ => return Ok(Exit::ValidationFailed),
    };
    let changes = zaitaku_diff::diff(&old, &new);
    phases.lap("compare");
    let (old_src, new_src) = (
        args.old.display().to_string(),
        args.new.display().to_string(),
    );
    let sides = (
        Side {
            edition: old.edition,
            source: &old_src,
        },
        Side {
            edition: new.edition,
            source: &new_src,
        },
    );
    // The `changes` table, built once where CSV or --out needs it.
    let table = (args.format == Format::Csv || args.out.is_some())
        .then(|| zaitaku_diff::table::changes(old.edition, new.edition, &changes));
    // Said beside the changes only: with none, "no changes" is all.
    let notes = if changes.is_empty() {
        Vec::new()
    } else {
        render::notes(&old, &new)
    };
    let printed = match args.format {
        Format::Text => render::terminal(&changes, sides.0, sides.1, &notes).into_bytes(),
        Format::Md => render::markdown(&changes, sides.0, sides.1, &notes).into_bytes(),
        Format::Json => render::json(&changes, sides.0, sides.1).into_bytes(),
        Format::Csv => table.as_ref().map(table_csv).unwrap_or_default(),
    };
    if let (Some(target), Some(t)) = (&target, &table) {
        let dir = target.given();
        let csv = CsvOptions::default();
        let mut files = render_table(t, csv)
            .with_context(|| format!("cannot write {}", dir.display()))?
            .to_vec();
        files.push(datapackage(std::slice::from_ref(&t.header()), csv, 0));
        match zaitaku_outdir::atomic::write_atomically(target, &files) {
            Ok(()) => {}
            Err(zaitaku_outdir::DirError::Refused(refusal)) => {
                super::say_refusal(&refusal);
                return Ok(Exit::InputError);
            }
            Err(e) => return Err(e).with_context(|| format!("cannot write {}", dir.display())),
        }
        note!(
            "zaitaku: changes: {} rows written to {}",
            changes.len(),
            dir.display()
        );
    }
    crate::term::stdout(&String::from_utf8_lossy(&printed))?;
    phases.lap("print");
    Ok(if args.exit_code && !changes.is_empty() {
        Exit::Differ
    } else {
        Exit::Ok
    })
}

/// One side as read: its text (or PDF's text), or `None` for an output
/// directory (read by [`edition`]) or standard input named twice.
fn read_side(
    parser: &zaitaku_parse::Parser,
    path: &Path,
    encoding: EncodingChoice,
) -> Option<zaitaku_pipeline::Inputs> {
    if path.is_dir() {
        return None;
    }
    crate::config::read_inputs(parser, &side_args(path, encoding))
}

/// The input arguments of one side.
fn side_args(path: &Path, encoding: EncodingChoice) -> InputArgs {
    InputArgs {
        encoding,
        overrides: None,
        inputs: vec![path.to_path_buf()],
    }
}

/// One side: an output directory's newest edition, or a text (`read`)
/// parsed, validated and turned into its tables. The error is how the
/// command ends (its messages already printed).
fn edition(
    parser: &zaitaku_parse::Parser,
    path: &Path,
    read: Option<zaitaku_pipeline::Inputs>,
) -> Result<Edition, Exit> {
    if path.is_dir() {
        return from_directory(path).map_err(|message| {
            say!("zaitaku: {}: {message}", path.display());
            Exit::InputError
        });
    }
    let Some(read) = read else {
        return Err(Exit::InputError);
    };
    let Some(loaded) = validated(parser, read, &side_args(path, EncodingChoice::Auto)) else {
        return Err(Exit::InputError);
    };
    let Some(report) = loaded.reports.first() else {
        return Err(Exit::InputError);
    };
    if !loaded.validation.passed() {
        loaded.say_failures();
        say!("zaitaku: {}: validation failed; no diff", path.display());
        return Err(Exit::ValidationFailed);
    }
    Ok(zaitaku_pipeline::tables::edition(report, &loaded.validation).1)
}

/// The newest edition of an output directory, read from its Parquet files
/// (each checked against its table: the columns, their types, an Enum's
/// vocabulary; the CSV files may be in another encoding and lose
/// characters, the Parquet files never do).
fn from_directory(dir: &Path) -> Result<Edition, String> {
    let mut tables = std::collections::BTreeMap::new();
    let headers = zaitaku_pipeline::tables::headers();
    for header in TABLES
        .iter()
        .filter_map(|t| headers.iter().find(|h| h.name == *t))
    {
        let name = header.name;
        let path = dir.join(format!("{name}.parquet"));
        if !path.is_file() {
            return Err(format!(
                "expected {name}.parquet of an output directory of `zaitaku build`"
            ));
        }
        let table = zaitaku_export::read::read_parquet(header, &path)
            .map_err(|e| format!("{name}.parquet: {e}"))?;
        tables.insert(name.to_string(), Rows::of(table));
    }
    Edition::newest_of(tables)
}
