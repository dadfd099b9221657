//! A table as text, as its CSV file holds it: what the comparison reads,
//! whether the edition was built now or read back from an output directory.

use std::collections::BTreeMap;
use zaitaku_table::names::{column, table as tables};

/// One table as text: its columns and rows, every value in one buffer,
/// `None` for a null or empty value (the CSV files write both as nothing,
/// and no comparison tells them apart). One buffer rather than a `String`
/// per value: a build compares every pair of consecutive editions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// Every value, one after another.
    text: String,
    /// Each row's values, row after row: byte ranges of `text` (empty for none).
    cells: Vec<(usize, usize)>,
}

impl Rows {
    /// The rows of `columns` from texts, an empty text standing for null.
    pub fn from_texts(columns: Vec<String>, texts: Vec<Vec<String>>) -> Rows {
        let mut rows = Rows {
            columns,
            ..Rows::default()
        };
        for row in texts {
            for v in row {
                rows.push(&v);
            }
        }
        rows
    }

    /// The rows of `columns` from a buffer and each value's byte range in
    /// it, row after row (what the export crate's tables write).
    pub fn from_buffer(columns: Vec<String>, text: String, cells: Vec<(usize, usize)>) -> Rows {
        Rows {
            columns,
            text,
            cells,
        }
    }

    /// Adds a value (to the row being filled).
    fn push(&mut self, value: &str) {
        let start = self.text.len();
        self.text.push_str(value);
        self.cells.push((start, self.text.len()));
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.cells
            .len()
            .checked_div(self.columns.len())
            .unwrap_or(0)
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The place of column `name`, if the table has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// Row `k`.
    pub fn row(&self, k: usize) -> Option<Row<'_>> {
        if k >= self.len() {
            return None;
        }
        let width = self.columns.len();
        let cells = self
            .cells
            .get(k.checked_mul(width)?..(k + 1).checked_mul(width)?)?;
        Some(Row { table: self, cells })
    }

    /// Each row as a [`Row`] that reads values by column name.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        self.cells
            .chunks(self.columns.len().max(1))
            .map(move |cells| Row { table: self, cells })
    }

    /// Only the rows whose `edition` is `edition` (a table without the
    /// column is kept whole).
    pub fn of_edition(&self, edition: &str) -> Rows {
        let Some(k) = self.column(column::EDITION) else {
            return self.clone();
        };
        let mut out = Rows {
            columns: self.columns.clone(),
            ..Rows::default()
        };
        for r in self.iter().filter(|r| r.value(k) == Some(edition)) {
            for j in 0..self.columns.len() {
                out.push(r.value(j).unwrap_or_default());
            }
        }
        out
    }
}

/// One row of a [`Rows`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    table: &'a Rows,
    cells: &'a [(usize, usize)],
}

impl<'a> Row<'a> {
    /// The value of column `name`; `None` for a null or a column the table lacks.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.value(self.table.column(name)?)
    }

    /// The value of the column at place `k` (see [`Rows::column`]).
    pub fn value(&self, k: usize) -> Option<&'a str> {
        let &(start, end) = self.cells.get(k)?;
        self.table.text.get(start..end).filter(|v| !v.is_empty())
    }

    /// The value of column `name`, or the empty text.
    pub fn text(&self, name: &str) -> &'a str {
        self.get(name).unwrap_or_default()
    }

    /// Where the row was read: its `source_page` and `source_line`, if it has them.
    pub fn at(&self) -> Option<At> {
        Some(At {
            page: self.get(column::SOURCE_PAGE)?.parse().ok()?,
            line: self.get(column::SOURCE_LINE)?.parse().ok()?,
        })
    }
}

/// A place in an edition's text: page and line, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct At {
    /// Page.
    pub page: u32,
    /// Line of the input.
    pub line: u32,
}

impl std::fmt::Display for At {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.page, self.line)
    }
}

/// One edition's tables, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// The as-of date.
    pub edition: zaitaku_parse::model::Date,
    /// Its tables, by name (`program_summary`, …).
    pub tables: BTreeMap<String, Rows>,
}

impl Edition {
    /// The newest edition of `tables` (every table of a build's output
    /// directory, as read back): the latest `edition` of `program_summary`,
    /// each table kept to its rows of that edition; or what is missing.
    pub fn newest_of(tables: BTreeMap<String, Rows>) -> Result<Edition, String> {
        let newest = (tables.get(tables::PROGRAM_SUMMARY))
            .and_then(|t| {
                let k = t.column(column::EDITION)?;
                t.iter()
                    .filter_map(|r| r.value(k))
                    .max()
                    .map(str::to_string)
            })
            .ok_or("expected at least one edition in program_summary.csv")?;
        let edition = zaitaku_parse::model::Date::parse_iso(&newest).ok_or_else(|| {
            format!("program_summary.csv: expected editions as YYYY-MM-DD, found «{newest}»")
        })?;
        let tables = (tables.into_iter())
            .map(|(name, rows)| {
                let rows = rows.of_edition(&newest);
                (name, rows)
            })
            .collect();
        Ok(Edition { edition, tables })
    }

