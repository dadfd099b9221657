//! A PDF of the report read by where each glyph and each ruling line sits
//! (pure Rust: `pdf-extract` gives the glyphs, lopdf the file), never by
//! the order it draws them in; or why it cannot be read.
//!
//! [`read_layout`] gives each page as a [`CellPage`](zaitaku_parse::cells::CellPage)
//! ([`layout`]): the cells of its ruled table, if it has one, and its other
//! text in lines by baseline. What cannot be read is a [`PdfError`] that
//! says what to do: a damaged or truncated file (never its readable part
//! taken as the whole), an encrypted one, one with no text layer (a scan),
//! one over [`MAX_PDF_BYTES`]. The extractor is run under `catch_unwind`: a
//! PDF that makes it panic (damaged copies of the typeset seed do, in
//! pdf-extract and adobe-cmap-parser) is an error, not a crash, and
//! [`extracting`] lets a panic hook stay quiet for it.
//!
//! ```
//! assert!(zaitaku_pdf::is_pdf(b"%PDF-1.4\n"));
//! let err = zaitaku_pdf::read_layout(b"%PDF-1.4\n").unwrap_err();
//! assert!(err.to_string().contains("damaged or truncated"));
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod layout;

use pdf_extract::{output_doc_page, Document};
use std::cell::Cell;

thread_local! {
    /// Whether this thread is running the extractor inside [`read`].
    static EXTRACTING: Cell<bool> = const { Cell::new(false) };
}

/// Whether this thread is running the extractor inside [`read_layout`], which
/// turns the extractor's panics into [`PdfError::Panicked`]: a panic hook
/// can stay quiet for those (the binary's does) and speak for any other.
pub fn extracting() -> bool {
    EXTRACTING.with(Cell::get)
}

/// Runs `f` with [`extracting`] true, catching its panic.
fn extract<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    EXTRACTING.with(|e| e.set(true));
    let got = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    EXTRACTING.with(|e| e.set(false));
    got
}

/// The largest PDF read, in bytes (64 MiB, as for a text input; the typeset
/// seed is about 230 KB). A larger one is refused before it is parsed.
pub const MAX_PDF_BYTES: usize = 64 << 20;

/// Whether `bytes` are a PDF: they start with `%PDF-`.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF-")
}

/// Why a PDF cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// Over [`MAX_PDF_BYTES`].
    #[error("a PDF of {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
    /// The file does not parse as a PDF (truncated, or damaged).
    #[error("the PDF is damaged or truncated ({0}); nothing of it was read")]
    Damaged(String),
    /// Encrypted, with no empty user password.
    #[error("the PDF is encrypted; decrypt it first (e.g. `qpdf --decrypt --password=… in.pdf out.pdf`)")]
    Encrypted,
    /// No page prints any text: a scan.
    #[error("none of its {pages} pages has a text layer (a scan?): OCR it first (e.g. `ocrmypdf -l jpn in.pdf out.pdf`), or give the text an extractor wrote")]
    NoText {
        /// Pages in the PDF.
        pages: usize,
    },
    /// A page cannot be read: the whole PDF is refused, not the rest taken.
    #[error("page {page} of {pages} cannot be read ({message}); nothing of the PDF was taken")]
    Page {
        /// The page, from 1.
        page: u32,
        /// Pages in the PDF.
        pages: usize,
        /// What the extractor said.
        message: String,
    },
    /// The extractor panicked on a page.
    #[error("the PDF extractor failed on page {page} (a bug it has with this file); extract the text with another tool and give that")]
    Panicked {
        /// The page, from 1.
        page: u32,
    },
}

/// Reads every page of the PDF `bytes` by the position of each glyph and
/// ruling line ([`layout`]): its table's cells and its other text, as the
/// parse crate's cell pages.
pub fn read_layout(bytes: &[u8]) -> Result<Vec<zaitaku_parse::cells::CellPage>, PdfError> {
    let doc = load(bytes)?;
    let pages = each_page(&doc, |doc, page| {
        // The ruling lines from the page's content stream itself (any paint
        // operator; read before the glyphs, moved once the page's height is
        // known), then the glyphs.
        let mut collector = layout::Collector::default();
        collector.rules(&operations(doc, page));
        output_doc_page(doc, &mut collector, page)?;
        collector.turn_upright();
        Ok(layout::layout(&collector, page))
    })?;
    // Rules without a glyph (a scan's drawn boxes) are no text either.
    let printed = |p: &zaitaku_parse::cells::CellPage| {
        p.cells.iter().any(|c| !c.lines.is_empty()) || !p.above.is_empty() || !p.below.is_empty()
    };
    if !pages.iter().any(printed) {
        return Err(PdfError::NoText { pages: pages.len() });
    }
    Ok(pages)
}

