//! Writing to the terminal without ever panicking.
//!
//! `print!` and `eprint!` panic when the stream is closed (`zaitaku check … |
//! head -1`). Standard output goes through [`stdout`], which returns the
//! error: `main` ends a command whose reader went away quietly, with status
//! 0, as ripgrep does. Messages go through `say!` (errors) and `note!`
//! (what went well: silenced by `--quiet`), which drop a failed write to
//! standard error: there is nowhere left to report it.
//!
//! How messages look is chosen once, in `main`, from `--color`, `--quiet`
//! and the environment ([`Style::choose`]), and read by every command.

use std::io::{self, IsTerminal, Write};
use std::sync::OnceLock;

/// `--color`: whether messages are coloured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set, CLICOLOR is 0 or TERM is dumb
    /// (CLICOLOR_FORCE colours a pipe too).
    #[default]
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

/// How messages are written, chosen once per process.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// Colour (ANSI escapes) in messages.
    pub color: bool,
    /// Only errors are said (`--quiet`).
    pub quiet: bool,
}

static STYLE: OnceLock<Style> = OnceLock::new();

impl Style {
    /// The style `--color` and `--quiet` ask for, given the environment
    /// (`var`) and whether standard error is a terminal.
    pub fn choose(
        color: ColorChoice,
        quiet: bool,
        var: impl Fn(&str) -> Option<String>,
        terminal: bool,
    ) -> Style {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let forced = var("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
                let refused = var("CLICOLOR").as_deref() == Some("0")
                    || var("TERM").as_deref() == Some("dumb");
                // NO_COLOR, the user's own, wins over everything but the flag.
                !set("NO_COLOR") && (forced || (terminal && !refused))
            }
        };
        Style { color, quiet }
    }

    /// Sets the process's style (once; later calls change nothing).
    pub fn set(self) {
        let _ = STYLE.set(self);
    }

    /// The process's style (the default before [`Style::set`]: plain, not quiet).
    pub fn get() -> Style {
        STYLE.get().copied().unwrap_or_default()
    }

    /// Whether standard error is a terminal.
    pub fn stderr_is_terminal() -> bool {
        io::stderr().is_terminal()
    }
}

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

/// `eprintln!` with the write's error ignored instead of a panic: for
/// errors and what explains them, said even with `--quiet`.
macro_rules! say {
    ($($arg:tt)*) => {{
        $crate::term::say_line(format_args!($($arg)*));
    }};
}

/// [`say!`] for what went well (an input read, the totals, the files
/// written): nothing with `--quiet`.
macro_rules! note {
    ($($arg:tt)*) => {{
        if !$crate::term::Style::get().quiet {
            say!($($arg)*);
        }
    }};
}

/// Writes one message line to standard error (a failed write dropped).
pub fn say_line(line: std::fmt::Arguments<'_>) {
    let _ = writeln!(io::stderr(), "{line}");
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

#[cfg(test)]
mod tests {
    use super::*;

    fn style(color: ColorChoice, env: &[(&str, &str)], terminal: bool) -> bool {
        let var = |name: &str| {
            env.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        };
        Style::choose(color, false, var, terminal).color
    }

    #[test]
    fn colour_follows_the_flag_then_the_environment_then_the_terminal() {
        use ColorChoice::*;
        assert!(style(Auto, &[], true));
        assert!(!style(Auto, &[], false));
        assert!(!style(Auto, &[("NO_COLOR", "1")], true));
        // An empty NO_COLOR is not set (no-color.org).
        assert!(style(Auto, &[("NO_COLOR", "")], true));
        assert!(!style(Auto, &[("CLICOLOR", "0")], true));
        assert!(!style(Auto, &[("TERM", "dumb")], true));
        assert!(style(Auto, &[("CLICOLOR_FORCE", "1")], false));
        assert!(!style(
            Auto,
            &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
            false
        ));
        assert!(!style(Auto, &[("CLICOLOR_FORCE", "0")], false));
        assert!(style(Always, &[("NO_COLOR", "1")], false));
        assert!(!style(Never, &[], true));
    }
}
