//! Shared setup of the commands: reading, decoding and parsing the inputs,
//! with every error a user sees named by file, line and column.

use crate::diagnostic::{line_starts, render, Diagnostic, Source};
use annotate_snippets::Level;
use std::path::PathBuf;
use zaitaku_parse::decode::{decode, EncodingChoice};
use zaitaku_parse::error::{ErrorKind, ParseError};
use zaitaku_parse::model::{Report, Span};
use zaitaku_validate::ValidationReport;

/// `--encoding` and the inputs, shared by `build` and `check`.
#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Encoding of the inputs: auto, utf-8, shift_jis, euc-jp, utf-16le, utf-16be.
    #[arg(long, default_value = "auto", value_parser = parse_encoding)]
    pub encoding: EncodingChoice,
    /// A CSV pinning association × year cells the text cannot decide
    /// (`edition,program,association,fiscal_year,participated[,reason]`).
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,
    /// One text file per edition of the report.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

fn parse_encoding(s: &str) -> Result<EncodingChoice, String> {
    s.parse()
}

/// An input as read: its path as given and its decoded text, with where its
/// lines start, found only when a message shows one of its lines.
pub struct Input {
    path: String,
    text: String,
    starts: std::sync::OnceLock<Vec<usize>>,
}

impl Input {
    fn new(path: String, text: String) -> Self {
        Input {
            path,
            text,
            starts: std::sync::OnceLock::new(),
        }
    }

    /// Drops the text (messages then show no source line for this input).
    fn forget_text(&mut self) {
        self.text = String::new();
        self.starts = std::sync::OnceLock::new();
    }

    /// The input as a file messages can point into.
    pub fn source(&self) -> Source<'_> {
        Source {
            path: &self.path,
            text: &self.text,
            starts: self.starts.get_or_init(|| line_starts(&self.text)),
            first_line: 1,
        }
    }
}

/// The parsed editions, in the order given, with the text each was read
/// from (for messages that show a source line).
pub struct Loaded {
    /// One report per input.
    pub reports: Vec<Report>,
    /// Per report, the input it was read from.
    pub inputs: Vec<Input>,
}

impl Loaded {
    /// The file an edition (ISO as-of date) was read from.
    pub fn source_of(&self, edition: &str) -> Option<Source<'_>> {
        self.reports
            .iter()
            .zip(&self.inputs)
            .find(|(r, _)| r.edition.as_of.iso() == edition)
            .map(|(_, input)| input.source())
            .filter(|s| !s.text.is_empty())
    }
}

/// What reading one input gave: the messages it prints, in order, and the
/// edition with its input if it parsed.
struct Read {
    messages: Vec<String>,
    parsed: Option<(Report, Input)>,
}

/// Reads, decodes and parses one input.
fn read_one(path: &std::path::Path, encoding: EncodingChoice) -> Read {
    let shown = path.display().to_string();
    let mut messages = Vec::new();
    let bytes = match read_limited(path) {
        Ok(b) => b,
        Err(e) => {
            messages.push(format!("zaitaku: {shown}: cannot read: {e}"));
            return Read {
                messages,
                parsed: None,
            };
        }
    };
    let decoded = match decode(&bytes, encoding) {
        Ok(d) => d,
        Err(e) => {
            messages.push(decode_error(&shown, &e));
            return Read {
                messages,
                parsed: None,
            };
        }
    };
    drop(bytes);
    let input = Input::new(shown.clone(), decoded.text);
    match zaitaku_parse::parse_text(&input.text) {
        Ok(report) => {
            let bom = if decoded.had_bom { " with BOM" } else { "" };
            messages.push(format!(
                "zaitaku: {shown}: read as {}{bom}; edition {}",
                decoded.encoding,
                report.edition.as_of.iso()
            ));
            Read {
                messages,
                parsed: Some((report, input)),
            }
        }
        Err(errors) => {
            for e in errors.0.iter().take(MAX_ERRORS_SHOWN) {
                messages.push(render(input.source(), &parse_diagnostic(e)));
            }
            let more = errors.0.len().saturating_sub(MAX_ERRORS_SHOWN);
            if more > 0 {
                messages.push(format!(
                    "zaitaku: {shown}: {more} more parse error(s) not shown"
                ));
            }
            messages.push(format!(
                "zaitaku: {shown}: {} parse error(s); nothing written",
                errors.0.len()
            ));
            Read {
                messages,
                parsed: None,
            }
        }
    }
}

