//! `tables.xlsx` (`zaitaku build --xlsx`): every table as a sheet of one
//! Excel workbook, written by rust_xlsxwriter. Cells are typed as the
//! Parquet columns are — integers and shares as numbers, flags as booleans,
//! dates as Excel dates shown `yyyy-mm-dd`, texts and vocabularies as
//! text —, a null is an empty cell; each sheet's header row is frozen and
//! carries an autofilter, and its columns are as wide as their widest value
//! (a CJK character counting two), up to [`MAX_WIDTH`]. A first sheet,
//! `tables`, lists every table with its title, row count and what a row
//! is, then the validation summary. The workbook's creation date is the
//! newest edition's as-of date, so two builds give the same bytes. Each
//! table's sheet is written in constant-memory mode: its rows go to a
//! temporary file as they are written, so the workbook of many editions
//! holds no more than its tables.

use super::ExportError;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Url, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;
use zaitaku_parse::model::Date;
use zaitaku_table::names;
use zaitaku_table::{Table, Values};
use zaitaku_validate::report::Summary;

/// The file's name.
pub const FILE: &str = zaitaku_table::names::file::WORKBOOK;

/// Rows an Excel sheet holds, its header row included.
pub const SHEET_ROWS: usize = 1_048_576;

/// The widest a column is made, in Excel's character units.
pub const MAX_WIDTH: usize = 60;

/// The first table of `tables` (name, rows) with more rows than a sheet
/// holds under its header, and its rows: a build stops on it before
/// writing anything.
pub fn too_long<'a>(tables: &[(&'a str, usize)]) -> Option<(&'a str, usize)> {
    tables.iter().copied().find(|(_, rows)| *rows >= SHEET_ROWS)
}

/// A workbook written as a build's tables come, from the same rows as
/// their Parquet and CSV files: each table's sheet made when the sink is
/// (in the order given, after the first sheet, `tables`), its rows written
/// as they come (constant-memory mode: a row goes to a temporary file once
/// the next starts), the first sheet and each sheet's widths and filter at
/// the end.
pub struct WorkbookSink {
    book: Workbook,
    sheets: Vec<Sheet>,
    header: Format,
    date: Format,
}

/// A table's sheet being written.
struct Sheet {
    /// The table without rows.
    table: Table,
    /// Its place in the workbook.
    index: usize,
    /// Rows written under the header.
    rows: usize,
    /// Each column's widest value so far.
    widest: Vec<usize>,
}

impl WorkbookSink {
    /// A workbook with a sheet per table of `headers` (tables without
    /// rows, in the order their sheets are to be), each with its header row.
    pub fn new(headers: &[Table]) -> Result<Self, ExportError> {
        Self::made(headers).map_err(xlsx_error)
    }

    fn made(headers: &[Table]) -> Result<Self, XlsxError> {
        let mut book = Workbook::new();
        let header = Format::new().set_bold();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        book.add_worksheet().set_name("tables")?;
        let mut sheets = Vec::with_capacity(headers.len());
        for (index, table) in (1..).zip(headers) {
            let sheet = book.add_worksheet_with_constant_memory()?;
            sheet.set_name(table.name)?;
            let mut widest = Vec::with_capacity(table.columns.len());
            for (col, (meta, _)) in (0u16..).zip(&table.columns) {
                sheet.write_string_with_format(0, col, meta.name, &header)?;
                widest.push(meta.name.width());
            }
            sheets.push(Sheet {
                table: table.header(),
                index,
                rows: 0,
                widest,
            });
        }
        Ok(WorkbookSink {
            book,
            sheets,
            header,
            date,
        })
    }

    /// Writes the rows of `table` under those written before in its sheet.
    /// A table with more rows than a sheet holds under its header is
    /// counted, not written: the workbook is refused when finished
    /// ([`ExportError::TooManyRows`], naming its rows in all).
    pub fn push(&mut self, table: &Table) -> Result<(), ExportError> {
        self.push_all(&[table])
    }

    /// Writes the rows of `tables` (several tables, each table's parts in
    /// order) as [`push`](Self::push) does, each sheet on its own thread.
    pub fn push_all(&mut self, tables: &[&Table]) -> Result<(), ExportError> {
        use rayon::prelude::*;
        if let Some(t) =
            (tables.iter()).find(|t| !self.sheets.iter().any(|s| s.table.name == t.name))
        {
            return Err(ExportError::Xlsx {
                message: format!("no sheet for table {}", t.name),
            });
        }
        let date = &self.date;
        // The book's first sheet is `tables`; each table's sheet follows, in order.
        let worksheets = self.book.worksheets_mut().get_mut(1..).unwrap_or_default();
        let results: Vec<Result<(), XlsxError>> = (worksheets.par_iter_mut())
            .zip(self.sheets.par_iter_mut())
            .map(|(worksheet, sheet)| {
                let name = sheet.table.name;
                for t in tables.iter().filter(|t| t.name == name) {
                    let rows = sheet.rows.saturating_add(t.height());
                    if rows < SHEET_ROWS {
                        write_rows(worksheet, sheet, t, date)?;
                    }
                    sheet.rows = rows;
                }
                Ok(())
            })
            .collect();
        results
            .into_iter()
            .collect::<Result<(), _>>()
            .map_err(xlsx_error)
    }

