//! `zaitaku show TABLE INPUT`
//!
//! Prints one table to the terminal: of one edition of the report, parsed
//! and validated here, or read back from a build's output directory (its
//! Parquet file: every edition of the build, `changes` included). The
//! columns that fit the width are shown (the others named under it), long
//! values cut with «…», or one record per block (`--vertical`); plain
//! tab-separated rows when standard output is not a terminal and neither
//! `--vertical` nor `--width` is given; CSV with `--csv`. `--columns`
//! chooses columns, `--where col=value` keeps rows and `--limit N` the
//! first N, in every form. The table's name is checked before the input is
//! read. For an edition, validation runs too: a failed check is reported
//! on stderr, exit 1, but the table is still shown, since looking at it is
//! how one finds out why.

use crate::config::{load_validated, InputArgs};
use crate::view::{select, some_values, Filter, Grid, SortKey};
use crate::Exit;
use std::io::IsTerminal;
use zaitaku_parse::decode::EncodingChoice;
use zaitaku_parse::suggest::did_you_mean;
use zaitaku_pipeline::tables::headers;
use zaitaku_table::names::{column, table as tables, CATALOG};
use zaitaku_table::{Kind, Table};

/// Arguments of `show`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The table: a file stem of output/ (municipalities, municipality_answers, …).
    table: String,
    /// One edition of the report (its PDF, or the text an extractor wrote
    /// from it; `-` reads standard input), or the output directory of
    /// `zaitaku build` or `diff --out`. Not needed with --schema.
    #[arg(required_unless_present = "schema")]
    input: Option<std::path::PathBuf>,
    /// List the table's columns with their types, Japanese labels and
    /// meanings (no input needed).
    #[arg(long)]
    schema: bool,
    /// Print only the number of rows (of those --where keeps).
    #[arg(long)]
    count: bool,
    /// Encoding of a text input: auto (the default), utf-8, shift_jis,
    /// euc-jp, utf-16le, utf-16be.
    #[arg(long, value_parser = |s: &str| s.parse::<EncodingChoice>())]
    encoding: Option<EncodingChoice>,
    /// A CSV pinning association × year cells of an edition (see `build --help`).
    #[arg(long, value_name = "FILE")]
    overrides: Option<std::path::PathBuf>,
    /// Print CSV instead of a formatted table.
    #[arg(long)]
    csv: bool,
    /// The columns to show, in this order: `--columns municipality_name,item,mark`.
    #[arg(long, value_delimiter = ',', value_name = "A,B,C")]
    columns: Vec<String>,
    /// Keep the rows whose column compares so with the value (repeatable;
    /// all must hold): `=`, `!=`, `<`, `<=`, `>`, `>=` (as numbers where both
    /// are), `~` (contains): `--where item=ア --where count_yes>=40`. A null
    /// is the empty text for `=` and `!=` (`--where name=` keeps the nulls)
    /// and is kept by no other operator.
    #[arg(long = "where", value_name = "COLUMN=VALUE", value_parser = Filter::parse)]
    filters: Vec<Filter>,
    /// Sort by these columns (numbers as numbers, nulls last); `-COLUMN`
    /// sorts largest first: `--sort area,-count_yes`.
    #[arg(long, value_delimiter = ',', value_name = "A,-B", allow_hyphen_values = true, value_parser = SortKey::parse)]
    sort: Vec<SortKey>,
    /// One block per row, every column on its own line (psql's `\x`).
    #[arg(long)]
    vertical: bool,
    /// Lay the table out for this many columns, even when standard output is
    /// not a terminal (default: the terminal's width; plain rows for a pipe).
    #[arg(long, value_name = "COLUMNS")]
    width: Option<u16>,
    /// Show the first N rows only (of those --where keeps).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

/// What `zaitaku show --help` adds: every table with its description
/// (the data package's), an example and the exit codes.
pub fn help() -> String {
    let width = CATALOG.iter().map(|e| e.name.len()).max().unwrap_or(0);
    let mut out = String::from("Tables:\n");
    for e in CATALOG {
        out.push_str(&format!("  {:<width$}  {}\n", e.name, e.description));
    }
    out.push_str(
        "\nExamples:\n  zaitaku show municipality_answers raw/000_1fb60f2a74870bbb.txt --where item=ア --columns municipality_name,question,mark\n  zaitaku show changes output --limit 20\n\n",
    );
    out.push_str("Exit codes: 0 the table was shown; 1 an edition's table was shown but one of its checks failed; 2 an unknown table or column, or an input or directory that cannot be read.");
    out
}

