//! Which cells of a 0/1 matrix its row and column sums decide.
//!
//! Pages 5–6 give, per association, how many year columns it has a mark in
//! (the row sum; the extractor dropped the empty cells, so not which), and per
//! year the printed total (the column sum). A cell is decided by the sums when
//! it has the same value in every 0/1 matrix with those sums (and the pinned
//! cells): fixing it to the other value leaves no such matrix — the
//! Gale–Ryser condition fails.
//!
//! [`solve`] finds one matrix by a maximum flow (source → row, capacity its
//! sum; row → column, capacity 1 unless pinned; column → sink, capacity its
//! sum). Two matrices with the same sums differ by alternating cycles, so a
//! cell can take both values exactly when its row and column lie in the same
//! strongly connected component of the flow's residual graph. One flow and
//! one component search decide every cell, instead of two feasibility tests
//! per cell.
//!
//! Indexing here is not on positions read from the text: every index is a
//! node (rows `0..nr`, columns `nr..nr+nc`, source, sink) or an edge id this
//! module creates, into vectors it sized for them; the text gives only the
//! capacities, and pins are looked up with `get`. The solver is checked
//! against brute-force enumeration, and runs in the mutation test and the
//! fuzz target.
#![allow(
    clippy::indexing_slicing,
    reason = "indices are node and edge ids this module creates, never input positions"
)]

/// A matrix to decide: row sums, column sums, and cells pinned to a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Marks per row.
    pub rows: Vec<u32>,
    /// Total per column.
    pub cols: Vec<u32>,
    /// Cells pinned to a value.
    pub pins: Vec<Cell>,
}

/// A cell pinned to a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// Its row.
    pub row: usize,
    /// Its column.
    pub column: usize,
    /// Its value.
    pub value: bool,
}

/// What the sums say about one cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    /// Pinned to this value.
    Pinned(bool),
    /// The same value in every matrix that fits.
    Forced(bool),
    /// 0 in some matrices that fit, 1 in others.
    Free,
}

/// Every cell, row by row, or `None` when no 0/1 matrix has these sums and pins.
pub fn solve(p: &Problem) -> Option<Vec<Vec<Decided>>> {
    let (nr, nc) = (p.rows.len(), p.cols.len());
    let mut pinned: Vec<Vec<Option<bool>>> = vec![vec![None; nc]; nr];
    for &Cell {
        row: r,
        column: c,
        value: v,
    } in &p.pins
    {
        match pinned.get_mut(r).and_then(|row| row.get_mut(c)) {
            Some(slot) if slot.is_none_or(|old| old == v) => *slot = Some(v),
            _ => return None,
        }
    }
    // What is left to place once the pinned 1s are taken off the sums.
    let mut rows: Vec<i64> = p.rows.iter().map(|&r| r as i64).collect();
    let mut cols: Vec<i64> = p.cols.iter().map(|&c| c as i64).collect();
    for (r, row) in pinned.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if *v == Some(true) {
                rows[r] -= 1;
                cols[c] -= 1;
            }
        }
    }
    if rows.iter().chain(&cols).any(|&x| x < 0)
        || rows.iter().sum::<i64>() != cols.iter().sum::<i64>()
    {
        return None;
    }
    let mut g = Flow::new(nr + nc + 2);
    let (s, t) = (nr + nc, nr + nc + 1);
    for (r, &x) in rows.iter().enumerate() {
        g.edge(s, r, x);
    }
    for (c, &x) in cols.iter().enumerate() {
        g.edge(nr + c, t, x);
    }
    let mut cell_edge = vec![vec![None; nc]; nr];
    for r in 0..nr {
        for c in 0..nc {
            if pinned[r][c].is_none() {
                cell_edge[r][c] = Some(g.edge(r, nr + c, 1));
            }
        }
    }
    if g.max_flow(s, t) != rows.iter().sum::<i64>() {
        return None;
    }
    // Residual graph over rows and columns: row → column where the cell is 0
    // (it could become 1), column → row where it is 1.
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); nr + nc];
    let value = |e: usize, g: &Flow| g.cap[e] == 0;
    for r in 0..nr {
        for c in 0..nc {
            if let Some(e) = cell_edge[r][c] {
                if value(e, &g) {
                    adj[nr + c].push(r);
                } else {
                    adj[r].push(nr + c);
                }
            }
        }
    }
    let comp = components(&adj);
    Some(
        (0..nr)
            .map(|r| {
                (0..nc)
                    .map(|c| match (pinned[r][c], cell_edge[r][c]) {
                        (Some(v), _) => Decided::Pinned(v),
                        (None, Some(_)) if comp[r] == comp[nr + c] => Decided::Free,
                        (None, Some(e)) => Decided::Forced(value(e, &g)),
                        (None, None) => Decided::Free,
                    })
                    .collect()
            })
            .collect(),
    )
}

