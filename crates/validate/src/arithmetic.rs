//! Integer arithmetic of the published percentages: 「小数点第二位で四捨五入」,
//! rounded half up (away from zero for a decrease) at the second decimal.

/// `part / n` as a percentage in tenths, rounded half up: 51/53 → 962 (96.2%).
/// A negative part (a decrease) rounds away from zero. `n` = 0 gives 0.
pub fn percent_tenths(part: i64, n: i64) -> i64 {
    if n <= 0 {
        return 0;
    }
    let magnitude = (2 * part.abs() * 1000 + n) / (2 * n);
    part.signum() * magnitude
}

/// Tenths shown as the report prints them: 962 → `96.2%`, -19 → `-1.9%`.
pub fn show_tenths(t: i64) -> String {
    format!("{}%", tenths_number(t))
}

/// Tenths as a number with one decimal, without the sign of percent: 962 →
/// `96.2`, -19 → `-1.9` (the report page's cells and chart labels).
pub fn tenths_number(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    let a = t.unsigned_abs();
    format!("{sign}{}.{}", a / 10, a % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_shares_round_half_up() {
        assert_eq!(percent_tenths(51, 53), 962);
        assert_eq!(percent_tenths(11, 53), 208); // 20.754… → 20.8
        assert_eq!(percent_tenths(1, 8), 125); // 12.5 exactly stays
        assert_eq!(percent_tenths(1, 16), 63); // 6.25 → 6.3, half up
        assert_eq!(percent_tenths(53, 53), 1000);
    }

    #[test]
    fn change_is_computed_from_unrounded_shares() {
        // 43/53 − 32/53: 81.1 − 60.4 = 20.7 printed shares, 20.8 published change.
        assert_eq!(percent_tenths(43 - 32, 53), 208);
        assert_eq!(percent_tenths(-1, 16), -63);
    }

    #[test]
    fn shows_tenths_like_the_report() {
        assert_eq!(show_tenths(962), "96.2%");
        assert_eq!(show_tenths(0), "0.0%");
        assert_eq!(show_tenths(-19), "-1.9%");
        assert_eq!(tenths_number(962), "96.2");
        assert_eq!(tenths_number(0), "0.0");
        assert_eq!(tenths_number(-19), "-1.9");
    }
}
