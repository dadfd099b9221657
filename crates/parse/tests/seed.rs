//! The parser on the real seed and its legacy-encoded copies (robustness
//! against damaged copies is `crates/validate/tests/mutations.rs`).

use encoding_rs::{EUC_JP, SHIFT_JIS};
use zaitaku_parse::decode::{decode, EncodingChoice};
use zaitaku_parse::parse_text;

/// The seed edition, as committed under raw/.
const SEED: &str = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");

/// The seed without the lines that no legacy Japanese encoding can hold (⓪).
fn seed_legacy_encodable() -> String {
    SEED.split('\n')
        .filter(|l| !l.contains('⓪'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seed_parses() {
    let report = parse_text(SEED).expect("the seed parses");
    assert_eq!(report.edition.as_of.iso(), "2017-07-31");
}

#[test]
fn only_circled_zero_is_beyond_shift_jis_and_euc_jp() {
    for enc in [SHIFT_JIS, EUC_JP] {
        let (_, _, unmappable) = enc.encode(&seed_legacy_encodable());
        assert!(!unmappable, "{} cannot hold the seed without ⓪", enc.name());
    }
}

#[test]
fn shift_jis_and_euc_jp_copies_are_detected_and_decoded_exactly() {
    let text = seed_legacy_encodable();
    for (enc, choice) in [
        (SHIFT_JIS, EncodingChoice::ShiftJis),
        (EUC_JP, EncodingChoice::EucJp),
    ] {
        let (bytes, _, _) = enc.encode(&text);
        let auto = decode(&bytes, EncodingChoice::Auto).expect("detected");
        assert_eq!(auto.encoding, enc.name());
        assert_eq!(auto.text, text);
        assert_eq!(decode(&bytes, choice).expect("forced").text, text);
        let crlf_text = text.replace('\n', "\r\n");
        let crlf = enc.encode(&crlf_text).0;
        assert_eq!(
            decode(&crlf, EncodingChoice::Auto).expect("crlf").text,
            text
        );
    }
}
