//! Snapshots of every reconstructed table of the seed (reviewed line by line
//! against raw/000_1fb60f2a74870bbb.txt before acceptance), and the
//! properties users rely on: byte-identical outputs across runs, file names
//! and encodings.

mod harness;
use harness::{seed, Workdir};

#[test]
fn seed_builds_with_every_check_passing_and_tables_match_snapshots() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    let run = wd.run(&["build", "--out", "output", "seed.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(" 0 failed"), "{}", run.stderr);
    for (name, bytes) in wd.files("output") {
        if name.ends_with(".csv") || name.ends_with(".md") {
            snapshot!(name.clone(), String::from_utf8(bytes).unwrap());
        }
    }
    let mut names: Vec<String> = wd.files("output").into_iter().map(|(n, _)| n).collect();
    names.sort();
    snapshot!("output_files", names.join("\n"));
}

#[test]
fn two_runs_give_byte_identical_files_whatever_the_input_is_called() {
    let wd = Workdir::new();
    wd.write("a.txt", seed());
    wd.write("deeper/other name.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "one", "a.txt"]).code, 0);
    assert_eq!(
        wd.run(&["build", "--out", "two", "deeper/other name.txt"])
            .code,
        0
    );
    assert_eq!(wd.files("one"), wd.files("two"));
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let bom: [u8; 2] = if big_endian {
        [0xFE, 0xFF]
    } else {
        [0xFF, 0xFE]
    };
    bom.into_iter()
        .chain(text.encode_utf16().flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        }))
        .collect()
}

#[test]
fn every_encoding_and_line_end_gives_byte_identical_outputs() {
    let text = seed();
    let wd = Workdir::new();
    wd.write("plain.txt", &text);
    assert_eq!(wd.run(&["build", "--out", "plain", "plain.txt"]).code, 0);
    let variants: Vec<(&str, Vec<u8>)> = vec![
        (
            "bom.txt",
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        ),
        ("utf16le.txt", utf16(&text, false)),
        ("utf16be.txt", utf16(&text, true)),
        ("crlf.txt", text.replace('\n', "\r\n").into_bytes()),
        ("cr.txt", text.replace('\n', "\r").into_bytes()),
    ];
    for (name, bytes) in variants {
        wd.write(name, bytes);
        let run = wd.run(&["build", "--out", name, name]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_eq!(
            wd.files(name),
            wd.files("plain"),
            "{name} gives other bytes"
        );
    }
}

#[test]
fn detected_encoding_is_said_on_the_terminal_not_in_the_files() {
    let wd = Workdir::new();
    wd.write("le.txt", utf16(&seed(), false));
    let run = wd.run(&["build", "--out", "o", "le.txt"]);
    assert!(
        run.stderr.contains("read as UTF-16LE with BOM"),
        "{}",
        run.stderr
    );
    assert!(wd
        .files("o")
        .iter()
        .all(|(_, b)| !String::from_utf8_lossy(b).contains("UTF-16")));
}

#[test]
fn show_prints_a_table_and_check_writes_nothing() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    let show = wd.run(&["show", "program_summary", "seed.txt", "--csv"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert!(show.stdout.starts_with("edition,row_no,item,"));
    assert_eq!(show.stdout.lines().count(), 16);
    let check = wd.run(&["check", "seed.txt"]);
    assert_eq!(check.code, 0);
    assert!(check.stdout.starts_with("# Validation report"));
    assert_eq!(
        wd.files("").len(),
        1,
        "check wrote nothing beside the input"
    );
}

#[test]
fn two_editions_give_one_set_of_tables_with_an_edition_column() {
    // A later edition: every as-of phrase 「平成29年度7月末時点」 / 「平成29年度７月末時点」 moved to month 9.
    let later = seed()
        .replace("年度7月末時点", "年度9月末時点")
        .replace("年度７月末時点", "年度９月末時点");
    let wd = Workdir::new();
    wd.write("later.txt", later);
    wd.write("seed.txt", seed());
    let run = wd.run(&["build", "--out", "o", "later.txt", "seed.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let csv = String::from_utf8(
        wd.files("o")
            .into_iter()
            .find(|(n, _)| n == "program_summary.csv")
            .unwrap()
            .1,
    )
    .unwrap();
    let editions: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(editions.len(), 30);
    assert!(
        editions[..15].iter().all(|e| *e == "2017-07-31"),
        "sorted by edition"
    );
    assert!(editions[15..].iter().all(|e| *e == "2017-09-30"));
}

#[test]
fn csv_bom_puts_a_byte_order_mark_in_front_of_every_csv_and_nothing_else() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "plain", "seed.txt"]).code, 0);
    let run = wd.run(&["build", "--out", "bom", "--csv-bom", "seed.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for ((name, plain), (_, bom)) in wd.files("plain").into_iter().zip(wd.files("bom")) {
        if name.ends_with(".csv") {
            assert_eq!(bom, [&b"\xEF\xBB\xBF"[..], &plain].concat(), "{name}");
        } else {
            assert_eq!(bom, plain, "{name}");
        }
    }
}

#[test]
fn cp932_fails_on_the_seeds_own_circled_zero_naming_line_and_column() {
    // Page 2, L165, prints ク①'s text 「（⓪以外の取組について）複数の関係区市町村が連携して…」:
    // CP932 has ①–⑳ but no ⓪ (U+24EA), so the seed cannot be written as CP932.
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "output", "seed.txt"]).code, 0);
    let before = wd.files("output");
    let run = wd.run(&[
        "build",
        "--out",
        "output",
        "--csv-encoding",
        "cp932",
        "seed.txt",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[encoding]: expected characters CP932 can hold in column question_text\n  --> question_summary.csv:32:")
            && run.stderr.contains("「⓪」 (U+24EA) has no CP932 code"),
        "{}",
        run.stderr
    );
    assert_eq!(wd.files("output"), before, "output/ was touched");
    snapshot!("cp932_unencodable", run.stderr);
}
