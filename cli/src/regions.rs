//! Regions from the command line, shared by `cover`, `keys`, `terms` and
//! `plot`: GeoJSON or WKT from a file or stdin (streamed one feature at a
//! time), or `--rect` / `--cap`; `--invalid`; and the coverer flags with
//! the cell budget of mixed-level coverings.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use s2cells::io::{
    GeoFeature, GeoJsonReader, GeoRegion, GeoShape, ParseError, RegionOptions, WktReader,
};
use s2cells::{Cap, CellUnion, LatLng, LatLngRect, Region, RegionCoverer, earth};
use serde_json::{Map, Value};

use crate::error::{CliError, CliResult};
use crate::report::{self, OnInvalid, Progress, Skipped};

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
    /// rather than great circles: edges are cut into pieces of 0.05° with
    /// a vertex outside each piece that bulges out, so the covering
    /// contains the region the map shows (and keeps --max-cells and the
    /// levels). A lon/lat box drawn for a flat map (edges along ±180° or
    /// through a pole) needs it.
    #[arg(long)]
    pub planar_edges: bool,
    /// Repair what published boundaries get wrong, with a warning naming
    /// the feature and ring, instead of failing: drop rings collapsed to
    /// one or two points, remove spikes, cut a ring where it touches
    /// itself, drop holes outside their shell, cover a polygon whose holes
    /// cross its shell as its shell minus its holes and overlapping
    /// polygons as their union, and cover rings that cross themselves as
    /// given (inside an odd number of times).
    #[arg(long)]
    pub lenient: bool,
    /// A feature that cannot be read or made a region: fail (exit 1), or
    /// skip it and say at the end how many were skipped and why. (A GeoJSON
    /// syntax error ends the input either way.)
    #[arg(long, value_enum, value_name = "fail|skip", default_value_t = OnInvalid::Fail)]
    pub invalid: OnInvalid,
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
    /// Every cell at this one level (sets min and max level, no cell
    /// limit), streamed in constant memory whatever the region's size.
    #[arg(short, long, value_parser = clap::value_parser!(u8).range(0..=30),
          conflicts_with_all = ["min_level", "max_level", "level_mod", "max_cells"])]
    pub level: Option<u8>,
    /// Fail instead of giving a feature more than N cells, saying about
    /// how many it would need and which flag to change. Mixed-level
    /// coverings hold their cells while they are computed, so they have a
    /// budget by default (200000 cells: at most about 130 MB of cells in
    /// flight, 350 MB with --level-mod 3); `none` lifts
    /// it. Fixed-level cells (--level) stream and have no budget unless
    /// one is given, except where they are held whole (`plot`, `--stats`,
    /// a line under --planar-edges), which have the default.
    #[arg(long, value_name = "N|none", value_parser = parse_budget)]
    pub budget: Option<Budget>,
}

/// A `--budget`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    /// At most this many cells per feature.
    Cells(usize),
    /// No limit (`--budget none`).
    Unlimited,
}

/// The budget of a mixed-level covering when `--budget` is not given.
/// Measured peaks under it (tests/budget_memory.rs, in-process): see the
/// README's hostile-input table.
pub const DEFAULT_BUDGET: usize = 200_000;

pub fn parse_budget(text: &str) -> Result<Budget, String> {
    if text.eq_ignore_ascii_case("none") {
        return Ok(Budget::Unlimited);
    }
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(Budget::Cells(n)),
        _ => Err("expected a number of cells (at least 1) or `none`".to_owned()),
    }
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

/// The cell limit of cells held in memory (a mixed-level covering, or
/// fixed-level cells a command collects whole: `plot`, `--stats`, a
/// line's planar margin): `--budget`, else the default; `None` for
/// `--budget none`.
pub fn held_budget(budget: Option<Budget>) -> Option<usize> {
    match budget {
        None => Some(DEFAULT_BUDGET),
        Some(Budget::Cells(n)) => Some(n),
        Some(Budget::Unlimited) => None,
    }
}

