//! A build: every edition streamed through [`process`](crate::editions::process)
//! in batches, each batch's tables written while the next is parsed, the
//! changes between consecutive editions computed, then the data package,
//! the reports and the page, all into a temporary directory that takes the
//! output's place only when everything succeeded.

use crate::editions::{batches, Outcome, Processed, Tally, Validated};
use crate::input::Input;
use crate::pins::Pins;
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, SyncSender};
use std::time::{Duration, Instant};
use zaitaku_export::stream::{TableFiles, TableSink};
use zaitaku_export::write::{xlsx, CsvOptions, ExportError, OutputFile, Replaced};
use zaitaku_export::Documents;
use zaitaku_outdir::atomic::write_atomically_with;
use zaitaku_outdir::claim::Target;
use zaitaku_parse::model::Date;
use zaitaku_parse::Parser;
use zaitaku_table::Table;

/// A build of every table of `inputs` (in edition order, as
/// [`Inputs::read`](crate::input::Inputs::read) gives them) into a target.
pub struct Build<'a> {
    /// The parser of every edition.
    pub parser: &'a Parser,
    /// The editions, oldest first.
    pub inputs: &'a [Input],
    /// The overrides file's pins.
    pub pins: Option<&'a Pins>,
    /// How the CSV files are written.
    pub csv: CsvOptions,
    /// Also write `tables.xlsx`, every table a sheet (`--xlsx`).
    pub xlsx: bool,
    /// Write every table even where a check failed (`--keep-failed`): the
    /// failures stand in `validation_checks` and first in the documents.
    /// A parse error or a wrong pin still writes nothing.
    pub keep_failed: bool,
}

/// What a build gave.
#[derive(Debug)]
pub struct Built {
    /// What the editions gave (a parse error or a failed check means
    /// nothing was written).
    pub tally: Tally,
    /// What was written, or why nothing was.
    pub written: Result<Written, NotWritten>,
}

/// The report page and its render time (none without an edition).
type Page = Option<(OutputFile, Duration)>;

/// What the writer thread is sent: a batch's tables; last, the last
/// batch's with `municipalities`, and the validation summary of every
/// edition (for the workbook's first sheet, finished beside the last files).
enum ToWriter {
    Tables(Vec<Vec<Table>>),
    Last {
        tables: Vec<Vec<Table>>,
        summary: Box<zaitaku_validate::report::Summary>,
    },
}

/// Why a build wrote nothing (the target is as it was).
#[derive(Debug)]
pub enum NotWritten {
    /// An edition did not parse, a pin is wrong or a check failed: the
    /// tally says which.
    EditionFailed,
    /// Writing failed, or the target is not zaitaku's to replace.
    Export(ExportError),
}

impl From<ExportError> for NotWritten {
    fn from(e: ExportError) -> Self {
        NotWritten::Export(e)
    }
}

impl From<zaitaku_outdir::DirError> for NotWritten {
    fn from(e: zaitaku_outdir::DirError) -> Self {
        NotWritten::Export(e.into())
    }
}

