//! Damaged copies of the typeset seed (tests/fixtures/pdf/seed.pdf): bytes
//! flipped, the file cut short, objects removed or doubled. None makes the
//! reader panic or hang; each is read whole or refused (never partial text
//! taken for the whole: a copy cut short is refused).

use std::sync::mpsc;
use std::time::Duration;

const CASES: usize = 240;
/// No case may take this long (the seed's pages read in about 0.1 s).
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

#[test]
fn damaged_copies_of_the_seed_pdf_never_panic_hang_or_read_partly() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/pdf/seed.pdf");
    let seed = std::fs::read(path).unwrap();
    let whole = zaitaku_pdf::read(&seed).unwrap();
    let (tx, rx) = mpsc::channel::<Result<String, String>>();
    std::thread::scope(|scope| {
        for w in 0..2 {
            let (tx, seed, whole) = (tx.clone(), &seed, &whole);
            scope.spawn(move || {
                for k in (w..CASES).step_by(2) {
                    let (bytes, what) = case(k, seed);
                    let got = std::panic::catch_unwind(|| zaitaku_pdf::read(&bytes));
                    let _ = tx.send(match got {
                        Err(_) => Err(format!("case {k} ({what}): panicked")),
                        // A copy cut short must not read as fewer pages.
                        Ok(Ok(t)) if k % 4 == 1 && t.pages.len() < whole.pages.len() => {
                            Err(format!(
                                "case {k} ({what}): {} of {} pages taken",
                                t.pages.len(),
                                whole.pages.len()
                            ))
                        }
                        Ok(r) => Ok(format!("{}", r.is_ok())),
                    });
                }
            });
        }
        drop(tx);
        let mut failures = Vec::new();
        let mut read = 0;
        for _ in 0..CASES {
            match rx.recv_timeout(HANG) {
                Ok(Ok(ok)) => read += usize::from(ok == "true"),
                Ok(Err(f)) => failures.push(f),
                Err(e) => panic!("no case finished for {HANG:?}: {e} (a hang)"),
            }
        }
        eprintln!("{read} of {CASES} damaged copies still read whole");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}
