//! docs/readers.md's reader table is the one the columns make: a column
//! added, renamed or retyped fails here until the document says so.
//! `ZAITAKU_BLESS=1 cargo test -p zaitaku-pipeline readme` rewrites it, and
//! only when every column has the type tests/expected_types.csv (written
//! from SPEC §3, not from the program) gives it.

use zaitaku_export::readers::{markdown, BEGIN, END};
use zaitaku_table::{Kind, Table};

/// Every table of the seed's build.
fn tables() -> Vec<Table> {
    let text = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");
    let reports = vec![zaitaku_parse::parse_text(text).expect("the seed parses")];
    let report = zaitaku_validate::validate(&reports);
    zaitaku_pipeline::tables::all(&reports, &report)
}

/// Every column whose type differs from tests/expected_types.csv's, and
/// every column one of the two lacks.
fn types_against_the_spec(tables: &[Table]) -> Vec<String> {
    let list = include_str!("../../../tests/expected_types.csv");
    let mut expected: Vec<(&str, &str, &str)> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .skip(1)
        .map(|l| {
            let mut f = l.split(',');
            let mut next = || f.next().expect("table,column,type");
            (next(), next(), next())
        })
        .collect();
    let mut problems = Vec::new();
    for t in tables {
        for (meta, _) in &t.columns {
            let kind = match meta.kind {
                Kind::Str => "string",
                Kind::Int => "integer",
                Kind::Float => "number",
                Kind::Bool => "boolean",
                Kind::Date => "date",
                Kind::Enum(_) => "enum",
            };
            match expected
                .iter()
                .position(|(tb, c, _)| *tb == t.name && *c == meta.name)
            {
                Some(k) => {
                    let (_, _, want) = expected.remove(k);
                    if want != kind {
                        problems.push(format!(
                            "{}.{}: {kind}, the list says {want}",
                            t.name, meta.name
                        ));
                    }
                }
                None => problems.push(format!("{}.{}: not in the list", t.name, meta.name)),
            }
        }
    }
    problems.extend(
        expected
            .iter()
            .map(|(t, c, _)| format!("{t}.{c}: listed, no such column")),
    );
    problems
}

#[test]
fn every_column_has_the_type_spec_3_gives_it() {
    let problems = types_against_the_spec(&tables());
    assert!(
        problems.is_empty(),
        "tests/expected_types.csv:\n{}",
        problems.join("\n")
    );
}

#[test]
fn docs_readers_lists_every_column_as_the_readers_read_it() {
    let tables = tables();
    let want = markdown(&tables);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/readers.md");
    let readme = std::fs::read_to_string(path).expect("docs/readers.md");
    let start = readme
        .find(BEGIN)
        .expect("docs/readers.md has the reader section");
    let end = readme.find(END).expect("the reader section ends") + END.len() + 1;
    let have = &readme[start..end];
    if have != want && std::env::var_os("ZAITAKU_BLESS").is_some() {
        // A type changes in tests/expected_types.csv first.
        let problems = types_against_the_spec(&tables);
        assert!(problems.is_empty(), "not blessed: {}", problems.join("; "));
        let blessed = format!("{}{want}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, blessed).expect("docs/readers.md written");
        return;
    }
    assert_eq!(
        have, want,
        "docs/readers.md's reader table is stale: ZAITAKU_BLESS=1 rewrites it"
    );
}
