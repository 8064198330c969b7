//! The GeoJSON reader: every supported shape, the three input framings,
//! and an error for each kind of bad input that names where and what.
#![cfg(feature = "geojson")]

use s2cells::io::{GeoFeature, GeoJsonReader, Geometry, parse_geojson};
use s2cells::{LatLng, ParseError};
use serde_json::json;

fn ll(lat: f64, lng: f64) -> LatLng {
    LatLng::from_degrees(lat, lng)
}

fn one(text: &str) -> GeoFeature {
    let mut all = parse_geojson(text).expect("valid GeoJSON");
    assert_eq!(all.len(), 1);
    all.remove(0)
}

fn err(text: &str) -> String {
    parse_geojson(text)
        .expect_err("invalid GeoJSON")
        .to_string()
}

#[test]
fn every_geometry_type() {
    let g = |t: &str| one(t).geometry.expect("a geometry");
    assert_eq!(
        g(r#"{"type":"Point","coordinates":[-51.14022,-30.0438]}"#),
        Geometry::Point(ll(-30.0438, -51.14022))
    );
    assert_eq!(
        g(r#"{"type":"MultiPoint","coordinates":[[1,2],[3,4,100]]}"#),
        Geometry::MultiPoint(vec![ll(2.0, 1.0), ll(4.0, 3.0)])
    );
    assert_eq!(
        g(r#"{"type":"LineString","coordinates":[[180,0],[-180,90]]}"#),
        Geometry::LineString(vec![ll(0.0, 180.0), ll(90.0, -180.0)])
    );
    assert_eq!(
        g(r#"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}"#),
        Geometry::MultiLineString(vec![
            vec![ll(0.0, 0.0), ll(1.0, 1.0)],
            vec![ll(2.0, 2.0), ll(3.0, 3.0)]
        ])
    );
    let square = vec![ll(0.0, 0.0), ll(0.0, 2.0), ll(2.0, 2.0), ll(2.0, 0.0)];
    let hole = vec![ll(0.5, 0.5), ll(1.0, 0.5), ll(1.0, 1.0)];
    let poly = r"[[[0,0],[2,0],[2,2],[0,2],[0,0]],[[0.5,0.5],[0.5,1],[1,1],[0.5,0.5]]]";
    assert_eq!(
        g(&format!(r#"{{"type":"Polygon","coordinates":{poly}}}"#)),
        Geometry::Polygon(vec![square.clone(), hole.clone()])
    );
    assert_eq!(
        g(&format!(
            r#"{{"type":"MultiPolygon","coordinates":[{poly},[]]}}"#
        )),
        Geometry::MultiPolygon(vec![vec![square, hole], vec![]])
    );
    assert_eq!(
        g(
            r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[0,0]},
              {"type":"GeometryCollection","geometries":[]}]}"#
        ),
        Geometry::GeometryCollection(vec![
            Geometry::Point(ll(0.0, 0.0)),
            Geometry::GeometryCollection(vec![])
        ])
    );
}

#[test]
fn features_keep_ids_and_properties() {
    let fc = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","id":"zone-1","properties":{"name":"Centro","n":[1,2]},
         "geometry":{"type":"Point","coordinates":[1,2]}},
        {"type":"Feature","id":42,"properties":null,"geometry":null},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[3,4]}}]}"#;
    let fs = parse_geojson(fc).unwrap();
    assert_eq!(fs.len(), 3);
    assert_eq!(fs[0].id, Some(json!("zone-1")));
    assert_eq!(
        fs[0].properties.as_ref().unwrap()["n"],
        json!([1, 2]),
        "properties are kept as given"
    );
    assert_eq!(
        (fs[1].index, &fs[1].id, &fs[1].geometry),
        (1, &Some(json!(42)), &None)
    );
    assert_eq!((fs[2].id.clone(), fs[2].properties.clone()), (None, None));
}