/// The cell limit of streamed fixed-level output: only a `--budget` given.
pub fn stream_budget(budget: Option<Budget>) -> Option<usize> {
    match budget {
        Some(Budget::Cells(n)) => Some(n),
        _ => None,
    }
}

/// The covering (`interior`: the interior covering) of a feature's region
/// within the cell budget, or an error saying about how many cells the
/// settings would need and which flag to change.
pub fn covering(
    coverer: &RegionCoverer,
    budget: Option<Budget>,
    region: &dyn Region,
    interior: bool,
    feature: usize,
) -> CliResult<CellUnion> {
    let Some(limit) = held_budget(budget) else {
        return Ok(if interior {
            coverer.interior_covering(region)
        } else {
            coverer.covering(region)
        });
    };
    let result = if interior {
        coverer.interior_covering_within(region, limit)
    } else {
        coverer.covering_within(region, limit)
    };
    result.map_err(|_| over_budget(coverer, budget.is_some(), limit, region, interior, feature))
}

/// The error of a covering over its budget: about how many cells it would
/// need, and what to change.
fn over_budget(
    coverer: &RegionCoverer,
    explicit: bool,
    limit: usize,
    region: &dyn Region,
    interior: bool,
    feature: usize,
) -> CliError {
    let e = coverer.estimate_covering_len(region, interior);
    let o = coverer.options();
    let (min, max, max_cells) = (o.min_level(), o.max_level(), o.max_cells());
    let advice = if e.forced > limit as f64 && min == max {
        format!(
            "level {min} alone takes about {} cells: lower --level (or --min-level and \
             --max-level)",
            approx(e.forced)
        )
    } else if e.forced > limit as f64 {
        format!(
            "--min-level {min} alone takes about {} cells: lower --min-level",
            approx(e.forced)
        )
    } else if e.unlimited <= max_cells as f64 {
        format!(
            "lower --max-level (now {max}; each finer level about doubles the cells along the \
             boundary) or --max-cells"
        )
    } else {
        format!("lower --max-cells (now {max_cells}) or --max-level")
    };
    let which = if explicit {
        "--budget"
    } else {
        "the default --budget"
    };
    CliError::Data(format!(
        "feature {feature}: the covering would need about {} cells, more than {which} of {limit}: \
         {advice}, or raise --budget (--budget none lifts it)",
        approx(e.cells)
    ))
}

