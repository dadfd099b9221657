//! docs/validation_report.schema.json is the schema the code makes from the
//! tables' columns: a column of validation_checks or ambiguities added,
//! renamed or retyped fails here until the published file says so.
//! `ZAITAKU_BLESS=1 cargo test -p zaitaku-export --test schema` rewrites it.
//! (`make test` validates real documents against the file: tests/json_schema.py.)

use zaitaku_export::validation::{report_json_text, report_schema};

#[test]
fn the_published_json_schema_is_the_one_the_columns_make() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/validation_report.schema.json"
    );
    let want = report_json_text(&report_schema());
    let have = std::fs::read_to_string(path).unwrap_or_default();
    if have != want && std::env::var_os("ZAITAKU_BLESS").is_some() {
        std::fs::write(path, &want).expect("docs/validation_report.schema.json written");
        return;
    }
    assert!(
        have == want,
        "docs/validation_report.schema.json is stale: ZAITAKU_BLESS=1 rewrites it"
    );
}
