//! A temporary working directory with the seed in it, and a way to run the
//! `zaitaku` binary there (the shape of xsv's `Workdir`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The seed edition, as committed under raw/.
pub fn seed() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../raw/000_1fb60f2a74870bbb.txt");
    std::fs::read_to_string(path).expect("the seed is committed under raw/")
}

/// A file under tests/fixtures/ (made by scripts/make_fixtures.py).
pub fn fixture(relative: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `zaitaku show TABLE input.txt --csv` on `text`, in a directory of its own.
pub fn show(text: &str, table: &str) -> Run {
    let wd = Workdir::new();
    wd.write("input.txt", text);
    wd.run(&["show", table, "input.txt", "--csv"])
}

/// A run's exit code and its terminal output.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary in `cwd` with `args` and `env`.
fn run_binary(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_zaitaku"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Self {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, bytes).unwrap();
        p
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// [`run`](Self::run) with `input` on standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_zaitaku"))
            .args(args)
            .current_dir(self.dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the binary runs");
        if let Some(mut stdin) = child.stdin.take() {
            // A command that does not read its input closes the pipe early.
            let _ = stdin.write_all(input);
        }
        let out = child.wait_with_output().expect("the binary ends");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// [`run`](Self::run) in the subdirectory `dir` (created if missing).
    pub fn run_in(&self, dir: &str, args: &[&str]) -> Run {
        let cwd = self.dir.path().join(dir);
        std::fs::create_dir_all(&cwd).unwrap();
        run_binary(&cwd, args, &[])
    }

    /// [`run`](Self::run) with environment variables set.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_binary(self.dir.path(), args, env)
    }

    /// [`run_with_env`](Self::run_with_env) on a pseudo-terminal (standard
    /// output and error both a terminal, as a person's shell has them),
    /// through Python's `pty` module: everything the terminal received.
    pub fn run_on_terminal(&self, args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
        const PTY: &str = "import os, pty, sys\n\
pid, fd = pty.fork()\n\
if pid == 0:\n    os.execv(sys.argv[1], sys.argv[1:])\n\
out = b''\n\
while True:\n    try:\n        chunk = os.read(fd, 65536)\n    except OSError:\n        break\n    if not chunk:\n        break\n    out += chunk\n\
os.waitpid(pid, 0)\n\
sys.stdout.buffer.write(out)\n";
        let out = Command::new("python3")
            .arg("-c")
            .arg(PTY)
            .arg(env!("CARGO_BIN_EXE_zaitaku"))
            .args(args)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .env("TERM", "xterm")
            .envs(env.iter().copied())
            .current_dir(self.dir.path())
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// Copies every file of `from` (a flat directory) into `to` here.
    pub fn copy_dir(&self, from: &Path, to: &str) {
        std::fs::create_dir_all(self.dir.path().join(to)).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(
                entry.path(),
                self.dir.path().join(to).join(entry.file_name()),
            )
            .unwrap();
        }
    }

    /// What builds left beside their outputs but their own directories
    /// (`.NAME.zaitaku/`): a lock, a temporary, a replaced set; and inside
    /// those, the temporaries of a killed or failed build (`tmp-*`).
    /// Replaced sets (`prev-*`) are kept a while on purpose.
    pub fn temporaries(&self) -> Vec<String> {
        let names = |dir: &Path| -> Vec<String> {
            std::fs::read_dir(dir)
                .map(|rd| {
                    rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut left = Vec::new();
        for name in names(self.dir.path()) {
            if name.starts_with('.') && name.ends_with(".zaitaku") {
                let inside = names(&self.dir.path().join(&name));
                left.extend(
                    (inside.into_iter())
                        .filter(|n| n.starts_with("tmp-"))
                        .map(|n| format!("{name}/{n}")),
                );
            } else if [".tmp-", ".old-", ".prev-", ".lock"]
                .iter()
                .any(|p| name.contains(p))
            {
                left.push(name);
            }
        }
        left
    }

    /// Every file of a directory, by name, with its bytes.
    pub fn files(&self, dir: &str) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(self.dir.path().join(dir))
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| {
                        (
                            e.file_name().to_string_lossy().into_owned(),
                            std::fs::read(e.path()).unwrap(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

/// Columns holding a position in the input: they differ where the lines do.
pub const POSITIONS: &[&str] = &[
    "source_page",
    "source_line",
    "source_column",
    "source_lines",
    "printed_at",
    "suspects",
];

/// `text` with every position written into it («page 8, line 1366, column
/// 5») blanked: messages in the tables name where a value is printed.
pub fn without_positions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("page ") {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let after_page = &from[5..];
        let n = digits(after_page);
        match after_page[n..].strip_prefix(", line ") {
            Some(l) if n > 0 && digits(l) > 0 => {
                let mut tail = &l[digits(l)..];
                if let Some(c) = tail.strip_prefix(", column ") {
                    if digits(c) > 0 {
                        tail = &c[digits(c)..];
                    }
                }
                out.push_str("page P, line L");
                rest = tail;
            }
            _ => {
                out.push_str("page ");
                rest = after_page;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A CSV file a build wrote, read with the `csv` crate: its header and its
/// rows, each value as the file holds it (an empty field is the empty text).
pub struct Csv {
    /// The header.
    pub columns: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// One row of a [`Csv`], read by column name.
pub struct CsvRow<'a> {
    csv: &'a Csv,
    values: &'a [String],
}

impl Csv {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Each row.
    pub fn iter(&self) -> impl Iterator<Item = CsvRow<'_>> {
        self.rows
            .iter()
            .map(move |values| CsvRow { csv: self, values })
    }
}

impl<'a> CsvRow<'a> {
    /// The value of column `name` (`None` for an empty field or a column the file lacks).
    pub fn get(&self, name: &str) -> Option<&'a str> {
        let k = self.csv.columns.iter().position(|c| c == name)?;
        self.values
            .get(k)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The value of column `name`, or the empty text.
    pub fn text(&self, name: &str) -> &'a str {
        self.get(name).unwrap_or_default()
    }
}

/// `text`, a CSV file a build wrote (a header, RFC 4180 quoting).
pub fn read_csv(text: &str) -> Csv {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.strip_prefix('\u{feff}').unwrap_or(text).as_bytes());
    let mut records = reader.records().map(|r| {
        r.expect("a CSV record")
            .iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    });
    let columns = records.next().unwrap_or_default();
    Csv {
        columns,
        rows: records.collect(),
    }
}

/// Every value of every CSV table of the build in `dir` that differs from
/// the build in `seed` apart from positions (column by column), each said
/// with `name`, the table, row and column.
pub fn differences_apart_from_positions(
    wd: &Workdir,
    seed: &str,
    dir: &str,
    name: &str,
) -> Vec<String> {
    let mut differences = Vec::new();
    for (table, _) in wd.files(seed).into_iter().filter(|f| f.0.ends_with(".csv")) {
        let read = |d: &str| {
            let text = std::fs::read_to_string(wd.path().join(d).join(&table)).unwrap_or_default();
            read_csv(&text)
        };
        let (want, got) = (read(seed), read(dir));
        if got.columns != want.columns || got.len() != want.len() {
            differences.push(format!("{name}: {table}: columns or rows differ"));
            continue;
        }
        for (k, (w, g)) in want.iter().zip(got.iter()).enumerate() {
            for column in want
                .columns
                .iter()
                .filter(|c| !POSITIONS.contains(&c.as_str()))
            {
                let (w, g) = (w.text(column), g.text(column));
                if without_positions(w) != without_positions(g) {
                    differences.push(format!(
                        "{name}: {table} row {} column {column}: «{g}», the seed's «{w}»",
                        k + 1
                    ));
                }
            }
        }
    }
    differences
}

/// Every value of the build in `out` that carries a position is printed at
/// that place of `input` (both in `wd`), as tests/positions.py reads them;
/// for a PDF, `input` is the text `zaitaku extract` writes of it. Panics
/// with the values that are not, naming `name`.
pub fn assert_positions(wd: &Workdir, name: &str, input: &str, out: &str) {
    assert_positions_with(wd, name, input, out, &[]);
}

/// [`assert_positions`] with the script's options: `--encoding=utf-16`
/// (an input not in UTF-8), `--edition=2017-09-30` (one input of a build of
/// several).
pub fn assert_positions_with(wd: &Workdir, name: &str, input: &str, out: &str, options: &[&str]) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/positions.py");
    let run = Command::new("python3")
        .arg(script)
        .arg(wd.path().join(input))
        .arg(wd.path().join(out))
        .args(options)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{name}: positions not printed at their place in {input}:\n{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains(" 0 not printed"), "{name}: {stdout}");
}

/// Runs insta with the snapshots in this crate's tests/snapshots/ directory.
#[macro_export]
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        });
    };
}
