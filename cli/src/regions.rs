//! Regions from the command line, shared by `cover`, `keys` and `terms`:
//! GeoJSON from a file or stdin (streamed one feature at a time), or
//! `--rect` / `--cap`; and the coverer flags.

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;

use clap::Args;
use s2cells::io::{GeoFeature, GeoJsonReader, GeoRegion, RegionOptions};
use s2cells::{earth, Cap, LatLng, LatLngRect, Region, RegionCoverer};
use serde_json::{Map, Value};

use crate::error::{CliError, CliResult};

/// Where the regions come from.
#[derive(Args, Debug)]
pub struct RegionInput {
    /// GeoJSON file (geometry, feature, feature collection, or one feature
    /// per line); `-` or nothing reads stdin.
    #[arg(value_name = "FILE", conflicts_with_all = ["rect", "cap"])]
    pub input: Option<PathBuf>,
    /// A lat/lng rectangle in degrees: LAT_LO,LNG_LO,LAT_HI,LNG_HI (LNG_LO >
    /// LNG_HI crosses the antimeridian).
    #[arg(
        long,
        value_name = "LAT_LO,LNG_LO,LAT_HI,LNG_HI",
        allow_hyphen_values = true
    )]
    pub rect: Option<String>,
    /// A spherical cap: LAT,LNG,RADIUS_METERS.
    #[arg(
        long,
        value_name = "LAT,LNG,RADIUS_M",
        allow_hyphen_values = true,
        conflicts_with = "rect"
    )]
    pub cap: Option<String>,
    /// Reject exterior rings that are not counterclockwise and holes that
    /// are not clockwise (RFC 7946); by default a ring stands for the
    /// smaller region it bounds.
    #[arg(long)]
    pub strict_orientation: bool,
    /// Treat edges as straight lines in lon/lat (as a flat map draws them)
    /// rather than great circles: edges are densified and the covering
    /// grown by the largest remaining difference.
    #[arg(long)]
    pub planar_edges: bool,
    /// Cover rings that cross themselves or each other as given (inside =
    /// inside an odd number of rings), with a warning on stderr, instead of
    /// failing on them.
    #[arg(long)]
    pub lenient: bool,
}

/// The region coverer's flags.
#[derive(Args, Debug)]
pub struct CovererFlags {
    /// Coarsest level of covering cells.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=30))]
    pub min_level: u8,
    /// Finest level of covering cells.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u8).range(0..=30))]
    pub max_level: u8,
    /// Use only levels min_level + k * level_mod.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=3))]
    pub level_mod: u8,
    /// Target number of cells (min_level wins when it needs more).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_cells: u64,
    /// Every cell at this one level (sets min and max level, no cell limit).
    #[arg(short, long, value_parser = clap::value_parser!(u8).range(0..=30),
          conflicts_with_all = ["min_level", "max_level", "level_mod"])]
    pub level: Option<u8>,
}

impl CovererFlags {
    /// The coverer the flags describe.
    pub fn coverer(&self) -> CliResult<RegionCoverer> {
        let usage = |e: s2cells::Error| CliError::Usage(e.to_string());
        if let Some(level) = self.level {
            return RegionCoverer::new()
                .fixed_level(level)
                .and_then(|c| c.max_cells(usize::MAX))
                .map_err(usage);
        }
        if self.min_level > self.max_level {
            return Err(CliError::Usage(format!(
                "--min-level {} is above --max-level {}",
                self.min_level, self.max_level
            )));
        }
        let max_cells = usize::try_from(self.max_cells).unwrap_or(usize::MAX);
        RegionCoverer::new()
            .max_level(self.max_level)
            .and_then(|c| c.min_level(self.min_level))
            .and_then(|c| c.level_mod(self.level_mod))
            .and_then(|c| c.max_cells(max_cells))
            .map_err(usage)
    }
}

/// One region, with what identifies it in the output.
pub struct Item {
    pub index: usize,
    pub id: Option<Value>,
    pub properties: Option<Map<String, Value>>,
    pub region: Box<dyn Region>,
    /// How far the covering must grow for `--planar-edges` (radians).
    pub margin: f64,
}

impl Item {
    /// The feature's id as a CSV field: a string id quoted when it needs
    /// it, a number as is, nothing when absent.
    pub fn id_text(&self) -> String {
        match &self.id {
            None => String::new(),
            Some(Value::String(s)) if s.contains([',', '"', '\n', '\r']) => {
                format!("\"{}\"", s.replace('"', "\"\""))
            }
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
        }
    }
}

