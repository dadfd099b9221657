//! `zaitaku diff`: the seed against itself, against each fixture of
//! tests/fixtures/diff/ (a later edition with known edits), reversed, read
//! back from an output directory, and the `changes` table of a build.

use crate::harness::{fixture, seed, Workdir};
use std::path::Path;

/// What each fixture's edit changes, `table|key|field|old|new|kind`, read
/// off the edit scripts/make_fixtures.py states (and tests/fixtures/README.md
/// lists), not off our output.
const EXPECTED: &[(&str, &[&str])] = &[
    ("later_edition", &[]),
    (
        "phone_changed",
        // L881: 03-3265-1165 → 03-3265-1199, 千代田区's first window.
        &["consultation_windows|千代田区 window 1|phone|03-3265-1165|03-3265-1199|window_changed"],
    ),
    (
        "window_opened",
        // L512: 港区's オ① ○ → ◎; L919: its plan replaced by one window (L920
        // its location, L922 its phone).
        &[
            "municipality_answers|オ① 港区|mark|○|◎|mark_changed",
            "consultation_windows|港区 window 1|window||在宅医療相談窓口 (港区保健福祉課在宅医療支援係; 03-3578-2111)|window_opened",
            "window_plans|港区|planned_opening|平成29年9月開設予定||plan_realized",
        ],
    ),
    (
        "mark_raised",
        // L21 (page 1's エ row), L132 and L239 (page 2's エ①), L300 (墨田区's エ①).
        &[
            "program_summary|エ① 情報共有ツールについて検討または作成|count_current|45|46|changed",
            "program_summary|エ① 情報共有ツールについて検討または作成|pct_current|84.9|86.8|changed",
            "program_summary|エ① 情報共有ツールについて検討または作成|change_pct|18.9|20.8|changed",
            "question_summary|エ①|count_yes|45|46|changed",
            "question_summary|エ①|pct_yes|84.9|86.8|changed",
            "question_summary|エ①|count_no|8|7|changed",
            "question_summary|エ①|pct_no|15.1|13.2|changed",
            "municipality_answers|エ① 墨田区|mark|△|◎|started",
        ],
    ),
    (
        "window_closed",
        // L1583: 江戸川区's window 23 prints no name; 「なごみの家　鹿骨」 is its
        // location (the value's U+3000 is one space), 03-3670-4753 its phone.
        &["consultation_windows|江戸川区 window 23|window|なごみの家 鹿骨 (name not decidable; 03-3670-4753)||window_closed"],
    ),
    (
        "association_row_marked",
        // L788: 下谷 marked in FY2014–FY2017; L843: each total one more.
        &[
            "association_programs|multidisciplinary_network 下谷|years_marked|0|4|changed",
            "association_program_years|multidisciplinary_network 下谷 FY2014|participated|false|true|changed",
            "association_program_years|multidisciplinary_network 下谷 FY2014|resolution|none_marked|all_marked|changed",
            "association_program_years|multidisciplinary_network 下谷 FY2015|participated|false|true|changed",
            "association_program_years|multidisciplinary_network 下谷 FY2015|resolution|none_marked|all_marked|changed",
            "association_program_years|multidisciplinary_network 下谷 FY2016|participated|false|true|changed",
            "association_program_years|multidisciplinary_network 下谷 FY2016|resolution|none_marked|all_marked|changed",
            "association_program_years|multidisciplinary_network 下谷 FY2017|participated|false|true|changed",
            "association_program_years|multidisciplinary_network 下谷 FY2017|resolution|none_marked|all_marked|changed",
            "association_program_totals|multidisciplinary_network FY2014|count|24|25|changed",
            "association_program_totals|multidisciplinary_network FY2015|count|45|46|changed",
            "association_program_totals|multidisciplinary_network FY2016|count|49|50|changed",
            "association_program_totals|multidisciplinary_network FY2017|count|48|49|changed",
        ],
    ),
];

/// A directory with the seed as `seed.txt` and fixture `name` as `new.txt`.
fn with_fixture(name: &str) -> Workdir {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    wd.write("new.txt", fixture(&format!("diff/{name}.txt")));
    wd
}