    /// The workbook's bytes: the first sheet (every table, then the
    /// validation `summary`), each sheet's widths, frozen header and filter.
    pub fn finish(mut self, summary: &Summary) -> Result<Vec<u8>, ExportError> {
        let rows: Vec<(&str, usize)> = self.sheets.iter().map(|s| (s.table.name, s.rows)).collect();
        if let Some((table, rows)) = too_long(&rows) {
            return Err(ExportError::TooManyRows {
                table: table.to_string(),
                rows,
                limit: SHEET_ROWS - 1,
            });
        }
        self.finished(summary).map_err(xlsx_error)
    }

    fn finished(&mut self, summary: &Summary) -> Result<Vec<u8>, XlsxError> {
        let newest = summary.counts.iter().map(|(d, _)| *d).max();
        if let Some(day) = newest {
            let created = excel_date(day)?;
            self.book
                .set_properties(&DocProperties::new().set_creation_datetime(&created));
        }
        let listed: Vec<(&Table, usize)> = self.sheets.iter().map(|s| (&s.table, s.rows)).collect();
        contents(
            self.book.worksheet_from_index(0)?,
            &listed,
            summary,
            &self.header,
        )?;
        for sheet in &self.sheets {
            close_sheet(self.book.worksheet_from_index(sheet.index)?, sheet)?;
        }
        self.book.save_to_buffer()
    }
}

/// rust_xlsxwriter's error as the crate's.
fn xlsx_error(e: XlsxError) -> ExportError {
    ExportError::Xlsx {
        message: e.to_string(),
    }
}