#[test]
fn sequences_newline_delimited_and_rfc8142() {
    let point = |x: i32| {
        format!(
            r#"{{"type":"Feature","id":{x},"properties":{{}},"geometry":{{"type":"Point","coordinates":[{x},0]}}}}"#
        )
    };
    let nd = format!("{}\n{}\n\n{}\n", point(0), point(1), point(2));
    let rs = format!(
        "\x1e{}\n\x1e{}\n\x1e\n\x1e{}\n",
        point(0),
        point(1),
        point(2)
    );
    // A FeatureCollection inside a sequence is split, and numbering goes on.
    let mixed = format!(
        "{}\n{{\"type\":\"FeatureCollection\",\"features\":[{}]}}\n{}",
        point(0),
        point(1),
        point(2)
    );
    for text in [nd, rs, mixed] {
        let fs: Vec<GeoFeature> = GeoJsonReader::new(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        let ids: Vec<_> = fs.iter().map(|f| (f.index, f.id.clone())).collect();
        assert_eq!(
            ids,
            [
                (0, Some(json!(0))),
                (1, Some(json!(1))),
                (2, Some(json!(2)))
            ],
            "{text:?}"
        );
    }
    assert!(parse_geojson("").unwrap().is_empty());
    assert!(parse_geojson(" \n\t").unwrap().is_empty());
}

#[test]
fn syntax_errors_give_line_and_column() {
    let nd =
        "{\"type\":\"Point\",\"coordinates\":[0,0]}\n{\"type\":\"Point\",\"coordinates\":[0,0}\n";
    assert_eq!(
        err(nd),
        "GeoJSON syntax error at line 2, column 35: expected `,` or `]`"
    );
    let e = parse_geojson("\n\n  {\"type\" 1}").unwrap_err();
    assert_eq!(
        e,
        ParseError::GeoJsonSyntax {
            line: 3,
            column: 11,
            reason: "expected `:`".to_owned()
        }
    );
    // RFC 8142 records: the position is the input's, not the record's.
    let rs = "\x1e{\"type\":\"Point\",\"coordinates\":[0,0]}\n\x1e{\"type\":tru}\n";
    assert_eq!(
        err(rs),
        "GeoJSON syntax error at line 2, column 13: expected ident"
    );
    // The reader stops at its first error.
    let items: Vec<_> =
        GeoJsonReader::new(&b"{\"a\" 1}\n{\"type\":\"Point\",\"coordinates\":[0,0]}"[..]).collect();
    assert_eq!(items.len(), 1);
}

#[test]
fn invalid_geojson_names_feature_path_and_problem() {
    let feature = |geometry: &str| {
        format!(
            r#"{{"type":"FeatureCollection","features":[
            {{"type":"Feature","properties":{{}},"geometry":{{"type":"Point","coordinates":[0,0]}}}},
            {{"type":"Feature","properties":{{}},"geometry":{geometry}}}]}}"#
        )
    };
    let cases = [
        (
            r#"{"type":"Circle","coordinates":[0,0]}"#,
            "invalid GeoJSON in feature 1 at geometry.type: unsupported geometry type \"Circle\", expected one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection",
        ),
        (
            r#"{"type":"Polygon"}"#,
            "invalid GeoJSON in feature 1 at geometry: a Polygon needs a \"coordinates\" member",
        ),
        (
            r#"{"coordinates":[0,0]}"#,
            "invalid GeoJSON in feature 1 at geometry: a GeoJSON object needs a \"type\" member",
        ),
        (
            r#"{"type":"Polygon","coordinates":[[0,0],[1,0],[1,1],[0,0]]}"#,
            "invalid GeoJSON in feature 1 at geometry.coordinates[0][0]: expected a position [longitude, latitude], found a number",
        ),
        (
            r#"{"type":"Point","coordinates":[[0,0]]}"#,
            "invalid GeoJSON in feature 1 at geometry.coordinates: expected a position [longitude, latitude], found an array of arrays",
        ),
        (
            r#"{"type":"Point","coordinates":[5]}"#,
            "invalid GeoJSON in feature 1 at geometry.coordinates: expected a position [longitude, latitude], found an array of 1 element",
        ),
        (
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#,
            "invalid GeoJSON in feature 1 at geometry.coordinates[0]: a ring needs at least 4 positions (3 vertices and the closing one), found 3",
        ),
        (
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,
            "invalid GeoJSON in feature 1 at geometry.coordinates[0]: a ring must end where it starts: position 3 differs from position 0",
        ),
        (
            r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,100],[0,0]]]]}"#,
            "invalid GeoJSON in feature 1 at geometry.coordinates[1][0][2]: latitude 100 is out of range [-90, 90]",
        ),
        (
            r#"{"type":"LineString","coordinates":[[0,0],[-180.5,0]]}"#,
            "invalid GeoJSON in feature 1 at geometry.coordinates[1]: longitude -180.5 is out of range [-180, 180]",
        ),
        (
            r#"{"type":"LineString","coordinates":[[0,0]]}"#,
            "invalid GeoJSON in feature 1 at geometry.coordinates: a line string needs at least 2 positions, found 1",
        ),
        (
            r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[0,"1"]}]}"#,
            "invalid GeoJSON in feature 1 at geometry.geometries[0].coordinates[1]: expected a number in a position [longitude, latitude], found a string",
        ),
        (
            r#"{"type":"Feature","geometry":null}"#,
            "invalid GeoJSON in feature 1 at geometry.type: a Feature cannot stand where a geometry is expected (Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection)",
        ),
    ];
    for (geometry, expected) in cases {
        assert_eq!(err(&feature(geometry)), expected, "{geometry}");
    }
    assert_eq!(
        err(r#"{"type":"Feature","properties":{}}"#),
        "invalid GeoJSON in feature 0 at (top level): a Feature needs a \"geometry\" member (null for a feature without one)"
    );
    assert_eq!(
        err(r#"{"type":"Feature","id":[1],"geometry":null}"#),
        "invalid GeoJSON in feature 0 at id: expected a string or a number, found an array of numbers"
    );
    assert_eq!(
        err(r#"{"type":"Feature","properties":7,"geometry":null}"#),
        "invalid GeoJSON in feature 0 at properties: expected an object or null, found a number"
    );
    assert_eq!(
        err(r#"{"type":"FeatureCollection","features":{}}"#),
        "invalid GeoJSON in feature 0 at features: a FeatureCollection needs a \"features\" array, found an object"
    );
    assert_eq!(
        err("[1, 2]"),
        "invalid GeoJSON in feature 0 at (top level): expected a GeoJSON object, found an array of numbers"
    );
    // Numbers JSON cannot hold as a double are a syntax error, not an infinity.
    assert!(err(r#"{"type":"Point","coordinates":[0,1e999]}"#).contains("number out of range"));
}

/// A lenient ring that crosses itself stands for the smaller region it
/// bounds, as a valid ring does, whichever way it runs (its turning angle
/// cannot say: the first version kept clockwise rings as their complement,
/// Natural Earth's Sudan as the whole sphere but Sudan).
#[test]
fn lenient_rings_that_cross_themselves_stand_for_the_smaller_region() {
    use s2cells::Region;
    use s2cells::io::{GeoRegion, GeoShape, RegionOptions};
    let lenient = RegionOptions {
        lenient: true,
        ..RegionOptions::default()
    };
    // (Not the area: a ring that crosses itself has no meaningful one.)
    let small = |r: &GeoRegion| {
        let b = r.rect_bound();
        assert!(matches!(r.shape(), GeoShape::Polygon(_)));
        b.lat_hi() - b.lat_lo() < 0.3 && b.lng_hi() - b.lng_lo() < 0.3
    };
    // A 10-degree square whose last edge crosses its first near (0, 0.48).
    let cw = "[[0,0],[0,10],[10,10],[10,0],[-0.5,0.5],[0,0]]";
    let ccw = "[[0,0],[-0.5,0.5],[10,0],[10,10],[0,10],[0,0]]";
    for ring in [cw, ccw] {
        let g = one(&format!(r#"{{"type":"Polygon","coordinates":[{ring}]}}"#))
            .geometry
            .unwrap();
        assert!(GeoRegion::from_geometry(0, &g, RegionOptions::default()).is_err());
        let r = GeoRegion::from_geometry(0, &g, lenient).unwrap();
        assert_eq!(r.warnings().len(), 1, "{ring}");
        assert!(r.contains_point(&ll(5.0, 5.0).to_point()), "{ring}");
        assert!(!r.contains_point(&ll(-40.0, 100.0).to_point()), "{ring}");
        assert!(!r.contains_point(&ll(-90.0, 0.0).to_point()), "{ring}");
        assert!(small(&r), "{ring}: bound {:?}", r.rect_bound());
        // Its winding is its orientation for --strict-orientation.
        let strict = RegionOptions {
            strict_orientation: true,
            ..lenient
        };
        let e = GeoRegion::from_geometry(0, &g, strict).map(|_| ());
        assert_eq!(e.is_err(), ring == cw, "{ring}: {e:?}");
    }
    let path = format!("{}/data/countries-110m.geojson", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let sudan = parse_geojson(&text)
        .unwrap()
        .into_iter()
        .find(|f| f.properties.as_ref().and_then(|p| p.get("name")) == Some(&"Sudan".into()))
        .unwrap();
    let r =
        GeoRegion::from_geometry(sudan.index, sudan.geometry.as_ref().unwrap(), lenient).unwrap();
    assert!(!r.warnings().is_empty());
    assert!(r.contains_point(&ll(15.6, 32.5).to_point()), "Khartoum");
    assert!(!r.contains_point(&ll(48.9, 2.35).to_point()), "Paris");
    assert!(!r.contains_point(&ll(90.0, 0.0).to_point()), "north pole");
    assert!(small(&r), "Sudan: bound {:?}", r.rect_bound());
}

/// A FeatureCollection is streamed feature by feature: members in any
/// order around `features`, the same features (index, id, properties) as
/// the same features one per line, and serde's messages at the input's
/// positions for broken punctuation.
#[test]
fn feature_collections_stream_with_members_in_any_order() {
    let f = |k: u32| {
        format!(
            r#"{{"type":"Feature","id":{k},"properties":{{"k":{k},"s":"]}}\"["}},"geometry":{{"type":"Point","coordinates":[{k},0]}}}}"#
        )
    };
    let feats = format!("[{}, {},\n{}]", f(0), f(1), f(2));
    let nd = parse_geojson(&format!("{}\n{}\n{}", f(0), f(1), f(2))).unwrap();
    assert_eq!(nd.len(), 3);
    for fc in [
        format!(r#"{{"type":"FeatureCollection","features":{feats}}}"#),
        format!(r#"{{"features":{feats},"type":"FeatureCollection"}}"#),
        format!(
            r#"{{"bbox":[0,0,2,0],"crs":{{"type":"name","properties":{{"name":"x"}}}},"features":{feats},"name":"n","type":"FeatureCollection","x":{{"features":[1]}}}}"#
        ),
        format!("{{ \"type\" : \"FeatureCollection\" ,\n \"features\" :\n {feats} \n }}"),
    ] {
        assert_eq!(parse_geojson(&fc).unwrap(), nd, "{fc}");
    }
    assert!(
        parse_geojson(r#"{"type":"FeatureCollection","features":[]}"#)
            .unwrap()
            .is_empty()
    );
    // A Feature whose type comes first keeps a foreign "features" member.
    let one = parse_geojson(r#"{"type":"Feature","features":[1,2],"geometry":null}"#).unwrap();
    assert_eq!((one.len(), &one[0].geometry), (1, &None));

    let point = r#"{"type":"Point","coordinates":[0,0]}"#;
    for (text, want) in [
        (
            format!(r#"{{"type":"FeatureCollection","features":[{point},]}}"#),
            "GeoJSON syntax error at line 1, column 78: trailing comma",
        ),
        (
            format!(r#"{{"type":"FeatureCollection","features":[{point} {point}]}}"#),
            "GeoJSON syntax error at line 1, column 78: expected `,` or `]`",
        ),
        (
            r#"{"type":"FeatureCollection","features":["#.to_owned(),
            "GeoJSON syntax error at line 1, column 40: EOF while parsing a list",
        ),
        (
            r#"{"type":"FeatureCollection","features":[] "name":1}"#.to_owned(),
            "GeoJSON syntax error at line 1, column 43: expected `,` or `}`",
        ),
        (
            format!("{{\"type\":\"FeatureCollection\",\"features\":[\n{point},\n{{\"type\" 1}}]}}"),
            "GeoJSON syntax error at line 3, column 9: expected `:`",
        ),
        (
            format!(r#"{{"features":[{point}],"type":"Feature"}}"#),
            "invalid GeoJSON in feature 1 at type: an object with a \"features\" array is read as \
             a FeatureCollection and needs \"type\": \"FeatureCollection\", found \"Feature\"",
        ),
        (
            r#"{"features":[]}"#.to_owned(),
            "invalid GeoJSON in feature 0 at (top level): an object with a \"features\" array is \
             read as a FeatureCollection and needs \"type\": \"FeatureCollection\", found no \
             \"type\" member",
        ),
    ] {
        assert_eq!(err(&text), want, "{text}");
    }
    // Features before the error are handed out: the collection streams.
    let items: Vec<_> = GeoJsonReader::new(
        format!(r#"{{"type":"FeatureCollection","features":[{point},{point},]}}"#).as_bytes(),
    )
    .collect();
    assert_eq!(items.len(), 3);
    assert!(items[1].is_ok() && items[2].is_err());
}
