//! Each edition parsed, pinned and validated on its own, a batch of
//! editions at a time in parallel, the results handed on in edition order;
//! and the tally of what they gave (the validation summary, whether an
//! edition did not parse, the pins rejected).

use crate::input::Input;
use crate::pins::Pins;
use zaitaku_parse::error::ParseError;
use zaitaku_parse::model::{Date, Report};
use zaitaku_parse::Parser;
use zaitaku_validate::report::Summary;
use zaitaku_validate::ValidationReport;

/// Editions parsed and validated at once: enough to keep the cores busy,
/// few enough that memory holds only a handful of editions.
pub const BATCH: usize = 16;

/// An edition parsed, pinned and validated.
#[derive(Debug)]
pub struct Validated {
    /// The edition's tables as resolved.
    pub report: Report,
    /// Its checks and ambiguities.
    pub validation: ValidationReport,
}

/// What one edition gave.
#[derive(Debug)]
pub enum Outcome {
    /// The text does not parse: every error, in text order.
    NotParsed(Vec<ParseError>),
    /// It parsed, but the overrides file's pins of its edition are wrong:
    /// their errors (of the overrides file).
    PinsRejected {
        /// The edition the text prints.
        edition: Date,
        /// The errors, of the overrides file.
        errors: Vec<ParseError>,
    },
    /// Parsed, pinned and validated (its checks may have failed).
    Validated(Box<Validated>),
}

/// One input and what it gave.
#[derive(Debug)]
pub struct Processed<'a> {
    /// The input.
    pub input: &'a Input,
    /// What it gave.
    pub outcome: Outcome,
}

/// Parses `input`'s text with `parser`, pins its cells of `pins` and validates it.
pub fn process<'a>(parser: &Parser, input: &'a Input, pins: Option<&Pins>) -> Processed<'a> {
    // As printed, then pinned, then decided once (with the pins).
    let parsed = match input.grid() {
        Some(grid) => parser.parse_grid_printed(grid),
        None => parser.parse_printed(input.text()),
    };
    let outcome = match parsed {
        Err(errors) => Outcome::NotParsed(errors.0),
        Ok(mut report) => match pins.map_or(Ok(()), |p| p.apply(&mut report)) {
            Err(errors) => Outcome::PinsRejected {
                edition: report.edition.as_of,
                errors,
            },
            Ok(()) => {
                let report = zaitaku_parse::resolve::finish(report);
                let validation = zaitaku_validate::validate(std::slice::from_ref(&report));
                Outcome::Validated(Box::new(Validated { report, validation }))
            }
        },
    };
    Processed { input, outcome }
}

/// The inputs (in edition order) in batches of [`BATCH`], each batch
/// processed in parallel, its results in edition order.
pub fn batches<'a>(
    parser: &'a Parser,
    inputs: &'a [Input],
    pins: Option<&'a Pins>,
) -> impl Iterator<Item = Batch<'a>> + 'a {
    inputs.chunks(BATCH).map(move |inputs| Batch {
        parser,
        inputs,
        pins,
    })
}

/// A batch of editions to process.
pub struct Batch<'a> {
    parser: &'a Parser,
    inputs: &'a [Input],
    pins: Option<&'a Pins>,
}

impl<'a> Batch<'a> {
    /// Each edition of the batch processed, in parallel, in edition order.
    pub fn process(&self) -> Vec<Processed<'a>> {
        self.process_with(|_| ())
            .into_iter()
            .map(|(p, ())| p)
            .collect()
    }

    /// As [`process`](Self::process), with `extra` of each edition
    /// computed beside it on the same thread.
    pub fn process_with<T: Send>(
        &self,
        extra: impl Fn(&Processed<'a>) -> T + Sync,
    ) -> Vec<(Processed<'a>, T)> {
        use rayon::prelude::*;
        let (parser, pins) = (self.parser, self.pins);
        (self.inputs.par_iter())
            .map(|input| {
                let p = process(parser, input, pins);
                let x = extra(&p);
                (p, x)
            })
            .collect()
    }
}

/// What the editions gave so far, in edition order: their validation
/// summary, whether one did not parse, and the pins rejected.
#[derive(Debug, Default)]
pub struct Tally {
    /// The validation summary of the editions validated.
    pub summary: Summary,
    /// An edition did not parse.
    pub parse_failed: bool,
    /// Errors of the overrides file's pins, of every edition.
    pub pin_errors: Vec<ParseError>,
}

impl Tally {
    /// Takes one edition's outcome: adds its validation to the summary or
    /// keeps its errors; gives the edition back where it was validated.
    pub fn take(&mut self, outcome: Outcome) -> Option<Box<Validated>> {
        match outcome {
            Outcome::NotParsed(_) => {
                self.parse_failed = true;
                None
            }
            Outcome::PinsRejected { errors, .. } => {
                self.pin_errors.extend(errors);
                None
            }
            Outcome::Validated(v) => {
                self.summary.add(&v.validation);
                Some(v)
            }
        }
    }

    /// Nothing has failed so far.
    pub fn clean(&self) -> bool {
        !self.parse_failed && self.pin_errors.is_empty() && self.summary.passed()
    }

    /// An input failed (exit 2): an edition did not parse or a pin is wrong.
    pub fn input_failed(&self) -> bool {
        self.parse_failed || !self.pin_errors.is_empty()
    }
}

/// Every edition of `inputs` processed (in batches) and kept, each handed
/// to `seen` first (in edition order); with the tally and every
/// validation in one report.
pub fn validate_all(
    parser: &Parser,
    inputs: &[Input],
    pins: Option<&Pins>,
    mut seen: impl FnMut(&Processed<'_>),
) -> (Tally, Vec<Report>, ValidationReport) {
    let mut tally = Tally::default();
    let (mut reports, mut all) = (Vec::new(), ValidationReport::default());
    for batch in batches(parser, inputs, pins) {
        for p in batch.process() {
            seen(&p);
            if let Some(v) = tally.take(p.outcome) {
                reports.push(v.report);
                all.extend(v.validation);
            }
        }
    }
    (tally, reports, all)
}
