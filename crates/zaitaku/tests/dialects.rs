//! The seed as other extractors write it (tests/fixtures/dialects/, made by
//! scripts/make_fixtures.py: form feeds, blank lines, white space, Kangxi
//! radicals, WAVE DASH, minus signs, half-width katakana, line ends) builds
//! with every check passing to the seed's tables, table by table and column
//! by column, apart from source positions, and every position points at a
//! line of the dialect's own file that prints its value; `zaitaku diff` of
//! the seed and each finds no change.

use crate::harness::{seed, without_positions, Workdir};
use std::path::Path;

#[test]
fn positions_inside_a_text_are_blanked_and_nothing_else() {
    assert_eq!(
        without_positions("as 「窓口」 (page 8, line 1366, column 5); page 7, line 2 and page x"),
        "as 「窓口」 (page P, line L); page P, line L and page x"
    );
}

/// Every fixture of the dialects folder, by name.
fn dialects() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/dialects");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// The position check fails where it should: the seed's build read against
/// a copy of the seed with one line put in front (every position one line
/// off) has its values not printed at their places.
#[test]
#[should_panic(expected = "positions not printed at their place in shifted.txt")]
fn positions_one_line_off_fail_the_position_check() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "seed", "seed.txt"]).code, 0);
    wd.write("shifted.txt", format!("表紙\n{}", seed()));
    crate::harness::assert_positions(&wd, "seed", "shifted.txt", "seed");
}

#[test]
fn every_dialect_builds_to_the_seeds_tables_column_by_column() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    let run = wd.run(&["build", "--out", "seed", "seed.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    crate::harness::assert_positions(&wd, "seed", "seed.txt", "seed");
    let tables: Vec<String> = wd
        .files("seed")
        .into_iter()
        .map(|f| f.0)
        .filter(|n| n.ends_with(".csv"))
        .collect();
    assert_eq!(tables.len(), 14);
    let dialects = dialects();
    // tests/fixtures/README.md's dialects section lists 16 files.
    assert_eq!(dialects.len(), 16, "{} dialects", dialects.len());
    let mut differences = Vec::new();
    for (name, bytes) in &dialects {
        let input = format!("{name}.txt");
        wd.write(&input, bytes);
        let out = format!("out-{name}");
        let run = wd.run(&["build", "--out", &out, &input]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        crate::harness::assert_positions(&wd, name, &input, &out);
        differences.extend(crate::harness::differences_apart_from_positions(
            &wd, "seed", &out, name,
        ));
    }
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences[..differences.len().min(20)].join("\n")
    );
}

#[test]
fn diff_of_the_seed_and_each_dialect_finds_no_change() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    for (name, bytes) in dialects() {
        let input = format!("{name}.txt");
        wd.write(&input, bytes);
        let run = wd.run(&["diff", "seed.txt", &input, "--exit-code"]);
        assert_eq!(run.code, 0, "{name}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.trim_end().ends_with("no changes"),
            "{name}: {}",
            run.stdout
        );
    }
}
