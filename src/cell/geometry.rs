//! A cell with its geometry: vertices, edges, center, areas and bounds.

use std::f64::consts::{FRAC_1_PI, FRAC_PI_2, FRAC_PI_4, PI};

use super::CellId;
use super::face_ij::{FaceIjOrientation, ij_level_to_bound_uv};
use super::hilbert::{IJ_TO_POS, POS_TO_ORIENTATION};
use super::metrics::AVG_AREA;
use crate::geom::approx_atan::{APPROX_ATAN2_ERROR, approx_atan2_4};
use crate::geom::coords::{
    face_si_ti_to_xyz, face_uv_to_xyz, ij_to_st_min, st_to_uv, u_norm, uv_axes_z, v_norm,
};
use crate::geom::measures::triangle_area;
use crate::geom::{R1Interval, S1Interval};
use crate::{Cap, LatLng, LatLngRect, Point};

/// How far [`Cell::approx_rect_bound`]'s numbers may be from
/// [`Cell::rect_bound`]'s: the atan2 error, plus the bound's 2-ulp padding
/// (4.4e-16) and its rounding.
pub(crate) const APPROX_BOUND_ERROR: f64 = APPROX_ATAN2_ERROR + 1e-15;

/// A cell with its (u, v) bounds precomputed, for geometric questions.
///
/// `Cell` is what regions and the coverer work with; [`CellId`] is what you
/// store. Converting costs one id decode.
///
/// ```
/// use s2cells::{Cell, CellId, LatLng};
///
/// let p = LatLng::from_degrees(-30.0438, -51.14022).to_point();
/// let cell = Cell::from(CellId::from_point(&p).parent(12));
/// assert!(cell.contains_point(&p));
/// let km2 = s2cells::earth::steradians_to_square_km(cell.exact_area());
/// assert!(km2 > 3.0 && km2 < 6.0, "{km2}");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    id: CellId,
    face: u8,
    level: u8,
    orientation: u8,
    /// The lower-left leaf coordinates (i, j): children and the center
    /// come from them without decoding an id.
    ij: [u32; 2],
    /// `[[u_lo, u_hi], [v_lo, v_hi]]`.
    uv: [[f64; 2]; 2],
}

impl From<CellId> for Cell {
    /// The cell of a valid id. (An invalid id gives a cell with meaningless
    /// geometry; check [`CellId::is_valid`] on untrusted ids first.)
    fn from(id: CellId) -> Self {
        let FaceIjOrientation {
            face,
            i,
            j,
            orientation,
        } = id.to_face_ij_orientation();
        let level = id.level();
        let mask = CellId::size_ij_at(level).wrapping_neg();
        Self {
            id,
            face,
            level,
            orientation,
            ij: [i & mask, j & mask],
            uv: ij_level_to_bound_uv(i, j, level),
        }
    }
}

impl Cell {
    /// The level-0 cell of a face (0..=5).
    ///
    /// ```
    /// assert_eq!(s2cells::Cell::from_face(3).level(), 0);
    /// ```
    #[must_use]
    pub fn from_face(face: u8) -> Self {
        Self::from(CellId::from_face(face))
    }

    /// The cell id.
    ///
    /// ```
    /// use s2cells::{Cell, CellId};
    /// assert_eq!(Cell::from(CellId::from_face(1)).id(), CellId::from_face(1));
    /// ```
    #[must_use]
    #[inline]
    pub fn id(&self) -> CellId {
        self.id
    }

    /// The cube face, 0..=5.
    ///
    /// ```
    /// assert_eq!(s2cells::Cell::from_face(4).face(), 4);
    /// ```
    #[must_use]
    #[inline]
    pub fn face(&self) -> u8 {
        self.face
    }

    /// The level, 0..=30.
    ///
    /// ```
    /// use s2cells::{Cell, CellId};
    /// assert_eq!(Cell::from(CellId::from_face(0).child(2)).level(), 1);
    /// ```
    #[must_use]
    #[inline]
    pub fn level(&self) -> u8 {
        self.level
    }

