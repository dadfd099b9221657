//! Any bytes → decode → parse → validate: no panic, no hang, and every
//! parse error inside the input.
#![forbid(unsafe_code)]
#![no_main]

use libfuzzer_sys::fuzz_target;
use zaitaku_parse::decode::{decode, EncodingChoice};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data, EncodingChoice::Auto) else {
        return;
    };
    match zaitaku_parse::parse_text(&decoded.text) {
        Ok(report) => {
            let validated = zaitaku_validate::validate(std::slice::from_ref(&report));
            let _ = validated.to_markdown();
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
