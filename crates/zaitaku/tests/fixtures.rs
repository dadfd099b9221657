//! Every fixture under tests/fixtures/ (made by scripts/make_fixtures.py,
//! which states each edit; tests/fixtures/README.md says what each shows).
//! Adding a case is adding a file (and reviewing its snapshot).
//!
//! - `valid/`: the fixture builds; the snapshot is its terminal output and
//!   how each table and the validation report differ from the seed's (line
//!   diffs), so a snapshot shows exactly what the edit changed.
//! - `invalid/`: built over an output directory that held the seed's tables,
//!   the fixture fails with exit 1 or 2, output/ is untouched and no
//!   temporary is left; the snapshot is the exit code and the messages.
//!
//! A fixture `NAME.txt` with a sidecar `NAME.overrides.csv` is built with
//! `--overrides`.

use crate::harness::{seed, Run, Workdir};
use std::path::Path;

/// `zaitaku build --out output input.txt` in `wd`, the input being the
/// fixture at `path` (and its overrides sidecar, if it has one).
fn build_fixture(wd: &Workdir, path: &Path) -> Run {
    wd.write("input.txt", std::fs::read(path).unwrap());
    let mut args = vec!["build", "--out", "output", "input.txt"];
    let sidecar = path.with_extension("overrides.csv");
    if sidecar.exists() {
        wd.write("overrides.csv", std::fs::read(&sidecar).unwrap());
        args.extend(["--overrides", "overrides.csv"]);
    }
    wd.run(&args)
}

/// A directory holding output/ built from the seed (named input.txt, as the
/// fixtures are, so that file names in the outputs agree).
fn seed_build() -> Workdir {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    let run = wd.run(&["build", "--out", "output", "input.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    wd
}

/// A diff of more changed lines than this is summarised (a cover page shifts
/// every row's page and line, and a review must see that, not 5,000 lines).
const LONGEST_DIFF: usize = 60;

/// How every CSV and Markdown output differs from the seed's: a line diff,
/// or for a long one, per CSV column how many rows changed and the first
/// change (the first `LONGEST_DIFF` lines of the diff for other files).
fn differences(seed: &[(String, Vec<u8>)], fixture: &[(String, Vec<u8>)]) -> String {
    let names =
        |files: &[(String, Vec<u8>)]| files.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(seed), names(fixture), "the same output files");
    let mut out = String::new();
    for ((name, old), (_, new)) in seed.iter().zip(fixture) {
        if !(name.ends_with(".csv") || name.ends_with(".md")) || old == new {
            continue;
        }
        let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
        let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
        let unified = diff
            .unified_diff()
            .context_radius(0)
            .header(&format!("seed/{name}"), &format!("fixture/{name}"))
            .to_string();
        let changed = unified
            .lines()
            .filter(|l| l.starts_with(['-', '+']))
            .count()
            - 2;
        if changed <= LONGEST_DIFF {
            out += &unified;
        } else if let Some(summary) = column_changes(&old, &new).filter(|_| name.ends_with(".csv"))
        {
            out += &format!("--- seed/{name}\n+++ fixture/{name}\n{changed} changed lines, by column:\n{summary}");
        } else {
            let head: Vec<&str> = unified.lines().take(LONGEST_DIFF + 2).collect();
            out += &format!("{}\n… {changed} changed lines in all\n", head.join("\n"));
        }
    }
    if out.is_empty() {
        out = "every table and the validation report: as the seed's\n".to_string();
    }
    out
}

/// For two CSV texts with the same rows count: per column, how many rows
/// differ and the first of them. `None` when the row counts differ.
fn column_changes(old: &str, new: &str) -> Option<String> {
    let (old, new): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    if old.len() != new.len() || old.first() != new.first() {
        return None;
    }
    let header = fields(old.first()?);
    let mut out = String::new();
    for (k, column) in header.iter().enumerate() {
        let changes: Vec<(usize, String, String)> = old
            .iter()
            .zip(&new)
            .enumerate()
            .skip(1)
            .map(|(row, (a, b))| {
                (
                    row + 1,
                    fields(a).get(k).cloned().unwrap_or_default(),
                    fields(b).get(k).cloned().unwrap_or_default(),
                )
            })
            .filter(|(_, a, b)| a != b)
            .collect();
        if let Some((row, a, b)) = changes.first() {
            out += &format!(
                "  {column}: {} of {} rows, first at line {row}: «{a}» → «{b}»\n",
                changes.len(),
                old.len() - 1
            );
        }
    }
    Some(out)
}

/// The fields of one CSV line, read by the `csv` crate (quoted fields may
/// hold commas and "").
fn fields(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes());
    match reader.records().next() {
        Some(Ok(record)) => record.iter().map(str::to_string).collect(),
        _ => vec![String::new()],
    }
}

