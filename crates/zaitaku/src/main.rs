//! `zaitaku`: rebuilds the datasets of the Tokyo report 「在宅医療・介護連携推進事業の
//! 取組状況」 from its extracted text.
//!
//! Exit codes: 0 success; 1 the text parsed but a published figure disagrees
//! with the reconstruction; 2 an input cannot be read, decoded or parsed, or
//! the command line is wrong. On 1 and 2 nothing is written (but for
//! `build --keep-failed`, which writes through a failed check and exits 1).
//!
//! The binary reads every input (`config`: the editions, the overrides file,
//! standard input) and prints every message; the pipeline's build writes
//! output/ through `zaitaku_export`'s atomic writer (and reads back the Parquet
//! files it wrote, for `tables.xlsx`); `zaitaku_parse` and `zaitaku_validate`
//! do no I/O at all (their clippy.toml disallows it). Each command runs the
//! library crates' stages — `zaitaku_parse` (decode → pages → parse →
//! resolve, and the overrides), `zaitaku_validate` (checks), `zaitaku_export`
//! (tables, then `write_atomically`) — and renders every message with its
//! source line (`diagnostic`):
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

/// Rebuilds the tables of the Tokyo report 「在宅医療・介護連携推進事業の取組状況」
/// (how the 62 municipalities run the home-care / nursing-care cooperation
/// program) from its PDF or any extractor's text, checks every value
/// against every figure the report prints, and writes Parquet, CSV, a data
/// package and a report page.
#[derive(Parser, Debug)]
#[command(name = "zaitaku", version, long_about, after_help = TOP_HELP)]
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
        value_name = "WHEN",
        display_order = 900
    )]
    color: term::ColorChoice,
    /// Say only errors: no «read as» lines, totals or files written.
    #[arg(short, long, global = true, display_order = 901)]
    quiet: bool,
}

/// The exit codes, as every command's help says them.
const EXIT_CODES: &str = "Exit codes: 0 success; 1 a published figure disagrees with the reconstruction (nothing written); 2 an input cannot be read, decoded or parsed, an --out is refused, or the command line is wrong (nothing written).";

/// What the top-level help adds under the commands.
const TOP_HELP: &str = "Examples:
  zaitaku build --out output raw/*.txt        every table, the report page, the data package
  zaitaku check report.pdf                     the validation report, nothing written
  zaitaku show consultation_windows raw/000_1fb60f2a74870bbb.txt --where municipality_name=千代田区
  zaitaku diff old.txt new.txt                 what changed between two editions

Exit codes: 0 success; 1 a published figure disagrees with the reconstruction (diff --exit-code: the editions differ); 2 an input cannot be read, decoded or parsed, an --out is refused, or the command line is wrong. Where a check fails or on 2, nothing is written.";

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse, validate and write every table (Parquet + CSV), the report and the data package.
    #[command(after_help = format!("Example:\n  zaitaku build --out output raw/*.txt\n\n{EXIT_CODES} The output directory is replaced whole, and only where it is new, empty or zaitaku's own output."))]
    Build(cmd::build::Args),
    /// Parse and validate; print the report; write nothing.
    #[command(after_help = format!("Example:\n  zaitaku check --format json raw/*.txt\n\n{EXIT_CODES}"))]
    Check(cmd::check::Args),
    /// Print one table, of an edition or of a build's output directory.
    #[command(after_help = cmd::show::help())]
    Show(cmd::show::Args),
    /// What changed between two editions (texts or output directories).
    #[command(
        after_help = "Example:\n  zaitaku diff old.txt new.txt --format md\n\nExit codes: 0 the diff was computed (with --exit-code: 1 when it found changes); 1 an input fails validation; 2 an input cannot be read."
    )]
    Diff(cmd::diff::Args),
    /// Print the text zaitaku reads from a PDF of the report (UTF-8, a form feed between pages).
    #[command(
        after_help = "Example:\n  zaitaku extract report.pdf > report.txt\n\nExit codes: 0 the text was printed; 2 the file is not a readable PDF."
    )]
    Extract(cmd::extract::Args),
}

/// How a command ended.
pub enum Exit {
    /// Everything succeeded.
    Ok,
    /// A published figure disagrees with the reconstruction.
    ValidationFailed,
    /// `diff --exit-code`: the editions differ.
    Differ,
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
        Ok(Exit::Ok) => ExitCode::SUCCESS,
        Ok(Exit::ValidationFailed | Exit::Differ) => ExitCode::from(1),
        Ok(Exit::InputError) => ExitCode::from(2),
        // The reader of our standard output went away: nothing to say.
        Err(e) if term::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            say!("zaitaku: {e:#}");
            ExitCode::from(2)
        }
    }
}
