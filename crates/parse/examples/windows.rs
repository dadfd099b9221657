//! Prints the windows of a file by municipality (a development aid).

// An example reads a file and prints what it finds: the crate's no-I/O rule (clippy.toml) is for the library.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let w = match zaitaku_parse::parse_text(&text) {
        Ok(report) => report.windows,
        Err(errors) => return println!("{errors}"),
    };
    for m in &w.municipalities {
        println!(
            "{} {} count {:?} own {:?} numbers {:?} plans {:?} merged {:?} windows {}",
            m.no,
            m.name,
            m.count.map(|c| c.value),
            m.own_row.map(|s| s.line),
            m.numbers_printed
                .iter()
                .map(|p| p.value)
                .collect::<Vec<_>>(),
            m.plans
                .iter()
                .map(|p| (&p.text, &p.month, p.additional))
                .collect::<Vec<_>>(),
            m.merged_name.as_ref().map(|n| &n.0),
            m.windows.len()
        );
        for x in &m.windows {
            println!(
                "    L{} name={:?}{} loc={:?} tel={:?} ext={:?} fax={:?} flag={:?} hours={:?} marks={} other={:?} named={:?} leaked={:?}",
                x.span.line, x.name, if x.name_inferred() { "*" } else { "" }, x.location, x.phone, x.phone_extension, x.fax, x.contact_flag, x.hours, x.targets_marked, x.for_other, x.named.as_ref().map(|n| &n.0), x.leaked_no
            );
        }
    }
    println!(
        "unplaced {:?}",
        w.unplaced.iter().map(|x| x.span.line).collect::<Vec<_>>()
    );
    println!("unattributed {:?}", w.unattributed);
    println!(
        "lone {:?}",
        w.lone_figures
            .iter()
            .map(|p| (p.value, p.span.line))
            .collect::<Vec<_>>()
    );
}