/// What a build wrote.
#[derive(Debug, Default)]
pub struct Written {
    /// Each table and its rows, in the data package's order.
    pub tables: Vec<(&'static str, usize)>,
    /// Files beside the tables (data package, reports, README, page).
    pub documents: usize,
    /// Characters the CSV files had replaced (`Unmappable::Replace`).
    pub replaced: u64,
    /// Time spent rendering the report page.
    pub page_time: Duration,
}

impl Written {
    /// Every file written: each table's Parquet and CSV, and the documents.
    pub fn files(&self) -> usize {
        self.tables.len() * 2 + self.documents
    }
}

/// An edition's tables and, with several editions, the same as a diff reads them.
type EditionTables = (Vec<Table>, Option<zaitaku_diff::Edition>);

impl Build<'_> {
    /// Runs the build into `target`, handing each edition to `seen` in
    /// edition order as soon as its batch is processed (for messages).
    pub fn run(&self, target: &Target, mut seen: impl FnMut(&Processed<'_>)) -> Built {
        let mut stream = Stream {
            keep_failed: self.keep_failed,
            ..Stream::default()
        };
        let written = write_atomically_with(target, |tmp| self.write(tmp, &mut stream, &mut seen));
        Built {
            tally: stream.tally,
            written,
        }
    }

    /// Streams the editions into `tmp` on a writer thread, each batch
    /// written while the next is parsed; then `municipalities`, from the
    /// newest; the report page, drawn while the writer writes the last
    /// rows (where there is a workbook, once the writer hands the tables
    /// back: the workbook's rows, written first, take every core); and the
    /// documents, written once the writer hands the tables back (where
    /// there is a workbook, while the files are closed and it is
    /// compressed).
    fn write(
        &self,
        tmp: &Path,
        stream: &mut Stream,
        seen: &mut impl FnMut(&Processed<'_>),
    ) -> Result<Written, NotWritten> {
        // The writer takes a batch's tables through a channel holding one batch at most.
        let (to_writer, received) = std::sync::mpsc::sync_channel::<ToWriter>(1);
        // It hands the tables back (see TableSink::finish_with).
        let (hand_back, files) = std::sync::mpsc::channel::<Vec<TableFiles>>();
        let writer = self.writer(tmp, received, hand_back);
        let (written, workbook) = std::thread::scope(|scope| {
            let writing = scope.spawn(writer);
            let sent = self.send(stream, seen, &to_writer);
            drop(to_writer);
            let writable = stream.writable() && sent;
            // The page while the writer writes the last files' rows; where
            // it writes the workbook's first (on every thread), once the
            // tables are handed back, while the workbook is compressed.
            let early = (writable && !self.xlsx).then(|| self.page(stream));
            // The documents, then: the tables are handed back only after
            // the last batch was sent (so where everything is written);
            // none where the writer stopped (it says why).
            let written = (files.recv().ok()).map(|tables| {
                let page = early.unwrap_or_else(|| self.page(stream))?;
                self.documents(tmp, stream, tables, page)
            });
            let workbook = writing.join().unwrap_or(Err(ExportError::ThreadStopped {
                what: "writing the tables",
            }));
            (written, workbook)
        });
        let workbook = workbook?;
        let Some(written) = written else {
            return Err(NotWritten::EditionFailed);
        };
        let mut written = written?;
        if let Some(bytes) = workbook {
            let path = tmp.join(xlsx::FILE);
            std::fs::write(&path, bytes).map_err(|source| ExportError::Io { path, source })?;
            written.documents += 1;
        }
        Ok(written)
    }

    /// The writer: makes the sink (with the workbook where asked), writes
    /// each batch it is sent and, with the last, hands the tables to
    /// `written` (see [`TableSink::finish_with`]), closes the files and
    /// gives the workbook's bytes.
    fn writer<'t>(
        &self,
        tmp: &'t Path,
        received: Receiver<ToWriter>,
        written: Sender<Vec<TableFiles>>,
    ) -> impl FnOnce() -> Result<Option<Vec<u8>>, ExportError> + Send + 't {
        let (csv, xlsx) = (self.csv, self.xlsx);
        move || {
            // Every table in file order, whichever order its rows come in.
            let headers = crate::tables::headers();
            let names: Vec<&'static str> = headers.iter().map(|t| t.name).collect();
            let mut sink = TableSink::new(tmp, csv).in_order(&names);
            if xlsx {
                // Every table's sheet, in the same order.
                sink = sink.with_workbook(&headers)?;
            }
            for message in received {
                match message {
                    // A batch's rows of each table in one frame (polars' cost
                    // per frame is paid per batch, not per edition), the tables
                    // written in parallel.
                    ToWriter::Tables(tables) => sink.push_editions(&tables)?,
                    ToWriter::Last { tables, summary } => {
                        // The receiver is gone only when the build stopped.
                        let hand = |files| drop(written.send(files));
                        return sink.finish_with(&tables, &summary, hand);
                    }
                }
            }
            // No last batch: a check failed; what was written is dropped
            // (the workbook is not compressed for nothing).
            sink.finish()?;
            Ok(None)
        }
    }

