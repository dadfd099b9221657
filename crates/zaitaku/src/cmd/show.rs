//! `zaitaku show TABLE INPUT`
//!
//! Prints one reconstructed table to the terminal: the columns that fit its
//! width (the others named under it), long values cut with «…», or one
//! record per block (`--vertical`); plain tab-separated rows when standard
//! output is not a terminal; CSV with `--csv`. `--columns` chooses columns,
//! `--where col=value` keeps rows. Validation runs too: a failed check is
//! reported on stderr, exit 1, but the table is still shown, since looking
//! at it is how one finds out why.

use crate::config::{load_validated, InputArgs};
use crate::view::Grid;
use crate::Outcome;
use std::io::IsTerminal;
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
    /// The columns to show, in this order: `--columns municipality_name,item,mark`.
    #[arg(long, value_delimiter = ',', value_name = "A,B,C")]
    columns: Vec<String>,
    /// Keep the rows whose column holds this text (repeatable; all must hold):
    /// `--where item=ア --where mark=◎`.
    #[arg(long = "where", value_name = "COLUMN=VALUE", value_parser = parse_filter)]
    filters: Vec<(String, String)>,
    /// One block per row, every column on its own line (psql's `\x`).
    #[arg(long)]
    vertical: bool,
    /// Lay the table out for this many columns, even when standard output is
    /// not a terminal (default: the terminal's width; plain rows for a pipe).
    #[arg(long, value_name = "COLUMNS")]
    width: Option<u16>,
}

/// `col=value` of `--where`.
fn parse_filter(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((c, v)) if !c.is_empty() => Ok((c.to_string(), v.to_string())),
        _ => Err(format!("expected COLUMN=VALUE, found «{s}»")),
    }
}

/// Runs `show`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let input = InputArgs {
        encoding: args.encoding,
        overrides: args.overrides.clone(),
        inputs: vec![args.input.clone()],
    };
    let Some(loaded) = load_validated(&input) else {
        return Ok(Outcome::InputError);
    };
    let tables = zaitaku_pipeline::tables::all(&loaded.reports, &loaded.validation);
    let Some(table) = tables.iter().find(|t| t.name == args.table) else {
        let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
        say!(
            "zaitaku: unknown table «{}»; expected one of {}",
            args.table,
            names.join(", ")
        );
        return Ok(Outcome::InputError);
    };
    // The frame is built for what it checks (a cell that does not fit its column).
    table.frame()?;
    if args.csv {
        let csv = zaitaku_export::write::table_csv(table);
        crate::term::stdout(&String::from_utf8_lossy(&csv))?;
    } else {
        let grid = match Grid::of(table, &args.columns, &args.filters) {
            Ok(grid) => grid,
            Err(e) => {
                say!(
                    "zaitaku: {} has no column «{}»; expected one of {}",
                    table.name,
                    e.name,
                    e.columns.join(", ")
                );
                return Ok(Outcome::InputError);
            }
        };
        let terminal = std::io::stdout().is_terminal();
        let width = args.width.map(usize::from).or_else(|| {
            terminal.then(|| comfy_table::Table::new().width().map_or(100, usize::from))
        });
        let text = match (width, args.vertical) {
            (None, _) => grid.plain(),
            (Some(w), true) => grid.vertical(w),
            (Some(w), false) => grid.boxed(w),
        };
        crate::term::stdout(&text)?;
    }
    if !loaded.validation.passed() {
        loaded.say_failures();
        return Ok(Outcome::ValidationFailed);
    }
    Ok(Outcome::Ok)
}
