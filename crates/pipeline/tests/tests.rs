//! The pipeline's tests, one binary linked once: every check kind made to
//! fail, every fixture's typed outcome (snapshots in tests/snapshots/), the
//! grid readings, the names of the tables, a build's streaming and the
//! readers' README.

mod check_kinds;
mod fixtures;
mod grid;
mod names;
mod pipeline;
mod readme;
