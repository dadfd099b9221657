//! The inputs: each file's bytes read as a text (decoded, or a PDF's text)
//! with the edition it prints, found before any is parsed so that the
//! editions can be taken in order and two inputs of one edition refused.
//! The bytes come from the caller (the binary reads the files); nothing
//! here does I/O.

use std::sync::OnceLock;
use zaitaku_parse::decode::{decode, EncodingChoice};
use zaitaku_parse::error::ParseError;
use zaitaku_parse::model::Edition;
use zaitaku_parse::Parser;

/// How an input's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadAs {
    /// Decoded text: the encoding's name and whether a byte order mark led it.
    Text {
        /// The encoding (`UTF-8`, `Shift_JIS`, …), for the terminal only.
        encoding: &'static str,
        /// A byte order mark was present.
        bom: bool,
    },
    /// A PDF without ruled tables: its lines by baseline, as `zaitaku
    /// extract` writes them (the lines every message refers to), a form
    /// feed between pages.
    Pdf,
    /// A PDF whose pages are ruled tables, read by the position of each
    /// glyph and rule: its cells, rendered as the text `zaitaku extract`
    /// writes (a table row per line).
    RuledPdf,
}

/// An input read: its path as the user gave it, its text, how it was read
/// and the edition it prints (if one reads).
#[derive(Debug)]
pub struct Input {
    path: String,
    text: String,
    read_as: ReadAs,
    /// A ruled PDF's pages as read by position.
    grid: Option<zaitaku_parse::grid::Grid>,
    edition: Option<Edition>,
    /// Where each line starts, found only when a message shows a line.
    starts: OnceLock<Vec<usize>>,
}

/// Why an input's bytes do not read as a text.
#[derive(Debug)]
pub enum InputError {
    /// The file could not be read.
    Unreadable(std::io::Error),
    /// A PDF that cannot be read (damaged, encrypted, without text, …).
    Pdf(zaitaku_pdf::PdfError),
    /// Bytes that do not decode (or an empty or oversized file).
    Decode(ParseError),
    /// A file of a known binary kind (an image, an archive, a program):
    /// not the report's text.
    Binary(&'static str),
}

/// The kind of a file whose first bytes name a binary format other than
/// PDF: what a user may have given by mistake (a screenshot of the report,
/// a workbook, a program).
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
        (b"PK\x03\x04", "a ZIP archive (or an Excel or Word file)"),
        (b"\xd0\xcf\x11\xe0", "an old Office file (.xls, .doc)"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"\x7fELF", "a program"),
        (b"PAR1", "a Parquet file"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

impl Input {
    /// Reads `bytes` (the file `path`) as a text: a PDF's text where they
    /// start `%PDF-`, else decoded as `encoding` says; and finds its edition.
    pub fn from_bytes(
        parser: &Parser,
        path: String,
        bytes: &[u8],
        encoding: EncodingChoice,
    ) -> Result<Input, InputError> {
        if let Some(kind) = binary_kind(bytes) {
            return Err(InputError::Binary(kind));
        }
        let (text, read_as) = if zaitaku_pdf::is_pdf(bytes) {
            match pdf_text(bytes).map_err(InputError::Pdf)? {
                PdfRead::Ruled(grid) => {
                    let mut input =
                        Input::from_text(parser, path, grid.text().to_string(), ReadAs::RuledPdf);
                    input.grid = Some(grid);
                    return Ok(input);
                }
                PdfRead::Text(text) => (text, ReadAs::Pdf),
            }
        } else {
            let d = decode(bytes, encoding).map_err(InputError::Decode)?;
            let read_as = ReadAs::Text {
                encoding: d.encoding,
                bom: d.had_bom,
            };
            (d.text, read_as)
        };
        let grid = match read_as {
            ReadAs::Text { .. } => zaitaku_parse::grid::Grid::spaced(parser.matchers(), &text),
            _ => None,
        };
        let mut input = Input::from_text(parser, path, text, read_as);
        input.grid = grid;
        Ok(input)
    }

    /// An input whose text is already decoded.
    pub fn from_text(parser: &Parser, path: String, text: String, read_as: ReadAs) -> Input {
        let edition = parser.edition_of(&text);
        Input {
            path,
            text,
            read_as,
            grid: None,
            edition,
            starts: OnceLock::new(),
        }
    }

    /// A ruled PDF's pages as read by position (`None` for a text).
    pub fn grid(&self) -> Option<&zaitaku_parse::grid::Grid> {
        self.grid.as_ref()
    }

    /// The path as the user gave it.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The text, as every position of a message refers to it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How its bytes were read.
    pub fn read_as(&self) -> ReadAs {
        self.read_as
    }

    /// The edition it prints, read without parsing the tables.
    pub fn edition(&self) -> Option<&Edition> {
        self.edition.as_ref()
    }

    /// The byte offset where each line of the text starts.
    pub fn line_starts(&self) -> &[usize] {
        self.starts.get_or_init(|| line_starts(&self.text))
    }
}

/// What a PDF reads as.
pub enum PdfRead {
    /// Ruled tables, read by position.
    Ruled(zaitaku_parse::grid::Grid),
    /// No page is ruled: its lines by baseline, read as a text.
    Text(String),
}

/// Reads a PDF by the position of each glyph and rule: its cells where any
/// page is a ruled table, else its lines by baseline (top to bottom, left
/// to right, whatever order it draws them in), as a text.
pub fn pdf_text(bytes: &[u8]) -> Result<PdfRead, zaitaku_pdf::PdfError> {
    let pages = zaitaku_pdf::read_layout(bytes)?;
    let grid = zaitaku_parse::grid::Grid::new(&pages);
    Ok(if grid.is_ruled() {
        PdfRead::Ruled(grid)
    } else {
        PdfRead::Text(grid.text().to_string())
    })
}

/// The byte offset where each line of `text` starts (lines end at `\n`).
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(k, _)| k + 1))
        .collect()
}

