//! The rows of a table built column by column from cells a getter borrows
//! from each row.

use super::{Meta, Table, Values};
use std::borrow::Cow;
use zaitaku_parse::model::Date;

/// Reads one cell out of a row, borrowing from it.
type Getter<R> = Box<dyn for<'r> Fn(&'r R) -> Cell<'r>>;

/// Builds the columns of a table row by row.
pub struct Builder<R> {
    columns: Vec<(Meta, Getter<R>)>,
}

/// One cell, as a row getter returns it: a text borrowed from the row
/// where it can be, copied once into its column.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'r> {
    /// Text or Enum.
    Str(Option<Cow<'r, str>>),
    /// Integer.
    Int(Option<i32>),
    /// A number that does not fit its column (an error when the frame is
    /// built, never a null): the value, printed.
    Unfit(String),
    /// Float.
    Float(Option<f64>),
    /// Flag.
    Bool(Option<bool>),
    /// Date.
    Date(Option<Date>),
}

impl<R> Default for Builder<R> {
    fn default() -> Self {
        Builder {
            columns: Vec::new(),
        }
    }
}

impl<R> Builder<R> {
    /// Adds a column whose cell for a row is `get(row)`.
    pub fn col(mut self, meta: Meta, get: impl for<'r> Fn(&'r R) -> Cell<'r> + 'static) -> Self {
        self.columns.push((meta, Box::new(get)));
        self
    }

    /// The table `name` of `rows`, sorted by `key` already; its
    /// description is the catalogue's ([`crate::names::CATALOG`]).
    pub fn build(self, name: &'static str, key: &'static [&'static str], rows: &[R]) -> Table {
        let description = crate::names::describe(name);
        let mut refused = None;
        let columns = self
            .columns
            .into_iter()
            .map(|(m, get)| {
                let mut values = Values::with_capacity(m.kind, rows.len());
                for row in rows {
                    let cell = get(row);
                    let printed = match &cell {
                        Cell::Unfit(v) => v.clone(),
                        _ => String::new(),
                    };
                    if let (Err(why), None) = (values.push(cell), &refused) {
                        refused = Some(format!(
                            "column {} of {name}: {printed}{}{why}",
                            m.name,
                            if printed.is_empty() { "" } else { " " }
                        ));
                    }
                }
                (m, values)
            })
            .collect();
        Table {
            name,
            description,
            key,
            columns,
            refused,
        }
    }
}

/// A text cell.
pub fn s<'r>(v: impl Into<Cow<'r, str>>) -> Cell<'r> {
    Cell::Str(Some(v.into()))
}

/// An optional text cell.
pub fn os<'r, T: Into<Cow<'r, str>>>(v: Option<T>) -> Cell<'r> {
    Cell::Str(v.map(Into::into))
}

/// An integer cell; a value beyond the 32-bit column is [`Cell::Unfit`].
pub fn i<'r, T: TryInto<i32> + Copy + std::fmt::Display>(v: T) -> Cell<'r> {
    v.try_into()
        .map_or_else(|_| Cell::Unfit(v.to_string()), |v| Cell::Int(Some(v)))
}

/// An optional integer cell (see [`i`]).
pub fn oi<'r, T: TryInto<i32> + Copy + std::fmt::Display>(v: Option<T>) -> Cell<'r> {
    v.map_or(Cell::Int(None), i)
}

/// A percentage cell from tenths: 962 → 96.2.
pub fn pct<'r>(tenths: Option<i64>) -> Cell<'r> {
    Cell::Float(tenths.map(|t| t as f64 / 10.0))
}

/// A flag cell.
pub fn b<'r>(v: Option<bool>) -> Cell<'r> {
    Cell::Bool(v)
}

/// A date cell.
pub fn d<'r>(v: Date) -> Cell<'r> {
    Cell::Date(Some(v))
}
