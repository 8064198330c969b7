//! Unit and property tests of the shape index, with a plain-float crossing
//! predicate (test-only; the library uses the robust one).

use proptest::prelude::*;

use super::build::tracker_origin;
use super::{CellRelation, CrossingPredicate, ORIGIN, ShapeIndex};
use crate::{Cell, CellId, LatLng, Point};

/// TEST-ONLY: interior crossings by float signs (no vertex rule).
struct Float;

impl CrossingPredicate for Float {
    fn edge_or_vertex_crossing(a: &Point, b: &Point, c: &Point, d: &Point) -> bool {
        let s = |p: &Point, q: &Point, r: &Point| p.cross(q).dot(r).signum();
        let acb = -s(a, b, c);
        acb == s(a, b, d) && acb == -s(c, d, b) && acb == s(c, d, a)
    }
}

fn offset(c: &Point, d: f64, theta: f64) -> Point {
    let u = c.cross(&Point::new(0.012, 0.0053, 1.0)).normalize();
    let v = c.cross(&u);
    (*c * d.cos() + (u * theta.cos() + v * theta.sin()) * d.sin()).normalize()
}

fn star(c: &Point, r: f64, radii: &[f64]) -> Vec<[Point; 2]> {
    let n = radii.len();
    let v: Vec<Point> = radii
        .iter()
        .enumerate()
        .map(|(k, f)| offset(c, r * f, std::f64::consts::TAU * k as f64 / n as f64))
        .collect();
    (0..n).map(|i| [v[i], v[(i + 1) % n]]).collect()
}

fn brute_contains(edges: &[[Point; 2]], p: &Point) -> bool {
    // ORIGIN is far from every test polygon, so it is outside.
    edges
        .iter()
        .filter(|e| Float::edge_or_vertex_crossing(&ORIGIN, p, &e[0], &e[1]))
        .count()
        % 2
        == 1
}

#[test]
fn empty_index() {
    let index = ShapeIndex::builder().build::<Float>();
    assert_eq!(index.num_cells(), 0);
    assert!(index.cell_union_bound().is_empty());
    let id = CellId::from_face(3);
    assert_eq!(index.locate_cell_id(id), CellRelation::Disjoint);
    assert!(!index.may_intersect_cell::<Float>(&Cell::from(id)));
    assert!(!index.contains_point::<Float>(&ORIGIN));
    assert!(index.clipped_shapes(7).is_empty());
    assert_eq!(index.edge(0, 0), None);
}

#[test]
fn full_polygon_is_six_face_cells() {
    let mut b = ShapeIndex::builder();
    b.add_polygon([], ORIGIN, true);
    let index = b.build::<Float>();
    let faces: Vec<CellId> = (0..6).map(CellId::from_face).collect();
    assert_eq!(index.cell_ids(), &faces[..]);
    assert_eq!(index.cell_union_bound(), faces);
    for (f, face) in faces.iter().enumerate() {
        assert!(index.clipped_shapes(f)[0].contains_center);
        assert!(index.contains_cell::<Float>(&Cell::from(face.child(1))));
    }
}

#[test]
fn tracker_starts_at_the_curve_start() {
    assert_eq!(tracker_origin(), Point::new(1.0, -1.0, -1.0).normalize());
}

#[test]
fn bad_points_do_not_panic() {
    let nan = Point::new(f64::NAN, 0.0, 1.0);
    let zero = Point::default();
    let big = Point::new(1e300, -1e300, 3.0);
    let mut b = ShapeIndex::builder();
    b.add_polygon([[nan, zero], [zero, big], [big, nan]], ORIGIN, false);
    b.add_polyline([[big, big], [zero, ORIGIN]]);
    let index = b.build::<Float>();
    let cell = Cell::from(CellId::from_face(2).child(0));
    let _ = index.may_intersect_cell::<Float>(&cell);
    let _ = index.contains_cell::<Float>(&cell);
    let _ = index.contains_point::<Float>(&ORIGIN);
    let _ = index.cell_union_bound();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn index_answers_agree_with_brute_force(
        lat in -89.0f64..89.0,
        lng in -180.0f64..180.0,
        radius_km in 1.0f64..3000.0,
        radii in prop::collection::vec(0.35f64..1.0, 4..300),
        probes in prop::collection::vec((0.0f64..1.5, 0.0f64..std::f64::consts::TAU, 3u8..20), 20),
    ) {
        let c = LatLng::from_degrees(lat, lng).to_point();
        let r = radius_km / 6371.01;
        let edges = star(&c, r, &radii);
        let mut b = ShapeIndex::builder();
        b.add_polygon(edges.iter().copied(), ORIGIN, false);
        let index = b.build::<Float>();
        let ids = index.cell_ids();
        prop_assert!(ids.windows(2).all(|w| w[0].range_max() < w[1].range_min()));
        for &(f, theta, level) in &probes {
            let p = offset(&c, r * f, theta);
            prop_assert_eq!(index.contains_point::<Float>(&p), brute_contains(&edges, &p));
            let cell = Cell::from(CellId::from_point(&p).parent(level));
            let may = index.may_intersect_cell::<Float>(&cell);
            let contains = index.contains_cell::<Float>(&cell);
            prop_assert!(!contains || may);
            let relation = index.relate_cell::<Float>(&cell);
            prop_assert_eq!((relation.may_intersect(), relation.contains()), (may, contains));
            if brute_contains(&edges, &p) {
                prop_assert!(may);
            }
            if contains {
                prop_assert!(brute_contains(&edges, &cell.center()));
            }
        }
        // The bound covers every index cell.
        let bound = index.cell_union_bound();
        prop_assert!(bound.len() <= 6);
        prop_assert!(ids.iter().all(|id| bound.iter().any(|b| b.contains(*id))));
    }
}

/// The stored centers are the index cells' `to_point()`, bit for bit.
#[test]
fn stored_centers_are_the_cell_centers() {
    let c = LatLng::from_degrees(-33.9, 18.4).to_point();
    let radii: Vec<f64> = (0..300)
        .map(|k| 0.6 + 0.4 * ((k * 37 % 101) as f64 / 101.0))
        .collect();
    let mut b = ShapeIndex::builder();
    b.add_polygon(star(&c, 0.05, &radii), ORIGIN, false);
    let index = b.build::<Float>();
    assert!(index.num_cells() > 10);
    assert_eq!(index.centers.len(), index.num_cells());
    for (id, center) in index.cell_ids().iter().zip(&index.centers) {
        assert_eq!(*center, id.to_point(), "{id:?}");
    }
}
