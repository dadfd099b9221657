//! A text cut short — at each page boundary of the seed, and in the middle
//! of each page — is an input error that says the text ends before the
//! report does, never a report whose figures disagree.

// A test reads fixtures and says what it finds: the crate's no-I/O rule (clippy.toml) is for the library.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use zaitaku_parse::Parser;

fn seed() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::read_to_string(root.join("raw/000_1fb60f2a74870bbb.txt")).unwrap()
}

/// Where the seed can be cut: after each page (its pages end at a run of
/// two blank lines) and in the middle of each page, as line counts.
fn cuts(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut ends = Vec::new();
    let mut start = 0;
    for k in 1..lines.len() {
        let blank = |i: usize| lines.get(i).is_some_and(|l| l.trim().is_empty());
        if blank(k) && blank(k - 1) && !blank(k.saturating_sub(2)) {
            ends.push((start, k - 1));
            start = k + 1;
        }
    }
    ends.push((start, lines.len()));
    let mut out = Vec::new();
    for (a, b) in ends {
        out.push((a + b) / 2);
        out.push(b);
    }
    // A cut after the last printed line is the whole text.
    out.retain(|&n| lines.iter().skip(n).any(|l| !l.trim().is_empty()));
    out
}

#[test]
fn a_text_cut_at_any_page_boundary_or_inside_any_page_says_it_ends_early() {
    let text = seed();
    let parser = Parser::new();
    assert!(parser.parse(&text).is_ok(), "the seed itself");
    let cuts = cuts(&text);
    assert!(cuts.len() >= 20, "{} cuts", cuts.len());
    for n in cuts {
        let cut: String = text.split('\n').take(n).collect::<Vec<_>>().join("\n");
        let errors = match parser.parse(&cut) {
            Ok(_) => panic!("cut after line {n}: parsed"),
            Err(e) => e.0,
        };
        let said = errors
            .iter()
            .any(|e| format!("{} {}", e.expected, e.found.text()).contains("cut short"));
        assert!(
            said,
            "cut after line {n}: {:?}",
            errors
                .iter()
                .map(|e| format!("{} / {}", e.expected, e.found.text()))
                .collect::<Vec<_>>()
        );
    }
}
