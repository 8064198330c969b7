//! Where a cell lies on its face: the face, the leaf coordinates (i, j)
//! and the curve's orientation there, and from them the cell's center and
//! bounds in the coordinate systems of [`geom::coords`](crate::geom::coords).

use super::cell_id::CellId;
use super::hilbert::{INVERT_MASK, SWAP_MASK, decode_bitwise};
use crate::geom::coords::{MAX_LEVEL, face_si_ti_to_xyz, ij_to_st_min, si_ti_to_st, st_to_uv};
use crate::{LatLng, Point};

/// A cell's face, leaf coordinates and Hilbert-curve orientation, as
/// [`CellId::to_face_ij_orientation`] gives them (Google's
/// `ToFaceIJOrientation` returns the face and writes the other three
/// through pointers).
///
/// ```
/// use s2cells::cell::FaceIjOrientation;
/// use s2cells::CellId;
///
/// let at = CellId::from_face_ij(2, 7, 9).to_face_ij_orientation();
/// assert_eq!((at.face, at.i, at.j), (2, 7, 9));
/// assert_eq!(CellId::from_face_ij(at.face, at.i, at.j), CellId::from_face_ij(2, 7, 9));
/// // Face 2 starts unswapped; so does its first leaf.
/// assert_eq!(CellId::from_face(2).child_begin_at(30).to_face_ij_orientation().orientation, 0);
/// # let _ = FaceIjOrientation::SWAP;
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FaceIjOrientation {
    /// The cube face, 0..=5 for a valid cell.
    pub face: u8,
    /// The leaf column, `0..2³⁰`: for a cell above the leaves, that of a
    /// leaf inside it next to its center.
    pub i: u32,
    /// The leaf row, `0..2³⁰`, like `i`.
    pub j: u32,
    /// The curve's orientation in the cell: [`SWAP`](Self::SWAP) (the i
    /// and j axes exchanged) and [`INVERT`](Self::INVERT) (the curve run
    /// backwards) combined by bitwise or, `0..=3`.
    pub orientation: u8,
}

impl FaceIjOrientation {
    /// Orientation bit: the curve's i and j axes are exchanged.
    pub const SWAP: u8 = SWAP_MASK;
    /// Orientation bit: the curve runs in the inverted direction.
    pub const INVERT: u8 = INVERT_MASK;
}

impl CellId {
    /// The face, the leaf coordinates (i, j) and the Hilbert-curve
    /// orientation of the cell (Google's `ToFaceIJOrientation`). For a
    /// non-leaf cell, (i, j) are those of a leaf inside it, next to its
    /// center.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let at = CellId::from_face_ij(2, 7, 9).to_face_ij_orientation();
    /// assert_eq!((at.face, at.i, at.j), (2, 7, 9));
    /// ```
    #[must_use]
    #[inline]
    pub fn to_face_ij_orientation(&self) -> FaceIjOrientation {
        let (i, j, mut orientation) = decode_bitwise(self.0);
        // A non-leaf cell's position ends in "10", then "00" pairs, each of
        // which flips the swap bit: an odd count when lsb is at bit 4, 8, …
        if self.lsb() & 0x1111_1111_1111_1110 != 0 {
            orientation ^= SWAP_MASK;
        }
        FaceIjOrientation {
            face: self.face(),
            i,
            j,
            orientation,
        }
    }

    /// The face and (si, ti) of the cell center, in half-leaf units
    /// (Google's `GetCenterSiTi`).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(4).center_si_ti(), (4, 1 << 30, 1 << 30));
    /// ```
    #[must_use]
    #[inline]
    pub fn center_si_ti(&self) -> (u8, u32, u32) {
        let FaceIjOrientation { face, i, j, .. } = self.to_face_ij_orientation();
        // A leaf's center is half a leaf in; a larger cell's is on a leaf
        // corner, which bit 2 of the id tells apart from i's own low bit.
        // In bit operations: leaves and larger cells come mixed.
        let leaf = (self.0 & 1) as u32;
        let corner = ((i ^ ((self.0 as u32) >> 2)) & 1) << 1;
        let delta = leaf | (corner & leaf.wrapping_sub(1));
        (face, 2 * i + delta, 2 * j + delta)
    }

    /// The cell center, not normalized (Google's `ToPointRaw`).
    ///
    /// ```
    /// use s2cells::{CellId, Point};
    /// assert_eq!(CellId::from_face(0).to_point_raw(), Point::new(1.0, 0.0, 0.0));
    /// ```
    #[must_use]
    #[inline]
    pub fn to_point_raw(&self) -> Point {
        let (face, si, ti) = self.center_si_ti();
        face_si_ti_to_xyz(face, si, ti)
    }

    /// The cell center as a unit vector (Google's `ToPoint`).
    ///
    /// ```
    /// use s2cells::{CellId, Point};
    /// assert_eq!(CellId::from_face(2).to_point(), Point::new(0.0, 0.0, 1.0));
    /// ```
    #[must_use]
    #[inline]
    pub fn to_point(&self) -> Point {
        self.to_point_raw().normalize()
    }

