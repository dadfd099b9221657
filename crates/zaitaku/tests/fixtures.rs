//! Every fixture under tests/fixtures/ (made by scripts/make_fixtures.py,
//! which states each edit; tests/fixtures/README.md says what each shows),
//! built over an output directory that held the seed's tables: the exit code
//! and the messages are snapshotted (snapshots/fixtures/), and output/ must be
//! untouched whenever the build fails. Adding a case is adding a file.

mod harness;
use harness::{seed, Workdir};

#[test]
fn invalid_fixtures_exit_2_with_their_message_and_leave_output_alone() {
    insta::with_settings!({ snapshot_path => "../../../snapshots/fixtures", prepend_module_to_snapshot => false }, {
        insta::glob!("../../../tests/fixtures", "invalid/*.txt", |path| {
            let wd = Workdir::new();
            wd.write("seed.txt", seed());
            assert_eq!(wd.run(&["build", "--out", "output", "seed.txt"]).code, 0);
            let before = wd.files("output");
            wd.write("input.txt", std::fs::read(path).unwrap());
            let run = wd.run(&["build", "--out", "output", "input.txt"]);
            assert_eq!(run.code, 2, "{}: {}", path.display(), run.stderr);
            assert_eq!(wd.files("output"), before, "{}: output/ was touched", path.display());
            insta::assert_snapshot!("invalid", format!("exit {}\n{}", run.code, run.stderr));
        });
    });
}