/// A page's path operations ([`layout::path_operations`]; none where its
/// content cannot be read).
fn operations(doc: &Document, page: u32) -> Vec<pdf_extract::content::Operation> {
    (doc.get_pages().get(&page))
        .and_then(|id| doc.get_page_content(*id).ok())
        .map(|bytes| layout::path_operations(&bytes))
        .unwrap_or_default()
}

/// The PDF `bytes` parsed (and decrypted where its user password is
/// empty), under `catch_unwind`.
fn load(bytes: &[u8]) -> Result<Document, PdfError> {
    if bytes.len() > MAX_PDF_BYTES {
        return Err(PdfError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_PDF_BYTES,
        });
    }
    let loaded =
        extract(|| Document::load_mem(bytes)).map_err(|_| PdfError::Panicked { page: 1 })?;
    let mut doc = loaded.map_err(|e| PdfError::Damaged(e.to_string()))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    if doc.get_pages().is_empty() {
        return Err(PdfError::Damaged("no page".into()));
    }
    cid_widths_as_lists(&mut doc);
    Ok(doc)
}

/// Rewrites every CID font's widths (`W`) of the range form `c_first c_last
/// w` as the list form `c_first [w w …]`, which means the same. pdf-extract
/// 0.12.1 misreads the range form (it takes `c_first` for all three numbers,
/// so no glyph of the range gets its width): every glyph after one of them
/// in a run is placed too far right, and a line's glyphs come out of order
/// (Chromium's PDFs write the digits' widths so: 「○」、「平成」 read
/// 「○、」「平成」). The list form it reads right.
fn cid_widths_as_lists(doc: &mut Document) {
    use pdf_extract::Object;
    /// The widths array `w` in list form only.
    fn as_lists(w: &[Object]) -> Vec<Object> {
        let number = |o: &Object| match o {
            Object::Integer(i) => Some(*i),
            Object::Real(r) => Some(*r as i64),
            _ => None,
        };
        let mut out = Vec::with_capacity(w.len());
        let mut i = 0;
        while let Some(first) = w.get(i) {
            match (w.get(i + 1), w.get(i + 2)) {
                (Some(Object::Array(list)), _) => {
                    out.extend([first.clone(), Object::Array(list.clone())]);
                    i += 2;
                }
                (Some(last), Some(width)) => {
                    let range = number(first).zip(number(last));
                    // A CID is 16 bits: a longer range is damage, kept as is.
                    match range.filter(|(f, l)| (0..=65_535).contains(&(l - f))) {
                        Some((f, l)) => {
                            let n = usize::try_from(l - f + 1).unwrap_or(0);
                            out.extend([first.clone(), Object::Array(vec![width.clone(); n])]);
                        }
                        None => out.extend([first.clone(), last.clone(), width.clone()]),
                    }
                    i += 3;
                }
                _ => {
                    out.extend(w.get(i..).unwrap_or_default().iter().cloned());
                    break;
                }
            }
        }
        out
    }
    let is_cid_font = |d: &pdf_extract::Dictionary| matches!(d.get(b"Subtype"), Ok(Object::Name(n)) if n.starts_with(b"CIDFontType"));
    let mut referenced = Vec::new();
    for object in doc.objects.values_mut() {
        let Ok(dict) = object.as_dict_mut() else {
            continue;
        };
        if !is_cid_font(dict) {
            continue;
        }
        match dict.get_mut(b"W") {
            Ok(Object::Array(w)) => *w = as_lists(w),
            Ok(Object::Reference(id)) => referenced.push(*id),
            _ => {}
        }
    }
    for id in referenced {
        if let Ok(Object::Array(w)) = doc.get_object_mut(id) {
            *w = as_lists(w);
        }
    }
}

/// `read_page` on every page of `doc`, in page order, under
/// `catch_unwind`; a page that cannot be read refuses the whole PDF.
fn each_page<T>(
    doc: &Document,
    read_page: impl Fn(&Document, u32) -> Result<T, pdf_extract::OutputError>,
) -> Result<Vec<T>, PdfError> {
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut pages = Vec::with_capacity(numbers.len());
    for &page in &numbers {
        let got = extract(|| read_page(doc, page))
            .map_err(|_| PdfError::Panicked { page })?
            .map_err(|e| PdfError::Page {
                page,
                pages: numbers.len(),
                message: format!("{e:?}"),
            })?;
        pages.push(got);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_pdf_or_is_cut_short_is_refused_whole() {
        assert!(!is_pdf(b"\xEF\xBB\xBF%PDF-"));
        for bytes in [
            &b"%PDF-1.7\n1 0 obj\n<<"[..],
            b"%PDF-",
            b"%PDF-1.4\n%%EOF\n",
        ] {
            assert!(
                matches!(read_layout(bytes), Err(PdfError::Damaged(_))),
                "{bytes:?}"
            );
        }
        let big = vec![b' '; MAX_PDF_BYTES + 1];
        assert!(matches!(read_layout(&big), Err(PdfError::TooLarge { .. })));
    }
}
