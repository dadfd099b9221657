//! A table as columns with their documentation, turned into a polars
//! DataFrame and described in the data package from the same definition.
//!
//! The column model is here ([`Kind`], [`Meta`], [`Table`]); a column's
//! typed values in [`values`]; the rows built from borrowed cells in
//! [`builder`]; the polars frame in [`frame`]; each value written as the
//! CSV holds it in `cursor`; a table read back from its Parquet file in
//! `read`.

mod builder;
mod cursor;
pub mod frame;
mod read;
mod values;

pub use builder::{b, d, i, oi, os, pct, s, Builder, Cell};
use cursor::Cursor;
pub(crate) use cursor::{csv_text, iso_of_days};
pub use frame::EnumTypes;
pub use read::ReadError;
pub use values::{Texts, Values};

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
    /// A calendar date: Parquet DATE (days since 1970-01-01), ISO 8601
    /// `YYYY-MM-DD` in CSV. Its cells are dates ([`d`]).
    Date,
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
    /// The table whose key column of the same name this column refers to
    /// (a foreign key in the data package), where it does.
    pub references: Option<&'static str>,
}

impl Meta {
    /// The same column, referring to `table`'s key column of the same name.
    pub const fn refers_to(self, table: &'static str) -> Meta {
        Meta {
            references: Some(table),
            ..self
        }
    }
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
        references: None,
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
    /// Columns in order, each with one value per row.
    pub columns: Vec<(Meta, Values)>,
    /// Why a cell did not fit its column (the first such cell): the frame
    /// refuses the table with it, never writes a null in its place.
    pub refused: Option<String>,
}

impl Table {
    /// Appends the rows of `other`, a table of the same columns (the same
    /// table of a later edition).
    pub fn append(&mut self, other: Table) {
        for ((_, values), (_, more)) in self.columns.iter_mut().zip(other.columns) {
            values.append(more);
        }
        self.refused = self.refused.take().or(other.refused);
    }

    /// The table of `columns` (indices, in that order) and `rows` (indices,
    /// in that order) of this one: what `zaitaku show --columns --where`
    /// shows, written as this table would write it.
    pub fn select(&self, columns: &[usize], rows: &[usize]) -> Table {
        Table {
            name: self.name,
            description: self.description,
            key: self.key,
            columns: columns
                .iter()
                .filter_map(|&k| self.columns.get(k))
                .map(|(m, v)| (*m, v.take(rows)))
                .collect(),
            refused: self.refused.clone(),
        }
    }

    /// The same table without rows: what the data package describes.
    pub fn header(&self) -> Table {
        Table {
            name: self.name,
            description: self.description,
            key: self.key,
            columns: self
                .columns
                .iter()
                .map(|(m, _)| (*m, Values::of(m.kind)))
                .collect(),
            refused: None,
        }
    }

    /// The rows as CSV (no header), as polars writes them: RFC 4180
    /// quoting where a field holds a comma, a quote or a line end, `""` for
    /// an empty text, nothing for a null, floats in their shortest form with
    /// a decimal point (`100.0`, `-1.9`), `true`/`false`, `\n` line ends.
    /// Written from the columns, not through a frame. A table with a cell
    /// that did not fit its column is refused by the frame first.
    pub fn csv_rows(&self, out: &mut Vec<u8>) {
        let wrote: Result<(), std::convert::Infallible> = self.each_csv_row(out, |_, _, _| Ok(()));
        let Ok(()) = wrote;
    }