/// Calls `each` on every region of the input, in input order; features
/// without a geometry are skipped.
pub fn for_each(input: &RegionInput, mut each: impl FnMut(&Item) -> CliResult) -> CliResult {
    if let Some(spec) = &input.rect {
        return each(&rect_item(spec)?);
    }
    if let Some(spec) = &input.cap {
        return each(&cap_item(spec)?);
    }
    let (name, reader) = open(input.input.as_ref())?;
    let options = RegionOptions {
        strict_orientation: input.strict_orientation,
        planar_edges: input.planar_edges,
        lenient: input.lenient,
    };
    for feature in GeoJsonReader::new(reader) {
        let feature = feature.map_err(|e| CliError::Data(format!("{name}: {e}")))?;
        let Some(item) =
            geo_item(feature, options).map_err(|e| CliError::Data(format!("{name}: {e}")))?
        else {
            continue;
        };
        each(&item)?;
    }
    Ok(())
}

/// A file, or stdin for nothing or `-`, with the name errors use.
pub fn open(path: Option<&PathBuf>) -> CliResult<(String, Box<dyn BufRead>)> {
    match path {
        None => Ok(("<stdin>".into(), Box::new(BufReader::new(io::stdin())))),
        Some(p) if p.as_os_str() == "-" => {
            Ok(("<stdin>".into(), Box::new(BufReader::new(io::stdin()))))
        }
        Some(p) => {
            let f = File::open(p)
                .map_err(|e| CliError::Data(format!("{}: cannot open: {e}", p.display())))?;
            Ok((
                p.display().to_string(),
                Box::new(BufReader::with_capacity(1 << 16, f)),
            ))
        }
    }
}

pub fn numbers<const N: usize>(flag: &str, spec: &str, what: &str) -> CliResult<[f64; N]> {
    let parts: Vec<&str> = spec.split(',').map(str::trim).collect();
    let bad = || CliError::Usage(format!("--{flag} {spec:?}: expected {what}"));
    if parts.len() != N {
        return Err(bad());
    }
    let mut out = [0.0; N];
    for (o, p) in out.iter_mut().zip(parts) {
        *o = p.parse::<f64>().map_err(|_| bad())?;
    }
    Ok(out)
}

pub fn rect_item(spec: &str) -> CliResult<Item> {
    let [lat_lo, lng_lo, lat_hi, lng_hi] =
        numbers::<4>("rect", spec, "LAT_LO,LNG_LO,LAT_HI,LNG_HI in degrees")?;
    let rect = LatLngRect::from_degrees(lat_lo, lat_hi, lng_lo, lng_hi)
        .map_err(|e| CliError::Usage(format!("--rect {spec:?}: {e}")))?;
    Ok(plain_item(Box::new(rect)))
}

pub fn cap_item(spec: &str) -> CliResult<Item> {
    let [lat, lng, radius] = numbers::<3>("cap", spec, "LAT,LNG,RADIUS_METERS")?;
    let center = LatLng::from_degrees(lat, lng);
    if !center.is_valid() {
        return Err(CliError::Usage(format!(
            "--cap {spec:?}: the center {lat}, {lng} is not a valid lat/lng"
        )));
    }
    if !(radius.is_finite() && radius >= 0.0) {
        return Err(CliError::Usage(format!(
            "--cap {spec:?}: the radius must be a non-negative number of meters"
        )));
    }
    let cap = Cap::try_from_center_angle(center.to_point(), earth::meters_to_radians(radius))
        .map_err(|e| CliError::Usage(format!("--cap {spec:?}: {e}")))?;
    Ok(plain_item(Box::new(cap)))
}

fn plain_item(region: Box<dyn Region>) -> Item {
    Item {
        index: 0,
        id: None,
        properties: None,
        region,
        margin: 0.0,
    }
}

fn geo_item(feature: GeoFeature, options: RegionOptions) -> Result<Option<Item>, s2cells::Error> {
    let Some(geometry) = &feature.geometry else {
        return Ok(None);
    };
    let region = GeoRegion::from_geometry(feature.index, geometry, options)?;
    for w in region.warnings() {
        eprintln!("warning: {w}");
    }
    Ok(Some(Item {
        index: feature.index,
        id: feature.id,
        properties: feature.properties,
        margin: region.planar_margin(),
        region: Box::new(region),
    }))
}
