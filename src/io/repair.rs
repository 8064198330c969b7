//! What [`RegionOptions::lenient`](super::RegionOptions::lenient) repairs in
//! a ring, and the checks that keep a ring from silently becoming another
//! region.
//!
//! Published boundaries come out of `TopoJSON` quantization (us-atlas,
//! world-atlas) or simplification with rings that a GIS validator rejects
//! but whose meaning is plain: a ring that collapsed to two points or one
//! (Delaware's islet in us-atlas's states-10m, Falls Church in
//! counties-10m), a ring that goes out and comes straight back along the
//! same edge (a spike, `A B A`), a ring that passes through one of its own
//! vertices twice (two lobes touching at a point, or a hole drawn as an
//! inward lobe: the "inverted" ring of some exporters). GEOS's
//! `MakeValid` and PostGIS's `ST_MakeValid` drop what has collapsed to a
//! line or a point and cut a ring where it touches itself into rings that
//! touch at that vertex; [`split_at_repeats`] does the same, exactly (no
//! new vertex, no moved vertex): the edges of a closed walk split at its
//! repeated vertices into simple cycles, spikes become cycles of two
//! vertices and are dropped, and the even-odd region of the pieces is the
//! region of the ring.
//!
//! [`flat_map_only`] finds the rings that mean something only on a flat
//! map: the lon/lat box `[[-180,-90],[180,-90],[180,-60],[-180,-60]]`
//! ("everything south of 60°S" on a map) has great-circle edges that run
//! up and down the antimeridian and enclose nothing.

use std::collections::HashMap;
use std::f64::consts::PI;
use std::fmt::Write as _;

use crate::{GeometryError, LatLng, Loop, Point, RegionError};

/// A ring as points, consecutive repeats (and a repeat of the first point
/// at the end) dropped, with the input position each point came from.
#[derive(Clone, Debug, Default)]
pub(crate) struct RingPoints {
    pub(crate) points: Vec<Point>,
    /// Input position (index into the ring as given) of each point.
    pub(crate) positions: Vec<usize>,
}

impl RingPoints {
    /// The ring `(point, input position)`s, repeats dropped.
    pub(crate) fn new(vertices: impl IntoIterator<Item = (Point, usize)>) -> Self {
        let mut out = Self::default();
        for (p, at) in vertices {
            if out.points.last() != Some(&p) {
                out.points.push(p);
                out.positions.push(at);
            }
        }
        while out.points.len() > 1 && out.points.first() == out.points.last() {
            out.points.pop();
            out.positions.pop();
        }
        out
    }

    /// How many different points the ring has.
    pub(crate) fn distinct(&self) -> usize {
        let mut keys: Vec<[u64; 3]> = self.points.iter().map(key).collect();
        keys.sort_unstable();
        keys.dedup();
        keys.len()
    }
}

/// A point's bits, with -0.0 and 0.0 the same (as `==` has them).
fn key(p: &Point) -> [u64; 3] {
    [
        (p.x + 0.0).to_bits(),
        (p.y + 0.0).to_bits(),
        (p.z + 0.0).to_bits(),
    ]
}

/// A ring cut at its repeated vertices.
#[derive(Debug, Default)]
pub(crate) struct Split {
    /// The simple cycles of at least three vertices, the ring's start
    /// (the last cycle closed) last.
    pub(crate) pieces: Vec<RingPoints>,
    /// Spikes removed: the input positions where the ring left a vertex
    /// and where it came back to it.
    pub(crate) spikes: Vec<(usize, usize)>,
    /// Where the ring passes a vertex it passed before (input positions of
    /// the two passes): each cut a piece off.
    pub(crate) pinches: Vec<(usize, usize)>,
}

impl Split {
    /// Whether the ring had nothing to repair.
    pub(crate) fn is_simple(&self) -> bool {
        self.spikes.is_empty() && self.pinches.is_empty()
    }
}