    /// The Hilbert-curve orientation of the cell (swap and invert bits).
    ///
    /// ```
    /// assert_eq!(s2cells::Cell::from_face(0).orientation(), 0);
    /// ```
    #[must_use]
    #[inline]
    pub fn orientation(&self) -> u8 {
        self.orientation
    }

    /// Whether this is a leaf cell.
    ///
    /// ```
    /// assert!(!s2cells::Cell::from_face(0).is_leaf());
    /// ```
    #[must_use]
    #[inline]
    pub fn is_leaf(&self) -> bool {
        self.level == super::MAX_LEVEL
    }

    /// The cell's bounds in (u, v): `[[u_lo, u_hi], [v_lo, v_hi]]`.
    ///
    /// ```
    /// assert_eq!(s2cells::Cell::from_face(0).bound_uv(), [[-1.0, 1.0], [-1.0, 1.0]]);
    /// ```
    #[must_use]
    #[inline]
    pub fn bound_uv(&self) -> [[f64; 2]; 2] {
        self.uv
    }

    /// Vertex `k` (0..=3, counter-clockwise from the lower left of the (u,v)
    /// square), not normalized.
    ///
    /// ```
    /// use s2cells::{Cell, Point};
    /// assert_eq!(Cell::from_face(0).vertex_raw(0), Point::new(1.0, -1.0, -1.0));
    /// ```
    #[must_use]
    #[inline]
    pub fn vertex_raw(&self, k: usize) -> Point {
        // Lower left, lower right, upper right, upper left.
        let j = (k >> 1) & 1;
        let i = j ^ (k & 1);
        face_uv_to_xyz(self.face, self.uv[0][i], self.uv[1][j])
    }

    /// Vertex `k` (0..=3, counter-clockwise), as a unit vector.
    ///
    /// ```
    /// let v = s2cells::Cell::from_face(0).vertex(2);
    /// assert!((v.norm() - 1.0).abs() < 1e-15 && v.x > 0.0 && v.y > 0.0 && v.z > 0.0);
    /// ```
    #[must_use]
    #[inline]
    pub fn vertex(&self, k: usize) -> Point {
        self.vertex_raw(k).normalize()
    }

    /// The four vertices, counter-clockwise, as unit vectors.
    ///
    /// ```
    /// let vs = s2cells::Cell::from_face(2).vertices();
    /// assert!(vs.iter().all(|v| v.z > 0.5));
    /// ```
    #[must_use]
    pub fn vertices(&self) -> [Point; 4] {
        [
            self.vertex(0),
            self.vertex(1),
            self.vertex(2),
            self.vertex(3),
        ]
    }

    /// The inward-facing normal of the great circle through edge `k`
    /// (from vertex `k` to vertex `k+1`), not normalized.
    ///
    /// ```
    /// use s2cells::{Cell, Point};
    /// assert_eq!(Cell::from_face(0).edge_raw(0), Point::new(1.0, 0.0, 1.0));
    /// ```
    #[must_use]
    #[inline]
    pub fn edge_raw(&self, k: usize) -> Point {
        match k & 3 {
            0 => v_norm(self.face, self.uv[1][0]),  // bottom
            1 => u_norm(self.face, self.uv[0][1]),  // right
            2 => -v_norm(self.face, self.uv[1][1]), // top
            _ => -u_norm(self.face, self.uv[0][0]), // left
        }
    }

    /// The inward-facing unit normal of edge `k`.
    ///
    /// ```
    /// let e = s2cells::Cell::from_face(0).edge(1);
    /// assert!((e.norm() - 1.0).abs() < 1e-15);
    /// ```
    #[must_use]
    #[inline]
    pub fn edge(&self, k: usize) -> Point {
        self.edge_raw(k).normalize()
    }

