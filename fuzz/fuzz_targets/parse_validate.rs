//! Any bytes → decode (or, for bytes starting %PDF-, the PDF read by
//! position: its cells where a page is ruled, else its lines) → parse →
//! validate: no panic, no hang, and every parse error inside the text read.
//! A panic of the PDF extractor that `zaitaku_pdf::read_layout` turns into
//! an error (as the binary does) is no finding; any other panic is.
#![forbid(unsafe_code)]
#![no_main]

use libfuzzer_sys::fuzz_target;
use zaitaku_parse::decode::{decode, EncodingChoice};

fuzz_target!(|data: &[u8]| {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        // libFuzzer's hook aborts on every panic; the extractor's caught
        // ones are handled by zaitaku_pdf::read_layout.
        let abort_on_panic = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !zaitaku_pdf::extracting() {
                abort_on_panic(info);
            }
        }));
    });
    let mut grid = None;
    let text = if zaitaku_pdf::is_pdf(data) {
        match zaitaku_pdf::read_layout(data) {
            Ok(pages) => {
                let read = zaitaku_parse::grid::Grid::new(&pages);
                let text = read.text().to_string();
                if read.is_ruled() {
                    grid = Some(read);
                }
                text
            }
            Err(_) => return,
        }
    } else {
        match decode(data, EncodingChoice::Auto) {
            Ok(decoded) => decoded.text,
            Err(_) => return,
        }
    };
    let decoded = zaitaku_parse::decode::Decoded {
        text,
        encoding: "",
        had_bom: false,
    };
    let parser = zaitaku_parse::Parser::new();
    let parsed = match &grid {
        Some(grid) => parser.parse_grid(grid),
        None => parser.parse(&decoded.text),
    };
    match parsed {
        Ok(report) => {
            let validated = zaitaku_validate::validate(std::slice::from_ref(&report));
            let _ = validated.summary();
        }
        Err(errors) => {
            assert!(!errors.0.is_empty(), "a failed parse names at least one error");
            for e in &errors.0 {
                assert!(
                    e.position.is_within(&decoded.text),
                    "{e} lies outside the input"
                );
            }
        }
    }
});
