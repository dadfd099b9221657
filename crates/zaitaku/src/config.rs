//! Shared setup of the commands: reading, decoding and parsing the inputs,
//! with every error a user sees named by file, line and column.

use std::path::PathBuf;
use zaitaku_parse::decode::{decode, EncodingChoice};
use zaitaku_parse::model::Report;
use zaitaku_validate::ValidationReport;

/// `--encoding` and the inputs, shared by `build` and `check`.
#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Encoding of the inputs: auto, utf-8, shift_jis, euc-jp, utf-16le, utf-16be.
    #[arg(long, default_value = "auto", value_parser = parse_encoding)]
    pub encoding: EncodingChoice,
    /// A CSV pinning association × year cells the text cannot decide
    /// (edition,program,association,fiscal_year,participated[,reason]).
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,
    /// One text file per edition of the report.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

fn parse_encoding(s: &str) -> Result<EncodingChoice, String> {
    s.parse()
}

/// The parsed editions, in the order given.
pub struct Loaded {
    /// One report per input.
    pub reports: Vec<Report>,
}

/// Reads, decodes and parses every input. Prints every error (all of them,
/// not only the first) to stderr and returns `None` if there was any.
pub fn load(args: &InputArgs) -> Option<Loaded> {
    let mut reports: Vec<(PathBuf, Report)> = Vec::new();
    let mut failed = false;
    for path in &args.inputs {
        let shown = path.display();
        let bytes = match read_limited(path) {
            Ok(b) => b,
            Err(e) => {
                say!("zaitaku: {shown}: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        let decoded = match decode(&bytes, args.encoding) {
            Ok(d) => d,
            Err(e) => {
                say!("zaitaku: {shown}: {e}");
                failed = true;
                continue;
            }
        };
        match zaitaku_parse::parse_text(&decoded.text) {
            Ok(report) => {
                let bom = if decoded.had_bom { " with BOM" } else { "" };
                say!(
                    "zaitaku: {shown}: read as {}{bom}; edition {}",
                    decoded.encoding,
                    report.edition.as_of.iso()
                );
                if let Some((first, _)) = reports
                    .iter()
                    .find(|(_, r)| r.edition.as_of == report.edition.as_of)
                {
                    say!(
                        "zaitaku: {shown}: edition {} (line {}) is also {}; expected each input to be a different edition",
                        report.edition.as_of.iso(),
                        report.edition.span.line,
                        first.display()
                    );
                    failed = true;
                    continue;
                }
                reports.push((path.clone(), report));
            }
            Err(errors) => {
                for e in &errors.0 {
                    let p = e.position;
                    say!(
                        "zaitaku: {shown}:{}:{}: page {}: expected {}, found {}",
                        p.line,
                        p.column,
                        p.page,
                        e.expected,
                        e.found
                    );
                }
                failed = true;
            }
        }
    }
    if failed {
        return None;
    }
    let mut reports: Vec<Report> = reports.into_iter().map(|(_, r)| r).collect();
    if let Some(path) = &args.overrides {
        apply_overrides(path, &mut reports)?;
    }
    Some(Loaded { reports })
}

/// Reads a file, at most one byte past the input size limit (so a larger
/// file is refused by the decoder without being read whole).
fn read_limited(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let limit = zaitaku_parse::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads the overrides file and pins its cells; prints every bad line.
fn apply_overrides(path: &std::path::Path, reports: &mut [Report]) -> Option<()> {
    let shown = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            say!("zaitaku: {shown}: cannot read the overrides: {e}");
            return None;
        }
    };
    let applied = zaitaku_parse::overrides::parse(&text)
        .and_then(|o| zaitaku_parse::overrides::apply(reports, &o, &shown.to_string()));
    match applied {
        Ok(()) => Some(()),
        Err(errors) => {
            for e in errors {
                say!(
                    "zaitaku: {shown}:{}: expected {}, found {}",
                    e.line,
                    e.expected,
                    e.found
                );
            }
            None
        }
    }
}

/// Loads the inputs (see [`load`]) and validates them.
pub fn load_validated(args: &InputArgs) -> Option<(Loaded, ValidationReport)> {
    let loaded = load(args)?;
    let report = zaitaku_validate::validate(&loaded.reports);
    Some((loaded, report))
}

/// Prints the validation outcome to stderr: the failures, then (when a
/// check failed, since no report file is written then) the ambiguities about
/// the same figures, then a summary line.
pub fn print_validation(report: &ValidationReport) {
    for line in report.failure_lines() {
        say!("zaitaku: {line}");
    }
    if !report.passed() {
        for line in report.ambiguity_lines() {
            say!("zaitaku: {line}");
        }
    }
    let failed = report.failures().count();
    say!(
        "zaitaku: {} checks, {} passed, {} failed; {} ambiguities listed in the report (`zaitaku check` prints it)",
        report.checks.len(),
        report.checks.len() - failed,
        failed,
        report.ambiguities.len()
    );
}
