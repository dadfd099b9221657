//! The pipeline's stages on the seed and edited copies of it, in-process:
//! inputs taken in edition order, a repeated edition refused, a text that
//! does not parse, pins naming an unknown edition, and a build's outcome.

use zaitaku_parse::decode::EncodingChoice;
use zaitaku_pipeline::editions::{batches, validate_all, Outcome};
use zaitaku_pipeline::input::{InputError, Refused};
use zaitaku_pipeline::{Build, Inputs, NotWritten, Pins};

/// One parser for every test (the layout's patterns compiled once).
static PARSER: std::sync::LazyLock<zaitaku_parse::Parser> =
    std::sync::LazyLock::new(zaitaku_parse::Parser::new);

const SEED: &str = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");

/// The seed with its as-of phrases naming another month (a later edition;
/// some pages print the month in full-width digits).
fn later(month: u32) -> String {
    let phrase = format!("平成29年度{month}月末時点");
    (SEED.replace("平成29年度7月末時点", &phrase)).replace("平成29年度７月末時点", &phrase)
}

/// Inputs read from texts given in memory, named by their index.
fn read(texts: &[String]) -> Inputs {
    let names: Vec<usize> = (0..texts.len()).collect();
    Inputs::read(
        &PARSER,
        &names,
        |k| format!("input{k}.txt"),
        |k| Ok(texts[*k].clone().into_bytes()),
        EncodingChoice::Auto,
    )
}

#[test]
fn inputs_come_in_edition_order_whatever_order_they_are_given() {
    let inputs = read(&[later(9), SEED.to_string(), later(8)]);
    assert!(inputs.all_taken());
    let order: Vec<&str> = inputs.texts.iter().map(|t| t.path()).collect();
    assert_eq!(order, ["input1.txt", "input2.txt", "input0.txt"]);
    let months: Vec<u32> = (inputs.texts.iter())
        .map(|t| t.edition().map_or(0, |e| e.as_of.month))
        .collect();
    assert_eq!(months, [7, 8, 9]);
}

#[test]
fn a_repeated_edition_is_refused_naming_the_first_input() {
    let inputs = read(&[SEED.to_string(), later(8), SEED.to_string()]);
    assert_eq!(inputs.texts.len(), 2);
    let [Refused::RepeatedEdition { input, first }] = &inputs.refused[..] else {
        panic!("expected one repeated edition, got {:?}", inputs.refused);
    };
    assert_eq!((input.path(), first.as_str()), ("input2.txt", "input0.txt"));
}

#[test]
fn bytes_that_do_not_decode_are_refused_with_the_decoder_error() {
    let names = [0];
    let inputs = Inputs::read(
        &PARSER,
        &names,
        |_| "bad.txt".to_string(),
        |_| Ok(vec![0xff, 0xfe, 0x00, 0xd8, 0x41]),
        EncodingChoice::Utf8,
    );
    assert!(matches!(
        &inputs.refused[..],
        [Refused::Unread { path, error: InputError::Decode(_) }] if path == "bad.txt"
    ));
}

#[test]
fn a_text_that_does_not_parse_gives_its_errors_and_fails_the_tally() {
    let cut = SEED.lines().take(60).collect::<Vec<_>>().join("\n");
    let inputs = read(&[cut]);
    let (tally, reports, _) = validate_all(&PARSER, &inputs.texts, None, |p| {
        assert!(matches!(&p.outcome, Outcome::NotParsed(errors) if !errors.is_empty()));
    });
    assert!(tally.parse_failed && tally.input_failed() && reports.is_empty());
}

#[test]
fn pins_naming_an_edition_no_input_prints_are_rejected_with_their_line() {
    let inputs = read(&[SEED.to_string()]);
    let editions = inputs.editions();
    let file = "edition,program,association,fiscal_year,participated\n\
                2017-07-31,round_the_clock_care,千代田区,2017,true\n\
                2018-07-31,round_the_clock_care,千代田区,2017,true\n";
    let rejected = Pins::parse("pins.csv".into(), file.into(), &editions).unwrap_err();
    let lines: Vec<u32> = rejected.errors.iter().map(|e| e.position.line).collect();
    assert_eq!(lines, [3]);
    assert_eq!(rejected.errors[0].found.text(), "2018-07-31");
}

#[test]
fn a_pin_is_applied_to_its_edition_only() {
    let inputs = read(&[SEED.to_string(), later(8)]);
    let editions = inputs.editions();
    // A pin of the later edition naming a year its table lacks: rejected
    // for that edition, the seed's validated.
    let file = "edition,program,association,fiscal_year,participated\n\
                2017-08-31,round_the_clock_care,千代田区,2099,true\n";
    let pins = Pins::parse("pins.csv".into(), file.into(), &editions).unwrap();
    let mut outcomes = Vec::new();
    for batch in batches(&PARSER, &inputs.texts, Some(&pins)) {
        for p in batch.process() {
            outcomes.push(match p.outcome {
                Outcome::Validated(_) => "validated".to_string(),
                Outcome::PinsRejected { edition, errors } => {
                    format!(
                        "{} rejected at line {}",
                        edition.iso(),
                        errors[0].position.line
                    )
                }
                Outcome::NotParsed(_) => "not parsed".to_string(),
            });
        }
    }
    assert_eq!(outcomes, ["validated", "2017-08-31 rejected at line 2"]);
}