/// Cuts a closed ring at its repeated vertices into simple cycles (a walk
/// along the ring with a stack: coming back to a vertex on the stack closes
/// the cycle above it). Cycles of two vertices (`A B A`: out and back along
/// one edge) are spikes and vanish; longer ones are pieces. Every edge
/// except a spike's two lands in exactly one piece, so the pieces' even-odd
/// region is the ring's.
///
/// A ring whose points are all one point, or two, gives no piece.
pub(crate) fn split_at_repeats(ring: &RingPoints) -> Split {
    let pts = &ring.points;
    let n = pts.len();
    let mut split = Split::default();
    if n == 0 {
        return split;
    }
    // Indices into `pts`, and where each point's key sits on the stack.
    let mut stack: Vec<usize> = Vec::with_capacity(n);
    let mut on_stack: HashMap<[u64; 3], usize> = HashMap::with_capacity(n);
    for i in 0..=n {
        let v = i % n;
        let k = key(&pts[v]);
        let Some(&s) = on_stack.get(&k) else {
            on_stack.insert(k, stack.len());
            stack.push(v);
            continue;
        };
        // The cycle stack[s..] closes here, back at stack[s] (= v).
        for &j in &stack[s + 1..] {
            on_stack.remove(&key(&pts[j]));
        }
        let cycle = &stack[s..];
        let (first, again) = (ring.positions[stack[s]], ring.positions[v]);
        if cycle.len() >= 3 {
            split.pieces.push(RingPoints {
                points: cycle.iter().map(|&j| pts[j]).collect(),
                positions: cycle.iter().map(|&j| ring.positions[j]).collect(),
            });
            if i < n {
                split.pinches.push((first, again));
            }
        } else if cycle.len() == 2 && i < n {
            split.spikes.push((first, again));
        } else if cycle.len() == 2 && !split.pieces.is_empty() {
            // The ring starts at the tip of a spike: the last piece closed
            // where the ring came back to the spike's base, which is no
            // place where the ring touches itself.
            let base = ring.positions[stack[s + 1]];
            match split.pinches.last() {
                Some(&(b, again)) if b == base => {
                    split.pinches.pop();
                    split.spikes.push((b, again));
                }
                _ => split.spikes.push((base, first)),
            }
        }
        stack.truncate(s + 1);
    }
    split
}

/// Up to three `(a, b)` pairs joined by `sep` (`a and b`, `a..b`), and
/// how many more.
pub(crate) fn list_pairs(pairs: &[(usize, usize)], sep: &str) -> String {
    let mut s = pairs
        .iter()
        .take(3)
        .map(|(a, b)| format!("{a}{sep}{b}"))
        .collect::<Vec<_>>()
        .join(", ");
    if pairs.len() > 3 {
        let _ = write!(s, " and {} more", pairs.len() - 3);
    }
    s
}

/// What a ring's cut at its repeated vertices found, for a warning or an
/// error, in input positions: "it doubles back on itself (a spike at
/// positions 3..5) and touches itself (positions 7 and 12 are the same
/// point)".
pub(crate) fn describe(split: &Split) -> String {
    let mut parts = Vec::new();
    match split.spikes.len() {
        0 => {}
        1 => parts.push(format!(
            "it doubles back on itself (a spike at positions {}: out and back along one edge)",
            list_pairs(&split.spikes, "..")
        )),
        k => parts.push(format!(
            "it doubles back on itself {k} times (spikes at positions {})",
            list_pairs(&split.spikes, "..")
        )),
    }
    if !split.pinches.is_empty() {
        parts.push(format!(
            "it touches itself (positions {} are the same point)",
            list_pairs(&split.pinches, " and ")
        ));
    }
    parts.join(" and ")
}

/// A loop's error in the input's terms: vertex and edge numbers become
/// positions in the ring as given (edge k starts at position k there).
pub(crate) fn loop_error(e: &RegionError, ring: &RingPoints) -> String {
    let at = |k: usize| ring.positions.get(k).copied().unwrap_or(k);
    match e {
        RegionError::InvalidLoop {
            reason: GeometryError::SelfIntersection { edge, other },
        } => format!(
            "the ring crosses itself (the edges from positions {} and {} cross)",
            at(*edge),
            at(*other)
        ),
        RegionError::InvalidLoop {
            reason: GeometryError::AntipodalVertices { first, second },
        } => format!(
            "positions {} and {} are antipodal: the edge between them has no defined path",
            at(*first),
            at(*second)
        ),
        e => e.to_string(),
    }
}

