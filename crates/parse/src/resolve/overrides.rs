//! The overrides file: a person pins association × year cells the text
//! cannot decide (`--overrides raw/overrides.csv`). A CSV with a header row:
//!
//! ```text
//! edition,program,association,fiscal_year,participated,reason
//! 2017-07-31,round_the_clock_care,千代田区,2012,true,minutes of the 2012 board meeting
//! ```
//!
//! `participated` is `true` or `false`; `reason` is optional and free. A pin
//! is validated like the rest: one that contradicts a row's marks or a year's
//! total fails a check. A line naming an edition, program, association or
//! year the inputs do not have is an input error, with its line.

use crate::error::{ErrorKind, ParseError};
use crate::layout::Program;
use crate::model::{Date, Pin, Report, Span};

/// One pinned cell, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Line of the file, from 1.
    pub line: u32,
    /// Edition (its as-of date).
    pub edition: Date,
    /// Program.
    pub program: Program,
    /// Association as in `association_programs.association`.
    pub association: String,
    /// Fiscal year.
    pub fiscal_year: i32,
    /// The pinned value.
    pub participated: bool,
}

/// The columns a pin needs, by name, in any order; `reason` may follow.
const HEADER: [&str; 5] = [
    "edition",
    "program",
    "association",
    "fiscal_year",
    "participated",
];

