//! Many points to cell ids at once.

use super::CellError as Error;
use super::fast::{LANES, lanes_to_face_ij};
use super::{CellId, MAX_LEVEL};
use crate::LatLng;

/// Converts lat/lng pairs in degrees to the cells at `level` that contain
/// them, writing `out[k]` for `(lats_deg[k], lngs_deg[k])`. The ids equal
/// [`CellId::from_latlng`]`(..).parent(level)` for every input.
///
/// An invalid pair (non-finite, |lat| > 90, |lng| > 180) is written as
/// [`CellId::NONE`]; the return value is how many there were, so a caller
/// can stop or report them. The three slices must have the same length
/// and `level` must be at most 30, or nothing is written and the error
/// says which.
///
/// ```
/// use s2cells::{cell::latlngs_to_cell_ids, CellId, LatLng};
///
/// let lats = [-30.0438, 47.0, f64::NAN];
/// let lngs = [-51.14022, -122.0, 0.0];
/// let mut out = [CellId::NONE; 3];
/// let invalid = latlngs_to_cell_ids(&lats, &lngs, 15, &mut out).unwrap();
/// assert_eq!(invalid, 1);
/// assert_eq!(out[0].to_token(), "951977d34");
/// assert_eq!(out[1], CellId::from_latlng(LatLng::from_degrees(47.0, -122.0)).parent(15));
/// assert_eq!(out[2], CellId::NONE);
/// ```
pub fn latlngs_to_cell_ids(
    lats_deg: &[f64],
    lngs_deg: &[f64],
    level: u8,
    out: &mut [CellId],
) -> Result<usize, Error> {
    if level > MAX_LEVEL {
        return Err(Error::InvalidLevel {
            level: i64::from(level),
            expected: "0..=30",
        });
    }
    if lats_deg.len() != lngs_deg.len() || lats_deg.len() != out.len() {
        return Err(Error::LengthMismatch {
            lats: lats_deg.len(),
            lngs: lngs_deg.len(),
            out: out.len(),
        });
    }
    let mut invalid = 0;
    let mut lat_chunks = lats_deg.chunks_exact(LANES);
    let mut lng_chunks = lngs_deg.chunks_exact(LANES);
    let mut out_chunks = out.chunks_exact_mut(LANES);
    for ((lat, lng), out) in (&mut lat_chunks).zip(&mut lng_chunks).zip(&mut out_chunks) {
        let lat: &[f64; LANES] = lat.try_into().unwrap_or(&[0.0; LANES]);
        let lng: &[f64; LANES] = lng.try_into().unwrap_or(&[0.0; LANES]);
        let (mut face, mut i, mut j) = ([0u32; LANES], [0u32; LANES], [0u32; LANES]);
        let mut ok = [false; LANES];
        lanes_to_face_ij(lat, lng, &mut face, &mut i, &mut j, &mut ok);
        let fast = CellId::from_face_ij_lanes(&face, &i, &j);
        for k in 0..LANES {
            let leaf = if ok[k] {
                fast[k]
            } else {
                CellId::from_latlng(LatLng::from_degrees(lat[k], lng[k]))
            };
            invalid += usize::from(leaf == CellId::NONE);
            out[k] = if leaf == CellId::NONE {
                leaf
            } else {
                leaf.parent_unchecked(level)
            };
        }
    }
    let rest = lat_chunks
        .remainder()
        .iter()
        .zip(lng_chunks.remainder())
        .zip(out_chunks.into_remainder());
    for ((&lat, &lng), slot) in rest {
        let leaf = CellId::from_latlng(LatLng::from_degrees(lat, lng));
        invalid += usize::from(leaf == CellId::NONE);
        *slot = if leaf == CellId::NONE {
            leaf
        } else {
            leaf.parent_unchecked(level)
        };
    }
    Ok(invalid)
}
