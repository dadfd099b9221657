//! A PDF page read by where each glyph and each ruling line sits, never by
//! the order the writer drew them in (pdfplumber's table finder, in small):
//!
//! - every glyph with its baseline, left edge, advance and size, the page
//!   turned first where its text runs another way than left to right (a
//!   landscape table drawn turned in a portrait page);
//! - every stroked line (a rectangle's four sides, a segment) and every
//!   filled bar thinner than [`THIN`], snapped to [`SNAP`] and joined where
//!   they touch: the ruling lines (parallel ones closer than [`DOUBLE`] one
//!   line: a double border; a gap narrower than it, where one crosses);
//! - their intersections, and each smallest rectangle whose corners are
//!   intersections joined by ruling lines: the cells, numbered by the rows
//!   and columns their edges make (a merged cell spans several);
//! - each glyph given to the cell its centre lies in, a cell's glyphs put
//!   in lines by baseline ([`SAME_LINE`] of the type size) and in each line
//!   by x; what lies in no cell is the page's free text (titles, notes),
//!   in lines the same way.
//!
//! The tolerances are named here and tested on three typesettings that
//! differ in drawing order (rows top down, columns with rules last, rows
//! bottom up), fonts, type sizes, widths and how rules are drawn (stroked
//! rectangles, stroked segments, thin filled bars): tests/fixtures/pdf/
//! grid_*.pdf against the model they were typeset from.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use zaitaku_parse::cells::{Cell, CellPage};

/// Coordinates closer than this (points) are one: rules drawn as adjacent
/// rectangles share an edge a rounding apart.
pub const SNAP: f64 = 1.0;

/// Parallel rules closer than this (points) are one line of the grid: a
/// double border (two thin lines about 1.5 pt apart, as Word, Excel and
/// CSS draw one) bounds one cell, not a sliver of a cell between them
/// (no text fits in it).
pub const DOUBLE: f64 = 2.5;

/// Two glyphs are on one line when their baselines differ by less than this
/// share of the type size.
pub const SAME_LINE: f64 = 0.4;

/// A gap between two glyphs wider than this share of the type size is a space.
pub const SPACE: f64 = 0.3;

/// A filled rectangle thinner than this (points) is a ruling line (as
/// spreadsheet exports and browsers draw borders); a thicker one is a
/// shading, no rule. Above the thickest border a table draws (Excel's
/// thick line 2.25 pt, a CSS border of 4 px 3 pt), below a line of text
/// (no shaded cell is thinner).
pub const THIN: f64 = 4.0;

/// One glyph: its text, baseline (from the page's top), left edge, advance
/// and type size, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// What it prints.
    pub text: String,
    /// Left edge.
    pub x: f64,
    /// Baseline, from the top of the page.
    pub y: f64,
    /// Advance.
    pub width: f64,
    /// Type size.
    pub size: f64,
}

/// What the extractor reports of a page: glyphs and stroked segments.
#[derive(Debug, Default)]
pub struct Collector {
    height: f64,
    width: f64,
    /// Glyphs seen running each way on the page (in the page's space, the
    /// top down): right, up, down, left.
    runs: [usize; 4],
    /// The glyphs, in drawing order (order does not matter below).
    pub glyphs: Vec<Glyph>,
    /// Horizontal segments: y, x from, x to.
    pub horizontal: Vec<(f64, f64, f64)>,
    /// Vertical segments: x, y from, y to.
    pub vertical: Vec<(f64, f64, f64)>,
}

