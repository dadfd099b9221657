//! Placement by printed counts: the one rule that says which municipality
//! each window of pages 7–11 belongs to.
//!
//! The pages print windows in the reference list's order, but most windows
//! print no municipality. The rule:
//!
//! 1. An *anchor* fixes where a municipality's windows start: a head at the
//!    start of a window (「4 新宿区 1 在宅医療相談窓口 …」) or the
//!    municipality's own row (「3 港区 平成29年９月開設予定 港区」, no windows).
//! 2. Municipalities are taken in the reference list's order. Each takes as
//!    many windows as its printed count (設置箇所数), from where the previous
//!    one stopped or from its anchor, never past where the next anchored
//!    municipality starts.
//! 3. A municipality whose count is printed nowhere takes what its run
//!    leaves: the windows up to the next anchor less the counts of the
//!    municipalities after it in the run.
//! 4. Windows that no municipality takes are unplaced (validation fails).
//!
//! A *run* is an anchored municipality and the unanchored ones after it:
//! which of them a window belongs to is decided by the counts alone, so a
//! count that does not add up can only be blamed on the run as a whole.

use std::ops::Range;

/// Where the windows go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Per municipality (in the reference list's order), the range of
    /// windows it takes.
    pub taken: Vec<Range<usize>>,
    /// The runs: their members (indices in the reference list) and the range
    /// of windows printed between the run's start and the next anchor.
    pub runs: Vec<(Vec<usize>, Range<usize>)>,
}

/// Places `total` windows among municipalities with printed `counts` (per
/// municipality; `None` where printed nowhere), given `anchors` (window
/// index, municipality index), by the rule of the module docs. Of several
/// anchors of one municipality, its first window counts.
pub fn place(counts: &[Option<usize>], anchors: &[(usize, usize)], total: usize) -> Placement {
    let mut start_of: Vec<Option<usize>> = vec![None; counts.len()];
    for &(at, k) in anchors {
        if let Some(slot) = start_of.get_mut(k) {
            *slot = Some(slot.map_or(at, |s| s.min(at)));
        }
    }
    // Where the next anchored municipality after each one starts.
    let mut next_anchor = vec![total; counts.len()];
    let mut next = total;
    for k in (0..counts.len()).rev() {
        if let Some(slot) = next_anchor.get_mut(k) {
            *slot = next;
        }
        if let Some(Some(at)) = start_of.get(k) {
            next = next.min(*at);
        }
    }
    let mut taken = Vec::with_capacity(counts.len());
    let mut runs: Vec<(Vec<usize>, Range<usize>)> = Vec::new();
    let mut cursor = 0usize;
    for (k, count) in counts.iter().enumerate() {
        let anchored = start_of.get(k).copied().flatten();
        if let Some(at) = anchored {
            cursor = cursor.max(at);
        }
        let bound = next_anchor
            .get(k)
            .copied()
            .unwrap_or(total)
            .max(cursor)
            .min(total);
        // The counts of the run's members after this one.
        let later: usize = counts
            .iter()
            .zip(&start_of)
            .skip(k + 1)
            .take_while(|(_, s)| s.is_none())
            .map(|(c, _)| c.unwrap_or(0))
            .fold(0, usize::saturating_add);
        let n = count.unwrap_or_else(|| bound.saturating_sub(cursor).saturating_sub(later));
        let end = cursor.saturating_add(n).min(bound);
        taken.push(cursor..end);
        match runs.last_mut() {
            Some((members, range)) if anchored.is_none() => {
                members.push(k);
                range.end = bound;
            }
            _ => runs.push((vec![k], cursor..bound)),
        }
        cursor = end;
    }
    Placement { taken, runs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipalities_take_their_counts_in_order_from_an_anchor() {
        let p = place(&[Some(2), Some(1), Some(3)], &[(0, 0)], 6);
        assert_eq!(p.taken, [0..2, 2..3, 3..6]);
        assert_eq!(p.runs, [(vec![0, 1, 2], 0..6)]);
    }

    #[test]
    fn no_municipality_takes_a_window_past_the_next_anchor() {
        // The second municipality's count says 2, but the third is anchored
        // at window 3: the second stops there; window 5 is left unplaced.
        let p = place(&[Some(2), Some(2), Some(2)], &[(0, 0), (3, 2)], 6);
        assert_eq!(p.taken, [0..2, 2..3, 3..5]);
        assert_eq!(p.runs, [(vec![0, 1], 0..3), (vec![2], 3..6)]);
    }

    #[test]
    fn a_count_printed_nowhere_takes_what_its_run_leaves() {
        let p = place(&[Some(2), None, Some(1)], &[(0, 0)], 6);
        assert_eq!(p.taken, [0..2, 2..5, 5..6]);
    }

    #[test]
    fn an_own_row_anchors_a_municipality_without_windows() {
        // Municipality 1 prints its own row before window 2 (count 0); 2 follows it.
        let p = place(&[Some(2), Some(0), Some(1)], &[(0, 0), (2, 1)], 3);
        assert_eq!(p.taken, [0..2, 2..2, 2..3]);
        assert_eq!(p.runs, [(vec![0], 0..2), (vec![1, 2], 2..3)]);
    }

    #[test]
    fn a_lost_window_shows_in_the_run_not_in_one_member() {
        // Counts 1 + 21 + 5 + 3 = 30 after one anchor, 29 windows printed:
        // the last member comes up short, and the run holds 29 of 30.
        let p = place(&[Some(1), Some(21), Some(5), Some(3)], &[(0, 0)], 29);
        assert_eq!(p.taken.last(), Some(&(27..29)));
        assert_eq!(p.runs, [(vec![0, 1, 2, 3], 0..29)]);
    }

    #[test]
    fn windows_before_the_first_anchor_start_the_first_run() {
        let p = place(&[Some(1), Some(1)], &[(1, 1)], 2);
        assert_eq!(p.taken, [0..1, 1..2]);
        assert_eq!(p.runs, [(vec![0], 0..1), (vec![1], 1..2)]);
    }
}
