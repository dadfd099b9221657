//! docs/readers.md's reader table is the one the columns make: a column
//! added, renamed or retyped fails here until the document says so.
//! `ZAITAKU_BLESS=1 cargo test --workspace --test readme` rewrites it.

use zaitaku_export::readers::{markdown, BEGIN, END};

#[test]
fn docs_readers_lists_every_column_as_the_readers_read_it() {
    let text = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");
    let reports = vec![zaitaku_parse::parse_text(text).expect("the seed parses")];
    let report = zaitaku_validate::validate(&reports);
    let tables = zaitaku_pipeline::tables::all(&reports, &report);
    let want = markdown(&tables);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/readers.md");
    let readme = std::fs::read_to_string(path).expect("docs/readers.md");
    let start = readme
        .find(BEGIN)
        .expect("docs/readers.md has the reader section");
    let end = readme.find(END).expect("the reader section ends") + END.len() + 1;
    let have = &readme[start..end];
    if have != want && std::env::var_os("ZAITAKU_BLESS").is_some() {
        let blessed = format!("{}{want}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, blessed).expect("docs/readers.md written");
        return;
    }
    assert_eq!(
        have, want,
        "docs/readers.md's reader table is stale: ZAITAKU_BLESS=1 rewrites it"
    );
}
