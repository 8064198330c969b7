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
mod outline;
mod picture;

use std::fs::File;
use std::path::{Path, PathBuf};

use clap::Args;
use plotters::prelude::*;
use s2cells::{CellId, LatLng, LatLngRect};

use map::{cell_ring, place};
use outline::{Outline, RING_FLAT, cap_outline, outline_marks, shape_marks};
use picture::Picture;
#[cfg(test)]
use {outline::Mark, picture::extent};

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
                name = feature_name(feature.properties.as_ref(), feature.id.as_ref())
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

fn feature_name(
    props: Option<&serde_json::Map<String, serde_json::Value>>,
    id: Option<&serde_json::Value>,
) -> Option<String> {
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    };
    props
        .and_then(|p| p.get("name").filter(|v| !v.is_null()).map(text))
        .or_else(|| id.map(text))
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

#[cfg(test)]
mod tests;
