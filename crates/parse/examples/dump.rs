//! Prints the parse of a file as JSON-ish debug output (a development aid).

// An example reads a file and prints what it finds: the crate's no-I/O rule (clippy.toml) is for the library.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let bytes = std::fs::read(&path).unwrap_or_default();
    match zaitaku_parse::decode::decode(&bytes, Default::default()) {
        Ok(d) => match zaitaku_parse::parse_text(&d.text) {
            Ok(r) => println!("{r:#?}"),
            Err(e) => e.0.iter().for_each(|e| println!("{e}")),
        },
        Err(e) => println!("{e}"),
    }
}
