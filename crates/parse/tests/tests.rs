//! The parser's tests, one binary linked once: the seed parsed, a text cut
//! short at every page.

mod cut_short;
mod seed;
