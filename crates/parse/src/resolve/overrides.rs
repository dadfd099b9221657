//! The overrides file: a person pins the cells the text cannot decide or
//! decides wrong (`--overrides raw/overrides.csv`): an association's year
//! (pages 5–6), a municipality's mark (pages 3–4), a municipality's 設置箇所数
//! (pages 7–11). A CSV with a header row naming the columns of the pins it
//! holds, in any order; each row fills those of one pin:
//!
//! ```text
//! edition,program,association,fiscal_year,participated,municipality,item,question,sub_question,mark,windows,reason
//! 2017-07-31,round_the_clock_care,千代田区,2012,true,,,,,,,minutes of the 2012 board meeting
//! 2017-07-31,,,,,中央区,ウ,2,,◎,,the ward's own answer sheet
//! 2017-07-31,,,,,中央区,,,,,4,page 7 of the reprint
//! ```
//!
//! A file of one kind needs only its columns (`edition,program,association,
//! fiscal_year,participated[,reason]` as ever). `participated` is `true` or
//! `false`; `mark` one of ◎ ○ △ × -; `windows` a count; `reason` is free. A pin
//! is validated like the rest: one that contradicts a row's marks, a year's
//! total, page 2's counts or the windows printed fails a check. A line
//! naming an edition, program, association, municipality, question or year
//! the inputs do not have is an input error, with its line.

use crate::error::{ErrorKind, ParseError};
use crate::layout::{Item, Mark, Program, SubQuestion};
use crate::model::windows::{CountPin, Printed};
use crate::model::{AnswerValue, Date, Pin, Report, Span};

/// One pin, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Line of the file, from 1.
    pub line: u32,
    /// Edition (its as-of date).
    pub edition: Date,
    /// What it pins.
    pub pin: Pinned,
}

/// What a pin sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pinned {
    /// An association's participation in a program's fiscal year.
    Year(YearPin),
    /// A municipality's mark for a question of pages 3–4.
    Mark(MarkPin),
    /// A municipality's 設置箇所数 on pages 7–11.
    Count(WindowsPin),
}

/// An association's participation in a program's fiscal year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearPin {
    /// Program.
    pub program: Program,
    /// Association as in `association_programs.association`.
    pub association: String,
    /// Fiscal year.
    pub fiscal_year: i32,
    /// The pinned value.
    pub participated: bool,
}

/// A municipality's mark for a question of pages 3–4.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkPin {
    /// Municipality, as the pages print it.
    pub municipality: String,
    /// Item.
    pub item: Item,
    /// Question number.
    pub question: u8,
    /// キ②'s sub-question.
    pub sub: Option<SubQuestion>,
    /// The mark's status.
    pub status: Mark,
}

/// A municipality's 設置箇所数 on pages 7–11.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowsPin {
    /// Municipality.
    pub municipality: String,
    /// Its windows.
    pub windows: u32,
}

/// The columns a pin of each kind needs, beside `edition`.
const YEAR: [&str; 4] = ["program", "association", "fiscal_year", "participated"];
const MARK: [&str; 4] = ["municipality", "item", "question", "mark"];
const COUNT: [&str; 2] = ["municipality", "windows"];
/// Every column the file may have (others, such as a pandas index, are ignored).
const KNOWN: [&str; 13] = [
    "edition",
    "program",
    "association",
    "fiscal_year",
    "participated",
    "municipality",
    "item",
    "question",
    "sub_question",
    "mark",
    "windows",
    "reason",
    "",
];

