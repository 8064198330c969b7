//! Neighbouring cells: across an edge, around a vertex, and all around.
//!
//! Neighbors on another face are found by stepping one leaf past the face
//! edge in (i, j), mapping that point through xyz onto the adjacent face,
//! and reading the leaf there, as Google's `FromFaceIJWrap` does.

use super::{CellId, FaceIjOrientation};
use crate::geom::coords::{MAX_SIZE, face_uv_to_xyz, st_to_ij, xyz_to_face_uv};

impl CellId {
    /// The leaf at (i, j) of `face`, where (i, j) may lie one step outside
    /// the face; the leaf is then read off the adjacent face.
    fn from_face_ij_wrap(face: u8, i: i64, j: i64) -> Self {
        let max = MAX_SIZE as i64;
        let i = i.clamp(-1, max);
        let j = j.clamp(-1, max);
        // A linear (u = 2s - 1) projection is enough here; the clamp keeps
        // the point just outside the face so the reprojection cannot move
        // it into the wrong leaf.
        const SCALE: f64 = 1.0 / MAX_SIZE as f64;
        const LIMIT: f64 = 1.0 + f64::EPSILON;
        let u = (SCALE * (2 * (i - max / 2) + 1) as f64).clamp(-LIMIT, LIMIT);
        let v = (SCALE * (2 * (j - max / 2) + 1) as f64).clamp(-LIMIT, LIMIT);
        let (face, u, v) = xyz_to_face_uv(&face_uv_to_xyz(face, u, v));
        Self::from_face_ij_unchecked(face, st_to_ij(0.5 * (u + 1.0)), st_to_ij(0.5 * (v + 1.0)))
    }

    fn from_face_ij_same(face: u8, i: i64, j: i64, same_face: bool) -> Self {
        if same_face {
            Self::from_face_ij_unchecked(face, i as u32, j as u32)
        } else {
            Self::from_face_ij_wrap(face, i, j)
        }
    }

    /// The four cells of the same level that share an edge with this one,
    /// in the order down, right, up, left of the cell's (i, j) frame (which
    /// is Google's `GetEdgeNeighbors`). For an invalid id, four
    /// [`CellId::NONE`].
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::from_face(0).child(1).child(3);
    /// for n in c.edge_neighbors() {
    ///     assert_eq!(n.level(), c.level());
    ///     assert_ne!(n, c);
    /// }
    /// // The four faces around face 0.
    /// let faces: Vec<u8> = CellId::from_face(0).edge_neighbors().iter().map(|n| n.face()).collect();
    /// assert_eq!(faces, [5, 1, 2, 4]);
    /// ```
    #[must_use]
    pub fn edge_neighbors(&self) -> [Self; 4] {
        if !self.is_valid() {
            return [Self::NONE; 4];
        }
        let level = self.level();
        let size = Self::size_ij_at(level) as i64;
        let FaceIjOrientation { face, i, j, .. } = self.to_face_ij_orientation();
        let (i, j) = (i as i64, j as i64);
        let max = MAX_SIZE as i64;
        [
            Self::from_face_ij_same(face, i, j - size, j - size >= 0),
            Self::from_face_ij_same(face, i + size, j, i + size < max),
            Self::from_face_ij_same(face, i, j + size, j + size < max),
            Self::from_face_ij_same(face, i - size, j, i - size >= 0),
        ]
        .map(|n| n.parent_unchecked(level))
    }

