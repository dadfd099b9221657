//! What the pipeline's typed outcomes say to the user: an input refused, an
//! edition's parse errors or failed checks (each with its source lines),
//! the overrides file's errors, the totals line, a character CP932 cannot
//! hold. Rendering only: every decision was made by the library crates.

use crate::diagnostic::{locate, locate_field, render, Diagnostic, Source};
use annotate_snippets::Level;
use zaitaku_export::write::ExportError;
use zaitaku_parse::error::{ErrorKind, ParseError};
use zaitaku_parse::model::Span;
use zaitaku_parse::reading::Reading;
use zaitaku_pipeline::editions::{Outcome, Processed};
use zaitaku_pipeline::input::{line_starts, Input, InputError, ReadAs, Refused};
use zaitaku_pipeline::pins::Rejected;
use zaitaku_validate::report::Summary;
use zaitaku_validate::ValidationReport;

/// Parse errors shown per input (all are counted): a damaged copy can hold
/// thousands, and the first ones are where to start.
const MAX_ERRORS_SHOWN: usize = 50;

/// Source lines shown for one failed check besides the first.
const MAX_PLACES: usize = 6;

/// How a PDF input is said to be read (`read as …`): its text as `zaitaku
/// extract` writes it, which the lines of every message refer to.
const PDF_READ_AS: &str = "a PDF, its lines by position (its text as `zaitaku extract` writes it: lines of messages are that text's)";

const RULED_PDF_READ_AS: &str = "a PDF of ruled tables, read by position (its text as `zaitaku extract` writes it, a table row per line: lines of messages are that text's)";

/// An input as a file messages point into.
pub fn source(input: &Input) -> Source<'_> {
    Source {
        path: input.path(),
        text: input.text(),
        starts: input.line_starts(),
        first_line: 1,
    }
}

/// Why an input was not taken.
pub fn refused(r: &Refused) -> String {
    match r {
        Refused::Unread { path, error } => match error {
            InputError::Unreadable(e) => format!("zaitaku: {path}: cannot read: {e}"),
            InputError::Pdf(e) => format!("zaitaku: {path}: {e}"),
            InputError::Decode(e) => decode_error(path, e),
            InputError::Binary(kind) => format!(
                "zaitaku: {path}: this is {kind}, not the report; zaitaku reads the report's PDF, or the text a PDF extractor wrote from it (`pdftotext -enc UTF-8 report.pdf report.txt`)"
            ),
        },
        Refused::RepeatedEdition { input, first } => {
            let Some(e) = input.edition() else {
                return format!("zaitaku: {}: the edition of {first}", input.path());
            };
            let d = Diagnostic {
                level: Level::ERROR,
                id: "edition",
                title: format!(
                    "page {}: expected each input to be a different edition",
                    e.span.page
                ),
                at: e.span,
                label: format!("edition {}, also read from {first}", e.as_of.iso()),
                also: Vec::new(),
                notes: Vec::new(),
            };
            render(source(input), &d)
        }
    }
}

/// What the editions said, in edition order: what each was read as (or its
/// parse errors) said at once; its failed checks, and the ambiguities about
/// them, kept to be said after every edition.
#[derive(Default)]
pub struct Reporter {
    notes: Vec<String>,
}

impl Reporter {
    /// Says what `p` gave (now), and keeps its failures' messages.
    pub fn seen(&mut self, p: &Processed<'_>) {
        let input = p.input;
        match &p.outcome {
            Outcome::NotParsed(errors) => {
                for m in not_parsed(input, errors) {
                    say!("{m}");
                }
            }
            Outcome::PinsRejected { edition, .. } => note!("{}", read_as(input, edition.iso())),
            Outcome::Validated(v) => {
                note!("{}", read_as(input, v.report.edition.as_of.iso()));
                self.notes
                    .extend(failure_messages(source(input), &v.validation));
                if !v.validation.passed() {
                    let ambiguities = v.validation.ambiguity_lines().into_iter();
                    self.notes
                        .extend(ambiguities.map(|l| format!("zaitaku: {l}")));
                }
            }
        }
    }

