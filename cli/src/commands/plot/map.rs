//! Where things go on the map: outlines and cell boundaries in degrees
//! (x = longitude, y = latitude), longitudes made continuous and moved
//! around the map's centre, rings around a pole closed along it, and on
//! a world-wide map the parts of each within the one turn shown.

use std::f64::consts::PI;

use s2cells::io::{cell_boundary, clip_at_meridian, edge_points};
use s2cells::{CellId, LatLng, Point};

/// Points along great-circle edges, at most 0.25° apart.
pub(super) fn densify(v: &[Point], closed: bool) -> Vec<LatLng> {
    let n = v.len();
    let edges = if closed { n } else { n.saturating_sub(1) };
    let mut out = Vec::with_capacity(n);
    for k in 0..edges {
        let (a, b) = (v[k], v[(k + 1) % n]);
        let pieces = (a.angle(&b) / 0.25f64.to_radians())
            .ceil()
            .clamp(1.0, 512.0) as usize;
        out.extend(edge_points(&a, &b, pieces).map(LatLng::from));
    }
    if !closed && let Some(&last) = v.last() {
        out.push(LatLng::from(last));
    }
    out
}

/// A cell's boundary, with points along the edges of coarse cells (down
/// to one level finer than `cover --format geojson` has them: a picture
/// shows curves a GeoJSON viewer would not).
pub(super) fn cell_ring(id: CellId) -> Vec<(f64, f64)> {
    let per_edge = 1usize << 7u8.saturating_sub(id.level()).min(6);
    cell_boundary(id, per_edge)
        .iter()
        .map(|ll| (ll.lng_degrees(), ll.lat_degrees()))
        .collect()
}

/// The circle bounding a cap.
pub(super) fn cap_ring(c: Point, radius: f64) -> Vec<LatLng> {
    let axis = if c.x.abs() < 0.6 {
        Point::new(1.0, 0.0, 0.0)
    } else {
        Point::new(0.0, 1.0, 0.0)
    };
    let u = c.cross(&axis).normalize();
    let v = c.cross(&u);
    let r = radius.min(PI);
    (0..360)
        .map(|k| {
            let t = (k as f64).to_radians();
            let d = u * t.cos() + v * t.sin();
            LatLng::from((c * r.cos() + d * r.sin()).normalize())
        })
        .collect()
}

/// A path or ring placed on the map.
pub(super) struct Placed {
    /// Map points. For a ring around a pole: the boundary from its first
    /// point over one turn of longitude back to that point (a turn on),
    /// then two points on the pole's latitude that close it as a polygon.
    pub pts: Vec<(f64, f64)>,
    /// Whether the ring winds around a pole.
    pub polar: bool,
}

impl Placed {
    /// The points that trace the true boundary, as one open path: a
    /// ring's closed back to its start, a polar ring's without the stretch
    /// along the pole.
    pub fn boundary(&self, ring: bool) -> Vec<(f64, f64)> {
        let mut path = self.pts.clone();
        if self.polar {
            path.truncate(path.len().saturating_sub(2));
        } else if ring && path.len() > 2 {
            path.push(path[0]);
        }
        path
    }
}

/// Longitudes made continuous along the path (in its order) and shifted
/// by a multiple of 360° to lie around `centre`; a ring that winds around
/// a pole is closed along that pole's latitude.
pub(super) fn place(mut pts: Vec<(f64, f64)>, centre: f64, ring: bool) -> Placed {
    if pts.is_empty() {
        return Placed { pts, polar: false };
    }
    // A vertex at a pole has no longitude of its own: it becomes the
    // pole's stretch between its neighbours' longitudes.
    if pts.len() > 1 && pts.iter().any(|p| p.1.abs() > 90.0 - 1e-9) {
        let n = pts.len();
        let mut out = Vec::with_capacity(n + 4);
        for k in 0..n {
            let p = pts[k];
            if p.1.abs() > 90.0 - 1e-9 {
                let prev = if k > 0 || ring {
                    pts[(k + n - 1) % n].0
                } else {
                    pts[(k + 1) % n].0
                };
                let next = if k + 1 < n || ring {
                    pts[(k + 1) % n].0
                } else {
                    prev
                };
                out.push((prev, p.1));
                out.push((next, p.1));
            } else {
                out.push(p);
            }
        }
        pts = out;
    }
    for k in 1..pts.len() {
        let d = pts[k].0 - pts[k - 1].0;
        pts[k].0 -= 360.0 * (d / 360.0).round();
    }
    if ring {
        let (first, last) = (pts[0], pts[pts.len() - 1]);
        let mut closing = first.0 - last.0;
        closing -= 360.0 * (closing / 360.0).round();
        let drift = last.0 + closing - first.0;
        if drift.abs() > 180.0 {
            // Winds around a pole (the one on the side of its mean
            // latitude): the boundary in its own order, ending where it
            // started a turn on, then along the pole back above the
            // start. Sorting the points by longitude instead (as this
            // did) drew any coast that doubles back in longitude
            // (Antarctica's peninsula and ice shelves) as spikes.
            let mean = pts.iter().map(|p| p.1).sum::<f64>() / pts.len() as f64;
            let pole = if mean >= 0.0 { 90.0 } else { -90.0 };
            let end = (first.0 + drift, first.1);
            pts.extend([end, (end.0, pole), (first.0, pole)]);
            return Placed {
                pts: shifted(pts, centre),
                polar: true,
            };
        }
    }
    Placed {
        pts: shifted(pts, centre),
        polar: false,
    }
}

