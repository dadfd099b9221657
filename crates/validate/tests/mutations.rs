//! The bounded mutation test: thousands of seeded, repeatable mutations of
//! the seed go through decode → parse → validate. None may panic or hang,
//! and every error must name a place inside the input.
//!
//! A case that fails is written to `target/mutations/case-N.txt` and named
//! with its mutations, so it can become a fixture under
//! `crates/parse/resources/invalid/` with a test of its own.

// A test reads fixtures and says what it finds: the crate's no-I/O rule (clippy.toml) is for the library.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::path::Path;
use std::time::Duration;
use zaitaku_parse::decode::{decode, EncodingChoice};
use zaitaku_testkit::{hang, run_cases, within};

/// Cases run by `make test`.
const CASES: usize = 6_000;
/// A case still running after this long is a hang (cases take milliseconds;
/// this bounds liveness, it is not a speed figure). The run fails at once,
/// naming the case, without waiting for it ([`run_cases`]).
const HANG: Duration = Duration::from_secs(60);

/// The seed edition, as committed under raw/.
const SEED: &str = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");

/// xorshift64*: a fixed pseudo-random sequence per case, so every case can
/// be replayed from its number alone.
struct Rng(u64);

impl Rng {
    fn new(case: usize) -> Rng {
        Rng((case as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// Text the report prints, to insert where it does not belong.
const TOKENS: &[&str] = &[
    "◎",
    "○",
    "〇",
    "△",
    "×",
    "-",
    "▲",
    "※1",
    "⓪",
    "①",
    "②",
    "③",
    "④",
    "（ア）",
    "（ク）",
    "平成29年度7月末時点",
    "令和99年度13月末時点",
    "平成0年度",
    "H28年度",
    "29年度中に実施予定",
    "午前9時～午後5時",
    "月～金（祝日及び年末年始を除く）",
    "24時間365日",
    "03-5312-9925",
    "(内線：2668)",
    "相談支援窓口一覧",
    "区市町村別",
    "集計状況（ｎ＝５３）",
    "医師会名",
    "３５地区医師会が実施",
    "開設予定",
    "0",
    "00",
    "62",
    "999",
    "96.2%",
    "△1.9%",
    "100.0%",
    "千代田区",
    "青ヶ島村",
    "府中市",
    "西多摩",
    "（福生市）",
    "在宅療養相談窓口",
    "　",
    "\t",
];

/// One mutation of the seed's lines; returns what it did, for the message.
fn mutate(lines: &mut Vec<String>, rng: &mut Rng) -> String {
    let n = lines.len();
    if n == 0 {
        return "nothing left to mutate".into();
    }
    let i = rng.below(n);
    match rng.below(14) {
        0 => {
            lines.remove(i);
            format!("line {} dropped", i + 1)
        }
        1 => {
            let l = lines[i].clone();
            lines.insert(i, l);
            format!("line {} duplicated", i + 1)
        }
        2 => {
            let j = rng.below(n);
            lines.swap(i, j);
            format!("lines {} and {} swapped", i + 1, j + 1)
        }
        3 => {
            let l = lines.remove(i);
            let j = rng.below(lines.len());
            lines.insert(j, l);
            format!("line {} moved to {}", i + 1, j + 1)
        }
        4 | 5 => {
            // A digit changed, or a number made 30 digits long.
            let digits: Vec<usize> = lines[i]
                .char_indices()
                .filter(|(_, c)| c.is_ascii_digit())
                .map(|(k, _)| k)
                .collect();
            if digits.is_empty() {
                return format!("line {} has no digit", i + 1);
            }
            let at = digits[rng.below(digits.len())];
            let with = if rng.below(2) == 0 {
                ((b'0' + rng.below(10) as u8) as char).to_string()
            } else {
                "9".repeat(30)
            };
            lines[i].replace_range(at..at + 1, &with);
            format!("line {}: digit at byte {at} → {with}", i + 1)
        }
        6 | 7 => {
            // A token of the report inserted at a word boundary.
            let token = rng.pick(TOKENS);
            let starts: Vec<usize> = std::iter::once(0)
                .chain(lines[i].match_indices(' ').map(|(k, _)| k + 1))
                .collect();
            let at = starts[rng.below(starts.len())];
            lines[i].insert_str(at, &format!("{token} "));
            format!("line {}: «{token}» inserted at byte {at}", i + 1)
        }
        8 => {
            // The targeted edit reading the code found: hours before a phone.
            let phones: Vec<usize> = (0..n)
                .filter(|&k| lines[k].starts_with("0") && lines[k].contains('-'))
                .collect();
            if phones.is_empty() {
                return "no phone line left".into();
            }
            let k = phones[rng.below(phones.len())];
            lines[k].insert_str(0, "午前9時～午後5時 ");
            format!("line {}: hours phrase before the phone", k + 1)
        }
        9 => {
            // A page separator removed (three line ends become two).
            let seps: Vec<usize> = (1..n.saturating_sub(1))
                .filter(|&k| lines[k].trim().is_empty() && lines[k + 1].trim().is_empty())
                .collect();
            if seps.is_empty() {
                return "no page separator left".into();
            }
            let k = seps[rng.below(seps.len())];
            lines.remove(k);
            format!("page separator at line {} removed", k + 1)
        }
        10 => {
            lines.truncate(i);
            format!("truncated after line {i}")
        }
        11 => {
            // A character replaced by CJK text or a character from elsewhere.
            let cs: Vec<char> = lines[i].chars().collect();
            if cs.is_empty() {
                return format!("line {} is empty", i + 1);
            }
            let k = rng.below(cs.len());
            let with = rng.pick(&[
                "漢",
                "窓口",
                "区",
                "市",
                "〇〇〇〇〇",
                "ー",
                "・",
                "（",
                "）",
            ]);
            let mut out: String = cs[..k].iter().collect();
            out.push_str(with);
            out.extend(&cs[k + 1..]);
            lines[i] = out;
            format!("line {}: character {} → «{with}»", i + 1, k + 1)
        }
        12 => {
            let token = rng.pick(TOKENS);
            lines.insert(i, token.to_string());
            format!("line «{token}» inserted before line {}", i + 1)
        }
        _ => {
            lines[i] = lines[i]
                .split_whitespace()
                .rev()
                .collect::<Vec<_>>()
                .join(" ");
            format!("line {}: words reversed", i + 1)
        }
    }
}

/// A case: its input bytes and what was done to make them.
fn case(number: usize, seed: &str) -> (Vec<u8>, Vec<String>) {
    let mut rng = Rng::new(number);
    let mut lines: Vec<String> = seed.split('\n').map(str::to_string).collect();
    let mut done = Vec::new();
    for _ in 0..1 + rng.below(3) {
        done.push(mutate(&mut lines, &mut rng));
    }
    let mut bytes = lines.join("\n").into_bytes();
    // One case in eight also has its bytes damaged: flipped bits, a cut.
    if rng.below(8) == 0 && !bytes.is_empty() {
        let at = rng.below(bytes.len());
        if rng.below(2) == 0 {
            bytes[at] ^= 1 << rng.below(8);
            done.push(format!("bit flipped at byte {at}"));
        } else {
            bytes.truncate(at);
            done.push(format!("cut at byte {at}"));
        }
    }
    (bytes, done)
}

/// What is wrong with the outcome of one input, if anything.
fn run(bytes: &[u8]) -> Option<String> {
    let decoded = match decode(bytes, EncodingChoice::Auto) {
        Ok(d) => d,
        // A decode error names a line of the input (page 0: before pages).
        Err(e) if usize::try_from(e.position.line).map_or(true, |l| l > bytes.len() + 1) => {
            return Some(format!("decode error past the input: {e}"));
        }
        Err(_) => return None,
    };
    // A text that keeps the columns by spaces is read as its grid, its
    // spans pointing into the text all the same.
    let parser = zaitaku_parse::Parser::new();
    let parsed = match zaitaku_parse::grid::Grid::spaced(parser.matchers(), &decoded.text) {
        Some(grid) => parser.parse_grid(&grid),
        None => parser.parse(&decoded.text),
    };
    match parsed {
        Ok(report) => {
            let validated = zaitaku_validate::validate(std::slice::from_ref(&report));
            let _ = validated.summary();
            None
        }
        Err(errors) if errors.0.is_empty() => Some("a failed parse named no error".into()),
        Err(errors) => errors
            .0
            .iter()
            .find(|e| !e.position.is_within(&decoded.text))
            .map(|e| format!("error outside the input: {e}")),
    }
}

/// Case `number` of `text`: what is wrong with it, with its mutations
/// (`None`: nothing). A failing case's input is written to
/// `target/mutations/STEM-N.txt`.
fn checked_case(number: usize, text: &str, stem: &str) -> Option<String> {
    let (bytes, what) = case(number, text);
    let problem = run(&bytes)?;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/mutations");
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(dir.join(format!("{stem}-{number}.txt")), &bytes);
    Some(format!("({}): {problem}", what.join("; ")))
}

/// Case `number` of the seed.
fn mutation_case(number: usize) -> Option<String> {
    checked_case(number, SEED, "case")
}

/// The `pdftotext -layout` text of the grid typesetting drawn row by row:
/// the reading by columns (`zaitaku_parse::spaced`).
const SPACED: &str = include_str!("../../../tests/fixtures/grid/grid_rows/pdftotext_layout.txt");
/// Cases of it run by `make test`.
const SPACED_CASES: usize = 1_000;

/// Case `number` of the spaced text.
fn spaced_case(number: usize) -> Option<String> {
    checked_case(number, SPACED, "spaced")
}

/// Runs `cases` cases of `one`, failing with every case that went wrong.
fn assert_every_case_holds(cases: usize, one: fn(usize) -> Option<String>) {
    let failures = run_cases(cases, 2, HANG, one).unwrap_or_else(|hung| panic!("{hung}"));
    let failures: Vec<String> = failures
        .iter()
        .map(|(n, problem)| format!("case {n} {problem}"))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed (inputs in target/mutations/):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_thousand_mutated_spaced_texts_never_panic_hang_or_point_outside_the_input() {
    assert_every_case_holds(SPACED_CASES, spaced_case);
}

#[test]
fn thousands_of_mutated_seeds_never_panic_hang_or_point_outside_the_input() {
    assert_every_case_holds(CASES, mutation_case);
}

/// The guard above fires: a mutation run in which one case really hangs
/// ends with that case named, at its deadline, instead of hanging the test.
/// (The run is watched from a thread of its own, so that a guard that did
/// not fire would fail this test at `BOUND` rather than hang it.)
#[test]
fn a_hanging_case_fails_the_run_naming_it_instead_of_hanging_it() {
    const DEADLINE: Duration = Duration::from_secs(5);
    const BOUND: Duration = Duration::from_secs(120);
    let outcome = within(BOUND, || {
        run_cases(40, 2, DEADLINE, |number| {
            if number == 13 {
                hang() // A parser that never returns.
            }
            mutation_case(number)
        })
    })
    .unwrap_or_else(|| panic!("the hang guard did not fire within {BOUND:?}"));
    let hung = outcome.expect_err("a hung case fails the run");
    eprintln!("{hung}");
    assert_eq!(hung.cases, [13]);
}