    /// The center, as a unit vector (the center in (s, t), not the
    /// centroid).
    ///
    /// ```
    /// use s2cells::{Cell, Point};
    /// assert_eq!(Cell::from_face(1).center(), Point::new(0.0, 1.0, 0.0));
    /// ```
    #[must_use]
    #[inline]
    pub fn center(&self) -> Point {
        // Google's ToPoint: the center in (si, ti), which is the lower-left
        // leaf corner plus the cell's size, without decoding the id (which
        // was 27% of covering a country).
        let size = CellId::size_ij_at(self.level);
        face_si_ti_to_xyz(self.face, 2 * self.ij[0] + size, 2 * self.ij[1] + size).normalize()
    }

    /// The center as Google's `GetCenterRaw` gives it: the (s,t) center
    /// on the face, not unit length ([`CellId::to_point_raw`], from the
    /// stored (i,j) without decoding the id); [`center`](Self::center)
    /// normalized.
    ///
    /// ```
    /// use s2cells::{Cell, CellId, Point};
    /// let c = Cell::from(CellId::from_face(2).child(1));
    /// assert_eq!(c.center_raw(), c.id().to_point_raw());
    /// assert_eq!(Cell::from_face(0).center_raw(), Point::new(1.0, 0.0, 0.0));
    /// ```
    #[must_use]
    #[inline]
    pub fn center_raw(&self) -> Point {
        let size = CellId::size_ij_at(self.level);
        face_si_ti_to_xyz(self.face, 2 * self.ij[0] + size, 2 * self.ij[1] + size)
    }

    /// The (u,v) coordinate that is constant along edge `k` (taken mod 4,
    /// counter-clockwise from the bottom as in [`edge`](Self::edge)): v for
    /// the bottom (0) and top (2) edges, u for the right (1) and left (3)
    /// ones (Google's `GetUVCoordOfEdge`).
    ///
    /// ```
    /// use s2cells::Cell;
    /// let c = Cell::from_face(0).subdivide()[0];
    /// let [[u_lo, u_hi], [v_lo, v_hi]] = c.bound_uv();
    /// assert_eq!([0, 1, 2, 3].map(|k| c.uv_coord_of_edge(k)), [v_lo, u_hi, v_hi, u_lo]);
    /// assert_eq!(c.uv_coord_of_edge(5), u_hi);
    /// ```
    #[must_use]
    #[inline]
    pub fn uv_coord_of_edge(&self, k: usize) -> f64 {
        let [[u_lo, u_hi], [v_lo, v_hi]] = self.uv;
        match k & 3 {
            0 => v_lo,
            1 => u_hi,
            2 => v_hi,
            _ => u_lo,
        }
    }

    /// The leaf coordinate (i or j, in `0..=2³⁰`) that is constant along
    /// edge `k` (taken mod 4): j for the bottom and top edges, i for the
    /// right and left ones (Google's `GetIJCoordOfEdge`). Exact: from the
    /// cell's (i,j) and size, where Google rounds `2³⁰ · UVtoST(uv)` to
    /// the same integer.
    ///
    /// ```
    /// use s2cells::Cell;
    /// let face = Cell::from_face(3);
    /// assert_eq!([0, 1, 2, 3].map(|k| face.ij_coord_of_edge(k)), [0, 1 << 30, 1 << 30, 0]);
    /// let c = face.subdivide()[2];
    /// assert_eq!(c.ij_coord_of_edge(1) - c.ij_coord_of_edge(3), 1 << 29);
    /// ```
    #[must_use]
    #[inline]
    pub fn ij_coord_of_edge(&self, k: usize) -> u32 {
        let size = CellId::size_ij_at(self.level);
        let [i, j] = self.ij;
        match k & 3 {
            0 => j,
            1 => i + size,
            2 => j + size,
            _ => i,
        }
    }

