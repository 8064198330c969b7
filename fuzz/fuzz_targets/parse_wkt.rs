//! WKT parsing: never panics on any bytes, and whatever parses keeps the
//! documented invariants (valid lat/lngs, line strings of 2 positions or
//! more, rings of 3 vertices or more, features numbered by their line).
#![no_main]

use libfuzzer_sys::fuzz_target;
use s2cells::io::{parse_wkt, Geometry, WktReader};
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
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    let mut last: Option<usize> = None;
    let mut errors = 0;
    for item in WktReader::new(data) {
        match item {
            Ok(f) => {
                assert!(last.map_or(true, |i| f.index > i));
                assert!(f.index < lines);
                last = Some(f.index);
                check(f.geometry.as_ref().expect("a WKT feature has a geometry"));
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                errors += 1;
            }
        }
    }
    assert!(errors <= 1);
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(g) = parse_wkt(text) {
            check(&g);
        }
    }
});
