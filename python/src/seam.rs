//! The one place the package calls the library's per-cell kernels
//! (lat/lng -> ids, ids -> tokens, parents, centers, cell polygons).
//! Columns go through the batch kernels of `s2cells::cell`, dispatched at
//! run time to AVX-512, AVX2 or the scalar path (`S2CELLS_ISA` caps it);
//! rows that callers hand one at a time go through the one-row methods,
//! which are those kernels' scalar reference (same bits on every path).

use s2cells::CellId;
use s2cells::cell::latlngs_to_cell_ids;

/// Leaf-or-`level` cells of lat/lng pairs in degrees; an invalid pair
/// (NaN, |lat| > 90, |lng| > 180) gives [`CellId::NONE`] (0). The slices
/// have one length (the caller cuts them so) and `level <= 30`. The
/// dispatched batch kernel writes the ids straight into `out`.
pub fn cell_ids(lats: &[f64], lngs: &[f64], level: u8, out: &mut [u64]) {
    if latlngs_to_cell_ids(lats, lngs, level, out).is_err() {
        // Unequal lengths or a bad level: callers rule both out; fill
        // NONE so the rows read as invalid rather than stale.
        out.fill(CellId::NONE.id());
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
/// CLI's `cover --format geojson` polygons): the library's
/// `io::cell_polygons`, closed rings, one for a polygon, two for a
/// multipolygon cut at ±180°, the polar faces closed over their pole.
pub fn cell_rings(id: CellId) -> Vec<Vec<[f64; 2]>> {
    s2cells::io::cell_polygons(id)
}
