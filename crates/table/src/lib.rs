//! The tidy tables a build writes, as typed data: the table model
//! ([`Table`]: columns with their documentation, [`Meta`], and their typed
//! [`Values`]), the builder that makes a table from borrowed rows
//! ([`Builder`]), the names of every table and column ([`names`], each
//! written once: the builders, the writers, the diff and `show` take them
//! from there), and the builders of every table: [`tables::edition`] gives
//! an edition's tables in file order, [`tables::municipalities`] the
//! reference list's.
//!
//! No polars here: the export crate turns a [`Table`] into Parquet, CSV and
//! the workbook, the diff compares two editions' tables, `zaitaku show`
//! prints one.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let text = include_str!("../../../raw/000_1fb60f2a74870bbb.txt");
//! let report = zaitaku_parse::parse_text(text)?;
//! let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
//! let tables = zaitaku_table::tables::edition(&report, &validation);
//! let answers = tables.iter().find(|t| t.name == zaitaku_table::names::table::MUNICIPALITY_ANSWERS);
//! assert_eq!(answers.map(|t| t.height()), Some(901));
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

mod table;

pub mod answers;
pub mod associations;
pub mod checks;
pub mod columns;
pub mod names;
pub mod tables;
pub mod vocab;
pub mod windows;

pub use table::{
    b, d, i, iso_of_days, meta, oi, os, pct, s, Builder, Cell, Kind, Meta, Table, Texts, Value,
    Values,
};
