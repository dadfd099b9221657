//! The PDF reader's tests, one binary linked once: the layout read by
//! geometry, and edited PDFs.

mod layout;
mod mutations;
