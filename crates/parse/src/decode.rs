//! Bytes → text: encoding detection and decoding through encoding_rs, then
//! line ends unified to `\n`.
//!
//! `auto` honours a byte order mark (UTF-8, UTF-16LE/BE); without one, valid
//! UTF-8 is UTF-8, and anything else is handed to chardetng, whose guess must
//! be Shift_JIS (decoded as its WHATWG superset, CP932) or EUC-JP.

use crate::error::{ErrorKind, ParseError};
use crate::span::Span;
use encoding_rs::{DecoderResult, Encoding, EUC_JP, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8};

/// Which encoding to read the input with (`--encoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// Detect: BOM first, then UTF-8, then chardetng (Shift_JIS or EUC-JP).
    #[default]
    Auto,
    /// UTF-8 (a BOM, if present, is skipped).
    Utf8,
    /// Shift_JIS / CP932.
    ShiftJis,
    /// EUC-JP.
    EucJp,
    /// UTF-16 little endian.
    Utf16Le,
    /// UTF-16 big endian.
    Utf16Be,
}

impl std::str::FromStr for EncodingChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Ok(Self::Auto),
            "utf-8" | "utf8" => Ok(Self::Utf8),
            "shift-jis" | "sjis" | "cp932" => Ok(Self::ShiftJis),
            "euc-jp" => Ok(Self::EucJp),
            "utf-16le" => Ok(Self::Utf16Le),
            "utf-16be" => Ok(Self::Utf16Be),
            _ => Err(format!(
                "unknown encoding «{s}»; expected auto, utf-8, shift_jis, euc-jp, utf-16le or utf-16be"
            )),
        }
    }
}

/// Decoded text with every line end as `\n`, and the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed, CRLF and CR turned into LF.
    pub text: String,
    /// Name of the encoding used (for the terminal, never for output files).
    pub encoding: &'static str,
    /// Whether a byte order mark was present.
    pub had_bom: bool,
}

/// Decodes `bytes` with `choice`. Never replaces bad bytes: they are an error.
///
/// ```
/// use zaitaku_parse::decode::{decode, EncodingChoice};
/// let d = decode(b"\xEF\xBB\xBFa\r\nb\rc", EncodingChoice::Auto).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding, d.had_bom), ("a\nb\nc", "UTF-8", true));
/// ```
pub fn decode(bytes: &[u8], choice: EncodingChoice) -> Result<Decoded, ParseError> {
    if bytes.is_empty() {
        return Err(ParseError::of(
            ErrorKind::Decode,
            Span::file_line(1),
            "the text of the report",
            "an empty file",
        ));
    }
    if bytes.len() > crate::MAX_INPUT_BYTES {
        return Err(ParseError::of(
            ErrorKind::Limit,
            Span::file_line(1),
            format!(
                "at most {} bytes, the input size limit (one edition of the report is about 64 KB)",
                crate::MAX_INPUT_BYTES
            ),
            "a larger file",
        ));
    }
    let (encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some((enc, len)) if choice == EncodingChoice::Auto || choice == choice_of(enc) => {
            (enc, len)
        }
        _ => (pick(bytes, choice)?, 0),
    };
    let body = bytes.get(bom_len..).unwrap_or_default();
    if encoding != UTF_16LE && encoding != UTF_16BE {
        if let Some(offset) = body.iter().position(|&b| b == 0) {
            return Err(binary(encoding, body, offset));
        }
    }
    let text = decode_strict(encoding, body)?;
    if let Some(offset) = text.find('\0') {
        return Err(binary(UTF_8, text.as_bytes(), offset));
    }
    Ok(Decoded {
        text: unify_line_ends(&text),
        encoding: encoding.name(),
        had_bom: bom_len > 0,
    })
}

/// The question markers of the report (⓪–④) the encoding named `name`
/// (as [`Decoded::encoding`] names it) cannot hold: a copy saved in it has
/// lost them or holds a substitute (Shift_JIS and EUC-JP have no ⓪).
///
/// ```
/// use zaitaku_parse::decode::markers_lost_by;
/// assert_eq!(markers_lost_by("Shift_JIS"), ['⓪']);
/// assert!(markers_lost_by("UTF-8").is_empty());
/// ```
pub fn markers_lost_by(name: &str) -> Vec<char> {
    let Some(encoding) = Encoding::for_label(name.as_bytes()) else {
        return Vec::new();
    };
    let encoding = encoding.output_encoding();
    (crate::layout::MARKERS.iter().copied())
        .filter(|m| {
            let mut buffer = [0u8; 4];
            encoding.encode(m.encode_utf8(&mut buffer)).2
        })
        .collect()
}

fn choice_of(enc: &'static Encoding) -> EncodingChoice {
    match enc {
        e if e == UTF_16LE => EncodingChoice::Utf16Le,
        e if e == UTF_16BE => EncodingChoice::Utf16Be,
        _ => EncodingChoice::Utf8,
    }
}

