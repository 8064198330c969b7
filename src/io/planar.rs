//! Straight lon/lat edges ([`RegionOptions::planar_edges`](super::RegionOptions::planar_edges))
//! as great-circle rings that contain them.
//!
//! A straight edge on a flat (plate carrée) map is a curve on the sphere.
//! It is cut into pieces of at most [`PLANAR_STEP_DEGREES`] (and at the
//! equator, so that each piece bends one way), whose ends lie on the
//! curve. Between two ends the curve and the great-circle arc differ by
//! up to a few decimetres; where the curve bulges out of the region, a
//! vertex is added outside it, three times the bulge away from the arc's
//! midpoint: the two arcs through it pass outside the curve (they would
//! already at twice the bulge, where the curve's end tangents meet), so the
//! ring of arcs contains the region the map draws, and a covering of it
//! needs no growing afterwards (it keeps `max_cells` and the levels).
//!
//! A pole is a point on the sphere but a whole side of the map: a ring's
//! vertices at latitude ±90° become that one point, whatever their
//! longitude, and the map's edge along the pole vanishes.

use crate::{LatLng, Point};

/// Longest piece, in degrees of latitude or longitude, that
/// [`RegionOptions::planar_edges`](super::RegionOptions::planar_edges) cuts
/// an edge into.
pub const PLANAR_STEP_DEGREES: f64 = 0.05;

/// The points of a chain of straight lon/lat edges, with each point's
/// input position (the start of the edge it lies on): every edge cut into
/// pieces of at most [`PLANAR_STEP_DEGREES`], and at the equator.
pub(crate) fn densify(vertices: &[LatLng], closed: bool) -> Vec<(LatLng, usize)> {
    let n = vertices.len();
    let edges = if closed { n } else { n.saturating_sub(1) };
    let mut out = Vec::with_capacity(n);
    // Parameters along the edge, and whether each is the equator's.
    let mut ts: Vec<(f64, bool)> = Vec::new();
    for k in 0..edges {
        let (a, b) = (vertices[k], vertices[(k + 1) % n]);
        let (lat_a, lng_a) = (a.lat_degrees(), a.lng_degrees());
        let (dlat, dlng) = (b.lat_degrees() - lat_a, b.lng_degrees() - lng_a);
        // At most a few thousand pieces even for an edge around the globe.
        let pieces = (dlat.abs().max(dlng.abs()) / PLANAR_STEP_DEGREES)
            .ceil()
            .max(1.0) as usize;
        ts.clear();
        ts.extend((0..pieces).map(|s| (s as f64 / pieces as f64, false)));
        // Where the edge crosses the equator, its bend changes side.
        if lat_a * b.lat_degrees() < 0.0 && dlng != 0.0 {
            let t = -lat_a / dlat;
            let i = ts.iter().position(|&(s, _)| s > t).unwrap_or(ts.len());
            ts.insert(i, (t, true));
        }
        for &(t, equator) in &ts {
            let lat = if equator { 0.0 } else { lat_a + t * dlat };
            out.push((LatLng::from_degrees(lat, lng_a + t * dlng), k));
        }
    }
    if !closed && let Some(&last) = vertices.last() {
        out.push((last, n - 1));
    }
    out
}

/// A lat/lng as a point, with the poles exact: on a flat map a pole is a
/// line, on the sphere one point, whatever the longitude.
pub(crate) fn point(ll: LatLng) -> Point {
    let lat = ll.lat_degrees();
    if lat >= 90.0 {
        Point::new(0.0, 0.0, 1.0)
    } else if lat <= -90.0 {
        Point::new(0.0, 0.0, -1.0)
    } else {
        ll.to_point()
    }
}

/// The point on the straight lon/lat line from `a` to `b` at parameter `t`.
fn on_line(a: LatLng, b: LatLng, t: f64) -> Point {
    LatLng::from_radians(
        a.lat() + t * (b.lat() - a.lat()),
        a.lng() + t * (b.lng() - a.lng()),
    )
    .to_point()
}

/// How far (radians, signed: positive to the left of the arc `a → b`) the
/// straight lon/lat line from `a` to `b` strays from the arc at its middle,
/// and the arc's normal and midpoint; `None` for a piece of no length.
fn bulge(a: LatLng, b: LatLng) -> Option<(f64, Point, Point)> {
    let (pa, pb) = (point(a), point(b));
    let normal = pa.cross(&pb);
    let len = normal.norm();
    if len == 0.0 {
        return None;
    }
    let normal = normal * (1.0 / len);
    let chord_mid = (pa + pb).normalize();
    Some((on_line(a, b, 0.5).dot(&normal), normal, chord_mid))
}

/// A densified ring as points whose great-circle ring contains the flat
/// map's ring (`region_left`: the region is on the ring's left, as for a
/// counterclockwise shell; else on its right, as for a hole), each point
/// with its input position. Returns the points and the largest bulge met
/// (radians).
pub(crate) fn enclosing_ring(
    ring: &[(LatLng, usize)],
    region_left: bool,
) -> (Vec<(Point, usize)>, f64) {
    let n = ring.len();
    let mut out = Vec::with_capacity(n + n / 2);
    let mut worst: f64 = 0.0;
    for k in 0..n {
        let ((a, at), (b, _)) = (ring[k], ring[(k + 1) % n]);
        out.push((point(a), at));
        let Some((d, normal, chord_mid)) = bulge(a, b) else {
            continue;
        };
        worst = worst.max(d.abs());
        // The line bulges to the right of the arc (d < 0) out of a region
        // on the left, or the other way round.
        let outward = if region_left { d < 0.0 } else { d > 0.0 };
        // A piece along a meridian or the equator is its own arc.
        if outward && d.abs() > 1e-15 {
            out.push(((chord_mid + normal * (3.0 * d)).normalize(), at));
        }
    }
    (out, worst)
}