/// Reads, decodes and parses every input, each on its own (in parallel on
/// the machine's cores). Prints every message in the order of the inputs,
/// every error (all of them, not only the first), and returns `None` if
/// there was any. The editions come out sorted by their as-of date, so what
/// follows never depends on the order of the arguments.
pub fn load(args: &InputArgs) -> Option<Loaded> {
    use rayon::prelude::*;
    let read: Vec<Read> = args
        .inputs
        .par_iter()
        .map(|path| read_one(path, args.encoding))
        .collect();
    let mut loaded = Loaded {
        reports: Vec::new(),
        inputs: Vec::new(),
    };
    let mut failed = false;
    for Read { messages, parsed } in read {
        for m in messages {
            say!("{m}");
        }
        let Some((report, input)) = parsed else {
            failed = true;
            continue;
        };
        let earlier = (loaded.reports.iter()).position(|r| r.edition.as_of == report.edition.as_of);
        if let Some(first) = earlier.and_then(|k| loaded.inputs.get(k)) {
            let d = Diagnostic {
                level: Level::ERROR,
                id: "edition",
                title: format!(
                    "page {}: expected each input to be a different edition",
                    report.edition.span.page
                ),
                at: report.edition.span,
                label: format!(
                    "edition {}, also read from {}",
                    report.edition.as_of.iso(),
                    first.path
                ),
                also: Vec::new(),
                notes: Vec::new(),
            };
            say!("{}", render(input.source(), &d));
            failed = true;
            continue;
        }
        loaded.reports.push(report);
        loaded.inputs.push(input);
    }
    if failed {
        return None;
    }
    let mut editions: Vec<(Report, Input)> =
        loaded.reports.into_iter().zip(loaded.inputs).collect();
    editions.sort_by_key(|(r, _)| r.edition.as_of);
    let (mut reports, inputs): (Vec<Report>, Vec<Input>) = editions.into_iter().unzip();
    if let Some(path) = &args.overrides {
        apply_overrides(path, &mut reports)?;
    }
    Some(Loaded { reports, inputs })
}

/// An error of the parse crate as a message: its kind, the page where one
/// is known and what was expected; what was found under the caret.
fn parse_diagnostic(e: &ParseError) -> Diagnostic<'static> {
    let title = match e.kind {
        ErrorKind::Decode | ErrorKind::Limit | ErrorKind::Overrides => {
            format!("expected {}", e.expected)
        }
        _ => format!("page {}: expected {}", e.position.page, e.expected),
    };
    Diagnostic {
        level: Level::ERROR,
        id: e.kind.id(),
        title,
        at: e.position,
        label: format!("found {}", e.found),
        also: Vec::new(),
        notes: Vec::new(),
    }
}

