//! `zaitaku`: rebuilds the datasets of the Tokyo report 「在宅医療・介護連携推進事業の
//! 取組状況」 from its extracted text.
//!
//! Exit codes: 0 success; 1 the text parsed but a published figure disagrees
//! with the reconstruction; 2 an input cannot be read, decoded or parsed, or
//! the command line is wrong. On 1 and 2 nothing is written.
//!
//! The binary is the only part that does I/O. Each command reads its inputs
//! (`config`), runs the library crates' stages — `zaitaku_parse` (decode →
//! pages → parse → resolve, and the overrides), `zaitaku_validate` (checks),
//! `zaitaku_export` (tables, then `write_atomically`) — and renders every
//! message with its source line (`diagnostic`):
//!
//! ```text
//! zaitaku build --out output raw/*.txt     # every table, the report, the data package
//! zaitaku check raw/000_1fb60f2a74870bbb.txt   # the validation report, nothing written
//! zaitaku show consultation_windows raw/000_1fb60f2a74870bbb.txt --csv
//! zaitaku diff old.txt new.txt --format md   # what changed between two editions
//! zaitaku extract report.pdf > report.txt     # the text zaitaku reads from a PDF
//! ```
//!
//! The CLI's behaviour is tested end to end in `crates/zaitaku/tests/`
//! (fixtures under `tests/fixtures/`); the library crates' docs hold the
//! runnable examples.

#![forbid(unsafe_code)]

#[macro_use]
mod term;
mod cmd;
mod config;
mod diagnostic;
mod messages;
mod view;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Rebuilds clean, validated tables from the text of the report.
#[derive(Parser, Debug)]
#[command(name = "zaitaku", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour the messages: auto (on a terminal, unless NO_COLOR is set,
    /// CLICOLOR=0 or TERM=dumb), always, never.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    color: term::ColorChoice,
    /// Say only errors: no «read as» lines, totals or files written.
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse, validate and write every table (Parquet + CSV), the report and the data package.
    Build(cmd::build::Args),
    /// Parse and validate; print the report; write nothing.
    Check(cmd::check::Args),
    /// Print one reconstructed table to the terminal.
    Show(cmd::show::Args),
    /// What changed between two editions (texts or output directories).
    Diff(cmd::diff::Args),
    /// Print the text zaitaku reads from a PDF of the report (UTF-8, a form feed between pages).
    Extract(cmd::extract::Args),
}

/// How a command ended.
pub enum Outcome {
    /// Everything succeeded.
    Ok,
    /// A published figure disagrees with the reconstruction.
    ValidationFailed,
    /// An input could not be read, decoded or parsed.
    InputError,
}

fn main() -> ExitCode {
    // The PDF extractor panics on some damaged files; zaitaku_pdf::read
    // turns those into an error with a message of its own: no panic text
    // for them. Any other panic is printed as ever.
    let print_panic = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !zaitaku_pdf::extracting() {
            print_panic(info);
        }
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    term::Style::choose(
        cli.color,
        cli.quiet,
        |name| std::env::var(name).ok(),
        term::Style::stderr_is_terminal(),
    )
    .set();
    let outcome = match cli.command {
        Command::Build(a) => cmd::build::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Show(a) => cmd::show::run(a),
        Command::Diff(a) => cmd::diff::run(a),
        Command::Extract(a) => cmd::extract::run(a),
    };
    match outcome {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::ValidationFailed) => ExitCode::from(1),
        Ok(Outcome::InputError) => ExitCode::from(2),
        // The reader of our standard output went away: nothing to say.
        Err(e) if term::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            say!("zaitaku: {e:#}");
            ExitCode::from(2)
        }
    }
}
