//! How messages are said: colour only where the user's terminal and
//! environment want it, `--quiet` leaving the errors alone, and the
//! messages about several inputs in a fixed order.

use crate::harness::{fixture, seed, Workdir};

/// A failing input: its checks' messages are rendered with their source lines.
fn failing(wd: &Workdir) {
    wd.write("bad.txt", fixture("invalid/flipped_mark.txt"));
}

fn has_escape(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b)
}

#[test]
fn a_terminal_gets_colour_unless_no_color_clicolor_term_or_the_flag_says_not() {
    let wd = Workdir::new();
    failing(&wd);
    let coloured = wd.run_on_terminal(&["check", "bad.txt"], &[]);
    // The test can fail: on a terminal, with nothing said, there is colour.
    assert!(
        has_escape(&coloured),
        "{}",
        String::from_utf8_lossy(&coloured)
    );
    assert!(String::from_utf8_lossy(&coloured).contains("error"));
    for env in [
        &[("NO_COLOR", "1")][..],
        &[("CLICOLOR", "0")],
        &[("TERM", "dumb")],
    ] {
        let out = wd.run_on_terminal(&["check", "bad.txt"], env);
        assert!(
            !has_escape(&out),
            "{env:?}: {}",
            String::from_utf8_lossy(&out)
        );
        assert!(!out.is_empty());
    }
    let out = wd.run_on_terminal(&["check", "--color", "never", "bad.txt"], &[]);
    assert!(!has_escape(&out));
    // NO_COLOR is the user's: it wins over auto, not over an explicit flag.
    let out = wd.run_on_terminal(
        &["check", "--color", "always", "bad.txt"],
        &[("NO_COLOR", "1")],
    );
    assert!(has_escape(&out));
}

#[test]
fn a_pipe_gets_colour_only_when_asked() {
    let wd = Workdir::new();
    failing(&wd);
    let plain = wd.run(&["check", "bad.txt"]);
    assert_eq!(plain.code, 1);
    assert!(!plain.stderr.contains('\u{1b}'));
    let always = wd.run(&["--color", "always", "check", "bad.txt"]);
    assert_eq!(always.code, 1);
    assert!(always.stderr.contains('\u{1b}'), "{}", always.stderr);
    let forced = wd.run_with_env(&["check", "bad.txt"], &[("CLICOLOR_FORCE", "1")]);
    assert!(forced.stderr.contains('\u{1b}'));
}

#[test]
fn quiet_says_nothing_on_success_and_every_error_on_failure() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    let loud = wd.run(&["build", "--out", "out", "seed.txt"]);
    assert_eq!(loud.code, 0);
    assert!(loud.stderr.contains("read as UTF-8") && loud.stderr.contains("wrote"));
    let quiet = wd.run(&["build", "-q", "--out", "out", "seed.txt"]);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
    let quiet = wd.run(&["check", "--quiet", "seed.txt"]);
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""));
    // The summary a command prints is its output, not a message: the
    // totals of the rows the build wrote.
    let rows = |table: &str| {
        let text = std::fs::read_to_string(wd.path().join("out").join(table)).unwrap();
        text.lines().count() - 1
    };
    let (checks, ambiguities) = (rows("validation_checks.csv"), rows("ambiguities.csv"));
    let totals = format!("{checks} checks, {checks} passed, 0 failed; {ambiguities} ambiguities.");
    assert!(
        quiet.stdout.lines().any(|l| l == totals),
        "«{totals}» not in {}",
        quiet.stdout
    );
    failing(&wd);
    let loud = wd.run(&["check", "bad.txt"]);
    let quiet = wd.run(&["check", "-q", "bad.txt"]);
    assert_eq!(quiet.code, 1);
    // Every error line is kept; only the «read as» and totals lines go.
    let errors = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.contains("read as") && !l.contains(" checks, "))
            .map(str::to_string)
            .collect()
    };
    assert!(!errors(&loud.stderr).is_empty());
    assert_eq!(errors(&quiet.stderr), errors(&loud.stderr));
    assert_eq!(quiet.stderr.lines().count(), errors(&loud.stderr).len());
}

