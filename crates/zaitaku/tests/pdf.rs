//! The PDF itself as input (tests/fixtures/pdf/, made by
//! scripts/make_pdfs.py): the typeset seed and its variants build to the
//! seed's tables; `zaitaku extract` writes the text a PDF build reads; a
//! PDF that cannot be read exits 2 with what to do, leaving output/ alone.

use crate::harness::{seed, Workdir};
use std::path::Path;

fn pdf(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/pdf")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_typeset_seed_and_its_variants_build_to_the_seeds_tables() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "seed", "seed.txt"]).code, 0);
    let mut differences = Vec::new();
    // upward.pdf draws its lines bottom to top: read by position, it reads
    // as the others (a reader following the drawing order reads it upside down).
    for name in [
        "seed",
        "seed_one_block",
        "seed_mincho",
        "seed_rotated",
        "upward",
    ] {
        let input = format!("{name}.pdf");
        wd.write(&input, pdf(&input));
        let out = format!("out-{name}");
        let run = wd.run(&["build", "--out", &out, &input]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains("read as a PDF"),
            "{name}: {}",
            run.stderr
        );
        // Positions count the lines of the text `zaitaku extract` writes.
        let extracted = wd.run(&["extract", &input]);
        assert_eq!(extracted.code, 0, "{name}: {}", extracted.stderr);
        let text = format!("{name}.extracted.txt");
        wd.write(&text, &extracted.stdout);
        crate::harness::assert_positions(&wd, name, &text, &out);
        differences.extend(crate::harness::differences_apart_from_positions(
            &wd, "seed", &out, name,
        ));
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[test]
fn extract_writes_the_text_a_pdf_build_reads() {
    let wd = Workdir::new();
    wd.write("report.pdf", pdf("seed.pdf"));
    let extracted = wd.run(&["extract", "report.pdf"]);
    assert_eq!(extracted.code, 0, "{}", extracted.stderr);
    // One form feed between the report's 11 pages (the seed's text has a
    // twelfth, empty, page in front: pdf-extract gives it no text).
    assert_eq!(extracted.stdout.matches('\x0c').count(), 11);
    wd.write("report.txt", &extracted.stdout);
    assert_eq!(
        wd.run(&["build", "--out", "from-pdf", "report.pdf"]).code,
        0
    );
    assert_eq!(
        wd.run(&["build", "--out", "from-text", "report.txt"]).code,
        0
    );
    // Byte for byte: outputs depend on the text alone, and the text is the same.
    assert_eq!(wd.files("from-pdf"), wd.files("from-text"));
    // A text given to extract is no PDF.
    let not_pdf = wd.run(&["extract", "report.txt"]);
    assert_eq!(not_pdf.code, 2);
    assert!(
        not_pdf.stderr.contains("expected a PDF"),
        "{}",
        not_pdf.stderr
    );
}

#[test]
fn a_pdf_that_cannot_be_read_exits_2_saying_what_to_do_and_writes_nothing() {
    let wd = Workdir::new();
    wd.write("seed.txt", seed());
    assert_eq!(wd.run(&["build", "--out", "output", "seed.txt"]).code, 0);
    let before = wd.files("output");
    let mut messages = String::new();
    for name in ["truncated", "damaged", "encrypted", "no_text"] {
        let input = format!("{name}.pdf");
        wd.write(&input, pdf(&input));
        for command in ["build", "extract"] {
            let args: Vec<&str> = match command {
                "build" => vec!["build", "--out", "output", &input],
                _ => vec!["extract", &input],
            };
            let run = wd.run(&args);
            assert_eq!(run.code, 2, "{name} {command}: {}", run.stderr);
            assert!(run.stdout.is_empty(), "{name} {command}: nothing printed");
            if command == "build" {
                // Of a PDF that reads but does not parse: the first error and the advice.
                let shown: Vec<&str> = run
                    .stderr
                    .lines()
                    .filter(|l| l.starts_with("zaitaku:") || l.starts_with("error"))
                    .take(2)
                    .chain(
                        run.stderr
                            .lines()
                            .filter(|l| l.contains("do not read as the report")),
                    )
                    .collect();
                messages.push_str(&format!("{name}: {}\n", shown.join("\n")));
            }
        }
        assert_eq!(wd.files("output"), before, "{name}: output/ was touched");
    }
    snapshot!("pdf_unreadable", messages);
}

#[test]
fn extract_layout_prints_each_tables_rows_with_their_cells_apart() {
    let wd = Workdir::new();
    wd.write("grid.pdf", pdf("grid_rows.pdf"));
    let run = wd.run(&["extract", "--layout", "grid.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages: Vec<&str> = run.stdout.split('\x0c').collect();
    assert_eq!(pages.len(), 11);
    // Page 7, 千代田区's first window (the seed's L881 and its count L1114):
    // a row of its own, the municipality's cells merged over its 3 windows;
    // the location wraps inside its cell (「…サポートセ」 / 「ンター内」, joined
    // without a space: a Japanese line breaks anywhere).
    let rows: Vec<&str> = pages[6].lines().collect();
    let first = rows
        .iter()
        .position(|l| l.starts_with("1 | 千代田区 | 3 | 相談センター | "))
        .expect("千代田区's first window");
    assert_eq!(
        rows[first],
        "1 | 千代田区 | 3 | 相談センター | 千代田区立高齢者総合サポートセンター内 | 03-3265-1165 | 03-3265-1163 | 24時間365日 | ○ | ○ | ○ | ○ | ○ | 介護事業者等 | 千代田区"
    );
    assert!(
        rows[first + 1].starts_with("^ | ^ | ^ | 高齢者あんしんセンター麹町 | "),
        "{}",
        rows[first + 1]
    );
    // A PDF of ruled tables is read by position: the text a build reads
    // (and every message points into) is this one.
    let plain = wd.run(&["extract", "grid.pdf"]);
    assert_eq!(plain.code, 0, "{}", plain.stderr);
    assert_eq!(plain.stdout, run.stdout);
}

#[test]
fn a_pdf_of_another_document_is_said_not_to_be_the_report() {
    let wd = Workdir::new();
    wd.write("notice.pdf", pdf("other_document.pdf"));
    let run = wd.run(&["build", "--out", "out", "notice.pdf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("zaitaku: notice.pdf does not look like the report 「在宅医療・介護連携推進事業の取組状況」: none of its page titles is there (the PDF's text: 6 line(s) on 1 page(s), the first «令和6年度 介護保険事業状況報告（月報）»)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("zaitaku: notice.pdf: not the report; nothing written\n"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("draws its lines out of order"),
        "{}",
        run.stderr
    );
    assert!(!wd.path().join("out").exists());
}
