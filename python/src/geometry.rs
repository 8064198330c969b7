//! Geometries in: GeoJSON text, WKT and WKB, each read by the library's
//! reader (`s2cells::io`), with its rules and its errors.

use s2cells::io::{
    GeoRegion, Geometry, ParseError, RegionOptions, parse_geojson, parse_wkb, parse_wkt,
};

/// A geometry as given.
#[derive(Clone, Copy, Debug)]
pub enum GeomIn<'a> {
    /// GeoJSON (starts with `{`) or WKT (starts with a letter).
    Text(&'a str),
    /// WKB.
    Wkb(&'a [u8]),
}

/// The format a geometry came in, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    GeoJson,
    Wkt,
    Wkb,
}

/// Parses one geometry; `Ok(None)` for a GeoJSON feature whose geometry
/// is null.
pub fn parse(g: GeomIn<'_>) -> Result<(Option<Geometry>, FormatName), String> {
    match g {
        GeomIn::Wkb(b) => parse_wkb(b)
            .map(|g| (Some(g), FormatName(Format::Wkb)))
            .map_err(|e| e.to_string()),
        GeomIn::Text(t) => {
            let first = t
                .bytes()
                .find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xef | 0xbb | 0xbf));
            match first {
                Some(b'{') => {
                    let mut features = parse_geojson(t).map_err(|e| e.to_string())?;
                    match features.len() {
                        1 => Ok((features.remove(0).geometry, FormatName(Format::GeoJson))),
                        0 => Err(String::from(
                            "a GeoJSON FeatureCollection with no features: expected one geometry",
                        )),
                        n => Err(format!(
                            "a GeoJSON FeatureCollection of {n} features where one geometry is \
                             expected (coverings() takes a FeatureCollection, one covering per feature)"
                        )),
                    }
                }
                Some(b'0') if t.trim().starts_with("00") || t.trim().starts_with("01") => {
                    // Hex WKB: PostGIS's text form of a geometry (psql,
                    // pandas.read_sql), DuckDB's ST_AsHEXWKB.
                    let b = from_hex(t.trim()).map_err(|e| format!("invalid hex WKB: {e}"))?;
                    parse_wkb(&b)
                        .map(|g| (Some(g), FormatName(Format::Wkb)))
                        .map_err(|e| format!("hex WKB: {e}"))
                }
                Some(b) if b.is_ascii_alphabetic() => parse_wkt(t)
                    .map(|g| (Some(g), FormatName(Format::Wkt)))
                    .map_err(|e| e.to_string()),
                Some(_) => Err(String::from(
                    "text that is neither GeoJSON (starts with '{'), WKT (starts with a type name) \
                     nor hex WKB (starts with 00 or 01)",
                )),
                None => Err(String::from("an empty string is not a geometry")),
            }
        }
    }
}

/// The bytes of hex text (either case, two digits a byte).
fn from_hex(t: &str) -> Result<Vec<u8>, String> {
    let digit = |at: usize, c: u8| {
        (c as char)
            .to_digit(16)
            .map(|d| d as u8)
            .ok_or_else(|| format!("{:?} at character {at} is not a hex digit", c as char))
    };
    let b = t.as_bytes();
    if b.len() % 2 == 1 {
        return Err(format!("{} hex digits, an odd number", b.len()));
    }
    b.chunks_exact(2)
        .enumerate()
        .map(|(k, p)| Ok(digit(2 * k, p[0])? << 4 | digit(2 * k + 1, p[1])?))
        .collect()
}

/// The format, kept to word region errors.
#[derive(Clone, Copy, Debug)]
pub struct FormatName(Format);

/// The region of a parsed geometry, with the library's GeoJSON rules
/// (`options`), its errors worded for the format it came in and for
/// Python (see `python_words`). `feature` numbers it in the lenient
/// repairs' warnings (`GeoRegion::warnings`).
pub fn region(
    g: &Geometry,
    format: FormatName,
    options: RegionOptions,
    feature: usize,
) -> Result<GeoRegion, String> {
    GeoRegion::from_geometry(feature, g, options).map_err(|e| {
        python_words(&match e {
            ParseError::InvalidGeometry { path, reason, .. } => {
                let name = match format.0 {
                    Format::GeoJson => "GeoJSON",
                    Format::Wkt => "WKT",
                    Format::Wkb => "WKB",
                };
                format!("invalid {name} geometry at {path}: {reason}")
            }
            e => e.to_string(),
        })
    })
}

/// The library's region errors name the CLI's flags as the way out
/// ("--lenient covers such rings as given"); from Python the way out is
/// a keyword argument.
fn python_words(msg: &str) -> String {
    msg.replace("--lenient", "lenient=True")
        .replace("--strict-orientation", "strict_orientation=True")
        .replace("--planar-edges", "planar_edges=True")
}
