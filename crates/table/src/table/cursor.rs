//! Each value of a column written as the CSV holds it (RFC 4180 quoting in
//! a row, as it is for a diff or a person), read in order by a cursor.

use super::Values;

/// Where a reader of a column's values (the CSV writer, [`Table::texts`]) is.
pub(super) enum Cursor<'t> {
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
pub(super) enum Field<'t> {
    Null,
    Text(&'t str),
    Int(i32),
    Float(f64),
    Bool(bool),
    Date(i32),
}

impl<'t> Cursor<'t> {
    /// A reader of `values` from the first row.
    pub(super) fn of(values: &'t Values) -> Cursor<'t> {
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
    pub(super) fn next(&mut self) -> Field<'t> {
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
    pub(super) fn write(self, out: &mut Vec<u8>, digits: &mut itoa::Buffer, quoted: bool) {
        use std::io::Write;
        match self {
            Field::Null => {}
            Field::Text(v) if quoted => csv_text(out, v),
            Field::Text(v) => out.extend_from_slice(v.as_bytes()),
            Field::Int(v) => out.extend_from_slice(digits.format(v).as_bytes()),
            Field::Float(v) => {
                let _ = write!(out, "{v:?}");
            }
            Field::Bool(v) => out.extend_from_slice(
                if v {
                    crate::names::boolean::TRUE
                } else {
                    crate::names::boolean::FALSE
                }
                .as_bytes(),
            ),
            Field::Date(days) => iso_of_days(out, days),
        }
    }
}

/// Writes the ISO 8601 date of `days` since 1970-01-01 (the parse
/// crate's [`Date`](zaitaku_parse::model::Date), the one date algorithm).
pub fn iso_of_days(out: &mut Vec<u8>, days: i32) {
    use std::io::Write;
    // Written in place (no String per cell).
    let _ = write!(out, "{}", zaitaku_parse::model::Date::from_days(days));
}

/// A text field of a CSV row (see [`Table::csv_rows`]).
pub(super) fn csv_text(out: &mut Vec<u8>, v: &str) {
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
