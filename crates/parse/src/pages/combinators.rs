//! Small nom parsers, named for what they recognize, shared by every page
//! parser. Each one is tested on an excerpt of the real text.

use crate::layout::{Era, Item, AS_OF_MONTH, AS_OF_YEAR, MINUS_SIGNS};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{anychar, char, digit1, one_of, space0, space1};
use nom::combinator::{all_consuming, map_opt, map_res, opt, value};
use nom::sequence::{delimited, terminated};
use nom::{IResult, Parser};

/// A count of municipalities: `51`.
pub fn count(i: &str) -> IResult<&str, u32> {
    map_res(digit1, str::parse::<u32>).parse(i)
}

/// A percentage with exactly one decimal, in tenths: `96.2%` → 962. A
/// number too large for the tenths to be counted is no percentage.
pub fn percent(i: &str) -> IResult<&str, i64> {
    map_opt(
        terminated(
            (digit1, char('.'), take_while1(|c: char| c.is_ascii_digit())),
            char('%'),
        ),
        |(whole, _, tenth): (&str, char, &str)| {
            let tenth = tenth.parse::<i64>().ok().filter(|_| tenth.len() == 1)?;
            whole
                .parse::<i64>()
                .ok()?
                .checked_mul(10)?
                .checked_add(tenth)
        },
    )
    .parse(i)
}

/// A change in points, in tenths; the report prints a decrease with `△`
/// (「増（△）減」) and we also accept `-` or `▲`: `△1.9%` → -19.
pub fn signed_percent(i: &str) -> IResult<&str, i64> {
    let (i, minus) = opt(one_of(MINUS_SIGNS)).parse(i)?;
    let (i, p) = percent(i)?;
    Ok((i, if minus.is_some() { -p } else { p }))
}

/// The head of a per-municipality row: its number and the name after it,
/// `1 千代田区 ○ ○ …` → (1, "千代田区").
pub fn row_head(i: &str) -> IResult<&str, (u32, &str)> {
    (
        terminated(count, space1),
        take_while1(|c: char| !c.is_ascii_whitespace()),
    )
        .parse(i)
}

/// A question marker `⓪`…`④` → its number.
pub fn question_marker(i: &str) -> IResult<&str, u8> {
    alt((
        value(0, char('⓪')),
        value(1, char('①')),
        value(2, char('②')),
        value(3, char('③')),
        value(4, char('④')),
    ))
    .parse(i)
}

/// An item label `（ア）`…`（ク）` → the item.
pub fn item_label(i: &str) -> IResult<&str, Item> {
    delimited(
        char('（'),
        map_opt(anychar, Item::from_katakana),
        char('）'),
    )
    .parse(i)
}

/// The five figures of a page-1 row: FY-current count and %, FY-previous
/// count and %, change: `51 96.2% 47 88.7% 7.5%`.
pub fn program_figures(i: &str) -> IResult<&str, [i64; 5]> {
    let (i, (c1, _, p1, _, c0, _, p0, _, ch)) = (
        count,
        space1,
        percent,
        space1,
        count,
        space1,
        percent,
        space1,
        signed_percent,
    )
        .parse(i)?;
    Ok((i, [c1 as i64, p1, c0 as i64, p0, ch]))
}

/// A page-1 figure line: an optional label, then the five figures, to the end
/// of the line: `パンフレット等 41 77.4% 32 60.4% 17.0%` → (label, figures).
pub fn program_figure_line(i: &str) -> IResult<&str, (&str, [i64; 5])> {
    // The figures are the last five tokens; the label is what precedes them.
    let tokens: Vec<(usize, &str)> = i
        .match_indices(' ')
        .map(|(p, _)| (p, &i[p + 1..]))
        .collect();
    let starts = std::iter::once((0usize, i)).chain(tokens.iter().map(|&(p, s)| (p + 1, s)));
    for (start, rest) in starts {
        if let Ok((_, figures)) = all_consuming(terminated(program_figures, space0)).parse(rest) {
            return Ok(("", (i[..start].trim_end(), figures)));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Verify,
    )))
}

/// The figures of a page-2 question row: 「実施・予定」 share (tenths),
/// 「未実施等」 count and share (tenths).
pub type QuestionFigures = (i64, u32, i64);

/// The figures of a page-2 question row after its marker: %, count, % of
/// 「実施・予定」 and 「未実施等」: `96.2% 2 3.8%` → (962, 2, 38).
pub fn question_figures(i: &str) -> IResult<&str, QuestionFigures> {
    let (i, (p_yes, _, c_no, _, p_no)) = (percent, space1, count, space1, percent).parse(i)?;
    Ok((i, (p_yes, c_no, p_no)))
}

/// A page-2 question row: `② 96.2% 2 3.8%` → (Some(2), figures); the rows of
/// sub-questions carry no marker: `77.4% 12 22.6%` → (None, figures).
pub fn question_row(i: &str) -> IResult<&str, (Option<u8>, QuestionFigures)> {
    all_consuming((
        opt(terminated(question_marker, space1)),
        terminated(question_figures, space0),
    ))
    .parse(i)
}

