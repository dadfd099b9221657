//! Resource bounds: an input over the size limit is refused before it is
//! read whole, naming the limit; a 50 MB input and a single 10 MB line are
//! read to the end (their time and memory are measured by `make bench`, not
//! asserted here: the machine is shared).

use crate::harness::{seed, Workdir};

/// The start of a long message, for an assertion's output.
fn head(text: &str) -> String {
    text.chars().take(2000).collect()
}

#[test]
fn an_input_over_the_size_limit_is_refused_naming_the_limit() {
    let wd = Workdir::new();
    let copies = 64 * 1024 * 1024 / seed().len() + 2;
    wd.write("huge.txt", vec![seed(); copies].join("\n\n\n"));
    let run = wd.run(&["check", "huge.txt"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[limit]: huge.txt: expected at most 67108864 bytes, the input size limit (one edition of the report is about 64 KB), found «a larger file»"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_fifty_megabyte_input_is_read_to_the_end() {
    // The seed repeated: one edition whose pages repeat. The windows pages
    // then print more windows than counts (exit 1), and the report says so.
    let wd = Workdir::new();
    let copies = 50 * 1024 * 1024 / seed().len();
    wd.write("big.txt", vec![seed(); copies].join("\n\n\n"));
    let run = wd.run(&["check", "big.txt"]);
    assert_eq!(run.code, 1, "{}", head(&run.stderr));
    assert!(
        run.stderr.contains("FAIL win.placed"),
        "{}",
        head(&run.stderr)
    );
    assert!(
        run.stderr.contains("more"),
        "a long list is cut: {}",
        head(&run.stderr)
    );
}

#[test]
fn a_ten_megabyte_line_is_read_to_the_end() {
    // Page 2 prints text lines beside its figure rows; a 10 MB line of words
    // there is text no rule reads, so the seed still validates.
    let wd = Workdir::new();
    let mut lines: Vec<String> = seed().split('\n').map(str::to_string).collect();
    lines.insert(120, "窓口 ".repeat(10 * 1024 * 1024 / 7));
    wd.write("line.txt", lines.join("\n"));
    let run = wd.run(&["check", "line.txt"]);
    assert_eq!(run.code, 0, "{}", head(&run.stderr));
    // On a per-municipality page, a 10 MB row is read to its end too.
    let mut lines: Vec<String> = seed().split('\n').map(str::to_string).collect();
    lines.insert(300, format!("99 {}", "◎ ・".repeat(10 * 1024 * 1024 / 7)));
    wd.write("row.txt", lines.join("\n"));
    let run = wd.run(&["check", "row.txt"]);
    // 「99 ◎」 names no municipality: not a row of the table, so not read as one.
    assert_eq!(run.code, 0, "{}", head(&run.stderr));
}