/// The points moved by the multiple of 360° that brings them nearest
/// `centre`.
pub(super) fn shifted(mut pts: Vec<(f64, f64)>, centre: f64) -> Vec<(f64, f64)> {
    let (lo, hi) = pts
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), p| (l.min(p.0), h.max(p.0)));
    let mid = 0.5 * (lo + hi);
    let shift = 360.0 * ((centre - mid) / 360.0).round();
    for p in &mut pts {
        p.0 += shift;
    }
    pts
}

/// A ring as drawn: its part within the longitudes `xs`, and on a
/// world-wide map (`xs` one turn) also its parts past them moved by ±360°.
/// (plotters does not clip to the plot: a cell past the map's edge was
/// drawn over the margins.)
pub(super) fn pieces(ring: &[(f64, f64)], world: bool, xs: (f64, f64)) -> Vec<Vec<(f64, f64)>> {
    if ring.len() < 3 {
        return vec![];
    }
    let shifts: &[f64] = if world { &[-360.0, 0.0, 360.0] } else { &[0.0] };
    let whole = area2(ring).abs();
    let mut out = Vec::new();
    for &shift in shifts {
        let moved: Vec<[f64; 2]> = ring.iter().map(|p| [p.0 + shift, p.1]).collect();
        let part: Vec<(f64, f64)> =
            clip_at_meridian(&clip_at_meridian(&moved, xs.0, false), xs.1, true)
                .into_iter()
                .map(|[x, y]| (x, y))
                .collect();
        // A part that only touches the edge has no area; as a path it
        // would double back on itself.
        if part.len() >= 3 && area2(&part).abs() > 1e-9 * whole {
            out.push(part);
        }
    }
    out
}

/// Twice the signed area of a ring, from its first point (so a leaf
/// cell's 1e-14 square degrees do not vanish in the rounding of products
/// of whole longitudes and latitudes).
fn area2(ring: &[(f64, f64)]) -> f64 {
    let o = ring[0];
    (1..ring.len().saturating_sub(1))
        .map(|k| {
            let (a, b) = (ring[k], ring[k + 1]);
            (a.0 - o.0) * (b.1 - o.1) - (b.0 - o.0) * (a.1 - o.1)
        })
        .sum()
}

/// The parts of an open path within the turn of longitude `xs` on a
/// world-wide map, moved by ±360° where they lie past it, each cut where
/// it crosses the edge; the path whole otherwise. plotters does not clip
/// paths to the plot: a part past the edge was drawn over the margins.
pub(super) fn path_pieces(
    path: &[(f64, f64)],
    world: bool,
    xs: (f64, f64),
) -> Vec<Vec<(f64, f64)>> {
    if !world || path.len() < 2 {
        return if path.len() < 2 {
            vec![]
        } else {
            vec![path.to_vec()]
        };
    }
    let mut out = Vec::new();
    for shift in [-360.0, 0.0, 360.0] {
        let moved: Vec<(f64, f64)> = path.iter().map(|p| (p.0 + shift, p.1)).collect();
        out.extend(clip_path_x(&moved, xs.0, xs.1));
    }
    out
}

/// The runs of a path between the meridians `lo` and `hi`.
fn clip_path_x(path: &[(f64, f64)], lo: f64, hi: f64) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut run: Vec<(f64, f64)> = Vec::new();
    let mut end_run = |run: &mut Vec<(f64, f64)>| {
        if run.len() >= 2 {
            runs.push(std::mem::take(run));
        }
        run.clear();
    };
    if let Some(&p) = path.first()
        && (lo..=hi).contains(&p.0)
    {
        run.push(p);
    }
    for w in path.windows(2) {
        let (a, b) = (w[0], w[1]);
        let dx = b.0 - a.0;
        // The part of the segment a→b (a + t (b - a), t in [t0, t1])
        // between the meridians.
        let (t0, t1) = if dx == 0.0 {
            if (lo..=hi).contains(&a.0) {
                (0.0, 1.0)
            } else {
                (1.0, 0.0)
            }
        } else {
            let (ta, tb) = ((lo - a.0) / dx, (hi - a.0) / dx);
            (ta.min(tb).max(0.0), ta.max(tb).min(1.0))
        };
        if t0 > t1 {
            end_run(&mut run);
            continue;
        }
        let at = |t: f64| {
            if t == 0.0 {
                a
            } else if t == 1.0 {
                b
            } else {
                (a.0 + t * dx, a.1 + t * (b.1 - a.1))
            }
        };
        if t0 > 0.0 || run.is_empty() {
            end_run(&mut run);
            run.push(at(t0));
        }
        run.push(at(t1));
        if t1 < 1.0 {
            end_run(&mut run);
        }
    }
    end_run(&mut run);
    runs
}
