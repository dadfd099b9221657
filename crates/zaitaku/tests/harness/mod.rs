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

/// The seed with the first occurrence of `from` on line `line` replaced by `to`.
pub fn seed_with(line: usize, from: &str, to: &str) -> String {
    let text = seed();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    assert!(
        lines[line - 1].contains(from),
        "line {line} holds «{from}»: «{}»",
        lines[line - 1]
    );
    lines[line - 1] = lines[line - 1].replacen(from, to, 1);
    lines.join("\n")
}

/// The seed without its lines `from..=to` (counted from 1).
pub fn seed_without_lines(from: usize, to: usize) -> String {
    seed()
        .split('\n')
        .enumerate()
        .filter(|(k, _)| !(from - 1..to).contains(k))
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A run's exit code and its terminal output.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
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
        let out = Command::new(env!("CARGO_BIN_EXE_zaitaku"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("the binary runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
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

/// Runs insta with the snapshots in the top-level snapshots/ directory.
#[macro_export]
macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!($name, $value);
        });
    };
}