/// A decode error, with the damaged line where it has one.
fn decode_error(shown: &str, e: &ParseError) -> String {
    let line = e.source_line.as_deref().unwrap_or_default();
    // No line to show for an empty, oversized or undetected file.
    let starts = if e.source_line.is_some() {
        line_starts(line)
    } else {
        Vec::new()
    };
    let source = Source {
        path: shown,
        text: line,
        starts: &starts,
        first_line: e.position.line,
    };
    let mut d = parse_diagnostic(e);
    if e.kind == ErrorKind::Decode && e.source_line.is_some() {
        d.notes
            .push("use --encoding to read the file in another encoding".into());
    }
    render(source, &d)
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
    let applied = zaitaku_parse::resolve::overrides::parse(&text)
        .and_then(|o| zaitaku_parse::resolve::overrides::apply(reports, &o, &shown.to_string()));
    match applied {
        Ok(()) => Some(()),
        Err(errors) => {
            let shown = shown.to_string();
            let starts = line_starts(&text);
            let source = Source {
                path: &shown,
                text: &text,
                starts: &starts,
                first_line: 1,
            };
            for e in errors {
                // The caret under the field found, where the line holds it.
                let field = e.found.trim_start_matches('«').trim_end_matches('»');
                let mut d = parse_diagnostic(&e);
                d.at = crate::diagnostic::locate_field(source, e.position, field);
                say!("{}", render(source, &d));
            }
            None
        }
    }
}

/// Loads the inputs (see [`load`]) and validates them.
pub fn load_validated(args: &InputArgs) -> Option<(Loaded, ValidationReport)> {
    use rayon::prelude::*;
    let mut loaded = load(args)?;
    // Each edition on its own, in parallel; merged in edition order.
    let each: Vec<ValidationReport> = loaded
        .reports
        .par_iter()
        .map(|r| zaitaku_validate::validate(std::slice::from_ref(r)))
        .collect();
    let mut report = ValidationReport::default();
    for (one, input) in each.into_iter().zip(&mut loaded.inputs) {
        if one.passed() {
            // Only a failed check shows its source lines.
            input.forget_text();
        }
        report.checks.extend(one.checks);
        report.ambiguities.extend(one.ambiguities);
    }
    Some((loaded, report))
}

/// Prints the validation outcome to stderr: each failed check with the
/// source lines it is about (the published figure under the caret), then
/// (when a check failed, since no report file is written then) the
/// ambiguities about the same figures, then a summary line.
pub fn print_validation(loaded: &Loaded, report: &ValidationReport) {
    for (check, line) in report.failures().zip(report.failure_lines()) {
        let source = loaded.source_of(&check.edition);
        // Each line once, in the check's order, as many as are shown.
        let mut spans: Vec<Span> = Vec::new();
        for s in &check.spans {
            if spans.len() > MAX_PLACES {
                break;
            }
            if !spans.iter().any(|t| t.line == s.line) {
                spans.push(*s);
            }
        }
        match (source, spans.split_first()) {
            (Some(source), Some((first, rest))) => {
                let d = Diagnostic {
                    level: Level::ERROR,
                    id: "check",
                    title: line,
                    at: crate::diagnostic::locate(source, *first, &check.expected),
                    label: match check.printed_at {
                        Some(_) => format!("published {}", check.expected),
                        None => "what the check is about starts here".to_string(),
                    },
                    also: rest
                        .iter()
                        .take(MAX_PLACES)
                        .map(|s| (*s, "also about this line".to_string()))
                        .chain(
                            check
                                .suspects
                                .iter()
                                .take(MAX_PLACES)
                                .map(|s| (s.span, format!("may explain it: {}", s.why))),
                        )
                        .collect(),
                    notes: Vec::new(),
                };
                say!("{}", render(source, &d));
            }
            _ => say!("zaitaku: {line}"),
        }
    }
    if !report.passed() {
        for line in report.ambiguity_lines() {
            say!("zaitaku: {line}");
        }
    }
    let failed = report.failures().count();
    say!(
        "zaitaku: {} checks, {} passed, {} failed; {} ambiguities listed in the report (`zaitaku check --all` prints every row)",
        report.checks.len(),
        report.checks.len() - failed,
        failed,
        report.ambiguities.len()
    );
}

/// Parse errors shown per input (all are counted): a damaged copy can hold
/// thousands, and the first ones are where to start.
const MAX_ERRORS_SHOWN: usize = 50;

/// Source lines shown for one failed check besides the first.
const MAX_PLACES: usize = 6;
