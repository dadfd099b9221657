//! Shared setup of the commands: reading, decoding, parsing and validating
//! the inputs, each edition on its own (in parallel), with every error a
//! user sees named by file, line and column.
//!
//! The stages: [`read_texts`] reads and decodes every input and finds the
//! edition it prints, so that the inputs can be taken in edition order (and
//! two inputs of one edition refused) before any is parsed; [`Overrides`]
//! reads the pins; [`process`] parses, pins and validates one edition and
//! renders what its user must see. `build` streams the editions through
//! [`process`] into its tables; `check` and `show` keep them all
//! ([`load_validated`]).

use crate::diagnostic::{line_starts, render, Diagnostic, Source};
use annotate_snippets::Level;
use std::path::PathBuf;
use zaitaku_parse::decode::{decode, EncodingChoice};
use zaitaku_parse::error::{ErrorKind, ParseError};
use zaitaku_parse::model::{Edition, Report, Span};
use zaitaku_parse::resolve::overrides::{self, Override};
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

    /// The decoded text.
    pub fn text(&self) -> &str {
        &self.text
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

/// An input read and decoded, with the edition it prints (if one reads).
pub struct Text {
    /// The input, as its file and text.
    pub input: Input,
    /// The encoding it was read as, for the terminal.
    encoding: &'static str,
    had_bom: bool,
    /// Read from a PDF: its lines are the text `zaitaku extract` writes.
    from_pdf: bool,
    /// The edition, read without parsing the tables.
    pub edition: Option<Edition>,
}

/// Reads and decodes every input in parallel and finds each one's edition.
/// Prints the errors in input order and refuses two inputs of one edition.
/// Returns the texts in edition order (an input whose edition does not read
/// last, where parsing will say why), and whether every input was read.
pub fn read_texts(args: &InputArgs) -> (Vec<Text>, bool) {
    use rayon::prelude::*;
    let read: Vec<Result<Text, String>> = args
        .inputs
        .par_iter()
        .map(|path| read_text(path, args.encoding))
        .collect();
    let mut ok = true;
    let mut texts: Vec<Text> = Vec::new();
    for r in read {
        let text = match r {
            Ok(t) => t,
            Err(message) => {
                say!("{message}");
                ok = false;
                continue;
            }
        };
        let earlier = text.edition.as_ref().and_then(|e| {
            texts
                .iter()
                .find(|t| t.edition.as_ref().is_some_and(|f| f.as_of == e.as_of))
        });
        if let (Some(e), Some(first)) = (&text.edition, earlier) {
            let d = Diagnostic {
                level: Level::ERROR,
                id: "edition",
                title: format!(
                    "page {}: expected each input to be a different edition",
                    e.span.page
                ),
                at: e.span,
                label: format!(
                    "edition {}, also read from {}",
                    e.as_of.iso(),
                    first.input.path
                ),
                also: Vec::new(),
                notes: Vec::new(),
            };
            say!("{}", render(text.input.source(), &d));
            ok = false;
            continue;
        }
        texts.push(text);
    }
    // Stable: inputs whose edition does not read keep their order, last.
    texts.sort_by_key(|t| t.edition.as_ref().map_or((1, None), |e| (0, Some(e.as_of))));
    (texts, ok)
}

/// How a PDF input is said to be read (`read as …`): its text as `zaitaku
/// extract` writes it, which the lines of every message refer to.
const PDF_READ_AS: &str =
    "a PDF (its text as `zaitaku extract` writes it: lines of messages are that text's)";

/// Reads and decodes one input, and finds its edition; or the message why not.
fn read_text(path: &std::path::Path, encoding: EncodingChoice) -> Result<Text, String> {
    let shown = path.display().to_string();
    let bytes = read_limited(path).map_err(|e| format!("zaitaku: {shown}: cannot read: {e}"))?;
    let from_pdf = zaitaku_pdf::is_pdf(&bytes);
    let decoded = if from_pdf {
        // Its lines are those `zaitaku extract` writes; its pages the PDF's.
        let pdf = zaitaku_pdf::read(&bytes).map_err(|e| format!("zaitaku: {shown}: {e}"))?;
        zaitaku_parse::decode::Decoded {
            text: pdf.text(),
            encoding: PDF_READ_AS,
            had_bom: false,
        }
    } else {
        decode(&bytes, encoding).map_err(|e| decode_error(&shown, &e))?
    };
    drop(bytes);
    let edition = zaitaku_parse::edition_of(&decoded.text);
    Ok(Text {
        input: Input::new(shown, decoded.text),
        encoding: decoded.encoding,
        had_bom: decoded.had_bom,
        from_pdf,
        edition,
    })
}

/// The overrides file (`--overrides`), read once, its pins applied edition
/// by edition.
pub struct Overrides {
    path: String,
    text: String,
    pins: Vec<Override>,
}

impl Overrides {
    /// Reads and parses the file, and checks that each pin names the
    /// edition of an input; prints every bad line. `None` on any error.
    pub fn load(path: &std::path::Path, texts: &[Text]) -> Option<Overrides> {
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                say!("zaitaku: {shown}: cannot read the overrides: {e}");
                return None;
            }
        };
        let o = Overrides {
            path: shown,
            text,
            pins: Vec::new(),
        };
        let pins = match overrides::parse(&o.text) {
            Ok(pins) => pins,
            Err(errors) => {
                o.say_errors(errors);
                return None;
            }
        };
        // A pin for an edition no input prints: the same error as applying it.
        let editions: Vec<String> = (texts.iter())
            .filter_map(|t| t.edition.as_ref().map(|e| e.as_of.iso()))
            .collect();
        let unknown: Vec<Override> = (pins.iter())
            .filter(|p| !editions.contains(&p.edition))
            .cloned()
            .collect();
        if let Err(errors) = overrides::apply(&mut [], &unknown, &o.path) {
            o.say_errors(errors);
            return None;
        }
        Some(Overrides { pins, ..o })
    }

    /// Pins this file's cells of `report`'s edition.
    fn apply(&self, report: &mut Report) -> Result<(), Vec<ParseError>> {
        let iso = report.edition.as_of.iso();
        let mine: Vec<Override> = (self.pins.iter())
            .filter(|p| p.edition == iso)
            .cloned()
            .collect();
        if mine.is_empty() {
            return Ok(());
        }
        overrides::apply(std::slice::from_mut(report), &mine, &self.path)
    }

    /// Prints errors of this file, in line order, each with its line.
    pub fn say_errors(&self, mut errors: Vec<ParseError>) {
        errors.sort_by_key(|e| e.position.line);
        let starts = line_starts(&self.text);
        let source = Source {
            path: &self.path,
            text: &self.text,
            starts: &starts,
            first_line: 1,
        };
        for e in errors {
            // The caret under the field found, where the line holds it.
            let field = e.found.text();
            let mut d = parse_diagnostic(&e);
            d.at = crate::diagnostic::locate_field(source, e.position, field);
            say!("{}", render(source, &d));
        }
    }
}