    /// Processes every batch, handing each edition to `seen`, and sends
    /// the writer each batch's tables once the next is processed, so that
    /// the last goes with `municipalities` and the summary. Whether every
    /// send was taken (a send fails only when the writer stopped on an
    /// error: it says which).
    fn send(
        &self,
        stream: &mut Stream,
        seen: &mut impl FnMut(&Processed<'_>),
        to_writer: &SyncSender<ToWriter>,
    ) -> bool {
        // The last batch processed, not yet sent.
        let mut held: Option<Vec<Vec<Table>>> = None;
        for batch in batches(self.parser, self.inputs, self.pins) {
            // Tables only while nothing has failed (a check may, with --keep-failed).
            let keep_failed = self.keep_failed;
            let done = batch.process_with(|p| match &p.outcome {
                Outcome::Validated(v) if v.validation.passed() || keep_failed => {
                    Some(edition_tables(v, several(self.inputs)))
                }
                _ => None,
            });
            for (p, tables) in done {
                seen(&p);
                stream.take(p.outcome, tables);
            }
            // Every edition is processed (each says what it gave), but
            // rows are sent only while nothing has failed.
            if !stream.pending.is_empty() {
                stream.add_changes();
                let tables = std::mem::take(&mut stream.pending);
                if let Some(before) = held.replace(tables) {
                    if to_writer.send(ToWriter::Tables(before)).is_err() {
                        return false;
                    }
                }
            }
        }
        if !stream.writable() {
            return true;
        }
        let newest = stream.newest.as_ref().map(|v| &v.report);
        let mut tables = held.take().unwrap_or_default();
        tables.push(vec![zaitaku_table::tables::municipalities(newest)]);
        let summary = Box::new(stream.tally.summary.clone());
        to_writer.send(ToWriter::Last { tables, summary }).is_ok()
    }

    /// Writes the documents beside the `tables` (every row written): the
    /// data package, the validation reports, the README and the `page`;
    /// what was written so far (the workbook, where there is one, is
    /// named in them and written after).
    fn documents(
        &self,
        tmp: &Path,
        stream: &Stream,
        tables: Vec<TableFiles>,
        page: Page,
    ) -> Result<Written, NotWritten> {
        let mut written = Written {
            tables: tables.iter().map(|t| (t.header.name, t.rows)).collect(),
            ..Written::default()
        };
        // The sink gives each table back without rows: what the data package describes.
        let mut headers: Vec<(Table, usize)> = Vec::with_capacity(tables.len());
        let mut replaced: Vec<(String, Replaced)> = Vec::with_capacity(tables.len());
        for t in tables {
            replaced.push((format!("{}.csv", t.header.name), t.replaced));
            headers.push((t.header, t.rows));
        }
        written.replaced = replaced.iter().map(|(_, r)| r.values().sum::<u64>()).sum();
        let others: Vec<&str> = (page.iter().map(|(f, _)| f.name.as_str()))
            .chain(self.xlsx.then_some(xlsx::FILE))
            .collect();
        let mut files = zaitaku_export::render_documents(&Documents {
            tables: &headers,
            summary: &stream.tally.summary,
            csv: self.csv,
            replaced: &replaced,
            others: &others,
        });
        if let Some((file, took)) = page {
            files.push(file);
            written.page_time = took;
        }
        written.documents = files.len();
        for f in files {
            let path = tmp.join(&f.name);
            std::fs::write(&path, &f.bytes).map_err(|source| ExportError::Io { path, source })?;
        }
        Ok(written)
    }

    /// The report page of the newest edition, with its render time.
    fn page(&self, stream: &Stream) -> Result<Page, ExportError> {
        let Some(newest) = &stream.newest else {
            return Ok(None);
        };
        // The newest edition's text: the one its report was read from.
        let as_of = newest.report.edition.as_of;
        let input = (self.inputs.iter()).find(|t| t.edition().map(|e| e.as_of) == Some(as_of));
        let Some(input) = input else {
            return Ok(None);
        };
        let started = Instant::now();
        let page = zaitaku_page::render(&zaitaku_page::Page {
            report: &newest.report,
            validation: &newest.validation,
            summary: &stream.tally.summary,
            text: input.text(),
            trend: &stream.trend,
            changes: (stream.last_changes.as_ref())
                .map(|(before, list)| (*before, list.as_slice())),
            workbook: self.xlsx,
        })
        .map_err(|e| ExportError::Chart {
            chart: e.chart,
            message: e.message,
        })?;
        Ok(Some((page, started.elapsed())))
    }
}

/// Whether a build has several editions (and so changes between them).
fn several(inputs: &[Input]) -> bool {
    inputs.len() > 1
}

/// An edition's tables, and with `several` editions the same as a diff
/// reads them.
fn edition_tables(v: &Validated, several: bool) -> EditionTables {
    if !several {
        return (
            zaitaku_table::tables::edition(&v.report, &v.validation),
            None,
        );
    }
    let (tables, edition) = crate::tables::edition(&v.report, &v.validation);
    (tables, Some(edition))
}

/// What the editions gave so far, in edition order: the tally, and what
/// writing needs.
#[derive(Default)]
struct Stream {
    tally: Tally,
    /// The newest edition and its validation: what the report page shows.
    newest: Option<Box<Validated>>,
    /// Page 1's shares of every edition, for the report page.
    trend: zaitaku_page::Trend,
    /// The last edition of the batch before, as a diff reads it (for `changes`).
    previous: Option<zaitaku_diff::Edition>,
    /// The newest edition's changes and the edition they are against.
    last_changes: Option<(Date, Vec<zaitaku_diff::Change>)>,
    /// This batch's editions as a diff reads them (with several editions).
    editions: Vec<zaitaku_diff::Edition>,
    /// This batch's tables, per edition.
    pending: Vec<Vec<Table>>,
    /// A failed check does not stop the writing (`--keep-failed`).
    keep_failed: bool,
}

impl Stream {
    /// Whether what was taken so far is written: no parse error, no wrong
    /// pin, and every check passed (or `--keep-failed`).
    fn writable(&self) -> bool {
        !self.tally.input_failed() && (self.keep_failed || self.tally.summary.passed())
    }

