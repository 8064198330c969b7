//! `plot`: a picture of a region and its covering, PNG or SVG.
//!
//! The region's outline (polygon rings, lines, points, rect edges, cap
//! circles, with great-circle edges densified so they bow as they do on
//! the sphere) is drawn over its covering cells, each a translucent
//! polygon coloured by level, on an equirectangular map whose x axis is
//! scaled by cos(mid-latitude) so shapes keep their proportions. Axes
//! carry degree labels, a legend counts cells per level, and a scale bar
//! gives kilometres or metres.
//!
//! Longitudes are shifted into one continuous range around the region's
//! centre, so a region across ±180° is drawn whole; a ring around a pole
//! (a polar face cell, a cap over the pole) is closed along the pole's
//! latitude.

mod map;

use std::fs::File;
use std::path::{Path, PathBuf};

use clap::Args;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use s2cells::io::GeoShape;
use s2cells::{CellId, LatLng, LatLngRect, earth};

use map::{cap_ring, cell_ring, densify, path_pieces, pieces, place, shifted};

use super::cover::{self, Mode};
use crate::error::{CliError, CliResult};
use crate::regions::{self, CovererFlags, Item, RegionInput};
use crate::report::Progress;

/// DejaVu Sans cut to Latin-1 (22 KB; see cli/assets/DejaVuSans-LICENSE.txt):
/// labels need no system font and no font-kit.
const FONT: &[u8] = include_bytes!("../../../assets/DejaVuSans-subset.ttf");
const FAMILY: &str = "sans-serif";

#[derive(Args, Debug)]
pub struct PlotArgs {
    #[command(flatten)]
    pub input: RegionInput,
    #[command(flatten)]
    pub coverer: CovererFlags,
    #[command(flatten)]
    pub selection: cover::Selection,
    /// The picture to write: FILE.png or FILE.svg.
    #[arg(short, long, value_name = "FILE.png|FILE.svg")]
    pub output: PathBuf,
    /// Width in pixels.
    #[arg(long, default_value_t = 1600, value_parser = clap::value_parser!(u32).range(320..=10000))]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(240..=10000))]
    pub height: u32,
    /// Title (by default the feature's name or id, or the region given on
    /// the command line).
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Png,
    Svg,
}

/// What the outline of a region is made of, in degrees (x = lng, y = lat).
enum Mark {
    /// A closed ring; `hole` for a polygon's holes; `polar` when it
    /// winds around a pole (see [`map::Placed`]).
    Ring {
        pts: Vec<(f64, f64)>,
        hole: bool,
        polar: bool,
    },
    Line(Vec<(f64, f64)>),
    Dot((f64, f64)),
}

impl Mark {
    /// The open paths that draw this outline: a ring's boundary closed
    /// back to its start (without the stretch along the pole that closes
    /// a polar ring), on a world-wide map cut to the turn of longitude
    /// `xs`. Dots have none.
    fn paths(&self, world: bool, xs: (f64, f64)) -> Vec<Vec<(f64, f64)>> {
        match self {
            Mark::Ring { pts, polar, .. } => {
                let placed = map::Placed {
                    pts: pts.clone(),
                    polar: *polar,
                };
                path_pieces(&placed.boundary(true), world, xs)
            }
            Mark::Line(pts) => path_pieces(pts, world, xs),
            Mark::Dot(_) => vec![],
        }
    }
}

