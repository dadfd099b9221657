//! A table as columns with their documentation: what every writer (Parquet,
//! CSV, the workbook, the data package) and every reader (the diff, `show`)
//! takes.
//!
//! The column model is here ([`Kind`], [`Meta`], [`Table`]); a column's
//! typed values in `values`; the rows built from borrowed cells in
//! `builder`; each value written as the CSV holds it in `cursor`.

mod builder;
mod cursor;
mod values;

pub use builder::{b, d, i, oi, os, pct, s, Builder, Cell};
use cursor::csv_text;
pub use cursor::iso_of_days;
use cursor::Cursor;
pub use values::{Texts, Value, Values};

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
