//! `zaitaku build [--out DIR] [--encoding …] INPUT...`
//!
//! Parses and validates every input, then writes every table as Parquet and
//! CSV, `datapackage.json` and the validation report into DIR (default
//! `output`), atomically. On a parse error (exit 2) or a failed check
//! (exit 1) DIR is left exactly as it was and the report goes to the terminal.

use crate::config::{
    process_in_batches, read_texts, say_totals, InputArgs, Overrides, Processed, Tally,
};
use crate::diagnostic::{line_starts, render, Diagnostic, Source};
use crate::Outcome;
use annotate_snippets::Level;
use anyhow::Context;
use std::path::PathBuf;
use zaitaku_export::atomic::write_atomically_with;
use zaitaku_export::stream::TableSink;
use zaitaku_export::table::Table;
use zaitaku_export::write::{CsvEncoding, CsvOptions, ExportError, Replaced, Unmappable};
use zaitaku_parse::model::{Report, Span};
use zaitaku_validate::ValidationReport;

/// Arguments of `build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output directory, replaced whole on success.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Put a UTF-8 byte order mark in front of every CSV (for Excel).
    #[arg(long)]
    csv_bom: bool,
    /// Encoding of the CSV files: utf-8 or cp932 (fails naming the line and
    /// character CP932 cannot hold).
    #[arg(long, default_value = "utf-8", value_parser = |s: &str| s.parse::<CsvEncoding>())]
    csv_encoding: CsvEncoding,
    /// With --csv-encoding cp932, what to do with a character CP932 cannot
    /// hold: fail (name it, write nothing), or replace it by its stated
    /// substitute (「⓪」 → 「(0)」, …; each counted in the validation report).
    #[arg(long, default_value = "fail", value_parser = |s: &str| s.parse::<Unmappable>())]
    cp932_unmappable: Unmappable,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `build`: reads every input, then parses, validates and writes the
