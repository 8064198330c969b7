//! The one place the package calls the library's per-cell kernels
//! (lat/lng -> ids, ids -> tokens, parents, centers, cell polygons). When
//! the runtime-dispatched SIMD batch kernels of `s2cells::cell` land, or
//! the library gains its own cell-polygon function, only this file
//! changes.

use s2cells::cell::latlngs_to_cell_ids;
use s2cells::{Cell, CellId, LatLng, Point};

/// Leaf-or-`level` cells of lat/lng pairs in degrees; an invalid pair
/// (NaN, |lat| > 90, |lng| > 180) gives [`CellId::NONE`]. The slices have
/// one length (the caller cuts them so) and `level <= 30`.
pub fn cell_ids(lats: &[f64], lngs: &[f64], level: u8, out: &mut [u64]) {
    // CellId is a transparent u64 in spirit but not by type: convert via a
    // small stack buffer so the batch kernel writes CellIds.
    const STEP: usize = 512;
    let mut buf = [CellId::NONE; STEP];
    for ((lat, lng), out) in lats
        .chunks(STEP)
        .zip(lngs.chunks(STEP))
        .zip(out.chunks_mut(STEP))
    {
        let b = &mut buf[..lat.len()];
        if latlngs_to_cell_ids(lat, lng, level, b).is_err() {
            // Unequal lengths or a bad level: callers rule both out; fill
            // NONE so the rows read as invalid rather than stale.
            b.fill(CellId::NONE);
        }
        for (o, c) in out.iter_mut().zip(b.iter()) {
            *o = c.id();
        }
    }
}

/// The token of a valid cell id, written into `buf`; returns its length.
#[inline]
pub fn token(id: CellId, buf: &mut [u8; 16]) -> usize {
    let (bytes, len) = id.token_bytes();
    *buf = bytes;
    len
}

/// The parent of a valid id at a level no deeper than its own.
#[inline]
pub fn parent(id: CellId, level: u8) -> CellId {
    id.parent(level)
}

/// The center of a valid cell, (lat, lng) in degrees: Google's
/// `S2CellId::ToLatLng`.
#[inline]
pub fn center(id: CellId) -> (f64, f64) {
    let ll = id.to_latlng();
    (ll.lat_degrees(), ll.lng_degrees())
}

/// A cell's outline for maps and GIS as [lng, lat] rings in degrees (the
/// CLI's `cover --format geojson` polygons): its vertices, with points
/// along the edges of cells coarser than level 6 (whose great-circle edges
/// bow away from straight lon/lat lines), cut in two where it crosses
/// ±180°, and the two polar faces closed over their pole. One ring for a
/// polygon, two for a multipolygon. Until the library has this function
/// (issue 16 moves the CLI's into it), it lives here.
pub fn cell_rings(id: CellId) -> Vec<Vec<[f64; 2]>> {
    let cell = Cell::from(id);
    let per_edge = 1usize << 6u8.saturating_sub(id.level()).min(6);
    let mut ring: Vec<[f64; 2]> = Vec::with_capacity(4 * per_edge + 1);
    for k in 0..4 {
        let (a, b) = (cell.vertex(k), cell.vertex((k + 1) % 4));
        for s in 0..per_edge {
            let f = s as f64 / per_edge as f64;
            let p = Point::new(
                a.x + f * (b.x - a.x),
                a.y + f * (b.y - a.y),
                a.z + f * (b.z - a.z),
            )
            .normalize();
            let ll = LatLng::from(p);
            ring.push([ll.lng_degrees(), ll.lat_degrees()]);
        }
    }
    if id.level() == 0 && (id.face() == 2 || id.face() == 5) {
        return vec![polar_face(&ring, id.face() == 2)];
    }
    for k in 1..ring.len() {
        let d = ring[k][0] - ring[k - 1][0];
        if d > 180.0 {
            ring[k][0] -= 360.0;
        } else if d < -180.0 {
            ring[k][0] += 360.0;
        }
    }
    let (lo, hi) = ring
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), p| (l.min(p[0]), h.max(p[0])));
    if lo >= -180.0 && hi <= 180.0 {
        return vec![closed(ring)];
    }
    let (cut, shift) = if hi > 180.0 {
        (180.0, -360.0)
    } else {
        (-180.0, 360.0)
    };
    let stays = clip(&ring, cut, cut > 0.0);
    let moves: Vec<[f64; 2]> = clip(&ring, cut, cut < 0.0)
        .into_iter()
        .map(|p| [p[0] + shift, p[1]])
        .collect();
    vec![closed(stays), closed(moves)]
}

fn polar_face(ring: &[[f64; 2]], north: bool) -> Vec<[f64; 2]> {
    let pole = if north { 90.0 } else { -90.0 };
    let mut pts = ring.to_vec();
    pts.sort_by(|a, b| a[0].total_cmp(&b[0]));
    if !north {
        pts.reverse();
    }
    let (first, last) = (pts[0], pts[pts.len() - 1]);
    let (w, e) = if north {
        (-180.0, 180.0)
    } else {
        (180.0, -180.0)
    };
    let mut out = vec![[w, first[1]]];
    out.extend(pts);
    out.push([e, last[1]]);
    out.push([e, pole]);
    out.push([w, pole]);
    closed(out)
}

fn clip(ring: &[[f64; 2]], lng: f64, keep_below: bool) -> Vec<[f64; 2]> {
    let inside = |p: &[f64; 2]| if keep_below { p[0] <= lng } else { p[0] >= lng };
    let mut out = Vec::new();
    for k in 0..ring.len() {
        let (a, b) = (ring[k], ring[(k + 1) % ring.len()]);
        if inside(&a) {
            out.push(a);
        }
        if inside(&a) != inside(&b) {
            let t = (lng - a[0]) / (b[0] - a[0]);
            out.push([lng, a[1] + t * (b[1] - a[1])]);
        }
    }
    out
}

fn closed(mut ring: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    if let Some(&first) = ring.first() {
        ring.push(first);
    }
    ring
}
