//! Bad input exits 2 and a failed validation exits 1, each with a message a
//! user can act on (snapshotted), and neither touches an existing output/.
//! Each case is a copy of the seed with one thing changed; the comment
//! quotes the raw line.

mod harness;
use harness::{seed, seed_with, Run, Workdir};

/// Builds the seed into output/, then runs `build` on `input`; checks the
/// exit code and that output/ is byte-identical afterwards.
fn build_over_good_output(input: impl AsRef<[u8]>, code: i32) -> Run {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "output", "seed.txt"]).code, 0);
    let before = wd.files("output");
    wd.write("input.txt", input);
    let run = wd.run(&["build", "--out", "output", "input.txt"]);
    assert_eq!(run.code, code, "{}", run.stderr);
    assert_eq!(wd.files("output"), before, "output/ was touched");
    let temporaries: Vec<String> = std::fs::read_dir(wd.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert_eq!(
        temporaries,
        Vec::<String>::new(),
        "no temporary directory left"
    );
    run
}

#[test]
fn changed_page_two_percentage_fails_naming_row_and_both_figures() {
    // L147 「② 62.3% 20 37.7%」 (カ②): 37.7 → 37.8.
    let run = build_over_good_output(seed_with(147, "37.7%", "37.8%"), 1);
    assert!(
        run.stderr.contains("FAIL p2.ka.q2.pct_no"),
        "{}",
        run.stderr
    );
    snapshot!("changed_page_two_percentage", run.stderr);
}

#[test]
fn changed_page_one_count_fails_its_share_and_page_two() {
    // L28 「48 90.6% 43 81.1% 9.4%」 (カ①): 48 → 47.
    let run = build_over_good_output(seed_with(28, "48 90.6%", "47 90.6%"), 1);
    assert!(
        run.stderr.contains("FAIL p1.ka.q1.pct_current"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("FAIL x.ka.q1.count"), "{}", run.stderr);
    snapshot!("changed_page_one_count", run.stderr);
}

#[test]
fn changed_change_figure_fails() {
    // L36 「43 81.1% 32 60.4% 20.8%」: 20.8 is right from the unrounded shares; 20.7 is not.
    let run = build_over_good_output(seed_with(36, "20.8%", "20.7%"), 1);
    assert!(
        run.stderr.contains("FAIL p1.ki.q1.change [2017-07-31]"),
        "{}",
        run.stderr
    );
}

#[test]
fn changed_count_after_question_text_fails_yes_plus_no() {
    // L184 「か。 36」 (ウ②, printed after its text): 36 → 37.
    let run = build_over_good_output(seed_with(184, "36", "37"), 1);
    assert!(
        run.stderr.contains("FAIL p2.u.q2.yes_plus_no"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_figure_row_is_a_parse_error_naming_the_question() {
    // L126 「② 67.9% 17 32.1%」 (ウ②) loses its last figure. (Blanking the
    // line would not do: with the blank lines around it, that is a page break.)
    let run = build_over_good_output(seed_with(126, "② 67.9% 17 32.1%", "② 67.9% 17"), 2);
    snapshot!("missing_figure_row", run.stderr);
}

#[test]
fn unknown_option_on_page_two_is_a_parse_error() {
    // L135 「ICTを活用した情報共有ツール 33 62.3%」 (エ②).
    let run = build_over_good_output(seed_with(135, "ICTを活用した情報共有ツール", "伝書鳩"), 2);
    snapshot!("unknown_option", run.stderr);
}

#[test]
fn truncated_input_is_a_parse_error() {
    let text = seed();
    let cut: String = text.split('\n').take(60).collect::<Vec<_>>().join("\n");
    let run = build_over_good_output(cut, 2);
    snapshot!("truncated", run.stderr);
}

#[test]
fn empty_input_is_an_error() {
    let run = build_over_good_output("", 2);
    snapshot!("empty", run.stderr);
}

#[test]
fn random_bytes_are_an_error() {
    // A fixed pseudo-random sequence (xorshift), not valid text in any encoding we read.
    let mut x: u32 = 0x9E37_79B9;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    let run = build_over_good_output(bytes, 2);
    assert!(run.stderr.contains("input.txt"), "{}", run.stderr);
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let mut bytes = seed().into_bytes();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 3;
    bytes[at] = 0xFF;
    let run = build_over_good_output(bytes, 2);
    snapshot!("invalid_utf8", run.stderr);
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
    assert_eq!(wd.run(&["build", "nope.txt"]).code, 2);
    assert_eq!(
        wd.run(&["build", "--encoding", "latin9", "nope.txt"]).code,
        2
    );
}

#[test]
fn a_nul_byte_is_a_decode_error_showing_its_line() {
    let mut bytes = seed().into_bytes();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    bytes.insert(at, 0);
    let run = build_over_good_output(bytes, 2);
    assert!(
        run.stderr
            .contains("error[decode]: expected text (a NUL byte marks a binary file)")
            && run.stderr.contains("--> input.txt:2:1"),
        "{}",
        run.stderr
    );
    snapshot!("nul_byte", run.stderr);
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
fn thousands_of_errors_show_the_first_fifty_and_count_the_rest() {
    // 200 copies of a row 「99 千代田区 X 千代田区」 (X: no mark of the legend)
    // put on page 3, before L300.
    let mut lines: Vec<String> = seed().split('\n').map(str::to_string).collect();
    for _ in 0..200 {
        lines.insert(299, "99 千代田区 X 千代田区".to_string());
    }
    let run = build_over_good_output(lines.join("\n"), 2);
    assert_eq!(run.stderr.matches("error[").count(), 50, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("input.txt: 150 more parse error(s) not shown")
            && run
                .stderr
                .contains("input.txt: 200 parse error(s); nothing written"),
        "{}",
        run.stderr
    );
}

#[test]
fn pages_are_found_by_their_titles_not_their_places() {
    // A cover page before page 1: 「集計結果」 and 「集計状況」 are found by title.
    let wd = Workdir::new();
    wd.write("input.txt", format!("表紙\n\n\n{}", seed()));
    let run = wd.run(&["check", "input.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("324 checks, 324 passed, 0 failed"),
        "{}",
        run.stderr
    );
}
