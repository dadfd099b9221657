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

/// A table: name, description, key, columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File stem: `program_summary`.
    pub name: &'static str,
    /// One row per …
    pub description: &'static str,
    /// Key columns (rows are sorted by them before they get here).
    pub key: &'static [&'static str],
    /// Columns in order, each with one cell per row.
    pub columns: Vec<(Meta, Vec<Cell>)>,
}

impl Table {
    /// Appends the rows of `other`, a table of the same columns (the same
    /// table of a later edition).
    pub fn append(&mut self, other: Table) {
        for ((_, cells), (_, more)) in self.columns.iter_mut().zip(other.columns) {
            cells.extend(more);
        }
    }

    /// The same table without rows: what the data package describes.
    pub fn header(&self) -> Table {
        Table {
            name: self.name,
            description: self.description,
            key: self.key,
            columns: self.columns.iter().map(|(m, _)| (*m, Vec::new())).collect(),
        }
    }

    /// The rows as CSV (no header), as polars writes them: RFC 4180
    /// quoting where a field holds a comma, a quote or a line end, `""` for
    /// an empty text, nothing for a null, floats in their shortest form with
    /// a decimal point (`100.0`, `-1.9`), `true`/`false`, `\n` line ends.
    /// Written from the cells, not through a frame. A cell that does not fit
    /// its column is written as printed (the frame refuses it first).
    pub fn csv_rows(&self, out: &mut Vec<u8>) {
        use std::io::Write;
        for row in 0..self.height() {
            for (k, (_, cells)) in self.columns.iter().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                match cells.get(row) {
                    Some(Cell::Str(Some(v))) => csv_text(out, v),
                    Some(Cell::Int(Some(v))) => {
                        let _ = write!(out, "{v}");
                    }
                    Some(Cell::Float(Some(v))) => {
                        let _ = write!(out, "{v:?}");
                    }
                    Some(Cell::Bool(Some(v))) => {
                        out.extend_from_slice(if *v { b"true" } else { b"false" })
                    }
                    Some(Cell::Unfit(v)) => csv_text(out, v),
                    _ => {}
                }
            }
            out.push(b'\n');
        }
    }

    /// Number of rows.
    pub fn height(&self) -> usize {
        self.columns.first().map_or(0, |(_, cells)| cells.len())
    }

    /// The DataFrame, with Enum columns cast strictly (an unknown value is an
    /// error, not a null), and a cell of another kind than its column an error too.
    pub fn frame(&self) -> PolarsResult<DataFrame> {
        Table::frame_of(&[self])
    }

    /// The DataFrame of `parts`, the same table of several editions, their
    /// rows one after another (as [`frame`](Self::frame) of the parts
    /// appended, without appending them).
    pub fn frame_of(parts: &[&Table]) -> PolarsResult<DataFrame> {
        let Some(first) = parts.first() else {
            return Ok(DataFrame::empty());
        };
        let mut cols = Vec::with_capacity(first.columns.len());
        for (k, (m, _)) in first.columns.iter().enumerate() {
            let cells = || {
                parts.iter().flat_map(move |t| {
                    t.columns
                        .get(k)
                        .map(|(_, c)| c.iter())
                        .into_iter()
                        .flatten()
                })
            };
            let name: PlSmallStr = m.name.into();
            let mismatch = || polars_err!(SchemaMismatch: "column {} of {}: a cell does not fit its kind", m.name, first.name);
            let series = match m.kind {
                Kind::Str | Kind::Enum(_) => {
                    let v = cells().map(|c| match c {
                        Cell::Str(v) => Ok(v.as_deref()),
                        _ => Err(mismatch()),
                    });
                    Series::new(name, v.collect::<PolarsResult<Vec<_>>>()?)
                }
                Kind::Int => {
                    let v = cells().map(|c| match c {
                        Cell::Int(v) => Ok(*v),
                        Cell::Unfit(value) => Err(polars_err!(ComputeError: "column {} of {}: {value} does not fit a 32-bit integer", m.name, first.name)),
                        _ => Err(mismatch()),
                    });
                    Series::new(name, v.collect::<PolarsResult<Vec<_>>>()?)
                }
                Kind::Float => {
                    let v = cells().map(|c| match c {
                        Cell::Float(v) => Ok(*v),
                        _ => Err(mismatch()),
                    });
                    Series::new(name, v.collect::<PolarsResult<Vec<_>>>()?)
                }
                Kind::Bool => {
                    let v = cells().map(|c| match c {
                        Cell::Bool(v) => Ok(*v),
                        _ => Err(mismatch()),
                    });
                    Series::new(name, v.collect::<PolarsResult<Vec<_>>>()?)
                }
            };
            let series = match m.kind {
                Kind::Enum(cats) => series.strict_cast(&enum_type(cats)?)?,
                _ => series,
            };
            cols.push(series.into_column());
        }
        DataFrame::new_infer_height(cols)
    }
}

/// The polars Enum type of a vocabulary, made once per vocabulary: every
/// frame of a table then has the same type, whichever edition it holds.
fn enum_type(cats: &'static [&'static str]) -> PolarsResult<DataType> {
    type Made = Vec<(usize, DataType)>;
    static MADE: std::sync::Mutex<Made> = std::sync::Mutex::new(Vec::new());
    let key = cats.as_ptr() as usize;
    let mut made = MADE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, t)) = made.iter().find(|(k, _)| *k == key) {
        return Ok(t.clone());
    }
    let t = DataType::from_frozen_categories(FrozenCategories::new(cats.iter().copied())?);
    made.push((key, t.clone()));
    Ok(t)
}

