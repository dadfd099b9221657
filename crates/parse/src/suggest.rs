//! The name a person probably meant: the nearest of a list to a misspelt
//! one (a table, a column, an association, a program), for «did you mean».

/// The name of `names` nearest `given`, where one is near: a typo or two
/// (more for a long name), or a name `given` begins.
///
/// ```
/// use zaitaku_parse::suggest::nearest;
/// let names = ["program_summary", "municipalities"];
/// assert_eq!(nearest("program_sumary", &names), Some("program_summary"));
/// assert_eq!(nearest("municipality", &names), Some("municipalities"));
/// assert_eq!(nearest("windows", &names), None);
/// ```
pub fn nearest<'a>(given: &str, names: &[&'a str]) -> Option<&'a str> {
    let reach = 2.max(given.chars().count() / 4);
    names
        .iter()
        .map(|n| (edit_distance(given, n), *n))
        .filter(|(d, n)| *d <= reach || n.starts_with(given))
        .min_by_key(|(d, _)| *d)
        .map(|(_, n)| n)
}

/// 「 (did you mean «x»?)」 for [`nearest`], empty where none is near.
pub fn did_you_mean(given: &str, names: &[&str]) -> String {
    nearest(given, names).map_or(String::new(), |n| format!(" (did you mean «{n}»?)"))
}

/// The Levenshtein distance between `a` and `b`, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let value = (previous + usize::from(ca != *cb))
                .min(above + 1)
                .min(left + 1);
            previous = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_characters_not_bytes() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("千代田区", "千代田"), 1);
        assert_eq!(nearest("江戸川", &["江東区", "江戸川区"]), Some("江戸川区"));
        assert_eq!(nearest("八王子市", &["港区"]), None);
    }
}
