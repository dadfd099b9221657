//! Matching printed option text against a question's vocabulary.
//!
//! Options are never found by splitting on 「・」 (option names contain it);
//! a printed option is matched whole against each option's pattern, after
//! its annotations are set aside: in front (「（検討中）」, 「（29年度中）」) or after
//! (「（※補助）」, 「(※補助含む）」 — the report mixes half- and full-width brackets).

use crate::layout::{OptionSpec, Vocabulary, OPTION_SEPARATOR};
use crate::matchers::Matchers;

/// Printed text split into its core and its annotations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotated<'a> {
    /// The text without annotations.
    pub core: &'a str,
    /// The annotations, without brackets, in text order, joined by 「・」.
    pub annotation: Option<String>,
}

/// Sets bracketed annotations in front of and after `text` aside.
pub fn split_annotations(text: &str) -> Annotated<'_> {
    let mut core = text.trim();
    let mut notes = Vec::new();
    while let Some(rest) = core.strip_prefix('（') {
        let Some(end) = rest.find('）') else { break };
        notes.push(rest[..end].to_string());
        core = rest[end + '）'.len_utf8()..].trim_start();
    }
    let mut tail = Vec::new();
    while core.ends_with(['）', ')']) {
        let Some(open) = core.rfind(['（', '(']) else {
            break;
        };
        let inner = &core[open..];
        let inner = inner
            .trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')']);
        tail.push(inner.to_string());
        core = core[..open].trim_end();
    }
    tail.reverse();
    notes.extend(tail);
    Annotated {
        core,
        annotation: (!notes.is_empty()).then(|| notes.join(&OPTION_SEPARATOR.to_string())),
    }
}

/// The option of `vocabulary` that `printed` names, with its annotation.
pub fn match_option(
    m: &Matchers,
    vocabulary: Vocabulary,
    printed: &str,
) -> Option<(&'static OptionSpec, Option<String>)> {
    let annotated = split_annotations(printed);
    (m.options(vocabulary).find(annotated.core)).map(|o| (o, annotated.annotation))
}

/// The most 「・」-separated pieces one option may span: option names hold at
/// most one 「・」 (「在宅療養中の患者・利用者についての…」); a few more leave room
/// for annotations that hold one.
const MAX_PIECES_PER_OPTION: usize = 4;

