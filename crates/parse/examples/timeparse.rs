//! Times `parse_text` on a file (a development aid for the benchmark notes):
//! the first call (which compiles the layout's regular expressions) and the
//! mean of the following ones.

// An example reads a file and prints what it finds: the crate's no-I/O rule (clippy.toml) is for the library.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let start = std::time::Instant::now();
    let _ = zaitaku_parse::parse_text(&text);
    let first = start.elapsed();
    let start = std::time::Instant::now();
    let n = 200;
    for _ in 0..n {
        let _ = zaitaku_parse::parse_text(&text);
    }
    println!(
        "parse_text: first call {:.3} ms, then {:.3} ms per call",
        first.as_secs_f64() * 1000.0,
        start.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
}