impl Collector {
    fn segment(&mut self, a: (f64, f64), b: (f64, f64)) {
        if (a.1 - b.1).abs() < SNAP / 2.0 {
            self.horizontal.push((a.1, a.0.min(b.0), a.0.max(b.0)));
        } else if (a.0 - b.0).abs() < SNAP / 2.0 {
            self.vertical.push((a.0, a.1.min(b.1), a.1.max(b.1)));
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page: u32,
        media: &MediaBox,
        _art: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        // Rules read before the page's height was known ([`Collector::rules`]
        // run first) were flipped about the old height: move them.
        let height = media.ury - media.lly;
        let delta = height - self.height;
        for h in &mut self.horizontal {
            h.0 += delta;
        }
        for v in &mut self.vertical {
            v.1 += delta;
            v.2 += delta;
        }
        self.height = height;
        self.width = media.urx - media.llx;
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        // A space glyph is kept: where a writer draws one, the words stand apart.
        if !text.is_empty() && size.is_finite() && size > 0.0 {
            // Which way the text runs: its matrix's first row.
            let way = if trm.m11.abs() >= trm.m12.abs() {
                if trm.m11 >= 0.0 {
                    0
                } else {
                    3
                }
            } else if trm.m12 > 0.0 {
                1
            } else {
                2
            };
            if let Some(n) = self.runs.get_mut(way) {
                *n += 1;
            }
            self.glyphs.push(Glyph {
                text: text.to_string(),
                x: trm.m31,
                y: self.height - trm.m32,
                width: width * size,
                size,
            });
        }
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A point through the matrix `m` (a b c d e f, as `cm` gives it).
fn through(m: &[f64; 6], x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// `m` after `cm` with `n`: n × m.
fn times(n: &[f64; 6], m: &[f64; 6]) -> [f64; 6] {
    [
        n[0] * m[0] + n[1] * m[2],
        n[0] * m[1] + n[1] * m[3],
        n[2] * m[0] + n[3] * m[2],
        n[2] * m[1] + n[3] * m[3],
        n[4] * m[0] + n[5] * m[2] + m[4],
        n[4] * m[1] + n[5] * m[3] + m[5],
    ]
}

/// The operators a path is drawn with, and the graphics state's matrix
/// (what [`Collector::rules`] reads of a content stream).
const PATH_OPERATORS: [&str; 20] = [
    "q", "Q", "cm", "m", "l", "c", "v", "y", "h", "re", "S", "s", "f", "F", "f*", "B", "B*", "b",
    "b*", "n",
];

/// Whether `b` ends a token of a content stream (white space or a delimiter).
fn ends_token(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0 || b"()<>[]{}/%".contains(&b)
}

/// The path operators of the content stream `content`, each with its
/// numeric operands: everything [`Collector::rules`] reads, without
/// building the stream's text, strings and names (a full decode costs a
/// quarter of reading a page). Strings, names, dictionaries, arrays,
/// comments and inline images are skipped; a number before any other
/// operator is dropped with it.
pub fn path_operations(content: &[u8]) -> Vec<pdf_extract::content::Operation> {
    use pdf_extract::content::Operation;
    use pdf_extract::Object;
    let mut out = Vec::new();
    let mut numbers: Vec<Object> = Vec::new();
    let mut i = 0;
    let token_end = |from: usize| {
        (from..content.len())
            .find(|&k| content.get(k).copied().is_some_and(ends_token))
            .unwrap_or(content.len())
    };
    while let Some(&b) = content.get(i) {
        match b {
            b'%' => {
                i = (i..content.len())
                    .find(|&k| matches!(content.get(k), Some(b'\r' | b'\n')))
                    .unwrap_or(content.len());
            }
            b'(' => {
                // A literal string: balanced parentheses, backslash escapes.
                let mut depth = 0usize;
                while let Some(&c) = content.get(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                numbers.clear();
            }
            b'<' if content.get(i + 1) == Some(&b'<') => i += 2,
            b'<' => {
                // A hex string.
                i = (i..content.len())
                    .find(|&k| content.get(k) == Some(&b'>'))
                    .map_or(content.len(), |k| k + 1);
                numbers.clear();
            }
            b'/' => {
                i = token_end(i + 1);
                numbers.clear();
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                let end = token_end(i + 1);
                let value = std::str::from_utf8(content.get(i..end).unwrap_or_default())
                    .ok()
                    .and_then(|t| t.parse::<f32>().ok())
                    .unwrap_or(f32::NAN);
                numbers.push(Object::Real(value));
                i = end;
            }
            b if ends_token(b) => i += 1,
            _ => {
                let end = token_end(i + 1);
                let op = content.get(i..end).unwrap_or_default();
                i = end;
                if op == b"BI" {
                    // An inline image: its data, after 「ID」, runs to 「EI」.
                    let is_id = |k: usize| {
                        content.get(k..k + 2) == Some(b"ID".as_slice())
                            && content.get(k + 2).is_some_and(u8::is_ascii_whitespace)
                    };
                    let data = (i..content.len())
                        .find(|&k| is_id(k))
                        .map_or(content.len(), |k| k + 3);
                    i = (data..content.len())
                        .find(|&k| {
                            content.get(k).is_some_and(|c| c.is_ascii_whitespace())
                                && content.get(k + 1..k + 3) == Some(b"EI".as_slice())
                                && content.get(k + 3).is_none_or(|c| ends_token(*c))
                        })
                        .map_or(content.len(), |k| k + 3);
                } else if let Some(name) = PATH_OPERATORS.iter().find(|o| o.as_bytes() == op) {
                    out.push(Operation::new(name, std::mem::take(&mut numbers)));
                }
                numbers.clear();
            }
        }
    }
    out
}

impl Collector {
    /// Turns the page so that its text runs left to right: a page whose
    /// content is drawn turned (a landscape table in a portrait box, shown
    /// upright by the page's /Rotate) is read as it is shown, whatever
    /// /Rotate says (a page whose text already runs so is left as it is).
    /// The way most glyphs run decides; glyphs and rules turn together.
    pub fn turn_upright(&mut self) {
        let Some(way) = (0..4).max_by_key(|&k| self.runs.get(k).copied().unwrap_or(0)) else {
            return;
        };
        let (w, h) = (self.width, self.height);
        // The new place of a point (x, y from the top), and whether the
        // page's horizontal lines become vertical.
        let turn = |x: f64, y: f64| -> (f64, f64) {
            match way {
                1 => (h - y, x),     // the text ran up
                2 => (y, w - x),     // down
                3 => (w - x, h - y), // right to left
                _ => (x, y),
            }
        };
        if way == 0 {
            return;
        }
        for g in &mut self.glyphs {
            (g.x, g.y) = turn(g.x, g.y);
        }
        let segments = |(a, b): ((f64, f64), (f64, f64))| (turn(a.0, a.1), turn(b.0, b.1));
        let mut horizontal = Vec::new();
        let mut vertical = Vec::new();
        let old = (self
            .horizontal
            .iter()
            .map(|&(y, x0, x1)| ((x0, y), (x1, y))))
        .chain(self.vertical.iter().map(|&(x, y0, y1)| ((x, y0), (x, y1))))
        .map(segments)
        .collect::<Vec<_>>();
        for (a, b) in old {
            if (a.1 - b.1).abs() < SNAP / 2.0 {
                horizontal.push((a.1, a.0.min(b.0), a.0.max(b.0)));
            } else {
                vertical.push((a.0, a.1.min(b.1), a.1.max(b.1)));
            }
        }
        (self.horizontal, self.vertical) = (horizontal, vertical);
        if way != 3 {
            (self.width, self.height) = (h, w);
        }
    }

    /// The page's ruling lines from its content stream `ops`: every path
    /// painted, whatever the operator (stroked: each straight side; filled:
    /// a bar thinner than [`THIN`]; both for `B`, `b`), through the current
    /// matrix (`q`, `Q`, `cm`). pdf-extract reports only `S` and `f`
    /// paths, and spreadsheet exports fill their borders with `f*`.
    pub fn rules(&mut self, ops: &[pdf_extract::content::Operation]) {
        let mut ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        let mut stack: Vec<[f64; 6]> = Vec::new();
        // The path: subpaths of points (each closed or not), rectangles apart.
        let mut subpaths: Vec<(Vec<(f64, f64)>, bool)> = Vec::new();
        let mut rects: Vec<(f64, f64, f64, f64)> = Vec::new();
        for op in ops {
            let n: Vec<f64> = (op.operands.iter())
                .map(|o| match o {
                    pdf_extract::Object::Integer(i) => *i as f64,
                    pdf_extract::Object::Real(r) => f64::from(*r),
                    _ => f64::NAN,
                })
                .collect();
            let num = |k: usize| n.get(k).copied().filter(|v| v.is_finite());
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(ctm),
                "cm" => {
                    if let (Some(a), Some(b), Some(c), Some(d), Some(e), Some(f)) =
                        (num(0), num(1), num(2), num(3), num(4), num(5))
                    {
                        ctm = times(&[a, b, c, d, e, f], &ctm);
                    }
                }
                "m" => {
                    if let (Some(x), Some(y)) = (num(0), num(1)) {
                        subpaths.push((vec![through(&ctm, x, y)], false));
                    }
                }
                "l" => {
                    if let (Some(x), Some(y), Some(path)) = (num(0), num(1), subpaths.last_mut()) {
                        path.0.push(through(&ctm, x, y));
                    }
                }
                "c" | "v" | "y" => {
                    // A curve is no rule; it moves the current point.
                    let k = n.len().saturating_sub(2);
                    if let (Some(x), Some(y)) = (num(k), num(k + 1)) {
                        subpaths.push((vec![through(&ctm, x, y)], false));
                    }
                }
                "h" => {
                    if let Some(path) = subpaths.last_mut() {
                        path.1 = true;
                    }
                }
                "re" => {
                    if let (Some(x), Some(y), Some(w), Some(h)) = (num(0), num(1), num(2), num(3)) {
                        let (a, b) = (through(&ctm, x, y), through(&ctm, x + w, y + h));
                        rects.push((a.0, a.1, b.0, b.1));
                    }
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n" => {
                    let op = op.operator.as_str();
                    let stroke = matches!(op, "S" | "s" | "B" | "B*" | "b" | "b*");
                    let fill = matches!(op, "f" | "F" | "f*" | "B" | "B*" | "b" | "b*");
                    let close = matches!(op, "s" | "b" | "b*");
                    for (points, closed) in subpaths.drain(..) {
                        self.paint(&points, closed || close, stroke, fill);
                    }
                    for (x0, y0, x1, y1) in rects.drain(..) {
                        let corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)];
                        self.paint(&corners, true, stroke, fill);
                    }
                }
                _ => {}
            }
        }
    }

    /// A painted subpath (points in user space): stroked, each straight
    /// side is a segment; filled, a rectangle thinner than [`THIN`] is one.
    fn paint(&mut self, points: &[(f64, f64)], closed: bool, stroke: bool, fill: bool) {
        let flip = |(x, y): (f64, f64)| (x, self.height - y);
        let pts: Vec<(f64, f64)> = points.iter().map(|p| flip(*p)).collect();
        if stroke {
            for pair in pts.windows(2) {
                if let [a, b] = pair {
                    self.segment(*a, *b);
                }
            }
            if let (true, Some(first), Some(last)) = (closed, pts.first(), pts.last()) {
                self.segment(*last, *first);
            }
        }
        if fill && pts.len() >= 4 {
            let (mut left, mut right, mut top, mut bottom) =
                (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
            for &(x, y) in &pts {
                left = left.min(x);
                right = right.max(x);
                top = top.min(y);
                bottom = bottom.max(y);
            }
            if bottom - top < THIN && right - left >= THIN {
                let mid = (top + bottom) / 2.0;
                self.segment((left, mid), (right, mid));
            } else if right - left < THIN && bottom - top >= THIN {
                let mid = (left + right) / 2.0;
                self.segment((mid, top), (mid, bottom));
            }
        }
    }
}

/// Values within [`DOUBLE`] of each other as one (their mean), sorted.
fn clusters(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((mean, n)) if v - *mean / *n as f64 <= DOUBLE => {
                *mean += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f64).collect()
}

/// The cluster `v` falls in.
fn snap(v: f64, to: &[f64]) -> Option<usize> {
    to.iter().position(|c| (c - v).abs() <= DOUBLE)
}

/// Segments on one line joined where they touch or overlap: per line
/// (an index of `lines`), its covered ranges.
fn joined(segments: &[(f64, f64, f64)], lines: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new(); lines.len()];
    for &(at, from, to) in segments {
        if let Some(ranges) = snap(at, lines).and_then(|k| out.get_mut(k)) {
            ranges.push((from, to));
        }
    }
    for ranges in &mut out {
        ranges.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f64, f64)> = Vec::new();
        for &(a, b) in ranges.iter() {
            match merged.last_mut() {
                // A gap narrower than a double border is where one crosses.
                Some(last) if a <= last.1 + DOUBLE => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        *ranges = merged;
    }
    out
}

/// Whether `ranges` cover `from`..`to`.
fn covers(ranges: &[(f64, f64)], from: f64, to: f64) -> bool {
    ranges
        .iter()
        .any(|&(a, b)| a <= from + DOUBLE && b >= to - DOUBLE)
}

/// Page `number`'s table and text, read by position (see the module docs).
pub fn layout(c: &Collector, number: u32) -> CellPage {
    let ys = clusters(c.horizontal.iter().map(|s| s.0).collect());
    let xs = clusters(c.vertical.iter().map(|s| s.0).collect());
    let h = joined(&c.horizontal, &ys);
    let v = joined(&c.vertical, &xs);
    // An intersection: a vertical line crossing (or ending on) a horizontal one.
    let cross = |xi: usize, yi: usize| -> bool {
        match (xs.get(xi), ys.get(yi), v.get(xi), h.get(yi)) {
            (Some(&x), Some(&y), Some(vr), Some(hr)) => covers(vr, y, y) && covers(hr, x, x),
            _ => false,
        }
    };
    let h_edge = |yi: usize, x0: usize, x1: usize| -> bool {
        match (h.get(yi), xs.get(x0), xs.get(x1)) {
            (Some(r), Some(&a), Some(&b)) => covers(r, a, b),
            _ => false,
        }
    };
    let v_edge = |xi: usize, y0: usize, y1: usize| -> bool {
        match (v.get(xi), ys.get(y0), ys.get(y1)) {
            (Some(r), Some(&a), Some(&b)) => covers(r, a, b),
            _ => false,
        }
    };
    // Each smallest rectangle from a top-left intersection.
    let mut boxes: Vec<(usize, usize, usize, usize)> = Vec::new();
    for yi in 0..ys.len() {
        for xi in 0..xs.len() {
            if !cross(xi, yi) {
                continue;
            }
            let found = (yi + 1..ys.len())
                .filter(|&bi| cross(xi, bi) && v_edge(xi, yi, bi))
                .find_map(|bi| {
                    (xi + 1..xs.len())
                        .filter(|&ri| cross(ri, yi) && h_edge(yi, xi, ri))
                        .find(|&ri| cross(ri, bi) && h_edge(bi, xi, ri) && v_edge(ri, yi, bi))
                        .map(|ri| (yi, xi, bi, ri))
                });
            boxes.extend(found);
        }
    }
    // The boxes in points: left, top, right, bottom.
    let at = |edges: &[f64], k: usize| edges.get(k).copied().unwrap_or(0.0);
    let boxes: Vec<(f64, f64, f64, f64)> = boxes
        .iter()
        .map(|b| (at(&xs, b.1), at(&ys, b.0), at(&xs, b.3), at(&ys, b.2)))
        .collect();
    // Rows and columns: the edges the cells use.
    let row_edges = clusters(boxes.iter().flat_map(|b| [b.1, b.3]).collect());
    let col_edges = clusters(boxes.iter().flat_map(|b| [b.0, b.2]).collect());
    let mut page = CellPage {
        page: number,
        ..CellPage::default()
    };
    let mut owned: Vec<Vec<&Glyph>> = vec![Vec::new(); boxes.len()];
    let mut free: Vec<&Glyph> = Vec::new();
    for g in &c.glyphs {
        let (cx, cy) = (g.x + g.width / 2.0, g.y - g.size * 0.35);
        let inside = boxes
            .iter()
            .position(|b| b.0 <= cx && cx <= b.2 && b.1 <= cy && cy <= b.3);
        match inside.and_then(|k| owned.get_mut(k)) {
            Some(cell) => cell.push(g),
            None => free.push(g),
        }
    }
    for (b, glyphs) in boxes.iter().zip(owned) {
        let index = |v: f64, edges: &[f64]| snap(v, edges).unwrap_or(0);
        let (row, col) = (index(b.1, &row_edges), index(b.0, &col_edges));
        page.cells.push(Cell {
            row,
            col,
            rowspan: index(b.3, &row_edges).saturating_sub(row).max(1),
            colspan: index(b.2, &col_edges).saturating_sub(col).max(1),
            lines: lines(glyphs),
            // Points are never negative here; a float's `as` saturates.
            origin: Some((b.0.max(0.0).round() as u32, b.1.max(0.0).round() as u32)),
        });
    }
    page.cells.sort_by_key(|c| (c.row, c.col));
    let (top, bottom) = (
        row_edges.first().copied().unwrap_or(f64::INFINITY),
        row_edges.last().copied().unwrap_or(f64::INFINITY),
    );
    let (above, below): (Vec<&Glyph>, Vec<&Glyph>) =
        free.into_iter().partition(|g| g.y < (top + bottom) / 2.0);
    page.above = lines(above);
    page.below = lines(below);
    page
}

/// Whether a line's glyphs (in x order) are spread evenly over their cell,
/// as distributed alignment (均等割り付け) spreads a head: 「医 師 会 名」. Every
/// gap is wider than [`SPACE`] and none over [`EVEN`] times the narrowest,
/// no space is drawn, and there are three glyphs or more: the gaps are the
/// alignment's, not spaces between words.
fn distributed(row: &[&Glyph]) -> bool {
    let gaps: Vec<f64> = row
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some((b.x - (a.x + a.width)) / a.size),
            _ => None,
        })
        .collect();
    let (min, max) = gaps
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), g| (lo.min(*g), hi.max(*g)));
    row.len() >= 3
        && row.iter().all(|g| !g.text.trim().is_empty())
        && min > SPACE
        && max <= EVEN * min
}