/// The changes of a `changes` CSV as `table|key|field|old|new|kind`.
fn rows(csv: &str) -> Vec<String> {
    let t = crate::harness::read_csv(csv);
    t.iter()
        .map(|r| {
            ["table", "key", "field", "old", "new", "kind"]
                .map(|c| r.text(c))
                .join("|")
        })
        .collect()
}

#[test]
fn the_seed_against_itself_has_no_changes() {
    let wd = with_fixture("later_edition");
    for extra in [&[][..], &["--exit-code"][..]] {
        let mut args = vec!["diff", "seed.txt", "seed.txt"];
        args.extend(extra);
        let run = wd.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.ends_with(": no changes\n"), "{}", run.stdout);
    }
}

#[test]
fn each_fixture_lists_exactly_its_edits() {
    for (name, expected) in EXPECTED {
        let wd = with_fixture(name);
        let run = wd.run(&["diff", "seed.txt", "new.txt", "--format", "csv"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert_eq!(rows(&run.stdout), *expected, "{name}");
    }
    // Every fixture of the folder is listed above.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/diff");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().replace(".txt", ""))
        .collect();
    names.sort();
    let mut listed: Vec<&str> = EXPECTED.iter().map(|(n, _)| *n).collect();
    listed.sort();
    assert_eq!(names, listed);
}

#[test]
fn every_format_of_every_fixture_matches_its_snapshot() {
    insta::with_settings!({ snapshot_path => "snapshots/diff", prepend_module_to_snapshot => false }, {
        insta::glob!("../../../tests/fixtures", "diff/*.txt", |path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let wd = with_fixture(&name);
            let mut shown = String::new();
            for format in ["text", "md", "csv", "json"] {
                let run = wd.run(&["diff", "seed.txt", "new.txt", "--format", format]);
                assert_eq!(run.code, 0, "{name} {format}: {}", run.stderr);
                shown += &format!("===== --format {format}\n{}", run.stdout);
            }
            insta::assert_snapshot!("diff", shown);
        });
    });
}

/// The kind a change has when the editions are swapped (`None`: a plan's,
/// which depends on the windows around it).
fn reversed(kind: &str) -> Option<&str> {
    Some(match kind {
        "started" => "stopped",
        "stopped" => "started",
        "added" => "removed",
        "removed" => "added",
        "option_gained" => "option_lost",
        "option_lost" => "option_gained",
        "window_opened" => "window_closed",
        "window_closed" => "window_opened",
        "municipality_appeared" => "municipality_disappeared",
        "municipality_disappeared" => "municipality_appeared",
        k if k.starts_with("plan_") => return None,
        k => k,
    })
}

#[test]
fn swapped_editions_give_the_reverse_changes() {
    for (name, _) in EXPECTED {
        let wd = with_fixture(name);
        let forward = rows(
            &wd.run(&["diff", "seed.txt", "new.txt", "--format", "csv"])
                .stdout,
        );
        let backward = rows(
            &wd.run(&["diff", "new.txt", "seed.txt", "--format", "csv"])
                .stdout,
        );
        assert_eq!(forward.len(), backward.len(), "{name}");
        for f in &forward {
            let [table, key, field, old, new, kind] = f.split('|').collect::<Vec<_>>()[..] else {
                panic!("{f}")
            };
            let found = backward.iter().any(|b| {
                let b: Vec<&str> = b.split('|').collect();
                b[0] == table
                    && b[1] == key
                    && b[2] == field
                    && b[3] == new
                    && b[4] == old
                    && reversed(kind).is_none_or(|k| k == b[5])
            });
            assert!(found, "{name}: no reverse of {f} in {backward:#?}");
        }
    }
}

#[test]
fn an_output_directory_reads_as_the_text_it_was_built_from() {
    let wd = with_fixture("window_opened");
    assert_eq!(wd.run(&["build", "--out", "utf8", "seed.txt"]).code, 0);
    let cp932 = wd.run(&[
        "build",
        "--out",
        "cp932",
        "--csv-encoding",
        "cp932",
        "--cp932-unmappable",
        "replace",
        "seed.txt",
    ]);
    assert_eq!(cp932.code, 0, "{}", cp932.stderr);
    let from_text = wd.run(&["diff", "seed.txt", "new.txt", "--format", "csv"]);
    let from_dir = wd.run(&["diff", "utf8", "new.txt", "--format", "csv"]);
    assert_eq!(from_dir.code, 0, "{}", from_dir.stderr);
    assert_eq!(from_dir.stdout, from_text.stdout);
    // A CP932 build reads back as the text too: its Parquet files hold the
    // seed's 「⓪」 (ク①'s question text) that its CSV files write as 「(0)」.
    let from_cp932 = wd.run(&["diff", "cp932", "new.txt", "--format", "csv"]);
    assert_eq!(from_cp932.code, 0, "{}", from_cp932.stderr);
    assert_eq!(from_cp932.stdout, from_text.stdout);
    // A file of another layout is refused, naming the column.
    std::fs::copy(
        wd.path().join("utf8/window_plans.parquet"),
        wd.path().join("cp932/program_summary.parquet"),
    )
    .unwrap();
    let other = wd.run(&["diff", "cp932", "new.txt"]);
    assert_eq!(other.code, 2, "{}", other.stderr);
    assert!(
        other
            .stderr
            .contains("program_summary.parquet: expected the columns edition, row_no,"),
        "{}",
        other.stderr
    );
    // A directory of two editions gives its newest.
    assert_eq!(
        wd.run(&["build", "--out", "both", "seed.txt", "new.txt"])
            .code,
        0
    );
    let newest = wd.run(&["diff", "new.txt", "both", "--format", "csv"]);
    assert_eq!(newest.code, 0, "{}", newest.stderr);
    assert_eq!(rows(&newest.stdout), Vec::<String>::new());
}

#[test]
fn exit_codes_are_those_of_diff_tools() {
    let wd = with_fixture("phone_changed");
    // Differences found: 0, or 1 with --exit-code.
    assert_eq!(wd.run(&["diff", "seed.txt", "new.txt"]).code, 0);
    assert_eq!(
        wd.run(&["diff", "seed.txt", "new.txt", "--exit-code"]).code,
        1
    );
    // An input that cannot be read: 2.
    let missing = wd.run(&["diff", "seed.txt", "absent.txt"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("absent.txt"), "{}", missing.stderr);
    wd.write("truncated.txt", fixture("invalid/truncated.txt"));
    let unparsable = wd.run(&["diff", "truncated.txt", "seed.txt"]);
    assert_eq!(unparsable.code, 2, "{}", unparsable.stderr);
    assert!(unparsable.stdout.is_empty());
    std::fs::create_dir(wd.path().join("not_an_output")).unwrap();
    let dir = wd.run(&["diff", "not_an_output", "seed.txt"]);
    assert_eq!(dir.code, 2);
    assert!(
        dir.stderr
            .contains("not_an_output: expected program_summary.parquet"),
        "{}",
        dir.stderr
    );
    // An input failing validation: 1, named.
    wd.write("flipped.txt", fixture("invalid/flipped_mark.txt"));
    let invalid = wd.run(&["diff", "seed.txt", "flipped.txt"]);
    assert_eq!(invalid.code, 1, "{}", invalid.stderr);
    assert!(
        invalid.stderr.contains("flipped.txt: validation failed"),
        "{}",
        invalid.stderr
    );
    assert!(invalid.stdout.is_empty());
}

#[test]
fn out_writes_the_changes_table_with_its_data_package() {
    let wd = with_fixture("mark_raised");
    let run = wd.run(&[
        "diff", "seed.txt", "new.txt", "--out", "changes", "--format", "csv",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files: Vec<String> = wd.files("changes").into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        files,
        [
            ".zaitaku-manifest.json",
            "changes.csv",
            "changes.parquet",
            "datapackage.json"
        ]
    );
    let csv = std::fs::read_to_string(wd.path().join("changes/changes.csv")).unwrap();
    assert_eq!(csv, run.stdout);
}

#[test]
fn a_build_of_two_editions_writes_the_changes_of_the_pair() {
    let wd = with_fixture("mark_raised");
    // Argument order does not matter: pairs go by as-of date.
    assert_eq!(
        wd.run(&["build", "--out", "o", "new.txt", "seed.txt"]).code,
        0
    );
    let csv = std::fs::read_to_string(wd.path().join("o/changes.csv")).unwrap();
    let diff = wd.run(&["diff", "seed.txt", "new.txt", "--format", "csv"]);
    assert_eq!(csv, diff.stdout);
    let t = crate::harness::read_csv(&csv);
    assert!(t.iter().all(|r| r.get("edition") == Some("2017-09-30")
        && r.get("previous_edition") == Some("2017-07-31")));
}

#[test]
fn show_reads_every_table_of_a_build_back_from_its_output_directory() {
    let wd = with_fixture("mark_raised");
    assert_eq!(
        wd.run(&["build", "--out", "o", "seed.txt", "new.txt"]).code,
        0
    );
    // Each table, read back from its Parquet file and written as CSV, is
    // the CSV file the build wrote beside it, byte for byte: every column,
    // type and row of both editions.
    for table in zaitaku_table::names::CATALOG.iter().map(|e| e.name) {
        let run = wd.run(&["show", table, "o", "--csv"]);
        assert_eq!(run.code, 0, "{table}: {}", run.stderr);
        let csv = std::fs::read_to_string(wd.path().join(format!("o/{table}.csv"))).unwrap();
        assert_eq!(run.stdout, csv, "{table}");
    }
    // `changes` is the pair's: the fixture's edits, which one text alone never has.
    let (_, expected) = EXPECTED.iter().find(|(n, _)| *n == "mark_raised").unwrap();
    let run = wd.run(&["show", "changes", "o", "--csv"]);
    assert_eq!(rows(&run.stdout), *expected);
    let alone = wd.run(&["show", "changes", "new.txt", "--csv"]);
    assert!(rows(&alone.stdout).is_empty());
    // --where, --columns and --limit apply as to an edition's table.
    let run = wd.run(&[
        "show",
        "changes",
        "o",
        "--csv",
        "--where",
        "table=question_summary",
        "--columns",
        "field,old,new",
        "--limit",
        "2",
    ]);
    assert_eq!(
        run.stdout,
        "field,old,new\ncount_yes,45,46\npct_yes,84.9,86.8\n"
    );
}

#[test]
fn show_says_what_a_directory_holds_when_it_is_not_a_build_or_lacks_the_table() {
    let wd = with_fixture("mark_raised");
    assert_eq!(
        wd.run(&["diff", "seed.txt", "new.txt", "--out", "d"]).code,
        0
    );
    let run = wd.run(&["show", "municipalities", "d"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "zaitaku: d holds no municipalities.parquet; it holds changes\n"
    );
    std::fs::create_dir(wd.path().join("empty")).unwrap();
    let run = wd.run(&["show", "changes", "empty"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("empty holds no table: expected the output directory of `zaitaku build`"),
        "{}",
        run.stderr
    );
    // A Parquet file of another table's columns is refused, naming them.
    std::fs::create_dir(wd.path().join("other")).unwrap();
    std::fs::copy(
        wd.path().join("d/changes.parquet"),
        wd.path().join("other/municipalities.parquet"),
    )
    .unwrap();
    let run = wd.run(&["show", "municipalities", "other"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("zaitaku: other/municipalities.parquet: expected the columns municipality_code, municipality_name,"), "{}", run.stderr);
    // Pins belong to an edition's text, not to tables already built.
    wd.write("pins.csv", "x");
    let run = wd.run(&["show", "changes", "d", "--overrides", "pins.csv"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--overrides applies to an edition's text"),
        "{}",
        run.stderr
    );
    // So does an encoding: the Parquet files are UTF-8.
    let run = wd.run(&["show", "changes", "d", "--encoding", "shift_jis"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--encoding applies to an edition's text"),
        "{}",
        run.stderr
    );
}
