//! A table's polars DataFrame, straight from its typed values (Enum
//! columns strict: a value outside the vocabulary is an error, never a null).

use super::{Kind, Table, Values};
use polars::prelude::*;

impl Table {
    /// The DataFrame, with Enum columns cast strictly (an unknown value is an
    /// error, not a null), and a cell of another kind than its column an error too.
    pub fn frame(&self) -> PolarsResult<DataFrame> {
        Table::frame_of(&[self], &mut EnumTypes::default())
    }

    /// The DataFrame of `parts`, the same table of several editions, their
    /// rows one after another (as [`frame`](Self::frame) of the parts
    /// appended, without appending them).
    /// Its Enum columns take their types from `types`, so that every frame
    /// of a table written in parts has the same ones.
    pub fn frame_of(parts: &[&Table], types: &mut EnumTypes) -> PolarsResult<DataFrame> {
        let Some(first) = parts.first() else {
            return Ok(DataFrame::empty());
        };
        if let Some(why) = parts.iter().find_map(|t| t.refused.as_ref()) {
            polars_bail!(SchemaMismatch: "{why}");
        }
        let mut cols = Vec::with_capacity(first.columns.len());
        for (k, (m, _)) in first.columns.iter().enumerate() {
            let values = || {
                parts
                    .iter()
                    .filter_map(move |t| t.columns.get(k))
                    .map(|(_, v)| v)
            };
            let height: usize = values().map(Values::len).sum();
            let name: PlSmallStr = m.name.into();
            let series = match m.kind {
                Kind::Str => {
                    let mut all: Vec<Option<&str>> = Vec::with_capacity(height);
                    for v in values() {
                        if let Values::Str(t) = v {
                            all.extend(t.iter());
                        }
                    }
                    Series::new(name, all)
                }
                Kind::Enum(cats) => {
                    // Straight from the values to the Enum, without a
                    // column of texts cast to it.
                    let codes = gather(values(), height, |v| match v {
                        Values::Enum(_, v) => Some(v),
                        _ => None,
                    });
                    let texts = codes
                        .iter()
                        .map(|c| c.and_then(|c| cats.get(c as usize).copied()));
                    let dtype = types.of(cats)?;
                    let series = match dtype.cat_physical()? {
                        CategoricalPhysical::U8 => {
                            CategoricalChunked::<Categorical8Type>::from_str_iter(
                                name, dtype, texts,
                            )?
                            .into_series()
                        }
                        CategoricalPhysical::U16 => {
                            CategoricalChunked::<Categorical16Type>::from_str_iter(
                                name, dtype, texts,
                            )?
                            .into_series()
                        }
                        CategoricalPhysical::U32 => {
                            CategoricalChunked::<Categorical32Type>::from_str_iter(
                                name, dtype, texts,
                            )?
                            .into_series()
                        }
                    };
                    // Every place is in the vocabulary: a null is a null.
                    let nulls = codes.iter().filter(|c| c.is_none()).count();
                    if series.null_count() != nulls {
                        polars_bail!(ComputeError: "column {} of {}: a value outside its vocabulary", m.name, first.name);
                    }
                    series
                }
                Kind::Int => Series::new(
                    name,
                    gather(values(), height, |v| match v {
                        Values::Int(v) => Some(v),
                        _ => None,
                    }),
                ),
                Kind::Float => Series::new(
                    name,
                    gather(values(), height, |v| match v {
                        Values::Float(v) => Some(v),
                        _ => None,
                    }),
                ),
                Kind::Bool => Series::new(
                    name,
                    gather(values(), height, |v| match v {
                        Values::Bool(v) => Some(v),
                        _ => None,
                    }),
                ),
                // Days as Int32, made a Date without a cast: polars casts an
                // all-null column (an empty table's) through an 8 MB zeroed
                // buffer it keeps for the process (8 MB of RSS).
                Kind::Date => Int32Chunked::from_slice_options(
                    name,
                    &gather(values(), height, |v| match v {
                        Values::Date(v) => Some(v),
                        _ => None,
                    }),
                )
                .into_date()
                .into_series(),
            };
            cols.push(series.into_column());
        }
        DataFrame::new_infer_height(cols)
    }
}

/// One column's values of several parts, one after another.
fn gather<'v, T: Copy + 'v>(
    parts: impl Iterator<Item = &'v Values>,
    height: usize,
    of: impl Fn(&'v Values) -> Option<&'v Vec<Option<T>>>,
) -> Vec<Option<T>> {
    let mut all = Vec::with_capacity(height);
    for v in parts.filter_map(of) {
        all.extend_from_slice(v);
    }
    all
}

/// The polars Enum type of each vocabulary met, made once: every frame of
/// a table written in parts (a [`TableSink`](crate::stream::TableSink)
/// keeps one per table) then has the same types, whichever edition it holds.
#[derive(Debug, Default)]
pub struct EnumTypes {
    made: Vec<(&'static [&'static str], DataType)>,
}

impl EnumTypes {
    /// The Enum type of the vocabulary `cats`.
    fn of(&mut self, cats: &'static [&'static str]) -> PolarsResult<DataType> {
        if let Some((_, t)) = self.made.iter().find(|(c, _)| *c == cats) {
            return Ok(t.clone());
        }
        let t = DataType::from_frozen_categories(FrozenCategories::new(cats.iter().copied())?);
        self.made.push((cats, t.clone()));
        Ok(t)
    }
}
