//! A table as columns with their documentation, turned into a polars
//! DataFrame and described in the data package from the same definition.

use polars::prelude::*;
use std::borrow::Cow;

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
    /// `YYYY-MM-DD` in CSV. Its cells are given as ISO 8601 text.
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

/// The values of one column, typed as written: texts in one buffer, numbers
/// and flags in vectors, `None` for a null.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    /// Texts.
    Str(Texts),
    /// Enum values, as their places in the vocabulary.
    Enum(&'static [&'static str], Vec<Option<u32>>),
    /// Integers.
    Int(Vec<Option<i32>>),
    /// Floats.
    Float(Vec<Option<f64>>),
    /// Flags.
    Bool(Vec<Option<bool>>),
    /// Dates, as days since 1970-01-01.
    Date(Vec<Option<i32>>),
}

/// Bytes reserved per text of a column being built (the seed's texts
/// average 16 bytes; its longest, page 2's question texts, 156).
const TEXT_BYTES: usize = 32;

/// A column of texts: every text in one buffer, each row its byte range or
/// null (no allocation per cell).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Texts {
    buf: String,
    rows: Vec<Option<std::ops::Range<usize>>>,
}

impl Texts {
    fn push(&mut self, v: Option<&str>) {
        self.rows.push(v.map(|v| {
            let start = self.buf.len();
            self.buf.push_str(v);
            start..self.buf.len()
        }));
    }

    /// Each row's text, or `None` for a null.
    pub fn iter(&self) -> impl Iterator<Item = Option<&str>> + '_ {
        self.rows
            .iter()
            .map(|r| r.as_ref().and_then(|r| self.buf.get(r.clone())))
    }

    fn append(&mut self, other: Texts) {
        let shift = self.buf.len();
        self.buf.push_str(&other.buf);
        self.rows.extend(
            other
                .rows
                .into_iter()
                .map(|r| r.map(|r| r.start + shift..r.end + shift)),
        );
    }
}

impl Values {
    /// An empty column of `kind`.
    fn of(kind: Kind) -> Values {
        Values::with_capacity(kind, 0)
    }

    /// An empty column of `kind` with room for `rows` rows (and texts of
    /// a few dozen bytes each): a column grows without moving.
    fn with_capacity(kind: Kind, rows: usize) -> Values {
        match kind {
            Kind::Str => Values::Str(Texts {
                buf: String::with_capacity(rows.saturating_mul(TEXT_BYTES)),
                rows: Vec::with_capacity(rows),
            }),
            Kind::Enum(cats) => Values::Enum(cats, Vec::with_capacity(rows)),
            Kind::Int => Values::Int(Vec::with_capacity(rows)),
            Kind::Float => Values::Float(Vec::with_capacity(rows)),
            Kind::Bool => Values::Bool(Vec::with_capacity(rows)),
            Kind::Date => Values::Date(Vec::with_capacity(rows)),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            Values::Str(t) => t.rows.len(),
            Values::Enum(_, v) => v.len(),
            Values::Int(v) => v.len(),
            Values::Float(v) => v.len(),
            Values::Bool(v) => v.len(),
            Values::Date(v) => v.len(),
        }
    }