    /// Says the failed checks' messages kept so far.
    pub fn say_notes(&self) {
        for m in &self.notes {
            say!("{m}");
        }
    }
}

/// `read as UTF-8; edition 2017-07-31`.
fn read_as(input: &Input, edition: String) -> String {
    let how = match input.read_as() {
        ReadAs::Text { encoding, bom } => {
            format!("{encoding}{}", if bom { " with BOM" } else { "" })
        }
        ReadAs::Pdf => PDF_READ_AS.to_string(),
        ReadAs::RuledPdf => RULED_PDF_READ_AS.to_string(),
    };
    format!(
        "zaitaku: {}: read as {how}; edition {edition}",
        input.path()
    )
}

/// An input's parse errors (the first [`MAX_ERRORS_SHOWN`]), their count,
/// and for a PDF how to see the text read.
fn not_parsed(input: &Input, errors: &[ParseError]) -> Vec<String> {
    let path = input.path();
    if !zaitaku_parse::names_the_report(input.text()) {
        return not_the_report(input, errors);
    }
    let mut out: Vec<String> = (errors.iter().take(MAX_ERRORS_SHOWN))
        .map(|e| render(source(input), &parse_diagnostic(e)))
        .collect();
    let more = errors.len().saturating_sub(MAX_ERRORS_SHOWN);
    if more > 0 {
        out.push(format!(
            "zaitaku: {path}: {more} more parse error(s) not shown"
        ));
    }
    out.push(format!(
        "zaitaku: {path}: {} parse error(s); nothing written",
        errors.len()
    ));
    if let ReadAs::Text { encoding, .. } = input.read_as() {
        let lost: String = (zaitaku_parse::decode::markers_lost_by(encoding).into_iter())
            .filter(|m| !input.text().contains(*m))
            .collect();
        if !lost.is_empty() {
            out.push(format!(
                "zaitaku: {path}: read as {encoding}, which has no {lost}: this copy lost the report's {lost} (a question's marker on page 2) or holds another character in its place; a row whose marker is «?», «0», «(0)», «○» or nothing is read by its place, anything else is not: give it the UTF-8 text or the PDF"
            ));
        }
    }
    if input.read_as() == ReadAs::Pdf {
        // The lines above are the PDF's lines as read: say how to see them.
        out.push(format!(
            "zaitaku: {path}: the PDF's lines do not read as the report: `zaitaku extract {path}` prints them as read (by baseline, top to bottom)"
        ));
    }
    if let (ReadAs::Text { .. }, Some(reading)) = (
        input.read_as(),
        zaitaku_parse::reading::reading_of(input.text()),
    ) {
        out.push(reading_advice(
            path,
            reading,
            input.grid().is_some(),
            errors,
        ));
    }
    if input.read_as() == ReadAs::RuledPdf {
        out.push(format!(
            "zaitaku: {path}: the PDF's ruled tables do not read as the report's: `zaitaku extract {path}` prints them as read, a table row per line"
        ));
    }
    out
}

/// An input that does not name the report's program: said plainly, with
/// what it holds (its pages and its first line), before the parser's
/// first error.
fn not_the_report(input: &Input, errors: &[ParseError]) -> Vec<String> {
    let path = input.path();
    let text = input.text();
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    let first: String = first.unwrap_or_default().chars().take(40).collect();
    let pages = text.split('\x0c').count();
    let what = match input.read_as() {
        ReadAs::Text { .. } => "its text",
        ReadAs::Pdf | ReadAs::RuledPdf => "the PDF's text",
    };
    let mut out = vec![format!(
        "zaitaku: {path} does not look like the report 「在宅医療・介護連携推進事業の取組状況」: none of its page titles is there ({what}: {} line(s) on {pages} page(s), the first «{first}»)",
        text.lines().count()
    )];
    out.extend((errors.iter().take(1)).map(|e| render(source(input), &parse_diagnostic(e))));
    out.push(format!("zaitaku: {path}: not the report; nothing written"));
    out
}

