//! The output directory a build replaces: [`claim::Target`] checks that it
//! is new, empty or zaitaku's own output (its manifest names every file
//! zaitaku wrote), and [`atomic::write_atomically`] puts a new set of files
//! in its place all or nothing (written into a temporary directory beside
//! it, then exchanged in one step), keeping untouched what desktops and
//! tools put in it (`.DS_Store`, `~$tables.xlsx`, …).
//!
//! This crate knows files by name and bytes only ([`OutputFile`]): what
//! they hold is the export and page crates' business.
#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod atomic;
pub mod claim;

use std::path::{Path, PathBuf};

/// An output file: its name inside the output directory and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// File name: `program_summary.parquet`.
    pub name: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Why the output directory could not be replaced.
#[derive(Debug, thiserror::Error)]
pub enum DirError {
    /// The output directory is not zaitaku's to replace: nothing changed.
    #[error("{0}")]
    Refused(claim::Refusal),
    /// The file system refused (its error is the source: said once).
    #[error("{path}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// The error of an I/O operation on `path`.
pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> DirError {
    let path = path.to_path_buf();
    move |source| DirError::Io { path, source }
}