/// What one edition gave: the messages it prints first (what it was read
/// as, or its parse errors), then, if it parsed, the edition with its
/// validation and the messages of its failed checks.
pub struct Processed {
    /// Printed first, in edition order.
    pub messages: Vec<String>,
    /// Errors of the overrides file for this edition.
    pub override_errors: Vec<ParseError>,
    /// The edition, pinned and validated, if it parsed.
    pub edition: Option<(Report, ValidationReport)>,
    /// Each failed check with the source lines it is about.
    pub failures: Vec<String>,
    /// The ambiguities about what its failed checks are about.
    pub notes: Vec<String>,
}

/// Parses one text, pins its overrides and validates it.
pub fn process(text: &Text, pins: Option<&Overrides>) -> Processed {
    let input = &text.input;
    let mut out = Processed {
        messages: Vec::new(),
        override_errors: Vec::new(),
        edition: None,
        failures: Vec::new(),
        notes: Vec::new(),
    };
    let mut report = match zaitaku_parse::parse_text(&input.text) {
        Ok(report) => report,
        Err(errors) => {
            for e in errors.0.iter().take(MAX_ERRORS_SHOWN) {
                out.messages
                    .push(render(input.source(), &parse_diagnostic(e)));
            }
            let more = errors.0.len().saturating_sub(MAX_ERRORS_SHOWN);
            if more > 0 {
                out.messages.push(format!(
                    "zaitaku: {}: {more} more parse error(s) not shown",
                    input.path
                ));
            }
            out.messages.push(format!(
                "zaitaku: {}: {} parse error(s); nothing written",
                input.path,
                errors.0.len()
            ));
            if text.from_pdf {
                // The lines above are the PDF's text as read: say how to see it.
                out.messages.push(format!(
                    "zaitaku: {}: the PDF's text does not read as the report: `zaitaku extract {}` prints it (a PDF that draws its lines out of order reads so); the text of an extractor that orders lines by their place on the page (pdftotext, PyMuPDF) may read",
                    input.path, input.path
                ));
            }
            return out;
        }
    };
    let bom = if text.had_bom { " with BOM" } else { "" };
    out.messages.push(format!(
        "zaitaku: {}: read as {}{bom}; edition {}",
        input.path,
        text.encoding,
        report.edition.as_of.iso()
    ));
    if let Some(pins) = pins {
        if let Err(errors) = pins.apply(&mut report) {
            out.override_errors = errors;
            return out;
        }
    }
    let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
    out.failures = failure_messages(input.source(), &validation);
    if !validation.passed() {
        out.notes = validation
            .ambiguity_lines()
            .into_iter()
            .map(|l| format!("zaitaku: {l}"))
            .collect();
    }
    out.edition = Some((report, validation));
    out
}