    /// The cells at `level` around the vertex of this cell's ancestor at
    /// `level` that is closest to this cell: normally 4 cells, 3 at the
    /// eight cube corners. `level` must be coarser than the cell's own
    /// level; otherwise the result is empty. Order as Google's
    /// `AppendVertexNeighbors`, starting with the ancestor itself.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::from_face(2).child(1).child(2).child(1).child(2);
    /// let around = c.vertex_neighbors(2);
    /// assert_eq!(around.len(), 4);
    /// assert_eq!(around[0], c.parent(2));
    /// // At a cube corner only three cells meet.
    /// assert_eq!(CellId::from_face(0).child(0).vertex_neighbors(0).len(), 3);
    /// ```
    #[must_use]
    pub fn vertex_neighbors(&self, level: u8) -> Vec<Self> {
        let mut out = Vec::with_capacity(4);
        if !self.is_valid() || level >= self.level() {
            return out;
        }
        let FaceIjOrientation { face, i, j, .. } = self.to_face_ij_orientation();
        let (i, j) = (i as i64, j as i64);
        let max = MAX_SIZE as i64;
        // Which quadrant of the ancestor this cell lies in says which vertex
        // is closest, by the next bit of i and of j.
        let halfsize = Self::size_ij_at(level + 1) as i64;
        let size = halfsize << 1;
        let (ioffset, isame) = if i & halfsize != 0 {
            (size, i + size < max)
        } else {
            (-size, i - size >= 0)
        };
        let (joffset, jsame) = if j & halfsize != 0 {
            (size, j + size < max)
        } else {
            (-size, j - size >= 0)
        };
        out.push(self.parent_unchecked(level));
        out.push(Self::from_face_ij_same(face, i + ioffset, j, isame).parent_unchecked(level));
        out.push(Self::from_face_ij_same(face, i, j + joffset, jsame).parent_unchecked(level));
        // When both the i- and j- neighbours are on other faces, this is one
        // of the cube's eight corners and has only three cells around it.
        if isame || jsame {
            out.push(
                Self::from_face_ij_same(face, i + ioffset, j + joffset, isame && jsame)
                    .parent_unchecked(level),
            );
        }
        out
    }

    /// All cells at `nbr_level` (at or below this cell's level) that touch
    /// this cell along an edge or at a vertex, not counting cells inside it.
    /// Cells at cube corners can appear twice, as in Google's
    /// `AppendAllNeighbors`, whose order this follows. Empty when
    /// `nbr_level` is coarser than the cell or above 30.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::from_face(0).child(1).child(3);
    /// assert_eq!(c.all_neighbors(c.level()).len(), 8);
    /// assert_eq!(c.all_neighbors(c.level() + 1).len(), 12);
    /// ```
    #[must_use]
    pub fn all_neighbors(&self, nbr_level: u8) -> Vec<Self> {
        let mut out = Vec::new();
        if !self.is_valid() || nbr_level < self.level() || nbr_level > super::MAX_LEVEL {
            return out;
        }
        let FaceIjOrientation { face, i, j, .. } = self.to_face_ij_orientation();
        let max = MAX_SIZE as i64;
        // Start from the cell's lower-left leaf: nbr_level may be finer than
        // the cell's level.
        let size = self.size_ij() as i64;
        let i = i as i64 & -size;
        let j = j as i64 & -size;
        let nbr_size = Self::size_ij_at(nbr_level) as i64;
        out.reserve((4 * (size / nbr_size) + 4) as usize);
        let mut k = -nbr_size;
        loop {
            let same_face;
            if k < 0 {
                same_face = j + k >= 0;
            } else if k >= size {
                same_face = j + k < max;
            } else {
                same_face = true;
                // Below and above.
                out.push(
                    Self::from_face_ij_same(face, i + k, j - nbr_size, j - size >= 0)
                        .parent_unchecked(nbr_level),
                );
                out.push(
                    Self::from_face_ij_same(face, i + k, j + size, j + size < max)
                        .parent_unchecked(nbr_level),
                );
            }
            // Left and right, including the diagonal corners.
            out.push(
                Self::from_face_ij_same(face, i - nbr_size, j + k, same_face && i - size >= 0)
                    .parent_unchecked(nbr_level),
            );
            out.push(
                Self::from_face_ij_same(face, i + size, j + k, same_face && i + size < max)
                    .parent_unchecked(nbr_level),
            );
            if k >= size {
                break;
            }
            k += nbr_size;
        }
        out
    }
}