/// A flow network with paired residual edges.
struct Flow {
    adj: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<i64>,
}

impl Flow {
    fn new(n: usize) -> Self {
        Flow {
            adj: vec![Vec::new(); n],
            to: Vec::new(),
            cap: Vec::new(),
        }
    }

    /// Adds u → v with capacity `c`; returns the edge's index.
    fn edge(&mut self, u: usize, v: usize, c: i64) -> usize {
        let e = self.to.len();
        self.adj[u].push(e);
        self.to.push(v);
        self.cap.push(c);
        self.adj[v].push(e + 1);
        self.to.push(u);
        self.cap.push(0);
        e
    }

    /// Edmonds–Karp: shortest augmenting paths, each by breadth-first search
    /// that stops when it reaches `t` (the search's vectors are reused).
    fn max_flow(&mut self, s: usize, t: usize) -> i64 {
        let n = self.adj.len();
        let mut total = 0;
        let mut via: Vec<Option<usize>> = vec![None; n];
        let mut seen = vec![false; n];
        let mut queue = std::collections::VecDeque::with_capacity(n);
        loop {
            via.fill(None);
            seen.fill(false);
            queue.clear();
            queue.push_back(s);
            seen[s] = true;
            'search: while let Some(u) = queue.pop_front() {
                for &e in &self.adj[u] {
                    let v = self.to[e];
                    if self.cap[e] > 0 && !seen[v] {
                        seen[v] = true;
                        via[v] = Some(e);
                        if v == t {
                            break 'search;
                        }
                        queue.push_back(v);
                    }
                }
            }
            if !seen[t] {
                return total;
            }
            let mut push = i64::MAX;
            let mut v = t;
            while let Some(e) = via[v] {
                push = push.min(self.cap[e]);
                v = self.to[e ^ 1];
            }
            let mut v = t;
            while let Some(e) = via[v] {
                self.cap[e] -= push;
                self.cap[e ^ 1] += push;
                v = self.to[e ^ 1];
            }
            total += push;
        }
    }
}

/// Strongly connected components (Kosaraju, without recursion): a component id per node.
fn components(adj: &[Vec<usize>]) -> Vec<usize> {
    let n = adj.len();
    let mut order = Vec::with_capacity(n);
    let mut seen = vec![false; n];
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((u, i)) = stack.pop() {
            if let Some(&v) = adj[u].get(i) {
                stack.push((u, i + 1));
                if !seen[v] {
                    seen[v] = true;
                    stack.push((v, 0));
                }
            } else {
                order.push(u);
            }
        }
    }
    let mut radj = vec![Vec::new(); n];
    for (u, vs) in adj.iter().enumerate() {
        for &v in vs {
            radj[v].push(u);
        }
    }
    let mut comp = vec![usize::MAX; n];
    let mut id = 0;
    for &start in order.iter().rev() {
        if comp[start] != usize::MAX {
            continue;
        }
        let mut stack = vec![start];
        comp[start] = id;
        while let Some(u) = stack.pop() {
            for &v in &radj[u] {
                if comp[v] == usize::MAX {
                    comp[v] = id;
                    stack.push(v);
                }
            }
        }
        id += 1;
    }
    comp
}

#[cfg(test)]
mod tests {
    use super::*;
    use Decided::*;

    fn problem(rows: &[u32], cols: &[u32]) -> Problem {
        Problem {
            rows: rows.to_vec(),
            cols: cols.to_vec(),
            pins: Vec::new(),
        }
    }

    #[test]
    fn a_full_column_forces_every_cell_of_it() {
        // Two rows of one mark each, two columns: totals 2 and 0.
        assert_eq!(
            solve(&problem(&[1, 1], &[2, 0])),
            Some(vec![
                vec![Forced(true), Forced(false)],
                vec![Forced(true), Forced(false)]
            ])
        );
    }

    #[test]
    fn a_square_of_ones_and_zeros_is_free() {
        // rows 1,1 and columns 1,1: the diagonal or the anti-diagonal.
        assert_eq!(
            solve(&problem(&[1, 1], &[1, 1])),
            Some(vec![vec![Free, Free], vec![Free, Free]])
        );
    }

