//! Regions from the command line, shared by `cover`, `keys` and `terms`:
//! GeoJSON or WKT from a file or stdin (streamed one feature at a time),
//! or `--rect` / `--cap`; and the coverer flags.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use s2cells::io::{
    GeoFeature, GeoJsonReader, GeoRegion, GeoShape, ParseError, RegionOptions, WktReader,
};
use s2cells::{Cap, LatLng, LatLngRect, Region, RegionCoverer, earth};
use serde_json::{Map, Value};

use crate::error::{CliError, CliResult};

/// Formats of an input file. Regions are GeoJSON or WKT; `csv` and
/// `ndjson` are for points (`terms --points`), which shares the flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// GeoJSON: a geometry, feature or feature collection, or a sequence
    /// of them (one per line, or RFC 8142).
    Geojson,
    /// WKT or EWKT, one geometry per line (x y = longitude latitude).
    Wkt,
    /// Points only: delimited text with a header.
    Csv,
    /// Points only: one JSON object per line.
    Ndjson,
}

/// Where the regions come from.
#[derive(Args, Debug)]
pub struct RegionInput {
    /// GeoJSON file (geometry, feature, feature collection, or one feature
    /// per line) or WKT file (one geometry per line); `-` or nothing reads
    /// stdin.
    #[arg(value_name = "FILE", conflicts_with_all = ["rect", "cap"])]
    pub input: Option<PathBuf>,
    /// Input format: geojson or wkt (with `terms --points`: csv, ndjson or
    /// geojson). By default from the file extension (.wkt; .geojson, .json),
    /// else from the first non-blank character: a letter means WKT.
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with_all = ["rect", "cap"])]
    pub input_format: Option<InputFormat>,
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
    /// Target number of cells (min_level wins when it needs more). The
    /// default 8 leaves more than half of a typical covering's area outside
    /// its region; --fp-sweep and --target-fp measure it.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_cells: u64,
    /// Every cell at this one level (sets min and max level, no cell limit).
    #[arg(short, long, value_parser = clap::value_parser!(u8).range(0..=30),
          conflicts_with_all = ["min_level", "max_level", "level_mod", "max_cells"])]
    pub level: Option<u8>,
}

impl CovererFlags {
    /// The coverer the flags describe.
    pub fn coverer(&self) -> CliResult<RegionCoverer> {
        let usage = |e: s2cells::CovererError| CliError::Usage(e.to_string());
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
    /// The region's area in steradians, for `--stats` and `--fp-sweep`
    /// (`None` for points and lines).
    pub area: Option<f64>,
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
    let (name, format, features) = features(input)?;
    let options = RegionOptions {
        strict_orientation: input.strict_orientation,
        planar_edges: input.planar_edges,
        lenient: input.lenient,
    };
    for feature in features {
        let feature = feature.map_err(|e| CliError::Data(format!("{name}: {e}")))?;
        let Some(item) = geo_item(feature, options).map_err(|e| data_error(&name, format, e))?
        else {
            continue;
        };
        each(&item)?;
    }
    Ok(())
}

/// The features of a region input, one at a time.
pub type Features = Box<dyn Iterator<Item = Result<GeoFeature, ParseError>>>;

/// The input's name for errors, its format (`--input-format`, or found
/// from the file name or the first non-blank character) and its features.
pub fn features(input: &RegionInput) -> CliResult<(String, InputFormat, Features)> {
    let (name, mut reader) = open(input.input.as_ref())?;
    let format = match input.input_format {
        Some(f @ (InputFormat::Geojson | InputFormat::Wkt)) => f,
        Some(f) => {
            return Err(CliError::Usage(format!(
                "--input-format {}: regions are read from geojson or wkt",
                f.to_possible_value()
                    .map_or_else(String::new, |v| v.get_name().to_owned())
            )));
        }
        None => match input.input.as_deref().and_then(format_of_path) {
            Some(f) => f,
            None => {
                let (f, r) = sniff(reader)?;
                reader = r;
                f
            }
        },
    };
    let features: Features = match format {
        InputFormat::Wkt => Box::new(WktReader::new(reader)),
        _ => Box::new(GeoJsonReader::new(reader)),
    };
    Ok((name, format, features))
}

/// The format a file's extension names, if it names one.
fn format_of_path(path: &Path) -> Option<InputFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "wkt" | "ewkt" => Some(InputFormat::Wkt),
        "geojson" | "json" | "geojsonl" | "geojsons" | "ndjson" | "jsonl" => {
            Some(InputFormat::Geojson)
        }
        _ => None,
    }
}

/// The format the first non-blank byte suggests (a letter: WKT's type
/// name or SRID; anything else: GeoJSON, whose own errors then explain),
/// and a reader that still yields every byte (the blank bytes read to get
/// there are put back in front, so line numbers stay right).
fn sniff(mut reader: Box<dyn BufRead>) -> CliResult<(InputFormat, Box<dyn BufRead>)> {
    let mut blank = Vec::new();
    let format = loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break InputFormat::Geojson;
        }
        // A UTF-8 byte order mark counts as blank (WktReader skips it).
        let n = buf
            .iter()
            .take_while(|b| b.is_ascii_whitespace() || matches!(b, 0xef | 0xbb | 0xbf))
            .count();
        if let Some(&b) = buf.get(n) {
            break if b.is_ascii_alphabetic() {
                InputFormat::Wkt
            } else {
                InputFormat::Geojson
            };
        }
        blank.extend_from_slice(buf);
        let len = buf.len();
        reader.consume(len);
    };
    if blank.is_empty() {
        return Ok((format, reader));
    }
    Ok((format, Box::new(Cursor::new(blank).chain(reader))))
}

/// A region error as the user should read it: a geometry that makes no
/// region is named by its feature (GeoJSON) or its line (WKT).
pub fn data_error(name: &str, format: InputFormat, e: ParseError) -> CliError {
    match (format, e) {
        (
            InputFormat::Wkt,
            ParseError::InvalidGeometry {
                feature,
                path,
                reason,
            },
        ) => CliError::Data(format!(
            "{name}: invalid WKT geometry on line {} at {path}: {reason}",
            feature + 1
        )),
        (
            _,
            ParseError::InvalidGeometry {
                feature,
                path,
                reason,
            },
        ) => CliError::Data(format!(
            "{name}: invalid GeoJSON in feature {feature} at {path}: {reason}"
        )),
        (_, e) => CliError::Data(format!("{name}: {e}")),
    }
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
    let area = rect.area();
    Ok(plain_item(Box::new(rect), area))
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
    let area = cap.area();
    Ok(plain_item(Box::new(cap), area))
}

fn plain_item(region: Box<dyn Region>, area: f64) -> Item {
    Item {
        index: 0,
        id: None,
        properties: None,
        region,
        margin: 0.0,
        area: Some(area),
    }
}

/// The area of a shape in steradians; `None` for points and lines, which
/// have none.
fn shape_area(shape: &GeoShape) -> Option<f64> {
    match shape {
        GeoShape::Polygon(p) => Some(p.area()),
        GeoShape::Collection(parts) => {
            let areas: Vec<f64> = parts.iter().filter_map(shape_area).collect();
            (!areas.is_empty()).then(|| areas.iter().sum())
        }
        GeoShape::Points(_) | GeoShape::Lines(_) => None,
    }
}

fn geo_item(feature: GeoFeature, options: RegionOptions) -> Result<Option<Item>, ParseError> {
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
        area: shape_area(region.shape()),
        region: Box::new(region),
    }))
}