/// Editions parsed and validated at once: enough to keep the cores busy,
/// few enough that memory holds only a handful of editions.
pub const BATCH: usize = 16;

/// Runs [`process`] over `texts` (in edition order), [`BATCH`] editions at a
/// time in parallel, with `extra` computed beside each on the same thread;
/// hands each edition's result to `take` in edition order, a batch at a
/// time, after which `batch_done` runs; both get `state`. Stops early when
/// `batch_done` says so.
pub fn process_in_batches<S, T: Send>(
    texts: &[Text],
    pins: Option<&Overrides>,
    extra: impl Fn(&Processed) -> T + Sync,
    state: &mut S,
    mut take: impl FnMut(&mut S, Processed, T),
    mut batch_done: impl FnMut(&mut S) -> bool,
) {
    use rayon::prelude::*;
    for batch in texts.chunks(BATCH) {
        let done: Vec<(Processed, T)> = batch
            .par_iter()
            .map(|t| {
                let p = process(t, pins);
                let x = extra(&p);
                (p, x)
            })
            .collect();
        for (p, x) in done {
            take(state, p, x);
        }
        if !batch_done(state) {
            return;
        }
    }
}

/// An edition's tables, and the same as the text a diff reads (with the
/// edition's own `municipalities`, which a build writes once, from the newest).
pub fn tables_and_text(
    report: &Report,
    validation: &ValidationReport,
) -> (Vec<zaitaku_export::table::Table>, zaitaku_diff::Edition) {
    let tables = zaitaku_export::tables::edition(report, validation);
    let municipalities = zaitaku_export::tables::municipalities(Some(report));
    let edition = zaitaku_export::changes::diff_edition(
        &report.edition.as_of.iso(),
        tables.iter().chain(std::iter::once(&municipalities)),
    );
    (tables, edition)
}

/// The parsed editions, in edition order, with the text each was read
/// from; and the messages of their failed checks.
pub struct Loaded {
    /// One report per input.
    pub reports: Vec<Report>,
    /// Each failed check with the source lines it is about, then the
    /// ambiguities about the same figures.
    failures: Vec<String>,
}

/// What the editions gave so far, in edition order: their validation
/// summary, the messages of their failed checks (each with its source lines,
/// then the ambiguities about the same figures), the overrides' errors, and
/// whether an edition did not parse. `build`, `check` and [`load_validated`]
/// take every edition through it.
#[derive(Default)]
pub struct Tally {
    /// The validation summary.
    pub summary: zaitaku_validate::report::Summary,
    /// The failed checks' messages and the ambiguities about them.
    pub notes: Vec<String>,
    override_errors: Vec<ParseError>,
    parse_failed: bool,
}