/// A NUL byte at `offset` of `body` (read as `encoding`): binary data.
fn binary(encoding: &'static Encoding, body: &[u8], offset: usize) -> ParseError {
    damaged(
        encoding,
        body,
        offset,
        "text (a NUL byte marks a binary file)".to_string(),
        format!("a NUL byte at byte {offset}"),
    )
}

/// A decode error at byte `offset` of `body`: its line and column, and the
/// line as far as it can be read, for the message.
fn damaged(
    encoding: &'static Encoding,
    body: &[u8],
    offset: usize,
    expected: String,
    found: String,
) -> ParseError {
    let before = body.get(..offset).unwrap_or(body);
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |k| k + 1);
    let line_end = body
        .iter()
        .skip(offset)
        .position(|&b| b == b'\n')
        .map_or(body.len(), |k| offset + k);
    let read = |bytes: &[u8]| encoding.decode_without_bom_handling(bytes).0.into_owned();
    let column = read(before.get(line_start..).unwrap_or_default())
        .chars()
        .count();
    let line = before.iter().filter(|&&b| b == b'\n').count();
    let to_u32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).saturating_add(1);
    let mut error = ParseError::of(
        ErrorKind::Decode,
        Span::file_line(to_u32(line)).at_column(to_u32(column)),
        expected,
        &found,
    );
    error.source_line = Some(read(body.get(line_start..line_end).unwrap_or_default()));
    error
}

fn pick(bytes: &[u8], choice: EncodingChoice) -> Result<&'static Encoding, ParseError> {
    Ok(match choice {
        EncodingChoice::Utf8 => UTF_8,
        EncodingChoice::ShiftJis => SHIFT_JIS,
        EncodingChoice::EucJp => EUC_JP,
        EncodingChoice::Utf16Le => UTF_16LE,
        EncodingChoice::Utf16Be => UTF_16BE,
        EncodingChoice::Auto => {
            if let Some(utf16) = utf16_without_bom(bytes) {
                return Ok(utf16);
            }
            // UTF-8, UTF-8 cut inside its last character, or UTF-8 with a
            // few bad bytes.
            let utf8 =
                std::str::from_utf8(bytes).map_or_else(|e| e.error_len().is_none(), |_| true);
            if utf8 || mostly_utf8(bytes) {
                return Ok(UTF_8);
            }
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let guess = detector.guess(Some(b"jp"), chardetng::Utf8Detection::Deny);
            if guess == SHIFT_JIS || guess == EUC_JP {
                guess
            } else {
                return Err(ParseError::of(
                    ErrorKind::Decode,
                    Span::file_line(1),
                    "UTF-8, UTF-16 with a byte order mark, Shift_JIS or EUC-JP (use --encoding to force one)",
                    &format!("no byte order mark, not UTF-8, and bytes that look like {}", guess.name()),
                ));
            }
        }
    })
}

/// UTF-16 without a byte order mark (as some Windows tools save «Unicode»
/// text): the report's ASCII characters (digits, 「%」, spaces, line ends)
/// put a NUL byte at every other place, the odd ones for little-endian,
/// the even ones for big-endian, and few at the others. A binary file's
/// NUL bytes fall anywhere.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair.first() == Some(&0));
        odd += usize::from(pair.get(1) == Some(&0));
    }
    // One in ten code units ASCII, and twenty times fewer NUL bytes on the
    // other side (a character U+xx00 puts one there: 一 U+4E00, U+3000).
    let utf16 = |ascii: usize, other: usize| {
        ascii.saturating_mul(10) >= units && other.saturating_mul(20) <= ascii
    };
    if utf16(odd, even) {
        Some(UTF_16LE)
    } else if utf16(even, odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// UTF-8 with a few bad bytes (a damaged copy) rather than another encoding:
/// at most one invalid sequence per twenty valid multi-byte characters. Read
/// as UTF-8, the bad byte is then reported where it is, instead of the whole
/// file being called invalid Shift_JIS.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let lossy = String::from_utf8_lossy(bytes);
    let bad = lossy
        .chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER)
        .count();
    let multibyte = lossy
        .chars()
        .filter(|&c| c != char::REPLACEMENT_CHARACTER && !c.is_ascii())
        .count();
    multibyte >= 20 * bad
}

/// Decodes without replacement; on a bad byte, says where it is.
fn decode_strict(encoding: &'static Encoding, body: &[u8]) -> Result<String, ParseError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(body.len())
        .unwrap_or(body.len() * 3);
    let mut out = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, _) => {
            let offset = read.saturating_sub(usize::from(bad));
            // The last bytes begin a UTF-8 character and the file stops:
            // it was cut, not written in another encoding.
            if let Some(Err(e)) = (encoding == UTF_8).then(|| std::str::from_utf8(body)) {
                if e.error_len().is_none() {
                    let at = e.valid_up_to();
                    return Err(damaged(
                        encoding,
                        body,
                        at,
                        "text in UTF-8 to its end; the file ends inside a character: was it cut short?"
                            .to_string(),
                        format!(
                            "the file's end, {} byte(s) into a character (byte {at})",
                            body.len().saturating_sub(at)
                        ),
                    ));
                }
            }
            Err(damaged(
                encoding,
                body,
                offset,
                format!("text in {}", encoding.name()),
                format!(
                    "bytes that are not valid {} (byte {offset} of the text)",
                    encoding.name()
                ),
            ))
        }
        // The buffer is sized for the worst case, so this cannot happen; say so
        // rather than panic.
        DecoderResult::OutputFull => Err(damaged(
            encoding,
            body,
            read,
            format!("text in {}", encoding.name()),
            "more text than the decoder's buffer holds".to_string(),
        )),
    }
}

