//! Every fixture under tests/fixtures/{valid,invalid}/ run in-process
//! through the library (read → parse → resolve → pin → validate), each with
//! a snapshot of the typed outcome (`tests/snapshots/fixtures/`): what the
//! library decided, not how the CLI words it (the CLI's own fixture test,
//! `crates/zaitaku/tests/fixtures.rs`, snapshots what the CLI renders).
//!
//! - `valid/`: every edition validated with no failed check; the snapshot
//!   lists the edition, the checks and ambiguities by family and kind.
//! - `invalid/`: an input error (parse errors, pin errors: kind, place,
//!   expected, found) or failed checks (id, edition, published, found, the
//!   places, the suspects).

use std::fmt::Write as _;
use std::path::Path;
use zaitaku_parse::decode::EncodingChoice;
use zaitaku_parse::error::ParseError;
use zaitaku_pipeline::editions::{batches, Outcome, Tally};
use zaitaku_pipeline::input::{InputError, Refused};
use zaitaku_pipeline::{Inputs, Pins};

/// One parser for every test (the layout's patterns compiled once).
static PARSER: std::sync::LazyLock<zaitaku_parse::Parser> =
    std::sync::LazyLock::new(zaitaku_parse::Parser::new);

/// The fixture at `path` (and its overrides sidecar) through the library,
/// as text for a snapshot; and whether it passed.
fn outcome(path: &Path) -> (String, bool) {
    let paths = [path.to_path_buf()];
    let inputs = Inputs::read(
        &PARSER,
        &paths,
        |_| "input.txt".to_string(),
        |p| std::fs::read(p),
        EncodingChoice::Auto,
    );
    let mut out = String::new();
    for r in &inputs.refused {
        match r {
            Refused::Unread {
                error: InputError::Decode(e),
                ..
            } => {
                writeln!(out, "refused: does not decode").unwrap();
                errors(&mut out, std::slice::from_ref(e));
            }
            Refused::Unread { error, .. } => writeln!(out, "refused: {error:?}").unwrap(),
            Refused::RepeatedEdition { first, .. } => {
                writeln!(out, "refused: repeats {first}").unwrap()
            }
        }
    }
    let sidecar = path.with_extension("overrides.csv");
    let editions = inputs.editions();
    let pins = match std::fs::read(&sidecar) {
        Ok(bytes) => match Pins::decode("overrides.csv".into(), &bytes, &editions) {
            Ok(pins) => Some(pins),
            Err(rejected) => {
                writeln!(out, "overrides rejected:").unwrap();
                errors(&mut out, &rejected.errors);
                return (out, false);
            }
        },
        Err(_) => None,
    };
    let mut tally = Tally::default();
    for batch in batches(&PARSER, &inputs.texts, pins.as_ref()) {
        for p in batch.process() {
            match &p.outcome {
                Outcome::NotParsed(e) => {
                    writeln!(out, "not parsed: {} error(s)", e.len()).unwrap();
                    errors(&mut out, e);
                }
                Outcome::PinsRejected { edition, errors: e } => {
                    writeln!(out, "edition {edition}: pins rejected").unwrap();
                    errors(&mut out, e);
                }
                Outcome::Validated(v) => {
                    let r = &v.validation;
                    let failed = r.failures().count();
                    writeln!(
                        out,
                        "edition {}: {} checks, {failed} failed; {} ambiguities",
                        v.report.edition.as_of,
                        r.checks.len(),
                        r.ambiguities.len()
                    )
                    .unwrap();
                    for c in r.failures() {
                        let spans: Vec<String> = c.spans.iter().map(|s| s.to_string()).collect();
                        writeln!(
                            out,
                            "FAIL {} [{}]: published {} (at {}), found {}; places: {}",
                            c.id,
                            c.edition,
                            c.expected,
                            c.printed_at
                                .as_ref()
                                .map_or("no place".to_string(), ToString::to_string),
                            c.found,
                            spans.join("; ")
                        )
                        .unwrap();
                        for s in &c.suspects {
                            writeln!(out, "  suspect {}: {}", s.span, s.why).unwrap();
                        }
                    }
                    let mut kinds: Vec<(String, usize)> = Vec::new();
                    for a in &r.ambiguities {
                        match kinds.iter_mut().find(|(k, _)| *k == a.kind().to_string()) {
                            Some((_, n)) => *n += 1,
                            None => kinds.push((a.kind().to_string(), 1)),
                        }
                    }
                    for (k, n) in kinds {
                        writeln!(out, "  ambiguity {k}: {n}").unwrap();
                    }
                }
            }
            tally.take(p.outcome);
        }
    }
    let passed = inputs.all_taken() && !tally.input_failed() && tally.summary.passed();
    (out, passed)
}

/// Each error: its kind, place, what was expected and found.
fn errors(out: &mut String, errors: &[ParseError]) {
    for e in errors {
        writeln!(
            out,
            "- {} at {}: expected {}; found {}",
            e.kind.id(),
            e.position,
            e.expected,
            e.found
        )
        .unwrap();
    }
}

#[test]
fn valid_fixtures_validate_in_process() {
    insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false }, {
        insta::glob!("../../../tests/fixtures", "valid/*.txt", |path| {
            let (text, passed) = outcome(path);
            assert!(passed, "{}: {text}", path.display());
            insta::assert_snapshot!("valid", text);
        });
    });
}

#[test]
fn invalid_fixtures_fail_in_process() {
    insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false }, {
        insta::glob!("../../../tests/fixtures", "invalid/*.txt", |path| {
            let (text, passed) = outcome(path);
            assert!(!passed, "{}: passed: {text}", path.display());
            insta::assert_snapshot!("invalid", text);
        });
    });
}