/// What a text that prints the tables in another reading is, where the
/// parse lost its way, and what to try; `spaced` where it was read by its
/// columns (it keeps them by spaces).
fn reading_advice(path: &str, reading: Reading, spaced: bool, errors: &[ParseError]) -> String {
    let lost = errors.first().map_or(String::new(), |e| {
        format!(" (page {}: expected {})", e.position.page, e.expected)
    });
    let what = match reading {
        Reading::CellsApart => format!("{path} is {}", reading.describe()),
        _ => format!(
            "{path} prints the report's ruled tables {}",
            reading.describe()
        ),
    };
    let pdf = "Give it the PDF itself: `zaitaku build report.pdf` reads the tables by where each cell sits, whatever the order";
    if spaced {
        return format!(
            "zaitaku: {what}; zaitaku read it by its columns, which its spaces keep (as `pdftotext -layout` writes them), and lost its way at the first error above{lost}. {pdf}"
        );
    }
    format!(
        "zaitaku: {what}; zaitaku reads an extractor's text in the seed's order (a row's figures on one line, its labels apart) or with the tables' columns kept by spaces (`pdftotext -layout`), and lost its way at the first error above{lost}. {pdf}, or `pdftotext -layout report.pdf`'s text"
    )
}

/// Says every error of an overrides file, in line order, each with its line.
pub fn say_rejected(r: &Rejected) {
    let starts = line_starts(&r.text);
    let source = Source {
        path: &r.path,
        text: &r.text,
        starts: &starts,
        first_line: 1,
    };
    for e in &r.errors {
        // The caret under the field found, where the line holds it.
        let mut d = parse_diagnostic(e);
        d.at = locate_field(source, e.position, e.found.text());
        say!("{}", render(source, &d));
    }
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
        d.notes.push(if e.expected.contains("binary file") {
            "zaitaku reads the report's PDF, or the text a PDF extractor wrote from it (UTF-8, Shift_JIS, EUC-JP or UTF-16); a stray NUL byte in a text must be removed".into()
        } else if e.expected.contains("cut short") {
            "the text is UTF-8 up to its last bytes: get the whole file again (another encoding would not help)".into()
        } else {
            "use --encoding to read the file in another encoding".into()
        });
    }
    render(source, &d)
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
            at: locate(source, *first, &check.expected),
            label: match check.printed_at {
                Some(_) => format!("published {}", check.expected),
                None => "what the check is about starts here".to_string(),
            },
            also: (rest.iter().take(MAX_PLACES))
                .map(|s| (*s, "also about this line".to_string()))
                .chain(
                    (check.suspects.iter().take(MAX_PLACES))
                        .map(|s| (s.span, format!("may explain it: {}", s.why))),
                )
                .collect(),
            notes: Vec::new(),
        };
        out.push(render(source, &d));
    }
    out
}

/// The summary line of a validation.
pub fn say_totals(summary: &Summary) {
    let failed = summary.failures.len();
    note!(
        "zaitaku: {} checks, {} passed, {} failed; {} ambiguities listed in the report (`zaitaku check --all` prints every row)",
        summary.checks,
        summary.checks - failed,
        failed,
        summary.ambiguities
    );
}

/// A character CP932 cannot hold, shown where the CSV would hold it; `None`
/// for another error.
pub fn unencodable(e: &ExportError) -> Option<String> {
    let ExportError::Unencodable {
        file,
        line,
        column,
        character,
        code,
        text,
        at_column,
    } = e
    else {
        return None;
    };
    let starts = line_starts(text);
    let source = Source {
        path: file,
        text,
        starts: &starts,
        first_line: u32::try_from(*line).unwrap_or(u32::MAX),
    };
    let d = Diagnostic {
        level: Level::ERROR,
        id: "encoding",
        title: format!("expected characters CP932 can hold in column {column}"),
        at: Span::file_line(source.first_line).at_column(*at_column),
        label: format!("「{character}」 (U+{code:04X}) has no CP932 code"),
        also: Vec::new(),
        notes: vec![
            "write UTF-8 (the default), or add --cp932-unmappable replace to write the characters CP932 lacks as their substitutes (⓪ as (0); validation_report.md lists them)".into(),
        ],
    };
    Some(render(source, &d))
}