    /// Takes one edition (see [`Tally::take`]) and, while nothing has
    /// failed, adds its rows to the batch's.
    fn take(&mut self, outcome: Outcome, tables: Option<EditionTables>) {
        let Some(v) = self.tally.take(outcome) else {
            return;
        };
        match (tables, self.writable()) {
            (Some((tables, edition)), true) => {
                self.pending.push(tables);
                match edition {
                    Some(edition) => self.editions.push(edition),
                    // The one edition: no change, the file written all the same.
                    None => {
                        if let Some(tables) = self.pending.last_mut() {
                            tables.push(crate::tables::unchanged(v.report.edition.as_of));
                        }
                    }
                }
            }
            _ => {
                self.pending.clear();
                self.editions.clear();
            }
        }
        self.trend.add(&v.report);
        self.newest = Some(v);
    }

    /// Adds to each edition of the batch its `changes` against the edition
    /// before it (none for the first of the build), the pairs compared in
    /// parallel.
    fn add_changes(&mut self) {
        use rayon::prelude::*;
        let editions = std::mem::take(&mut self.editions);
        if editions.len() != self.pending.len() {
            return;
        }
        let previous = self.previous.take();
        // Each edition's changes against the one before (none for the first).
        let made: Vec<(Table, Vec<zaitaku_diff::Change>)> = (0..editions.len())
            .into_par_iter()
            .filter_map(|k| {
                let before = match k.checked_sub(1) {
                    Some(j) => editions.get(j),
                    None => previous.as_ref(),
                };
                Some(crate::tables::changes(before, editions.get(k)?))
            })
            .collect();
        let mut lists = Vec::with_capacity(made.len());
        for (tables, (changes, list)) in self.pending.iter_mut().zip(made) {
            tables.push(changes);
            lists.push(list);
        }
        // The newest pair's, for the report page (none where the newest is
        // the build's first edition).
        let last = editions.len().checked_sub(1);
        let before_last = last.and_then(|k| match k.checked_sub(1) {
            Some(j) => editions.get(j),
            None => previous.as_ref(),
        });
        if let (Some(before), Some(list)) = (before_last, lists.pop()) {
            self.last_changes = Some((before.edition, list));
        }
        self.previous = editions.into_iter().last();
    }
}