    /// The four children, in curve order; the leaf's children are
    /// meaningless, so a leaf returns itself four times.
    ///
    /// ```
    /// let kids = s2cells::Cell::from_face(0).subdivide();
    /// assert!(kids.iter().all(|k| k.level() == 1));
    /// ```
    #[must_use]
    #[inline]
    pub fn subdivide(&self) -> [Self; 4] {
        if self.is_leaf() {
            return [*self; 4];
        }
        // The children are cut out of this cell's bounds at its center, as
        // Google's `S2Cell::Subdivide` does, instead of decoding each
        // child id, which made coverings much slower (BENCHMARKS.md, "What
        // each trick bought"). Same
        // cells, bit for bit: the center in (s, t) is the children's shared
        // bound.
        let half = CellId::size_ij_at(self.level + 1);
        let [i, j] = self.ij;
        let u_mid = st_to_uv(ij_to_st_min(i + half));
        let v_mid = st_to_uv(ij_to_st_min(j + half));
        // The children in (i, j) quadrant order, each written to its curve
        // position: the (u, v) pairs are then built from registers. (A copy
        // of the parent's bounds with u_mid written at a variable index,
        // or pairs picked from a fresh array by index, were read back as
        // vectors and stalled on store forwarding: 20-45% of this
        // function's time.)
        let [[u_lo, u_hi], [v_lo, v_hi]] = self.uv;
        let first = self.id.child_begin_unchecked();
        let step = first.lsb() << 1;
        let orientation = usize::from(self.orientation);
        let mut cells = [*self; 4];
        for (ci, u) in [[u_lo, u_mid], [u_mid, u_hi]].into_iter().enumerate() {
            for (cj, v) in [[v_lo, v_mid], [v_mid, v_hi]].into_iter().enumerate() {
                let pos = usize::from(IJ_TO_POS[orientation][2 * ci + cj]);
                cells[pos & 3] = Self {
                    id: CellId(first.id() + pos as u64 * step),
                    face: self.face,
                    level: self.level + 1,
                    orientation: self.orientation ^ POS_TO_ORIENTATION[pos & 3],
                    ij: [i + half * ci as u32, j + half * cj as u32],
                    uv: [u, v],
                };
            }
        }
        cells
    }

    /// The vertices of four siblings (the children of one cell, in any
    /// order), sharing work: their 16 vertices are 9 distinct points of a
    /// 3×3 grid, normalized once each. Returns the grid and, for each
    /// sibling, the grid indices of its vertices in [`vertices`](Self::vertices)
    /// order, the same points bit for bit (the siblings' (u, v) bounds are
    /// the grid's lines). `None` when the cells are not four siblings.
    pub(crate) fn sibling_vertices(siblings: &[Self; 4]) -> Option<([Point; 9], [[usize; 4]; 4])> {
        let first = siblings[0];
        if first.level == 0 {
            return None;
        }
        let parent = first.id.parent_unchecked(first.level - 1);
        let mut positions = 0u8;
        for c in siblings {
            if c.level != first.level || c.id.parent_unchecked(first.level - 1) != parent {
                return None;
            }
            positions |= 1 << c.id.child_position();
        }
        if positions != 0b1111 {
            return None;
        }
        // Offsets (0 or 1) of each sibling in the parent, and the grid
        // lines from the siblings' own bounds.
        let lo = [0, 1].map(|axis| siblings.iter().map(|c| c.ij[axis]).min().unwrap_or(0));
        let offsets = siblings.map(|c| [0, 1].map(|axis| usize::from(c.ij[axis] != lo[axis])));
        let mut lines = [[0.0; 3]; 2];
        for (c, off) in siblings.iter().zip(&offsets) {
            for axis in 0..2 {
                lines[axis][off[axis]] = c.uv[axis][0];
                lines[axis][off[axis] + 1] = c.uv[axis][1];
            }
        }
        let grid: [Point; 9] = std::array::from_fn(|g| {
            face_uv_to_xyz(first.face, lines[0][g / 3], lines[1][g % 3]).normalize()
        });
        let corners = offsets.map(|[i_off, j_off]| {
            std::array::from_fn(|k| {
                let j = (k >> 1) & 1;
                let i = j ^ (k & 1);
                (i_off + i) * 3 + j_off + j
            })
        });
        Some((grid, corners))
    }

    /// The average area of cells at `level`, in steradians.
    ///
    /// ```
    /// let a = s2cells::Cell::average_area_at(0);
    /// assert!((a - 4.0 * std::f64::consts::PI / 6.0).abs() < 1e-15);
    /// ```
    #[must_use]
    pub fn average_area_at(level: u8) -> f64 {
        AVG_AREA.value(level)
    }

