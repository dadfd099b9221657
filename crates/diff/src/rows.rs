//! A table as text, as its CSV file holds it: what the comparison reads,
//! whether the edition was built now or read back from an output directory.

use std::collections::BTreeMap;

/// One table as text: its columns and rows, `None` for a null or empty
/// value (the CSV files write both as nothing, and no comparison tells
/// them apart).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    /// Column names, in order.
    pub columns: Vec<String>,
    /// The rows, one value per column.
    pub rows: Vec<Vec<Option<String>>>,
}

impl Rows {
    /// The rows of `columns` from texts, an empty text standing for null.
    pub fn from_texts(columns: Vec<String>, texts: Vec<Vec<String>>) -> Rows {
        let rows = texts
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(|v| (!v.is_empty()).then_some(v))
                    .collect()
            })
            .collect();
        Rows { columns, rows }
    }

    /// The place of column `name`, if the table has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// Each row as a [`Row`] that reads values by column name.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |values| Row {
            table: self,
            values,
        })
    }

    /// Only the rows whose `edition` is `edition` (a table without the
    /// column is kept whole).
    pub fn of_edition(&self, edition: &str) -> Rows {
        match self.column("edition") {
            Some(k) => Rows {
                columns: self.columns.clone(),
                rows: self
                    .rows
                    .iter()
                    .filter(|r| r.get(k).and_then(|v| v.as_deref()) == Some(edition))
                    .cloned()
                    .collect(),
            },
            None => self.clone(),
        }
    }
}

/// One row of a [`Rows`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    table: &'a Rows,
    values: &'a [Option<String>],
}

impl<'a> Row<'a> {
    /// The value of column `name`; `None` for a null or a column the table lacks.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        let k = self.table.column(name)?;
        self.values.get(k)?.as_deref()
    }

    /// The value of column `name`, or the empty text.
    pub fn text(&self, name: &str) -> &'a str {
        self.get(name).unwrap_or_default()
    }

    /// Where the row was read: its `source_page` and `source_line`, if it has them.
    pub fn at(&self) -> Option<At> {
        Some(At {
            page: self.get("source_page")?.parse().ok()?,
            line: self.get("source_line")?.parse().ok()?,
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edition {
    /// The as-of date, ISO 8601.
    pub edition: String,
    /// Its tables, by name (`program_summary`, …).
    pub tables: BTreeMap<String, Rows>,
}

impl Edition {
    /// Table `name`; an empty table where the edition has none.
    pub fn table(&self, name: &str) -> &Rows {
        static EMPTY: Rows = Rows {
            columns: Vec::new(),
            rows: Vec::new(),
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
/// end, `""` for a quote, `\n` or `\r\n` ends; a UTF-8 BOM ignored).
pub fn parse_csv(text: &str) -> Result<Rows, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records: Vec<Vec<String>> = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let (mut quoted, mut was_quoted, mut line, mut start_line) = (false, false, 1usize, 1usize);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
            }
            ('"', false) => {
                return Err(CsvError {
                    line,
                    what: "expected a quote only around a whole field".into(),
                })
            }
            (',', false) => {
                record.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            ('\r', false) if chars.peek() == Some(&'\n') => {}
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                was_quoted = false;
                line += 1;
                start_line = line;
            }
            ('\n', true) => {
                line += 1;
                field.push('\n');
            }
            (c, _) => field.push(c),
        }
    }
    if quoted {
        return Err(CsvError {
            line: start_line,
            what: "expected a closing quote before the end of the file".into(),
        });
    }
    if !field.is_empty() || !record.is_empty() || was_quoted {
        record.push(field);
        records.push(record);
    }
    let mut records = records.into_iter();
    let columns = records.next().ok_or(CsvError {
        line: 1,
        what: "expected a header".into(),
    })?;
    let mut rows = Vec::new();
    for (k, r) in records.enumerate() {
        if r.len() != columns.len() {
            return Err(CsvError {
                line: k + 2,
                what: format!("expected {} fields, found {}", columns.len(), r.len()),
            });
        }
        rows.push(r);
    }
    Ok(Rows::from_texts(columns, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_quoted_with_commas_quotes_and_line_ends() {
        let rows = parse_csv("a,b,c\n1,\"x, \"\"y\"\"\",\n\"\",\"two\nlines\",3\r\n").unwrap();
        assert_eq!(rows.columns, ["a", "b", "c"]);
        assert_eq!(
            rows.rows,
            [
                vec![Some("1".into()), Some("x, \"y\"".into()), None],
                vec![None, Some("two\nlines".into()), Some("3".into())],
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
}
