//! The overrides file (`--overrides`): read once, checked against the
//! editions of the inputs, its pins applied edition by edition.

use zaitaku_parse::decode::EncodingChoice;
use zaitaku_parse::error::ParseError;
use zaitaku_parse::model::{Date, Report};
use zaitaku_parse::resolve::overrides::{self, Override};

/// The pins of an overrides file, with the file they were read from (every
/// error of theirs points into it).
#[derive(Debug)]
pub struct Pins {
    path: String,
    text: String,
    pins: Vec<Override>,
}

/// An overrides file that cannot be taken: its errors, in line order, with
/// the file they point into.
#[derive(Debug)]
pub struct Rejected {
    /// The path as given.
    pub path: String,
    /// Its text.
    pub text: String,
    /// Its errors, in line order.
    pub errors: Vec<ParseError>,
}

impl Pins {
    /// Reads the file `path` holding `text`: every line a pin naming one of
    /// `editions` (the inputs'); else every bad line.
    pub fn parse(path: String, text: String, editions: &[Date]) -> Result<Pins, Rejected> {
        let read = overrides::parse(&text).and_then(|pins| {
            let unknown = overrides::unknown_editions(&pins, editions);
            if unknown.is_empty() {
                Ok(pins)
            } else {
                Err(unknown)
            }
        });
        let pins = match read {
            Ok(pins) => pins,
            Err(errors) => return Err(Rejected::new(path, text, errors)),
        };
        Ok(Pins { path, text, pins })
    }

    /// Reads the file `path` holding `bytes` as [`parse`](Self::parse) does,
    /// decoded first as a spreadsheet saved it: UTF-8 with or without BOM,
    /// UTF-16, or the system's encoding (Shift_JIS on a Japanese Windows),
    /// told apart as inputs are. An empty file is one without a header.
    pub fn decode(path: String, bytes: &[u8], editions: &[Date]) -> Result<Pins, Rejected> {
        if bytes.is_empty() {
            return Pins::parse(path, String::new(), editions);
        }
        match zaitaku_parse::decode::decode(bytes, EncodingChoice::Auto) {
            Ok(decoded) => Pins::parse(path, decoded.text, editions),
            Err(e) => {
                let text = String::from_utf8_lossy(bytes).into_owned();
                Err(Rejected::new(path, text, vec![e]))
            }
        }
    }

    /// Pins this file's cells of `report`'s edition, as parsed and not yet
    /// decided (`Parser::parse_printed`; `zaitaku_parse::resolve::finish`
    /// then decides its tables and windows once, with the pins).
    pub fn apply(&self, report: &mut Report) -> Result<(), Vec<ParseError>> {
        let edition = report.edition.as_of;
        let mine: Vec<Override> = (self.pins.iter())
            .filter(|p| p.edition == edition)
            .cloned()
            .collect();
        if mine.is_empty() {
            return Ok(());
        }
        overrides::apply(std::slice::from_mut(report), &mine, &self.path)
    }

    /// `errors` (of [`apply`](Self::apply)) as a rejection of this file.
    pub fn rejected(&self, errors: Vec<ParseError>) -> Rejected {
        Rejected::new(self.path.clone(), self.text.clone(), errors)
    }
}

impl Rejected {
    fn new(path: String, text: String, mut errors: Vec<ParseError>) -> Rejected {
        errors.sort_by_key(|e| e.position.line);
        Rejected { path, text, errors }
    }
}
