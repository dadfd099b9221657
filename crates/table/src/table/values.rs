//! A column's values, typed as written: texts in one buffer, numbers,
//! flags and dates in vectors.

use super::builder::Cell;
use super::cursor::{Cursor, Field};
use super::Kind;

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
    pub(super) buf: String,
    pub(super) rows: Vec<Option<std::ops::Range<usize>>>,
}

impl Texts {
    pub(super) fn push(&mut self, v: Option<&str>) {
        self.rows.push(v.map(|v| {
            let start = self.buf.len();
            self.buf.push_str(v);
            start..self.buf.len()
        }));
    }

    /// Row `k`'s text: `None` for a null or a row out of range.
    pub fn get(&self, k: usize) -> Option<&str> {
        self.rows
            .get(k)
            .and_then(|r| r.as_ref())
            .and_then(|r| self.buf.get(r.clone()))
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

impl<'a> FromIterator<Option<&'a str>> for Texts {
    /// The column of these texts (`None` a null), in order.
    fn from_iter<I: IntoIterator<Item = Option<&'a str>>>(iter: I) -> Texts {
        let mut out = Texts::default();
        for v in iter {
            out.push(v);
        }
        out
    }
}

impl Values {
    /// An empty column of `kind`.
    pub fn of(kind: Kind) -> Values {
        Values::with_capacity(kind, 0)
    }

    /// An empty column of `kind` with room for `rows` rows (and texts of
    /// a few dozen bytes each): a column grows without moving.
    pub(super) fn with_capacity(kind: Kind, rows: usize) -> Values {
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
    pub(super) fn texts(&self) -> Vec<String> {
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

    /// Row `k`'s value as JSON: a text, a number, a flag, a date as ISO
    /// 8601 text, or null (for a null or a row out of range).
    pub fn json(&self, k: usize) -> serde_json::Value {
        use serde_json::Value as J;
        let some = |v: Option<J>| v.unwrap_or(J::Null);
        match self {
            Values::Str(t) => some(t.get(k).map(|v| J::String(v.to_string()))),
            Values::Enum(cats, v) => some(
                (v.get(k).copied().flatten())
                    .and_then(|i| cats.get(usize::try_from(i).ok()?))
                    .map(|c| J::String((*c).to_string())),
            ),
            Values::Int(v) => some(v.get(k).copied().flatten().map(J::from)),
            Values::Float(v) => some(
                (v.get(k).copied().flatten())
                    .and_then(serde_json::Number::from_f64)
                    .map(J::Number),
            ),
            Values::Bool(v) => some(v.get(k).copied().flatten().map(J::Bool)),
            Values::Date(v) => some(
                (v.get(k).copied().flatten())
                    .map(|d| J::String(zaitaku_parse::model::Date::from_days(d).iso())),
            ),
        }
    }

    /// Each row's value as text, as the CSV writes it unquoted, or `None`
    /// for a null (which the CSV writes as an empty field, like an empty text).
    pub fn cells(&self) -> Vec<Option<String>> {
        (self.texts().into_iter().enumerate())
            .map(|(k, text)| (!self.json(k).is_null()).then_some(text))
            .collect()
    }

    /// The values of `rows` (indices into this column, in that order;
    /// one out of range is skipped).
    pub fn take(&self, rows: &[usize]) -> Values {
        fn pick<T: Copy>(v: &[T], rows: &[usize]) -> Vec<T> {
            rows.iter().filter_map(|&k| v.get(k).copied()).collect()
        }
        match self {
            Values::Str(t) => {
                let mut out = Texts::default();
                for &k in rows {
                    if let Some(r) = t.rows.get(k) {
                        out.push(r.as_ref().and_then(|r| t.buf.get(r.clone())));
                    }
                }
                Values::Str(out)
            }
            Values::Enum(cats, v) => Values::Enum(cats, pick(v, rows)),
            Values::Int(v) => Values::Int(pick(v, rows)),
            Values::Float(v) => Values::Float(pick(v, rows)),
            Values::Bool(v) => Values::Bool(pick(v, rows)),
            Values::Date(v) => Values::Date(pick(v, rows)),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds `cell`; a cell of another kind than the column, or a number
    /// beyond it, adds a null and says why.
    pub(super) fn push(&mut self, cell: Cell<'_>) -> Result<(), &'static str> {
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
            (Values::Date(v), Cell::Date(x)) => v.push(x.map(|d| d.days_since_epoch())),
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

    pub(super) fn append(&mut self, other: Values) {
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

/// One value of a table, typed: what a reader (the diff) compares. A null
/// is the absence of a value (`Option<Value>`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'t> {
    /// A text, or an Enum column's word.
    Text(&'t str),
    /// An integer.
    Int(i32),
    /// A float (a share as printed).
    Float(f64),
    /// A flag.
    Bool(bool),
    /// A date.
    Date(zaitaku_parse::model::Date),
}

// Every float of a table is a finite number the text printed (never NaN):
// equality is total.
impl Eq for Value<'_> {}

impl std::hash::Hash for Value<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        match self {
            Value::Text(v) => v.hash(state),
            Value::Int(v) => v.hash(state),
            Value::Float(v) => v.to_bits().hash(state),
            Value::Bool(v) => v.hash(state),
            Value::Date(v) => v.days_since_epoch().hash(state),
        }
    }
}

impl<'t> Value<'t> {
    /// The text of a text or Enum value.
    pub fn text(self) -> Option<&'t str> {
        match self {
            Value::Text(v) => Some(v),
            _ => None,
        }
    }

    /// The integer of an integer value.
    pub fn int(self) -> Option<i32> {
        match self {
            Value::Int(v) => Some(v),
            _ => None,
        }
    }

    /// The number of an integer or float value.
    pub fn number(self) -> Option<f64> {
        match self {
            Value::Int(v) => Some(f64::from(v)),
            Value::Float(v) => Some(v),
            _ => None,
        }
    }

    /// The flag of a flag value.
    pub fn flag(self) -> Option<bool> {
        match self {
            Value::Bool(v) => Some(v),
            _ => None,
        }
    }
}

/// The value as the CSV holds it, unquoted: integers in decimal, floats in
/// their shortest form with a decimal point, `true`/`false`, dates as ISO
/// 8601, texts as they are (the cursor's writer, one format).
impl std::fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = Vec::new();
        let mut digits = itoa::Buffer::new();
        let field = match *self {
            Value::Text(v) => Field::Text(v),
            Value::Int(v) => Field::Int(v),
            Value::Float(v) => Field::Float(v),
            Value::Bool(v) => Field::Bool(v),
            Value::Date(v) => Field::Date(v.days_since_epoch()),
        };
        field.write(&mut out, &mut digits, false);
        f.write_str(&String::from_utf8_lossy(&out))
    }
}

impl Values {
    /// Row `k`'s value, or `None` for a null or a row out of range.
    pub fn get(&self, k: usize) -> Option<Value<'_>> {
        match self {
            Values::Str(t) => t.get(k).map(Value::Text),
            Values::Enum(cats, v) => (v.get(k).copied().flatten())
                .and_then(|i| cats.get(usize::try_from(i).ok()?))
                .map(|c| Value::Text(c)),
            Values::Int(v) => v.get(k).copied().flatten().map(Value::Int),
            Values::Float(v) => v.get(k).copied().flatten().map(Value::Float),
            Values::Bool(v) => v.get(k).copied().flatten().map(Value::Bool),
            Values::Date(v) => (v.get(k).copied().flatten())
                .map(|d| Value::Date(zaitaku_parse::model::Date::from_days(d))),
        }
    }
}
