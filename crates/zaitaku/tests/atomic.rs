//! output/ is always whole: builds killed with SIGKILL at random moments,
//! and pairs of builds started at once into one directory, while a reader
//! lists it. The two kinds of build write different bytes (plain CSV, and
//! CSV with a BOM), so a mixed directory would show.

use crate::harness::{seed, Workdir};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Rounds of the kill test and pairs of the concurrency test.
const KILL_ROUNDS: usize = 50;
const PAIRS: usize = 20;

type Files = Vec<(String, Vec<u8>)>;

fn start(wd: &Workdir, out: &str, bom: bool) -> Child {
    let mut args = vec!["build", "--out", out, "input.txt"];
    if bom {
        args.insert(1, "--csv-bom");
    }
    Command::new(env!("CARGO_BIN_EXE_zaitaku"))
        .args(&args)
        .current_dir(wd.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts")
}

/// The two complete sets a build may leave: plain, and with a BOM.
fn references(wd: &Workdir) -> (Files, Files) {
    for (out, bom) in [("plain", false), ("bom", true)] {
        let status = start(wd, out, bom).wait().unwrap();
        assert!(status.success());
    }
    let (plain, bom) = (wd.files("plain"), wd.files("bom"));
    assert_ne!(plain, bom, "the two kinds of build write different bytes");
    (plain, bom)
}

/// xorshift32, for repeatable kill moments.
struct Rng(u32);
impl Rng {
    fn below(&mut self, n: u32) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0 % n.max(1)
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_output_whole_and_the_next_cleans_up() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    let (plain, bom) = references(&wd);
    // The shortest of three builds: kill moments fall inside a build's run.
    let one_build = (0..3)
        .map(|_| {
            let began = Instant::now();
            assert!(start(&wd, "out", false).wait().unwrap().success());
            began.elapsed().as_micros().max(1) as u32
        })
        .min()
        .unwrap_or(1);
    let mut rng = Rng(0x1234_5678);
    let mut killed_while_running = 0;
    for round in 0..KILL_ROUNDS {
        let bom_round = round % 2 == 1;
        let mut child = start(&wd, "out", bom_round);
        // A moment anywhere in a build's run.
        std::thread::sleep(Duration::from_micros(u64::from(rng.below(one_build))));
        if child.try_wait().unwrap().is_none() {
            killed_while_running += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let now = wd.files("out");
        assert!(
            now == plain || now == bom,
            "round {round}: output/ is neither complete set: {:?}",
            now.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
    }
    // Not a speed figure: without a build killed mid-run, the test proved nothing.
    assert!(
        killed_while_running > 0,
        "no round killed a running build ({KILL_ROUNDS} rounds)"
    );
    eprintln!("{killed_while_running} of {KILL_ROUNDS} rounds killed a running build");
    assert!(start(&wd, "out", false).wait().unwrap().success());
    assert_eq!(wd.files("out"), plain);
    assert_eq!(wd.temporaries(), Vec::<String>::new());
}

#[test]
fn builds_started_at_once_never_fail_and_a_reader_never_sees_output_missing_or_partial() {
    let wd = Workdir::new();
    wd.write("input.txt", seed());
    let (plain, bom) = references(&wd);
    assert!(start(&wd, "out", false).wait().unwrap().success());
    let names: Vec<String> = plain.iter().map(|f| f.0.clone()).collect();
    let stop = AtomicBool::new(false);
    let out = wd.path().join("out");
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let (mut polls, mut bad) = (0usize, Vec::new());
            while !stop.load(Ordering::Relaxed) {
                polls += 1;
                let listed: Result<Vec<String>, _> = std::fs::read_dir(&out).map(|rd| {
                    let mut v: Vec<String> = rd
                        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                        .collect();
                    v.sort();
                    v
                });
                match listed {
                    Ok(v) if v == names => {}
                    other => bad.push(format!("{other:?}")),
                }
                if std::fs::read(out.join("datapackage.json")).is_err() {
                    bad.push("datapackage.json missing".into());
                }
            }
            (polls, bad)
        });
        for pair in 0..PAIRS {
            let mut a = start(&wd, "out", false);
            let mut b = start(&wd, "out", true);
            let (sa, sb) = (a.wait().unwrap(), b.wait().unwrap());
            assert!(sa.success() && sb.success(), "pair {pair}: {sa} {sb}");
            let now = wd.files("out");
            assert!(now == plain || now == bom, "pair {pair}: output/ is mixed");
        }
        stop.store(true, Ordering::Relaxed);
        let (polls, bad) = reader.join().unwrap();
        assert!(polls > PAIRS, "the reader polled ({polls} times)");
        assert!(
            bad.is_empty(),
            "{} of {polls} polls saw output/ partial: {:?}",
            bad.len(),
            &bad[..bad.len().min(5)]
        );
    });
    assert_eq!(wd.temporaries(), Vec::<String>::new());
}