/// Reads the file's text (decoded; with or without BOM) as spreadsheets
/// write a CSV: fields quoted or not (a quoted field may hold commas and
/// line breaks), comma-, semicolon- or tab-separated (the header says
/// which), columns found by their names in any order (others, such as a
/// pandas index, ignored), empty rows (`,,,,,`) skipped; `participated` as
/// `true`/`false` in any case or `1`/`0`; an edition as
/// [`Date::parse_written`] reads it; a year as `2012` (or `2012.0`); an
/// item as ア or a–h, a question as 1 or ①, a sub-question as pamphlet or
/// website. Every bad line is an error naming its line.
pub fn parse(text: &str) -> Result<Vec<Override>, Vec<ParseError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // One line end, so that the reader's line numbers count lines (it
    // counts a CRLF's LF as the next record's).
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.as_str();
    let err = |line: u32, expected: &str, found: &str| {
        ParseError::of(ErrorKind::Overrides, Span::file_line(line), expected, found)
    };
    let mut records = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes())
        .into_records();
    let mut errors = Vec::new();
    let mut next = |errors: &mut Vec<ParseError>| loop {
        match records.next()? {
            Ok(r) if r.iter().all(str::is_empty) => continue,
            Ok(r) => return Some((line_of(&r), r)),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let line = u32::try_from(line).unwrap_or(u32::MAX);
                errors.push(err(line, "a CSV row", &e.to_string()));
            }
        }
    };
    let Some((header_line, header)) = next(&mut errors) else {
        return Err(vec![err(1, "a header row", "an empty file")]);
    };
    let names: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    if let Err(e) = header_names(&names, header_line) {
        return Err(vec![e]);
    }
    let mut out = Vec::new();
    while let Some((n, record)) = next(&mut errors) {
        let row = Row {
            record: &record,
            names: &names,
        };
        let field = |name: &str| row.field(name);
        let edition_text = field("edition");
        let Some(edition) = Date::parse_written(edition_text) else {
            errors.push(err(
                n,
                "an edition: an input's as-of date, as YYYY-MM-DD or YYYY/M/D",
                edition_text,
            ));
            continue;
        };
        let kinds: Vec<&str> = [
            ("participated", "year"),
            ("mark", "mark"),
            ("windows", "count"),
        ]
        .iter()
        .filter(|(c, _)| !field(c).is_empty())
        .map(|(_, k)| *k)
        .collect();
        let pin = match kinds[..] {
            ["year"] => year(&row, n),
            ["mark"] => mark(&row, n),
            ["count"] => count(&row, n),
            [] => Err(err(
                n,
                "a pin: participated, mark or windows filled",
                &record.iter().collect::<Vec<_>>().join(","),
            )),
            _ => Err(err(
                n,
                "one pin per row: participated, mark or windows, not several",
                &kinds.join(" and "),
            )),
        };
        match pin {
            Ok(pin) => out.push(Override {
                line: n,
                edition,
                pin,
            }),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.sort_by_key(|e| e.position.line);
        Err(errors)
    }
}

/// Whether the header `names` (printed on `line`) names `edition` and the
/// columns of a kind of pin; else what it lacks, with the nearest names.
fn header_names(names: &[String], line: u32) -> Result<(), ParseError> {
    let column = |name: &str| names.iter().position(|n| n == name);
    let has = |set: &[&str]| set.iter().all(|c| column(c).is_some());
    if column("edition").is_some() && (has(&YEAR) || has(&MARK) || has(&COUNT)) {
        return Ok(());
    }
    let unknown: Vec<&str> = (names.iter().map(String::as_str))
        .filter(|n| !KNOWN.contains(n))
        .collect();
    let missing: Vec<&str> = (KNOWN.iter().copied())
        .filter(|k| !k.is_empty() && column(k).is_none())
        .collect();
    let near: Vec<String> = (unknown.iter())
        .filter_map(|u| crate::suggest::nearest(u, &missing).map(|m| format!("«{u}» for «{m}»")))
        .collect();
    let hint = match near.is_empty() {
        true => String::new(),
        false => format!(" (did you mean {}?)", near.join(", ")),
    };
    Err(ParseError::of(
        ErrorKind::Overrides,
        Span::file_line(line),
        format!(
            "a header naming edition and the columns of a pin: {} (an association's year); {}[, sub_question] (a mark); {} (a 設置箇所数){hint}",
            YEAR.join(", "),
            MARK.join(", "),
            COUNT.join(", ")
        ),
        &names.join(","),
    ))
}

/// A record of the file, its fields found by the header's names.
struct Row<'a> {
    record: &'a csv::StringRecord,
    names: &'a [String],
}

impl<'a> Row<'a> {
    /// The field of column `name`, empty where the header has no such column.
    fn field(&self, name: &str) -> &'a str {
        (self.names.iter().position(|n| n == name))
            .and_then(|k| self.record.get(k))
            .unwrap_or("")
    }
}