/// The first sheet: every table, then the validation summary.
fn contents(
    sheet: &mut Worksheet,
    tables: &[(&Table, usize)],
    summary: &Summary,
    header: &Format,
) -> Result<(), XlsxError> {
    for (col, name) in (0u16..).zip(["table", "title", "rows", "one row per"]) {
        sheet.write_string_with_format(0, col, name, header)?;
    }
    let mut row: u32 = 1;
    for (t, rows) in tables {
        let entry = names::entry(t.name);
        let link = Url::new(format!("internal:'{}'!A1", t.name)).set_text(t.name);
        sheet.write_url(row, 0, link)?;
        sheet.write_string(row, 1, entry.map_or(t.name, |e| e.title))?;
        sheet.write_number(row, 2, *rows as f64)?;
        sheet.write_string(row, 3, entry.map_or(t.description, names::Entry::row_is))?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "validation", header)?;
    let editions: Vec<String> = summary.counts.iter().map(|(d, _)| d.to_string()).collect();
    row += 1;
    sheet.write_string(row, 0, "editions")?;
    sheet.write_string(row, 1, editions.join(", "))?;
    let counts = [
        ("checks", summary.checks),
        ("checks failed", summary.failures.len()),
        ("ambiguities", summary.ambiguities),
    ];
    for (name, n) in counts {
        row += 1;
        sheet.write_string(row, 0, name)?;
        sheet.write_number(row, 1, n as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (col, width) in [(0u16, 28.0), (1, 60.0), (2, 8.0), (3, 90.0)] {
        sheet.set_column_width(col, width)?;
    }
    Ok(())
}

/// `table`'s rows under those of `sheet` written before, typed.
fn write_rows(
    worksheet: &mut Worksheet,
    sheet: &mut Sheet,
    table: &Table,
    date: &Format,
) -> Result<(), XlsxError> {
    let first = u32::try_from(sheet.rows + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
    for (row, k) in (first..).zip(0..table.height()) {
        for ((col, (_, values)), w) in (0u16..).zip(&table.columns).zip(sheet.widest.iter_mut()) {
            *w = (*w).max(write_cell(worksheet, row, col, values, k, date)?);
        }
    }
    Ok(())
}

/// A sheet's column widths (room for the filter's button beside the widest
/// value), frozen header row and filter over every row.
fn close_sheet(worksheet: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    for (col, w) in (0u16..).zip(&sheet.widest) {
        worksheet.set_column_width(col, (*w.min(&MAX_WIDTH) + 3) as f64)?;
    }
    worksheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(sheet.rows).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col = u16::try_from(sheet.table.columns.len().saturating_sub(1))
        .map_err(|_| XlsxError::RowColumnLimitError)?;
    worksheet.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// Cell (`row`, `col`): row `k` of `values`, typed, a null left empty;
/// its display width.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    values: &Values,
    k: usize,
    date: &Format,
) -> Result<usize, XlsxError> {
    Ok(match values {
        Values::Str(texts) => match texts.get(k) {
            Some(t) => {
                sheet.write_string(row, col, t)?;
                t.width()
            }
            None => 0,
        },
        Values::Enum(cats, places) => {
            match places
                .get(k)
                .copied()
                .flatten()
                .and_then(|p| cats.get(p as usize))
            {
                Some(t) => {
                    sheet.write_string(row, col, *t)?;
                    t.width()
                }
                None => 0,
            }
        }
        Values::Int(v) => match v.get(k).copied().flatten() {
            Some(n) => {
                sheet.write_number(row, col, n)?;
                shown_width(n)
            }
            None => 0,
        },
        Values::Float(v) => match v.get(k).copied().flatten() {
            Some(x) => {
                sheet.write_number(row, col, x)?;
                shown_width(x)
            }
            None => 0,
        },
        Values::Bool(v) => match v.get(k).copied().flatten() {
            Some(b) => {
                sheet.write_boolean(row, col, b)?;
                5
            }
            None => 0,
        },
        Values::Date(v) => match v.get(k).copied().flatten() {
            Some(days) => {
                let day = excel_date(Date::from_days(days))?;
                sheet.write_datetime_with_format(row, col, &day, date)?;
                10
            }
            None => 0,
        },
    })
}

/// The characters `value` is shown with (as `to_string` gives it),
/// counted without making the text.
fn shown_width(value: impl std::fmt::Display) -> usize {
    struct Count(usize);
    impl std::fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut count = Count(0);
    // Counting cannot fail.
    let _ = std::fmt::Write::write_fmt(&mut count, format_args!("{value}"));
    count.0
}

/// `day` as an Excel date.
fn excel_date(day: Date) -> Result<ExcelDateTime, XlsxError> {
    let year =
        u16::try_from(day.year).map_err(|_| XlsxError::DateTimeRangeError(day.to_string()))?;
    let month =
        u8::try_from(day.month).map_err(|_| XlsxError::DateTimeRangeError(day.to_string()))?;
    let dom = u8::try_from(day.day).map_err(|_| XlsxError::DateTimeRangeError(day.to_string()))?;
    ExcelDateTime::from_ymd(year, month, dom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_is_as_wide_as_its_text() {
        for n in [0, 7, -7, 10, 99, 100, -1000, i32::MAX, i32::MIN] {
            assert_eq!(shown_width(n), n.to_string().len(), "{n}");
        }
        for x in [0.0, 96.2, -3.5, 100.0, 1e21, 0.1 + 0.2] {
            assert_eq!(shown_width(x), x.to_string().len(), "{x}");
        }
    }

    #[test]
    fn a_table_longer_than_a_sheet_under_its_header_is_named() {
        assert_eq!(too_long(&[("a", 10), ("b", SHEET_ROWS - 1)]), None);
        assert_eq!(
            too_long(&[("a", 10), ("b", SHEET_ROWS), ("c", SHEET_ROWS + 5)]),
            Some(("b", SHEET_ROWS))
        );
    }

    #[test]
    fn a_sheet_longer_than_the_limit_is_counted_and_refused_with_its_rows_in_all() {
        use zaitaku_table::{i, meta, Builder, Kind};
        let table = |name: &'static str, rows: usize| {
            let rows: Vec<usize> = (0..rows).collect();
            Builder::<usize>::default()
                .col(meta("n", Kind::Int, "n", "n", None), |k| i(*k))
                .build(name, &[], &rows)
        };
        let mut sink = WorkbookSink::new(&[table("a", 0), table("b", 0)]).unwrap();
        sink.push(&table("a", 3)).unwrap();
        sink.push(&table("b", 10)).unwrap();
        // The rows that would pass the limit are counted, not written.
        sink.push(&table("b", SHEET_ROWS - 10)).unwrap();
        match sink.finish(&Summary::default()) {
            Err(ExportError::TooManyRows { table, rows, limit }) => {
                assert_eq!(table, "b");
                assert_eq!((rows, limit), (SHEET_ROWS, SHEET_ROWS - 1));
            }
            other => panic!("expected TooManyRows, got {other:?}"),
        }
        // Under the limit, a workbook.
        let mut sink = WorkbookSink::new(&[table("a", 0)]).unwrap();
        sink.push(&table("a", 3)).unwrap();
        let bytes = sink.finish(&Summary::default()).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
