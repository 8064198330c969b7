//! Invariants of the predicates, loops and polygons on random inputs.

mod common;

use common::check_subtree_promise;
use proptest::prelude::*;
use s2cells::geom::edge_crossings::{crossing_sign, edge_or_vertex_crossing};
use s2cells::geom::predicates::sign;
use s2cells::{LatLng, Loop, Point, Polygon};

fn point() -> impl Strategy<Value = Point> {
    (-90.0f64..=90.0, -180.0f64..=180.0)
        .prop_map(|(lat, lng)| LatLng::from_degrees(lat, lng).to_point())
}

/// A star-shaped loop around `c` (CCW), radius in radians.
fn star(c: Point, radius: f64, angles: &[f64], jitter: &[f64]) -> Vec<Point> {
    let u = s2cells::geom::predicates::ortho(&c);
    let v = c.cross(&u).normalize();
    let mut th: Vec<f64> = angles.to_vec();
    th.sort_by(f64::total_cmp);
    th.dedup();
    th.iter()
        .zip(jitter)
        .map(|(&t, &j)| {
            let r = radius * (1.0 - 0.5 * j);
            let dir = u * t.cos() + v * t.sin();
            (c * r.cos() + dir * r.sin()).normalize()
        })
        .collect()
}

fn star_loop() -> impl Strategy<Value = Loop> {
    (
        point(),
        1e-4f64..1.0,
        prop::collection::vec(0.0f64..std::f64::consts::TAU, 3..40),
        prop::collection::vec(0.0f64..1.0, 40),
    )
        .prop_filter_map("needs a valid loop", |(c, r, a, j)| {
            Loop::from_points(star(c, r, &a, &j)).ok()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn sign_is_antisymmetric_and_cyclic(a in point(), b in point(), c in point()) {
        let s = sign(&a, &b, &c);
        prop_assert_eq!(s, -sign(&b, &a, &c));
        prop_assert_eq!(s, sign(&b, &c, &a));
        prop_assert_eq!(s, -sign(&a, &c, &b));
    }

    #[test]
    fn crossing_is_symmetric(a in point(), b in point(), c in point(), d in point()) {
        let s = crossing_sign(&a, &b, &c, &d);
        prop_assert_eq!(s, crossing_sign(&b, &a, &c, &d));
        prop_assert_eq!(s, crossing_sign(&c, &d, &a, &b));
        if s == 1 {
            prop_assert!(edge_or_vertex_crossing(&a, &b, &c, &d));
        }
    }

    #[test]
    fn loop_and_inverse_partition_the_sphere(l in star_loop(), probes in prop::collection::vec(point(), 20)) {
        let mut inv = l.clone();
        inv.invert();
        let near: Vec<Point> = l.vertices().to_vec();
        for p in probes.iter().chain(near.iter()) {
            prop_assert_ne!(l.contains_point(p), inv.contains_point(p), "p={:?}", p);
        }
        let total = l.area() + inv.area();
        prop_assert!((total - 4.0 * std::f64::consts::PI).abs() < 1e-12);
    }

    #[test]
    fn containment_ignores_the_starting_vertex(l in star_loop(), k in 0usize..40, probes in prop::collection::vec(point(), 20)) {
        let n = l.num_vertices();
        let mut v = l.vertices().to_vec();
        v.rotate_left(k % n);
        let r = Loop::from_points(v).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for p in probes.iter().chain(l.vertices()) {
            prop_assert_eq!(l.contains_point(p), r.contains_point(p));
        }
        // The area's last bits depend on the start (Google's too: its
        // triangle fan starts at vertex 0), not its value. Each of the n
        // triangles rounds by a few ulps: an 18-vertex loop of 1.6e-3 sr
        // differed by 1.6e-16 (1.0e-13 relative), so allow 1e-12.
        prop_assert!((l.area() - r.area()).abs() <= 1e-12 * l.area().max(1e-3), "{} vs {}", l.area(), r.area());
    }

    /// A cell the loop contains through an edgeless index cell holds its
    /// answer all the way down.
    #[test]
    fn loop_subtree_promise(l in star_loop(), c in point(), r in 1e-3f64..0.5, probes in prop::collection::vec(point(), 10)) {
        for q in probes.iter().chain(l.vertices()) {
            check_subtree_promise(&l, q)?;
        }
        let angles: Vec<f64> = (0..300).map(|i| f64::from(i) * std::f64::consts::TAU / 300.0).collect();
        let big = Loop::from_points(star(c, r, &angles, &[0.0; 300])).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for q in &probes {
            check_subtree_promise(&big, q)?;
        }
    }

    #[test]
    fn polygon_with_hole_is_shell_minus_hole(c in point(), r in 1e-3f64..0.5, probes in prop::collection::vec(point(), 20)) {
        let angles: Vec<f64> = (0..12).map(|i| f64::from(i) * 0.5).collect();
        let flat = vec![0.0; 12];
        let shell = Loop::from_points(star(c, r, &angles, &flat)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let hole = Loop::from_points(star(c, r / 3.0, &angles, &flat)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let p = Polygon::from_loops(vec![hole.clone(), shell.clone()]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(p.loop_at(1).depth(), 1);
        for q in probes.iter().chain(shell.vertices()).chain(hole.vertices()) {
            prop_assert_eq!(p.contains_point(q), shell.contains_point(q) && !hole.contains_point(q));
        }
        prop_assert!((p.area() - (shell.area() - hole.area())).abs() < 1e-15);
    }
}

/// The loop's index has edgeless cells well inside a 300-vertex loop,
/// which answer `ContainsSubtree` (a point there need not be in one: an
/// index cell with a few edges can reach far inside).
#[test]
fn loops_have_contained_subtrees() {
    let c = LatLng::from_degrees(-30.0, -51.0).to_point();
    let angles: Vec<f64> = (0..300)
        .map(|i| f64::from(i) * std::f64::consts::TAU / 300.0)
        .collect();
    for r in [1e-3, 1e-2] {
        let big = Loop::from_points(star(c, r, &angles, &[0.0; 300])).expect("valid loop");
        let level = check_subtree_promise(&big, &c).expect("promise holds");
        assert!(
            level.is_some(),
            "radius {r}: no contained subtree at the center"
        );
    }
}

/// A 10,000-vertex loop validates, and a bow-tie made in its middle is
/// found. How much work the validation's edge-pair sweep does on it is
/// counted (not timed) by `region::edge_pairs::tests::sweep_work_is_counted`.
#[test]
fn big_loop_validates() {
    let n = 10_000;
    let c = LatLng::from_degrees(40.0, -100.0).to_point();
    let angles: Vec<f64> = (0..n)
        .map(|i| std::f64::consts::TAU * f64::from(i) / f64::from(n))
        .collect();
    let jitter: Vec<f64> = (0..n)
        .map(|i| f64::from((i * 7919) % 100) / 200.0)
        .collect();
    let v = star(c, 0.3, &angles, &jitter);
    let l = Loop::from_points(v).expect("a star is valid");
    assert_eq!(l.vertices().len(), n as usize);
    assert!(l.area() > 0.0);
    // A bow-tie in the middle is found.
    let mut w = l.vertices().to_vec();
    w.swap(5000, 5002);
    assert!(Loop::from_points(w).is_err());
}