    /// The average area of cells at this cell's level, in steradians.
    ///
    /// ```
    /// let c = s2cells::Cell::from_face(0);
    /// assert_eq!(c.average_area(), s2cells::Cell::average_area_at(0));
    /// ```
    #[must_use]
    pub fn average_area(&self) -> f64 {
        Self::average_area_at(self.level)
    }

    /// The area in steradians, approximated from the vertices as a flat
    /// quadrilateral corrected for curvature (accurate to about 3% at
    /// level 0 and much better below); cheaper than
    /// [`exact_area`](Self::exact_area).
    ///
    /// ```
    /// use s2cells::{Cell, CellId};
    /// let c = Cell::from(CellId::from_face(0).child_begin_at(10));
    /// assert!((c.approx_area() / c.exact_area() - 1.0).abs() < 1e-3);
    /// ```
    #[must_use]
    pub fn approx_area(&self) -> f64 {
        // All cells at the first two levels have the same area.
        if self.level < 2 {
            return self.average_area();
        }
        // The cross product of the diagonals is twice the projected area.
        let flat_area = 0.5
            * (self.vertex(2) - self.vertex(0))
                .cross(&(self.vertex(3) - self.vertex(1)))
                .norm();
        // Treat the cell as a spherical cap: its area over the area of its
        // projected disc of radius r is 2 / (1 + sqrt(1 - r²)).
        flat_area * 2.0 / (1.0 + (1.0 - (FRAC_1_PI * flat_area).min(1.0)).sqrt())
    }

    /// The area in steradians, as two spherical triangles (accurate at all
    /// levels; Google's `ExactArea`).
    ///
    /// ```
    /// let total: f64 = (0..6).map(|f| s2cells::Cell::from_face(f).exact_area()).sum();
    /// assert!((total - 4.0 * std::f64::consts::PI).abs() < 1e-14);
    /// ```
    #[must_use]
    pub fn exact_area(&self) -> f64 {
        let [v0, v1, v2, v3] = self.vertices();
        triangle_area(&v0, &v1, &v2) + triangle_area(&v0, &v2, &v3)
    }

    /// Whether the cell contains a point, boundaries included (a point on a
    /// shared edge is in both cells). The point need not be unit length.
    ///
    /// ```
    /// use s2cells::{Cell, CellId, LatLng};
    /// let p = LatLng::from_degrees(10.0, 20.0).to_point();
    /// assert!(Cell::from(CellId::from_point(&p).parent(5)).contains_point(&p));
    /// ```
    #[must_use]
    pub fn contains_point(&self, p: &Point) -> bool {
        // Project onto this face and test the (u,v) rectangle, allowing for
        // the error of the projection: a point on a cell edge must be
        // contained by both cells, and a leaf's own point by its leaf.
        let Some((u, v)) = face_xyz_to_uv(self.face, p) else {
            return false;
        };
        const ERR: f64 = f64::EPSILON;
        let [[ulo, uhi], [vlo, vhi]] = self.uv;
        u >= ulo - ERR && u <= uhi + ERR && v >= vlo - ERR && v <= vhi + ERR
    }

    /// The corners whose lat/lngs make the rectangle bound of a cell below
    /// level 0: `[a, b, c, d]`, the latitude range spanned by `a` and `b`
    /// (the corner of largest |latitude| and its opposite), the longitude
    /// range by `c` and `d` (the other diagonal). Which corner is extreme
    /// follows from the face's axis directions and the cell's quadrant.
    // Inlined: returned through memory, the four points were read back as
    // vectors and stalled on store forwarding (12% of a rectangle covering).
    #[inline(always)]
    fn bound_corners(&self) -> [Point; 4] {
        let u = self.uv[0][0] + self.uv[0][1];
        let v = self.uv[1][0] + self.uv[1][1];
        let (uz, vz) = uv_axes_z(self.face);
        let i = usize::from(if uz == 0.0 { u < 0.0 } else { u > 0.0 });
        let j = usize::from(if vz == 0.0 { v < 0.0 } else { v > 0.0 });
        let corner = |i: usize, j: usize| face_uv_to_xyz(self.face, self.uv[0][i], self.uv[1][j]);
        [
            corner(i, j),
            corner(1 - i, 1 - j),
            corner(i, 1 - j),
            corner(1 - i, j),
        ]
    }

