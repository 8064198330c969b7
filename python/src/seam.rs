//! The one place the package calls the library's cell kernels
//! (lat/lng -> ids, ids -> tokens, parents, containment, centers; cell
//! polygons are the library's `io::cell_wkb`, `cell_geojson` and
//! `cell_wkt`). Columns go through the batch kernels of `s2cells::cell`,
//! dispatched at run time to AVX-512, AVX2 or the scalar path
//! (`S2CELLS_ISA` caps it): each function here takes one piece of a
//! column. An invalid row gives the kernel's `NONE` form (id 0, the token
//! `"X"`, NaN, false) and is counted in the returned [`InvalidInputs`];
//! the caller finds out why from the one-row methods, which are those
//! kernels' scalar reference (same bits on every path).
//!
//! The kernels fail only on arguments the callers rule out (slices of
//! different lengths, a level above 30); should one fail anyway, the
//! functions here compute the piece row by row with the one-row methods
//! rather than leave stale output.

use s2cells::CellId;
use s2cells::cell::{
    InvalidInputs, cell_ids_contain, cell_ids_to_centers, cell_ids_to_parents, cell_ids_to_tokens,
    latlngs_to_cell_ids,
};

/// Every row of a piece of `n`, for a caller to look at one by one.
fn all_rows(n: usize) -> InvalidInputs {
    InvalidInputs {
        count: n,
        first: (n > 0).then_some(0),
    }
}

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

/// The ancestors at `level` (at most 30) of `ids`, into `out` (as long):
/// 0 for an invalid id or one coarser than `level`.
pub fn parents(ids: &[u64], level: u8, out: &mut [u64]) -> InvalidInputs {
    cell_ids_to_parents(ids, level, out).unwrap_or_else(|_| {
        for (o, &x) in out.iter_mut().zip(ids) {
            *o = CellId::try_from(x)
                .ok()
                .filter(|c| c.level() >= level)
                .map_or(0, |c| c.parent(level).id());
        }
        all_rows(ids.len())
    })
}

/// Whether each `a[k]` contains `b[k]` (slices of one length), into
/// `out`: false where either is invalid.
pub fn contain(a: &[u64], b: &[u64], out: &mut [bool]) -> InvalidInputs {
    cell_ids_contain(a, b, out).unwrap_or_else(|_| {
        for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
            *o = matches!((CellId::try_from(x), CellId::try_from(y)), (Ok(p), Ok(q)) if p.contains(q));
        }
        all_rows(a.len())
    })
}

/// The tokens of `ids` back to back in `bytes` (16 per id), token k at
/// `bytes[offsets[k]..offsets[k + 1]]` (`offsets` holds one more than
/// `ids`); `"X"` for an invalid id.
pub fn tokens(ids: &[u64], bytes: &mut [u8], offsets: &mut [usize]) -> InvalidInputs {
    cell_ids_to_tokens(ids, bytes, offsets).unwrap_or_else(|_| {
        let mut end = 0;
        offsets[0] = 0;
        for (k, &x) in ids.iter().enumerate() {
            let (t, n) = CellId::try_from(x).unwrap_or(CellId::NONE).token_bytes();
            bytes[end..end + n].copy_from_slice(&t[..n]);
            end += n;
            offsets[k + 1] = end;
        }
        all_rows(ids.len())
    })
}

/// The centers of `ids` (Google's `S2CellId::ToLatLng`) in degrees, into
/// `lats` and `lngs` (as long): NaN for an invalid id.
pub fn centers(ids: &[u64], lats: &mut [f64], lngs: &mut [f64]) -> InvalidInputs {
    cell_ids_to_centers(ids, lats, lngs).unwrap_or_else(|_| {
        for ((la, ln), &x) in lats.iter_mut().zip(lngs.iter_mut()).zip(ids) {
            let ll = CellId::try_from(x).map(|c| c.to_latlng());
            (*la, *ln) = ll.map_or((f64::NAN, f64::NAN), |l| (l.lat_degrees(), l.lng_degrees()));
        }
        all_rows(ids.len())
    })
}

/// The parent of a valid id at a level no deeper than its own (the
/// per-row path, for levels counted up from each cell's own).
#[inline]
pub fn parent(id: CellId, level: u8) -> CellId {
    id.parent(level)
}
