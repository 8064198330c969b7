//! A cell with a padded (u,v) bound, walked from parent to child without
//! decoding ids: Google's `S2PaddedCell`, which its shape index is built
//! and queried with.

use super::CellId;
use super::face_ij::{FaceIjOrientation, ij_level_to_bound_uv};
use super::hilbert::{IJ_TO_POS, INVERT_MASK, POS_TO_IJ, POS_TO_ORIENTATION, SWAP_MASK};
use crate::geom::Point;
use crate::geom::coords::{
    MAX_LEVEL, face_si_ti_to_xyz, si_ti_to_st, st_to_ij, st_to_uv, uv_to_st,
};
use crate::geom::edge_clipping::R2Rect;

/// Google's `S2PaddedCell`: a cell with its (u,v) bound grown by
/// `padding`, computed incrementally from its parent exactly as Google
/// does, so the shape index's cells are Google's to the bit.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PaddedCell {
    id: CellId,
    padding: f64,
    bound: R2Rect,
    /// The lower-left leaf (i, j) of the cell.
    ij_lo: [u32; 2],
    orientation: u8,
    level: u8,
}

impl PaddedCell {
    /// The cell of `id` (valid) with its bound grown by `padding` (>= 0).
    pub(crate) fn new(id: CellId, padding: f64) -> Self {
        if id.is_face() {
            let limit = 1.0 + padding;
            return Self {
                id,
                padding,
                bound: R2Rect::new([-limit, limit], [-limit, limit]),
                ij_lo: [0, 0],
                orientation: id.face() & 1,
                level: 0,
            };
        }
        let FaceIjOrientation {
            i, j, orientation, ..
        } = id.to_face_ij_orientation();
        let level = id.level();
        let size = CellId::size_ij_at(level);
        Self {
            id,
            padding,
            bound: R2Rect {
                bounds: ij_level_to_bound_uv(i, j, level),
            }
            .expanded(padding),
            ij_lo: [i & size.wrapping_neg(), j & size.wrapping_neg()],
            orientation,
            level,
        }
    }

    /// The cell id.
    #[inline]
    pub(crate) fn id(&self) -> CellId {
        self.id
    }

    /// The level.
    #[inline]
    pub(crate) fn level(&self) -> u8 {
        self.level
    }

    /// The (u,v) of the cell's center in (s,t), which its children share.
    fn center_uv(&self) -> [f64; 2] {
        let size = CellId::size_ij_at(self.level);
        [0, 1].map(|d| st_to_uv(si_ti_to_st(2 * self.ij_lo[d] + size)))
    }

    /// The rectangle shared by the four padded children (Google's
    /// `Middle`).
    pub(crate) fn middle(&self) -> R2Rect {
        let [u, v] = self.center_uv();
        R2Rect::new(
            [u - self.padding, u + self.padding],
            [v - self.padding, v + self.padding],
        )
    }

    /// The (i, j) quadrant of the child at curve position `pos` (Google's
    /// `GetChildIJ`).
    #[inline]
    pub(crate) fn child_ij(&self, pos: usize) -> (usize, usize) {
        let ij = POS_TO_IJ[self.orientation as usize][pos] as usize;
        (ij >> 1, ij & 1)
    }

    /// The child in quadrant (i, j), given this cell's
    /// [`middle`](Self::middle).
    pub(crate) fn child(&self, i: usize, j: usize, middle: &R2Rect) -> Self {
        let pos = IJ_TO_POS[self.orientation as usize][2 * i + j];
        let level = self.level + 1;
        let size = CellId::size_ij_at(level);
        let mut bound = self.bound;
        bound.bounds[0][1 - i] = middle.bounds[0][1 - i];
        bound.bounds[1][1 - j] = middle.bounds[1][1 - j];
        Self {
            id: self.id.child(pos),
            padding: self.padding,
            bound,
            ij_lo: [
                self.ij_lo[0] + i as u32 * size,
                self.ij_lo[1] + j as u32 * size,
            ],
            orientation: self.orientation ^ POS_TO_ORIENTATION[pos as usize],
            level,
        }
    }

    /// The center, a unit vector (Google's `GetCenter`).
    pub(crate) fn center(&self) -> Point {
        let size = CellId::size_ij_at(self.level);
        face_si_ti_to_xyz(
            self.id.face(),
            2 * self.ij_lo[0] + size,
            2 * self.ij_lo[1] + size,
        )
        .normalize()
    }

