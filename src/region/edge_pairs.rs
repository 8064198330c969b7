//! The pairs of edges that might touch, found without testing all n²
//! pairs: a sort-and-sweep over conservative 3-D boxes of the edges.
//!
//! Validation of loops and polygons needs every pair of edges that cross or
//! share a vertex. Each great-circle edge lies in the box of its two end
//! points grown by its sagitta (the arc bulges out of the chord by at most
//! `1 - cos(θ/2) <= chord²/4`), plus a rounding margin; two edges can only
//! touch if their boxes overlap. Sorting the boxes along the axis where the
//! vertices spread most and sweeping leaves, for rings of short edges, a
//! handful of boxes to look at and one candidate pair per edge. A jagged
//! ring whose edges are long along the sweep axis keeps many boxes active
//! at once, and there the work grows as n² with a small constant (about
//! n²/31 boxes looked at and n²/310 candidate pairs for a radial zig-zag
//! star, against n²/2 pairs for the test of all pairs; see
//! `sweep_work_is_counted`).

use crate::Point;

/// An axis-aligned box in 3-D.
#[derive(Clone, Copy, Debug)]
struct Box3 {
    lo: [f64; 3],
    hi: [f64; 3],
}

fn edge_box(a: &Point, b: &Point) -> Box3 {
    let chord2 = (*a - *b).norm2();
    // Sagitta bound plus room for the rounding of the inputs' products.
    let pad = 0.25 * chord2 + 1e-14;
    let (a, b) = ([a.x, a.y, a.z], [b.x, b.y, b.z]);
    let mut r = Box3 {
        lo: [0.0; 3],
        hi: [0.0; 3],
    };
    for k in 0..3 {
        r.lo[k] = a[k].min(b[k]) - pad;
        r.hi[k] = a[k].max(b[k]) + pad;
    }
    r
}