/// editions in edition order, a batch at a time (the editions of a batch in
/// parallel), each edition's rows straight into the output files of a
/// temporary directory that takes the output's place only when everything
/// succeeded.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if args.csv_bom && args.csv_encoding != CsvEncoding::Utf8 {
        say!(
            "zaitaku: --csv-bom goes with UTF-8 only; expected no --csv-bom with --csv-encoding {}",
            args.csv_encoding.label()
        );
        return Ok(Outcome::InputError);
    }
    if args.cp932_unmappable == Unmappable::Replace && args.csv_encoding != CsvEncoding::Cp932 {
        say!(
            "zaitaku: --cp932-unmappable replace goes with --csv-encoding cp932; expected no --cp932-unmappable with --csv-encoding {}",
            args.csv_encoding.label()
        );
        return Ok(Outcome::InputError);
    }
    let csv = CsvOptions {
        bom: args.csv_bom,
        encoding: args.csv_encoding,
        unmappable: args.cp932_unmappable,
    };
    let mut inputs = args.input.inputs.clone();
    inputs.extend(args.input.overrides.iter().cloned());
    let target = match super::output_target(&args.out, &inputs) {
        Ok(target) => target,
        Err(outcome) => return Ok(outcome),
    };
    let mut phases = crate::term::Phases::start();
    let (texts, read) = read_texts(&args.input);
    if !read {
        return Ok(Outcome::InputError);
    }
    let pins = match &args.input.overrides {
        Some(path) => match Overrides::load(path, &texts) {
            Some(pins) => Some(pins),
            None => return Ok(Outcome::InputError),
        },
        None => None,
    };
    phases.lap("read");
    let mut run = Run::default();
    let several = texts.len() > 1;
    let written = write_atomically_with(&target, |tmp| {
        // The rows are written on a thread of their own while the next
        // batch is parsed: the writer takes a batch's tables through a
        // channel holding one batch at most.
        let (to_writer, batches) = std::sync::mpsc::sync_channel::<Vec<Vec<Table>>>(1);
        let writer = move || -> Result<Vec<zaitaku_export::stream::Written>, ExportError> {
            let mut sink = TableSink::new(tmp, csv);
            for tables in batches {
                // A batch's rows of each table in one frame (polars' cost
                // per frame is paid per batch, not per edition), the tables
                // written in parallel.
                sink.push_editions(&tables)?;
            }
            sink.finish()
        };
        let (tables, sent) = std::thread::scope(|scope| {
            let writing = scope.spawn(writer);
            let mut sent = true;
            process_in_batches(
                &texts,
                pins.as_ref(),
                // Tables only while nothing has failed.
                |p| match &p.edition {
                    // The edition as a diff reads it only where there is another to compare.
                    Some((r, v)) if v.passed() && several => {
                        let (tables, edition) = crate::config::tables_and_text(r, v);
                        Some((tables, Some(edition)))
                    }
                    Some((r, v)) if v.passed() => {
                        Some((zaitaku_export::tables::edition(r, v), None))
                    }
                    _ => None,
                },
                &mut run,
                |run, p, tables| run.take(p, tables),
                |run| {
                    if run.pending.is_empty() {
                        return true;
                    }
                    run.add_changes();
                    // A send fails only when the writer stopped on an error: it says which.
                    sent = to_writer.send(std::mem::take(&mut run.pending)).is_ok();
                    sent
                },
            );
            if run.clean() {
                let municipalities =
                    zaitaku_export::tables::municipalities(run.newest.as_ref().map(|(r, _)| r));
                sent = sent && to_writer.send(vec![vec![municipalities]]).is_ok();
            }
            drop(to_writer);
            let tables = writing.join().unwrap_or(Err(ExportError::Abandoned));
            (tables, sent)
        });
        let mut tables = tables?;
        if !run.clean() || !sent {
            return Err(ExportError::Abandoned);
        }
        // `municipalities` first, as the data package has always listed it.
        tables.rotate_right(1);
        run.rows = tables.iter().map(|(t, n, _)| (t.name, *n)).collect();
        // The sink gives each table back without rows: what the data package describes.
        let (headers, replaced): (Vec<Table>, Vec<(String, Replaced)>) = tables
            .into_iter()
            .map(|(t, _, r)| {
                let file = format!("{}.csv", t.name);
                (t, (file, r))
            })
            .unzip();
        run.replaced = replaced.iter().map(|(_, r)| r.values().sum::<u64>()).sum();
        let mut files =
            zaitaku_export::render_documents(&headers, &run.tally.summary, csv, &replaced);
        if let Some((report, validation)) = &run.newest {
            // The newest edition's text: the one its report was read from.
            let text = texts
                .iter()
                .find(|t| t.edition.as_ref().map(|e| e.as_of) == Some(report.edition.as_of));
            if let Some(text) = text {
                let started = std::time::Instant::now();
                files.push(zaitaku_export::page::render(&zaitaku_export::page::Page {
                    report,
                    validation,
                    summary: &run.tally.summary,
                    text: text.input.text(),
                    trend: &run.trend,
                    changes: run
                        .last_changes
                        .as_ref()
                        .map(|(before, list)| (before.as_str(), list.as_slice())),
                })?);
                run.page_time = started.elapsed();
            }
        }
        run.documents = files.len();
        for f in files {
            let path = tmp.join(&f.name);
            std::fs::write(&path, &f.bytes).map_err(|source| ExportError::Io { path, source })?;
        }
        Ok(())
    });
    phases.part("report page", run.page_time);
    phases.lap("parse, validate, write");
    for m in &run.tally.notes {
        say!("{m}");
    }
    if run.tally.input_failed(pins.as_ref()) {
        return Ok(Outcome::InputError);
    }
    if !run.tally.summary.passed() {
        say_totals(&run.tally.summary);
        say!(
            "zaitaku: validation failed; {} left untouched",
            args.out.display()
        );
        return Ok(Outcome::ValidationFailed);
    }
    match written {
        Ok(()) => {}
        Err(ExportError::Unencodable {
            file,
            line,
            column,
            character,
            code,
            text,
            at_column,
        }) => {
            say_totals(&run.tally.summary);
            say_unencodable(&file, line, &column, character, code, &text, at_column);
            say!(
                "zaitaku: nothing written; {} left untouched",
                args.out.display()
            );
            return Ok(Outcome::InputError);
        }
        Err(ExportError::Refused(refusal)) => {
            say_totals(&run.tally.summary);
            super::say_refusal(&refusal);
            return Ok(Outcome::InputError);
        }
        Err(e) => return Err(e).with_context(|| format!("writing {}", args.out.display())),
    }
    say_totals(&run.tally.summary);
    for (name, rows) in &run.rows {
        say!("zaitaku: {name}: {rows} rows");
    }
    if run.replaced > 0 {
        say!(
            "zaitaku: {} characters CP932 cannot hold written as their substitutes (validation_report.md lists them)",
            run.replaced
        );
    }
    say!(
        "zaitaku: wrote {} files to {}",
        run.rows.len() * 2 + run.documents,
        args.out.display()
    );
    Ok(Outcome::Ok)
}