    /// The cell center as a lat/lng (Google's `ToLatLng`).
    ///
    /// ```
    /// use s2cells::{CellId, LatLng};
    /// let ll = LatLng::from_degrees(-30.0438, -51.14022);
    /// let center = CellId::from_latlng(ll).to_latlng();
    /// assert!((center.lat_degrees() - ll.lat_degrees()).abs() < 1e-6);
    /// ```
    #[must_use]
    #[inline]
    pub fn to_latlng(&self) -> LatLng {
        LatLng::from(self.to_point_raw())
    }

    /// The cell center in (s, t) coordinates of its face.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(0).center_st(), (0.5, 0.5));
    /// ```
    #[must_use]
    pub fn center_st(&self) -> (f64, f64) {
        let (_, si, ti) = self.center_si_ti();
        (si_ti_to_st(si), si_ti_to_st(ti))
    }

    /// The cell center in (u, v) coordinates of its face.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(0).center_uv(), (0.0, 0.0));
    /// ```
    #[must_use]
    pub fn center_uv(&self) -> (f64, f64) {
        let (_, si, ti) = self.center_si_ti();
        (st_to_uv(si_ti_to_st(si)), st_to_uv(si_ti_to_st(ti)))
    }

    /// The edge length of cells at this level in (i, j) units, `2^(30 - level)`.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(0).child(0).size_ij(), 1 << 29);
    /// ```
    #[must_use]
    #[inline]
    pub const fn size_ij(&self) -> u32 {
        Self::size_ij_at(self.level())
    }

    #[inline]
    pub(crate) const fn size_ij_at(level: u8) -> u32 {
        1 << (MAX_LEVEL - level)
    }

    /// The edge length of cells at this level in (s, t) units.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(0).child(0).size_st(), 0.5);
    /// ```
    #[must_use]
    #[inline]
    pub fn size_st(&self) -> f64 {
        ij_to_st_min(self.size_ij())
    }

    /// The cell's bounds in (s, t): `[[s_lo, s_hi], [t_lo, t_hi]]`.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(1).child(0).bound_st(), [[0.0, 0.5], [0.0, 0.5]]);
    /// ```
    #[must_use]
    pub fn bound_st(&self) -> [[f64; 2]; 2] {
        let size = self.size_st();
        let (s, t) = self.center_st();
        [
            [s - 0.5 * size, s + 0.5 * size],
            [t - 0.5 * size, t + 0.5 * size],
        ]
    }

    /// The cell's bounds in (u, v): `[[u_lo, u_hi], [v_lo, v_hi]]`.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(1).bound_uv(), [[-1.0, 1.0], [-1.0, 1.0]]);
    /// ```
    #[must_use]
    pub fn bound_uv(&self) -> [[f64; 2]; 2] {
        let FaceIjOrientation { i, j, .. } = self.to_face_ij_orientation();
        ij_level_to_bound_uv(i, j, self.level())
    }
}

/// The (u,v) bounds of the cell at `level` containing leaf (i, j).
pub(crate) fn ij_level_to_bound_uv(i: u32, j: u32, level: u8) -> [[f64; 2]; 2] {
    let size = CellId::size_ij_at(level);
    let bound = |ij: u32| {
        let lo = ij & size.wrapping_neg();
        [
            st_to_uv(ij_to_st_min(lo)),
            st_to_uv(ij_to_st_min(lo + size)),
        ]
    };
    [bound(i), bound(j)]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The all-orientations decoder against the plain table walk (one
    /// orientation per lookup) on ids of every face and level.
    #[test]
    fn decode_matches_the_plain_table_walk() {
        use crate::cell::hilbert::{LOOKUP_BITS, LOOKUP_IJ};
        let plain = |id: CellId| {
            let (mut i, mut j) = (0u32, 0u32);
            let mut bits = u32::from(id.face() & SWAP_MASK);
            for k in (0..8u32).rev() {
                let nbits = if k == 7 { 2 } else { LOOKUP_BITS };
                bits += (((id.0 >> (k * 8 + 1)) as u32) & ((1 << (2 * nbits)) - 1)) << 2;
                bits = u32::from(LOOKUP_IJ[bits as usize]);
                i += (bits >> 6) << (k * 4);
                j += ((bits >> 2) & 15) << (k * 4);
                bits &= u32::from(SWAP_MASK | INVERT_MASK);
            }
            if id.lsb() & 0x1111_1111_1111_1110 != 0 {
                bits ^= u32::from(SWAP_MASK);
            }
            FaceIjOrientation {
                face: id.face(),
                i,
                j,
                orientation: bits as u8,
            }
        };
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for k in 0..200_000u64 {
            let pos = crate::test_rng::next_u64(&mut state);
            let leaf = CellId::from_face_pos_level((k % 6) as u8, pos, 30);
            let id = leaf.parent((k % 31) as u8);
            assert_eq!(id.to_face_ij_orientation(), plain(id), "{id:?}");
        }
    }
}
