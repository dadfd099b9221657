//! The parser on the real seed: the legacy decoders, and robustness against
//! damaged copies (no input makes it panic).

use encoding_rs::{EUC_JP, SHIFT_JIS};
use zaitaku_parse::decode::{decode, EncodingChoice};
use zaitaku_parse::parse_text;

fn seed() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../raw/000_1fb60f2a74870bbb.txt"
    );
    std::fs::read_to_string(path).expect("the seed is committed under raw/")
}

/// The seed without the lines that no legacy Japanese encoding can hold (⓪).
fn seed_legacy_encodable() -> String {
    seed()
        .split('\n')
        .filter(|l| !l.contains('⓪'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn seed_parses() {
    let report = parse_text(&seed()).expect("the seed parses");
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

/// xorshift32: a fixed pseudo-random sequence, so the test is repeatable.
struct Rng(u32);
impl Rng {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0 as usize % below.max(1)
    }
}

#[test]
fn damaged_copies_never_panic() {
    let text = seed();
    let lines: Vec<&str> = text.split('\n').collect();
    let mut rng = Rng(0x2545_F491);
    // Prefixes at every third line end, and at odd character positions.
    for cut in (0..lines.len()).step_by(3) {
        let _ = parse_text(&lines[..cut].join("\n"));
    }
    let chars: Vec<char> = text.chars().collect();
    for _ in 0..200 {
        let cut = rng.next(chars.len());
        let _ = parse_text(&chars[..cut].iter().collect::<String>());
    }
    // Lines deleted, duplicated, swapped; characters replaced by others of the text.
    for _ in 0..800 {
        let mut v: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        for _ in 0..1 + rng.next(3) {
            let i = rng.next(v.len());
            match rng.next(4) {
                0 => {
                    v.remove(i);
                }
                1 => {
                    let l = v[i].clone();
                    v.insert(i, l);
                }
                2 => {
                    let j = rng.next(v.len());
                    v.swap(i, j);
                }
                _ => {
                    let mut cs: Vec<char> = v[i].chars().collect();
                    if !cs.is_empty() {
                        let k = rng.next(cs.len());
                        cs[k] = chars[rng.next(chars.len())];
                    }
                    v[i] = cs.into_iter().collect();
                }
            }
        }
        let _ = parse_text(&v.join("\n"));
    }
}
