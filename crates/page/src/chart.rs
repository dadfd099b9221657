//! The page's charts, drawn with plotters' SVG backend: per item, the page-1
//! count and share of each activity, previous → current fiscal year; and,
//! with several editions, each activity's share across the editions.
//!
//! The charts carry no figure the tables beside them do not: a figure's
//! provenance is on its table cell.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use zaitaku_validate::arithmetic::show_tenths;

/// The font the SVG names; the page's style sheet puts its CJK font stack
/// over it (CSS wins over SVG presentation attributes).
const FONT: &str = "sans-serif";
/// The previous fiscal year's bars.
const PREVIOUS: RGBColor = RGBColor(148, 163, 184);
/// The current fiscal year's bars.
const CURRENT: RGBColor = RGBColor(29, 78, 216);
/// Trend lines, one colour per activity of an item (an item has four at most).
pub const PALETTE: [RGBColor; 4] = [
    RGBColor(29, 78, 216),
    RGBColor(217, 119, 6),
    RGBColor(5, 150, 105),
    RGBColor(190, 24, 93),
];

/// One activity of an item's bar chart.
pub struct Bars<'a> {
    /// Its label: the activity as printed.
    pub label: &'a str,
    /// Previous fiscal year: count and share in tenths of a percent.
    pub previous: (u32, i64),
    /// Current fiscal year: count and share in tenths of a percent.
    pub current: (u32, i64),
}

/// Why a chart could not be drawn (plotters' error, as text).
pub type ChartError = String;

/// Height of one activity's band: its label and its two bars.
const BAND: u32 = 70;
/// Width of every chart.
const WIDTH: u32 = 560;

/// An item's chart: for each activity, its label, then a bar per fiscal
/// year (previous above current) of its count out of `n`, each labelled
/// with the count and the share as printed; `years` names the two years in
/// the legend.
pub fn item_bars(bars: &[Bars<'_>], n: u32, years: (&str, &str)) -> Result<String, ChartError> {
    let k = bars.len().max(1) as f64;
    let height = 34 + BAND * (bars.len().max(1) as u32) + 26;
    let n = f64::from(n.max(1));
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let (legend, plot) = root.split_vertically(30);
        legend_entry(&legend, 8, PREVIOUS, years.0)?;
        legend_entry(&legend, 130, CURRENT, years.1)?;
        // The vertical line at n, named in the legend (beside the bars its
        // label would cover an activity's).
        legend
            .draw(&PathElement::new(
                vec![(260, 8), (260, 26)],
                RGBColor(100, 100, 100).stroke_width(1),
            ))
            .map_err(|e| e.to_string())?;
        legend
            .draw(&Text::new(
                format!("n={n:.0} (municipalities surveyed)"),
                (268, 17),
                TextStyle::from((FONT, 16).into_font()).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(|e| e.to_string())?;
        // Room right of a full bar for its label.
        let mut chart = ChartBuilder::on(&plot)
            .margin_left(8)
            .margin_right(8)
            .x_label_area_size(26)
            .build_cartesian_2d(0f64..n * 1.32, 0f64..k)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(6)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .label_style((FONT, 15))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(|e| e.to_string())?;
        // n, the survey's size: a full bar ends here.
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(n, 0.0), (n, k)],
                RGBColor(100, 100, 100).stroke_width(1),
            )))
            .map_err(|e| e.to_string())?;
        for (j, b) in bars.iter().enumerate() {
            let top = k - j as f64;
            let label =
                TextStyle::from((FONT, 17).into_font()).pos(Pos::new(HPos::Left, VPos::Top));
            chart
                .draw_series(std::iter::once(Text::new(
                    b.label.to_string(),
                    (0.0, top - 0.04),
                    label,
                )))
                .map_err(|e| e.to_string())?;
            for (row, (count, pct), color) in
                [(0.0, b.previous, PREVIOUS), (1.0, b.current, CURRENT)]
            {
                let y0 = top - 0.36 - row * 0.3;
                let y1 = y0 - 0.26;
                let x = f64::from(count);
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [(0.0, y0), (x, y1)],
                        color.filled(),
                    )))
                    .map_err(|e| e.to_string())?;
                chart
                    .draw_series(std::iter::once(Text::new(
                        format!("{count}（{}）", show_tenths(pct)),
                        (x + n * 0.01, (y0 + y1) / 2.0),
                        TextStyle::from((FONT, 15).into_font())
                            .pos(Pos::new(HPos::Left, VPos::Center)),
                    )))
                    .map_err(|e| e.to_string())?;
            }
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// One activity's line of a trend chart: its share (tenths of a percent)
/// per edition, at the edition's as-of date (days since 1970-01-01).
pub struct Line {
    /// Its points, in edition order.
    pub points: Vec<(i32, i64)>,
}