/// A count as a reader takes it in: exact below 10,000, else two
/// significant digits and a word.
pub fn approx(n: f64) -> String {
    if n < 10_000.0 {
        return format!("{}", n.round());
    }
    let (scale, word) = if n >= 1e12 {
        (1e12, "trillion")
    } else if n >= 1e9 {
        (1e9, "billion")
    } else if n >= 1e6 {
        (1e6, "million")
    } else {
        (1e3, "thousand")
    };
    let v = n / scale;
    let text = if v >= 10.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    format!("{text} {word}")
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
    /// A feature and its region.
    pub fn new(feature: GeoFeature, region: GeoRegion) -> Self {
        Self {
            index: feature.index,
            id: feature.id,
            properties: feature.properties,
            margin: region.planar_margin(),
            area: shape_area(region.shape()),
            region: Box::new(region),
        }
    }

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

/// Calls `each` on every region of the input, in input order, with the
/// progress bar (for its message); features without a geometry are
/// skipped, and with `--invalid skip` so are features that cannot be read
/// or made a region (counted, and reported at the end).
pub fn for_each(
    input: &RegionInput,
    mut each: impl FnMut(&Item, &Progress) -> CliResult,
) -> CliResult {
    if let Some(spec) = &input.rect {
        return each(&rect_item(spec)?, &Progress::spinner());
    }
    if let Some(spec) = &input.cap {
        return each(&cap_item(spec)?, &Progress::spinner());
    }
    let progress = Progress::bytes(input_size(input));
    each_region(input, &progress, |feature, region| {
        each(&Item::new(feature, region), &progress)
    })
}

/// Calls `each` on every feature of a file or stdin that has a geometry,
/// with its region (warnings printed), moving `progress`; with `--invalid
/// skip`, features that cannot be read or made a region are counted and
/// reported at the end instead.
pub fn each_region(
    input: &RegionInput,
    progress: &Progress,
    mut each: impl FnMut(GeoFeature, GeoRegion) -> CliResult,
) -> CliResult {
    let (name, format, features) = features(input, progress)?;
    let options = RegionOptions {
        strict_orientation: input.strict_orientation,
        planar_edges: input.planar_edges,
        lenient: input.lenient,
    };
    let skip = input.invalid == OnInvalid::Skip;
    let mut skipped = Skipped::default();
    let mut seen = 0u64;
    for feature in features {
        seen += 1;
        let feature = match feature {
            Ok(f) => f,
            Err(e) if skip && feature_error(&e) => {
                skipped.add(data_error(&name, format, e).to_string());
                continue;
            }
            Err(e) => return Err(data_error(&name, format, e)),
        };
        let Some(geometry) = &feature.geometry else {
            continue;
        };
        let region = match GeoRegion::from_geometry(feature.index, geometry, options) {
            Ok(r) => r,
            Err(e) if skip => {
                skipped.add(data_error(&name, format, e).to_string());
                continue;
            }
            Err(e) => return Err(data_error(&name, format, e)),
        };
        for w in region.warnings() {
            report::warn(w);
        }
        progress.message(|| format!("{seen} features"));
        each(feature, region)?;
    }
    progress.message(String::new);
    skipped.report("feature", Some(seen));
    Ok(())
}

/// Whether a reader's error concerns one feature (skippable), not the
/// input as a whole (a syntax error, a failed read).
fn feature_error(e: &ParseError) -> bool {
    matches!(
        e,
        ParseError::InvalidGeoJson { .. }
            | ParseError::InvalidGeometry { .. }
            | ParseError::WktSyntax { .. }
            | ParseError::InvalidWkt { .. }
    )
}

/// The features of a region input, one at a time.
pub type Features = Box<dyn Iterator<Item = Result<GeoFeature, ParseError>>>;

/// The size of the input file, for a progress bar.
pub fn input_size(input: &RegionInput) -> Option<u64> {
    let path = input.input.as_ref().filter(|p| p.as_os_str() != "-")?;
    std::fs::metadata(path).ok().map(|m| m.len())
}

/// The input's name for errors, its format (`--input-format`, or found
/// from the file name or the first non-blank character) and its features
/// (read on past a bad feature with `--invalid skip`), moving `progress`
/// as the bytes are read.
pub fn features(
    input: &RegionInput,
    progress: &Progress,
) -> CliResult<(String, InputFormat, Features)> {
    let (name, mut reader) = open_counted(input.input.as_ref(), progress)?;
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
    let keep_going = input.invalid == OnInvalid::Skip;
    let features: Features = match (format, keep_going) {
        (InputFormat::Wkt, false) => Box::new(WktReader::new(reader)),
        (InputFormat::Wkt, true) => Box::new(WktReader::new(reader).keep_going()),
        (_, false) => Box::new(GeoJsonReader::new(reader)),
        (_, true) => Box::new(GeoJsonReader::new(reader).keep_going()),
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

/// A file, or stdin for nothing or `-`, with the name errors use,
/// moving `progress` as the bytes are read.
pub fn open_counted(
    path: Option<&PathBuf>,
    progress: &Progress,
) -> CliResult<(String, Box<dyn BufRead>)> {
    match path.filter(|p| p.as_os_str() != "-") {
        None => Ok((
            "<stdin>".into(),
            Box::new(BufReader::new(progress.reader(io::stdin()))),
        )),
        Some(p) => {
            let f = File::open(p)
                .map_err(|e| CliError::Data(format!("{}: cannot open: {e}", p.display())))?;
            Ok((
                p.display().to_string(),
                Box::new(BufReader::with_capacity(1 << 16, progress.reader(f))),
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
        // A lenient shell minus its holes: about that (the holes may
        // reach outside the shell).
        GeoShape::Difference(shape, minus) => {
            shape_area(shape).map(|a| (a - shape_area(minus).unwrap_or(0.0)).max(0.0))
        }
        GeoShape::Points(_) | GeoShape::Lines(_) => None,
    }
}
