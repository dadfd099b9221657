//! Writing to the terminal without ever panicking.
//!
//! `print!` and `eprint!` panic when the stream is closed (`zaitaku check … |
//! head -1`). Standard output goes through [`stdout`], which returns the
//! error: `main` ends a command whose reader went away quietly, with status
//! 0, as ripgrep does. Messages go through `say!`, which drops
//! a failed write to standard error: there is nowhere left to report it.

use std::io::{self, Write};

/// Writes `text` to standard output and flushes it.
pub fn stdout(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Whether `error` (or an error it wraps) is a write to a closed pipe.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// `eprintln!` with the write's error ignored instead of a panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Wall time of each phase of a command, printed to stderr when the
/// environment sets `ZAITAKU_PHASES` (for `make bench`; nothing otherwise).
pub struct Phases {
    on: bool,
    start: std::time::Instant,
    last: std::time::Instant,
}

impl Phases {
    /// Starts the clock.
    pub fn start() -> Self {
        let now = std::time::Instant::now();
        Phases {
            on: std::env::var_os("ZAITAKU_PHASES").is_some(),
            start: now,
            last: now,
        }
    }

    /// Prints the time `took` of a part of the current phase, timed apart
    /// (the report page, written inside the writing phase).
    pub fn part(&self, name: &str, took: std::time::Duration) {
        if self.on {
            say!(
                "phase {name}: {:.1} ms (part of the next)",
                took.as_secs_f64() * 1000.0
            );
        }
    }

    /// Ends phase `name`: prints its time since the previous one.
    pub fn lap(&mut self, name: &str) {
        if self.on {
            let now = std::time::Instant::now();
            say!(
                "phase {name}: {:.1} ms (total {:.1} ms)",
                (now - self.last).as_secs_f64() * 1000.0,
                (now - self.start).as_secs_f64() * 1000.0
            );
            self.last = now;
        }
    }
}
