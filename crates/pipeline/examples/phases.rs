//! Times each phase of a build as `zaitaku build` runs them, on one thread
//! (a development aid for the speed budget): first once, in a fresh process
//! (what a one-edition build pays, polars' first use included), then the
//! median of 50 more rounds (what each further edition costs), all written
//! into one set of files as a build of 51 editions would; then what a build
//! of several editions adds per edition: its tables as text, and the diff
//! against the edition before. `canonical` is the canonical-text stage
//! alone; `parse` runs it again, and includes it.
//!
//! `cargo run --release -p zaitaku-export --example phases raw/000_….txt`
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("phases-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let names = [
        "decode",
        "edition",
        "canonical",
        "parse",
        "validate",
        "tables",
        "write rows",
        "as text",
        "diff",
    ];
    let mut rounds: Vec<[f64; 9]> = Vec::new();
    let mut previous: Option<zaitaku_diff::Edition> = None;
    let mut sink = zaitaku_export::stream::TableSink::new(&dir, Default::default());
    let parser = zaitaku_parse::Parser::new();
    for _ in 0..51 {
        let mut times = [0.0; 9];
        let mut t = Instant::now();
        let mut lap = |k: usize, t: &mut Instant| {
            times[k] = t.elapsed().as_secs_f64() * 1000.0;
            *t = Instant::now();
        };
        let Ok(decoded) = zaitaku_parse::decode::decode(&bytes, Default::default()) else {
            return eprintln!("cannot decode {path}");
        };
        lap(0, &mut t);
        let _ = parser.edition_of(&decoded.text);
        lap(1, &mut t);
        // The canonical-text stage alone (the parse runs it again: the
        // parse phase includes it).
        let canonical = zaitaku_parse::canon::canonical(&decoded.text);
        std::hint::black_box(canonical.pages(parser.matchers()).len());
        lap(2, &mut t);
        let Ok(report) = parser.parse(&decoded.text) else {
            return eprintln!("cannot parse {path}");
        };
        lap(3, &mut t);
        let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
        lap(4, &mut t);
        let tables = zaitaku_table::tables::edition(&report, &validation);
        lap(5, &mut t);
        for table in &tables {
            if sink.push(table).is_err() {
                return eprintln!("cannot write");
            }
        }
        lap(6, &mut t);
        // What a build of several editions adds: the edition as a diff reads
        // it, and its diff against the one before (the same text: no change).
        let own = zaitaku_table::tables::municipalities(Some(&report));
        let edition =
            zaitaku_diff::table::diff_edition(report.edition.as_of, tables.iter().chain([&own]));
        lap(7, &mut t);
        if let Some(before) = &previous {
            let _ = zaitaku_diff::diff(before, &edition);
        }
        previous = Some(edition);
        lap(8, &mut t);
        rounds.push(times);
    }
    let t = Instant::now();
    if sink.finish().is_err() {
        return eprintln!("cannot finish");
    }
    let finish = t.elapsed().as_secs_f64() * 1000.0;
    let _ = std::fs::remove_dir_all(&dir);
    let first = rounds.remove(0);
    for (k, name) in names.iter().enumerate() {
        let mut later: Vec<f64> = rounds.iter().map(|r| r[k]).collect();
        later.sort_by(f64::total_cmp);
        let median = later.get(later.len() / 2).copied().unwrap_or(0.0);
        eprintln!(
            "{name:>10}: first {:6.2} ms, then median {median:6.2} ms",
            first[k]
        );
    }
    eprintln!("    finish: {finish:6.2} ms (the last row groups, for 51 editions)");
}
