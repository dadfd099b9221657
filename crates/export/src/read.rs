//! A table read back from the Parquet file a build wrote (`zaitaku show
//! TABLE DIR`, the workbook): the inverse of [`frame`](crate::frame). Every column is
//! checked against the table's definition — its name and place, its type,
//! an Enum's vocabulary — so a file of another layout is an error naming
//! the column, never a table shown with values in the wrong place.

use polars::prelude::*;
use std::path::Path;
use zaitaku_table::{Kind, Table, Texts, Values};

/// Why a file cannot be read back as its table.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file cannot be opened or read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// polars cannot read it as Parquet.
    #[error("not a Parquet file polars can read: {0}")]
    Polars(#[from] PolarsError),
    /// Its columns are not the table's, in the table's order.
    #[error(
        "expected the columns {expected}; found {found} (written by another version of zaitaku?)"
    )]
    Columns {
        /// The table's columns.
        expected: String,
        /// The file's.
        found: String,
    },
    /// A column of another type than the table's.
    #[error("column {column}: expected {expected}, found {found}")]
    Type {
        /// The column.
        column: &'static str,
        /// What the table holds there.
        expected: &'static str,
        /// The file's type, as polars names it.
        found: String,
    },
    /// An Enum column holding a value outside its vocabulary.
    #[error("column {column}, row {row}: «{value}» is not one of {vocabulary}")]
    Vocabulary {
        /// The column.
        column: &'static str,
        /// The row, from 1.
        row: usize,
        /// The value.
        value: String,
        /// The column's values.
        vocabulary: String,
    },
}

/// The table `header` describes (see [`Table::header`]), with the rows
/// of the Parquet file at `path`.
pub fn read_parquet(header: &Table, path: &Path) -> Result<Table, ReadError> {
    let file = std::fs::File::open(path)?;
    let frame = ParquetReader::new(file).finish()?;
    from_frame(header, &frame)
}

/// The table `header` describes, with the rows of `frame`: its columns
/// must be the table's, in order, each of the table's type.
pub fn from_frame(header: &Table, frame: &DataFrame) -> Result<Table, ReadError> {
    let names: Vec<&str> = frame
        .get_column_names()
        .iter()
        .map(|n| n.as_str())
        .collect();
    let expected: Vec<&str> = header.columns.iter().map(|(m, _)| m.name).collect();
    if names != expected {
        return Err(ReadError::Columns {
            expected: expected.join(", "),
            found: names.join(", "),
        });
    }
    let mut columns = Vec::with_capacity(header.columns.len());
    for ((meta, _), column) in header.columns.iter().zip(frame.columns()) {
        let series = column.as_materialized_series();
        columns.push((*meta, values(meta.name, meta.kind, series)?));
    }
    Ok(Table {
        name: header.name,
        description: header.description,
        key: header.key,
        columns,
        refused: None,
    })
}

/// The values of `series`, a column `name` of `kind`.
fn values(name: &'static str, kind: Kind, series: &Series) -> Result<Values, ReadError> {
    let dtype = series.dtype();
    let wrong = |expected| ReadError::Type {
        column: name,
        expected,
        found: dtype.to_string(),
    };
    Ok(match kind {
        Kind::Str => {
            let texts = series.str().map_err(|_| wrong("text (String)"))?;
            Values::Str(texts.iter().collect::<Texts>())
        }
        Kind::Enum(cats) => {
            if !matches!(dtype, DataType::Enum(..) | DataType::Categorical(..)) {
                return Err(wrong("a vocabulary (Enum)"));
            }
            let texts = series.cast(&DataType::String)?;
            let mut places = Vec::with_capacity(series.len());
            for (k, t) in texts.str()?.iter().enumerate() {
                places.push(match t {
                    None => None,
                    Some(t) => Some(
                        cats.iter()
                            .position(|c| *c == t)
                            .and_then(|p| u32::try_from(p).ok())
                            .ok_or_else(|| ReadError::Vocabulary {
                                column: name,
                                row: k + 1,
                                value: t.to_string(),
                                vocabulary: cats.join(", "),
                            })?,
                    ),
                });
            }
            Values::Enum(cats, places)
        }
        Kind::Int => Values::Int(
            series
                .i32()
                .map_err(|_| wrong("an integer (Int32)"))?
                .iter()
                .collect(),
        ),
        Kind::Float => Values::Float(
            series
                .f64()
                .map_err(|_| wrong("a number (Float64)"))?
                .iter()
                .collect(),
        ),
        Kind::Bool => Values::Bool(
            series
                .bool()
                .map_err(|_| wrong("a flag (Boolean)"))?
                .iter()
                .collect(),
        ),
        Kind::Date => {
            if dtype != &DataType::Date {
                return Err(wrong("a date (Date)"));
            }
            Values::Date(series.cast(&DataType::Int32)?.i32()?.iter().collect())
        }
    })
}