/// The area in steradians that a ring of lat/lngs encloses on a flat
/// (plate carrée) map with straight lon/lat edges, signed: positive when
/// the ring runs counterclockwise on the map (east is x, north is y). It
/// is the area on the sphere of the region the map shows, by Green's
/// theorem over `cos(lat) dlat dlng`: `-∮ sin(lat) dlng`, exact along each
/// straight edge.
pub(crate) fn planar_signed_area(ring: &[LatLng]) -> f64 {
    let n = ring.len();
    let mut sum = 0.0;
    for k in 0..n {
        let (a, b) = (ring[k], ring[(k + 1) % n]);
        let dlng = b.lng() - a.lng();
        if dlng == 0.0 {
            continue;
        }
        let dlat = b.lat() - a.lat();
        // ∫ sin(lat_a + t·dlat) dt over [0, 1], times dlng.
        let mean_sin = if dlat.abs() < 1e-9 {
            (a.lat() + 0.5 * dlat).sin()
        } else {
            (a.lat().cos() - b.lat().cos()) / dlat
        };
        sum -= mean_sin * dlng;
    }
    sum
}

/// Whether a ring lies on one line of a flat map (so encloses no area
/// there), as where `TopoJSON` draws the map's bottom edge as a ring along
/// a parallel near the pole, out and back (world-atlas's 50m Antarctica).
/// With straight lon/lat edges such a ring is no region, though
/// great-circle edges would make it a small cap. "On one line": every
/// vertex within a billionth of the ring's extent of the line through its
/// first vertex and the vertex farthest from it (a figure eight, whose
/// lobes' areas cancel, is not).
pub(crate) fn flat_on_map(ring: &[LatLng]) -> bool {
    let xy = |ll: &LatLng| (ll.lng_degrees(), ll.lat_degrees());
    let Some(a) = ring.first().map(xy) else {
        return false;
    };
    let far = ring.iter().map(xy).map(|(x, y)| (x - a.0, y - a.1)).fold(
        (0.0, 0.0),
        |best: (f64, f64), d| {
            if d.0.hypot(d.1) > best.0.hypot(best.1) {
                d
            } else {
                best
            }
        },
    );
    let length = far.0.hypot(far.1);
    length > 0.0
        && ring.iter().map(xy).all(|(x, y)| {
            let (dx, dy) = (x - a.0, y - a.1);
            (far.0 * dy - far.1 * dx).abs() <= 1e-9 * length * length
        })
}

/// Whether the ring has what makes great-circle edges and a flat map's
/// straight edges part ways wholesale: an edge spanning 180° of longitude
/// or more (the great circle takes the other way round, or over a pole),
/// or a vertex at a pole (a point on the sphere, a whole side on the map).
pub(crate) fn has_flat_map_edges(ring: &[LatLng]) -> bool {
    let n = ring.len();
    (0..n).any(|k| {
        let (a, b) = (ring[k], ring[(k + 1) % n]);
        (b.lng() - a.lng()).abs() >= PI || a.lat().abs() >= 0.5 * PI
    })
}

