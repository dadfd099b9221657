//! A table as columns with their documentation, turned into a polars
//! DataFrame and described in the data package from the same definition.

use polars::prelude::*;

/// The type of a column, as written to Parquet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Str,
    /// 32-bit integer (counts, years, numbers).
    Int,
    /// 64-bit float (percentages as published, one decimal).
    Float,
    /// Boolean flag.
    Bool,
    /// A closed vocabulary: polars Enum, Parquet dictionary-encoded string.
    Enum(&'static [&'static str]),
}

/// A column's documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    /// snake_case name.
    pub name: &'static str,
    /// Type.
    pub kind: Kind,
    /// The Japanese label of the report.
    pub title_ja: &'static str,
    /// What it holds.
    pub description: &'static str,
    /// Unit, where there is one.
    pub unit: Option<&'static str>,
}

/// Shorthand for a [`Meta`].
pub const fn meta(
    name: &'static str,
    kind: Kind,
    title_ja: &'static str,
    description: &'static str,
    unit: Option<&'static str>,
) -> Meta {
    Meta {
        name,
        kind,
        title_ja,
        description,
        unit,
    }
}

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Text or Enum values.
    Str(Vec<Option<String>>),
    /// Integers.
    Int(Vec<Option<i32>>),
    /// Floats.
    Float(Vec<Option<f64>>),
    /// Flags.
    Bool(Vec<Option<bool>>),
}

/// A table: name, description, key, columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File stem: `program_summary`.
    pub name: &'static str,
    /// One row per …
    pub description: &'static str,
    /// Key columns (rows are sorted by them before they get here).
    pub key: &'static [&'static str],
    /// Columns in order.
    pub columns: Vec<(Meta, Values)>,
}

impl Table {
    /// Number of rows.
    pub fn height(&self) -> usize {
        self.columns.first().map_or(0, |(_, v)| match v {
            Values::Str(v) => v.len(),
            Values::Int(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::Bool(v) => v.len(),
        })
    }

    /// The DataFrame, with Enum columns cast strictly (an unknown value is an error, not a null).
    pub fn frame(&self) -> PolarsResult<DataFrame> {
        let mut cols = Vec::with_capacity(self.columns.len());
        for (m, v) in &self.columns {
            let name: PlSmallStr = m.name.into();
            let series = match (m.kind, v) {
                (Kind::Str, Values::Str(v)) => Series::new(name, v),
                (Kind::Enum(cats), Values::Str(v)) => {
                    let dtype = DataType::from_frozen_categories(FrozenCategories::new(
                        cats.iter().copied(),
                    )?);
                    Series::new(name, v).strict_cast(&dtype)?
                }
                (Kind::Int, Values::Int(v)) => Series::new(name, v),
                (Kind::Float, Values::Float(v)) => Series::new(name, v),
                (Kind::Bool, Values::Bool(v)) => Series::new(name, v),
                _ => {
                    polars_bail!(SchemaMismatch: "column {} of {}: values do not fit its kind", m.name, self.name)
                }
            };
            cols.push(series.into_column());
        }
        DataFrame::new_infer_height(cols)
    }
}

/// Reads one cell out of a row.
type Getter<R> = Box<dyn Fn(&R) -> Cell>;

/// Builds the columns of a table row by row.
pub struct Builder<R> {
    columns: Vec<(Meta, Getter<R>)>,
}

/// One cell, as a row getter returns it.
pub enum Cell {
    /// Text or Enum.
    Str(Option<String>),
    /// Integer.
    Int(Option<i32>),
    /// Float.
    Float(Option<f64>),
    /// Flag.
    Bool(Option<bool>),
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
    pub fn col(mut self, meta: Meta, get: impl Fn(&R) -> Cell + 'static) -> Self {
        self.columns.push((meta, Box::new(get)));
        self
    }

    /// The table of `rows`.
    pub fn build(
        self,
        name: &'static str,
        description: &'static str,
        key: &'static [&'static str],
        rows: &[R],
    ) -> Table {
        let columns = self
            .columns
            .into_iter()
            .map(|(m, get)| {
                let values = match m.kind {
                    Kind::Str | Kind::Enum(_) => Values::Str(
                        rows.iter()
                            .map(|r| match get(r) {
                                Cell::Str(s) => s,
                                _ => None,
                            })
                            .collect(),
                    ),
                    Kind::Int => Values::Int(
                        rows.iter()
                            .map(|r| match get(r) {
                                Cell::Int(s) => s,
                                _ => None,
                            })
                            .collect(),
                    ),
                    Kind::Float => Values::Float(
                        rows.iter()
                            .map(|r| match get(r) {
                                Cell::Float(s) => s,
                                _ => None,
                            })
                            .collect(),
                    ),
                    Kind::Bool => Values::Bool(
                        rows.iter()
                            .map(|r| match get(r) {
                                Cell::Bool(s) => s,
                                _ => None,
                            })
                            .collect(),
                    ),
                };
                (m, values)
            })
            .collect();
        Table {
            name,
            description,
            key,
            columns,
        }
    }
}

/// A text cell.
pub fn s(v: impl Into<String>) -> Cell {
    Cell::Str(Some(v.into()))
}

/// An optional text cell.
pub fn os<T: Into<String>>(v: Option<T>) -> Cell {
    Cell::Str(v.map(Into::into))
}

/// An integer cell.
pub fn i<T: TryInto<i32>>(v: T) -> Cell {
    Cell::Int(v.try_into().ok())
}

/// An optional integer cell.
pub fn oi<T: TryInto<i32>>(v: Option<T>) -> Cell {
    Cell::Int(v.and_then(|v| v.try_into().ok()))
}

/// A percentage cell from tenths: 962 → 96.2.
pub fn pct(tenths: Option<i64>) -> Cell {
    Cell::Float(tenths.map(|t| t as f64 / 10.0))
}

/// A flag cell.
pub fn b(v: Option<bool>) -> Cell {
    Cell::Bool(v)
}
