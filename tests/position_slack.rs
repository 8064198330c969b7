//! Positions a hair past the ranges (float noise such as Natural Earth's
//! longitude 180.00000000000006) are read, as given, by every reader; a
//! value past the slack (1e-9 degrees) is the same error in each format.
#![cfg(all(feature = "geojson", feature = "wkt", feature = "wkb"))]

use s2cells::LatLng;
use s2cells::io::{Geometry, parse_geojson, parse_wkb, parse_wkt};

/// The point a reader made of `(lng, lat)` in each of the three formats.
fn read_all(lng: f64, lat: f64) -> [Result<LatLng, String>; 3] {
    let point = |g: Geometry| match g {
        Geometry::Point(p) => p,
        g => panic!("not a point: {g:?}"),
    };
    let json = format!(r#"{{"type":"Point","coordinates":[{lng:?},{lat:?}]}}"#);
    let from_json = parse_geojson(&json)
        .map(|mut f| point(f.remove(0).geometry.expect("a geometry")))
        .map_err(|e| e.to_string());
    let from_wkt = parse_wkt(&format!("POINT ({lng:?} {lat:?})"))
        .map(point)
        .map_err(|e| e.to_string());
    let mut wkb = vec![1u8, 1, 0, 0, 0];
    wkb.extend_from_slice(&lng.to_le_bytes());
    wkb.extend_from_slice(&lat.to_le_bytes());
    let from_wkb = parse_wkb(&wkb).map(point).map_err(|e| e.to_string());
    [from_json, from_wkt, from_wkb]
}

#[test]
fn float_noise_past_the_ranges_is_read_as_given() {
    // Natural Earth's 1:110m Russia and Fiji (pyogrio's and geopandas'
    // naturalearth_lowres), and the same noise at the other edges.
    for (lng, lat) in [
        (180.000_000_000_000_06, 65.0),
        (-180.000_000_000_000_06, -16.0),
        (180.0 + 0.9e-9, 0.0),
        (10.0, 90.000_000_000_000_01),
        (10.0, -90.0 - 0.9e-9),
    ] {
        for got in read_all(lng, lat) {
            let p = got.unwrap_or_else(|e| panic!("({lng}, {lat}): {e}"));
            // As given, not clamped: the bits Google's S2LatLng makes.
            assert_eq!(p, LatLng::from_degrees(lat, lng), "({lng}, {lat})");
        }
    }
}

#[test]
fn past_the_slack_is_an_error_in_every_format() {
    for (lng, lat, why) in [
        (
            180.0 + 2e-9,
            0.0,
            "longitude 180.000000002 is out of range [-180, 180]",
        ),
        (-180.5, 0.0, "longitude -180.5 is out of range [-180, 180]"),
        (
            0.0,
            90.000_001,
            "latitude 90.000001 is out of range [-90, 90]",
        ),
    ] {
        for got in read_all(lng, lat) {
            let e = got.expect_err("out of range");
            assert!(e.ends_with(why), "({lng}, {lat}): {e}");
        }
    }
}