/// Reads the file's text (decoded; with or without BOM) as spreadsheets
/// write a CSV: fields quoted or not (a quoted field may hold commas and
/// line breaks), comma-, semicolon- or tab-separated (the header says
/// which), columns found by their names in any order (others, such as a
/// pandas index, ignored), empty rows (`,,,,,`) skipped; `participated` as
/// `true`/`false` in any case or `1`/`0`; an edition as
/// [`Date::parse_written`] reads it; a year as `2012` (or `2012.0`). Every
/// bad line is an error naming its line.
pub fn parse(text: &str) -> Result<Vec<Override>, Vec<ParseError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // One line end, so that the reader's line numbers count lines (it
    // counts a CRLF's LF as the next record's).
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.as_str();
    let err = |line: u32, expected: &str, found: &str| {
        ParseError::of(ErrorKind::Overrides, Span::line(0, line), expected, found)
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
    let mut columns = [0usize; 5];
    for (column, wanted) in columns.iter_mut().zip(HEADER) {
        match names.iter().position(|n| n == wanted) {
            Some(k) => *column = k,
            None => {
                let given: Vec<&str> = names.iter().map(String::as_str).collect();
                let near = given
                    .iter()
                    .filter(|g| !HEADER.contains(g) && **g != "reason")
                    .copied()
                    .collect::<Vec<_>>();
                errors.push(err(
                    header_line,
                    &format!(
                        "a header naming {} (and optionally reason), in any order: {wanted} is missing{}",
                        HEADER.join(", "),
                        crate::suggest::did_you_mean(wanted, &near)
                    ),
                    &given.join(","),
                ))
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Vec::new();
    while let Some((n, record)) = next(&mut errors) {
        let [edition, program_id, association, year_text, value_text] =
            columns.map(|k| record.get(k).unwrap_or(""));
        let Some(edition) = Date::parse_written(edition) else {
            errors.push(err(
                n,
                "an edition: an input's as-of date, as 2017-07-31 or 2017/7/31",
                edition,
            ));
            continue;
        };
        let program = Program::ALL.into_iter().find(|p| p.id() == program_id);
        let year = fiscal_year(year_text);
        let value = match value_text.to_lowercase().as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        };
        match (program, year, value) {
            (Some(program), Some(fiscal_year), Some(participated)) => out.push(Override {
                line: n,
                edition,
                program,
                association: association.to_string(),
                fiscal_year,
                participated,
            }),
            (None, _, _) => {
                let ids = Program::ALL.map(Program::id);
                errors.push(err(
                    n,
                    &format!(
                        "a program: {}{}",
                        ids.join(" or "),
                        crate::suggest::did_you_mean(program_id, &ids)
                    ),
                    program_id,
                ))
            }
            (_, None, _) => errors.push(err(n, "a fiscal year as four digits (YYYY)", year_text)),
            (_, _, None) => errors.push(err(
                n,
                "participated: true or false (TRUE, FALSE, 1, 0)",
                value_text,
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.sort_by_key(|e| e.position.line);
        Err(errors)
    }
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
    let digits: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
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
        Span::line(0, o.line),
        "the edition (as-of date) of an input",
        &o.edition.iso(),
    )
}

/// Pins every override into its edition's table and decides the cells again.
/// `source` names the file in each pin (`raw/overrides.csv`).
pub fn apply(
    reports: &mut [Report],
    overrides: &[Override],
    source: &str,
) -> Result<(), Vec<ParseError>> {
    let mut errors = Vec::new();
    for o in overrides {
        let err = |expected: String, found: &str| {
            ParseError::of(ErrorKind::Overrides, Span::line(0, o.line), expected, found)
        };
        let Some(report) = reports.iter_mut().find(|r| r.edition.as_of == o.edition) else {
            errors.push(unknown_edition(o));
            continue;
        };
        let Some(table) = report
            .associations
            .iter_mut()
            .find(|t| t.printed.program == o.program)
        else {
            errors.push(err(
                "a program printed in that edition".into(),
                o.program.id(),
            ));
            continue;
        };
        let Some(row) = (table.printed.rows.iter()).position(|r| r.name == o.association) else {
            let names: Vec<&str> = (table.printed.rows.iter())
                .map(|r| r.name.as_str())
                .collect();
            errors.push(err(
                format!(
                    "an association of {} in {}{}: one of {}",
                    o.program.id(),
                    o.edition,
                    crate::suggest::did_you_mean(&o.association, &names),
                    names.join(", ")
                ),
                &o.association,
            ));
            continue;
        };
        let Some(year) = (table.printed.years.iter()).position(|y| y.fiscal_year == o.fiscal_year)
        else {
            let years: Vec<String> = (table.printed.years.iter())
                .map(|y| y.fiscal_year.to_string())
                .collect();
            errors.push(err(
                format!("a fiscal year of {} ({})", o.program.id(), years.join(", ")),
                &o.fiscal_year.to_string(),
            ));
            continue;
        };
        if table.pins.iter().any(|p| p.row == row && p.year == year) {
            errors.push(err(
                "each cell pinned once".into(),
                &format!("{} {} again", o.association, o.fiscal_year),
            ));
            continue;
        }
        table.pins.push(Pin {
            row,
            year,
            participated: o.participated,
            source: format!("{source}:{}", o.line),
            fits_alone: false,
        });
    }
    // The pinned tables decided again, from what they print and their pins.
    for r in reports.iter_mut() {
        r.associations = std::mem::take(&mut r.associations)
            .into_iter()
            .map(|t| match t.pins.is_empty() {
                true => t,
                false => crate::resolve::associations(t.printed, t.pins),
            })
            .collect();
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
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
                program: Program::RoundTheClockCare,
                association: "千代田区".into(),
                fiscal_year: 2012,
                participated: true
            }]
        );
    }

    #[test]
    fn a_file_is_read_as_spreadsheets_write_it() {
        let pin = |line: u32, year: i32, participated: bool| Override {
            line,
            edition: Date::parse_iso("2017-07-31").unwrap(),
            program: Program::RoundTheClockCare,
            association: "千代田区".into(),
            fiscal_year: year,
            participated,
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
        assert!(e[0]
            .expected
            .contains("fiscal_year is missing (did you mean «fiscal_yaer»?)"));
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
    fn a_bad_value_names_its_line() {
        let e = parse("edition,program,association,fiscal_year,participated\n2017-07-31,round_the_clock_care,千代田区,2012,yes\n").unwrap_err();
        assert_eq!(e[0].position.line, 2);
        assert!(e[0].expected.contains("true or false"));
        let e = parse("association,year\n").unwrap_err();
        assert_eq!(e[0].position.line, 1);
    }
}