    /// The vertex where the Hilbert curve enters the cell (Google's
    /// `GetEntryVertex`).
    pub(crate) fn entry_vertex(&self) -> Point {
        let (mut i, mut j) = (self.ij_lo[0], self.ij_lo[1]);
        if self.orientation & INVERT_MASK != 0 {
            let size = CellId::size_ij_at(self.level);
            i += size;
            j += size;
        }
        face_si_ti_to_xyz(self.id.face(), 2 * i, 2 * j).normalize()
    }

    /// The vertex where the Hilbert curve leaves the cell (Google's
    /// `GetExitVertex`).
    pub(crate) fn exit_vertex(&self) -> Point {
        let (mut i, mut j) = (self.ij_lo[0], self.ij_lo[1]);
        let size = CellId::size_ij_at(self.level);
        if self.orientation == 0 || self.orientation == SWAP_MASK + INVERT_MASK {
            i += size;
        } else {
            j += size;
        }
        face_si_ti_to_xyz(self.id.face(), 2 * i, 2 * j).normalize()
    }

    /// The smallest descendant (or self) whose padded bound still holds
    /// `rect` (Google's `S2PaddedCell::ShrinkToFit`).
    pub(crate) fn shrink_to_fit(&self, rect: &R2Rect) -> CellId {
        let size = CellId::size_ij_at(self.level);
        let contains = |iv: [f64; 2], x: f64| x >= iv[0] && x <= iv[1];
        // A rectangle across the center lines fits no child.
        let [u, v] = if self.level == 0 {
            [0.0, 0.0]
        } else {
            self.center_uv()
        };
        if contains(rect.bounds[0], u) || contains(rect.bounds[1], v) {
            return self.id;
        }
        let padded = rect.expanded(self.padding + 1.5 * f64::EPSILON);
        let mut ij_min = [0u32; 2];
        let mut ij_xor = [0u32; 2];
        for d in 0..2 {
            ij_min[d] = self.ij_lo[d].max(st_to_ij(uv_to_st(padded.bounds[d][0])));
            let ij_max = (self.ij_lo[d] + size - 1).min(st_to_ij(uv_to_st(padded.bounds[d][1])));
            ij_xor[d] = ij_min[d] ^ ij_max;
        }
        let level_msb = ((ij_xor[0] | ij_xor[1]) << 1) + 1;
        let level = MAX_LEVEL as i32 - (31 - level_msb.leading_zeros() as i32);
        if level <= self.level as i32 {
            return self.id;
        }
        CellId::from_face_ij(self.id.face(), ij_min[0], ij_min[1]).parent(level as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::LatLng;
    use crate::geom::edge_clipping::{EDGE_CLIP_ERROR_UV_COORD, FACE_CLIP_ERROR_UV_COORD};

    #[test]
    fn padded_cell_matches_cell_geometry() {
        let id = CellId::from_latlng(LatLng::from_degrees(-33.9, 18.4)).parent(11);
        let p = PaddedCell::new(id, 0.0);
        assert_eq!(p.center(), id.to_point());
        assert_eq!(p.bound.bounds, id.bound_uv());
        // Children built incrementally equal children built from their ids.
        let middle = p.middle();
        for pos in 0..4 {
            let (i, j) = p.child_ij(pos);
            let c = p.child(i, j, &middle);
            assert_eq!(c.id, id.child(pos as u8));
            assert_eq!(c.bound.bounds, PaddedCell::new(c.id, 0.0).bound.bounds);
        }
        // ShrinkToFit of a tiny rectangle far inside the cell finds a
        // descendant containing it (with the shape index's padding).
        let padding = 2.0 * (FACE_CLIP_ERROR_UV_COORD + EDGE_CLIP_ERROR_UV_COORD);
        let [bu, bv] = id.bound_uv();
        let (u, v) = (0.7 * bu[0] + 0.3 * bu[1], 0.7 * bv[0] + 0.3 * bv[1]);
        let r = R2Rect::new([u, u + 1e-9], [v, v + 1e-9]);
        let shrunk = PaddedCell::new(id, padding).shrink_to_fit(&r);
        assert!(id.contains(shrunk) && shrunk.level() > id.level());
    }
}