    #[test]
    fn a_row_beside_a_free_square_can_be_forced() {
        // Row 0 has 2 marks of 2 columns (all marked); rows 1 and 2 share the rest.
        let got = solve(&problem(&[2, 1, 1], &[2, 2])).unwrap();
        assert_eq!(got[0], [Forced(true), Forced(true)]);
        assert_eq!(got[1], [Free, Free]);
    }

    #[test]
    fn sums_that_no_matrix_has_are_infeasible() {
        assert_eq!(solve(&problem(&[2], &[1, 0])), None);
        assert_eq!(solve(&problem(&[1, 1], &[2, 1])), None);
        // Gale–Ryser: rows 2,2 cannot fill columns 3,1 (a column holds at most 2).
        assert_eq!(solve(&problem(&[2, 2], &[3, 1])), None);
    }

    #[test]
    fn a_pin_decides_its_square() {
        let mut p = problem(&[1, 1], &[1, 1]);
        p.pins.push(Cell {
            row: 0,
            column: 0,
            value: true,
        });
        assert_eq!(
            solve(&p),
            Some(vec![
                vec![Pinned(true), Forced(false)],
                vec![Forced(false), Forced(true)]
            ])
        );
        p.pins.push(Cell {
            row: 1,
            column: 0,
            value: true,
        });
        assert_eq!(solve(&p), None, "two 1s in a column of total 1");
    }

    /// Every 0/1 matrix with the sums, by enumeration (small sizes only).
    fn brute(p: &Problem) -> Option<Vec<Vec<Decided>>> {
        let (nr, nc) = (p.rows.len(), p.cols.len());
        let mut fits: Vec<u64> = Vec::new();
        for bits in 0u64..(1 << (nr * nc)) {
            let at = |r: usize, c: usize| bits >> (r * nc + c) & 1 == 1;
            let rows_ok =
                (0..nr).all(|r| (0..nc).filter(|&c| at(r, c)).count() as u32 == p.rows[r]);
            let cols_ok =
                (0..nc).all(|c| (0..nr).filter(|&r| at(r, c)).count() as u32 == p.cols[c]);
            let pins_ok = p.pins.iter().all(|p| at(p.row, p.column) == p.value);
            if rows_ok && cols_ok && pins_ok {
                fits.push(bits);
            }
        }
        if fits.is_empty() {
            return None;
        }
        Some(
            (0..nr)
                .map(|r| {
                    (0..nc)
                        .map(|c| {
                            let k = r * nc + c;
                            if let Some(pin) = p.pins.iter().find(|p| (p.row, p.column) == (r, c)) {
                                return Pinned(pin.value);
                            }
                            let ones = fits.iter().filter(|b| *b >> k & 1 == 1).count();
                            match ones {
                                0 => Forced(false),
                                n if n == fits.len() => Forced(true),
                                _ => Free,
                            }
                        })
                        .collect()
                })
                .collect(),
        )
    }

    #[test]
    fn agrees_with_enumeration_on_small_matrices() {
        // Deterministic pseudo-random sums and pins on matrices up to 4 × 3.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % m
        };
        for _ in 0..400 {
            let (nr, nc) = (1 + next(4) as usize, 1 + next(3) as usize);
            let mut p = if next(2) == 0 {
                // Sums of a random matrix: always feasible.
                let m: Vec<Vec<bool>> = (0..nr)
                    .map(|_| (0..nc).map(|_| next(2) == 1).collect())
                    .collect();
                Problem {
                    rows: m
                        .iter()
                        .map(|r| r.iter().filter(|&&v| v).count() as u32)
                        .collect(),
                    cols: (0..nc)
                        .map(|c| m.iter().filter(|r| r[c]).count() as u32)
                        .collect(),
                    pins: Vec::new(),
                }
            } else {
                Problem {
                    rows: (0..nr).map(|_| next(nc as u64 + 1) as u32).collect(),
                    cols: (0..nc).map(|_| next(nr as u64 + 1) as u32).collect(),
                    pins: Vec::new(),
                }
            };
            if next(3) == 0 {
                p.pins.push(Cell {
                    row: next(nr as u64) as usize,
                    column: next(nc as u64) as usize,
                    value: next(2) == 1,
                });
            }
            assert_eq!(solve(&p), brute(&p), "{p:?}");
        }
    }
}
