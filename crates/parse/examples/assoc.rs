//! Prints the association tables of a file (a development aid).

// An example reads a file and prints what it finds: the crate's no-I/O rule (clippy.toml) is for the library.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    match zaitaku_parse::parse_text(&text) {
        Ok(r) => {
            for t in &r.associations {
                println!(
                    "{:?} page {} feasible {} years {:?}",
                    t.printed.program,
                    t.printed.page,
                    t.feasible,
                    t.printed
                        .years
                        .iter()
                        .map(|y| (y.fiscal_year, y.total, y.notes.clone(), y.basis))
                        .collect::<Vec<_>>()
                );
                println!(
                    "  count {:?} footnotes {:?}",
                    t.printed.printed_count,
                    t.printed
                        .footnotes
                        .iter()
                        .map(|f| (&f.numbers, &f.text))
                        .collect::<Vec<_>>()
                );
                for (row, cells) in t.printed.rows.iter().zip(&t.cells) {
                    let cs: String = cells
                        .iter()
                        .map(|c| match c.participated {
                            Some(true) => '1',
                            Some(false) => '0',
                            None => '?',
                        })
                        .collect();
                    println!(
                        "  L{} {:<14} {:<6} marks {} notes {:?} {} {:?}",
                        row.span.line,
                        row.name,
                        row.group.clone().unwrap_or_default(),
                        row.marks,
                        row.notes,
                        cs,
                        cells
                            .iter()
                            .map(|c| c.resolution.id())
                            .collect::<std::collections::BTreeSet<_>>()
                    );
                }
            }
        }
        Err(e) => e.0.iter().for_each(|e| println!("{e}")),
    }
}