#[test]
fn diff_says_the_old_input_first_every_time() {
    let wd = Workdir::new();
    wd.write("old.txt", seed());
    wd.write("new.txt", fixture("diff/later_edition.txt"));
    for _ in 0..8 {
        let run = wd.run(&["diff", "old.txt", "new.txt"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let said: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.contains("read as"))
            .collect();
        assert_eq!(said.len(), 2, "{}", run.stderr);
        assert!(
            said[0].contains("old.txt") && said[1].contains("new.txt"),
            "{said:?}"
        );
    }
}

/// `stderr` of a run, snapshotted in tests/snapshots/messages/ under `name`.
fn snapshot(name: &str, text: &str) {
    insta::with_settings!({ snapshot_path => "snapshots/messages", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn a_binary_input_is_named_for_what_it_is_and_what_zaitaku_reads_instead() {
    let wd = Workdir::new();
    wd.write("scan.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01");
    wd.write("report.xlsx", b"PK\x03\x04\x14\0\x06\0");
    wd.write("blob.bin", b"abc\0def");
    let mut said = String::new();
    for name in ["scan.png", "report.xlsx", "blob.bin"] {
        let run = wd.run(&["build", "--out", "out", name]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(!wd.path().join("out").exists());
        assert!(
            run.stderr.contains("zaitaku reads the report's PDF"),
            "{}",
            run.stderr
        );
        said.push_str(&format!(
            "$ zaitaku build --out out {name}\n{}\n",
            run.stderr
        ));
    }
    snapshot("binary_inputs", &said);
}

#[test]
fn an_output_directory_that_cannot_be_made_is_said_in_plain_words_once() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    let run = wd.run(&["build", "--out", "/proc/zaitaku-cannot-be-here", "seed.txt"]);
    assert_eq!(run.code, 2);
    let said: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.contains("help:"))
        .collect();
    assert_eq!(said.len(), 1, "{}", run.stderr);
    assert!(
        said[0].starts_with(
            "zaitaku: cannot write /proc/zaitaku-cannot-be-here: /proc takes no new directory"
        ),
        "{}",
        said[0]
    );
    assert!(!run.stderr.contains(".lock"));
    assert!(
        !run.stderr.contains("read as"),
        "refused before any input is read"
    );
    // The operating system's error, once.
    assert_eq!(said[0].matches("(os error").count(), 1, "{}", said[0]);
    snapshot("out_cannot_be_made", &run.stderr);
}

#[test]
fn show_names_a_wrong_table_before_reading_and_says_what_a_where_missed() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    let mut said = String::new();
    let mut run = |args: &[&str]| {
        let run = wd.run(args);
        said.push_str(&format!(
            "$ zaitaku {}\nexit {}\n{}\n",
            args.join(" "),
            run.code,
            run.stderr
        ));
        run
    };
    // Checked before the input is read: a missing input is not named.
    let typo = run(&["show", "program_sumary", "missing.txt"]);
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr.contains("did you mean «program_summary»"),
        "{}",
        typo.stderr
    );
    assert!(!typo.stderr.contains("missing.txt"));
    let swapped = run(&["show", "seed.txt", "program_summary"]);
    assert_eq!(swapped.code, 2);
    assert!(swapped
        .stderr
        .contains("zaitaku show program_summary seed.txt"));
    let far = run(&["show", "windows", "seed.txt"]);
    assert!(far
        .stderr
        .contains("unknown table «windows»; expected one of"));
    let column = run(&["show", "program_summary", "seed.txt", "--columns", "itme"]);
    assert!(
        column.stderr.contains("did you mean «item»"),
        "{}",
        column.stderr
    );
    let missed = run(&["show", "program_summary", "seed.txt", "--where", "item=a"]);
    assert_eq!(missed.code, 0);
    assert!(
        missed
            .stderr
            .contains("item holds 8 values here, e.g. «ア», «イ»"),
        "{}",
        missed.stderr
    );
    snapshot("show_arguments", &said);
}
