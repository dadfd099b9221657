//! Writing the tables of many editions as they come, one edition after
//! another (oldest first), without holding more than a row group of any
//! table: each table is one Parquet file written in row groups and one CSV
//! file written in batches, straight into a directory (the temporary one of
//! [`write_atomically_with`](zaitaku_outdir::atomic::write_atomically_with)). The
//! tables of a batch are written in parallel, each to its own files.
//!
//! The bytes depend only on the editions and their order: a row group is
//! cut after the batch that brings it to [`ROW_GROUP`] rows.

use crate::frame::EnumTypes;
use crate::write::xlsx::WorkbookSink;
use crate::write::{io, parquet_writer, CsvEncoder, CsvOptions, ExportError, Replaced};
use polars::prelude::*;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use zaitaku_table::Table;
use zaitaku_validate::report::Summary;

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
    /// Characters CP932 could not hold, replaced (see `Unmappable`).
    replaced: Replaced,
}

/// A table written.
#[derive(Debug)]
pub struct TableFiles {
    /// The table without rows: what the data package describes.
    pub header: Table,
    /// Its rows, over every edition.
    pub rows: usize,
    /// The characters its CSV had replaced (`--cp932-unmappable replace`).
    pub replaced: Replaced,
}

/// A table's place in the sink: its files, once its first rows came.
struct Slot {
    name: &'static str,
    open: Option<Open>,
    /// The Enum types of its frames: the same in every row group.
    types: EnumTypes,
}

/// The tables being written into a directory (and, where asked, into a
/// workbook, from the same rows in the same pass).
pub struct TableSink {
    dir: PathBuf,
    csv: CsvOptions,
    slots: Vec<Slot>,
    workbook: Option<WorkbookSink>,
}

impl TableSink {
    /// A sink writing into `dir` (which exists), CSV as `csv` says.
    pub fn new(dir: &Path, csv: CsvOptions) -> Self {
        TableSink {
            dir: dir.to_path_buf(),
            csv,
            slots: Vec::new(),
            workbook: None,
        }
    }

    /// The same sink with a place for each table of `names` first, in that
    /// order: [`finish`](Self::finish) gives the tables in it, whichever
    /// order their rows came in (`municipalities`, made from the newest
    /// edition, comes last and is listed first).
    pub fn in_order(mut self, names: &[&'static str]) -> Self {
        for name in names {
            if !self.slots.iter().any(|s| s.name == *name) {
                self.slots.push(Slot {
                    name,
                    open: None,
                    types: EnumTypes::default(),
                });
            }
        }
        self
    }

    /// The same sink also writing every row into a workbook, a sheet per
    /// table of `sheets` (tables without rows, in the workbook's order).
    pub fn with_workbook(mut self, sheets: &[Table]) -> Result<Self, ExportError> {
        self.workbook = Some(WorkbookSink::new(sheets)?);
        Ok(self)
    }

    /// Writes the rows of `table` after those written before under its name.
    pub fn push(&mut self, table: &Table) -> Result<(), ExportError> {
        self.push_tables(vec![table])
    }

    /// Writes the tables of `editions` (in order: each edition's tables,
    /// in one order), each table's rows of every edition after those
    /// written before under its name; each table to its own files, in
    /// parallel, with one frame per table for all the editions.
    pub fn push_editions(&mut self, editions: &[Vec<Table>]) -> Result<(), ExportError> {
        self.push_tables(editions.iter().flatten().collect())
    }

    /// Writes `tables`, each table's parts in the order given (see
    /// [`push_editions`](Self::push_editions)).
    fn push_tables(&mut self, tables: Vec<&Table>) -> Result<(), ExportError> {
        let wanted = self.wanted(tables);
        let (dir, csv) = (self.dir.as_path(), self.csv);
        let slots = &mut self.slots;
        let wanted = &wanted;
        // The workbook takes the same rows, in order, while the files are written.
        let (book, files) = rayon::join(
            || match &mut self.workbook {
                Some(book) => push_book(book, wanted),
                None => Ok(()),
            },
            || write_slots(dir, csv, slots, wanted),
        );
        book?;
        files
    }

    /// Each table's parts (one per edition) and its slot; a table seen
    /// first gets a new slot.
    fn wanted<'t>(&mut self, tables: Vec<&'t Table>) -> Vec<(usize, Vec<&'t Table>)> {
        let mut wanted: Vec<(usize, Vec<&Table>)> = Vec::new();
        for t in tables {
            let k = match self.slots.iter().position(|s| s.name == t.name) {
                Some(k) => k,
                None => {
                    self.slots.push(Slot {
                        name: t.name,
                        open: None,
                        types: EnumTypes::default(),
                    });
                    self.slots.len() - 1
                }
            };
            match wanted.iter_mut().find(|(j, _)| *j == k) {
                Some((_, parts)) => parts.push(t),
                None => wanted.push((k, vec![t])),
            }
        }
        wanted
    }

