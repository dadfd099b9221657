//! The command line: flags, several inputs, encodings and line ends, a
//! closed pipe. Inputs are the seed, re-encoded copies of it, or files under
//! tests/fixtures/ (made by scripts/make_fixtures.py).

use crate::harness::{fixture, seed, show, Workdir};

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
        // Without the byte order mark (it was «a NUL byte»: binary).
        ("utf16le-nobom.txt", utf16(&text, false).split_off(2)),
        ("utf16be-nobom.txt", utf16(&text, true).split_off(2)),
        ("crlf.txt", text.replace('\n', "\r\n").into_bytes()),
        ("cr.txt", text.replace('\n', "\r").into_bytes()),
    ];
    crate::harness::assert_positions(&wd, "plain", "plain.txt", "plain");
    for (name, bytes) in variants {
        wd.write(name, bytes);
        let out = format!("out-{name}");
        let run = wd.run(&["build", "--out", &out, name]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_eq!(
            wd.files(&out),
            wd.files("plain"),
            "{name} gives other bytes"
        );
        // The same positions, pointing at this file's own lines.
        let encoding = match name {
            "bom.txt" => "--encoding=utf-8-sig",
            "utf16le.txt" | "utf16be.txt" => "--encoding=utf-16",
            "utf16le-nobom.txt" => "--encoding=utf-16-le",
            "utf16be-nobom.txt" => "--encoding=utf-16-be",
            _ => "--encoding=utf-8",
        };
        crate::harness::assert_positions_with(&wd, name, name, &out, &[encoding]);
    }
}

#[test]
fn a_shift_jis_copy_is_read_with_the_marker_its_encoding_lost_flagged() {
    // CP932 has no ⓪ (page 2, L159 「⓪ 100.0% 0 0.0%」 and ク①'s text, L165):
    // a copy holds a substitute, or nothing, in its place.
    let text = seed();
    let wd = Workdir::new();
    wd.write("plain.txt", &text);
    assert_eq!(wd.run(&["build", "--out", "plain", "plain.txt"]).code, 0);
    let csv = |dir: &str| -> Vec<(String, Vec<u8>)> {
        (wd.files(dir).into_iter())
            .filter(|(name, _)| name.ends_with(".csv"))
            .collect()
    };
    let plain = csv("plain");
    for substitute in ["?", "0", "(0)", "〇", ""] {
        let copy = text.replace('⓪', substitute);
        let (bytes, _, lossy) = encoding_rs::SHIFT_JIS.encode(&copy);
        assert!(
            !lossy,
            "{substitute:?}: the copy holds only CP932 characters"
        );
        wd.write("sjis.txt", bytes.as_ref());
        let out = format!("out-{}", plain.len() + substitute.len());
        let run = wd.run(&["build", "--out", &out, "sjis.txt"]);
        assert_eq!(run.code, 0, "{substitute:?}: {}", run.stderr);
        assert!(run.stderr.contains("read as Shift_JIS"), "{}", run.stderr);
        for ((name, want), (_, got)) in plain.iter().zip(csv(&out)) {
            let (want, got) = (String::from_utf8_lossy(want), String::from_utf8_lossy(&got));
            match name.as_str() {
                // ク①'s text as printed, the substitute in ⓪'s place.
                "question_summary.csv" => {
                    let printed =
                        format!("（{}以外の取組について）", substitute.replace('〇', "○"));
                    assert_eq!(
                        got,
                        want.replace("（⓪以外の取組について）", &printed),
                        "{substitute:?}"
                    );
                }
                // One more row: the lost marker, at its line.
                "ambiguities.csv" => {
                    // Rows without their number (one row more shifts the later ones).
                    let unnumbered = |text: &str| -> Vec<String> {
                        (text.lines())
                            .map(|l| {
                                let mut f = l.splitn(3, ',');
                                let (edition, _, rest) = (f.next(), f.next(), f.next());
                                format!("{},{}", edition.unwrap_or(""), rest.unwrap_or(""))
                            })
                            .collect()
                    };
                    let (want, got) = (unnumbered(&want), unnumbered(&got));
                    let added: Vec<&String> = got.iter().filter(|l| !want.contains(l)).collect();
                    assert_eq!(added.len(), 1, "{substitute:?}: {} rows added", added.len());
                    assert!(
                        added[0].contains("p2.ku.q0.marker_lost,p2.marker_lost"),
                        "{}",
                        added[0]
                    );
                    assert!(added[0].ends_with(",2,159,1"), "{}", added[0]);
                    assert_eq!(got.len(), want.len() + 1);
                }
                _ => assert_eq!(got, want, "{substitute:?}: {name}"),
            }
        }
    }
    // Another character in its place: exit 2, saying what the encoding lost.
    let other = text.replace('⓪', "■");
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&other);
    wd.write("sjis.txt", bytes.as_ref());
    let run = wd.run(&["check", "sjis.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("sjis.txt: read as Shift_JIS, which has no ⓪: this copy lost the report's ⓪"),
        "{}",
        run.stderr
    );
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
    assert!(check.stdout.contains(" checks, "), "{}", check.stdout);
    assert_eq!(
        wd.files("").len(),
        1,
        "check wrote nothing beside the input"
    );
}

