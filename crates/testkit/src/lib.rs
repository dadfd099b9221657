//! Test support shared by the crates' robustness tests.
//!
//! [`run_cases`] runs numbered cases on worker threads and watches them: a
//! case still running after its deadline ends the run with [`Hung`] at
//! once, naming the case, without waiting for it. The workers are detached
//! threads, not scoped ones: `std::thread::scope` joins every thread before
//! it passes a panic on, so a guard raised inside a scope waits for the very
//! worker that hangs, and the test hangs instead of failing. A hung worker
//! is left behind; the test process ends it when it exits.
//!
//! ```
//! use std::time::Duration;
//! use zaitaku_testkit::run_cases;
//!
//! // Case 3 of 10 fails; none hangs.
//! let failures = run_cases(10, 2, Duration::from_secs(60), |k| {
//!     (k == 3).then(|| "three is wrong".to_string())
//! })
//! .unwrap();
//! assert_eq!(failures, [(3, "three is wrong".to_string())]);
//! ```
#![deny(missing_docs)]

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// A case still running at its deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hung {
    /// The cases running past the deadline, by number.
    pub cases: Vec<usize>,
    /// The deadline each case had.
    pub deadline: Duration,
    /// How many cases had finished by then.
    pub finished: usize,
}

impl std::fmt::Display for Hung {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "case(s) {:?} still running after {:?} ({} case(s) finished): a hang",
            self.cases, self.deadline, self.finished
        )
    }
}

/// What a worker tells the watchdog.
enum Event {
    Started(usize),
    Finished(usize, Option<String>),
}

/// Runs cases `0..cases` on `workers` detached threads, each case through
/// `case`, which returns what is wrong with it (`None`: nothing). A panic in
/// a case is a failure of that case («panicked: …»). Returns the failures
/// by case number, or [`Hung`] as soon as a case has run longer than
/// `deadline`.
pub fn run_cases<F>(
    cases: usize,
    workers: usize,
    deadline: Duration,
    case: F,
) -> Result<Vec<(usize, String)>, Hung>
where
    F: Fn(usize) -> Option<String> + Send + Sync + 'static,
{
    let case = Arc::new(case);
    let next = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = mpsc::channel::<Event>();
    for _ in 0..workers.max(1) {
        let (case, next, tx) = (Arc::clone(&case), Arc::clone(&next), tx.clone());
        std::thread::spawn(move || loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            if k >= cases || tx.send(Event::Started(k)).is_err() {
                return;
            }
            let outcome = catch_unwind(AssertUnwindSafe(|| case(k)))
                .unwrap_or_else(|p| Some(format!("panicked: {}", panic_text(&*p))));
            if tx.send(Event::Finished(k, outcome)).is_err() {
                return;
            }
        });
    }
    drop(tx);
    // The watchdog: the cases running, each with its start.
    let mut running: BTreeMap<usize, Instant> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut finished = 0;
    let tick = (deadline / 4).max(Duration::from_millis(1));
    while finished < cases {
        match rx.recv_timeout(tick) {
            Ok(Event::Started(k)) => {
                running.insert(k, Instant::now());
            }
            Ok(Event::Finished(k, outcome)) => {
                running.remove(&k);
                finished += 1;
                failures.extend(outcome.map(|what| (k, what)));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            // Every worker is gone: whatever is left never ran.
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
        let late: Vec<usize> = running
            .iter()
            .filter(|(_, start)| start.elapsed() > deadline)
            .map(|(k, _)| *k)
            .collect();
        if !late.is_empty() {
            return Err(Hung {
                cases: late,
                deadline,
                finished,
            });
        }
    }
    failures.sort();
    Ok(failures)
}

/// Runs `f` on a thread of its own and waits for it at most `bound`: `None`
/// if it has not returned by then (the thread is left behind). A test of
/// the watchdog runs [`run_cases`] through this, so that a watchdog that
/// did not fire fails the test at `bound` instead of hanging it.
pub fn within<T, F>(bound: Duration, f: F) -> Option<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(bound).ok()
}

/// A case that never returns: parked for ever (a hung parser, for the
/// watchdog's own tests).
pub fn hang() -> ! {
    loop {
        std::thread::park();
    }
}

/// The message of a panic's payload.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`within`] a minute, or a failed test.
    fn bounded<F>(bound: Duration, run: F) -> Result<Vec<(usize, String)>, Hung>
    where
        F: FnOnce() -> Result<Vec<(usize, String)>, Hung> + Send + 'static,
    {
        within(bound, run)
            .unwrap_or_else(|| panic!("the watchdog did not end the run within {bound:?}"))
    }

    #[test]
    fn a_case_that_really_hangs_ends_the_run_naming_it() {
        let deadline = Duration::from_millis(200);
        let got = bounded(Duration::from_secs(60), move || {
            run_cases(50, 2, deadline, |k| if k == 7 { hang() } else { None })
        });
        let hung = got.expect_err("a hang is an error");
        assert_eq!(hung.cases, [7]);
        assert_eq!(hung.deadline, deadline);
        assert!(hung.to_string().contains("[7] still running"), "{hung}");
    }

    #[test]
    fn a_panicking_case_is_a_failure_of_its_own_and_the_others_run() {
        let got = bounded(Duration::from_secs(60), || {
            run_cases(20, 2, Duration::from_secs(30), |k| {
                assert!(k != 4, "four breaks");
                (k == 9).then(|| "nine is wrong".to_string())
            })
        });
        assert_eq!(
            got.unwrap(),
            [
                (4, "panicked: four breaks".to_string()),
                (9, "nine is wrong".to_string())
            ]
        );
    }

    #[test]
    fn every_case_runs_once() {
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let got = bounded(Duration::from_secs(60), move || {
            run_cases(100, 3, Duration::from_secs(30), move |k| {
                log.lock().unwrap().push(k);
                None
            })
        });
        assert_eq!(got.unwrap(), []);
        let mut seen = seen.lock().unwrap().clone();
        seen.sort();
        assert_eq!(seen, (0..100).collect::<Vec<_>>());
    }
}
