//! An edition's tables as the comparison reads them: typed tables
//! ([`zaitaku_table::Table`]) read by column name, whether the edition was
//! built now or read back from an output directory's Parquet files.

use std::collections::BTreeMap;
use zaitaku_parse::model::Date;
use zaitaku_table::names::{column, table as tables};
use zaitaku_table::{Table, Value};

/// One table of an edition, its values typed. A null and an empty text are
/// both no value (the CSV files write both as nothing, and no comparison
/// tells them apart).
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    table: Table,
}

impl Rows {
    /// The rows of `table`.
    pub fn of(table: Table) -> Rows {
        Rows { table }
    }

    /// The table.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.table.height()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The place of column `name`, if the table has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.table.columns.iter().position(|(m, _)| m.name == name)
    }

    /// Row `k`.
    pub fn row(&self, k: usize) -> Option<Row<'_>> {
        (k < self.len()).then_some(Row { rows: self, k })
    }

    /// Each row as a [`Row`] that reads values by column name.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.len()).map(move |k| Row { rows: self, k })
    }

    /// Only the rows whose `edition` is `edition` (a table without the
    /// column is kept whole).
    pub fn of_edition(&self, edition: Date) -> Rows {
        let Some(k) = self.column(column::EDITION) else {
            return self.clone();
        };
        let rows: Vec<usize> = (self.iter())
            .filter(|r| r.value(k) == Some(Value::Date(edition)))
            .map(|r| r.k)
            .collect();
        let all: Vec<usize> = (0..self.table.columns.len()).collect();
        Rows::of(self.table.select(&all, &rows))
    }
}

/// One row of a [`Rows`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    rows: &'a Rows,
    k: usize,
}

impl<'a> Row<'a> {
    /// The value of column `name`; `None` for a null, an empty text or a
    /// column the table lacks.
    pub fn get(&self, name: &str) -> Option<Value<'a>> {
        self.value(self.rows.column(name)?)
    }

    /// The value of the column at place `k` (see [`Rows::column`]).
    pub fn value(&self, k: usize) -> Option<Value<'a>> {
        let (_, values) = self.rows.table.columns.get(k)?;
        values.get(self.k).filter(|v| *v != Value::Text(""))
    }

    /// The text of column `name` (a text or Enum column), or `None`.
    pub fn text_of(&self, name: &str) -> Option<&'a str> {
        self.get(name).and_then(Value::text)
    }

    /// The text of column `name` (a text or Enum column), or the empty text.
    pub fn text(&self, name: &str) -> &'a str {
        self.text_of(name).unwrap_or_default()
    }

    /// The value of column `name` as its CSV writes it, or the empty text.
    pub fn shown(&self, name: &str) -> String {
        self.get(name).map(|v| v.to_string()).unwrap_or_default()
    }

    /// Where the row was read: its `source_page` and `source_line`, if it has them.
    pub fn at(&self) -> Option<At> {
        let number = |name| u32::try_from(self.get(name)?.int()?).ok();
        Some(At {
            page: number(column::SOURCE_PAGE)?,
            line: number(column::SOURCE_LINE)?,
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
#[derive(Debug, Clone, PartialEq)]
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
        let edition = (tables.get(tables::PROGRAM_SUMMARY))
            .and_then(|t| {
                let k = t.column(column::EDITION)?;
                t.iter()
                    .filter_map(|r| match r.value(k) {
                        Some(Value::Date(d)) => Some(d),
                        _ => None,
                    })
                    .max()
            })
            .ok_or("expected at least one edition in program_summary")?;
        let tables = (tables.into_iter())
            .map(|(name, rows)| (name, rows.of_edition(edition)))
            .collect();
        Ok(Edition { edition, tables })
    }

    /// Table `name`; an empty table where the edition has none.
    pub fn table(&self, name: &str) -> &Rows {
        static EMPTY: Rows = Rows {
            table: Table {
                name: "",
                description: "",
                key: &[],
                columns: Vec::new(),
                refused: None,
            },
        };
        self.tables.get(name).unwrap_or(&EMPTY)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use zaitaku_table::{Kind, Meta, Texts, Values};

    /// A table of `name` from CSV text (a header of column names, then
    /// rows, no quoting): each column typed as the build's table of that
    /// name types it (the tests write the values as the CSV files do).
    pub(crate) fn table_of(name: &'static str, csv: &str) -> Rows {
        let mut lines = csv.trim_end().lines();
        let header: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        let kind_of = |c: &str| -> Kind {
            match c {
                "edition" => Kind::Date,
                "question" | "n" | "count_current" | "count_previous" | "count_yes"
                | "count_no" | "source_page" | "source_line" | "window_no" | "fiscal_year"
                | "count" | "years_marked" | "fy_current" | "fy_previous" | "survey_no" => {
                    Kind::Int
                }
                "pct_current" | "pct_previous" | "change_pct" | "pct_yes" | "pct_no" => Kind::Float,
                "implemented_or_planned"
                | "participated"
                | "in_survey"
                | "on_window_pages"
                | "targets_resolved"
                | "name_inferred"
                | "for_patients_families"
                | "for_medical_institutions"
                | "for_home_nursing_stations"
                | "for_community_support_centers"
                | "for_care_managers"
                | "for_other" => Kind::Bool,
                _ => Kind::Str,
            }
        };
        let columns = (header.iter().enumerate())
            .map(|(k, c)| {
                let name: &'static str = c.to_string().leak();
                let kind = kind_of(c);
                let cells = rows
                    .iter()
                    .map(|r| r.get(k).copied().filter(|v| !v.is_empty()));
                let values = match kind {
                    Kind::Date => Values::Date(
                        cells
                            .map(|v| v.and_then(Date::parse_iso).map(|d| d.days_since_epoch()))
                            .collect(),
                    ),
                    Kind::Int => {
                        Values::Int(cells.map(|v| v.and_then(|v| v.parse().ok())).collect())
                    }
                    Kind::Float => {
                        Values::Float(cells.map(|v| v.and_then(|v| v.parse().ok())).collect())
                    }
                    Kind::Bool => Values::Bool(cells.map(|v| v.map(|v| v == "true")).collect()),
                    _ => Values::Str(cells.collect::<Texts>()),
                };
                (
                    Meta {
                        name,
                        kind,
                        title_ja: "",
                        description: "",
                        unit: None,
                        references: None,
                    },
                    values,
                )
            })
            .collect();
        Rows::of(Table {
            name,
            description: "",
            key: &[],
            columns,
            refused: None,
        })
    }

    #[test]
    fn rows_read_by_column_name_and_edition() {
        let rows = table_of(
            "t",
            "edition,x,source_page,source_line\n2017-07-31,a,3,288\n2018-07-31,b,3,290\n",
        );
        let newest = rows.of_edition(Date::parse_iso("2018-07-31").unwrap());
        let row = newest.iter().next().unwrap();
        assert_eq!(row.get("x"), Some(Value::Text("b")));
        assert_eq!(row.get("missing"), None);
        assert_eq!(row.at(), Some(At { page: 3, line: 290 }));
        assert_eq!(row.shown("source_line"), "290");
    }

    #[test]
    fn the_newest_edition_of_an_output_directory_keeps_its_rows_only() {
        let summary = table_of(
            "program_summary",
            "edition,n\n2017-07-31,53\n2018-03-31,54\n",
        );
        let windows = table_of(
            "consultation_windows",
            "edition,phone\n2017-07-31,03-1\n2018-03-31,03-2\n",
        );
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
        assert!(Edition::newest_of(BTreeMap::new()).is_err());
    }
}