/// A text field of a CSV row (see [`Table::csv_rows`]).
fn csv_text(out: &mut Vec<u8>, v: &str) {
    if v.is_empty() {
        out.extend_from_slice(b"\"\"");
    } else if v.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        for b in v.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(v.as_bytes());
    }
}

/// Reads one cell out of a row.
type Getter<R> = Box<dyn Fn(&R) -> Cell>;

/// Builds the columns of a table row by row.
pub struct Builder<R> {
    columns: Vec<(Meta, Getter<R>)>,
}

/// One cell, as a row getter returns it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text or Enum.
    Str(Option<String>),
    /// Integer.
    Int(Option<i32>),
    /// A number that does not fit its column (an error when the frame is
    /// built, never a null): the value, printed.
    Unfit(String),
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
            .map(|(m, get)| (m, rows.iter().map(&get).collect()))
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

/// An integer cell; a value beyond the 32-bit column is [`Cell::Unfit`].
pub fn i<T: TryInto<i32> + Copy + std::fmt::Display>(v: T) -> Cell {
    v.try_into()
        .map_or_else(|_| Cell::Unfit(v.to_string()), |v| Cell::Int(Some(v)))
}

/// An optional integer cell (see [`i`]).
pub fn oi<T: TryInto<i32> + Copy + std::fmt::Display>(v: Option<T>) -> Cell {
    v.map_or(Cell::Int(None), i)
}

/// A percentage cell from tenths: 962 → 96.2.
pub fn pct(tenths: Option<i64>) -> Cell {
    Cell::Float(tenths.map(|t| t as f64 / 10.0))
}

/// A flag cell.
pub fn b(v: Option<bool>) -> Cell {
    Cell::Bool(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COL: Meta = meta("count", Kind::Int, "数", "a count", None);
    const ITEM: Meta = meta("item", Kind::Enum(&["ア", "イ"]), "項目", "an item", None);

    #[test]
    fn csv_rows_are_what_polars_writes() {
        // Texts needing quotes, an empty text, nulls, floats with and
        // without a fraction, negative ones, flags and an Enum.
        let texts = [
            "plain",
            "a, b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "",
            "在宅・療養",
            "x",
        ];
        let rows: Vec<usize> = (0..texts.len()).collect();
        let t = Builder::<usize>::default()
            .col(meta("text", Kind::Str, "t", "t", None), move |&k| {
                if k == 7 {
                    os(None::<String>)
                } else {
                    s(texts[k])
                }
            })
            .col(COL, |&k| {
                if k % 3 == 0 {
                    oi(None::<i32>)
                } else {
                    i(k as i32 - 4)
                }
            })
            .col(meta("pct", Kind::Float, "p", "p", None), |&k| {
                let v = [100.0, 96.2, -1.9, 0.0, 62.3, 7.5, 0.1, 18.9][k];
                if k == 5 {
                    Cell::Float(None)
                } else {
                    Cell::Float(Some(v))
                }
            })
            .col(meta("flag", Kind::Bool, "f", "f", None), |&k| {
                b((k != 2).then_some(k % 2 == 0))
            })
            .col(ITEM, |&k| s(if k % 2 == 0 { "ア" } else { "イ" }))
            .build("t", "d", &[], &rows);
        let mut ours = Vec::new();
        t.csv_rows(&mut ours);
        let mut polars = Vec::new();
        CsvWriter::new(&mut polars)
            .include_header(false)
            .with_line_terminator("\n".into())
            .finish(&mut t.frame().unwrap())
            .unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(polars).unwrap()
        );
    }

    #[test]
    fn a_cell_of_another_kind_is_an_error_not_a_null() {
        let t = Builder::<i32>::default()
            .col(COL, |_| s("3"))
            .build("t", "d", &[], &[1]);
        assert!(t.frame().is_err());
    }

    #[test]
    fn an_enum_value_outside_the_vocabulary_is_an_error() {
        let t = Builder::<&str>::default()
            .col(ITEM, |v| s(*v))
            .build("t", "d", &[], &["ア", "ケ"]);
        assert!(t.frame().is_err());
        let ok =
            Builder::<&str>::default()
                .col(ITEM, |v| s(*v))
                .build("t", "d", &[], &["ア", "イ"]);
        assert_eq!(ok.frame().unwrap().height(), 2);
    }

    #[test]
    fn a_number_beyond_the_column_is_an_error_not_a_null() {
        let t =
            Builder::<u32>::default()
                .col(COL, |v| i(*v))
                .build("t", "d", &[], &[3_000_000_000]);
        let e = t.frame().unwrap_err().to_string();
        assert!(e.contains("3000000000 does not fit"), "{e}");
        let none = Builder::<Option<u32>>::default()
            .col(COL, |v| oi(*v))
            .build("t", "d", &[], &[None]);
        assert_eq!(
            none.frame().unwrap().column("count").unwrap().null_count(),
            1
        );
    }

    #[test]
    fn typed_cells_give_typed_columns() {
        let t = Builder::<i32>::default()
            .col(COL, |v| i(*v))
            .build("t", "d", &[], &[1, 2]);
        let df = t.frame().unwrap();
        assert_eq!(df.column("count").unwrap().dtype(), &DataType::Int32);
        assert_eq!(t.height(), 2);
    }
}