pub fn run(args: &PlotArgs) -> CliResult {
    let kind = kind_of(&args.output)?;
    let r = &args.input;
    let mode = args.selection.mode(args.coverer.level)?;
    let coverer = args.coverer.coverer()?;

    // Regions with their outlines, as (item, marks on the sphere).
    let mut items: Vec<(Item, Outline)> = Vec::new();
    let mut name = String::new();
    if let Some(spec) = &r.rect {
        let item = regions::rect_item(spec)?;
        let [lat_lo, lng_lo, lat_hi, lng_hi] = regions::numbers::<4>("rect", spec, "")?;
        let lng_hi = if lng_hi < lng_lo {
            lng_hi + 360.0
        } else {
            lng_hi
        };
        let corner = |lat: f64, lng: f64| LatLng::from_degrees(lat, lng);
        let ring = vec![
            corner(lat_lo, lng_lo),
            corner(lat_lo, lng_hi),
            corner(lat_hi, lng_hi),
            corner(lat_hi, lng_lo),
        ];
        items.push((item, (vec![ring], vec![false], vec![RING_FLAT])));
        name = format!("--rect={spec}");
    } else if let Some(spec) = &r.cap {
        let item = regions::cap_item(spec)?;
        let [lat, lng, radius] = regions::numbers::<3>("cap", spec, "")?;
        items.push((item, cap_outline(lat, lng, radius)));
        name = format!("--cap={spec}");
    } else {
        let progress = Progress::bytes(regions::input_size(r));
        let file = r
            .input
            .as_ref()
            .filter(|p| p.as_os_str() != "-")
            .map_or_else(|| "<stdin>".to_owned(), |p| p.display().to_string());
        regions::each_region(r, &progress, |feature, region| {
            let (mut rings, mut holes, mut kinds) = (Vec::new(), Vec::new(), Vec::new());
            shape_marks(region.shape(), &mut rings, &mut holes, &mut kinds);
            if items.is_empty() {
                name = feature_name(&feature.properties, &feature.id)
                    .unwrap_or_else(|| format!("{file}, feature {}", feature.index));
            }
            items.push((Item::new(feature, region), (rings, holes, kinds)));
            Ok(())
        })?;
        if items.len() > 1 {
            name = format!("{file} ({} features)", items.len());
        }
    }

    let mut cells: Vec<CellId> = Vec::new();
    let progress = Progress::spinner();
    for (item, ..) in &items {
        progress.message(|| format!("covering feature {}", item.index));
        cells.extend(cover::cells_of(&coverer, mode, &args.coverer, item)?.iter());
    }
    progress.message(|| format!("drawing {} cells", cells.len()));

    // One continuous longitude range around the regions' centre.
    let bound = items.iter().fold(LatLngRect::empty(), |b, (i, ..)| {
        b.union(&i.region.rect_bound())
    });
    let centre = if bound.is_empty() {
        0.0
    } else {
        bound.center().lng_degrees()
    };
    let mut marks = Vec::new();
    for (_, outline) in &items {
        marks.extend(outline_marks(outline, centre));
    }
    let mut polys: Vec<(u8, Vec<(f64, f64)>)> = cells
        .iter()
        .map(|&id| (id.level(), place(cell_ring(id), centre, true).pts))
        .collect();
    // Coarse cells first, so finer ones lie on top.
    polys.sort_by_key(|p| p.0);

    let title = args.title.clone().unwrap_or(name);
    let subtitle = options_line(&args.coverer, mode, cells.len());
    let picture = Picture {
        marks: &marks,
        polys: &polys,
        title: &title,
        subtitle: &subtitle,
        centre,
        levels: args.coverer.level.map_or(
            Some((args.coverer.min_level, args.coverer.max_level)),
            |l| Some((l, l)),
        ),
        per_segment: kind == Kind::Png,
    };
    let size = (args.width, args.height);
    let path = &args.output;
    // Fail before drawing, with the OS's reason, if the file cannot be made.
    File::create(path)
        .map_err(|e| CliError::Data(format!("{}: cannot write: {e}", path.display())))?;
    let failed = |e: String| CliError::Data(format!("{}: cannot draw: {e}", path.display()));
    plotters::style::register_font(FAMILY, FontStyle::Normal, FONT)
        .map_err(|_| CliError::Data("the embedded font is unreadable".into()))?;
    match kind {
        Kind::Png => {
            let root = BitMapBackend::new(path, size).into_drawing_area();
            picture.draw(&root).map_err(failed)?;
            root.present().map_err(|e| failed(e.to_string()))?;
        }
        Kind::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                picture.draw(&root).map_err(failed)?;
                root.present().map_err(|e| failed(e.to_string()))?;
            }
            std::fs::write(path, svg)
                .map_err(|e| CliError::Data(format!("{}: cannot write: {e}", path.display())))?;
        }
    }
    Ok(())
}

fn kind_of(path: &Path) -> CliResult<Kind> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("png") => Ok(Kind::Png),
        Some("svg") => Ok(Kind::Svg),
        _ => Err(CliError::Usage(format!(
            "--output {}: expected a file name ending in .png or .svg",
            path.display()
        ))),
    }
}

/// A region's outline on the sphere: paths, whether each is a hole, and
/// what each is (`RING_FLAT`, `RING`, `LINE`, `DOT`).
type Outline = (Vec<Vec<LatLng>>, Vec<bool>, Vec<u8>);

const RING_FLAT: u8 = 0;
const RING: u8 = 1;
const LINE: u8 = 2;
const DOT: u8 = 3;

/// The outline of a cap given as on the command line. Its longitudes wrap
/// at ±180° and it may wind around a pole, so it is placed like a
/// polygon's ring (placed as a rect's corners are, a cap over a pole was
/// drawn with a line across the whole picture).
fn cap_outline(lat: f64, lng: f64, radius_m: f64) -> Outline {
    let ring = cap_ring(
        LatLng::from_degrees(lat, lng).to_point(),
        earth::meters_to_radians(radius_m),
    );
    (vec![ring], vec![false], vec![RING])
}

