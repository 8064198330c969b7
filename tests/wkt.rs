//! The WKT reader: every geometry type, EMPTY, SRID, Z/M dimensions, the
//! line-per-geometry stream, exact messages for malformed input, the same
//! covering as the same shape in GeoJSON, and a round trip of random
//! geometries written as WKT.
#![cfg(all(feature = "geojson", feature = "wkt"))]

use proptest::prelude::*;
use s2cells::io::{
    GeoFeature, GeoRegion, Geometry, RegionOptions, WktReader, parse_geojson, parse_wkt,
};
use s2cells::{LatLng, ParseError, RegionCoverer};

fn ll(lat: f64, lng: f64) -> LatLng {
    LatLng::from_degrees(lat, lng)
}

fn err(text: &str) -> String {
    parse_wkt(text).expect_err(text).to_string()
}

#[test]
fn every_geometry_type() {
    let g = |t: &str| parse_wkt(t).unwrap_or_else(|e| panic!("{t}: {e}"));
    assert_eq!(
        g("POINT (-51.14022 -30.0438)"),
        Geometry::Point(ll(-30.0438, -51.14022))
    );
    assert_eq!(
        g("MULTIPOINT ((1 2), (3 4))"),
        Geometry::MultiPoint(vec![ll(2.0, 1.0), ll(4.0, 3.0)])
    );
    assert_eq!(
        g("LINESTRING (180 0, -180 90)"),
        Geometry::LineString(vec![ll(0.0, 180.0), ll(90.0, -180.0)])
    );
    assert_eq!(
        g("MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))"),
        Geometry::MultiLineString(vec![
            vec![ll(0.0, 0.0), ll(1.0, 1.0)],
            vec![ll(2.0, 2.0), ll(3.0, 3.0)]
        ])
    );
    let square = vec![ll(0.0, 0.0), ll(0.0, 2.0), ll(2.0, 2.0), ll(2.0, 0.0)];
    let hole = vec![ll(0.5, 0.5), ll(1.0, 0.5), ll(1.0, 1.0)];
    let poly = "((0 0, 2 0, 2 2, 0 2, 0 0), (0.5 0.5, 0.5 1, 1 1, 0.5 0.5))";
    assert_eq!(
        g(&format!("POLYGON {poly}")),
        Geometry::Polygon(vec![square.clone(), hole.clone()])
    );
    assert_eq!(
        g(&format!("MULTIPOLYGON ({poly}, ((5 5, 6 5, 6 6, 5 5)))")),
        Geometry::MultiPolygon(vec![
            vec![square, hole],
            vec![vec![ll(5.0, 5.0), ll(5.0, 6.0), ll(6.0, 6.0)]]
        ])
    );
    assert_eq!(
        g("GEOMETRYCOLLECTION (POINT (0 0), GEOMETRYCOLLECTION EMPTY, LINESTRING (0 0, 1 1))"),
        Geometry::GeometryCollection(vec![
            Geometry::Point(ll(0.0, 0.0)),
            Geometry::GeometryCollection(vec![]),
            Geometry::LineString(vec![ll(0.0, 0.0), ll(1.0, 1.0)]),
        ])
    );
    // Keywords in any case, any white space, numbers in any float syntax.
    assert_eq!(
        g("  mUlTiPoInT(\t1e0 +2.0,3.   .4e1 )  "),
        Geometry::MultiPoint(vec![ll(2.0, 1.0), ll(4.0, 3.0)])
    );
}

#[test]
fn empty_forms() {
    for (text, want) in [
        ("POINT EMPTY", Geometry::MultiPoint(vec![])),
        ("MULTIPOINT EMPTY", Geometry::MultiPoint(vec![])),
        ("LINESTRING EMPTY", Geometry::MultiLineString(vec![])),
        ("MULTILINESTRING empty", Geometry::MultiLineString(vec![])),
        ("POLYGON EMPTY", Geometry::MultiPolygon(vec![])),
        ("MULTIPOLYGON EMPTY", Geometry::MultiPolygon(vec![])),
        (
            "GEOMETRYCOLLECTION EMPTY",
            Geometry::GeometryCollection(vec![]),
        ),
        ("POINT Z EMPTY", Geometry::MultiPoint(vec![])),
        (
            "MULTILINESTRING (EMPTY, (0 0, 1 1))",
            Geometry::MultiLineString(vec![vec![ll(0.0, 0.0), ll(1.0, 1.0)]]),
        ),
        ("MULTIPOLYGON (EMPTY)", Geometry::MultiPolygon(vec![])),
    ] {
        assert_eq!(parse_wkt(text).unwrap(), want, "{text}");
    }
    // Empty geometries are regions with no cells.
    for text in ["POINT EMPTY", "LINESTRING EMPTY", "POLYGON EMPTY"] {
        let g = parse_wkt(text).unwrap();
        let r = GeoRegion::from_geometry(0, &g, RegionOptions::default()).unwrap();
        assert!(RegionCoverer::new().covering(&r).is_empty(), "{text}");
    }
}