    /// Each row's value as text (see [`Table::texts`]), written as the CSV
    /// writes it, unquoted.
    fn texts(&self) -> Vec<String> {
        let mut cursor = Cursor::of(self);
        let mut digits = itoa::Buffer::new();
        let mut text = Vec::new();
        (0..self.len())
            .map(|_| {
                text.clear();
                cursor.next().write(&mut text, &mut digits, false);
                String::from_utf8_lossy(&text).into_owned()
            })
            .collect()
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds `cell`; a cell of another kind than the column, or a number
    /// beyond it, adds a null and says why.
    fn push(&mut self, cell: Cell<'_>) -> Result<(), &'static str> {
        match (self, cell) {
            (Values::Str(t), Cell::Str(v)) => t.push(v.as_deref()),
            (Values::Enum(cats, v), Cell::Str(x)) => match x {
                None => v.push(None),
                Some(x) => match cats.iter().position(|c| *c == x) {
                    Some(k) => v.push(Some(k as u32)),
                    None => {
                        v.push(None);
                        return Err("a value outside its vocabulary");
                    }
                },
            },
            (Values::Int(v), Cell::Int(x)) => v.push(x),
            (Values::Float(v), Cell::Float(x)) => v.push(x),
            (Values::Bool(v), Cell::Bool(x)) => v.push(x),
            (Values::Date(v), Cell::Str(x)) => match x {
                None => v.push(None),
                Some(x) => match days_of_iso(&x) {
                    Some(days) => v.push(Some(days)),
                    None => {
                        v.push(None);
                        return Err("not an ISO 8601 date (YYYY-MM-DD)");
                    }
                },
            },
            (Values::Int(v), Cell::Unfit(_)) => {
                v.push(None);
                return Err("does not fit a 32-bit integer");
            }
            (column, _) => {
                column.push_null();
                return Err("a cell does not fit its kind");
            }
        }
        Ok(())
    }

    fn push_null(&mut self) {
        match self {
            Values::Str(t) => t.push(None),
            Values::Enum(_, v) => v.push(None),
            Values::Int(v) => v.push(None),
            Values::Float(v) => v.push(None),
            Values::Bool(v) => v.push(None),
            Values::Date(v) => v.push(None),
        }
    }

    fn append(&mut self, other: Values) {
        match (self, other) {
            (Values::Str(a), Values::Str(b)) => a.append(b),
            (Values::Enum(_, a), Values::Enum(_, b)) => a.extend(b),
            (Values::Int(a), Values::Int(b)) => a.extend(b),
            (Values::Float(a), Values::Float(b)) => a.extend(b),
            (Values::Bool(a), Values::Bool(b)) => a.extend(b),
            (Values::Date(a), Values::Date(b)) => a.extend(b),
            // Columns of one kind always: `Values::of` made both.
            _ => {}
        }
    }
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
        let mut cursors: Vec<Cursor<'_>> =
            self.columns.iter().map(|(_, v)| Cursor::of(v)).collect();
        let mut digits = itoa::Buffer::new();
        for _ in 0..self.height() {
            for (k, cursor) in cursors.iter_mut().enumerate() {
                if k > 0 {
                    out.push(b',');
                }
                cursor.next().write(out, &mut digits, true);
            }
            out.push(b'\n');
        }
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

    /// Number of rows.
    pub fn height(&self) -> usize {
        self.columns.first().map_or(0, |(_, v)| v.len())
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
                    let dtype = enum_type(cats)?;
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

/// Where a reader of a column's values (the CSV writer, [`Table::texts`]) is.
enum Cursor<'t> {
    Str(
        &'t str,
        std::slice::Iter<'t, Option<std::ops::Range<usize>>>,
    ),
    Enum(&'static [&'static str], std::slice::Iter<'t, Option<u32>>),
    Int(std::slice::Iter<'t, Option<i32>>),
    Float(std::slice::Iter<'t, Option<f64>>),
    Bool(std::slice::Iter<'t, Option<bool>>),
    Date(std::slice::Iter<'t, Option<i32>>),
}

/// One value of a column, to be written.
enum Field<'t> {
    Null,
    Text(&'t str),
    Int(i32),
    Float(f64),
    Bool(bool),
    Date(i32),
}

impl<'t> Cursor<'t> {
    /// A reader of `values` from the first row.
    fn of(values: &'t Values) -> Cursor<'t> {
        match values {
            Values::Str(t) => Cursor::Str(&t.buf, t.rows.iter()),
            Values::Enum(cats, v) => Cursor::Enum(cats, v.iter()),
            Values::Int(v) => Cursor::Int(v.iter()),
            Values::Float(v) => Cursor::Float(v.iter()),
            Values::Bool(v) => Cursor::Bool(v.iter()),
            Values::Date(v) => Cursor::Date(v.iter()),
        }
    }

    /// The next row's value (a null past the last row).
    fn next(&mut self) -> Field<'t> {
        let field = match self {
            Cursor::Str(buf, it) => it.next().and_then(|r| buf.get(r.clone()?)).map(Field::Text),
            Cursor::Enum(cats, it) => it
                .next()
                .and_then(|c| cats.get((*c)? as usize))
                .map(|c| Field::Text(c)),
            Cursor::Int(it) => it.next().copied().flatten().map(Field::Int),
            Cursor::Float(it) => it.next().copied().flatten().map(Field::Float),
            Cursor::Bool(it) => it.next().copied().flatten().map(Field::Bool),
            Cursor::Date(it) => it.next().copied().flatten().map(Field::Date),
        };
        field.unwrap_or(Field::Null)
    }
}

impl Field<'_> {
    /// Writes the value as the CSV holds it: nothing for a null, integers
    /// in decimal, floats in their shortest form with a decimal point,
    /// `true`/`false`, dates as ISO 8601; a text RFC 4180-quoted where
    /// `quoted` (in a CSV row) or as it is.
    fn write(self, out: &mut Vec<u8>, digits: &mut itoa::Buffer, quoted: bool) {
        use std::io::Write;
        match self {
            Field::Null => {}
            Field::Text(v) if quoted => csv_text(out, v),
            Field::Text(v) => out.extend_from_slice(v.as_bytes()),
            Field::Int(v) => out.extend_from_slice(digits.format(v).as_bytes()),
            Field::Float(v) => {
                let _ = write!(out, "{v:?}");
            }
            Field::Bool(v) => out.extend_from_slice(if v { b"true" } else { b"false" }),
            Field::Date(days) => iso_of_days(out, days),
        }
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

/// Days since 1970-01-01 of an ISO 8601 calendar date `YYYY-MM-DD` (a
/// four-digit year, a real month and day); `None` for anything else. The
/// one date algorithm is the parse crate's ([`Date`](zaitaku_parse::model::Date)).
pub fn days_of_iso(iso: &str) -> Option<i32> {
    zaitaku_parse::model::Date::parse_iso(iso).map(|d| d.days_since_epoch())
}

/// Writes the ISO 8601 date of `days` since 1970-01-01 (the inverse of
/// [`days_of_iso`]).
pub(crate) fn iso_of_days(out: &mut Vec<u8>, days: i32) {
    use std::io::Write;
    // Written in place, as `Date::iso` writes it (no String per cell).
    let d = zaitaku_parse::model::Date::from_days(days);
    let _ = write!(out, "{:04}-{:02}-{:02}", d.year, d.month, d.day);
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

    /// The table of `rows`.
    pub fn build(
        self,
        name: &'static str,
        description: &'static str,
        key: &'static [&'static str],
        rows: &[R],
    ) -> Table {
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
        let parts = Table::frame_of(&[&build(&rows[..1]), &build(&rows[1..])]).unwrap();
        assert!(parts.equals_missing(&all.frame().unwrap()));
    }

    #[test]
    fn dates_are_days_since_1970_and_read_back_as_iso() {
        // Days computed independently (Python's datetime.date arithmetic).
        let cases = [
            ("1970-01-01", 0),
            ("2017-07-31", 17_378),
            ("2000-02-29", 11_016),
            ("1969-12-31", -1),
            ("1900-03-01", -25_508),
            ("2100-12-31", 47_846),
        ];
        for (iso, days) in cases {
            assert_eq!(days_of_iso(iso), Some(days), "{iso}");
            let mut back = Vec::new();
            iso_of_days(&mut back, days);
            assert_eq!(String::from_utf8(back).unwrap(), iso);
        }
        let bad = [
            "2017-02-29",
            "1900-02-29",
            "2017-13-01",
            "2017-00-10",
            "2017-07-00",
            "2017-7-31",
            "17-07-31",
            "2017/07/31",
            "",
            "２０１７-07-31",
            "2017-07-3a",
        ];
        for iso in bad {
            assert_eq!(days_of_iso(iso), None, "{iso}");
        }
        let date = meta("edition", Kind::Date, "時点", "d", None);
        let t = Builder::<&str>::default().col(date, |v| s(*v)).build(
            "t",
            "d",
            &[],
            &["2017-07-31", "2018-03-31"],
        );
        let df = t.frame().unwrap();
        assert_eq!(df.column("edition").unwrap().dtype(), &DataType::Date);
        let mut csv = Vec::new();
        t.csv_rows(&mut csv);
        assert_eq!(String::from_utf8(csv).unwrap(), "2017-07-31\n2018-03-31\n");
        let refused =
            Builder::<&str>::default()
                .col(date, |v| s(*v))
                .build("t", "d", &[], &["2017-07-32"]);
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