/// When a ring encloses (near) nothing with great-circle edges but a real
/// area on a flat map, the two areas in steradians `(sphere, map)`; `None`
/// for every other ring. `loop_` is the ring's loop as it will be
/// covered.
///
/// "Near nothing": under a millionth of the map's area and under a
/// billionth of the square of the loop's extent. The second test spares a
/// small ring that crosses the antimeridian the short way (a building at
/// 180°: its map reading is a band around the world, its sphere reading
/// the building, which is no sliver).
pub(crate) fn flat_map_only(ring: &[LatLng], loop_: &Loop) -> Option<(f64, f64)> {
    if !has_flat_map_edges(ring) {
        return None;
    }
    let map = planar_signed_area(ring).abs();
    let area = loop_.area();
    let sphere = area.min(4.0 * PI - area);
    let extent = 2.0 * loop_.cap_bound().radius();
    (sphere < 1e-6 * map && sphere < 1e-9 * extent * extent).then_some((sphere, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(pts: &[(f64, f64)]) -> RingPoints {
        RingPoints::new(
            pts.iter()
                .enumerate()
                .map(|(i, &(lng, lat))| (LatLng::from_degrees(lat, lng).to_point(), i)),
        )
    }

    #[test]
    fn a_simple_ring_is_one_piece() {
        let r = ring(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]);
        assert_eq!(r.points.len(), 4);
        let s = split_at_repeats(&r);
        assert!(s.is_simple());
        assert_eq!(s.pieces.len(), 1);
        assert_eq!(s.pieces[0].positions, vec![0, 1, 2, 3]);
    }

    #[test]
    fn collapsed_rings_give_nothing() {
        // Falls Church, us-atlas counties-10m: A B A A.
        let r = ring(&[
            (-77.17, 38.89),
            (-77.15, 38.87),
            (-77.17, 38.89),
            (-77.17, 38.89),
        ]);
        assert_eq!(r.distinct(), 2);
        assert!(split_at_repeats(&r).pieces.is_empty());
        let one = ring(&[(5.0, 5.0), (5.0, 5.0), (5.0, 5.0), (5.0, 5.0)]);
        assert_eq!((one.points.len(), one.distinct()), (1, 1));
        assert!(split_at_repeats(&one).pieces.is_empty());
    }

    #[test]
    fn spikes_are_removed() {
        // Kittitas, us-atlas counties-10m: back and forth twice, P1 P2 P1 P2.
        let r = ring(&[
            (0.0, 0.0),
            (1.0, 0.0),
            (1.0, 0.4),
            (1.0, 0.5),
            (1.0, 0.4),
            (1.0, 0.5),
            (1.0, 1.0),
            (0.0, 1.0),
            (0.0, 0.0),
        ]);
        let s = split_at_repeats(&r);
        assert_eq!(s.pieces.len(), 1);
        assert_eq!(s.pieces[0].positions, vec![0, 1, 2, 5, 6, 7]);
        assert_eq!(s.spikes, vec![(2, 4)]);
        assert!(s.pinches.is_empty());
        // A spike at the start: the ring begins at its tip.
        let r = ring(&[
            (2.0, 0.5),
            (1.0, 0.5),
            (1.0, 1.0),
            (0.0, 1.0),
            (0.0, 0.0),
            (1.0, 0.0),
            (1.0, 0.5),
            (2.0, 0.5),
        ]);
        let s = split_at_repeats(&r);
        assert_eq!(s.pieces.len(), 1);
        assert_eq!(s.pieces[0].positions, vec![1, 2, 3, 4, 5]);
        assert_eq!(s.spikes, vec![(1, 6)]);
        assert!(s.pinches.is_empty());
    }

    #[test]
    fn a_ring_that_touches_itself_splits_in_two() {
        // A figure eight through (1, 1).
        let r = ring(&[
            (0.0, 0.0),
            (1.0, 1.0),
            (2.0, 0.0),
            (2.0, 2.0),
            (1.0, 1.0),
            (0.0, 2.0),
            (0.0, 0.0),
        ]);
        let s = split_at_repeats(&r);
        assert_eq!(s.pieces.len(), 2);
        assert_eq!(s.pinches, vec![(1, 4)]);
        assert_eq!(s.pieces[0].positions, vec![1, 2, 3]);
        assert_eq!(s.pieces[1].positions, vec![0, 1, 5]);
        assert!(describe(&s).contains("touches itself (positions 1 and 4"));
    }

    #[test]
    fn the_flat_map_box_encloses_nothing_on_the_sphere() {
        let lls = |pts: &[(f64, f64)]| -> Vec<LatLng> {
            pts.iter()
                .map(|&(lng, lat)| LatLng::from_degrees(lat, lng))
                .collect()
        };
        let south = lls(&[
            (-180.0, -90.0),
            (180.0, -90.0),
            (180.0, -60.0),
            (-180.0, -60.0),
        ]);
        let map = planar_signed_area(&south);
        let cap = 2.0 * PI * (1.0 - (60f64).to_radians().sin());
        assert!((map - cap).abs() < 1e-12, "{map} {cap}");
        let pts: Vec<Point> = south.iter().map(LatLng::to_point).collect();
        let mut l = Loop::from_points(pts).expect("a valid sliver");
        l.normalize();
        let (sphere, m) = flat_map_only(&south, &l).expect("flagged");
        assert!(sphere < 1e-12 && (m - cap).abs() < 1e-12);
        // A 1° square, and a small square across the antimeridian: fine.
        for pts in [
            lls(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]),
            lls(&[
                (179.9999, 0.0),
                (-179.9999, 0.0),
                (-179.9999, 0.0002),
                (179.9999, 0.0002),
            ]),
        ] {
            let mut l = Loop::from_points(pts.iter().map(LatLng::to_point).collect()).unwrap();
            l.normalize();
            assert_eq!(flat_map_only(&pts, &l), None);
        }
        // Clockwise on the map: negative.
        let cw = lls(&[(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)]);
        assert!(planar_signed_area(&cw) < 0.0);
    }
}
