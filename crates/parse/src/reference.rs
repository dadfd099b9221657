//! Reference data: Tokyo's 62 municipalities (raw/tokyo_municipalities.csv,
//! compiled into the binary so that a build reads nothing but its inputs),
//! and the check digit of the 全国地方公共団体コード.

crate::vocabulary! {
    /// What a municipality is: 特別区, 市, 町 or 村 (the id in the
    /// reference CSV and the tables).
    pub enum MunicipalityKind => id, IDS {
        /// 特別区 (the 23 wards).
        SpecialWard = "special_ward",
        /// 市.
        City = "city",
        /// 町.
        Town = "town",
        /// 村.
        Village = "village",
    }
}

crate::vocabulary! {
    /// Where a municipality lies: the ward area, Tama, or the islands (島しょ),
    /// which the survey pages leave out where they say so (the id in the
    /// reference CSV and the tables).
    pub enum Area => id, IDS {
        /// 区部 (the 23 wards).
        KuArea = "ku_area",
        /// 多摩.
        Tama = "tama",
        /// 島しょ.
        Islands = "islands",
    }
}

impl Area {
    /// The area's name in Japanese, for headings: 区部, 多摩, 島しょ.
    pub fn label(self) -> &'static str {
        match self {
            Area::KuArea => "区部",
            Area::Tama => "多摩",
            Area::Islands => "島しょ",
        }
    }
}

/// One municipality of the reference list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Municipality {
    /// 6-digit 全国地方公共団体コード with its check digit: `131016`.
    pub code: String,
    /// Name: 千代田区.
    pub name: String,
    /// Special ward, city, town or village.
    pub kind: MunicipalityKind,
    /// Ward area, Tama or islands.
    pub area: Area,
}

const REFERENCE_CSV: &str = include_str!("../../../raw/tokyo_municipalities.csv");

/// The check digit of a 5-digit local government code (JIS X 0402):
/// weights 6,5,4,3,2; 11 − (sum mod 11), and its last digit where that is 10 or 11.
pub fn check_digit(code5: &str) -> Option<u32> {
    let digits: Vec<u32> = code5
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    if digits.len() != 5 {
        return None;
    }
    let sum: u32 = digits.iter().zip([6, 5, 4, 3, 2]).map(|(d, w)| d * w).sum();
    Some((11 - sum % 11) % 10)
}

/// The reference list, in its order, read once. The file is part of the
/// source tree; a malformed row is a build-time fact, caught by the test below.
pub fn municipalities() -> &'static [Municipality] {
    static LIST: std::sync::OnceLock<Vec<Municipality>> = std::sync::OnceLock::new();
    LIST.get_or_init(read)
}

/// The index in the list of the municipality numbered `no` (numbers count
/// from 1, in the list's order, as the report numbers them).
pub fn index_of(no: u32) -> Option<usize> {
    usize::try_from(no).ok()?.checked_sub(1)
}

/// The municipality of the list named `name`.
pub fn by_name(name: &str) -> Option<&'static Municipality> {
    municipalities().iter().find(|m| m.name == name)
}

/// The 6-digit code of the municipality named `name`.
pub fn code_of(name: &str) -> Option<&'static str> {
    by_name(name).map(|m| m.code.as_str())
}

/// The list's rows, read as a CSV with its header (`code5,name,kind,area`,
/// columns found by name); a row that does not read is left out, which the
/// test below catches.
fn read() -> Vec<Municipality> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(REFERENCE_CSV.as_bytes());
    let Ok(header) = reader.headers().cloned() else {
        return Vec::new();
    };
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(code), Some(name), Some(kind), Some(area)) = (
        column("code5"),
        column("name"),
        column("kind"),
        column("area"),
    ) else {
        return Vec::new();
    };
    (reader.records().flatten())
        .filter_map(|r| {
            let code5 = r.get(code)?;
            let cd = check_digit(code5)?;
            Some(Municipality {
                code: format!("{code5}{cd}"),
                name: r.get(name)?.to_string(),
                kind: MunicipalityKind::of(r.get(kind)?)?,
                area: Area::of(r.get(area)?)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digit_of_chiyoda_is_6() {
        // 千代田区 131016, 八王子市 132012, 小笠原村 134210 (published codes).
        assert_eq!(check_digit("13101"), Some(6));
        assert_eq!(check_digit("13201"), Some(2));
        assert_eq!(check_digit("13421"), Some(0));
    }

    #[test]
    fn every_reference_row_is_read() {
        let rows = REFERENCE_CSV
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .count();
        assert_eq!(municipalities().len(), rows);
        assert_eq!(rows, 62);
    }
}
