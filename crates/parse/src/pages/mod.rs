//! The parse stage: one module per page kind reads its page as printed into
//! the types of [`crate::model`], with a [`Span`](crate::span::Span) on
//! every value and a [`ParseError`](crate::error::ParseError) for what does
//! not fit the layout. Nothing here decides what the text leaves open: that
//! is the resolve stage's ([`crate::resolve`]).
//!
//! - [`page1`]: 集計結果 (program summary, and the edition's as-of date);
//! - [`summary_cells`]: page 1 read from its cells;
//! - [`page2`]: 集計状況 (question summary);
//! - [`question_cells`]: page 2 read from its cells;
//! - [`answers`]: pages 3–4, 区市町村別 (each municipality's answers);
//! - [`answer_cells`]: pages 3–4 read from their cells;
//! - [`association_cells`]: pages 5–6 read from their cells (by position);
//! - [`associations`]: pages 5–6, medical associations by fiscal year;
//! - [`windows`]: pages 7–11, consultation windows;
//! - [`window_cells`]: pages 7–11 read from their cells (by position);
//! - [`combinators`]: the small nom parsers they share.

pub mod answer_cells;
pub mod answers;
pub mod association_cells;
pub mod associations;
pub mod combinators;
pub mod page1;
pub mod page2;
pub mod question_cells;
pub mod summary_cells;
pub mod window_cells;
pub mod windows;
