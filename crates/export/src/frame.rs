//! A table's polars DataFrame, straight from its typed values (Enum
//! columns strict: a value outside the vocabulary is an error, never a null).

use polars::prelude::*;
use zaitaku_table::{Kind, Table, Values};

/// The DataFrame of `table`, with Enum columns cast strictly (an unknown
/// value is an error, not a null), and a cell of another kind than its
/// column an error too.
pub fn frame(table: &Table) -> PolarsResult<DataFrame> {
    frame_of(&[table], &mut EnumTypes::default())
}

/// The DataFrame of `parts`, the same table of several editions, their
/// rows one after another (as [`frame`] of the parts appended, without
/// appending them). Its Enum columns take their types from `types`, so
/// that every frame of a table written in parts has the same ones.
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
                        CategoricalChunked::<Categorical8Type>::from_str_iter(name, dtype, texts)?
                            .into_series()
                    }
                    CategoricalPhysical::U16 => {
                        CategoricalChunked::<Categorical16Type>::from_str_iter(name, dtype, texts)?
                            .into_series()
                    }
                    CategoricalPhysical::U32 => {
                        CategoricalChunked::<Categorical32Type>::from_str_iter(name, dtype, texts)?
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

#[cfg(test)]
mod tests {
    //! The frame and the table's own CSV agree; a cell that does not fit its
    //! column is an error, never a null.
    use super::*;
    use zaitaku_parse::model::Date;
    use zaitaku_table::{b, d, i, meta, oi, os, s, Builder, Cell, Meta};

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
            .build("t", &[], &rows);
        let mut ours = Vec::new();
        t.csv_rows(&mut ours);
        let mut polars = Vec::new();
        CsvWriter::new(&mut polars)
            .include_header(false)
            .with_line_terminator("\n".into())
            .finish(&mut frame(&t).unwrap())
            .unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            String::from_utf8(polars).unwrap()
        );
    }

    #[test]
    fn appended_tables_are_the_table_of_all_rows() {
        let build = |rows: &[(&str, Option<i32>)]| {
            Builder::<(&str, Option<i32>)>::default()
                .col(meta("text", Kind::Str, "t", "t", None), |r| {
                    os((!r.0.is_empty()).then_some(r.0))
                })
                .col(COL, |r| oi(r.1))
                .build("t", &[], rows)
        };
        let rows = [
            ("a, b", Some(1)),
            ("", None),
            ("ア", Some(3)),
            ("x\"y", Some(-4)),
        ];
        let mut appended = build(&rows[..2]);
        appended.append(build(&rows[2..]));
        let all = build(&rows);
        assert_eq!(appended, all);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        appended.csv_rows(&mut a);
        all.csv_rows(&mut b);
        assert_eq!(
            String::from_utf8(a).unwrap(),
            ",1\n,\nア,3\n\"x\"\"y\",-4\n".replacen(",1", "\"a, b\",1", 1)
        );
        let parts = frame_of(
            &[&build(&rows[..1]), &build(&rows[1..])],
            &mut EnumTypes::default(),
        )
        .unwrap();
        assert!(parts.equals_missing(&frame(&all).unwrap()));
    }

    #[test]
    fn a_date_column_is_a_parquet_date_and_iso_in_csv() {
        let date = meta("edition", Kind::Date, "時点", "d", None);
        let dates = ["2017-07-31", "2018-03-31"].map(|iso| Date::parse_iso(iso).unwrap());
        let t = Builder::<Date>::default()
            .col(date, |v| d(*v))
            .build("t", &[], &dates);
        let df = frame(&t).unwrap();
        assert_eq!(df.column("edition").unwrap().dtype(), &DataType::Date);
        let mut csv = Vec::new();
        t.csv_rows(&mut csv);
        assert_eq!(String::from_utf8(csv).unwrap(), "2017-07-31\n2018-03-31\n");
        // A text is not a date: the frame refuses it (no ISO read back).
        let refused =
            Builder::<&str>::default()
                .col(date, |v| s(*v))
                .build("t", &[], &["2017-07-31"]);
        assert!(frame(&refused).is_err());
    }

    #[test]
    fn a_cell_of_another_kind_is_an_error_not_a_null() {
        let t = Builder::<i32>::default()
            .col(COL, |_| s("3"))
            .build("t", &[], &[1]);
        assert!(frame(&t).is_err());
    }

    #[test]
    fn an_enum_value_outside_the_vocabulary_is_an_error() {
        let t = Builder::<&str>::default()
            .col(ITEM, |v| s(*v))
            .build("t", &[], &["ア", "ケ"]);
        assert!(frame(&t).is_err());
        let ok = Builder::<&str>::default()
            .col(ITEM, |v| s(*v))
            .build("t", &[], &["ア", "イ"]);
        assert_eq!(frame(&ok).unwrap().height(), 2);
    }

    #[test]
    fn a_number_beyond_the_column_is_an_error_not_a_null() {
        let t = Builder::<u32>::default()
            .col(COL, |v| i(*v))
            .build("t", &[], &[3_000_000_000]);
        let e = frame(&t).unwrap_err().to_string();
        assert!(e.contains("3000000000 does not fit"), "{e}");
        let none = Builder::<Option<u32>>::default()
            .col(COL, |v| oi(*v))
            .build("t", &[], &[None]);
        assert_eq!(
            frame(&none).unwrap().column("count").unwrap().null_count(),
            1
        );
    }

    #[test]
    fn typed_cells_give_typed_columns() {
        let t = Builder::<i32>::default()
            .col(COL, |v| i(*v))
            .build("t", &[], &[1, 2]);
        let df = frame(&t).unwrap();
        assert_eq!(df.column("count").unwrap().dtype(), &DataType::Int32);
        assert_eq!(t.height(), 2);
    }
}
