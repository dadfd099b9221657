//! The parser's tests, one binary linked once: the seed parsed, a text cut
//! short at every page, the layout's matchers on every fixture.

mod cut_short;
mod matchers;
mod seed;
