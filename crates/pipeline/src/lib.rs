//! The stages end to end, as library types: the inputs read as editions
//! ([`input`]), the overrides file ([`pins`]), each edition parsed, pinned
//! and validated in batches ([`editions`]), and a build that streams them
//! into every table, the changes between consecutive editions, the data
//! package, the reports and the page, atomically ([`build`]).
//!
//! Nothing here reads an input or prints: the binary reads the inputs'
//! bytes and hands them over, and renders the typed outcomes ([`Processed`],
//! [`Built`]) as messages. The one I/O is a build's own: it writes the
//! output directory (the files through `zaitaku_export`, into the temporary
//! directory `zaitaku_outdir` puts in the output's place all or nothing);
//! nothing it writes is read back.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use zaitaku_pipeline::{Build, Inputs};
//! let seed = include_bytes!("../../../raw/000_1fb60f2a74870bbb.txt");
//! let paths = ["seed.txt"];
//! // The layout's patterns, compiled once for every edition.
//! let parser = zaitaku_parse::Parser::new();
//! let inputs = Inputs::read(&parser, &paths, |p| p.to_string(), |_| Ok(seed.to_vec()), Default::default());
//! assert!(inputs.all_taken());
//! let dir = tempfile::tempdir()?;
//! let target = zaitaku_outdir::claim::Target::new(&dir.path().join("output"), &[])?;
//! let build = Build { parser: &parser, inputs: &inputs.texts, pins: None, csv: Default::default(), xlsx: false, keep_failed: false };
//! let mut editions = 0;
//! let built = build.run(&target, |_| editions += 1);
//! assert_eq!(editions, 1);
//! assert!(built.tally.summary.passed());
//! let written = built.written.map_err(|e| format!("{e:?}"))?;
//! assert!(written.tables.contains(&("municipality_answers", 901)));
//! assert!(dir.path().join("output/report.html").exists());
//! # Ok(()) }
//! ```
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

pub mod build;
pub mod editions;
pub mod input;
pub mod pins;
pub mod tables;

pub use build::{Build, Built, NotWritten, Written};
pub use editions::{Outcome, Processed, Tally, Validated};
pub use input::{Input, Inputs, ReadAs};
pub use pins::Pins;