/// An input that is not taken, in the order the inputs were given.
#[derive(Debug)]
pub enum Refused {
    /// Its bytes do not read as a text.
    Unread {
        /// The path as given.
        path: String,
        /// Why.
        error: InputError,
    },
    /// It prints the edition of an input given before it.
    RepeatedEdition {
        /// The input.
        input: Box<Input>,
        /// The path of the input given first with the same edition.
        first: String,
    },
}

/// The inputs taken, in edition order, and those refused.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The texts, oldest edition first; an input whose edition does not
    /// read comes last (parsing says why), inputs among those in their order.
    pub texts: Vec<Input>,
    /// The inputs refused, in the order given.
    pub refused: Vec<Refused>,
}

impl Inputs {
    /// Reads every path (its bytes from `read`, in parallel) as an
    /// [`Input`], refuses those that do not read and those repeating an
    /// edition, and puts the rest in edition order.
    pub fn read<P: Sync>(
        parser: &Parser,
        paths: &[P],
        shown: impl Fn(&P) -> String + Sync,
        read: impl Fn(&P) -> std::io::Result<Vec<u8>> + Sync,
        encoding: EncodingChoice,
    ) -> Inputs {
        use rayon::prelude::*;
        let read: Vec<Result<Input, Refused>> = paths
            .par_iter()
            .map(|p| {
                let path = shown(p);
                let error = match read(p) {
                    // The bytes go as soon as the text is read.
                    Ok(bytes) => match Input::from_bytes(parser, path.clone(), &bytes, encoding) {
                        Ok(input) => return Ok(input),
                        Err(error) => error,
                    },
                    Err(e) => InputError::Unreadable(e),
                };
                Err(Refused::Unread { path, error })
            })
            .collect();
        let mut inputs = Inputs::default();
        for r in read {
            match r {
                Ok(input) => inputs.take(input),
                Err(refused) => inputs.refused.push(refused),
            }
        }
        // Stable: inputs whose edition does not read keep their order, last.
        (inputs.texts)
            .sort_by_key(|t| t.edition.as_ref().map_or((1, None), |e| (0, Some(e.as_of))));
        inputs
    }

    /// Takes `input`, or refuses it where an input taken before prints its edition.
    fn take(&mut self, input: Input) {
        let first = input.edition.as_ref().and_then(|e| {
            (self.texts.iter()).find(|t| t.edition.as_ref().is_some_and(|f| f.as_of == e.as_of))
        });
        match first {
            Some(first) => {
                let first = first.path.clone();
                self.refused.push(Refused::RepeatedEdition {
                    input: Box::new(input),
                    first,
                });
            }
            None => self.texts.push(input),
        }
    }

    /// The editions of the inputs taken (those whose edition reads), in
    /// edition order: what a pin must name.
    pub fn editions(&self) -> Vec<zaitaku_parse::model::Date> {
        (self.texts.iter())
            .filter_map(|t| t.edition.as_ref().map(|e| e.as_of))
            .collect()
    }

    /// Whether every input was taken.
    pub fn all_taken(&self) -> bool {
        self.refused.is_empty()
    }
}
