//! The documents hold what zaitaku does: every `$ zaitaku …` example of the
//! README and of docs/ is run, in order, in a copy of the project's raw/
//! and fixtures, and prints what the document shows (a last line «…» shows
//! the first lines only); and no relative link of any document is dead.

use crate::harness::Workdir;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The project's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every Markdown document of the project (not the generated output/).
fn documents() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = [
        "README.md",
        "ARCHITECTURE.md",
        "CONTRIBUTING.md",
        "tests/fixtures/README.md",
        "output/README.md",
    ]
    .iter()
    .map(|p| root().join(p))
    .collect();
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("an entry of docs/").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    out.extend(docs);
    out
}

/// An example: the command after «$ » and the lines shown under it.
struct Example {
    command: String,
    shown: Vec<String>,
    line: usize,
}

/// The examples of `text`: an indented `$ zaitaku …` line, then the
/// indented lines up to the next paragraph, trailing blank lines dropped.
fn examples(text: &str) -> Vec<Example> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let Some(command) = lines[k].strip_prefix("    $ zaitaku ") else {
            k += 1;
            continue;
        };
        let line = k + 1;
        k += 1;
        let mut shown = Vec::new();
        while k < lines.len() && (lines[k].is_empty() || lines[k].starts_with("    ")) {
            if lines[k].starts_with("    $ ") {
                break;
            }
            shown.push(lines[k].strip_prefix("    ").unwrap_or("").to_string());
            k += 1;
        }
        while shown.last().is_some_and(|l| l.is_empty()) {
            shown.pop();
        }
        out.push(Example {
            command: format!("zaitaku {command}"),
            shown,
            line,
        });
    }
    out
}

#[test]
fn every_example_prints_what_its_document_shows() {
    let bin = Path::new(env!("CARGO_BIN_EXE_zaitaku"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        let found = examples(&text);
        if found.is_empty() {
            continue;
        }
        // A copy of the inputs, fresh for each document; its examples run in order.
        let dir = Workdir::new();
        dir.copy_dir(&root().join("raw"), "raw");
        dir.copy_dir(&root().join("tests/fixtures/diff"), "tests/fixtures/diff");
        for ex in found {
            let out = Command::new("sh")
                .arg("-c")
                .arg(format!("{} 2>&1", ex.command))
                .env("PATH", &path)
                .env_remove("NO_COLOR")
                .current_dir(dir.path())
                .output()
                .unwrap();
            let printed = String::from_utf8_lossy(&out.stdout);
            let printed: Vec<&str> = printed.trim_end().lines().collect();
            let place = format!("{}:{}: {}", doc.display(), ex.line, ex.command);
            match ex.shown.split_last() {
                Some((last, first)) if last == "…" => {
                    let head: Vec<&str> = printed.iter().take(first.len()).copied().collect();
                    assert_eq!(head, first, "{place}");
                }
                _ => assert_eq!(printed, ex.shown, "{place}"),
            }
            ran += 1;
        }
    }
    // Every line of the documents that starts a shell example with
    // zaitaku (「$ zaitaku …」, indented or not) was run.
    let lines: usize = documents()
        .iter()
        .map(|d| {
            (std::fs::read_to_string(d).unwrap().lines())
                .filter(|l| l.trim_start().starts_with("$ zaitaku "))
                .count()
        })
        .sum();
    assert_eq!(ran, lines, "{ran} examples run of {lines}");
}

/// The relative links of `text` (a document in `base`) whose file does
/// not exist, as `line: target`; and how many relative links it has.
fn dead_links(text: &str, base: &Path) -> (Vec<String>, usize) {
    let mut dead = Vec::new();
    let mut links = 0;
    for (k, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            let Some(end) = rest.find(')') else { break };
            let target = &rest[..end];
            rest = &rest[end..];
            if target.contains("://") || target.starts_with('#') || target.starts_with("mailto:") {
                continue;
            }
            links += 1;
            let file = target.split('#').next().unwrap_or(target);
            if !base.join(file).exists() {
                dead.push(format!("{}: {target}", k + 1));
            }
        }
    }
    (dead, links)
}

#[test]
fn no_relative_link_is_dead() {
    let mut dead = Vec::new();
    let mut links = 0;
    for doc in documents() {
        let text = std::fs::read_to_string(&doc).unwrap();
        let (found, n) = dead_links(&text, doc.parent().unwrap());
        dead.extend(found.into_iter().map(|d| format!("{}:{d}", doc.display())));
        links += n;
    }
    assert!(dead.is_empty(), "dead links:\n{}", dead.join("\n"));
    // Every «](» of the documents that is not a URL, an anchor or a mail
    // address was followed.
    let relative: usize = documents()
        .iter()
        .map(|d| {
            let text = std::fs::read_to_string(d).unwrap();
            text.split("](")
                .skip(1)
                .filter(|t| !t.starts_with('#') && !t.starts_with("mailto:"))
                .filter(|t| !t.split(')').next().unwrap_or("").contains("://"))
                .count()
        })
        .sum();
    assert_eq!(links, relative, "{links} links followed of {relative}");
}

#[test]
fn a_dead_link_is_found_and_examples_are_read_with_their_lines() {
    let (dead, links) = dead_links(
        "[a](docs/cli.md) [b](docs/nope.md#x) [c](https://example.org) [d](#top)\n",
        &root(),
    );
    assert_eq!((dead, links), (vec!["1: docs/nope.md#x".to_string()], 2));
    let text =
        "intro\n\n    $ zaitaku check a.txt\n    one\n\n    two\n\nafter\n    $ zaitaku show x y\n";
    let found = examples(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].command, "zaitaku check a.txt");
    assert_eq!(found[0].shown, ["one", "", "two"]);
    assert!(found[1].shown.is_empty());
}