    /// A rectangle that contains the lat/lng of every point of the cell,
    /// as Google's `S2Cell::GetRectBound` computes it (so coverings built on
    /// it agree with Google's).
    ///
    /// ```
    /// use s2cells::Cell;
    /// let polar = Cell::from_face(2).rect_bound();
    /// assert!(polar.lng_lo() <= -3.14 && polar.lat_hi() == std::f64::consts::FRAC_PI_2);
    /// ```
    #[must_use]
    pub fn rect_bound(&self) -> LatLngRect {
        if self.level > 0 {
            // Below level 0 the extremes are at the vertices.
            let [a, b, c, d] = self.bound_corners();
            let lat = R1Interval::from_point_pair(LatLng::latitude(&a), LatLng::latitude(&b));
            let lng = S1Interval::from_point_pair(LatLng::longitude(&c), LatLng::longitude(&d));
            // Normalizing a vertex moves it by up to 0.5 ulp of direction, so
            // grow both ranges by 2 ulps to contain the lat/lng of every
            // normalized point inside the cell.
            return LatLngRect::from_intervals(lat, lng)
                .expanded(2.0 * f64::EPSILON, 2.0 * f64::EPSILON)
                .polar_closure();
        }
        // The equatorial faces reach ±45° at their edge midpoints; the polar
        // faces reach down to ±35.26° at their corners.
        let pole_min_lat = (1.0f64 / 3.0).sqrt().asin() - 0.5 * f64::EPSILON;
        let eq = R1Interval::new(-FRAC_PI_4, FRAC_PI_4);
        let bound = match self.face {
            0 => LatLngRect::from_intervals(eq, S1Interval::new(-FRAC_PI_4, FRAC_PI_4)),
            1 => LatLngRect::from_intervals(eq, S1Interval::new(FRAC_PI_4, 3.0 * FRAC_PI_4)),
            2 => LatLngRect::from_intervals(
                R1Interval::new(pole_min_lat, FRAC_PI_2),
                S1Interval::full(),
            ),
            3 => LatLngRect::from_intervals(eq, S1Interval::new(3.0 * FRAC_PI_4, -3.0 * FRAC_PI_4)),
            4 => LatLngRect::from_intervals(eq, S1Interval::new(-3.0 * FRAC_PI_4, -FRAC_PI_4)),
            _ => LatLngRect::from_intervals(
                R1Interval::new(-FRAC_PI_2, -pole_min_lat),
                S1Interval::full(),
            ),
        };
        // Latitudes come from atan2 of a computed point: allow one ulp.
        // Longitude needs none, as in Google's (see rect_bounder's
        // expansion for a one-ulp caveat on some glibc releases).
        bound.expanded(f64::EPSILON, 0.0)
    }

