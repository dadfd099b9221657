//! Every name of `zaitaku_table::names` is a table or a column of one the
//! builders make, and the catalogue lists every table in file order with
//! the description it is built with.

use zaitaku_table::names::{column, describe, table, CATALOG};

#[test]
fn every_name_is_a_table_or_a_column_of_one() {
    let text = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");
    let report = zaitaku_parse::parse_text(text).expect("the seed parses");
    let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
    let mut tables = zaitaku_table::tables::edition(&report, &validation);
    tables.push(zaitaku_table::tables::municipalities(Some(&report)));
    let built: Vec<&str> = tables.iter().map(|t| t.name).collect();
    // `changes` is built by the diff crate, on these names.
    for name in table::ALL.iter().filter(|&&t| t != table::CHANGES) {
        assert!(built.contains(name), "no table {name}");
    }
    // The catalogue lists every table, in file order, `changes` last.
    let mut listed: Vec<&str> = CATALOG.iter().map(|e| e.name).collect();
    assert_eq!(listed.pop(), Some(table::CHANGES));
    let mut in_order = vec![table::MUNICIPALITIES];
    in_order.extend(built.iter().filter(|&&n| n != table::MUNICIPALITIES));
    assert_eq!(listed, in_order);
    for t in &tables {
        assert_eq!(t.description, describe(t.name), "{}", t.name);
    }
    for name in column::ALL {
        assert!(
            tables
                .iter()
                .any(|t| t.columns.iter().any(|(m, _)| m.name == *name)),
            "no table has a column {name}"
        );
    }
}
