//! Writing the tables of many editions as they come, one edition after
//! another (oldest first), without holding more than a row group of any
//! table: each table is one Parquet file written in row groups and one CSV
//! file written in batches, straight into a directory (the temporary one of
//! [`write_atomically_with`](crate::write::write_atomically_with)).
//!
//! The bytes depend only on the editions and their order: a row group is
//! cut after the edition that brings it to [`ROW_GROUP`] rows.

use crate::table::Table;
use crate::write::{csv_header, encode_csv, parquet_writer, CsvOptions, ExportError};
use polars::prelude::*;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Rows a Parquet row group holds at least before it is written (the last
/// one may hold fewer). 64 Ki rows: readers skip row groups by their
/// statistics, and a few editions make one.
pub const ROW_GROUP: usize = 1 << 16;

/// One table being written.
struct Open {
    /// The table without rows (for the data package).
    header: Table,
    parquet: polars::io::parquet::write::BatchedWriter<BufWriter<File>>,
    csv: BufWriter<File>,
    /// Frames not yet written to Parquet.
    pending: Vec<DataFrame>,
    pending_rows: usize,
    /// Rows written, and CSV lines so far (for a CP932 error's line).
    rows: usize,
    csv_lines: usize,
}

/// The tables being written into a directory.
pub struct TableSink {
    dir: PathBuf,
    csv: CsvOptions,
    open: Vec<Open>,
}

impl TableSink {
    /// A sink writing into `dir` (which exists), CSV as `csv` says.
    pub fn new(dir: &Path, csv: CsvOptions) -> Self {
        TableSink {
            dir: dir.to_path_buf(),
            csv,
            open: Vec::new(),
        }
    }

    /// Writes the rows of `table` after those written before under its name.
    pub fn push(&mut self, table: &Table) -> Result<(), ExportError> {
        let err = |source| ExportError::Polars {
            table: table.name.to_string(),
            source,
        };
        let df = table.frame().map_err(err)?;
        let k = match self.open.iter().position(|o| o.header.name == table.name) {
            Some(k) => k,
            None => {
                let opened = self.open_table(table, &df)?;
                self.open.push(opened);
                self.open.len() - 1
            }
        };
        let Some(open) = self.open.get_mut(k) else {
            return Ok(());
        };
        // CSV: this edition's rows now, straight from the cells.
        let mut body = Vec::new();
        table.csv_rows(&mut body);
        let name = format!("{}.csv", table.name);
        let columns: Vec<&str> = table.columns.iter().map(|(m, _)| m.name).collect();
        let plain = CsvOptions {
            bom: false,
            ..self.csv
        };
        let body = encode_csv(&name, body, plain, open.csv_lines, &columns)?;
        let path = self.dir.join(&name);
        open.csv.write_all(&body).map_err(io(&path))?;
        open.csv_lines += df.height();
        open.rows += df.height();
        // Parquet: a row group once enough rows are pending.
        open.pending_rows += df.height();
        open.pending.push(df);
        if open.pending_rows >= ROW_GROUP {
            flush(open)?;
        }
        Ok(())
    }

    /// Creates a table's files, with the CSV header.
    fn open_table(&self, table: &Table, df: &DataFrame) -> Result<Open, ExportError> {
        let err = |source| ExportError::Polars {
            table: table.name.to_string(),
            source,
        };
        let parquet_path = self.dir.join(format!("{}.parquet", table.name));
        let file = File::create(&parquet_path).map_err(io(&parquet_path))?;
        let parquet = parquet_writer(BufWriter::new(file))
            .batched(df.schema())
            .map_err(err)?;
        let csv_name = format!("{}.csv", table.name);
        let csv_path = self.dir.join(&csv_name);
        let mut csv = BufWriter::new(File::create(&csv_path).map_err(io(&csv_path))?);
        let columns: Vec<&str> = table.columns.iter().map(|(m, _)| m.name).collect();
        let header = encode_csv(&csv_name, csv_header(table), self.csv, 0, &columns)?;
        csv.write_all(&header).map_err(io(&csv_path))?;
        Ok(Open {
            header: table.header(),
            parquet,
            csv,
            pending: Vec::new(),
            pending_rows: 0,
            rows: 0,
            csv_lines: 1,
        })
    }

    /// Writes what is pending and closes every file; returns each table
    /// without rows and its row count, in the order they were first pushed.
    pub fn finish(self) -> Result<Vec<(Table, usize)>, ExportError> {
        let mut out = Vec::new();
        for mut open in self.open {
            flush(&mut open)?;
            let name = open.header.name;
            let err = |source| ExportError::Polars {
                table: name.to_string(),
                source,
            };
            open.parquet.finish().map_err(err)?;
            let path = self.dir.join(format!("{name}.csv"));
            open.csv.flush().map_err(io(&path))?;
            out.push((open.header, open.rows));
        }
        Ok(out)
    }
}

/// Writes the pending frames as one row group.
fn flush(open: &mut Open) -> Result<(), ExportError> {
    let name = open.header.name;
    let err = |source| ExportError::Polars {
        table: name.to_string(),
        source,
    };
    let mut frames = std::mem::take(&mut open.pending).into_iter();
    open.pending_rows = 0;
    let Some(mut group) = frames.next() else {
        return Ok(());
    };
    for df in frames {
        group.vstack_mut_owned(df).map_err(err)?;
    }
    // One chunk: one row group.
    group.rechunk_mut();
    open.parquet.write_batch(&group).map_err(err)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError {
    let path = path.to_path_buf();
    move |source| ExportError::Io { path, source }
}
