//! `zaitaku show TABLE INPUT`
//!
//! Prints one reconstructed table to the terminal (all rows, all columns).
//! Validation runs too: a failed check is reported on stderr, exit 1, but the
//! table is still shown, since looking at it is how one finds out why.

use crate::config::{load_validated, print_validation, InputArgs};
use crate::Outcome;
use zaitaku_parse::decode::EncodingChoice;

/// Arguments of `show`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The table: a file stem of output/ (municipalities, municipality_answers, …).
    table: String,
    /// One edition of the report.
    input: std::path::PathBuf,
    /// Encoding of the input.
    #[arg(long, default_value = "auto", value_parser = |s: &str| s.parse::<EncodingChoice>())]
    encoding: EncodingChoice,
    /// A CSV pinning association × year cells (see `build --help`).
    #[arg(long, value_name = "FILE")]
    overrides: Option<std::path::PathBuf>,
    /// Print CSV instead of a formatted table.
    #[arg(long)]
    csv: bool,
}

/// Runs `show`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let input = InputArgs {
        encoding: args.encoding,
        overrides: args.overrides.clone(),
        inputs: vec![args.input.clone()],
    };
    let Some((loaded, report)) = load_validated(&input) else {
        return Ok(Outcome::InputError);
    };
    let tables = zaitaku_export::tables::all(&loaded.reports, &report);
    let Some(table) = tables.iter().find(|t| t.name == args.table) else {
        let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
        say!(
            "zaitaku: unknown table «{}»; expected one of {}",
            args.table,
            names.join(", ")
        );
        return Ok(Outcome::InputError);
    };
    let df = table.frame()?;
    if args.csv {
        let csv = zaitaku_export::write::table_csv(table);
        crate::term::stdout(&String::from_utf8_lossy(&csv))?;
    } else {
        // polars reads its display limits from the environment; -1 means all.
        std::env::set_var("POLARS_FMT_MAX_ROWS", "-1");
        std::env::set_var("POLARS_FMT_MAX_COLS", "-1");
        std::env::set_var("POLARS_FMT_STR_LEN", "60");
        crate::term::stdout(&format!("{df}\n"))?;
    }
    if !report.passed() {
        print_validation(&loaded, &report.summary());
        return Ok(Outcome::ValidationFailed);
    }
    Ok(Outcome::Ok)
}
