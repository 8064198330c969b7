//! The invariants the reader fuzz targets check on any bytes, shared with
//! the corpus replay test (`tests/fuzz_corpus_readers.rs` includes this
//! file), so the fuzzer and the stable test check the same things.
#![allow(dead_code)] // each fuzz target uses one reader's check

use s2cells::LatLng;
use s2cells::io::{GeoJsonReader, Geometry, WktReader, parse_wkt};

fn check_points(points: &[LatLng], min: usize) {
    assert!(points.len() >= min);
    assert!(points.iter().all(LatLng::is_valid));
}

/// Valid lat/lngs, line strings of 2 positions or more, rings of 3
/// vertices or more, at any depth.
pub(crate) fn check_geometry(g: &Geometry) {
    match g {
        Geometry::Point(p) => check_points(&[*p], 1),
        Geometry::MultiPoint(ps) => check_points(ps, 0),
        Geometry::LineString(l) => check_points(l, 2),
        Geometry::MultiLineString(ls) => ls.iter().for_each(|l| check_points(l, 2)),
        Geometry::Polygon(rings) => rings.iter().for_each(|r| check_points(r, 3)),
        Geometry::MultiPolygon(polys) => polys.iter().flatten().for_each(|r| check_points(r, 3)),
        Geometry::GeometryCollection(gs) => gs.iter().for_each(check_geometry),
    }
}

/// Reads GeoJSON: features numbered 0, 1, 2, … with valid geometries, and
/// at most one error (it ends the stream), which says something. Returns
/// (features, errors).
pub(crate) fn check_geojson(data: &[u8]) -> (usize, usize) {
    let (mut ok, mut err) = (0, 0);
    let mut last = None;
    for item in GeoJsonReader::new(data) {
        match item {
            Ok(f) => {
                assert_eq!(f.index, last.map_or(0, |i| i + 1));
                last = Some(f.index);
                if let Some(g) = &f.geometry {
                    check_geometry(g);
                }
                ok += 1;
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                err += 1;
            }
        }
    }
    assert!(err <= 1, "the reader stops after its first error");
    (ok, err)
}

/// Reads WKT one geometry per line: features numbered by their line
/// (increasing, within the text), each with a valid geometry, and at most
/// one error; the whole text through `parse_wkt` keeps the same
/// invariants. Returns (features, errors).
pub(crate) fn check_wkt(data: &[u8]) -> (usize, usize) {
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    let (mut ok, mut err) = (0, 0);
    let mut last: Option<usize> = None;
    for item in WktReader::new(data) {
        match item {
            Ok(f) => {
                assert!(last.is_none_or(|i| f.index > i), "indexes increase");
                assert!(f.index < lines);
                last = Some(f.index);
                check_geometry(f.geometry.as_ref().expect("a WKT feature has a geometry"));
                ok += 1;
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                err += 1;
            }
        }
    }
    assert!(err <= 1, "the reader stops after its first error");
    // (No let-chain: the fuzz crate is edition 2021.)
    let whole = std::str::from_utf8(data)
        .ok()
        .and_then(|t| parse_wkt(t).ok());
    if let Some(g) = whole {
        check_geometry(&g);
    }
    (ok, err)
}