#[test]
fn srid_and_dimensions() {
    let point = Geometry::Point(ll(2.0, 1.0));
    for text in [
        "SRID=4326;POINT (1 2)",
        "srid = 4326 ; point(1 2)",
        "POINT Z (1 2 3)",
        "POINT M (1 2 3)",
        "POINT ZM (1 2 3 4)",
        "POINTZ(1 2 3)",
        "POINTM(1 2 3)",
        "POINTZM(1 2 3 4)",
        "POINT (1 2 3)",
        "POINT (1 2 3 4)",
        "SRID=4326;POINT ZM (1 2 3 4)",
    ] {
        assert_eq!(parse_wkt(text).unwrap(), point, "{text}");
    }
    assert_eq!(
        parse_wkt("LINESTRING Z (0 0 5, 1 1 6)").unwrap(),
        parse_wkt("LINESTRING (0 0, 1 1)").unwrap()
    );
    assert_eq!(
        parse_wkt("GEOMETRYCOLLECTION M (POINT M (1 2 0), POINT (1 2 0))").unwrap(),
        Geometry::GeometryCollection(vec![point.clone(), point])
    );
}

#[test]
fn malformed_input_names_line_column_and_expectation() {
    let cases = [
        (
            "POINT (1 2",
            "WKT syntax error: expected a number, ',' or ')' at line 1, column 11, found end of input",
        ),
        (
            "LINESTRING (0 0, 1 1 x)",
            "WKT syntax error: expected ',' or ')' at line 1, column 22, found 'x'",
        ),
        (
            "CIRCLE (0 0)",
            "WKT syntax error: expected a geometry type (POINT, LINESTRING, POLYGON, MULTIPOINT, \
             MULTILINESTRING, MULTIPOLYGON or GEOMETRYCOLLECTION) at line 1, column 1, found 'CIRCLE'",
        ),
        (
            "POINT 1 2",
            "WKT syntax error: expected '(', EMPTY or a dimension (Z, M, ZM) at line 1, column 7, found '1'",
        ),
        (
            "POINT Z 1 2",
            "WKT syntax error: expected '(' or EMPTY at line 1, column 9, found '1'",
        ),
        (
            "POINT (1 2) POINT (3 4)",
            "WKT syntax error: expected end of input at line 1, column 13, found 'POINT'",
        ),
        (
            "POINT (1 nan)",
            "WKT syntax error: expected a number at line 1, column 10, found 'nan'",
        ),
        (
            "POINT (1 2.3.4)",
            "WKT syntax error: expected a number at line 1, column 10, found '2.3.4'",
        ),
        (
            "POINT (1 2, 3 4)",
            "WKT syntax error: expected ')' at line 1, column 11, found ','",
        ),
        (
            "POLYGON (0 0, 1 0, 1 1, 0 0)",
            "WKT syntax error: expected '(' at line 1, column 10, found '0'",
        ),
        (
            "MULTIPOLYGON ((0 0, 1 0, 1 1, 0 0))",
            "WKT syntax error: expected '(' at line 1, column 16, found '0'",
        ),
        (
            "MULTIPOINT (x)",
            "WKT syntax error: expected a coordinate, '(' or EMPTY at line 1, column 13, found 'x'",
        ),
        (
            "SRID:4326;POINT (0 0)",
            "WKT syntax error: expected '=' after SRID at line 1, column 5, found ':'",
        ),
        (
            "SRID=4326 POINT (0 0)",
            "WKT syntax error: expected ';' after the SRID at line 1, column 11, found 'POINT'",
        ),
        (
            "POINT (1 2)\u{1}",
            "WKT syntax error: expected end of input at line 1, column 12, found byte 0x01",
        ),
        (
            "SRID=3857;POINT (0 0)",
            "invalid WKT at line 1, column 6: SRID 3857 is not supported: coordinates must be \
             longitude/latitude degrees (SRID=4326)",
        ),
        (
            "POINT (10 95)",
            "invalid WKT at line 1, column 8: latitude 95 is out of range [-90, 90]",
        ),
        (
            "LINESTRING (0 0, -180.5 0)",
            "invalid WKT at line 1, column 18: longitude -180.5 is out of range [-180, 180]",
        ),
        (
            "LINESTRING (0 0)",
            "invalid WKT at line 1, column 12: a line string needs at least 2 positions, found 1",
        ),
        (
            "POLYGON ((0 0, 1 0, 0 0))",
            "invalid WKT at line 1, column 10: a ring needs at least 4 positions (3 vertices and \
             the closing one), found 3",
        ),
        (
            "POLYGON ((0 0, 1 0, 1 1, 0 1))",
            "invalid WKT at line 1, column 10: a ring must end where it starts: position 3 \
             differs from position 0",
        ),
        (
            "POINT (1e999 0)",
            "invalid WKT at line 1, column 8: longitude inf is out of range [-180, 180]",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(err(text), want, "{text}");
    }
    assert_eq!(
        parse_wkt("POLYGON ((0 0, 1 0, 1 1, 0 0),\n  (0 0 x))").unwrap_err(),
        ParseError::WktSyntax {
            line: 2,
            column: 8,
            expected: "',' or ')'",
            found: "'x'".to_owned()
        }
    );
}

#[test]
fn reader_streams_one_feature_per_line() {
    let text = "\u{feff}POINT (1 2)\r\n\n   \nLINESTRING (0 0, 1 1)\nPOLYGON EMPTY";
    let fs: Vec<GeoFeature> = WktReader::new(text.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    let indexes: Vec<usize> = fs.iter().map(|f| f.index).collect();
    assert_eq!(indexes, [0, 3, 4], "index = line number - 1");
    assert!(fs.iter().all(|f| f.id.is_none() && f.properties.is_none()));
    assert_eq!(fs[0].geometry, Some(Geometry::Point(ll(2.0, 1.0))));

    // The error names the input's line; the reader stops there.
    let text = "POINT (1 2)\nPOINT (3 4)\n\nPOINT (5, 6)\nPOINT (7 8)\n";
    let items: Vec<_> = WktReader::new(text.as_bytes()).collect();
    assert_eq!(items.len(), 3);
    assert_eq!(
        items[2].as_ref().unwrap_err().to_string(),
        "WKT syntax error: expected a number at line 4, column 9, found ','"
    );
    let items: Vec<_> = WktReader::new(&b"POINT (1 2)\nPOINT (1 200)\n"[..]).collect();
    assert_eq!(
        items[1].as_ref().unwrap_err(),
        &ParseError::InvalidWkt {
            line: 2,
            column: 8,
            reason: "latitude 200 is out of range [-90, 90]".to_owned()
        }
    );
    assert!(WktReader::new(&b""[..]).next().is_none());
}

/// The covering of a shape read from WKT equals the covering of the same
/// shape read from GeoJSON.
#[test]
fn same_covering_as_geojson() {
    let root = env!("CARGO_MANIFEST_DIR");
    let geojson =
        std::fs::read_to_string(format!("{root}/data/porto-alegre-city.geojson")).unwrap();
    let wkt = std::fs::read_to_string(format!("{root}/data/porto-alegre-city.wkt")).unwrap();
    let from_json = parse_geojson(&geojson).unwrap();
    let from_wkt: Vec<GeoFeature> = WktReader::new(wkt.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(from_json.len(), from_wkt.len());
    let coverer = RegionCoverer::new()
        .max_level(16)
        .and_then(|c| c.max_cells(200))
        .unwrap();
    for (j, w) in from_json.iter().zip(&from_wkt) {
        assert_eq!(j.geometry, w.geometry, "the same vertices");
        for options in [
            RegionOptions::default(),
            RegionOptions {
                planar_edges: true,
                ..RegionOptions::default()
            },
        ] {
            let cover = |f: &GeoFeature| {
                let r = GeoRegion::from_geometry(f.index, f.geometry.as_ref().unwrap(), options)
                    .unwrap();
                (coverer.covering(&r), coverer.interior_covering(&r))
            };
            let (a, b) = (cover(j), cover(w));
            assert!(a.0.len() > 10);
            assert_eq!(a, b);
        }
    }
    let mixed = "GEOMETRYCOLLECTION (POINT (-51.2 -30.05), LINESTRING (-51.3 -30.1, -51.1 -30.0), \
                 MULTIPOLYGON (((-51.23 -30, -51.24 -30.02, -51.1 -30.12, -51.23 -30))))";
    let json = r#"{"type":"GeometryCollection","geometries":[
        {"type":"Point","coordinates":[-51.2,-30.05]},
        {"type":"LineString","coordinates":[[-51.3,-30.1],[-51.1,-30.0]]},
        {"type":"MultiPolygon","coordinates":[[[[-51.23,-30],[-51.24,-30.02],[-51.1,-30.12],[-51.23,-30]]]]}]}"#;
    let g = parse_geojson(json).unwrap().remove(0).geometry.unwrap();
    assert_eq!(parse_wkt(mixed).unwrap(), g);
}

/// A geometry of random coordinates and its WKT text.
fn coord() -> impl Strategy<Value = (f64, f64)> {
    (-180.0..=180.0f64, -90.0..=90.0f64)
}

fn fmt_pos((x, y): (f64, f64)) -> String {
    format!("{x} {y}")
}

fn fmt_list(ps: &[(f64, f64)]) -> String {
    let parts: Vec<String> = ps.iter().copied().map(fmt_pos).collect();
    format!("({})", parts.join(", "))
}

fn to_ll(ps: &[(f64, f64)]) -> Vec<LatLng> {
    ps.iter().map(|&(x, y)| ll(y, x)).collect()
}

fn ring() -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec(coord(), 3..8).prop_map(|mut r| {
        r.push(r[0]);
        r
    })
}

