//! The command line's tests, one binary linked once (each module a part of
//! the CLI: building, checking, showing, diffing, the output directory, the
//! messages, PDFs, the README's commands). Every test runs the built binary
//! in its own directory (harness::Workdir); snapshots are in
//! tests/snapshots/.

#[macro_use]
mod harness;

mod atomic;
mod cli;
mod dialects;
mod diff;
mod fixtures;
mod help;
mod limits;
mod messages;
mod out;
mod pdf;
mod readme;
mod seed;