    /// Table `name`; an empty table where the edition has none.
    pub fn table(&self, name: &str) -> &Rows {
        static EMPTY: Rows = Rows {
            columns: Vec::new(),
            text: String::new(),
            cells: Vec::new(),
        };
        self.tables.get(name).unwrap_or(&EMPTY)
    }
}

/// Why a CSV file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {what}")]
pub struct CsvError {
    /// Line of the file, from 1.
    pub line: usize,
    /// What was wrong.
    pub what: String,
}

/// Reads a CSV file as the build writes them (RFC 4180: a header, `,`
/// between fields, `"` around a field holding a comma, a quote or a line
/// end, `""` for a quote, `\n` or `\r\n` ends; a UTF-8 BOM ignored), with
/// the `csv` crate; every record must have the header's fields, and a quote
/// left open (which the `csv` crate reads as running to the end) is an error.
pub fn parse_csv(text: &str) -> Result<Rows, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let error = |line: u64, what: String| CsvError {
        line: usize::try_from(line).unwrap_or(usize::MAX),
        what,
    };
    let columns: Vec<String> = match records.next() {
        Some(Ok(header)) => header.iter().map(str::to_string).collect(),
        Some(Err(e)) => return Err(of_csv(&e)),
        None => return Err(error(1, "expected a header".into())),
    };
    let mut rows = Rows {
        columns,
        ..Rows::default()
    };
    let mut last_line = 1;
    for record in records {
        let record = record.map_err(|e| of_csv(&e))?;
        last_line = record.position().map_or(last_line, |p| p.line());
        for v in &record {
            rows.push(v);
        }
    }
    // Quotes come in pairs in a file the build wrote (a quote inside a
    // quoted field is doubled): an odd count is a quote never closed.
    if text.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
        return Err(error(
            last_line,
            "expected a closing quote before the end of the file".into(),
        ));
    }
    Ok(rows)
}

/// The `csv` crate's error as a [`CsvError`]: its line, and what was wrong.
fn of_csv(e: &csv::Error) -> CsvError {
    let line = e.position().map_or(1, csv::Position::line);
    let what = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("expected {expected_len} fields, found {len}"),
        csv::ErrorKind::Utf8 { .. } => "expected UTF-8".to_string(),
        _ => e.to_string(),
    };
    CsvError {
        line: usize::try_from(line).unwrap_or(usize::MAX),
        what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_quoted_with_commas_quotes_and_line_ends() {
        let rows = parse_csv("a,b,c\n1,\"x, \"\"y\"\"\",\n\"\",\"two\nlines\",3\r\n").unwrap();
        assert_eq!(rows.columns, ["a", "b", "c"]);
        let values: Vec<Vec<Option<&str>>> = rows
            .iter()
            .map(|r| (0..3).map(|k| r.value(k)).collect())
            .collect();
        assert_eq!(
            values,
            [
                vec![Some("1"), Some("x, \"y\""), None],
                vec![None, Some("two\nlines"), Some("3")],
            ]
        );
    }

    #[test]
    fn a_short_row_or_an_open_quote_is_an_error_with_its_line() {
        assert_eq!(parse_csv("a,b\n1\n").unwrap_err().line, 2);
        assert_eq!(parse_csv("a,b\n1,\"open\n").unwrap_err().line, 2);
        assert_eq!(parse_csv("").unwrap_err().line, 1);
    }

    #[test]
    fn rows_read_by_column_name_and_edition() {
        let rows = parse_csv(
            "edition,x,source_page,source_line\n2017-07-31,1,3,288\n2018-07-31,2,3,290\n",
        )
        .unwrap();
        let newest = rows.of_edition("2018-07-31");
        let row = newest.iter().next().unwrap();
        assert_eq!(row.get("x"), Some("2"));
        assert_eq!(row.get("missing"), None);
        assert_eq!(row.at(), Some(At { page: 3, line: 290 }));
    }

    #[test]
    fn the_newest_edition_of_an_output_directory_keeps_its_rows_only() {
        let summary = parse_csv("edition,n\n2017-07-31,53\n2018-03-31,54\n").unwrap();
        let windows = parse_csv("edition,phone\n2017-07-31,03-1\n2018-03-31,03-2\n").unwrap();
        let tables = [
            ("program_summary".to_string(), summary),
            ("consultation_windows".to_string(), windows),
        ];
        let e = Edition::newest_of(tables.into()).unwrap();
        assert_eq!(e.edition.to_string(), "2018-03-31");
        let phones: Vec<_> = e
            .table("consultation_windows")
            .iter()
            .map(|r| r.text(column::PHONE))
            .collect();
        assert_eq!(phones, ["03-2"]);
        let bad = [(
            "program_summary".to_string(),
            parse_csv("edition\n2018-3-31\n").unwrap(),
        )];
        assert!(Edition::newest_of(bad.into())
            .unwrap_err()
            .contains("YYYY-MM-DD"));
        assert!(Edition::newest_of(BTreeMap::new()).is_err());
    }
}