/// What the editions gave so far, in edition order: the tally, and what
/// writing needs.
#[derive(Default)]
struct Run {
    tally: Tally,
    /// The newest edition and its validation: what the report page shows.
    newest: Option<(Report, ValidationReport)>,
    /// Page 1's shares of every edition, for the report page.
    trend: zaitaku_export::page::Trend,
    /// The last edition of the batch before, as a diff reads it (for `changes`).
    previous: Option<zaitaku_diff::Edition>,
    /// The newest edition's changes and the edition they are against.
    last_changes: Option<(String, Vec<zaitaku_diff::Change>)>,
    /// This batch's editions as a diff reads them (with several editions).
    editions: Vec<zaitaku_diff::Edition>,
    /// This batch's tables, per edition.
    pending: Vec<Vec<Table>>,
    rows: Vec<(&'static str, usize)>,
    /// Time spent rendering report.html (for `make bench`).
    page_time: std::time::Duration,
    /// Files written beside the tables (data package, reports, page).
    documents: usize,
    /// Characters the CSV files had replaced (`--cp932-unmappable replace`).
    replaced: u64,
}

impl Run {
    /// Takes one edition (see [`Tally::take`]) and, while nothing has
    /// failed, adds its rows to the batch's.
    fn take(&mut self, p: Processed, tables: Option<(Vec<Table>, Option<zaitaku_diff::Edition>)>) {
        let Some((report, validation)) = self.tally.take(p) else {
            return;
        };
        match (tables, self.tally.clean()) {
            (Some((tables, edition)), true) => {
                self.pending.push(tables);
                match edition {
                    Some(edition) => self.editions.push(edition),
                    // The one edition: no change, the file written all the same.
                    None => {
                        let iso = report.edition.as_of.iso();
                        if let Some(tables) = self.pending.last_mut() {
                            tables.push(zaitaku_export::changes::changes(&iso, &iso, &[]));
                        }
                    }
                }
            }
            _ => {
                self.pending.clear();
                self.editions.clear();
            }
        }
        self.trend.add(&report);
        self.newest = Some((report, validation));
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
        let lists: Vec<Option<(String, Vec<zaitaku_diff::Change>)>> = (0..editions.len())
            .into_par_iter()
            .map(|k| {
                let before = match k.checked_sub(1) {
                    Some(j) => editions.get(j),
                    None => previous.as_ref(),
                };
                match (before, editions.get(k)) {
                    (Some(old), Some(new)) => {
                        Some((old.edition.clone(), zaitaku_diff::diff(old, new)))
                    }
                    _ => None,
                }
            })
            .collect();
        for ((tables, list), edition) in self.pending.iter_mut().zip(&lists).zip(&editions) {
            let (before, changes) = match list {
                Some((before, changes)) => (before.as_str(), changes.as_slice()),
                None => (edition.edition.as_str(), &[][..]),
            };
            tables.push(zaitaku_export::changes::changes(
                before,
                &edition.edition,
                changes,
            ));
        }
        // The newest pair's, for the report page.
        if let Some(Some(last)) = lists.into_iter().last() {
            self.last_changes = Some(last);
        }
        self.previous = editions.into_iter().last();
    }

    /// Nothing has failed so far.
    fn clean(&self) -> bool {
        self.tally.clean()
    }
}

/// A character CP932 cannot hold, shown where the CSV would hold it.
fn say_unencodable(
    file: &str,
    line: usize,
    column: &str,
    character: char,
    code: u32,
    text: &str,
    at_column: u32,
) {
    let starts = line_starts(text);
    let source = Source {
        path: file,
        text,
        starts: &starts,
        first_line: u32::try_from(line).unwrap_or(u32::MAX),
    };
    let d = Diagnostic {
        level: Level::ERROR,
        id: "encoding",
        title: format!("expected characters CP932 can hold in column {column}"),
        at: Span::line(0, source.first_line).at_column(at_column),
        label: format!("「{character}」 (U+{code:04X}) has no CP932 code"),
        also: Vec::new(),
        notes: vec!["write UTF-8 (the default) or change the text".into()],
    };
    say!("{}", render(source, &d));
}