/// The largest bulge between the pieces of a densified open chain and
/// their arcs (radians): how far a covering of the arcs must grow to
/// contain the flat map's line.
pub(crate) fn chain_margin(chain: &[(LatLng, usize)]) -> f64 {
    chain
        .windows(2)
        .filter_map(|w| bulge(w[0].0, w[1].0))
        .map(|(d, ..)| d.abs())
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Loop;
    use crate::io::repair::{RingPoints, planar_signed_area};

    fn ll(lng: f64, lat: f64) -> LatLng {
        LatLng::from_degrees(lat, lng)
    }

    /// The loop of `ring` under planar edges, oriented counterclockwise on
    /// the map, after checking that the flat map's ring is inside it: at
    /// the middle and quarter points of (a sample of) the pieces, where the
    /// straight line strays furthest from the arc, each point moved 1e-11
    /// radians (60 µm) into the map's region so that it is off the
    /// boundary. The bulges are 1e-8 to 1e-7 radians.
    fn check_contains(ring: &[LatLng]) -> Loop {
        let mut ring = ring.to_vec();
        if planar_signed_area(&ring) < 0.0 {
            ring.reverse();
        }
        let dense = densify(&ring, true);
        let (pts, _) = enclosing_ring(&dense, true);
        let l = Loop::from_points(RingPoints::new(pts).points).expect("valid loop");
        let n = dense.len();
        let stride = (n / 400).max(1);
        for k in (0..n).step_by(stride) {
            let (a, b) = (dense[k].0, dense[(k + 1) % n].0);
            for t in [0.25, 0.5, 0.75] {
                let p = on_line(a, b, t);
                if p.z.abs() > 1.0 - 1e-15 {
                    continue; // a pole: a vertex of the loop
                }
                let d = on_line(a, b, t + 1e-6) - on_line(a, b, t - 1e-6);
                let inward = p.cross(&d).normalize();
                let q = (p + inward * 1e-11).normalize();
                assert!(
                    l.contains_point(&q),
                    "{ring:?}: piece {k} at t = {t} is outside"
                );
            }
        }
        l
    }

    #[test]
    fn the_ring_of_arcs_contains_the_flat_ring() {
        // South of 60°S as a flat map draws it: a cap, not a sliver.
        let south = [
            ll(-180.0, -90.0),
            ll(180.0, -90.0),
            ll(180.0, -60.0),
            ll(-180.0, -60.0),
        ];
        let l = check_contains(&south);
        let cap = 2.0 * std::f64::consts::PI * (1.0 - (60f64).to_radians().sin());
        assert!((l.area() - cap).abs() < 1e-6 * cap, "{} {cap}", l.area());
        assert!(l.contains_point(&Point::new(0.0, 0.0, -1.0)));
        // Diagonals in both hemispheres and across the equator, long
        // parallels at high latitude, a thin wedge, a ring crossing the
        // antimeridian the long (flat map) way.
        for ring in [
            vec![ll(0.0, 0.0), ll(1.0, 0.0), ll(1.0, 1.0), ll(0.0, 1.0)],
            vec![
                ll(-40.0, 60.0),
                ll(40.0, 60.0),
                ll(40.0, 70.0),
                ll(-40.0, 70.0),
            ],
            vec![
                ll(-40.0, -70.0),
                ll(40.0, -70.0),
                ll(40.0, -60.0),
                ll(-40.0, -60.0),
            ],
            vec![ll(-10.0, -30.0), ll(30.0, 25.0), ll(-20.0, 40.0)],
            vec![ll(100.0, 80.0), ll(-100.0, 85.0), ll(-100.0, 86.0)],
            vec![
                ll(-170.0, 10.0),
                ll(170.0, 10.0),
                ll(170.0, 20.0),
                ll(-170.0, 20.0),
            ],
            vec![ll(0.0, 45.0), ll(50.0, 45.001), ll(0.0, 45.002)],
        ] {
            check_contains(&ring);
            let mut cw = ring.clone();
            cw.reverse();
            check_contains(&cw);
        }
    }

    #[test]
    fn poles_become_one_point() {
        let dense = densify(&[ll(-180.0, 90.0), ll(180.0, 90.0), ll(0.0, 80.0)], true);
        let pts = RingPoints::new(dense.iter().map(|&(a, at)| (point(a), at)));
        let poles = pts.points.iter().filter(|p| p.z == 1.0).count();
        assert_eq!(poles, 1);
    }

    #[test]
    fn edges_are_cut_at_the_equator() {
        let dense = densify(&[ll(0.0, -1.0), ll(0.01, 2.0)], false);
        assert!(dense.iter().any(|(p, _)| p.lat() == 0.0));
        assert_eq!(dense.last().map(|d| d.1), Some(1));
    }
}