/// Calls `visit(i, j)` (with `i < j`) for every pair of edges whose boxes
/// overlap, in no particular order, until `visit` returns false. Edge `i`
/// is `edges[i]`. Returns false if stopped early.
pub(crate) fn visit_candidate_pairs(
    edges: &[(Point, Point)],
    mut visit: impl FnMut(usize, usize) -> bool,
) -> bool {
    let n = edges.len();
    if n < 2 {
        return true;
    }
    let boxes: Vec<Box3> = edges.iter().map(|(a, b)| edge_box(a, b)).collect();
    // Sweep along the axis with the widest spread of box centers.
    let mut axis = 0;
    let mut best = -1.0;
    for k in 0..3 {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for b in &boxes {
            let c = 0.5 * (b.lo[k] + b.hi[k]);
            lo = lo.min(c);
            hi = hi.max(c);
        }
        if hi - lo > best {
            best = hi - lo;
            axis = k;
        }
    }
    let (o1, o2) = ((axis + 1) % 3, (axis + 2) % 3);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| boxes[i].lo[axis].total_cmp(&boxes[j].lo[axis]));
    let mut active: Vec<usize> = Vec::new();
    for &i in &order {
        let bi = boxes[i];
        // The sweep's work: each step looks at every active box once.
        #[cfg(test)]
        tests::ACTIVE_SEEN.with(|c| c.set(c.get() + active.len()));
        active.retain(|&j| boxes[j].hi[axis] >= bi.lo[axis]);
        for &j in &active {
            let bj = boxes[j];
            if bj.lo[o1] <= bi.hi[o1]
                && bi.lo[o1] <= bj.hi[o1]
                && bj.lo[o2] <= bi.hi[o2]
                && bi.lo[o2] <= bj.hi[o2]
            {
                let (x, y) = if i < j { (i, j) } else { (j, i) };
                if !visit(x, y) {
                    return false;
                }
            }
        }
        active.push(i);
    }
    true
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::LatLng;

    thread_local! {
        /// Active boxes looked at by the sweep on this thread: its work.
        pub(super) static ACTIVE_SEEN: Cell<usize> = const { Cell::new(0) };
    }

    /// The sweep's work on `edges`: active boxes looked at, and pairs.
    fn work(edges: &[(Point, Point)]) -> (usize, usize) {
        ACTIVE_SEEN.with(|c| c.set(0));
        let mut pairs = 0;
        visit_candidate_pairs(edges, |_, _| {
            pairs += 1;
            true
        });
        (ACTIVE_SEEN.with(Cell::get), pairs)
    }

    #[test]
    fn finds_all_touching_pairs_of_a_ring() {
        let n = 200;
        let v: Vec<Point> = (0..n)
            .map(|i| LatLng::from_degrees(10.0, 360.0 * f64::from(i) / f64::from(n)).to_point())
            .collect();
        let edges: Vec<(Point, Point)> = (0..n as usize)
            .map(|i| (v[i], v[(i + 1) % n as usize]))
            .collect();
        let mut pairs = Vec::new();
        visit_candidate_pairs(&edges, |i, j| {
            pairs.push((i, j));
            true
        });
        // Every adjacent pair is a candidate; far pairs are not.
        for i in 0..n as usize {
            let j = (i + 1) % n as usize;
            assert!(pairs.contains(&(i.min(j), i.max(j))));
        }
        assert!(pairs.len() < 6 * n as usize);
    }

    /// A star of `n` vertices around (40, -100), 0.3 radians out less a
    /// jitter of up to a quarter (the loop that `tests/properties_polygon.rs`
    /// validates).
    fn star_edges(n: u32) -> Vec<(Point, Point)> {
        let c = LatLng::from_degrees(40.0, -100.0).to_point();
        let axis = if c.z.abs() < 0.9 {
            Point::new(0.0, 0.0, 1.0)
        } else {
            Point::new(1.0, 0.0, 0.0)
        };
        let e = axis.cross(&c).normalize();
        let north = c.cross(&e);
        let v: Vec<Point> = (0..n)
            .map(|i| {
                let t = std::f64::consts::TAU * f64::from(i) / f64::from(n);
                let jitter = f64::from((i * 7919) % 100) / 200.0;
                let r = 0.3 * (1.0 - 0.5 * jitter);
                (c * r.cos() + (e * t.cos() + north * t.sin()) * r.sin()).normalize()
            })
            .collect();
        let n = v.len();
        (0..n).map(|i| (v[i], v[(i + 1) % n])).collect()
    }

    /// A ring of `n` vertices on the parallel at 10°.
    fn ring_edges(n: u32) -> Vec<(Point, Point)> {
        let v: Vec<Point> = (0..n)
            .map(|i| LatLng::from_degrees(10.0, 360.0 * f64::from(i) / f64::from(n)).to_point())
            .collect();
        let n = v.len();
        (0..n).map(|i| (v[i], v[(i + 1) % n])).collect()
    }

    /// The sweep's work, counted rather than timed (a bound that holds on
    /// any machine, however loaded). On a ring of short edges it is linear:
    /// a few boxes looked at and one candidate pair per edge, doubling with
    /// the size. On a jagged star, whose edges run radially, the boxes at
    /// the two ends of the sweep axis overlap by the thousand and the work
    /// grows as n²: measured 3.2e6 boxes and 3.2e5 pairs at 10,000 edges,
    /// 1.26e7 and 1.29e6 at 20,000, about 1/31 and 1/310 of n², against
    /// n²/2 pairs for the plain test of all pairs. The bounds below hold
    /// that constant factor.
    #[test]
    fn sweep_work_is_counted() {
        for n in [10_000, 20_000] {
            let (seen, pairs) = work(&ring_edges(n));
            let n = n as usize;
            assert!(
                seen < 5 * n && pairs <= 2 * n,
                "ring of {n}: {seen} boxes, {pairs} pairs"
            );
            let (seen, pairs) = work(&star_edges(n as u32));
            assert!(
                seen < n * n / 20 && pairs < n * n / 200,
                "star of {n}: {seen} boxes looked at, {pairs} pairs"
            );
        }
    }
}