/// The failed checks of the fixture at `path` (with its overrides
/// sidecar), as the library gives them: (id, edition).
fn library_failures(path: &Path) -> Vec<(String, String)> {
    use zaitaku_pipeline::editions::{validate_all, Outcome};
    let paths = [path.to_path_buf()];
    let parser = zaitaku_parse::Parser::new();
    let inputs = zaitaku_pipeline::Inputs::read(
        &parser,
        &paths,
        |_| "input.txt".to_string(),
        |p| std::fs::read(p),
        Default::default(),
    );
    let editions = inputs.editions();
    let pins = std::fs::read(path.with_extension("overrides.csv"))
        .ok()
        .map(|bytes| {
            zaitaku_pipeline::Pins::decode("overrides.csv".into(), &bytes, &editions).unwrap()
        });
    let mut failed = Vec::new();
    validate_all(&parser, &inputs.texts, pins.as_ref(), |p| {
        if let Outcome::Validated(v) = &p.outcome {
            failed.extend(
                v.validation
                    .failures()
                    .map(|c| (c.id.to_string(), c.edition.to_string())),
            );
        }
    });
    failed
}

/// Every check the library fails for a fixture (exit 1) is a row of
/// `validation_checks` with status `fail`, as `show` prints the table, and
/// the build's messages name it.
fn failures_are_rows(wd: &Workdir, path: &Path, stderr: &str) {
    let mut args = vec!["show", "validation_checks", "input.txt", "--csv"];
    if path.with_extension("overrides.csv").exists() {
        args.extend(["--overrides", "overrides.csv"]);
    }
    let show = wd.run(&args);
    assert_eq!(show.code, 1, "{}: {}", path.display(), show.stderr);
    let failed = library_failures(path);
    assert!(!failed.is_empty(), "{}: no check failed", path.display());
    for (id, edition) in failed {
        let row = format!("{edition},{id},");
        let line = show.stdout.lines().find(|l| l.starts_with(&row));
        assert!(
            line.is_some_and(|l| l.contains(",fail,")),
            "{}: {id} is no row with status fail: {line:?}",
            path.display()
        );
        assert!(
            stderr.contains(&id),
            "{}: the messages do not name {id}",
            path.display()
        );
    }
}

#[test]
fn valid_fixtures_build_and_differ_from_the_seed_only_as_snapshotted() {
    let seed_files = seed_build().files("output");
    insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false }, {
        insta::glob!("../../../tests/fixtures", "valid/*.txt", |path| {
            let wd = Workdir::new();
            let run = build_fixture(&wd, path);
            assert_eq!(run.code, 0, "{}: {}", path.display(), run.stderr);
            crate::harness::assert_positions(&wd, &path.display().to_string(), "input.txt", "output");
            let diff = differences(&seed_files, &wd.files("output"));
            insta::assert_snapshot!("valid", format!("exit {}\n{}\n{diff}", run.code, run.stderr));
        });
    });
}

#[test]
fn invalid_fixtures_fail_with_their_message_and_leave_output_alone() {
    let seed = seed_build();
    let before = seed.files("output");
    insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false }, {
        insta::glob!("../../../tests/fixtures", "invalid/*.txt", |path| {
            let wd = Workdir::new();
            wd.copy_dir(&seed.path().join("output"), "output");
            let run = build_fixture(&wd, path);
            assert!(matches!(run.code, 1 | 2), "{}: exit {}: {}", path.display(), run.code, run.stderr);
            assert!(!run.stderr.contains("panicked"), "{}: {}", path.display(), run.stderr);
            assert_eq!(wd.files("output"), before, "{}: output/ was touched", path.display());
            assert_eq!(wd.temporaries(), Vec::<String>::new(), "{}: a temporary was left", path.display());
            if run.code == 1 {
                failures_are_rows(&wd, path, &run.stderr);
            }
            insta::assert_snapshot!("invalid", format!("exit {}\n{}", run.code, run.stderr));
        });
    });
}
