//! Drawing: the map with its cells coloured by level, the region's
//! outline, axes in degrees, the legend and the scale bar.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::FAMILY;
use super::map::pieces;
use super::outline::Mark;

/// Ordered colours from coarse (blue) to fine (red), ColorBrewer's
/// Spectral in reverse: neighbouring levels stay apart, order reads at a
/// glance.
const PALETTE: [(u8, u8, u8); 8] = [
    (50, 136, 189),
    (102, 194, 165),
    (171, 221, 164),
    (230, 220, 110),
    (254, 190, 100),
    (253, 140, 70),
    (235, 90, 60),
    (200, 30, 60),
];

fn level_colour(level: u8, lo: u8, hi: u8) -> RGBColor {
    let t = if hi > lo {
        f64::from(level - lo) / f64::from(hi - lo)
    } else {
        0.0
    };
    let x = t * (PALETTE.len() - 1) as f64;
    let k = (x.floor() as usize).min(PALETTE.len() - 2);
    let f = x - k as f64;
    let mix = |a: u8, b: u8| (f64::from(a) + f * (f64::from(b) - f64::from(a))).round() as u8;
    let (a, b) = (PALETTE[k], PALETTE[k + 1]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

fn darker(c: RGBColor) -> RGBColor {
    RGBColor(
        (f64::from(c.0) * 0.6) as u8,
        (f64::from(c.1) * 0.6) as u8,
        (f64::from(c.2) * 0.6) as u8,
    )
}

const OUTLINE: RGBColor = RGBColor(20, 20, 30);

pub(super) struct Picture<'a> {
    pub(super) marks: &'a [Mark],
    pub(super) polys: &'a [(u8, Vec<(f64, f64)>)],
    pub(super) title: &'a str,
    pub(super) subtitle: &'a str,
    /// The longitude the map is centred on.
    pub(super) centre: f64,
    /// The coverer's levels, when it has a range.
    pub(super) levels: Option<(u8, u8)>,
    /// Draw thick outlines a segment at a time (see [`stroke`]).
    pub(super) per_segment: bool,
}

impl Picture<'_> {
    pub(super) fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> Result<(), String> {
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        root.fill(&WHITE).map_err(err)?;
        let (w, h) = root.dim_in_pixel();
        let s = f64::from(w.min(h * 4 / 3)) / 1600.0;
        let px = |v: f64| ((v * s).round() as i32).max(1);
        let font = |size: f64| (FAMILY, (size * s).max(9.0)).into_font();

        // Title band.
        let title_h = px(100.0);
        root.draw(&Text::new(
            self.title.to_string(),
            (px(30.0), px(22.0)),
            font(38.0).color(&BLACK),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            self.subtitle.to_string(),
            (px(30.0), px(66.0)),
            font(26.0).color(&RGBColor(70, 70, 70)),
        ))
        .map_err(err)?;
        let body = root.margin(title_h as u32, 0, 0, 0);
        let legend_w = px(300.0) as u32;
        let (map_area, legend_area) = body.split_horizontally(w.saturating_sub(legend_w));

        // The data extent, padded, then widened to the plot's aspect ratio.
        let (mut xs, mut ys) = extent(self.polys, self.marks);
        // Points and tiny regions still get a sensible window (~100 m).
        let min_span = 0.001;
        if xs.1 - xs.0 < min_span {
            xs = (xs.0 - min_span, xs.1 + min_span);
        }
        if ys.1 - ys.0 < min_span {
            ys = (ys.0 - min_span, ys.1 + min_span);
        }
        let (pad_x, pad_y) = (0.04 * (xs.1 - xs.0), 0.04 * (ys.1 - ys.0));
        xs = (xs.0 - pad_x, xs.1 + pad_x);
        ys = ((ys.0 - pad_y).max(-90.0), (ys.1 + pad_y).min(90.0));
        let mid_lat = 0.5 * (ys.0 + ys.1);
        // Near the poles the true scale would stretch x without bound.
        let k = mid_lat.to_radians().cos().max(0.1);

        // Spanning more than a turn (a world-wide covering): one turn
        // around the centre, with cells cut at the seam and drawn on both
        // sides.
        let world = xs.1 - xs.0 > 360.0;
        if world {
            xs = (self.centre - 180.0, self.centre + 180.0);
        }
        let (margin, x_lab, y_lab) = (px(20.0), px(70.0), px(130.0));
        let (mw, mh) = map_area.dim_in_pixel();
        let plot_w = (mw as i32 - 2 * margin - y_lab).max(10) as f64;
        let plot_h = (mh as i32 - 2 * margin - x_lab).max(10) as f64;
        let (dx, dy) = ((xs.1 - xs.0) * k, ys.1 - ys.0);
        // Extra blank space above and below when latitude cannot grow.
        let mut letterbox = 0;
        if dx / dy > plot_w / plot_h {
            let grow = dx * plot_h / plot_w - dy;
            ys = (ys.0 - grow / 2.0, ys.1 + grow / 2.0);
            if ys.1 - ys.0 > 180.0 {
                ys = (-90.0, 90.0);
                letterbox = ((plot_h - plot_w * 180.0 / dx) / 2.0) as i32;
            } else if ys.1 > 90.0 {
                ys = (ys.0 - (ys.1 - 90.0), 90.0);
            } else if ys.0 < -90.0 {
                ys = (-90.0, ys.1 + (-90.0 - ys.0));
            }
        } else {
            let grow = (dy * plot_w / plot_h - dx) / k;
            xs = (xs.0 - grow / 2.0, xs.1 + grow / 2.0);
        }

        let mut chart = ChartBuilder::on(&map_area)
            .margin(margin)
            .margin_top(margin + letterbox)
            .margin_bottom(margin + letterbox)
            .x_label_area_size(x_lab)
            .y_label_area_size(y_lab)
            .build_cartesian_2d(xs.0..xs.1, ys.0..ys.1)
            .map_err(err)?;
        let x_dec = decimals(xs.1 - xs.0);
        let y_dec = decimals(ys.1 - ys.0);
        chart
            .configure_mesh()
            .x_labels(7)
            .y_labels(7)
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(215, 215, 215))
            .label_style(font(21.0).color(&RGBColor(50, 50, 50)))
            .axis_desc_style(font(22.0).color(&RGBColor(50, 50, 50)))
            .x_desc("longitude")
            .y_desc("latitude")
            .x_label_formatter(&|v| degrees(*v, x_dec, 'E', 'W', true))
            .y_label_formatter(&|v| degrees(*v, y_dec, 'N', 'S', false))
            .draw()
            .map_err(err)?;

        let (mut lo, mut hi) = self
            .polys
            .iter()
            .fold((u8::MAX, 0), |(l, h), p| (l.min(p.0), h.max(p.0)));
        // The legend lists the coverer's levels, empty ones too, when they
        // are few enough to read (levels 8 to 15 in the README's figure).
        if let Some((a, b)) = self.levels
            && !self.polys.is_empty()
            && b - a < 16
        {
            (lo, hi) = (lo.min(a), hi.max(b));
        }
        let edge_w = if self.polys.len() > 2000 { 0 } else { px(1.2) };
        for (level, whole) in self.polys {
            let c = level_colour(*level, lo, hi);
            for ring in pieces(whole, world, xs) {
                chart
                    .draw_series(std::iter::once(Polygon::new(ring.clone(), c.mix(0.55))))
                    .map_err(err)?;
                if edge_w > 0 {
                    let mut closed = ring.clone();
                    closed.push(ring[0]);
                    let closed = distinct(&chart, closed);
                    chart
                        .draw_series(std::iter::once(PathElement::new(
                            closed,
                            darker(c).mix(0.8).stroke_width(edge_w as u32),
                        )))
                        .map_err(err)?;
                }
            }
        }
        let line = OUTLINE.stroke_width(px(3.5) as u32);
        let hole_line = RGBColor(180, 0, 120).stroke_width(px(3.0) as u32);
        for m in self.marks {
            match m {
                Mark::Ring { .. } | Mark::Line(..) => {
                    let style = if matches!(m, Mark::Ring { hole: true, .. }) {
                        hole_line
                    } else {
                        line
                    };
                    for path in m.paths(world, xs) {
                        let path = distinct(&chart, path);
                        stroke(&mut chart, path, style, self.per_segment).map_err(err)?;
                    }
                }
                Mark::Dot(p) => {
                    chart
                        .draw_series(std::iter::once(Circle::new(*p, px(6.0), OUTLINE.filled())))
                        .map_err(err)?;
                }
            }
        }

        // Scale bar, bottom left inside the plot.
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        let plot_px = f64::from(xr.end - xr.start);
        let km_per_px = (xs.1 - xs.0) * k * 111.195 / plot_px;
        let (bar_km, label) = nice_length(km_per_px * plot_px / 5.0);
        let bar_px = (bar_km / km_per_px).round() as i32;
        let (bx, by) = (xr.start + px(24.0), yr.end - px(30.0));
        let map_root = root;
        map_root
            .draw(&Rectangle::new(
                [
                    (bx - px(12.0), by - px(46.0)),
                    (bx + bar_px + px(12.0), by + px(16.0)),
                ],
                WHITE.mix(0.85).filled(),
            ))
            .map_err(err)?;
        let seg = bar_px / 4;
        for i in 0..4 {
            let style = if i % 2 == 0 {
                OUTLINE.filled()
            } else {
                WHITE.filled()
            };
            let x0 = bx + i * seg;
            let x1 = if i == 3 { bx + bar_px } else { x0 + seg };
            map_root
                .draw(&Rectangle::new([(x0, by - px(8.0)), (x1, by)], style))
                .map_err(err)?;
        }
        map_root
            .draw(&Rectangle::new(
                [(bx, by - px(8.0)), (bx + bar_px, by)],
                OUTLINE.stroke_width(px(1.0) as u32),
            ))
            .map_err(err)?;
        map_root
            .draw(&Text::new(
                label,
                (bx + bar_px / 2, by - px(14.0)),
                font(22.0)
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Center, VPos::Bottom)),
            ))
            .map_err(err)?;

        self.legend(&legend_area, lo, hi, &font, &px).map_err(err)
    }

    fn legend<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        lo: u8,
        hi: u8,
        font: &dyn Fn(f64) -> FontDesc<'static>,
        px: &dyn Fn(f64) -> i32,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let x0 = px(10.0);
        let mut y = px(40.0);
        let row = px(40.0);
        area.draw(&Text::new(
            "cells by level",
            (x0, y),
            font(24.0).color(&BLACK),
        ))?;
        y += px(48.0);
        if self.polys.is_empty() {
            area.draw(&Text::new(
                "no cells",
                (x0, y),
                font(22.0).color(&RGBColor(90, 90, 90)),
            ))?;
            y += row;
        } else {
            let right = area.dim_in_pixel().0 as i32 - px(30.0);
            // With many levels, rows shrink to fit.
            let levels = i32::from(hi - lo) + 1;
            let avail = area.dim_in_pixel().1 as i32 - y - px(160.0);
            let row = row.min(avail / levels.max(1)).max(px(14.0));
            for level in lo..=hi {
                let n = self.polys.iter().filter(|p| p.0 == level).count();
                let c = level_colour(level, lo, hi);
                let sw = (row * 7 / 10).max(6);
                area.draw(&Rectangle::new(
                    [(x0, y), (x0 + sw, y + sw)],
                    c.mix(0.55).filled(),
                ))?;
                area.draw(&Rectangle::new(
                    [(x0, y), (x0 + sw, y + sw)],
                    darker(c).stroke_width(px(1.5) as u32),
                ))?;
                let style = font(21.0)
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Left, VPos::Center));
                area.draw(&Text::new(
                    format!("level {level}"),
                    (x0 + sw + px(12.0), y + sw / 2),
                    style.clone(),
                ))?;
                let num = font(21.0)
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Right, VPos::Center));
                area.draw(&Text::new(n.to_string(), (right, y + sw / 2), num))?;
                y += row;
            }
            y += px(6.0);
            area.draw(&PathElement::new(
                vec![(x0, y), (right, y)],
                RGBColor(150, 150, 150).stroke_width(1),
            ))?;
            y += px(12.0);
            area.draw(&Text::new(
                "total",
                (x0, y),
                font(21.0)
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
            area.draw(&Text::new(
                self.polys.len().to_string(),
                (right, y),
                font(21.0)
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Right, VPos::Top)),
            ))?;
            y += row + px(10.0);
        }
        let has_hole = self
            .marks
            .iter()
            .any(|m| matches!(m, Mark::Ring { hole: true, .. }));
        let sw = px(28.0);
        let ym = y + px(10.0);
        area.draw(&PathElement::new(
            vec![(x0, ym), (x0 + sw, ym)],
            OUTLINE.stroke_width(px(3.5) as u32),
        ))?;
        area.draw(&Text::new(
            "region outline",
            (x0 + sw + px(12.0), ym),
            font(21.0)
                .color(&BLACK)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        if has_hole {
            let ym = ym + px(36.0);
            area.draw(&PathElement::new(
                vec![(x0, ym), (x0 + sw, ym)],
                RGBColor(180, 0, 120).stroke_width(px(3.0) as u32),
            ))?;
            area.draw(&Text::new(
                "hole",
                (x0 + sw + px(12.0), ym),
                font(21.0)
                    .color(&BLACK)
                    .pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        Ok(())
    }
}

/// The longitudes and latitudes the map must show: all outlines, and the
/// cells except slivers along a pole. A fine cell with the pole as a
/// vertex is, on this map, a strip along the pole's latitude a quarter
/// turn or more wide and 1e-7° high: counted, a leaf cell at the pole
/// (Google's covering of a rect that touches the pole has two) widened the
/// map of a 90°-wide rect to the whole world, with a line along the top.
/// Such slivers are still drawn, cut to the map. The whole world when
/// there is nothing.
pub(super) fn extent(polys: &[(u8, Vec<(f64, f64)>)], marks: &[Mark]) -> ((f64, f64), (f64, f64)) {
    let mut xs = (f64::MAX, f64::MIN);
    let mut ys = (f64::MAX, f64::MIN);
    let mut add = |p: &(f64, f64)| {
        xs = (xs.0.min(p.0), xs.1.max(p.0));
        ys = (ys.0.min(p.1), ys.1.max(p.1));
    };
    for (_, ring) in polys {
        let (lo, hi) = ring
            .iter()
            .fold((f64::MAX, f64::MIN), |(l, h), p| (l.min(p.1), h.max(p.1)));
        let sliver = hi - lo < 1e-4 && (hi >= 90.0 || lo <= -90.0);
        if !sliver {
            ring.iter().for_each(&mut add);
        }
    }
    for m in marks {
        match m {
            Mark::Ring { pts, .. } | Mark::Line(pts) => pts.iter().for_each(&mut add),
            Mark::Dot(p) => add(p),
        }
    }
    if xs.0 > xs.1 {
        (xs, ys) = ((-180.0, 180.0), (-90.0, 90.0));
    }
    (xs, ys)
}

/// Draws a path. The SVG backend writes one polyline and the viewer joins
/// its segments; plotters' bitmap backend turns a thick path into one
/// polygon, whose offset lines at a sharp turn (a fjord, a coast that
/// doubles back) meet far from the path: thin spikes shot out of
/// northern Greenland and the Arctic islands on a world map. With
/// `per_segment` each segment is drawn alone, with a dot of the line's
/// width at each joint.
fn stroke<DB: DrawingBackend>(
    chart: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    path: Vec<(f64, f64)>,
    style: ShapeStyle,
    per_segment: bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if !per_segment || style.stroke_width <= 1 {
        chart.draw_series(std::iter::once(PathElement::new(path, style)))?;
        return Ok(());
    }
    chart.draw_series(
        path.windows(2)
            .map(|w| PathElement::new(vec![w[0], w[1]], style)),
    )?;
    let dot = ShapeStyle {
        filled: true,
        stroke_width: 0,
        ..style
    };
    let r = (style.stroke_width / 2) as i32;
    if path.len() > 2 {
        chart.draw_series(
            path[1..path.len() - 1]
                .iter()
                .map(|&p| Circle::new(p, r, dot)),
        )?;
    }
    Ok(())
}

/// The path without points within 3 pixels of the previous one: a thick
/// plotters line joins very short segments with long miter spikes that
/// cross the picture.
fn distinct<DB: DrawingBackend>(
    chart: &ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    pts: Vec<(f64, f64)>,
) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    let mut last = None;
    for p in pts {
        let q = chart.backend_coord(&p);
        let far = last.is_none_or(|l: (i32, i32)| (l.0 - q.0).abs().max((l.1 - q.1).abs()) >= 3);
        if far {
            out.push(p);
            last = Some(q);
        }
    }
    out
}

/// Decimals for degree labels over a span, about seven ticks apart.
fn decimals(span: f64) -> usize {
    let step = span / 7.0;
    (-step.log10()).ceil().clamp(0.0, 6.0) as usize
}

/// `v` degrees as "30.1°S"; longitudes are brought back to (-180, 180].
fn degrees(v: f64, dec: usize, pos: char, neg: char, wrap: bool) -> String {
    let mut v = v;
    if wrap {
        v -= 360.0 * ((v - 1e-9) / 360.0).round();
    }
    let t = format!("{:.dec$}", v.abs());
    if t.trim_start_matches(['0', '.']).is_empty() || (wrap && (v.abs() - 180.0).abs() < 1e-9) {
        return format!("{t}°");
    }
    format!("{t}°{}", if v > 0.0 { pos } else { neg })
}

/// A round length (1, 2 or 5 × 10ⁿ) at most `km`, and its label.
fn nice_length(km: f64) -> (f64, String) {
    let km = km.max(1e-6);
    let p = 10f64.powf(km.log10().floor());
    let m = km / p;
    let nice = if m >= 5.0 {
        5.0
    } else if m >= 2.0 {
        2.0
    } else {
        1.0
    } * p;
    let label = if nice >= 1.0 {
        format!("{nice} km")
    } else {
        format!("{} m", (nice * 1000.0).round())
    };
    (nice, label)
}
