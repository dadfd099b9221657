//! Every name of `zaitaku_table::names` is a table a build writes or a
//! column of one (the builders take their names from there, so a constant
//! no table uses is a dead name), and the catalogue lists every table in
//! the order a build writes them.

use zaitaku_table::names::{column, table, CATALOG};

#[test]
fn every_name_is_a_table_or_a_column_of_one() {
    let text = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");
    let report = zaitaku_parse::parse_text(text).expect("the seed parses");
    let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
    let tables = zaitaku_pipeline::tables::all(std::slice::from_ref(&report), &validation);
    let built: Vec<&str> = tables.iter().map(|t| t.name).collect();
    let listed: Vec<&str> = CATALOG.iter().map(|e| e.name).collect();
    assert_eq!(
        built, listed,
        "the catalogue is the build's tables, in order"
    );
    let mut named = table::ALL.to_vec();
    named.sort_unstable();
    let mut sorted = built.clone();
    sorted.sort_unstable();
    assert_eq!(named, sorted, "every table is named once");
    for name in column::ALL {
        assert!(
            tables
                .iter()
                .any(|t| t.columns.iter().any(|(m, _)| m.name == *name)),
            "no table has a column {name}"
        );
    }
}
