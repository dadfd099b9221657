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