/// Runs `show`.
pub fn run(args: Args) -> anyhow::Result<Exit> {
    // The table is known before any input is read.
    if let Err(message) = known_table(&args.table, args.input.as_deref()) {
        say!("{message}");
        return Ok(Exit::InputError);
    }
    if args.schema {
        return schema(&args);
    }
    let Some(input) = args.input.clone() else {
        say!("zaitaku: show {} needs an INPUT: an edition's text or PDF, or a build's output directory", args.table);
        return Ok(Exit::InputError);
    };
    let (table, loaded) = match table_of(&args, input)? {
        Ok(found) => found,
        Err(outcome) => return Ok(outcome),
    };
    let table = &table;
    let chosen = match select(table, &args.columns, &args.filters, &args.sort) {
        Ok(chosen) => chosen,
        Err(e) => {
            say!(
                "zaitaku: {} has no column «{}»{}; expected one of {}",
                table.name,
                e.name,
                did_you_mean(&e.name, &e.columns),
                e.columns.join(", ")
            );
            return Ok(Exit::InputError);
        }
    };
    if args.count {
        crate::term::stdout(&format!("{}\n", chosen.height()))?;
        return Ok(validated(loaded));
    }
    if chosen.height() == 0 && !args.filters.is_empty() {
        say_no_rows(&args, table);
    }
    let total = chosen.height();
    let shown = match args.limit {
        Some(n) if n < total => chosen.select(
            &(0..chosen.columns.len()).collect::<Vec<_>>(),
            &(0..n).collect::<Vec<_>>(),
        ),
        _ => chosen,
    };
    print(&args, &shown)?;
    if shown.height() < total {
        note!(
            "zaitaku: {} of {total} rows shown (--limit {})",
            shown.height(),
            shown.height()
        );
    }
    Ok(validated(loaded))
}

/// The table asked for, read from an output directory or built from an
/// edition (kept, for its validation); the inner error is how `show` ends.
fn table_of(
    args: &Args,
    input: std::path::PathBuf,
) -> anyhow::Result<Result<(Table, Option<crate::config::Loaded>), Exit>> {
    if input.is_dir() {
        return Ok(from_directory(args, &input).map(|table| (table, None)));
    }
    let input = InputArgs {
        encoding: args.encoding.unwrap_or_default(),
        overrides: args.overrides.clone(),
        inputs: vec![input],
    };
    let Some(loaded) = load_validated(&input) else {
        return Ok(Err(Exit::InputError));
    };
    let tables = zaitaku_pipeline::tables::all(&loaded.reports, &loaded.validation);
    let Some(table) = tables.into_iter().find(|t| t.name == args.table) else {
        say!("zaitaku: the build made no table «{}»", args.table);
        return Ok(Err(Exit::InputError));
    };
    // The frame is built for what it checks (a cell that does not fit its column).
    zaitaku_export::frame::frame(&table)?;
    Ok(Ok((table, Some(loaded))))
}