/// A row's pin of an association's year.
fn year(row: &Row<'_>, n: u32) -> Result<Pinned, ParseError> {
    let field = |name: &str| row.field(name);
    let err = |expected: &str, found: &str| {
        ParseError::of(ErrorKind::Overrides, Span::file_line(n), expected, found)
    };
    let program_id = field("program");
    let Some(program) = Program::ALL.into_iter().find(|p| p.id() == program_id) else {
        let ids = Program::ALL.map(Program::id);
        return Err(err(
            &format!(
                "a program: {}{}",
                ids.join(" or "),
                crate::suggest::did_you_mean(program_id, &ids)
            ),
            program_id,
        ));
    };
    let Some(fiscal_year) = fiscal_year(field("fiscal_year")) else {
        return Err(err(
            "a fiscal year as four digits (YYYY)",
            field("fiscal_year"),
        ));
    };
    let participated = match field("participated").to_lowercase().as_str() {
        "true" | "1" => true,
        "false" | "0" => false,
        other => {
            return Err(err(
                "participated: true or false (TRUE, FALSE, 1, 0)",
                other,
            ))
        }
    };
    Ok(Pinned::Year(YearPin {
        program,
        association: field("association").to_string(),
        fiscal_year,
        participated,
    }))
}

/// A row's pin of a municipality's mark.
fn mark(row: &Row<'_>, n: u32) -> Result<Pinned, ParseError> {
    let field = |name: &str| row.field(name);
    let err = |expected: &str, found: &str| {
        ParseError::of(ErrorKind::Overrides, Span::file_line(n), expected, found)
    };
    let item_text = field("item");
    let item = item_of(item_text).ok_or_else(|| err("an item: ア … ク (or a … h)", item_text))?;
    let question_text = field("question");
    let question = question_of(question_text).ok_or_else(|| {
        err(
            "a question: its number, 1 or ① (0 or ⓪ for ク⓪)",
            question_text,
        )
    })?;
    let sub = match field("sub_question") {
        "" => None,
        s => Some(
            sub_question_of(s)
                .ok_or_else(|| err("a sub-question: pamphlet or website (キ② only)", s))?,
        ),
    };
    let mark_text = field("mark");
    let status = (Mark::ALL.into_iter())
        .find(|m| {
            mark_text.chars().eq(std::iter::once(m.usual()))
                || (mark_text == "〇" && *m == Mark::PlannedThisYear)
        })
        .ok_or_else(|| err("a mark: ◎, ○, △, × or -", mark_text))?;
    Ok(Pinned::Mark(MarkPin {
        municipality: field("municipality").to_string(),
        item,
        question,
        sub,
        status,
    }))
}

/// A row's pin of a municipality's 設置箇所数.
fn count(row: &Row<'_>, n: u32) -> Result<Pinned, ParseError> {
    let field = |name: &str| row.field(name);
    let text = field("windows");
    let digits = text.strip_suffix(".0").unwrap_or(text);
    let windows = (digits.bytes().all(|b| b.is_ascii_digit()) && !digits.is_empty())
        .then(|| digits.parse::<u32>().ok())
        .flatten()
        .filter(|w| u64::from(*w) <= crate::text::MAX_NUMBER)
        .ok_or_else(|| {
            ParseError::of(
                ErrorKind::Overrides,
                Span::file_line(n),
                "windows: a count (0, 1, 2, …)",
                text,
            )
        })?;
    Ok(Pinned::Count(WindowsPin {
        municipality: field("municipality").to_string(),
        windows,
    }))
}

/// An item written ア, （ア）, or as the wide table's letter a–h.
fn item_of(text: &str) -> Option<Item> {
    let t = text.trim_matches(['（', '）', '(', ')']);
    let mut chars = t.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    Item::from_katakana(c).or_else(|| {
        let k = "abcdefgh".find(c.to_ascii_lowercase())?;
        Item::ALL.get(k).copied()
    })
}

/// A question written 1 or ①.
fn question_of(text: &str) -> Option<u8> {
    let mut chars = text.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let from_marker = crate::layout::MARKERS.iter().position(|m| *m == c);
    let no = from_marker.or_else(|| c.to_digit(10).and_then(|d| usize::try_from(d).ok()))?;
    u8::try_from(no).ok().filter(|n| *n <= 4)
}

/// A sub-question written as its id or its label.
fn sub_question_of(text: &str) -> Option<SubQuestion> {
    [SubQuestion::Pamphlet, SubQuestion::Website]
        .into_iter()
        .find(|s| s.id() == text.to_lowercase() || s.label() == text)
}

/// The line a record starts on, from 1.
fn line_of(record: &csv::StringRecord) -> u32 {
    let line = record.position().map_or(0, csv::Position::line);
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// The separator of the header (the first line that is not blank): a tab
/// or a semicolon where it holds one and no comma, else a comma.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    match (
        header.contains(','),
        header.contains('\t'),
        header.contains(';'),
    ) {
        (false, true, _) => b'\t',
        (false, false, true) => b';',
        _ => b',',
    }
}