/// The options chosen in a cell of a per-municipality row, in printed order.
///
/// The cell is cut at 「・」 only where the cut leaves pieces that each match
/// an option: among all cuttings, the one whose matched pieces cover the most
/// text wins, then the one with the fewest pieces. Text that matches no
/// option is kept whole as a choice without option (never guessed). 「-」
/// (nothing chosen) gives no choice. `place_of` gives where a byte of
/// `cell` is printed: its input line where it is not its row's (a cell
/// wrapped over lines of a spaced text, [`crate::spaced`]), and its input
/// column: where each choice starts.
pub fn choices(
    m: &Matchers,
    vocabulary: Vocabulary,
    cell: &str,
    place_of: impl Fn(usize) -> (Option<u32>, u32),
) -> Vec<crate::model::Choice> {
    use crate::model::Choice;
    let lead = cell.len() - cell.trim_start().len();
    let place_of = |at: usize| place_of(lead + at);
    let cell = cell.trim();
    if cell.is_empty() || cell == "-" {
        return Vec::new();
    }
    // Piece m runs from starts[m] to ends[m]; a choice spans pieces a..=b.
    let seps: Vec<usize> = cell
        .match_indices(OPTION_SEPARATOR)
        .map(|(i, _)| i)
        .collect();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(seps.iter().map(|i| i + OPTION_SEPARATOR.len_utf8()))
        .collect();
    let ends: Vec<usize> = seps.iter().copied().chain([cell.len()]).collect();
    let pieces = starts.len();
    /// A cutting of the first pieces: matched bytes, −choices, choice spans.
    type Cutting = (usize, i64, Vec<(usize, usize)>);
    // best[b]: the best cutting of pieces 0..b.
    let mut best: Vec<Option<Cutting>> = vec![None; pieces + 1];
    if let Some(empty) = best.first_mut() {
        *empty = Some((0, 0, Vec::new()));
    }
    for (b, &end) in ends.iter().enumerate() {
        for (a, &start) in starts
            .iter()
            .enumerate()
            .take(b + 1)
            .skip(b.saturating_sub(MAX_PIECES_PER_OPTION - 1))
        {
            let Some((matched, neg, spans)) = best.get(a).cloned().flatten() else {
                continue;
            };
            let text = cell.get(start..end).unwrap_or_default();
            let gain = if match_option(m, vocabulary, text).is_some() {
                text.len()
            } else {
                0
            };
            let candidate = (matched + gain, neg - 1);
            let Some(slot) = best.get_mut(b + 1) else {
                continue;
            };
            if slot.as_ref().is_none_or(|(m, n, _)| candidate > (*m, *n)) {
                let mut spans = spans;
                spans.push((start, end));
                *slot = Some((candidate.0, candidate.1, spans));
            }
        }
    }
    let spans = best.pop().flatten().map(|b| b.2).unwrap_or_default();
    let mut out: Vec<Choice> = Vec::new();
    for (from, to) in spans {
        let text = cell.get(from..to).unwrap_or_default();
        match match_option(m, vocabulary, text) {
            Some((o, annotation)) => out.push(Choice {
                option: Some(o.label),
                annotation,
                raw_text: text.to_string(),
                at_line: place_of(from).0,
                at_column: place_of(from).1,
            }),
            // Unmatched text next to unmatched text is one unknown choice.
            None => match out.last_mut() {
                Some(last) if last.option.is_none() => {
                    last.raw_text.push(OPTION_SEPARATOR);
                    last.raw_text.push_str(text);
                }
                _ => out.push(Choice {
                    option: None,
                    annotation: None,
                    raw_text: text.to_string(),
                    at_line: place_of(from).0,
                    at_column: place_of(from).1,
                }),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotation_after_with_mixed_brackets_is_set_aside() {
        let a = split_annotations("地区医師会に委託(※補助含む）");
        assert_eq!(
            (a.core, a.annotation.as_deref()),
            ("地区医師会に委託", Some("※補助含む"))
        );
    }

    #[test]
    fn annotation_in_front_is_set_aside() {
        let a =
            split_annotations("（検討中）在宅療養中の患者・利用者についての急変時診療機関の確保");
        assert_eq!(a.annotation.as_deref(), Some("検討中"));
        assert_eq!(
            a.core,
            "在宅療養中の患者・利用者についての急変時診療機関の確保"
        );
    }

    #[test]
    fn spelling_variants_of_page_two_match_the_canonical_option() {
        let (o, _) = match_option(
            &Matchers::default(),
            Vocabulary::Provision,
            "在宅療養中の患者・利用者について急変時診療機関の確保",
        )
        .unwrap();
        assert_eq!(
            o.label,
            "在宅療養中の患者・利用者についての急変時診療機関の確保"
        );
        let (o, _) = match_option(
            &Matchers::default(),
            Vocabulary::WindowOperator,
            "29年中に実施予定だが運営方法について未定",
        )
        .unwrap();
        assert_eq!(o.label, "未定");
    }

    #[test]
    fn unknown_text_matches_no_option() {
        assert!(match_option(&Matchers::default(), Vocabulary::Sharing, "伝書鳩").is_none());
    }

    fn labels(cs: &[crate::model::Choice]) -> Vec<(Option<&str>, Option<&str>, &str)> {
        cs.iter()
            .map(|c| (c.option, c.annotation.as_deref(), c.raw_text.as_str()))
            .collect()
    }

    #[test]
    fn option_holding_the_separator_is_not_cut() {
        // Page 3, line 290: 「中央区 … 在宅療養中の患者・利用者についての急変時診療機関の確保・その他」
        let cs = choices(
            &Matchers::default(),
            Vocabulary::Provision,
            "在宅療養中の患者・利用者についての急変時診療機関の確保・その他",
            |at| (None, at as u32),
        );
        assert_eq!(
            labels(&cs),
            [
                (
                    Some("在宅療養中の患者・利用者についての急変時診療機関の確保"),
                    None,
                    "在宅療養中の患者・利用者についての急変時診療機関の確保"
                ),
                (Some("その他"), None, "その他"),
            ]
        );
    }

    #[test]
    fn annotation_in_front_of_the_second_choice_stays_with_it() {
        // Page 3, line 370 (清瀬市).
        let cs = choices(
            &Matchers::default(),
            Vocabulary::Sharing,
            "紙媒体の情報共有ツール・（29年度中）ICTを活用した情報共有ツール",
            |at| (None, at as u32),
        );
        assert_eq!(
            labels(&cs),
            [
                (
                    Some("紙媒体の情報共有ツール"),
                    None,
                    "紙媒体の情報共有ツール"
                ),
                (
                    Some("ICTを活用した情報共有ツール"),
                    Some("29年度中"),
                    "（29年度中）ICTを活用した情報共有ツール"
                ),
            ]
        );
    }

    #[test]
    fn unknown_words_are_kept_whole_beside_known_options() {
        let cs = choices(
            &Matchers::default(),
            Vocabulary::Sharing,
            "伝書鳩・のろし・紙媒体の情報共有ツール",
            |at| (None, at as u32),
        );
        assert_eq!(
            labels(&cs),
            [
                (None, None, "伝書鳩・のろし"),
                (
                    Some("紙媒体の情報共有ツール"),
                    None,
                    "紙媒体の情報共有ツール"
                ),
            ]
        );
    }

    #[test]
    fn a_dash_cell_chooses_nothing() {
        assert!(choices(&Matchers::default(), Vocabulary::Update, "-", |_| (None, 1)).is_empty());
    }
}
