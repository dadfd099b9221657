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

/// The workbook of `tables` (every row), with the validation `summary`.
pub fn workbook(tables: &[Table], summary: &Summary) -> Result<Vec<u8>, ExportError> {
    build(tables, summary).map_err(|e| ExportError::Xlsx {
        message: e.to_string(),
    })
}

fn build(tables: &[Table], summary: &Summary) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let newest = summary.counts.iter().map(|(d, _)| *d).max();
    if let Some(day) = newest {
        let created = excel_date(day)?;
        book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    }
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    contents(book.add_worksheet(), tables, summary, &header)?;
    for table in tables {
        let sheet = book.add_worksheet_with_constant_memory()?;
        sheet.set_name(table.name)?;
        write_table(sheet, table, &header, &date)?;
    }
    book.save_to_buffer()
}

/// The first sheet: every table, then the validation summary.
fn contents(
    sheet: &mut Worksheet,
    tables: &[Table],
    summary: &Summary,
    header: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name("tables")?;
    for (col, name) in (0u16..).zip(["table", "title", "rows", "one row per"]) {
        sheet.write_string_with_format(0, col, name, header)?;
    }
    let mut row: u32 = 1;
    for t in tables {
        let entry = names::entry(t.name);
        let link = Url::new(format!("internal:'{}'!A1", t.name)).set_text(t.name);
        sheet.write_url(row, 0, link)?;
        sheet.write_string(row, 1, entry.map_or(t.name, |e| e.title))?;
        sheet.write_number(row, 2, t.height() as f64)?;
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

/// One table's sheet: the header row, then every row, typed, row after
/// row (the sheet is in constant-memory mode: a row is written out once the
/// next one starts).
fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    header: &Format,
    date: &Format,
) -> Result<(), XlsxError> {
    let mut widest: Vec<usize> = Vec::with_capacity(table.columns.len());
    for (col, (meta, _)) in (0u16..).zip(&table.columns) {
        sheet.write_string_with_format(0, col, meta.name, header)?;
        widest.push(meta.name.width());
    }
    for (row, k) in (1u32..).zip(0..table.height()) {
        for ((col, (_, values)), w) in (0u16..).zip(&table.columns).zip(widest.iter_mut()) {
            *w = (*w).max(write_cell(sheet, row, col, values, k, date)?);
        }
    }
    for (col, w) in (0u16..).zip(&widest) {
        // Room for the autofilter's button beside the widest value.
        sheet.set_column_width(col, (*w.min(&MAX_WIDTH) + 3) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_row = u32::try_from(table.height()).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col = u16::try_from(table.columns.len().saturating_sub(1))
        .map_err(|_| XlsxError::RowColumnLimitError)?;
    sheet.autofilter(0, 0, last_row, last_col)?;
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
                n.to_string().len()
            }
            None => 0,
        },
        Values::Float(v) => match v.get(k).copied().flatten() {
            Some(x) => {
                sheet.write_number(row, col, x)?;
                x.to_string().len()
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
    fn a_table_longer_than_a_sheet_under_its_header_is_named() {
        assert_eq!(too_long(&[("a", 10), ("b", SHEET_ROWS - 1)]), None);
        assert_eq!(
            too_long(&[("a", 10), ("b", SHEET_ROWS), ("c", SHEET_ROWS + 5)]),
            Some(("b", SHEET_ROWS))
        );
    }
}