fn polygon() -> impl Strategy<Value = Vec<Vec<(f64, f64)>>> {
    prop::collection::vec(ring(), 1..3)
}

fn polygon_text(p: &[Vec<(f64, f64)>]) -> String {
    let rings: Vec<String> = p.iter().map(|r| fmt_list(r)).collect();
    format!("({})", rings.join(", "))
}

fn polygon_geometry(p: &[Vec<(f64, f64)>]) -> Vec<Vec<LatLng>> {
    p.iter()
        .map(|r| {
            let mut v = to_ll(r);
            v.pop();
            v
        })
        .collect()
}

fn simple() -> impl Strategy<Value = (String, Geometry)> {
    prop_oneof![
        coord().prop_map(|c| (
            format!("POINT ({})", fmt_pos(c)),
            Geometry::Point(ll(c.1, c.0))
        )),
        prop::collection::vec(coord(), 0..5).prop_map(|ps| {
            let text = if ps.is_empty() {
                "MULTIPOINT EMPTY".to_owned()
            } else {
                format!("MULTIPOINT {}", fmt_list(&ps))
            };
            (text, Geometry::MultiPoint(to_ll(&ps)))
        }),
        prop::collection::vec(coord(), 2..6).prop_map(|ps| {
            (
                format!("LINESTRING {}", fmt_list(&ps)),
                Geometry::LineString(to_ll(&ps)),
            )
        }),
        prop::collection::vec(prop::collection::vec(coord(), 2..4), 1..3).prop_map(|ls| {
            let parts: Vec<String> = ls.iter().map(|l| fmt_list(l)).collect();
            (
                format!("MULTILINESTRING ({})", parts.join(", ")),
                Geometry::MultiLineString(ls.iter().map(|l| to_ll(l)).collect()),
            )
        }),
        polygon().prop_map(|p| {
            (
                format!("POLYGON {}", polygon_text(&p)),
                Geometry::Polygon(polygon_geometry(&p)),
            )
        }),
        prop::collection::vec(polygon(), 1..3).prop_map(|ps| {
            let parts: Vec<String> = ps.iter().map(|p| polygon_text(p)).collect();
            (
                format!("MULTIPOLYGON ({})", parts.join(", ")),
                Geometry::MultiPolygon(ps.iter().map(|p| polygon_geometry(p)).collect()),
            )
        }),
    ]
}

