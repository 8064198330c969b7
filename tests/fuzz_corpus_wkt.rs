//! Replays the WKT fuzz corpus (fuzz/corpus/parse_wkt: the seeds, and a
//! 5-minute run merged down to the inputs that add edge coverage,
//! `-merge=1 -use_counters=0`) through the fuzz target's checks, so every
//! input the fuzzer found interesting stays tested on stable.
#![cfg(feature = "geojson")]

use s2cells::LatLng;
use s2cells::io::{Geometry, WktReader, parse_wkt};

fn check_points(points: &[LatLng], min: usize) {
    assert!(points.len() >= min);
    assert!(points.iter().all(LatLng::is_valid));
}

/// The same checks as fuzz/fuzz_targets/parse_wkt.rs.
fn check_geometry(g: &Geometry) {
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

fn check(data: &[u8]) -> (usize, usize) {
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
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(g) = parse_wkt(text)
    {
        check_geometry(&g);
    }
    (ok, err)
}

#[test]
fn corpus_replays_cleanly() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/parse_wkt");
    let (mut files, mut features, mut errors) = (0, 0, 0);
    for entry in std::fs::read_dir(dir).expect("fuzz corpus directory") {
        let path = entry.expect("corpus entry").path();
        let (ok, err) = check(&std::fs::read(&path).expect("corpus file"));
        files += 1;
        features += ok;
        errors += err;
    }
    assert!(files >= 18, "only {files} corpus files in {dir}");
    // The seeds alone hold valid features and broken ones.
    assert!(
        features >= 15 && errors >= 6,
        "{features} features, {errors} errors"
    );
}