#[test]
fn a_pinned_mark_or_count_is_still_checked() {
    let inputs = read(&[SEED.to_string()]);
    let editions = inputs.editions();
    // 千代田区's ア① is printed ○ (page 3, L288), counted in page 2's 実施・予定
    // count of ア①; pinned △, the rows with ◎ or ○ are one short of it. And
    // 八王子市 prints 1 window under its 設置箇所数 1 (L1589): pinned 2, one short.
    let file = "edition,municipality,item,question,mark,windows\n\
                2017-07-31,千代田区,ア,1,△,\n\
                2017-07-31,八王子市,,,,2\n";
    let pins = Pins::parse("pins.csv".into(), file.into(), &editions).unwrap();
    let mut failed = Vec::new();
    for batch in batches(&PARSER, &inputs.texts, Some(&pins)) {
        for p in batch.process() {
            let Outcome::Validated(v) = p.outcome else {
                panic!("validated")
            };
            failed.extend(v.validation.failures().map(|c| c.id.to_string()));
        }
    }
    for id in ["mun.a.q1.yes", "mun.a.q1.no", "win.24.count", "win.total"] {
        assert!(
            failed.iter().any(|f| f == id),
            "{id} not failed: {failed:?}"
        );
    }
}

/// A new output directory in a temporary one: the directory (kept for the
/// test's life), the output's path and its target.
fn new_output() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    zaitaku_outdir::claim::Target,
) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let target = zaitaku_outdir::claim::Target::new(&out, &[]).unwrap();
    (dir, out, target)
}

/// A build of `inputs` without pins, CSV as default.
fn default_build(inputs: &Inputs) -> Build<'_> {
    Build {
        parser: &PARSER,
        inputs: &inputs.texts,
        pins: None,
        csv: Default::default(),
        xlsx: false,
        keep_failed: false,
    }
}

#[test]
fn the_report_page_lists_the_newest_changes_where_the_newest_edition_prints_them() {
    let later = include_str!("../../../tests/fixtures/diff/window_opened.txt");
    let inputs = read(&[SEED.to_string(), later.to_string()]);
    let (_dir, out, target) = new_output();
    let build = default_build(&inputs);
    let written = build.run(&target, |_| ()).written.unwrap();
    assert!(written.tables.contains(&("changes", 3)));
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("<h2>Changes from 2017-07-31 to 2017-09-30</h2>"));
    assert_eq!(html.matches("<tr class=\"change\"").count(), 3);
    // 港区's new window, at the line the later edition prints it (919).
    assert_eq!(
        later.lines().nth(918).map(|l| l.contains("港区")),
        Some(true)
    );
    assert!(html.contains(
        "<tr class=\"change\" data-at=\"7:919:1\"><td><code>consultation_windows</code>"
    ));
}

#[test]
fn a_build_of_two_editions_writes_every_table_and_their_changes() {
    let inputs = read(&[later(8), SEED.to_string()]);
    let (_dir, out, target) = new_output();
    let build = default_build(&inputs);
    let mut seen = Vec::new();
    let built = build.run(&target, |p| seen.push(p.input.path().to_string()));
    assert_eq!(seen, ["input1.txt", "input0.txt"]);
    let written = built.written.unwrap();
    // Two editions of the same tables: twice the seed's rows, no change.
    assert!(written.tables.contains(&("municipality_answers", 2 * 901)));
    assert!(written.tables.contains(&("municipalities", 62)));
    assert!(written.tables.contains(&("changes", 0)));
    assert_eq!(
        written.files(),
        std::fs::read_dir(&out).unwrap().count() - 1
    );
}

#[test]
fn a_failed_check_writes_nothing() {
    // A mark of page 3 changed: its question's count no longer agrees with page 2.
    let edited = SEED.replacen("1 千代田区 ○ ○ ○ -", "1 千代田区 △ ○ ○ -", 1);
    assert_ne!(edited, SEED, "the edit must apply");
    let inputs = read(&[edited]);
    let (_dir, out, target) = new_output();
    let build = default_build(&inputs);
    let built = build.run(&target, |_| {});
    assert!(!built.tally.summary.passed());
    assert!(matches!(built.written, Err(NotWritten::EditionFailed)));
    assert!(!out.exists());
}

#[test]
fn a_pin_whose_edition_is_not_a_date_is_rejected_when_the_file_is_read() {
    let inputs = read(&[SEED.to_string()]);
    let editions = inputs.editions();
    let file = "edition,program,association,fiscal_year,participated\n\
                7/31/2017,round_the_clock_care,千代田区,2017,true\n";
    let rejected = Pins::parse("pins.csv".into(), file.into(), &editions).unwrap_err();
    assert_eq!(rejected.errors.len(), 1);
    assert_eq!(rejected.errors[0].position.line, 2);
    assert!(rejected.errors[0]
        .expected
        .contains("YYYY-MM-DD or YYYY/M/D"));
    assert_eq!(rejected.errors[0].found.text(), "7/31/2017");
}