/// An item's trend: each activity's printed share of the current fiscal
/// year across the editions (0–100%), dated by as-of date; points drawn
/// where there are few enough to tell apart. `date` writes an axis label.
pub fn trend(lines: &[Line], date: &dyn Fn(i32) -> String) -> Result<String, ChartError> {
    let days = lines.iter().flat_map(|l| l.points.iter().map(|p| p.0));
    let (lo, hi) = days.fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let (lo, hi) = if lo > hi { (0, 1) } else { (lo, hi) };
    // One edition's line is a point: give the axis some width.
    let (lo, hi) = if lo == hi {
        (f64::from(lo) - 180.0, f64::from(hi) + 180.0)
    } else {
        (f64::from(lo), f64::from(hi))
    };
    let few = lines.iter().map(|l| l.points.len()).max().unwrap_or(0) <= 60;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 220)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&root)
            .margin(8)
            .x_label_area_size(26)
            .y_label_area_size(40)
            .build_cartesian_2d(lo..hi, 0f64..100f64)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .x_labels(5)
            .y_labels(6)
            .x_label_formatter(&|v| date(v.round() as i32))
            .y_label_formatter(&|v| format!("{v:.0}%"))
            .label_style((FONT, 15))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(|e| e.to_string())?;
        for (line, color) in lines.iter().zip(PALETTE.iter().cycle()) {
            let points: Vec<(f64, f64)> = line
                .points
                .iter()
                .map(|&(d, pct)| (f64::from(d), pct as f64 / 10.0))
                .collect();
            chart
                .draw_series(std::iter::once(PathElement::new(
                    points.clone(),
                    color.stroke_width(2),
                )))
                .map_err(|e| e.to_string())?;
            if few {
                chart
                    .draw_series(
                        points
                            .into_iter()
                            .map(|p| Circle::new(p, 3, color.filled())),
                    )
                    .map_err(|e| e.to_string())?;
            }
        }
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// A legend entry at `x`: a swatch and its label.
fn legend_entry(
    area: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    x: i32,
    color: RGBColor,
    label: &str,
) -> Result<(), ChartError> {
    area.draw(&Rectangle::new([(x, 10), (x + 14, 24)], color.filled()))
        .map_err(|e| e.to_string())?;
    area.draw(&Text::new(
        label.to_string(),
        (x + 20, 17),
        TextStyle::from((FONT, 16).into_font()).pos(Pos::new(HPos::Left, VPos::Center)),
    ))
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_chart_is_svg_with_its_labels_as_text() {
        let bars = [Bars {
            label: "地域の医療・介護の資源のリスト又はマップの作成等",
            previous: (45, 849),
            current: (51, 962),
        }];
        let svg = item_bars(&bars, 53, ("2016年度", "2017年度")).unwrap_or_default();
        assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
        for text in [
            "リスト又はマップ",
            "45（84.9%）",
            "51（96.2%）",
            "2016年度",
            "n=53",
        ] {
            assert!(svg.contains(text), "{text} missing");
        }
    }

    #[test]
    fn a_trend_of_one_edition_still_draws() {
        let lines = [Line {
            points: vec![(17_378, 962)],
        }];
        let svg = trend(&lines, &|d| d.to_string()).unwrap_or_default();
        assert!(svg.contains("<circle"));
    }
}
