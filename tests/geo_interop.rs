//! geo-types interop (feature `geo`): conversions into regions and back,
//! the ring rules shared with GeoJSON, and typed errors.
#![cfg(all(feature = "geo", feature = "geojson"))]

use geo_types::{MultiPolygon, Rect, coord, line_string, point, polygon};
use s2cells::io::{GeoRegion, RegionOptions, parse_geojson};
use s2cells::{
    Cell, CellId, CellUnion, LatLng, LatLngRect, Loop, ParseError, Point, Polygon, Polyline,
    RegionCoverer,
};

fn holed() -> geo_types::Polygon<f64> {
    polygon!(
        exterior: [(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0), (x: 0.0, y: 0.0)],
        interiors: [[(x: 4.0, y: 4.0), (x: 6.0, y: 4.0), (x: 6.0, y: 6.0), (x: 4.0, y: 6.0), (x: 4.0, y: 4.0)]],
    )
}

fn pt(lat: f64, lng: f64) -> Point {
    LatLng::from_degrees(lat, lng).to_point()
}

#[test]
fn points_round_trip_exactly() {
    let ll = LatLng::try_from(point!(x: -51.14022, y: -30.0438)).unwrap();
    assert_eq!(ll, LatLng::from_degrees(-30.0438, -51.14022));
    let p = Point::try_from(point!(x: -51.14022, y: -30.0438)).unwrap();
    assert_eq!(p, ll.to_point());
}

#[test]
fn bad_coordinates_are_typed_errors() {
    for (x, y) in [
        (0.0, f64::NAN),
        (f64::NAN, 0.0),
        (181.0, 0.0),
        (0.0, -90.5),
        (f64::INFINITY, 0.0),
    ] {
        let e = LatLng::try_from(point!(x: x, y: y)).unwrap_err();
        assert!(
            matches!(e, ParseError::InvalidGeoTypes { ref path, .. } if path == "point"),
            "{e}"
        );
    }
    let line = line_string![(x: 0.0, y: 0.0), (x: 1.0, y: f64::NAN)];
    let e = Polyline::try_from(&line).unwrap_err();
    assert!(e.to_string().contains("line[1]"), "{e}");
    let mut p = holed();
    p.interiors_push(line_string![(x: 1.0, y: 1.0), (x: 2.0, y: 1.0), (x: 2.0, y: 95.0)]);
    let e = Polygon::try_from(&p).unwrap_err();
    assert!(e.to_string().contains("interiors[1][2]"), "{e}");
}

#[test]
fn self_intersecting_rings_name_the_ring() {
    let bowtie = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0), (x: 1.0, y: 0.0), (x: 0.0, y: 1.0)];
    let e = Polygon::try_from(&bowtie).unwrap_err();
    assert!(
        matches!(&e, ParseError::InvalidGeoTypes { path, .. } if path == "exterior"),
        "{e}"
    );
    let mp = MultiPolygon::new(vec![holed(), bowtie]);
    let e = Polygon::try_from(&mp).unwrap_err();
    assert!(e.to_string().contains("polygons[1].exterior"), "{e}");
    // Rings that cross each other: the polygon as a whole is named.
    let a = polygon![(x: 0.0, y: 0.0), (x: 2.0, y: 0.0), (x: 2.0, y: 2.0), (x: 0.0, y: 2.0)];
    let b = polygon![(x: 1.0, y: 1.0), (x: 3.0, y: 1.0), (x: 3.0, y: 3.0), (x: 1.0, y: 3.0)];
    let e = Polygon::try_from(&MultiPolygon::new(vec![a, b])).unwrap_err();
    assert!(e.to_string().contains("multipolygon"), "{e}");
}

#[test]
fn polygon_with_a_hole_in_either_orientation() {
    let p = Polygon::try_from(&holed()).unwrap();
    assert_eq!(p.num_loops(), 2);
    assert!(p.contains_point(&pt(2.0, 2.0)));
    assert!(!p.contains_point(&pt(5.0, 5.0)));
    // Reversed rings give the same polygon: each ring is the smaller region.
    let mut ext = holed().exterior().clone();
    ext.0.reverse();
    let mut hole = holed().interiors()[0].clone();
    hole.0.reverse();
    let q = Polygon::try_from(geo_types::Polygon::new(ext, vec![hole])).unwrap();
    let c = RegionCoverer::new().max_cells(50).unwrap();
    assert_eq!(c.covering(&p), c.covering(&q));
    // And back: one shell, one hole, closed rings, exterior CCW.
    let back = MultiPolygon::from(&p);
    assert_eq!(back.0.len(), 1);
    assert_eq!(back.0[0].interiors().len(), 1);
    let again = Polygon::try_from(&back).unwrap();
    assert_eq!(c.covering(&p), c.covering(&again));
    assert_eq!(c.interior_covering(&p), c.interior_covering(&again));
}

