//! Every pattern the parsers match is one of the layout's, compiled once
//! per parser: parsing the seed and every fixture text asks for no other.

// A test reads fixtures and says what it finds: the crate's no-I/O rule (clippy.toml) is for the library.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::path::{Path, PathBuf};
use zaitaku_parse::decode::{decode, EncodingChoice};
use zaitaku_parse::Parser;

/// Every `.txt` file under `dir`, recursively.
fn texts(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            texts(&path, out);
        } else if path.extension().is_some_and(|x| x == "txt") {
            out.push(path);
        }
    }
}

#[test]
fn parsing_every_fixture_asks_for_no_pattern_the_layout_does_not_list() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = vec![root.join("raw/000_1fb60f2a74870bbb.txt")];
    texts(&root.join("tests/fixtures"), &mut paths);
    // Every fixture tests/fixtures/README.md lists (「- `NAME.txt`: …」), and the seed.
    let readme = std::fs::read_to_string(root.join("tests/fixtures/README.md")).unwrap();
    let listed = readme
        .lines()
        .filter(|l| l.starts_with("- `") && l.contains(".txt`"))
        .count();
    // And the extractors' texts of the grid typesettings (tests/grid.py):
    // seven readers of each of the two and pypdf's layout mode,
    // pdfminer.six's run-to-run variants too.
    let mut grid = Vec::new();
    texts(&root.join("tests/fixtures/grid"), &mut grid);
    let pdfminer = grid
        .iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("pdfminer"))
        })
        .count();
    assert_eq!(
        grid.len() - pdfminer,
        14,
        "seven readers' texts of each typesetting, pdfminer.six's aside"
    );
    assert!(pdfminer >= 2, "pdfminer.six's texts: {pdfminer}");
    assert_eq!(
        paths.len(),
        1 + listed + grid.len(),
        "{} texts",
        paths.len()
    );
    let parser = Parser::new();
    let mut parsed = 0;
    for path in &paths {
        let bytes = std::fs::read(path).unwrap();
        let Ok(decoded) = decode(&bytes, EncodingChoice::Auto) else {
            continue;
        };
        let _ = parser.edition_of(&decoded.text);
        // A text that keeps the columns by spaces is read as its grid.
        let report = match zaitaku_parse::grid::Grid::spaced(parser.matchers(), &decoded.text) {
            Some(grid) => parser.parse_grid(&grid),
            None => parser.parse(&decoded.text),
        };
        parsed += usize::from(report.is_ok());
    }
    // The seed, valid/ (9), dialects/ (16), cli/ (2), diff/ (6), the 17
    // invalid/ fixtures that exit 1 (a figure disagrees: the text parses)
    // and unknown_override.txt, unknown_mark_pin.txt (the seed's text; their
    // overrides are refused): 1 + 9 + 16 + 2 + 6 + 17 + 2; and the four grid texts that keep the
    // columns by spaces (`pdftotext -layout`, pypdf's layout mode, of each
    // typesetting; tests/grid.py).
    assert_eq!(parsed, 57, "{parsed} parsed");
    assert_eq!(parser.matchers().missed(), Vec::<&str>::new());
}

#[test]
fn a_pattern_the_layout_does_not_list_is_remembered() {
    let parser = Parser::new();
    assert!(parser.matchers().is_match("^伝書鳩$", "伝書鳩"));
    assert_eq!(parser.matchers().missed(), ["^伝書鳩$"]);
}
