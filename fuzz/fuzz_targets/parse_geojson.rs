//! GeoJSON parsing: never panics on any bytes, and whatever parses keeps
//! the documented invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use s2cells::io::{GeoJsonReader, Geometry};
use s2cells::LatLng;

fn check_points(points: &[LatLng], min: usize) {
    assert!(points.len() >= min);
    for p in points {
        assert!(p.is_valid());
    }
}

fn check(g: &Geometry) {
    match g {
        Geometry::Point(p) => check_points(&[*p], 1),
        Geometry::MultiPoint(ps) => check_points(ps, 0),
        Geometry::LineString(l) => check_points(l, 2),
        Geometry::MultiLineString(ls) => ls.iter().for_each(|l| check_points(l, 2)),
        Geometry::Polygon(rings) => rings.iter().for_each(|r| check_points(r, 3)),
        Geometry::MultiPolygon(polys) => polys.iter().flatten().for_each(|r| check_points(r, 3)),
        Geometry::GeometryCollection(gs) => gs.iter().for_each(check),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut last = None;
    for item in GeoJsonReader::new(data) {
        match item {
            Ok(f) => {
                assert_eq!(f.index, last.map_or(0, |i| i + 1));
                last = Some(f.index);
                if let Some(g) = &f.geometry {
                    check(g);
                }
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
            }
        }
    }
});
