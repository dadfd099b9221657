//! Damaged copies of the typeset seed (tests/fixtures/pdf/seed.pdf, a text
//! line per line, and grid_rows.pdf, ruled tables read by position, in
//! turn): bytes flipped, the file cut short, objects removed or doubled.
//! None makes the reader (`read_layout`, as builds read) panic or hang; each
//! is read whole or refused (never partial text taken for the whole: a
//! copy cut short is refused).

use std::sync::OnceLock;
use std::time::Duration;
use zaitaku_testkit::{hang, run_cases, within};

const CASES: usize = 240;
/// No case may take this long (the seed's pages read in about 0.1 s); the
/// run fails at once, naming the case, without waiting for it.
const HANG: Duration = Duration::from_secs(30);

/// xorshift64, for repeatable damage.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Case `k`: the seed's PDF damaged one way, and how.
fn case(k: usize, seed: &[u8]) -> (Vec<u8>, String) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (k as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut bytes = seed.to_vec();
    let objects: Vec<usize> = seed
        .windows(7)
        .enumerate()
        .filter(|(_, w)| *w == b" 0 obj\n")
        .map(|(at, _)| at)
        .collect();
    let what = match k % 4 {
        0 => {
            let n = 1 + rng.below(20);
            for _ in 0..n {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
            format!("{n} bits flipped")
        }
        1 => {
            let at = rng.below(bytes.len());
            bytes.truncate(at);
            format!("cut at byte {at}")
        }
        2 => {
            let start = objects[rng.below(objects.len())];
            let end = seed[start..]
                .windows(6)
                .position(|w| w == b"endobj")
                .map_or(seed.len(), |p| start + p + 6);
            bytes.drain(start..end);
            format!("object at byte {start} removed")
        }
        _ => {
            let start = objects[rng.below(objects.len())];
            let len = 1 + rng.below(4096);
            let piece = seed[start..(start + len).min(seed.len())].to_vec();
            let at = rng.below(bytes.len());
            bytes.splice(at..at, piece);
            format!("{len} bytes of an object doubled at byte {at}")
        }
    };
    (bytes, what)
}

/// The two typeset PDFs and their pages, read once for every case.
fn seed_pdfs() -> &'static [(Vec<u8>, usize); 2] {
    static SEEDS: OnceLock<[(Vec<u8>, usize); 2]> = OnceLock::new();
    SEEDS.get_or_init(|| {
        ["seed.pdf", "grid_rows.pdf"].map(|name| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/fixtures/pdf")
                .join(name);
            let bytes = std::fs::read(path).unwrap();
            let pages = zaitaku_pdf::read_layout(&bytes).unwrap();
            // The one a text line per line, the other ruled tables.
            let ruled = pages.iter().any(|p| !p.cells.is_empty());
            assert_eq!(ruled, name == "grid_rows.pdf", "{name}");
            (bytes, pages.len())
        })
    })
}

/// Case `k`: what is wrong with reading it (`None`: read whole, or refused).
fn damage_case(k: usize) -> Option<String> {
    // Four kinds of damage (k % 4) to one PDF, then to the other.
    let (seed, n) = &seed_pdfs()[k / 4 % 2];
    let (bytes, what) = case(k, seed);
    match zaitaku_pdf::read_layout(&bytes) {
        // A copy cut short must not read as fewer pages.
        Ok(pages) if k % 4 == 1 && pages.len() < *n => {
            Some(format!("({what}): {} of {n} pages taken", pages.len()))
        }
        _ => None,
    }
}

#[test]
fn damaged_copies_of_the_seed_pdf_never_panic_hang_or_read_partly() {
    let failures = run_cases(CASES, 2, HANG, damage_case).unwrap_or_else(|hung| panic!("{hung}"));
    let failures: Vec<String> = failures
        .iter()
        .map(|(k, problem)| format!("case {k} {problem}"))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The guard above fires: a run in which one case really hangs ends with
/// that case named, at its deadline (watched from a thread of its own, so
/// that a guard that did not fire fails this test at `BOUND`).
#[test]
fn a_hanging_case_fails_the_run_naming_it_instead_of_hanging_it() {
    const DEADLINE: Duration = Duration::from_secs(10);
    const BOUND: Duration = Duration::from_secs(120);
    let outcome = within(BOUND, || {
        run_cases(8, 2, DEADLINE, |k| {
            if k == 5 {
                hang() // A reader that never returns.
            }
            damage_case(k)
        })
    })
    .unwrap_or_else(|| panic!("the hang guard did not fire within {BOUND:?}"));
    let hung = outcome.expect_err("a hung case fails the run");
    eprintln!("{hung}");
    assert_eq!(hung.cases, [5]);
}