#[test]
fn two_editions_give_one_set_of_tables_with_an_edition_column() {
    // tests/fixtures/cli/later_edition.txt: every as-of phrase
    // 「平成29年度7月末時点」 / 「平成29年度７月末時点」 moved to month 9.
    let wd = Workdir::new();
    wd.write("later.txt", fixture("cli/later_edition.txt"));
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
    // Each edition's positions point at its own input's lines.
    crate::harness::assert_positions_with(&wd, "seed", "seed.txt", "o", &["--edition=2017-07-31"]);
    crate::harness::assert_positions_with(
        &wd,
        "later",
        "later.txt",
        "o",
        &["--edition=2017-09-30"],
    );
}

#[test]
fn outputs_do_not_depend_on_argument_order_or_threads() {
    // Three editions (tests/fixtures/cli/: the seed's as-of phrases moved to
    // month 5 and to month 9), read on one thread and on four, in two orders.
    let wd = Workdir::new();
    wd.write("a.txt", fixture("cli/earlier_edition.txt"));
    wd.write("b.txt", seed());
    wd.write("c.txt", fixture("cli/later_edition.txt"));
    let runs = [
        ("one", "1", ["a.txt", "b.txt", "c.txt"]),
        ("four", "4", ["c.txt", "a.txt", "b.txt"]),
        ("reversed", "2", ["c.txt", "b.txt", "a.txt"]),
    ];
    for (out, threads, inputs) in runs {
        let mut args = vec!["build", "--xlsx", "--out", out];
        args.extend(inputs);
        let run = wd.run_with_env(&args, &[("RAYON_NUM_THREADS", threads)]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let one = wd.files("one");
    // 14 tables × 2, five documents, the workbook, the manifest.
    assert_eq!(one.len(), 35);
    assert_eq!(wd.files("four"), one);
    assert_eq!(wd.files("reversed"), one);
    // Without --xlsx, no workbook, and the README does not name one.
    let run = wd.run(&["build", "--out", "plain", "b.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plain = wd.files("plain");
    assert!(plain.iter().all(|(n, _)| n != "tables.xlsx"));
    let readme = plain.iter().find(|(n, _)| n == "README.md").unwrap();
    assert!(!String::from_utf8_lossy(&readme.1).contains("tables.xlsx"));
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
        } else if name == ".zaitaku-manifest.json" {
            // It lists the files' hashes: those of the CSVs differ.
            assert_ne!(bom, plain);
        } else if name == "README.md" {
            // It says how the CSV files are written.
            let (bom, plain) = (
                String::from_utf8_lossy(&bom),
                String::from_utf8_lossy(&plain),
            );
            assert!(
                bom.contains("`NAME.csv`\n(UTF-8 with a byte order mark, for Excel,"),
                "{bom}"
            );
            assert!(
                plain.contains("`NAME.csv`\n(UTF-8, a header row"),
                "{plain}"
            );
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

#[test]
fn cp932_with_replacement_writes_the_seed_and_counts_what_it_replaced() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "utf8", "seed.txt"]).code, 0);
    let run = wd.run(&[
        "build",
        "--out",
        "output",
        "--csv-encoding",
        "cp932",
        "--cp932-unmappable",
        "replace",
        "seed.txt",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let utf8 = wd.files("utf8");
    for (name, bytes) in wd.files("output") {
        if !name.ends_with(".csv") {
            continue;
        }
        // Every byte decodes; the bytes are the UTF-8 file's text, with
        // each substitute written where its character was, in CP932. (A
        // decoded copy would not compare: WHATWG's decoder maps some CP932
        // codes, such as 0x817C for 「－」, to other characters than
        // Windows does.)
        let (_, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
        assert!(!bad, "{name} does not decode as CP932");
        let (_, original) = utf8.iter().find(|(n, _)| *n == name).unwrap();
        let mut want = String::from_utf8(original.clone()).unwrap();
        for (from, to) in zaitaku_export::write::CP932_SUBSTITUTES {
            want = want.replace(*from, to);
        }
        let (encoded, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&want);
        assert!(!unmappable, "{name}");
        assert!(encoded.as_ref() == bytes.as_slice(), "{name}");
    }
    // The seed's 「⓪」: once in ク①'s question text (page 2), eight times in
    // the checks that quote it.
    let report = std::fs::read_to_string(wd.path().join("output/validation_report.md")).unwrap();
    assert!(
        report.contains("| `question_summary.csv` | ⓪ | U+24EA | (0) | 1 |"),
        "{report}"
    );
    assert!(
        report.contains("| `validation_checks.csv` | ⓪ | U+24EA | (0) | 8 |"),
        "{report}"
    );
    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(wd.path().join("output/validation_report.json")).unwrap(),
    )
    .unwrap();
    let circled: u64 = json["csv_replacements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["character"] == "⓪")
        .map(|r| r["times"].as_u64().unwrap())
        .sum();
    assert_eq!(circled, 9);
    assert!(run
        .stderr
        .contains("characters CP932 cannot hold written as their substitutes"));
    // Replacing goes with CP932 only.
    let wrong = wd.run(&[
        "build",
        "--out",
        "x",
        "--cp932-unmappable",
        "replace",
        "seed.txt",
    ]);
    assert_eq!(wrong.code, 2, "{}", wrong.stderr);
}

#[test]
fn two_inputs_of_the_same_edition_are_an_error() {
    let wd = Workdir::new();
    wd.write("a.txt", seed());
    wd.write("b.txt", seed());
    let run = wd.run(&["build", "--out", "output", "a.txt", "b.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("error[edition]: page 1: expected each input to be a different edition")
            && run.stderr.contains("--> b.txt:52:20")
            && run
                .stderr
                .contains("edition 2017-07-31, also read from a.txt"),
        "{}",
        run.stderr
    );
    snapshot!("same_edition_twice", run.stderr);
    assert!(!wd.path().join("output").exists());
}

#[test]
fn missing_file_and_bad_flag_exit_2() {
    let wd = Workdir::new();
    let missing = wd.run(&["build", "nope.txt"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("nope.txt: cannot read"),
        "{}",
        missing.stderr
    );
    // The flag is refused on a file that exists, before it is read.
    wd.write("input.txt", seed());
    let flag = wd.run(&["build", "--encoding", "latin9", "input.txt"]);
    assert_eq!(flag.code, 2);
    assert!(
        flag.stderr.contains("unknown encoding «latin9»; expected auto, utf-8, shift_jis, euc-jp, utf-16le or utf-16be"),
        "{}",
        flag.stderr
    );
    assert!(!wd.path().join("output").exists());
}

#[test]
fn a_closed_stdout_ends_check_and_show_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    for args in [
        &["check", "input.txt"][..],
        &["show", "consultation_windows", "input.txt"][..],
        &["show", "municipalities", "input.txt", "--csv"][..],
    ] {
        // `zaitaku … | head -1`: read one line, then close the pipe.
        let mut child = Command::new(env!("CARGO_BIN_EXE_zaitaku"))
            .args(args)
            .current_dir(wd.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!first.is_empty(), "{args:?} printed a first line");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn show_prints_a_table_whose_checks_fail_and_exits_1() {
    // tests/fixtures/invalid/unknown_option_in_a_row.txt: L294 (新宿区) prints
    // エ② as 「伝書鳩」. `show` still prints the table, the text kept raw and
    // the option null, and exits 1 as the checks fail.
    let text = String::from_utf8(fixture("invalid/unknown_option_in_a_row.txt")).unwrap();
    let run = show(&text, "municipality_choices");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout
            .lines()
            .any(|l| l == "2017-07-31,131041,新宿区,エ,2,1,,,伝書鳩,4,3,294,59"),
        "{}",
        run.stdout
    );
}

/// `zaitaku show` laid out for a terminal of `width` columns.
fn show_at(wd: &Workdir, width: &str, args: &[&str]) -> String {
    let mut all = vec!["show"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--width", width]);
    let run = wd.run(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

#[test]
fn show_fits_the_terminal_cuts_with_an_ellipsis_and_names_what_it_leaves_out() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    for width in ["80", "120"] {
        let grid = show_at(&wd, width, &["program_summary", "seed.txt"]);
        // No line wider than the terminal (display columns: CJK counts two).
        for line in grid.lines().filter(|l| l.starts_with(['│', '┌', '╞', '└'])) {
            let w = unicode_width::UnicodeWidthStr::width(line);
            assert!(w <= width.parse().unwrap(), "{w} > {width}: {line}");
        }
        // The counts stay (page 1 prints ア① 53, 100.0% on line 10),
        // right-aligned; the constant columns go first, named with their value.
        assert!(
            grid.contains("count_current") && grid.contains("┆            53 ┆       100.0"),
            "{grid}"
        );
        assert!(grid.contains("columns not shown"), "{grid}");
        assert!(grid.contains("edition (every row:"), "{grid}");
        snapshot!(format!("show_program_summary_{width}"), grid);
    }
    let chosen = show_at(
        &wd,
        "80",
        &[
            "municipality_answers",
            "seed.txt",
            "--columns",
            "municipality_name,item,question,mark,status",
            "--where",
            "municipality_name=千代田区",
            "--where",
            "item=ア",
        ],
    );
    // 千代田区 answers ア①–③ with ○ (page 3, its row): three rows, all shown.
    assert!(
        chosen.contains("3 rows\n") && !chosen.contains("not shown"),
        "{chosen}"
    );
    snapshot!("show_answers_chosen_80", chosen);
    // A window's municipality, name and phone all fit 80 columns: 千代田区's
    // first window prints 03-3265-1165 on line 881; a long name or a
    // contact kept whole is cut instead of the phone column being left out.
    let windows = show_at(
        &wd,
        "80",
        &["consultation_windows", "seed.txt", "--limit", "8"],
    );
    let header = windows.lines().nth(1).unwrap_or_default();
    assert!(
        ["municipality_name", "name", "phone"]
            .iter()
            .all(|c| header.contains(&format!("│ {c} ")) || header.contains(&format!("┆ {c} "))),
        "{windows}"
    );
    assert!(windows.contains(" 03-3265-1165 "), "{windows}");
    for line in windows
        .lines()
        .filter(|l| l.starts_with(['│', '┌', '╞', '└']))
    {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    snapshot!("show_windows_80", windows);
    // Where the whole table fits the width, nothing is cut: ア①'s question
    // text, printed on lines 187–188 (page 2), is 106 columns wide.
    let question_at = |width| {
        show_at(
            &wd,
            width,
            &[
                "question_summary",
                "seed.txt",
                "--columns",
                "item,question,question_text",
                "--limit",
                "1",
            ],
        )
    };
    let wide = question_at("250");
    assert!(
        wide.contains("┆ 地域の医療機関・介護事業者等の住所、連絡先、機能等の把握について検討し、情報収集や調査を実施していますか。 │"),
        "{wide}"
    );
    // Where it does not, a long value is cut at a third of the width.
    let narrow = question_at("90");
    assert!(
        narrow.contains("┆ 地域の医療機関・介護事業者等… │"),
        "{narrow}"
    );
    let vertical = show_at(
        &wd,
        "80",
        &[
            "consultation_windows",
            "seed.txt",
            "--vertical",
            "--where",
            "municipality_name=千代田区",
        ],
    );
    snapshot!("show_windows_vertical_80", vertical);
    // A pipe gets plain rows, nothing cut.
    let plain = wd.run(&["show", "program_summary", "seed.txt"]);
    assert!(
        plain.stdout.starts_with("edition\trow_no\titem\t"),
        "{}",
        plain.stdout
    );
    assert!(plain
        .stdout
        .contains("在宅医療・介護連携の課題の抽出と対応策の検討"));
    // An unknown column is an input error naming the table's columns.
    let unknown = wd.run(&["show", "municipalities", "seed.txt", "--columns", "nope"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("municipalities has no column «nope»; expected one of municipality_code,"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn check_prints_text_markdown_or_the_reports_json() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    let built = wd.run(&["build", "--out", "out", "seed.txt"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let file = std::fs::read_to_string(wd.path().join("out/validation_report.json")).unwrap();
    // JSON: the build's validation_report.json, byte for byte.
    let json = wd.run(&["check", "--format", "json", "seed.txt"]);
    assert_eq!(json.code, 0);
    assert_eq!(json.stdout, file);
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let total = doc["summary"]["checks_total"].as_u64().unwrap();
    let ambiguities = doc["summary"]["ambiguities_total"].as_u64().unwrap();
    // Text: the same counts, no Markdown table and no HTML; the default
    // into a pipe too (line tools drop colour, not Markdown).
    for args in [
        &["check", "--format", "text", "seed.txt"][..],
        &["check", "seed.txt"],
    ] {
        let text = wd.run(args);
        assert!(
            text.stdout.starts_with(&format!(
                "{total} checks, {total} passed, 0 failed; {ambiguities} ambiguities."
            )),
            "{}",
            text.stdout
        );
        assert!(!text.stdout.contains("<br>") && !text.stdout.contains('|'));
    }
    // Markdown, which does not claim files it did not write.
    let md = wd.run(&["check", "--format", "md", "seed.txt"]);
    assert!(md.stdout.starts_with("# Validation report"));
    assert!(!md.stdout.contains("beside this file"), "{}", md.stdout);
    assert!(md.stdout.contains("output of `zaitaku build`"));
    // With --all, every check and ambiguity in full, in the same document.
    let all = wd.run(&["check", "--all", "--format", "json", "seed.txt"]);
    let every: serde_json::Value = serde_json::from_str(&all.stdout).unwrap();
    assert_eq!(every["checks"].as_array().unwrap().len() as u64, total);
    assert_eq!(
        every["ambiguities"].as_array().unwrap().len() as u64,
        ambiguities
    );
    assert_eq!(every["summary"], doc["summary"]);
    assert!(doc["checks"].is_null() && doc["ambiguities"].is_null());
    let text = wd.run(&["check", "--all", "--format", "text", "seed.txt"]);
    assert_eq!(
        text.stdout
            .lines()
            .filter(|l| l.starts_with("  pass "))
            .count() as u64,
        total
    );
}

/// A workdir holding the seed as seed.txt and its build in out/.
fn seed_built_into_out() -> Workdir {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    let built = wd.run(&["build", "--out", "out", "seed.txt"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    wd
}

/// The keys of a JSON object.
fn keys(v: &serde_json::Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

/// The header of a table the build wrote, as column names, sorted.
fn columns_of(wd: &Workdir, csv: &str) -> Vec<String> {
    let text = std::fs::read_to_string(wd.path().join("out").join(csv)).unwrap();
    let mut names: Vec<String> = text
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(String::from)
        .collect();
    names.sort();
    names
}

#[test]
fn checks_json_has_one_schema_whatever_the_flags_named_as_the_tables_columns() {
    let wd = seed_built_into_out();
    wd.write(
        "changed.txt",
        fixture("invalid/changed_page_two_percentage.txt"),
    );
    let doc = |args: &[&str]| -> serde_json::Value {
        let run = wd.run(args);
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
    };
    let summary = doc(&["check", "--format", "json", "changed.txt"]);
    let all = doc(&["check", "--all", "--format", "json", "changed.txt"]);
    let passed = doc(&["check", "--format", "json", "seed.txt"]);
    let expected = [
        "ambiguities",
        "ambiguity_kinds",
        "by_edition",
        "checks",
        "csv_replacements",
        "failures",
        "families",
        "schema_version",
        "summary",
        "tables",
    ];
    for d in [&summary, &all, &passed] {
        assert_eq!(keys(d), expected);
        assert_eq!(d["schema_version"], 1);
    }
    assert_eq!(summary["summary"]["passed"], false);
    assert_eq!(passed["failures"], serde_json::json!([]));
    // A failure is a row of validation_checks (its columns, its values),
    // with the places that may explain it.
    let failure = &summary["failures"][0];
    let mut names = keys(failure);
    names.retain(|k| k != "suspect_places");
    assert_eq!(names, columns_of(&wd, "validation_checks.csv"));
    assert_eq!(failure["status"], "fail");
    assert_eq!(failure["check_id"], "p2.ka.q2.pct_no");
    assert_eq!(
        failure["reconstructed"]
            .as_str()
            .map(|r| r.starts_with("37.7%")),
        Some(true)
    );
    assert_eq!(failure["published"], "37.8%");
    assert_eq!(failure["source_line"], 147);
    assert_eq!(summary["failures"], all["failures"]);
    let check = all["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] == "pass")
        .unwrap();
    assert_eq!(keys(check), columns_of(&wd, "validation_checks.csv"));
    let ambiguity = &all["ambiguities"][0];
    assert_eq!(keys(ambiguity), columns_of(&wd, "ambiguities.csv"));
    let example = &summary["ambiguity_kinds"][0]["examples"][0];
    assert_eq!(keys(example), columns_of(&wd, "ambiguities.csv"));
    // An example keeps its number in its edition's list.
    let no = example["ambiguity_no"].as_u64().unwrap() as usize;
    assert_eq!(all["ambiguities"][no - 1], *example);
}

#[test]
fn show_keeps_where_columns_and_limit_in_every_form_and_an_explicit_layout_wins_over_a_pipe() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    let csv = wd.run(&[
        "show",
        "program_summary",
        "seed.txt",
        "--csv",
        "--where",
        "item=ア",
        "--columns",
        "item,n",
    ]);
    assert_eq!(csv.code, 0);
    // Page 1 prints two rows of ア (lines 10 and 12), n = 53.
    assert_eq!(csv.stdout, "item,n\nア,53\nア,53\n");
    let plain = wd.run(&[
        "show",
        "program_summary",
        "seed.txt",
        "--where",
        "item=ア",
        "--columns",
        "item,n",
    ]);
    assert_eq!(plain.stdout, "item\tn\nア\t53\nア\t53\n");
    // A pipe, but --vertical asked for: one block per row.
    let vertical = wd.run(&[
        "show",
        "consultation_windows",
        "seed.txt",
        "--where",
        "municipality_name=千代田区",
        "--vertical",
    ]);
    assert!(
        vertical.stdout.starts_with("-[ RECORD 1 ]"),
        "{}",
        vertical.stdout
    );
    assert!(!vertical.stdout.contains('\t'));
    // --limit: the first rows, and the count of the others said.
    let limited = wd.run(&[
        "show",
        "municipalities",
        "seed.txt",
        "--csv",
        "--limit",
        "2",
    ]);
    assert_eq!(limited.stdout.lines().count(), 3);
    assert!(
        limited.stderr.contains("2 of 62 rows shown"),
        "{}",
        limited.stderr
    );
    // An empty text and a null stay apart in CSV, selected or not.
    let all = wd.run(&["show", "municipality_choices", "seed.txt", "--csv"]);
    let some = wd.run(&["show", "municipality_choices", "seed.txt", "--csv", "--columns", "edition,municipality_code,municipality_name,item,question,choice_no,option,annotation,raw_text,survey_no,source_page,source_line,source_column"]);
    assert_eq!(all.stdout, some.stdout);
}

/// A copy cut short is an input error (exit 2) that says so, never a
/// report whose figures disagree (it was exit 1 with 141 failed checks):
/// pages 8–11 cut off (`head -n 1371`), only the last page cut off, and a
/// file cut inside a UTF-8 character (it was «use --encoding»).
#[test]
fn a_copy_cut_short_exits_2_and_says_the_text_ends_before_the_report_does() {
    let wd = Workdir::new();
    let text = seed();
    let lines: Vec<&str> = text.split('\n').collect();
    wd.write("cut.txt", lines[..1371].join("\n"));
    let run = wd.run(&["check", "cut.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("expected the consultation windows of 練馬区 (20) to 小笠原村 (62) after 板橋区 (19): the text ends before the report does; was the file cut short?"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("FAIL"), "{}", run.stderr);
    wd.write("last.txt", lines[..1800].join("\n"));
    let run = wd.run(&["check", "last.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("after 狛江市 (40)"), "{}", run.stderr);
    // Two bytes into the last character.
    let bytes = text.as_bytes();
    let end = (2900..bytes.len())
        .find(|&n| !text.is_char_boundary(n) && text.is_char_boundary(n - 2))
        .unwrap();
    wd.write("char.txt", &bytes[..end]);
    let run = wd.run(&["build", "--out", "out", "char.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the file ends inside a character: was it cut short?"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("use --encoding"), "{}", run.stderr);
    assert!(!wd.path().join("out").exists());
}

/// An input that is not the report says so first, plainly, with what it
/// holds (it was a parser's «1 page(s) without 「集計結果」» alone).
#[test]
fn an_input_that_is_not_the_report_says_so_first() {
    let wd = Workdir::new();
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"),
    )
    .unwrap();
    wd.write("README.md", &readme);
    wd.write("table.csv", "a,b\n1,2\n");
    for (name, first) in [("README.md", "# zaitaku-etl"), ("table.csv", "a,b")] {
        let run = wd.run(&["build", "--out", "out", name]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        let lines = (readme.lines().count(), 2);
        let n = if name == "README.md" {
            lines.0
        } else {
            lines.1
        };
        assert_eq!(
            run.stderr.lines().next(),
            Some(format!("zaitaku: {name} does not look like the report 「在宅医療・介護連携推進事業の取組状況」: none of its page titles is there (its text: {n} line(s) on 1 page(s), the first «{first}»)").as_str()),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.ends_with(&format!(
                "zaitaku: {name}: not the report; nothing written\n"
            )),
            "{}",
            run.stderr
        );
        assert!(!wd.path().join("out").exists());
    }
}

/// Bare `zaitaku` says what it is as `--help` does (it printed the crate's
/// one-line description instead), lists the commands, and exits 2.
#[test]
fn bare_zaitaku_describes_itself_as_help_does() {
    let wd = Workdir::new();
    let bare = wd.run(&[]);
    assert_eq!(bare.code, 2, "{}", bare.stderr);
    let help = wd.run(&["--help"]);
    assert_eq!(help.code, 0);
    // The description (the short form drops its full stop, as clap does).
    let first = |s: &str| {
        let line = s.lines().next().unwrap_or_default();
        line.trim_end_matches('.').to_string()
    };
    assert!(first(&help.stdout).starts_with("Rebuilds the tables of the Tokyo report"));
    assert_eq!(first(&bare.stderr), first(&help.stdout));
    assert!(
        bare.stderr.contains("Commands:\n  build"),
        "{}",
        bare.stderr
    );
}

#[test]
fn show_lists_a_tables_columns_without_an_input() {
    let wd = Workdir::new();
    let schema = wd.run(&["show", "municipality_answers", "--schema"]);
    assert_eq!(schema.code, 0, "{}", schema.stderr);
    let lines: Vec<&str> = schema.stdout.lines().collect();
    assert_eq!(lines[0], "column\ttype\tkey\tlabel_ja\tdescription");
    assert!(
        lines.iter().any(|l| l.starts_with("edition\tdate\tkey\t")),
        "{}",
        schema.stdout
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("mark\tenum(◎, ○, △, ×, -)\t\t")),
        "{}",
        schema.stdout
    );
    assert!(lines
        .iter()
        .any(|l| l.starts_with("implemented_or_planned\tboolean\t")));
    // As CSV too; without --schema an input is still needed.
    let csv = wd.run(&["show", "municipalities", "--schema", "--csv"]);
    assert!(csv
        .stdout
        .starts_with("column,type,key,label_ja,description\n"));
    assert_eq!(wd.run(&["show", "municipalities"]).code, 2);
}

#[test]
fn show_where_compares_sorts_counts_and_says_how_nulls_match() {
    let wd = seed_built_into_out();
    let count = |args: &[&str]| -> usize {
        let run = wd.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run.stdout
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{args:?}: {}", run.stdout))
    };
    // The reference list: 8 names hold 島 (豊島区, 昭島市 and six islands).
    assert_eq!(
        count(&[
            "show",
            "municipalities",
            "out",
            "--where",
            "municipality_name~島",
            "--count"
        ]),
        8
    );
    // Six windows print no name of their own that a rule ties (葛飾区 1–2, 江戸川区
    // 20–23: win.name_unknown): `name=` keeps the nulls, `name!=` the others.
    let windows = count(&["show", "consultation_windows", "out", "--count"]);
    assert_eq!(
        count(&[
            "show",
            "consultation_windows",
            "out",
            "--where",
            "name=",
            "--count"
        ]),
        6
    );
    assert_eq!(
        count(&[
            "show",
            "consultation_windows",
            "out",
            "--where",
            "name!=",
            "--count"
        ]),
        windows - 6
    );
    // Comparisons are numeric; a null is kept by none.
    let csv = wd.run(&["show", "program_summary", "out", "--csv"]).stdout;
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let k = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "count_current")
        .unwrap();
    let counts: Vec<u32> = reader
        .records()
        .map(|r| r.unwrap()[k].parse().unwrap())
        .collect();
    type Keep = fn(u32) -> bool;
    let ops: [(&str, Keep); 3] = [(">=", |c| c >= 45), ("<", |c| c < 45), (">", |c| c > 45)];
    for (op, keep) in ops {
        let filter = format!("count_current{op}45");
        let want = counts.iter().filter(|c| keep(**c)).count();
        assert_eq!(
            count(&[
                "show",
                "program_summary",
                "out",
                "--where",
                &filter,
                "--count"
            ]),
            want,
            "{filter}"
        );
    }
    // Sorted largest first, as numbers (9 < 45 as a number, not as text).
    let sorted = wd.run(&[
        "show",
        "program_summary",
        "out",
        "--sort",
        "-count_current",
        "--columns",
        "count_current",
    ]);
    let shown: Vec<u32> = sorted
        .stdout
        .lines()
        .skip(1)
        .map(|l| l.parse().unwrap())
        .collect();
    let mut want = counts.clone();
    want.sort_by(|a, b| b.cmp(a));
    assert_eq!(shown, want);
    let bad = wd.run(&["show", "program_summary", "out", "--where", "count_current"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("expected COLUMN=VALUE (or !=, <, <=, >, >=, ~"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_dash_reads_standard_input_wherever_a_file_is_read() {
    let wd = Workdir::new();
    let check = wd.run_with_stdin(&["check", "-"], seed().as_bytes());
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("zaitaku: standard input: read as UTF-8; edition 2017-07-31"),
        "{}",
        check.stderr
    );
    let show = wd.run_with_stdin(
        &["show", "municipalities", "-", "--count"],
        seed().as_bytes(),
    );
    assert_eq!(
        (show.code, show.stdout.as_str()),
        (0, "62\n"),
        "{}",
        show.stderr
    );
    let twice = wd.run_with_stdin(&["check", "-", "-"], seed().as_bytes());
    assert_eq!(twice.code, 2);
    assert!(
        twice
            .stderr
            .contains("«-» (standard input) is given more than once"),
        "{}",
        twice.stderr
    );
}

#[test]
fn extract_writes_the_text_to_a_file_with_o_and_never_over_its_input() {
    let wd = Workdir::new();
    wd.write("seed.pdf", fixture("pdf/seed.pdf"));
    let printed = wd.run(&["extract", "seed.pdf"]);
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    let written = wd.run(&["extract", "seed.pdf", "-o", "seed.txt"]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert_eq!(written.stdout, "");
    assert_eq!(
        std::fs::read_to_string(wd.path().join("seed.txt")).unwrap(),
        printed.stdout
    );
    let piped = wd.run_with_stdin(&["extract", "-"], &fixture("pdf/seed.pdf"));
    assert_eq!(piped.stdout, printed.stdout);
    let over = wd.run(&["extract", "seed.pdf", "-o", "seed.pdf"]);
    assert_eq!(over.code, 2);
    assert!(
        over.stderr.contains("seed.pdf is the input"),
        "{}",
        over.stderr
    );
    assert_eq!(
        std::fs::read(wd.path().join("seed.pdf")).unwrap(),
        fixture("pdf/seed.pdf")
    );
}

#[test]
fn on_80_columns_the_mark_and_status_stay_before_columns_of_one_value() {
    let wd = seed_built_into_out();
    let run = wd.run(&[
        "show",
        "municipality_answers",
        "out",
        "--where",
        "municipality_name=港区",
        "--limit",
        "3",
        "--width",
        "80",
    ]);
    let header = run.stdout.lines().nth(1).unwrap_or_default();
    for column in ["municipality_name", "item", "question", "mark", "status"] {
        assert!(
            header.contains(column),
            "{column} not shown:\n{}",
            run.stdout
        );
    }
    // 港区's ア①–③ are ◎ (page 3, L292).
    assert_eq!(
        run.stdout.matches("┆ ◎    ┆ implemented").count(),
        3,
        "{}",
        run.stdout
    );
}

#[test]
fn keep_failed_writes_every_table_with_the_failures_first_and_still_exits_1() {
    let wd = Workdir::new();
    // カ②'s 未実施等 share printed 37.8% for 37.7% (page 2, L147).
    wd.write(
        "changed.txt",
        fixture("invalid/changed_page_two_percentage.txt"),
    );
    let without = wd.run(&["build", "--out", "out", "changed.txt"]);
    assert_eq!(without.code, 1);
    assert!(
        !wd.path().join("out").exists(),
        "without the switch nothing is written"
    );
    let run = wd.run(&["build", "--keep-failed", "--out", "out", "changed.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "zaitaku: validation failed (1 of 324 checks); written anyway (--keep-failed)"
        ),
        "{}",
        run.stderr
    );
    let read = |name: &str| std::fs::read_to_string(wd.path().join("out").join(name)).unwrap();
    let checks = read("validation_checks.csv");
    let failed: Vec<&str> = checks.lines().filter(|l| l.contains(",fail,")).collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(
        failed[0].contains("p2.ka.q2.pct_no") && failed[0].contains("37.8%"),
        "{}",
        failed[0]
    );
    let report = read("validation_report.md");
    let first = report.find("## Failed checks").expect("a failures section");
    assert!(
        first < report.find("## Checks by edition").unwrap(),
        "{report}"
    );
    let readme = read("README.md");
    assert!(
        readme.starts_with("# zaitaku output\n\n**Validation failed: 1 of 324 checks.**"),
        "{readme}"
    );
    assert!(readme.contains("p2.ka.q2.pct_no"), "{readme}");
    // The data package marks the package and every table it describes.
    let package: serde_json::Value = serde_json::from_str(&read("datapackage.json")).unwrap();
    let marked = "Written although 1 check(s) of the report's figures failed";
    assert!(package["description"].as_str().unwrap().starts_with(marked));
    for resource in package["resources"].as_array().unwrap() {
        assert!(
            resource["description"]
                .as_str()
                .unwrap()
                .starts_with(marked),
            "{resource}"
        );
    }
    let page = read("report.html");
    let banner = page.find("id=\"failed\"").expect("a banner");
    assert!(banner < page.find("id=\"validation\"").unwrap());
    // Every table is there, as a passing build writes them.
    assert_eq!(wd.files("out").len(), {
        wd.write("seed.txt", seed());
        assert_eq!(wd.run(&["build", "--out", "seed-out", "seed.txt"]).code, 0);
        wd.files("seed-out").len()
    });
}