/// A page-2 option row: text, count, %: `区市町村直営 8 15.1%`.
pub fn option_row(i: &str) -> IResult<&str, (&str, u32, i64)> {
    let Some((head, pct)) = i.trim_end().rsplit_once(' ') else {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Space,
        )));
    };
    let Some((text, cnt)) = head.rsplit_once(' ') else {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Space,
        )));
    };
    let (_, c) = all_consuming(count).parse(cnt)?;
    let (_, p) = all_consuming(percent).parse(pct)?;
    if text.is_empty() || question_marker(text).is_ok() {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )));
    }
    Ok(("", (text, c, p)))
}

/// A count printed right after a question's text: ` 53` (then the end of the
/// line or a space).
pub fn trailing_count(i: &str) -> IResult<&str, u32> {
    let (rest, c) = (space0, count).parse(i).map(|(r, (_, c))| (r, c))?;
    if rest.is_empty() || rest.starts_with([' ', '　']) {
        Ok((rest, c))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )))
    }
}

/// An era's name ([`Era::ALL`]): `平成` → Era::Heisei.
pub fn era(i: &str) -> IResult<&str, Era> {
    match Era::at_start(i) {
        Some((era, rest)) => Ok((rest, era)),
        None => Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Tag,
        ))),
    }
}

/// A dated as-of line: `平成29年度7月末時点` → (era, year, month).
pub fn as_of_phrase(i: &str) -> IResult<&str, (Era, u32, u32)> {
    let (i, era) = era(i)?;
    let (i, year) = terminated(count, tag(AS_OF_YEAR)).parse(i)?;
    let (i, month) = terminated(count, tag(AS_OF_MONTH)).parse(i)?;
    Ok((i, (era, year, month)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_reads_digits() {
        assert_eq!(count("51 96.2%"), Ok((" 96.2%", 51)));
    }

    #[test]
    fn percent_reads_tenths() {
        assert_eq!(percent("96.2% 47"), Ok((" 47", 962)));
        assert_eq!(percent("100.0%"), Ok(("", 1000)));
        assert!(percent("96.25%").is_err());
        assert!(percent("96%").is_err());
        assert!(
            percent("922337203685477581.0%").is_err(),
            "tenths overflow i64"
        );
    }

    #[test]
    fn signed_percent_reads_triangle_as_minus() {
        assert_eq!(signed_percent("△1.9%"), Ok(("", -19)));
        assert_eq!(signed_percent("18.9%"), Ok(("", 189)));
    }

    #[test]
    fn question_marker_reads_circled_numbers() {
        assert_eq!(question_marker("⓪ 100.0%"), Ok((" 100.0%", 0)));
        assert_eq!(question_marker("④"), Ok(("", 4)));
    }

    #[test]
    fn item_label_reads_katakana_in_brackets() {
        assert_eq!(item_label("（イ）在宅医療"), Ok(("在宅医療", Item::I)));
        assert!(item_label("（ケ）").is_err());
    }

    #[test]
    fn program_figure_line_splits_label_and_figures() {
        let line = "パンフレット等 41 77.4% 32 60.4% 17.0%";
        assert_eq!(
            program_figure_line(line),
            Ok(("", ("パンフレット等", [41, 774, 32, 604, 170])))
        );
        let bare = "53 100.0% 53 100.0% 0.0%";
        assert_eq!(
            program_figure_line(bare),
            Ok(("", ("", [53, 1000, 53, 1000, 0])))
        );
        assert!(program_figure_line("区市町村数 全体の％ 区市町村数 全体の％ ％").is_err());
    }

    #[test]
    fn question_row_reads_marker_and_figures() {
        assert_eq!(
            question_row("② 96.2% 2 3.8%"),
            Ok(("", (Some(2), (962, 2, 38))))
        );
        assert_eq!(
            question_row("77.4% 12 22.6%"),
            Ok(("", (None, (774, 12, 226))))
        );
        assert!(question_row("② 96.2% 2").is_err());
    }

    #[test]
    fn option_row_reads_text_count_percent() {
        assert_eq!(
            option_row("地区医師会に委託(※補助含む） 19 35.8%"),
            Ok(("", ("地区医師会に委託(※補助含む）", 19, 358)))
        );
        assert!(option_row("① 84.9% 8 15.1%").is_err());
    }

    #[test]
    fn trailing_count_needs_a_boundary() {
        assert_eq!(trailing_count(" 53"), Ok(("", 53)));
        assert!(trailing_count(" 53東京都").is_err());
    }

    #[test]
    fn as_of_phrase_reads_era_year_month() {
        assert_eq!(
            as_of_phrase("平成29年度7月末時点"),
            Ok(("", (Era::Heisei, 29, 7)))
        );
    }

    #[test]
    fn row_head_reads_number_and_name() {
        assert_eq!(
            row_head("1 千代田区 ○ ○ ○ - ◎ ◎ ◎ その他"),
            Ok((" ○ ○ ○ - ◎ ◎ ◎ その他", (1, "千代田区")))
        );
        assert!(row_head("① ② ③ ④").is_err());
    }
}