/// Says, for each `--where` of a selection without rows, what its column
/// holds instead.
fn say_no_rows(args: &Args, table: &Table) {
    for Filter { column, value, .. } in &args.filters {
        let (values, n) = some_values(table, column, 8);
        note!(
            "zaitaku: {column}={value}: {}; {column} holds {n} value{} here, e.g. {}",
            if values.iter().any(|v| v == value) {
                "holds, but not with the other --where"
            } else {
                "no row holds it"
            },
            if n == 1 { "" } else { "s" },
            values
                .iter()
                .map(|v| format!("«{v}»"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}

/// Prints `shown`: as CSV, or a grid as wide as the terminal (or `--width`).
fn print(args: &Args, shown: &Table) -> anyhow::Result<()> {
    if args.csv {
        let csv = zaitaku_export::write::table_csv(shown);
        crate::term::stdout(&String::from_utf8_lossy(&csv))?;
    } else {
        let grid = Grid::of(shown);
        let terminal = std::io::stdout().is_terminal();
        let terminal_width = || comfy_table::Table::new().width().map_or(100, usize::from);
        // An explicit --width or --vertical wins over a pipe.
        let width = args
            .width
            .map(usize::from)
            .or_else(|| (terminal || args.vertical).then(terminal_width));
        let text = match (width, args.vertical) {
            (None, _) => grid.plain(),
            (Some(w), true) => grid.vertical(w),
            (Some(w), false) => grid.boxed(w, kept_columns(&args.table)),
        };
        crate::term::stdout(&text)?;
    }
    Ok(())
}

/// Exit 1 where the edition shown failed a check (its failures said), else 0.
fn validated(loaded: Option<crate::config::Loaded>) -> Exit {
    match loaded.filter(|l| !l.validation.passed()) {
        Some(loaded) => {
            loaded.say_failures();
            Exit::ValidationFailed
        }
        None => Exit::Ok,
    }
}

/// `--schema`: the table's columns, each with its type, Japanese label and
/// meaning, as `show` prints a table (a grid on a terminal, tab-separated
/// rows into a pipe, CSV with `--csv`).
fn schema(args: &Args) -> anyhow::Result<Exit> {
    let Some(header) = headers().into_iter().find(|t| t.name == args.table) else {
        say!("zaitaku: the build makes no table «{}»", args.table);
        return Ok(Exit::InputError);
    };
    let rows: Vec<Vec<String>> = (header.columns.iter())
        .map(|(m, _)| {
            let kind = match m.kind {
                Kind::Str => "string".to_string(),
                Kind::Int => "int32".to_string(),
                Kind::Float => "float64".to_string(),
                Kind::Bool => "boolean".to_string(),
                Kind::Date => "date".to_string(),
                Kind::Enum(values) => format!("enum({})", values.join(", ")),
            };
            let key = if header.key.contains(&m.name) {
                "key"
            } else {
                ""
            };
            vec![
                m.name.to_string(),
                kind,
                key.to_string(),
                m.title_ja.to_string(),
                m.description.to_string(),
            ]
        })
        .collect();
    let grid = Grid {
        columns: vec!["column", "type", "key", "label_ja", "description"],
        numeric: vec![false; 5],
        rows,
    };
    let text = if args.csv {
        let mut out = Vec::new();
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(&grid.columns)?;
        for row in &grid.rows {
            w.write_record(row)?;
        }
        drop(w);
        String::from_utf8_lossy(&out).into_owned()
    } else if args.width.is_some() || std::io::stdout().is_terminal() {
        let width = args.width.map_or_else(
            || comfy_table::Table::new().width().map_or(100, usize::from),
            usize::from,
        );
        grid.boxed(width, &["column", "type", "description"])
    } else {
        grid.plain()
    };
    crate::term::stdout(&text)?;
    Ok(Exit::Ok)
}

/// The table `args.table` of the output directory `args.input`, read
/// from its Parquet file; else the command's outcome, its message said.
fn from_directory(args: &Args, input: &std::path::Path) -> Result<Table, Exit> {
    let dir = input.display();
    if args.overrides.is_some() {
        say!("zaitaku: {dir} is a build's output directory, whose tables were built with any pins already: --overrides applies to an edition's text");
        return Err(Exit::InputError);
    }
    if args.encoding.is_some() {
        say!("zaitaku: {dir} is a build's output directory, whose tables are read from Parquet (UTF-8): --encoding applies to an edition's text");
        return Err(Exit::InputError);
    }
    let Some(header) = headers().into_iter().find(|t| t.name == args.table) else {
        say!("zaitaku: no table «{}»", args.table);
        return Err(Exit::InputError);
    };
    let path = input.join(format!("{}.parquet", args.table));
    if !path.is_file() {
        let held: Vec<&str> = CATALOG
            .iter()
            .map(|e| e.name)
            .filter(|name| input.join(format!("{name}.parquet")).is_file())
            .collect();
        if held.is_empty() {
            say!("zaitaku: {dir} holds no table: expected the output directory of `zaitaku build` (its {}.parquet), or one edition's text or PDF", args.table);
        } else {
            say!(
                "zaitaku: {dir} holds no {}.parquet; it holds {}",
                args.table,
                held.join(", ")
            );
        }
        return Err(Exit::InputError);
    }
    zaitaku_export::read::read_parquet(&header, &path).map_err(|e| {
        say!("zaitaku: {}: {e}", path.display());
        Exit::InputError
    })
}

/// The columns of `table` a narrow terminal keeps longest, most wanted
/// first: what names a row for a person and the values it holds.
fn kept_columns(table: &str) -> &'static [&'static str] {
    match table {
        tables::PROGRAM_SUMMARY => &[
            column::ITEM,
            column::QUESTION,
            column::SUB_QUESTION,
            column::COUNT_CURRENT,
            column::PCT_CURRENT,
            column::COUNT_PREVIOUS,
            column::PCT_PREVIOUS,
            column::CHANGE_PCT,
        ],
        tables::QUESTION_SUMMARY => &[
            column::ITEM,
            column::QUESTION,
            column::SUB_QUESTION,
            column::OPTION,
            column::COUNT_YES,
            column::PCT_YES,
            column::COUNT_NO,
            column::PCT_NO,
        ],
        tables::MUNICIPALITY_ANSWERS => &[
            column::MUNICIPALITY_NAME,
            column::ITEM,
            column::QUESTION,
            column::SUB_QUESTION,
            column::MARK,
            column::STATUS,
        ],
        tables::MUNICIPALITY_CHOICES => &[
            column::MUNICIPALITY_NAME,
            column::ITEM,
            column::QUESTION,
            column::OPTION,
            column::RAW_TEXT,
        ],
        tables::ASSOCIATION_PROGRAMS => {
            &[column::PROGRAM, column::ASSOCIATION, column::YEARS_MARKED]
        }
        tables::ASSOCIATION_PROGRAM_YEARS => &[
            column::PROGRAM,
            column::ASSOCIATION,
            column::FISCAL_YEAR,
            column::PARTICIPATED,
            column::RESOLUTION,
        ],
        tables::ASSOCIATION_PROGRAM_TOTALS => {
            &[column::PROGRAM, column::FISCAL_YEAR, column::COUNT]
        }
        tables::CONSULTATION_WINDOWS => &[
            column::MUNICIPALITY_NAME,
            column::NAME,
            column::PHONE,
            column::WINDOW_NO,
            column::LOCATION,
        ],
        tables::WINDOW_PLANS => &[column::MUNICIPALITY_NAME, column::PLANNED_OPENING],
        tables::VALIDATION_CHECKS => &[
            column::CHECK_ID,
            column::STATUS,
            column::PUBLISHED,
            column::RECONSTRUCTED,
        ],
        tables::AMBIGUITIES => &[column::AMBIGUITY_ID, column::KIND, column::SUBJECT],
        tables::CHANGES => &[
            column::TABLE,
            column::KEY,
            column::FIELD,
            column::OLD,
            column::NEW,
            column::KIND,
        ],
        tables::MUNICIPALITIES => &[
            column::MUNICIPALITY_NAME,
            column::KIND,
            column::AREA,
            column::IN_SURVEY,
        ],
        _ => &[column::MUNICIPALITY_NAME],
    }
}

/// Whether `table` names a table a build writes; else what to say: the
/// arguments given the other way round, or a near name, and every table.
fn known_table(table: &str, input: Option<&std::path::Path>) -> Result<(), String> {
    let names: Vec<&str> = CATALOG.iter().map(|e| e.name).collect();
    if names.contains(&table) {
        return Ok(());
    }
    let given = input.map_or_else(String::new, |i| i.to_string_lossy().into_owned());
    if names.contains(&given.as_ref()) {
        return Err(format!(
            "zaitaku: «{table}» is not a table and «{given}» is: the table comes first, e.g. zaitaku show {given} {table}"
        ));
    }
    Err(format!(
        "zaitaku: unknown table «{table}»{}; expected one of {} (zaitaku show --help describes each)",
        did_you_mean(table, &names),
        names.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_kept_longest_is_a_column_of_its_table() {
        let text = include_str!("../../../../raw/000_1fb60f2a74870bbb.txt");
        let report = zaitaku_parse::parse_text(text).unwrap();
        let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
        let tables = zaitaku_pipeline::tables::all(std::slice::from_ref(&report), &validation);
        assert_eq!(tables.len(), CATALOG.len());
        for t in &tables {
            for c in kept_columns(t.name) {
                assert!(
                    t.columns.iter().any(|(m, _)| m.name == *c),
                    "{} has no column {c}",
                    t.name
                );
            }
        }
    }
}