/// CRLF and lone CR become LF.
fn unify_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_without_a_byte_order_mark_is_detected() {
        let text = "５３ 100.0%\n在宅医療・介護連携推進事業 51 96.2%\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = decode(&bytes, EncodingChoice::Auto).unwrap();
            assert_eq!(
                (d.text.as_str(), d.encoding, d.had_bom),
                (text, name, false)
            );
        }
        // A binary file's NUL bytes fall on both sides: still binary.
        assert!(decode(b"ab\0c\0\0de", EncodingChoice::Auto).is_err());
    }

    #[test]
    fn a_file_cut_inside_a_utf8_character_says_so() {
        let text = "５３ 100.0%\n在宅";
        for cut in 1..3 {
            let bytes = text.as_bytes();
            let bytes = &bytes[..bytes.len() - cut];
            for choice in [EncodingChoice::Utf8, EncodingChoice::Auto] {
                let err = decode(bytes, choice).unwrap_err();
                assert!(
                    err.expected.contains("was it cut short?"),
                    "{}",
                    err.expected
                );
                assert_eq!(err.position.line, 2);
            }
        }
        // A bad byte inside the text is no cut.
        let err = decode(b"ok\nab\xFFc", EncodingChoice::Utf8).unwrap_err();
        assert!(!err.expected.contains("cut short"));
    }

    const LINE: &str =
        "（イ）在宅医療・介護連携の課題の抽出と\n対応策の検討 51 96.2% 47 88.7% 7.5%\n";

    fn encoded(enc: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom_give_the_same_text() {
        let plain = decode(LINE.as_bytes(), EncodingChoice::Auto).unwrap();
        let with_bom = decode(
            &[b"\xEF\xBB\xBF", LINE.as_bytes()].concat(),
            EncodingChoice::Auto,
        )
        .unwrap();
        assert_eq!(plain.text, LINE);
        assert_eq!(with_bom.text, LINE);
        assert!(with_bom.had_bom && !plain.had_bom);
    }

    #[test]
    fn utf16_with_bom_is_detected() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(LINE.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(LINE.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            decode(&le, EncodingChoice::Auto).unwrap().encoding,
            "UTF-16LE"
        );
        assert_eq!(decode(&be, EncodingChoice::Auto).unwrap().text, LINE);
    }

    #[test]
    fn shift_jis_and_euc_jp_are_detected_without_bom() {
        let sjis = decode(&encoded(SHIFT_JIS, LINE), EncodingChoice::Auto).unwrap();
        let euc = decode(&encoded(EUC_JP, LINE), EncodingChoice::Auto).unwrap();
        assert_eq!((sjis.encoding, sjis.text.as_str()), ("Shift_JIS", LINE));
        assert_eq!((euc.encoding, euc.text.as_str()), ("EUC-JP", LINE));
    }

    #[test]
    fn crlf_and_cr_become_lf() {
        let d = decode("a\r\nb\rc\n".as_bytes(), EncodingChoice::Utf8).unwrap();
        assert_eq!(d.text, "a\nb\nc\n");
    }

    #[test]
    fn empty_and_binary_input_are_errors() {
        let empty = decode(b"", EncodingChoice::Auto).unwrap_err();
        assert_eq!(
            (empty.kind, empty.found.to_string().as_str()),
            (ErrorKind::Decode, "«an empty file»")
        );
        let binary = decode(b"x\nab\0cd", EncodingChoice::Auto).unwrap_err();
        assert_eq!(binary.position, Span::file_line(2).at_column(3));
        assert_eq!(binary.source_line.as_deref(), Some("ab\0cd"));
    }

    #[test]
    fn utf8_with_one_bad_byte_is_reported_as_utf8() {
        let mut bytes = LINE.repeat(10).into_bytes();
        bytes[3] = 0xFF;
        let err = decode(&bytes, EncodingChoice::Auto).unwrap_err();
        assert_eq!(
            (err.kind, err.position.line),
            (ErrorKind::Decode, 1),
            "{err:?}"
        );
        assert_eq!(err.expected, "text in UTF-8");
    }

    #[test]
    fn bad_utf8_names_line_and_column() {
        let err = decode(b"ok\nab\xFFc", EncodingChoice::Utf8).unwrap_err();
        assert_eq!(err.position, Span::file_line(2).at_column(3));
        assert_eq!(
            err.found.text(),
            "bytes that are not valid UTF-8 (byte 5 of the text)"
        );
        assert_eq!(err.source_line.as_deref(), Some("ab\u{FFFD}c"));
    }
}