    /// Writes the last tables (`editions`, as [`push_editions`](Self::push_editions)
    /// takes them) and closes every file, while the workbook takes the same
    /// rows and is finished with the validation `summary`: its compression
    /// runs beside the last files' writing, not after it. `closed` is handed
    /// the tables (as [`finish`](Self::finish) gives them): where a workbook
    /// is being made, as soon as every row is written, so that what is made
    /// of them is made while the files are closed and the workbook is
    /// compressed; else once the files are closed (what is made of them
    /// then takes the memory the files' buffers gave back: the seed's build
    /// peaks 0.6 MiB lower). Then the workbook's bytes, where the sink
    /// writes one, are returned. Where writing fails before, `closed` is
    /// not called; where closing a file or finishing the workbook fails
    /// after, the error is returned all the same.
    pub fn finish_with(
        mut self,
        editions: &[Vec<Table>],
        summary: &Summary,
        closed: impl FnOnce(Vec<TableFiles>) + Send,
    ) -> Result<Option<Vec<u8>>, ExportError> {
        let wanted = self.wanted(editions.iter().flatten().collect());
        let (dir, csv, mut slots, mut workbook) = (self.dir, self.csv, self.slots, self.workbook);
        let wanted = &wanted;
        // The workbook's rows first, on every thread: its compression, one
        // thread's work that cannot start before them, is the longest.
        if let Some(book) = &mut workbook {
            push_book(book, wanted)?;
        }
        let compressing = workbook.is_some();
        let (book, files) = rayon::join(
            || workbook.map(|book| book.finish(summary)).transpose(),
            || {
                write_slots(&dir, csv, &mut slots, wanted)?;
                let tables = written(&slots);
                if compressing {
                    closed(tables);
                    close(&dir, slots)
                } else {
                    close(&dir, slots)?;
                    closed(tables);
                    Ok(())
                }
            },
        );
        files?;
        book
    }

    /// Writes what is pending and closes every file, the tables in
    /// parallel; returns each table without rows, its row count and its
    /// CSV's replaced characters, in the order they were first pushed (or
    /// as [`in_order`](Self::in_order) put them). A workbook being written
    /// is dropped unfinished: [`finish_with`](Self::finish_with) finishes it.
    pub fn finish(self) -> Result<Vec<TableFiles>, ExportError> {
        let tables = written(&self.slots);
        close(&self.dir, self.slots)?;
        Ok(tables)
    }
}

/// The rows of `wanted` (each table's parts) into the workbook, in order.
fn push_book(book: &mut WorkbookSink, wanted: &[(usize, Vec<&Table>)]) -> Result<(), ExportError> {
    let tables: Vec<&Table> = wanted
        .iter()
        .flat_map(|(_, parts)| parts.iter().copied())
        .collect();
    book.push_all(&tables)
}

