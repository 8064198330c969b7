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
                Some(b) if b.is_ascii_alphabetic() => parse_wkt(t)
                    .map(|g| (Some(g), FormatName(Format::Wkt)))
                    .map_err(|e| e.to_string()),
                Some(_) => Err(String::from(
                    "text that is neither GeoJSON (starts with '{') nor WKT (starts with a type name)",
                )),
                None => Err(String::from("an empty string is not a geometry")),
            }
        }
    }
}

/// The format, kept to word region errors.
#[derive(Clone, Copy, Debug)]
pub struct FormatName(Format);

/// The region of a parsed geometry, with the library's GeoJSON rules
/// (`options`), its errors worded for the format it came in. `feature`
/// numbers it in the lenient repairs' warnings (`GeoRegion::warnings`).
pub fn region(
    g: &Geometry,
    format: FormatName,
    options: RegionOptions,
    feature: usize,
) -> Result<GeoRegion, String> {
    GeoRegion::from_geometry(feature, g, options).map_err(|e| match e {
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
}
