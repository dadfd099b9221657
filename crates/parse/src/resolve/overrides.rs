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

const HEADER: [&str; 5] = [
    "edition",
    "program",
    "association",
    "fiscal_year",
    "participated",
];

/// Reads the file's text (UTF-8, with or without BOM, any line ends).
pub fn parse(text: &str) -> Result<Vec<Override>, Vec<ParseError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(k, l)| {
        let no = crate::span::saturating_u32(k).saturating_add(1);
        (no, l.trim_end_matches('\r'))
    });
    let mut errors = Vec::new();
    let err = |line: u32, expected: &str, found: &str| {
        ParseError::of(ErrorKind::Overrides, Span::line(0, line), expected, found)
    };
    match lines.next() {
        Some((_, h)) if h.split(',').map(str::trim).take(5).eq(HEADER) => {}
        Some((n, h)) => {
            return Err(vec![err(
                n,
                &format!("the header «{}[,reason]»", HEADER.join(",")),
                h,
            )])
        }
        None => return Err(vec![err(1, "a header row", "an empty file")]),
    }
    let mut out = Vec::new();
    for (n, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split(',').map(str::trim).collect();
        let [edition, program_id, association, year_text, value_text, ..] = f[..] else {
            errors.push(err(n, "5 fields (a 6th, reason, is optional)", line));
            continue;
        };
        let Some(edition) = Date::parse_iso(edition) else {
            errors.push(err(
                n,
                "an edition: an input's as-of date as YYYY-MM-DD",
                edition,
            ));
            continue;
        };
        let program = Program::ALL.into_iter().find(|p| p.id() == program_id);
        let year = year_text.parse::<i32>().ok();
        let value = match value_text {
            "true" => Some(true),
            "false" => Some(false),
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
            (None, _, _) => errors.push(err(
                n,
                "a program: round_the_clock_care or multidisciplinary_network",
                program_id,
            )),
            (_, None, _) => errors.push(err(n, "a fiscal year as four digits (YYYY)", year_text)),
            (_, _, None) => errors.push(err(n, "participated: true or false", value_text)),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
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
            errors.push(err(
                format!("an association of {} in {}", o.program.id(), o.edition),
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
    fn a_bad_value_names_its_line() {
        let e = parse("edition,program,association,fiscal_year,participated\n2017-07-31,round_the_clock_care,千代田区,2012,yes\n").unwrap_err();
        assert_eq!(e[0].position.line, 2);
        assert!(e[0].expected.contains("true or false"));
        let e = parse("association,year\n").unwrap_err();
        assert_eq!(e[0].position.line, 1);
    }
}
