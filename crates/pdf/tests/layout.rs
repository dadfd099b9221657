//! The report typeset as ruled tables (tests/fixtures/pdf/grid_rows.pdf and
//! grid_columns.pdf, made by scripts/make_pdfs.py from
//! tests/fixtures/pdf/grid/model.json) read by position: every page's cells
//! are the model's, each at its row and column with its spans and its text,
//! and the text outside the table is the model's titles and notes. The
//! three typesettings draw in different orders (row by row; column by
//! column with every rule after the text; rows bottom up), with rules as
//! stroked rectangles, stroked segments or thin filled bars, in other fonts,
//! sizes and widths: the reading is the same.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// Text without white space (wrapped lines joined).
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A cell as compared: row, column, spans, text.
type Key = (usize, usize, usize, usize, String);

fn model_pages() -> Vec<(Vec<Key>, String)> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/pdf/grid/model.json")).unwrap();
    let model: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut out = Vec::new();
    for page in model["pages"].as_array().unwrap() {
        let mut cells = Vec::new();
        if let Some(rows) = page["table"]["rows"].as_array() {
            for (r, row) in rows.iter().enumerate() {
                for c in row.as_array().unwrap() {
                    cells.push((
                        r,
                        c["col"].as_u64().unwrap() as usize,
                        c["rowspan"].as_u64().unwrap() as usize,
                        c["colspan"].as_u64().unwrap() as usize,
                        squeeze(c["text"].as_str().unwrap()),
                    ));
                }
            }
        }
        cells.sort();
        let mut free: Vec<char> = ["title", "notes"]
            .iter()
            .flat_map(|k| page[k].as_array().unwrap().iter())
            .flat_map(|l| squeeze(l.as_str().unwrap()).chars().collect::<Vec<_>>())
            .collect();
        free.sort_unstable();
        out.push((cells, free.into_iter().collect()));
    }
    out
}

fn read(name: &str) -> Vec<(Vec<Key>, String)> {
    let bytes = std::fs::read(root().join("tests/fixtures/pdf").join(name)).unwrap();
    let pages = zaitaku_pdf::read_layout(&bytes).unwrap();
    pages
        .iter()
        .map(|p| {
            let mut cells: Vec<Key> = p
                .cells
                .iter()
                .map(|c| {
                    (
                        c.row,
                        c.col,
                        c.rowspan,
                        c.colspan,
                        squeeze(&c.lines.concat()),
                    )
                })
                .collect();
            cells.sort();
            let mut free: Vec<char> = p
                .above
                .iter()
                .chain(&p.below)
                .flat_map(|l| squeeze(l).chars().collect::<Vec<_>>())
                .collect();
            free.sort_unstable();
            (cells, free.into_iter().collect())
        })
        .collect()
}

#[test]
fn both_grid_typesettings_read_by_position_give_the_models_cells() {
    let model = model_pages();
    for name in ["grid_rows.pdf", "grid_columns.pdf", "grid_filled.pdf"] {
        let got = read(name);
        assert_eq!(got.len(), model.len(), "{name}: pages");
        for (k, ((want_cells, want_free), (got_cells, got_free))) in
            model.iter().zip(&got).enumerate()
        {
            let missing: Vec<&Key> = want_cells
                .iter()
                .filter(|c| !got_cells.contains(c))
                .collect();
            let extra: Vec<&Key> = got_cells
                .iter()
                .filter(|c| !want_cells.contains(c))
                .collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{name} page {}: {} cells missing, first {:?}; {} not in the model, first {:?}",
                k + 1,
                missing.len(),
                missing.first(),
                extra.len(),
                extra.first()
            );
            assert_eq!(
                got_free,
                want_free,
                "{name} page {}: the text outside the table",
                k + 1
            );
        }
    }
}

#[test]
fn the_path_operations_read_fast_give_the_rules_a_full_decode_gives() {
    use zaitaku_pdf::layout::{path_operations, Collector};
    let mut pages = 0;
    for entry in std::fs::read_dir(root().join("tests/fixtures/pdf")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        let Ok(doc) = pdf_extract::Document::load(&path) else {
            continue; // damaged, truncated, encrypted: nothing to compare
        };
        for (number, id) in doc.get_pages() {
            let Ok(content) = doc.get_page_content(id) else {
                continue;
            };
            let full = pdf_extract::content::Content::decode(&content)
                .unwrap()
                .operations;
            let (mut a, mut b) = (Collector::default(), Collector::default());
            a.rules(&full);
            b.rules(&path_operations(&content));
            let name = path.file_name().unwrap().to_string_lossy();
            assert_eq!(a.horizontal, b.horizontal, "{name} page {number}");
            assert_eq!(a.vertical, b.vertical, "{name} page {number}");
            pages += 1;
        }
    }
    assert!(pages >= 50, "{pages} pages compared");
}