/// The marks that draw a region's outline on a map centred on `centre`.
fn outline_marks((rings, holes, kinds): &Outline, centre: f64) -> Vec<Mark> {
    let mut marks = Vec::new();
    for ((ring, &hole), &k) in rings.iter().zip(holes).zip(kinds) {
        let pts: Vec<(f64, f64)> = ring
            .iter()
            .map(|p| (p.lng_degrees(), p.lat_degrees()))
            .collect();
        if pts.is_empty() {
            continue;
        }
        marks.push(match k {
            DOT => Mark::Dot(place(vec![pts[0]], centre, false).pts[0]),
            // A rect's corners are already in one continuous range.
            RING_FLAT => Mark::Ring {
                pts: shifted(pts, centre),
                hole,
                polar: false,
            },
            LINE => Mark::Line(place(pts, centre, false).pts),
            _ => {
                let placed = place(pts, centre, true);
                Mark::Ring {
                    pts: placed.pts,
                    hole,
                    polar: placed.polar,
                }
            }
        });
    }
    marks
}

/// The outline of a GeoJSON shape: rings (great-circle edges densified),
/// lines, points.
fn shape_marks(
    shape: &GeoShape,
    rings: &mut Vec<Vec<LatLng>>,
    holes: &mut Vec<bool>,
    kinds: &mut Vec<u8>,
) {
    match shape {
        GeoShape::Points(pts) => {
            for p in pts {
                rings.push(vec![LatLng::from(*p)]);
                holes.push(false);
                kinds.push(DOT);
            }
        }
        GeoShape::Lines(lines) => {
            for l in lines {
                rings.push(densify(l.vertices(), false));
                holes.push(false);
                kinds.push(LINE);
            }
        }
        GeoShape::Polygon(p) => {
            for l in p.loops() {
                if l.is_empty() || l.is_full() {
                    continue;
                }
                rings.push(densify(l.vertices(), true));
                holes.push(l.is_hole());
                kinds.push(RING);
            }
        }
        GeoShape::Collection(parts) => {
            for s in parts {
                shape_marks(s, rings, holes, kinds);
            }
        }
        // A shell minus holes that break the rules (lenient): the holes'
        // rings drawn as holes.
        GeoShape::Difference(shape, minus) => {
            shape_marks(shape, rings, holes, kinds);
            let from = holes.len();
            shape_marks(minus, rings, holes, kinds);
            for h in &mut holes[from..] {
                *h = !*h;
            }
        }
    }
}

fn feature_name(
    props: &Option<serde_json::Map<String, serde_json::Value>>,
    id: &Option<serde_json::Value>,
) -> Option<String> {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    props
        .as_ref()
        .and_then(|p| p.get("name").filter(|v| !v.is_null()).map(text))
        .or_else(|| id.as_ref().map(text))
}

/// The coverer options and the cell count, for the subtitle.
fn options_line(r: &CovererFlags, mode: Mode, cells: usize) -> String {
    let mode = match mode {
        Mode::Covering => "covering",
        Mode::Interior => "interior covering",
        Mode::Centroid => "cells whose centre is inside",
        Mode::Intersects => "cells that may intersect",
    };
    let levels = match r.level {
        Some(l) => format!("level {l}"),
        None if r.min_level == r.max_level => format!("level {}", r.min_level),
        None => {
            let m = if r.level_mod > 1 {
                format!(" step {}", r.level_mod)
            } else {
                String::new()
            };
            format!(
                "levels {}–{}{m}, at most {} cells",
                r.min_level, r.max_level, r.max_cells
            )
        }
    };
    let n = if cells == 1 { "cell" } else { "cells" };
    format!("{mode}, {levels}: {cells} {n}")
}

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

struct Picture<'a> {
    marks: &'a [Mark],
    polys: &'a [(u8, Vec<(f64, f64)>)],
    title: &'a str,
    subtitle: &'a str,
    /// The longitude the map is centred on.
    centre: f64,
    /// The coverer's levels, when it has a range.
    levels: Option<(u8, u8)>,
    /// Draw thick outlines a segment at a time (see [`stroke`]).
    per_segment: bool,
}

impl Picture<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
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
fn extent(polys: &[(u8, Vec<(f64, f64)>)], marks: &[Mark]) -> ((f64, f64), (f64, f64)) {
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
        format!("{} km", nice)
    } else {
        format!("{} m", (nice * 1000.0).round())
    };
    (nice, label)
}

#[cfg(test)]
mod tests;