/// A fiscal year written `2012`, `２０１２` or `2012.0` (a spreadsheet's
/// number): four digits.
fn fiscal_year(text: &str) -> Option<i32> {
    let digits: String = text.chars().map(crate::text::half_width_digit).collect();
    let digits = digits.strip_suffix(".0").unwrap_or(&digits);
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The pins of `overrides` naming an edition none of `editions` is, each
/// as the error [`apply`] gives it: checked once every input's edition is
/// known, before any is parsed.
pub fn unknown_editions(overrides: &[Override], editions: &[Date]) -> Vec<ParseError> {
    (overrides.iter())
        .filter(|o| !editions.contains(&o.edition))
        .map(unknown_edition)
        .collect()
}

/// A pin naming an edition no input prints.
fn unknown_edition(o: &Override) -> ParseError {
    ParseError::of(
        ErrorKind::Overrides,
        Span::file_line(o.line),
        "the edition (as-of date) of an input",
        &o.edition.iso(),
    )
}

/// Pins every override into its edition as parsed, before it is decided
/// ([`crate::Parser::parse_printed`]): an association's year into its table;
/// a mark into its cell; a count into the windows as printed.
/// [`crate::resolve::finish`] then decides each table and places the
/// windows once, with the pins. `source` names the file in each pin
/// (`raw/overrides.csv`).
pub fn apply(
    reports: &mut [Report],
    overrides: &[Override],
    source: &str,
) -> Result<(), Vec<ParseError>> {
    let mut errors = Vec::new();
    for o in overrides {
        let Some(report) = reports.iter_mut().find(|r| r.edition.as_of == o.edition) else {
            errors.push(unknown_edition(o));
            continue;
        };
        let pinned = match &o.pin {
            Pinned::Year(pin) => pin_year(report, o, pin, source),
            Pinned::Mark(pin) => pin_mark(report, o, pin, source),
            Pinned::Count(pin) => pin_count(report, o, pin, source),
        };
        if let Err(e) = pinned {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The error of pin `o`: `expected`, found `found`.
fn pin_error(o: &Override, expected: String, found: &str) -> ParseError {
    ParseError::of(
        ErrorKind::Overrides,
        Span::file_line(o.line),
        expected,
        found,
    )
}

/// An association's year pinned into its table.
fn pin_year(
    report: &mut Report,
    o: &Override,
    pin: &YearPin,
    source: &str,
) -> Result<(), ParseError> {
    let YearPin {
        program,
        association,
        fiscal_year,
        participated,
    } = pin;
    let err = |expected: String, found: &str| pin_error(o, expected, found);
    let Some(table) = (report.associations.iter_mut()).find(|t| t.printed.program == *program)
    else {
        return Err(err(
            "a program printed in that edition".into(),
            program.id(),
        ));
    };
    let Some(row) = (table.printed.rows.iter()).position(|r| r.name == *association) else {
        let names: Vec<&str> = (table.printed.rows.iter())
            .map(|r| r.name.as_str())
            .collect();
        return Err(err(
            format!(
                "an association of {} in {}{}: one of {}",
                program.id(),
                o.edition,
                crate::suggest::did_you_mean(association, &names),
                names.join(", ")
            ),
            association,
        ));
    };
    let Some(year) = (table.printed.years.iter()).position(|y| y.fiscal_year == *fiscal_year)
    else {
        let years: Vec<String> = (table.printed.years.iter())
            .map(|y| y.fiscal_year.to_string())
            .collect();
        return Err(err(
            format!("a fiscal year of {} ({})", program.id(), years.join(", ")),
            &fiscal_year.to_string(),
        ));
    };
    if table.pins.iter().any(|p| p.row == row && p.year == year) {
        return Err(err(
            "each cell pinned once".into(),
            &format!("{association} {fiscal_year} again"),
        ));
    }
    table.pins.push(Pin {
        row,
        year,
        participated: *participated,
        source: format!("{source}:{}", o.line),
        fits_alone: false,
    });
    Ok(())
}

/// A municipality's mark pinned into its cell of pages 3–4 (written by
/// the page's legend, so that it reads as a printed one would).
fn pin_mark(
    report: &mut Report,
    o: &Override,
    pin: &MarkPin,
    source: &str,
) -> Result<(), ParseError> {
    let MarkPin {
        municipality,
        item,
        question,
        sub,
        status,
    } = pin;
    let names: Vec<String> = (report.answers.iter())
        .flat_map(|p| p.rows.iter().map(|r| r.name.clone()))
        .fold(Vec::new(), |mut seen, n| {
            if !seen.contains(&n) {
                seen.push(n);
            }
            seen
        });
    let column = format!(
        "{}{}{}",
        item.katakana(),
        crate::layout::marker(*question),
        sub.map_or("", |s| s.label())
    );
    let mut found_row = false;
    for page in &mut report.answers {
        let printed = page
            .legend
            .entries
            .iter()
            .find(|e| e.status == *status)
            .map(|e| e.printed);
        for row in page.rows.iter_mut().filter(|r| r.name == *municipality) {
            found_row = true;
            let cell = (row.cells.iter_mut()).find(|c| {
                c.column.item == *item && c.column.question == *question && c.column.sub == *sub
            });
            let Some(cell) = cell else { continue };
            if !matches!(cell.value, AnswerValue::Mark { .. }) {
                return Err(pin_error(
                    o,
                    format!("a question answered by a mark; {column} is answered by options"),
                    &column,
                ));
            }
            if cell.pinned.is_some() {
                return Err(pin_error(
                    o,
                    "each cell pinned once".into(),
                    &format!("{municipality} {column} again"),
                ));
            }
            cell.value = AnswerValue::Mark {
                printed: printed.unwrap_or(status.usual()),
                status: *status,
            };
            cell.pinned = Some(format!("{source}:{}", o.line));
            return Ok(());
        }
    }
    if !found_row {
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        return Err(pin_error(
            o,
            format!(
                "a municipality of pages 3–4 in {}{}",
                o.edition,
                crate::suggest::did_you_mean(municipality, &names)
            ),
            municipality,
        ));
    }
    Err(pin_error(
        o,
        format!(
            "a question of pages 3–4 (as ア①, キ② with its sub_question) in {}",
            o.edition
        ),
        &column,
    ))
}

/// A municipality's 設置箇所数 pinned into the windows as printed (placed
/// by [`crate::resolve::finish`]); where the text printed none, it stands where the
/// municipality's row starts.
fn pin_count(
    report: &mut Report,
    o: &Override,
    pin: &WindowsPin,
    source: &str,
) -> Result<(), ParseError> {
    let WindowsPin {
        municipality,
        windows,
    } = pin;
    let all = &mut report.printed_windows.municipalities;
    let Some(m) = all.iter_mut().find(|m| m.name == *municipality) else {
        let names: Vec<&str> = report
            .printed_windows
            .municipalities
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        return Err(pin_error(
            o,
            format!(
                "a municipality of the reference list{}",
                crate::suggest::did_you_mean(municipality, &names)
            ),
            municipality,
        ));
    };
    if m.count_pin.is_some() {
        return Err(pin_error(
            o,
            "each count pinned once".into(),
            &format!("{municipality} again"),
        ));
    }
    let span = (m.count.map(|c| c.span))
        .or(m.own_row)
        .or(m.numbers_printed.first().map(|p| p.span));
    let Some(span) = span else {
        return Err(pin_error(
            o,
            "a municipality pages 7–11 print (its number, count or row)".into(),
            municipality,
        ));
    };
    m.count_pin = Some(CountPin {
        source: format!("{source}:{}", o.line),
        printed: m.count.map(|c| c.value),
    });
    m.count = Some(Printed {
        value: *windows,
        span,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_line_is_read() {
        let got = parse("edition,program,association,fiscal_year,participated,reason\n2017-07-31,round_the_clock_care,千代田区,2012,true,議事録\n").unwrap();
        assert_eq!(
            got,
            [Override {
                line: 2,
                edition: Date::parse_iso("2017-07-31").unwrap(),
                pin: Pinned::Year(YearPin {
                    program: Program::RoundTheClockCare,
                    association: "千代田区".into(),
                    fiscal_year: 2012,
                    participated: true
                })
            }]
        );
    }

    #[test]
    fn a_file_is_read_as_spreadsheets_write_it() {
        let pin = |line: u32, year: i32, participated: bool| Override {
            line,
            edition: Date::parse_iso("2017-07-31").unwrap(),
            pin: Pinned::Year(YearPin {
                program: Program::RoundTheClockCare,
                association: "千代田区".into(),
                fiscal_year: year,
                participated,
            }),
        };
        // Excel: quoted fields, TRUE/FALSE, a date as 2017/7/31, CRLF,
        // an empty trailing row; a reason with a comma and a line break.
        let excel = "\"edition\",\"program\",\"association\",\"fiscal_year\",\"participated\",\"reason\"\r\n\
                     2017/7/31,round_the_clock_care,\"千代田区\",2012,TRUE,\"議事録, p. 3\r\n二行目\"\r\n\
                     2017/7/31,round_the_clock_care,千代田区,2013,FALSE,\r\n\
                     ,,,,,\r\n";
        assert_eq!(
            parse(excel).unwrap(),
            [pin(2, 2012, true), pin(4, 2013, false)]
        );
        // pandas: an index column first, True/False, a year as a float.
        let pandas = ",program,association,fiscal_year,participated,edition\n\
                      0,round_the_clock_care,千代田区,2012.0,True,2017-07-31\n";
        assert_eq!(parse(pandas).unwrap(), [pin(2, 2012, true)]);
        // Tab- and semicolon-separated, columns in another order.
        let tabs = "\u{feff}participated\tfiscal_year\tassociation\tprogram\tedition\n\
                    1\t２０１２\t千代田区\tround_the_clock_care\t2017年7月31日\n";
        assert_eq!(parse(tabs).unwrap(), [pin(2, 2012, true)]);
        let semicolons = "edition;program;association;fiscal_year;participated\n\
                          2017-07-31;round_the_clock_care;千代田区;2012;0\n";
        assert_eq!(parse(semicolons).unwrap(), [pin(2, 2012, false)]);
    }

    #[test]
    fn a_misspelt_column_or_program_is_answered_with_the_nearest() {
        let e = parse("edition,program,association,fiscal_yaer,participated\n").unwrap_err();
        assert_eq!(e[0].position.line, 1);
        assert!(
            e[0].expected
                .contains("(did you mean «fiscal_yaer» for «fiscal_year»?)"),
            "{}",
            e[0].expected
        );
        let e = parse("edition,program,association,fiscal_year,participated\n2017-07-31,round_the_clock,千代田区,2012,true\n").unwrap_err();
        assert_eq!(e[0].position.line, 2);
        assert!(
            e[0].expected
                .contains("(did you mean «round_the_clock_care»?)"),
            "{}",
            e[0].expected
        );
    }

    #[test]
    fn a_file_may_pin_a_mark_and_a_count_beside_a_year() {
        let text = "edition,program,association,fiscal_year,participated,municipality,item,question,sub_question,mark,windows,reason\n\
                    2017-07-31,round_the_clock_care,千代田区,2012,true,,,,,,,minutes\n\
                    2017-07-31,,,,,中央区,ウ,②,,◎,,answer sheet\n\
                    2017-07-31,,,,,港区,キ,2,website,〇,,\n\
                    2017-07-31,,,,,中央区,,,,,4,reprint\n";
        let got: Vec<Pinned> = parse(text).unwrap().into_iter().map(|o| o.pin).collect();
        assert_eq!(
            got[1..],
            [
                Pinned::Mark(MarkPin {
                    municipality: "中央区".into(),
                    item: Item::U,
                    question: 2,
                    sub: None,
                    status: Mark::Implemented
                }),
                Pinned::Mark(MarkPin {
                    municipality: "港区".into(),
                    item: Item::Ki,
                    question: 2,
                    sub: Some(SubQuestion::Website),
                    status: Mark::PlannedThisYear
                }),
                Pinned::Count(WindowsPin {
                    municipality: "中央区".into(),
                    windows: 4
                }),
            ]
        );
        // A file of marks alone needs only their columns; a row of two pins is refused.
        let marks = "edition,municipality,item,question,mark\n2017-07-31,中央区,c,2,△\n";
        assert_eq!(parse(marks).unwrap().len(), 1);
        let two = "edition,municipality,item,question,mark,windows\n2017-07-31,中央区,ウ,2,△,3\n";
        assert!(parse(two).unwrap_err()[0]
            .expected
            .contains("one pin per row"));
        let bad = "edition,municipality,item,question,mark\n2017-07-31,中央区,ウ,2,◇\n";
        assert!(parse(bad).unwrap_err()[0]
            .expected
            .contains("a mark: ◎, ○, △, × or -"));
    }

    #[test]
    fn a_bad_value_names_its_line() {
        let e = parse("edition,program,association,fiscal_year,participated\n2017-07-31,round_the_clock_care,千代田区,2012,yes\n").unwrap_err();
        assert_eq!(e[0].position.line, 2);
        assert!(e[0].expected.contains("true or false"));
        let e = parse("association,year\n").unwrap_err();
        assert_eq!(e[0].position.line, 1);
    }
}