/// The rows of `wanted` (each table's parts, by slot) into their files, the
/// tables in parallel.
fn write_slots(
    dir: &Path,
    csv: CsvOptions,
    slots: &mut [Slot],
    wanted: &[(usize, Vec<&Table>)],
) -> Result<(), ExportError> {
    use rayon::prelude::*;
    let results: Vec<Result<(), ExportError>> = slots
        .par_iter_mut()
        .enumerate()
        .filter_map(|(k, slot)| {
            let parts = wanted.iter().find(|(j, _)| *j == k)?;
            Some((slot, parts.1.as_slice()))
        })
        .map(|(slot, parts)| write_rows(dir, csv, slot, parts))
        .collect();
    // The first table's error, whichever thread met it first.
    results.into_iter().collect()
}

/// Each table whose rows came, without rows, with its row count and its
/// CSV's replaced characters, in the slots' order.
fn written(slots: &[Slot]) -> Vec<TableFiles> {
    (slots.iter().filter_map(|s| s.open.as_ref()))
        .map(|open| TableFiles {
            header: open.header.header(),
            rows: open.rows,
            replaced: open.replaced.clone(),
        })
        .collect()
}

/// Writes what is pending of each table and closes its files, in parallel.
fn close(dir: &Path, slots: Vec<Slot>) -> Result<(), ExportError> {
    use rayon::prelude::*;
    let done: Vec<Result<(), ExportError>> = slots
        .into_par_iter()
        .map(|slot| {
            let Some(mut open) = slot.open else {
                return Ok(());
            };
            flush(&mut open)?;
            let name = open.header.name;
            let err = |source| ExportError::Polars {
                table: name.to_string(),
                source,
            };
            open.parquet.finish().map_err(err)?;
            let path = dir.join(format!("{name}.csv"));
            open.csv.flush().map_err(io(&path))
        })
        .collect();
    // The first table's error, whichever thread met it first.
    done.into_iter().collect()
}

/// Appends the rows of `parts` (one table, of one edition each) to its
/// files, creating them first if need be.
fn write_rows(
    dir: &Path,
    csv: CsvOptions,
    slot: &mut Slot,
    parts: &[&Table],
) -> Result<(), ExportError> {
    let Some(table) = parts.first() else {
        return Ok(());
    };
    let err = |source| ExportError::Polars {
        table: table.name.to_string(),
        source,
    };
    let df = crate::frame::frame_of(parts, &mut slot.types).map_err(err)?;
    let open = match &mut slot.open {
        Some(open) => open,
        none => none.insert(open_table(dir, csv, table, &df)?),
    };
    // CSV: the rows now, straight from the typed columns, each line
    // encoded as it is written.
    let name = format!("{}.csv", table.name);
    let plain = CsvOptions { bom: false, ..csv };
    let mut body = Vec::new();
    let mut encoder = CsvEncoder::new(&name, table, plain, open.csv_lines, &mut open.replaced);
    for part in parts {
        encoder.rows(part, &mut body)?;
    }
    let path = dir.join(&name);
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
fn open_table(
    dir: &Path,
    csv: CsvOptions,
    table: &Table,
    df: &DataFrame,
) -> Result<Open, ExportError> {
    let err = |source| ExportError::Polars {
        table: table.name.to_string(),
        source,
    };
    let parquet_path = dir.join(format!("{}.parquet", table.name));
    let file = File::create(&parquet_path).map_err(io(&parquet_path))?;
    let parquet = parquet_writer(BufWriter::new(file), table, df.schema())
        .and_then(|w| w.batched(df.schema()))
        .map_err(err)?;
    let csv_name = format!("{}.csv", table.name);
    let csv_path = dir.join(&csv_name);
    let mut csv_file = BufWriter::new(File::create(&csv_path).map_err(io(&csv_path))?);
    let mut replaced = Replaced::new();
    let mut header = Vec::new();
    CsvEncoder::new(&csv_name, table, csv, 0, &mut replaced).header(table, &mut header)?;
    csv_file.write_all(&header).map_err(io(&csv_path))?;
    Ok(Open {
        header: table.header(),
        parquet,
        csv: csv_file,
        pending: Vec::new(),
        pending_rows: 0,
        rows: 0,
        csv_lines: 1,
        replaced,
    })
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