    /// Writes each row into `out` as [`csv_rows`](Self::csv_rows) does,
    /// handing it to `done` as soon as it is written: `out`, where the row
    /// starts in it, and each field's byte range in it (quotes included,
    /// separators not); `done` may take the row out again (to encode it).
    /// Stops at `done`'s first error.
    pub fn each_csv_row<E>(
        &self,
        out: &mut Vec<u8>,
        mut done: impl FnMut(&mut Vec<u8>, usize, &[(usize, usize)]) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut cursors: Vec<Cursor<'_>> =
            self.columns.iter().map(|(_, v)| Cursor::of(v)).collect();
        let mut digits = itoa::Buffer::new();
        let mut fields = Vec::with_capacity(cursors.len());
        for _ in 0..self.height() {
            fields.clear();
            let row = out.len();
            for (k, cursor) in cursors.iter_mut().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                let start = out.len();
                cursor.next().write(out, &mut digits, true);
                fields.push((start, out.len()));
            }
            out.push(b'\n');
            done(out, row, &fields)?;
        }
        Ok(())
    }

    /// The header row as CSV (each column's name quoted as any text field,
    /// by the one quoter, `csv_text`), with its line end, and each
    /// field's byte range.
    pub fn csv_header(&self) -> (Vec<u8>, Vec<(usize, usize)>) {
        let mut csv = Vec::new();
        let mut fields = Vec::with_capacity(self.columns.len());
        for (k, (m, _)) in self.columns.iter().enumerate() {
            if k > 0 {
                csv.push(b',');
            }
            let start = csv.len();
            csv_text(&mut csv, m.name);
            fields.push((start, csv.len()));
        }
        csv.push(b'\n');
        (csv, fields)
    }

    /// Every value as the CSV holds it unquoted, into one buffer: the text
    /// and each value's byte range in it, row after row (what a diff reads;
    /// one buffer, not a `String` per value).
    pub fn text_cells(&self) -> (String, Vec<(usize, usize)>) {
        let mut cursors: Vec<Cursor<'_>> =
            self.columns.iter().map(|(_, v)| Cursor::of(v)).collect();
        let mut digits = itoa::Buffer::new();
        let mut text: Vec<u8> = Vec::new();
        let mut cells = Vec::with_capacity(self.height() * cursors.len());
        for _ in 0..self.height() {
            for cursor in cursors.iter_mut() {
                let start = text.len();
                cursor.next().write(&mut text, &mut digits, false);
                cells.push((start, text.len()));
            }
        }
        // Every value is a `&str` or ASCII: the buffer is UTF-8.
        let text = String::from_utf8(text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        (text, cells)
    }

    /// Every row as texts, one per column, as the CSV holds them unquoted
    /// (an empty text for a null): for a person to read.
    pub fn texts(&self) -> Vec<Vec<String>> {
        let mut rows = vec![Vec::with_capacity(self.columns.len()); self.height()];
        for (_, values) in &self.columns {
            for (row, text) in rows.iter_mut().zip(values.texts()) {
                row.push(text);
            }
        }
        rows
    }

    /// Every row as a JSON object, its keys the columns' names (so a
    /// script reads the same names in JSON as in the table).
    pub fn json_rows(&self) -> Vec<serde_json::Value> {
        (0..self.height())
            .map(|k| {
                let row: serde_json::Map<String, serde_json::Value> = (self.columns.iter())
                    .map(|(m, v)| (m.name.to_string(), v.json(k)))
                    .collect();
                serde_json::Value::Object(row)
            })
            .collect()
    }

    /// Number of rows.
    pub fn height(&self) -> usize {
        self.columns.first().map_or(0, |(_, v)| v.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::*;
    use zaitaku_parse::model::Date;

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
    fn appended_tables_are_the_table_of_all_rows() {
        let build = |rows: &[(&str, Option<i32>)]| {
            Builder::<(&str, Option<i32>)>::default()
                .col(meta("text", Kind::Str, "t", "t", None), |r| {
                    os((!r.0.is_empty()).then_some(r.0))
                })
                .col(COL, |r| oi(r.1))
                .build("t", "d", &[], rows)
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
        let parts = Table::frame_of(
            &[&build(&rows[..1]), &build(&rows[1..])],
            &mut EnumTypes::default(),
        )
        .unwrap();
        assert!(parts.equals_missing(&all.frame().unwrap()));
    }

    #[test]
    fn a_date_column_is_a_parquet_date_and_iso_in_csv() {
        let date = meta("edition", Kind::Date, "時点", "d", None);
        let dates = ["2017-07-31", "2018-03-31"].map(|iso| Date::parse_iso(iso).unwrap());
        let t = Builder::<Date>::default()
            .col(date, |v| d(*v))
            .build("t", "d", &[], &dates);
        let df = t.frame().unwrap();
        assert_eq!(df.column("edition").unwrap().dtype(), &DataType::Date);
        let mut csv = Vec::new();
        t.csv_rows(&mut csv);
        assert_eq!(String::from_utf8(csv).unwrap(), "2017-07-31\n2018-03-31\n");
        // A text is not a date: the frame refuses it (no ISO read back).
        let refused =
            Builder::<&str>::default()
                .col(date, |v| s(*v))
                .build("t", "d", &[], &["2017-07-31"]);
        assert!(refused.frame().is_err());
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