    /// [`rect_bound`](Self::rect_bound) approximately and cheaply, for
    /// filters: `[lat_lo, lat_hi, lng_lo, lng_hi]`, each within
    /// [`APPROX_BOUND_ERROR`] of the exact bound's, from four
    /// [`approx_atan2`](crate::geom::approx_atan::approx_atan2)s in
    /// vector lanes instead of four libm calls. `None` where the exact
    /// bound is not simply those numbers padded: level 0, a latitude range
    /// that could reach a pole (the bound then takes every longitude), a
    /// longitude that could wrap at ±π, or a longitude range of a radian or
    /// more (whose direction round the circle an error could flip).
    pub(crate) fn approx_rect_bound(&self) -> Option<[f64; 4]> {
        if self.level == 0 {
            return None;
        }
        let [a, b, c, d] = self.bound_corners();
        // Latitude is atan2(z, hypot(x, y)) and longitude atan2(y, x), as in
        // LatLng::latitude and LatLng::longitude.
        let hyp = |p: &Point| (p.x * p.x + p.y * p.y).sqrt();
        let [lat_a, lat_b, lng_c, lng_d] = approx_atan2_4(
            [a.z + 0.0, b.z + 0.0, c.y + 0.0, d.y + 0.0],
            [hyp(&a), hyp(&b), c.x + 0.0, d.x + 0.0],
        );
        // Ordered by `<`, not min/max, so that a NaN (atan2(0, 0) at a
        // pole) is kept and fails the checks below.
        let order = |p: f64, q: f64| if p < q { (p, q) } else { (q, p) };
        let (lat_lo, lat_hi) = order(lat_a, lat_b);
        let (lng_lo, lng_hi) = order(lng_c, lng_d);
        const E: f64 = APPROX_BOUND_ERROR;
        let plain = lat_lo - E > -FRAC_PI_2
            && lat_hi + E < FRAC_PI_2
            && lng_lo > -(PI - 1e-9)
            && lng_hi < PI - 1e-9
            && lng_hi - lng_lo < 1.0;
        plain.then_some([lat_lo, lat_hi, lng_lo, lng_hi])
    }

    /// A cap that contains the cell, centered on the (u,v) center (Google's
    /// `S2Cell::GetCapBound`).
    ///
    /// ```
    /// let c = s2cells::Cell::from_face(0);
    /// let cap = c.cap_bound();
    /// assert!(c.vertices().iter().all(|v| cap.contains_point(v)));
    /// ```
    #[must_use]
    pub fn cap_bound(&self) -> Cap {
        let u = 0.5 * (self.uv[0][0] + self.uv[0][1]);
        let v = 0.5 * (self.uv[1][0] + self.uv[1][1]);
        let mut cap = Cap::from_point(face_uv_to_xyz(self.face, u, v).normalize());
        for k in 0..4 {
            cap.add_point(&self.vertex(k));
        }
        cap
    }
}

/// (u,v) of a point on `face`, or `None` when the point is not in front of
/// that face (Google's `FaceXYZtoUV`).
fn face_xyz_to_uv(face: u8, p: &Point) -> Option<(f64, f64)> {
    let c = p.coord(usize::from(face % 3));
    let in_front = if face < 3 { c > 0.0 } else { c < 0.0 };
    in_front.then(|| crate::geom::coords::valid_face_xyz_to_uv(face, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cells of every level and face, from a fixed sequence.
    fn cells() -> impl Iterator<Item = Cell> {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        (0..20_000).map(move |k| {
            let pos = crate::test_rng::next_u64(&mut state);
            let leaf = CellId::from_face_pos_level((k % 6) as u8, pos, 30);
            Cell::from(leaf.parent((k % 31) as u8))
        })
    }

    /// The center and children computed from the stored (i, j) are the
    /// ones decoding the ids gives, bit for bit.
    #[test]
    fn center_and_children_equal_the_decoded_ones() {
        for cell in cells() {
            let center = cell.center();
            let want = cell.id().to_point();
            assert_eq!(
                [center.x, center.y, center.z].map(f64::to_bits),
                [want.x, want.y, want.z].map(f64::to_bits),
                "{:?}",
                cell.id()
            );
            if !cell.is_leaf() {
                assert_eq!(cell.subdivide(), cell.id().children().map(Cell::from));
            }
        }
    }

    /// The shared grid gives each sibling its own vertices, in any order
    /// of the four.
    #[test]
    fn sibling_vertices_are_the_vertices() {
        for cell in cells().filter(|c| !c.is_leaf()) {
            let mut kids = cell.subdivide();
            kids.rotate_left(usize::from(cell.level()) % 4);
            let (grid, corners) = Cell::sibling_vertices(&kids).expect("siblings");
            for (kid, corner) in kids.iter().zip(corners) {
                assert_eq!(corner.map(|g| grid[g]), kid.vertices());
            }
        }
    }
}