/// The widest gap of a distributed line, as a multiple of its narrowest
/// ([`distributed`]).
const EVEN: f64 = 1.5;

/// Glyphs in lines: by baseline (within [`SAME_LINE`] of the size), each
/// line by x, a space where the gap is wider than [`SPACE`] of the size
/// (none in a line spread by distributed alignment).
fn lines(mut glyphs: Vec<&Glyph>) -> Vec<String> {
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row)
                if row
                    .first()
                    .is_some_and(|f| (g.y - f.y).abs() < SAME_LINE * f.size) =>
            {
                row.push(g)
            }
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let spread = distributed(&row);
            let mut out = String::new();
            let mut end: Option<f64> = None;
            for g in row {
                if !spread && end.is_some_and(|e| g.x - e > SPACE * g.size) && !out.ends_with(' ') {
                    out.push(' ');
                }
                // White space drawn as glyphs: one space between words.
                if g.text.trim().is_empty() {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                } else {
                    out.push_str(&g.text);
                }
                end = Some(g.x + g.width);
            }
            out.trim_end().to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::content::Operation;
    use pdf_extract::Object;

    fn op(operator: &str, operands: &[f64]) -> Operation {
        Operation::new(
            operator,
            operands.iter().map(|v| Object::Real(*v as f32)).collect(),
        )
    }

    #[test]
    fn any_paint_operator_draws_rules_through_the_current_matrix() {
        let mut c = Collector {
            height: 100.0,
            ..Collector::default()
        };
        c.rules(&[
            // A thin bar filled even-odd, scaled by 2 and moved by (10, 10):
            // a horizontal rule from x 10 to 30 at y 100 − 10.2.
            op("q", &[]),
            op("cm", &[2.0, 0.0, 0.0, 2.0, 10.0, 10.0]),
            op("re", &[0.0, 0.0, 10.0, 0.2]),
            op("f*", &[]),
            op("Q", &[]),
            // A stroked segment after the matrix is restored.
            op("m", &[5.0, 0.0]),
            op("l", &[5.0, 50.0]),
            op("S", &[]),
            // A thick filled box is a shading, no rule; a discarded path none.
            op("re", &[0.0, 0.0, 40.0, 40.0]),
            op("f", &[]),
            // A 3 pt bar (a thick border as a browser draws it) is a rule,
            // at its middle: y 100 − 61.5 from the top.
            op("re", &[0.0, 60.0, 50.0, 3.0]),
            op("f", &[]),
            op("re", &[0.0, 0.0, 40.0, 0.0]),
            op("n", &[]),
        ]);
        assert_eq!(c.horizontal.len(), 2);
        assert_eq!(c.horizontal[1], (38.5, 0.0, 50.0));
        let (y, x0, x1) = c.horizontal[0];
        assert!(
            (y - 89.8).abs() < 0.01 && (x0 - 10.0).abs() < 0.01 && (x1 - 30.0).abs() < 0.01,
            "{:?}",
            c.horizontal
        );
        assert_eq!(c.vertical, [(5.0, 50.0, 100.0)]);
    }

    /// A 2 × 2 grid of 20 pt cells at `at`, each rule drawn twice 1.5 pt
    /// apart (a double border), the inner line broken where one crosses.
    fn double_grid(c: &mut Collector) {
        for k in 0..3 {
            let at = 10.0 + 20.0 * f64::from(k);
            for d in [0.0, 1.5] {
                for (from, to) in [(10.0, 29.0), (31.5, 51.5)] {
                    let to = if d == 0.0 { to + 1.0 } else { to };
                    c.horizontal.push((at + d, from, to));
                    c.vertical.push((at + d, from, to));
                }
            }
        }
    }

    #[test]
    fn a_double_border_bounds_one_cell_not_a_sliver() {
        let mut c = Collector {
            height: 100.0,
            ..Collector::default()
        };
        double_grid(&mut c);
        let page = layout(&c, 1);
        let at: Vec<(usize, usize, usize, usize)> = (page.cells.iter())
            .map(|x| (x.row, x.col, x.rowspan, x.colspan))
            .collect();
        assert_eq!(at, [(0, 0, 1, 1), (0, 1, 1, 1), (1, 0, 1, 1), (1, 1, 1, 1)]);
    }

    fn glyphs(text: &str, at: &[f64]) -> Vec<Glyph> {
        (text.chars().zip(at))
            .map(|(c, x)| Glyph {
                text: c.to_string(),
                x: *x,
                y: 10.0,
                width: 8.0,
                size: 8.0,
            })
            .collect()
    }

    #[test]
    fn a_head_spread_over_its_cell_reads_whole_and_words_keep_their_space() {
        // 「医師会名」 spread: every gap 12 pt, none drawn as a space.
        let spread = glyphs("医師会名", &[0.0, 20.0, 40.0, 60.0]);
        assert_eq!(lines(spread.iter().collect()), ["医師会名"]);
        // 「なごみの家 小岩」 set solid but for one gap between its words.
        let words = glyphs("家小岩", &[0.0, 16.0, 24.0]);
        assert_eq!(lines(words.iter().collect()), ["家 小岩"]);
    }

    #[test]
    fn path_operations_skip_strings_names_arrays_and_inline_images() {
        let content = b"q 1 0 0 1 5 5 cm BT /F1 8 Tf (a \\) 3 re (f)) Tj [(x) -20 (y)] TJ ET \
            BI /W 1 /H 1 ID \x00re S EI 0 0 10 0.5 re f* %9 9 m\n<414243> Tj Q";
        let ops: Vec<(String, usize)> = path_operations(content)
            .into_iter()
            .map(|o| (o.operator, o.operands.len()))
            .collect();
        let want = [("q", 0), ("cm", 6), ("re", 4), ("f*", 0), ("Q", 0)];
        let want: Vec<(String, usize)> = want.iter().map(|(o, n)| (o.to_string(), *n)).collect();
        assert_eq!(ops, want);
    }

    #[test]
    fn a_page_drawn_turned_is_read_as_shown() {
        // A 100 × 200 pt page whose text runs up (content turned a quarter
        // counter-clockwise): 「表」 then 「題」 up the page at x 20, and a
        // rule along the text's line.
        let mut c = Collector {
            width: 100.0,
            height: 200.0,
            runs: [0, 2, 0, 0],
            ..Collector::default()
        };
        for (k, t) in ["表", "題"].into_iter().enumerate() {
            c.glyphs.push(Glyph {
                text: t.into(),
                x: 20.0,
                y: 150.0 - 10.0 * k as f64,
                width: 10.0,
                size: 10.0,
            });
        }
        c.vertical.push((25.0, 100.0, 160.0));
        c.turn_upright();
        // Shown upright: a 200 × 100 page, the text left to right on one line.
        let at: Vec<(f64, f64)> = c.glyphs.iter().map(|g| (g.x, g.y)).collect();
        assert_eq!(at, [(50.0, 20.0), (60.0, 20.0)]);
        assert_eq!(c.horizontal, [(25.0, 40.0, 100.0)]);
        assert!(c.vertical.is_empty());
        assert_eq!((c.width, c.height), (200.0, 100.0));
    }

    #[test]
    fn rules_read_before_the_pages_height_move_with_it() {
        let mut c = Collector::default();
        c.rules(&[op("m", &[0.0, 10.0]), op("l", &[50.0, 10.0]), op("S", &[])]);
        let media = MediaBox {
            llx: 0.0,
            lly: 0.0,
            urx: 100.0,
            ury: 100.0,
        };
        c.begin_page(1, &media, None).unwrap();
        // y 10 from the bottom is 90 from the top of a 100 pt page.
        assert_eq!(c.horizontal, [(90.0, 0.0, 50.0)]);
    }
}