fn any_geometry() -> impl Strategy<Value = (String, Geometry)> {
    simple().prop_recursive(3, 12, 4, |inner| {
        prop::collection::vec(inner, 0..4).prop_map(|members| {
            if members.is_empty() {
                return (
                    "GEOMETRYCOLLECTION EMPTY".to_owned(),
                    Geometry::GeometryCollection(vec![]),
                );
            }
            let (texts, gs): (Vec<String>, Vec<Geometry>) = members.into_iter().unzip();
            (
                format!("GEOMETRYCOLLECTION ({})", texts.join(", ")),
                Geometry::GeometryCollection(gs),
            )
        })
    })
}

proptest! {
    #[test]
    fn written_wkt_parses_back((text, geometry) in any_geometry(), lower in any::<bool>()) {
        let text = if lower { text.to_lowercase() } else { text };
        prop_assert_eq!(parse_wkt(&text).map_err(|e| e.to_string()), Ok(geometry.clone()));
        // The same geometry on a line of a stream, after a blank line.
        let stream = format!("\n{text}\n");
        let fs: Vec<_> = WktReader::new(stream.as_bytes()).collect();
        prop_assert_eq!(fs.len(), 1);
        let f = fs[0].as_ref().map_err(std::string::ToString::to_string);
        prop_assert_eq!(f.map(|f| (f.index, f.geometry.clone())), Ok((1, Some(geometry))));
    }
}