impl Tally {
    /// Takes one edition: prints its messages, keeps its errors, adds its
    /// validation to the summary; gives the edition back if it parsed.
    pub fn take(&mut self, p: Processed) -> Option<(Report, ValidationReport)> {
        for m in &p.messages {
            say!("{m}");
        }
        self.override_errors.extend(p.override_errors);
        let Some((report, validation)) = p.edition else {
            self.parse_failed = true;
            return None;
        };
        self.summary.add(&validation);
        self.notes.extend(p.failures);
        self.notes.extend(p.notes);
        Some((report, validation))
    }

    /// Nothing has failed so far.
    pub fn clean(&self) -> bool {
        !self.parse_failed && self.override_errors.is_empty() && self.summary.passed()
    }

    /// Whether an input failed (exit 2): a wrong override (its errors
    /// printed now, in line order) or an edition that did not parse.
    pub fn input_failed(&mut self, pins: Option<&Overrides>) -> bool {
        if let (Some(pins), false) = (pins, self.override_errors.is_empty()) {
            pins.say_errors(std::mem::take(&mut self.override_errors));
            return true;
        }
        self.parse_failed
    }
}

/// Reads every input, parses, pins and validates each (in batches, in
/// parallel) and keeps them all; prints every message. `None` where an input
/// could not be read or parsed, or an override is wrong (all of it printed).
pub fn load_validated(args: &InputArgs) -> Option<(Loaded, ValidationReport)> {
    let (texts, read) = read_texts(args);
    if !read {
        return None;
    }
    let pins = match &args.overrides {
        Some(path) => Some(Overrides::load(path, &texts)?),
        None => None,
    };
    let mut kept = (Tally::default(), Vec::new(), ValidationReport::default());
    process_in_batches(
        &texts,
        pins.as_ref(),
        |_| (),
        &mut kept,
        |(tally, reports, all), p, ()| {
            if let Some((r, v)) = tally.take(p) {
                reports.push(r);
                all.extend(v);
            }
        },
        |_| true,
    );
    let (mut tally, reports, report) = kept;
    if tally.input_failed(pins.as_ref()) {
        return None;
    }
    let loaded = Loaded {
        reports,
        failures: tally.notes,
    };
    Some((loaded, report))
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
pub fn read_limited(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let limit = zaitaku_parse::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Each failed check of `report` rendered with the source lines it is
/// about (the published figure under the caret), from `source`.
fn failure_messages(source: Source<'_>, report: &ValidationReport) -> Vec<String> {
    let mut out = Vec::new();
    for (check, line) in report.failures().zip(report.failure_lines()) {
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
        let Some((first, rest)) = spans.split_first() else {
            out.push(format!("zaitaku: {line}"));
            continue;
        };
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
        out.push(render(source, &d));
    }
    out
}

/// Prints the validation outcome to stderr: each failed check with the
/// source lines it is about, then (when a check failed, since no report file
/// is written then) the ambiguities about the same figures, then a summary line.
pub fn print_validation(loaded: &Loaded, summary: &zaitaku_validate::report::Summary) {
    for m in &loaded.failures {
        say!("{m}");
    }
    say_totals(summary);
}

/// The summary line of a validation.
pub fn say_totals(summary: &zaitaku_validate::report::Summary) {
    let failed = summary.failures.len();
    say!(
        "zaitaku: {} checks, {} passed, {} failed; {} ambiguities listed in the report (`zaitaku check --all` prints every row)",
        summary.checks,
        summary.checks - failed,
        failed,
        summary.ambiguities
    );
}

/// Parse errors shown per input (all are counted): a damaged copy can hold
/// thousands, and the first ones are where to start.
const MAX_ERRORS_SHOWN: usize = 50;

/// Source lines shown for one failed check besides the first.
const MAX_PLACES: usize = 6;