#[test]
fn antimeridian_rect() {
    let r = Rect::new(coord! {x: 170.0, y: -10.0}, coord! {x: 190.0, y: 10.0});
    let r = LatLngRect::try_from(r).unwrap();
    assert!(r.contains_latlng(&LatLng::from_degrees(0.0, 180.0)));
    assert!(r.contains_latlng(&LatLng::from_degrees(5.0, -175.0)));
    assert!(!r.contains_latlng(&LatLng::from_degrees(0.0, 0.0)));
    assert_eq!(
        r,
        LatLngRect::from_degrees(-10.0, 10.0, 170.0, -170.0).unwrap()
    );
    let full = Rect::new(coord! {x: -180.0, y: -90.0}, coord! {x: 180.0, y: 90.0});
    assert!(
        LatLngRect::try_from(full)
            .unwrap()
            .contains_latlng(&LatLng::from_degrees(0.0, 180.0))
    );
    let bad = Rect::new(coord! {x: 0.0, y: 0.0}, coord! {x: 1.0, y: f64::NAN});
    assert!(LatLngRect::try_from(bad).is_err());
}

#[test]
fn cells_and_unions_back_to_geo_types() {
    let id = CellId::from_latlng(LatLng::from_degrees(-30.0, -51.2)).parent(12);
    let poly = geo_types::Polygon::from(&Cell::from(id));
    assert_eq!(poly.exterior().0.len(), 5);
    // The ring round-trips to a loop with the cell's own edges.
    let l = Polygon::try_from(&poly).unwrap();
    assert!(l.contains_point(&id.to_point()));
    let cov = RegionCoverer::new()
        .min_level(12)
        .and_then(|c| c.max_level(12))
        .unwrap()
        .covering(&l);
    assert!(cov.contains_cell_id(id));
    // A cell across the antimeridian comes out as one unbroken ring.
    let across = Cell::from(CellId::from_latlng(LatLng::from_degrees(0.0, 180.0)).parent(6));
    let ring = geo_types::Polygon::from(across);
    for w in ring.exterior().0.windows(2) {
        assert!((w[0].x - w[1].x).abs() < 180.0, "{ring:?}");
    }
    let u = CellUnion::from_cell_ids(vec![id, id.next(), CellId::from_face(3)]);
    assert_eq!(MultiPolygon::from(&u).0.len(), u.cell_ids().len());
    let tri = Loop::from_latlngs(&[
        LatLng::from_degrees(0.0, 0.0),
        LatLng::from_degrees(0.0, 1.0),
        LatLng::from_degrees(1.0, 0.0),
    ])
    .unwrap();
    assert_eq!(geo_types::Polygon::from(&tri).exterior().0.len(), 4);
}

#[test]
fn covering_equals_the_geojson_covering() {
    let text = std::fs::read_to_string(format!(
        "{}/data/us-states.geojson",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let c = RegionCoverer::new()
        .min_level(4)
        .and_then(|c| c.max_level(16))
        .and_then(|c| c.max_cells(200))
        .unwrap();
    for f in parse_geojson(&text).unwrap() {
        let g = f.geometry.clone().unwrap();
        let via_geojson = GeoRegion::from_geometry(f.index, &g, RegionOptions::default()).unwrap();
        let gt = to_geo_types(&g);
        let via_geo = Polygon::try_from(&gt).unwrap();
        assert_eq!(
            c.covering(&via_geojson),
            c.covering(&via_geo),
            "feature {}",
            f.index
        );
        assert_eq!(
            c.interior_covering(&via_geojson),
            c.interior_covering(&via_geo),
            "feature {}",
            f.index
        );
    }
}

fn ls(ring: &[LatLng]) -> geo_types::LineString<f64> {
    ring.iter()
        .map(|ll| coord! {x: ll.lng_degrees(), y: ll.lat_degrees()})
        .collect()
}

fn to_geo_types(g: &s2cells::io::Geometry) -> MultiPolygon<f64> {
    use s2cells::io::Geometry;
    let one = |rings: &Vec<Vec<LatLng>>| {
        geo_types::Polygon::new(ls(&rings[0]), rings[1..].iter().map(|r| ls(r)).collect())
    };
    match g {
        Geometry::Polygon(rings) => MultiPolygon::new(vec![one(rings)]),
        Geometry::MultiPolygon(ps) => MultiPolygon::new(ps.iter().map(one).collect()),
        other => panic!("not a polygon: {other:?}"),
    }
}
