//! A calendar date, the edition's as-of date, and the one date algorithm
//! (days since 1970-01-01 and back).

/// A calendar date (the edition's as-of date).
///
/// It is written, displayed and serialized as ISO 8601 (`2017-07-31`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Gregorian year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Date {
    /// ISO 8601: `2017-07-31`.
    pub fn iso(&self) -> String {
        self.to_string()
    }

    /// The date of an ISO 8601 calendar date `YYYY-MM-DD` (a four-digit
    /// year, a real month and day); `None` for anything else.
    pub fn parse_iso(iso: &str) -> Option<Date> {
        let b = iso.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            b.get(r)?.iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let (year, month, day) = (
            i32::try_from(digits(0..4)?).ok()?,
            digits(5..7)?,
            digits(8..10)?,
        );
        let real = (1..=12).contains(&month) && (1..=last_day_of_month(year, month)).contains(&day);
        real.then_some(Date { year, month, day })
    }

    /// The date as spreadsheets and people write it: `2017-07-31`,
    /// `2017/7/31`, `2017-7-31`, `2017.7.31` or `2017年7月31日`, full-width
    /// digits allowed, optionally followed by midnight (`2017/7/31 0:00`,
    /// `2017-07-31 00:00:00`, `2017-07-31T00:00:00`: a date cell saved with
    /// its time); `None` for anything else (a month-first or two-digit-year
    /// date is not guessed).
    pub fn parse_written(text: &str) -> Option<Date> {
        let text: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '／' => '/',
                '－' => '-',
                _ => crate::text::half_width_digit(c),
            })
            .collect();
        let date = match text.split_once([' ', 'T']) {
            Some((date, time)) => {
                let midnight = time
                    .split(':')
                    .all(|f| !f.is_empty() && f.bytes().all(|b| b == b'0'));
                midnight.then_some(date)?
            }
            None => text.as_str(),
        };
        let date = date.strip_suffix('日').unwrap_or(date);
        let parts: Vec<&str> = date.split(['-', '/', '.', '年', '月']).collect();
        let [year, month, day] = parts[..] else {
            return None;
        };
        let number = |f: &str, width: std::ops::RangeInclusive<usize>| -> Option<u32> {
            (width.contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()))
                .then(|| f.parse().ok())
                .flatten()
        };
        let (year, month, day) = (
            number(year, 4..=4)?,
            number(month, 1..=2)?,
            number(day, 1..=2)?,
        );
        Date::parse_iso(&format!("{year:04}-{month:02}-{day:02}"))
    }

    /// The date `days` days after 1970-01-01 (the inverse of
    /// [`days_since_epoch`](Self::days_since_epoch); Howard Hinnant's
    /// civil_from_days).
    pub fn from_days(days: i32) -> Date {
        let z = i64::from(days) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u32::try_from(month).unwrap_or(1),
            day: u32::try_from(day).unwrap_or(1),
        }
    }

    /// Days since 1970-01-01 (for date columns).
    pub fn days_since_epoch(&self) -> i32 {
        // Howard Hinnant's days_from_civil.
        let y = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i32;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// Last day of a month of the Gregorian calendar.
pub fn last_day_of_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_days_since_1970_and_back() {
        // Days computed independently (Python's datetime.date arithmetic).
        let cases = [
            ("1970-01-01", 0),
            ("2017-07-31", 17_378),
            ("2000-02-29", 11_016),
            ("1969-12-31", -1),
            ("1900-03-01", -25_508),
            ("2100-12-31", 47_846),
        ];
        for (iso, days) in cases {
            let date = Date::parse_iso(iso).unwrap();
            assert_eq!(date.days_since_epoch(), days, "{iso}");
            assert_eq!(Date::from_days(days), date, "{iso}");
            assert_eq!(date.to_string(), iso);
            assert_eq!(serde_json::to_string(&date).unwrap(), format!("\"{iso}\""));
        }
    }

    #[test]
    fn only_a_real_iso_calendar_date_parses() {
        let bad = [
            "2017-02-29",
            "1900-02-29",
            "2017-13-01",
            "2017-00-10",
            "2017-07-00",
            "2017-7-31",
            "17-07-31",
            "2017/07/31",
            "",
            "２０１７-07-31",
            "2017-07-3a",
        ];
        for iso in bad {
            assert_eq!(Date::parse_iso(iso), None, "{iso}");
        }
    }

    #[test]
    fn a_date_is_read_as_spreadsheets_write_it() {
        let written = [
            "2017-07-31",
            "2017/7/31",
            "2017/07/31",
            "2017-7-31",
            "2017.7.31",
            "2017年7月31日",
            "２０１７/７/３１",
            "2017/7/31 0:00",
            "2017-07-31 00:00:00",
            "2017-07-31T00:00:00",
            " 2017/7/31 ",
        ];
        for w in written {
            assert_eq!(Date::parse_written(w), Date::parse_iso("2017-07-31"), "{w}");
        }
        let refused = [
            "7/31/2017",
            "31/7/2017",
            "17/7/31",
            "2017/7/31 9:30",
            "2017/2/29",
            "2017/7",
            "2017-07-31-01",
            "H29.7.31",
            "",
        ];
        for w in refused {
            assert_eq!(Date::parse_written(w), None, "{w}");
        }
    }

    #[test]
    fn february_of_a_leap_year_has_29_days() {
        assert_eq!(last_day_of_month(2020, 2), 29);
        assert_eq!(last_day_of_month(1900, 2), 28);
        assert_eq!(last_day_of_month(2017, 7), 31);
    }
}
