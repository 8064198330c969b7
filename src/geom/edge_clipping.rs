//! Clipping edges to cube faces and to (u,v) rectangles: Google's
//! `s2edge_clipping`, to the bit.
//!
//! An edge of the sphere (a geodesic between two points) crosses up to six
//! cube faces. These functions find the part of an edge on a face, in that
//! face's (u,v) coordinates, and then clip such a (u,v) segment to a
//! rectangle. Shape indexes use them to decide which cells an edge touches.
//! Every function evaluates Google's expressions in Google's order (they are
//! plain double arithmetic), so the clipped coordinates are the same doubles
//! Google computes; the index cells built from them are then identical too.
//!
//! ```
//! use s2cells::geom::edge_clipping::{clip_to_face, FACE_CLIP_ERROR_UV_COORD};
//! use s2cells::LatLng;
//!
//! // An edge along the equator from lng 40° to lng 50° leaves face 0 at u = 1.
//! let a = LatLng::from_degrees(0.0, 40.0).to_point();
//! let b = LatLng::from_degrees(0.0, 50.0).to_point();
//! let (a_uv, b_uv) = clip_to_face(&a, &b, 0).unwrap();
//! assert!((a_uv[0] - 40f64.to_radians().tan()).abs() < 1e-15);
//! assert!((b_uv[0] - 1.0).abs() <= FACE_CLIP_ERROR_UV_COORD);
//! assert!(clip_to_face(&a, &b, 3).is_none());
//! ```

use std::f64::consts::{FRAC_1_SQRT_2, SQRT_2};

use super::Point;
use super::coords::{face, face_uv_to_xyz, valid_face_xyz_to_uv, xyz_to_face_uv};
pub use super::robust_cross::robust_cross_prod;

/// A point of a face's (u,v) plane.
pub type R2Point = [f64; 2];

/// The maximum angle (radians) between a point returned by
/// [`face_segments`] / [`clip_to_padded_face`] and the true edge
/// (`kFaceClipErrorRadians`).
pub const FACE_CLIP_ERROR_RADIANS: f64 = 3.0 * f64::EPSILON;
/// The same error as a (u,v) distance (`kFaceClipErrorUVDist`).
pub const FACE_CLIP_ERROR_UV_DIST: f64 = 9.0 * f64::EPSILON;
/// The same error in each (u,v) coordinate (`kFaceClipErrorUVCoord`).
pub const FACE_CLIP_ERROR_UV_COORD: f64 = 9.0 * FRAC_1_SQRT_2 * f64::EPSILON;
/// The maximum (u,v) distance by which [`intersects_rect`] can be wrong
/// (`kIntersectsRectErrorUVDist`).
pub const INTERSECTS_RECT_ERROR_UV_DIST: f64 = 3.0 * SQRT_2 * f64::EPSILON;
/// The maximum error of a coordinate computed by [`clip_edge`]
/// (`kEdgeClipErrorUVCoord`).
pub const EDGE_CLIP_ERROR_UV_COORD: f64 = 2.25 * f64::EPSILON;
/// The maximum (u,v) distance error of [`clip_edge`]
/// (`kEdgeClipErrorUVDist`).
pub const EDGE_CLIP_ERROR_UV_DIST: f64 = 2.25 * f64::EPSILON;

/// An axis-aligned rectangle of the (u,v) plane (Google's `R2Rect`):
/// `bounds[axis] = [lo, hi]`, axis 0 = u, 1 = v. Empty when an interval
/// has `lo > hi`.
///
/// ```
/// use s2cells::geom::edge_clipping::R2Rect;
/// let r = R2Rect::from_point_pair([0.5, -0.25], [-0.5, 0.25]);
/// assert_eq!(r.bounds, [[-0.5, 0.5], [-0.25, 0.25]]);
/// assert!(r.intersects(&R2Rect::new([0.5, 1.0], [0.0, 1.0])));
/// assert!(R2Rect::empty().is_empty());
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct R2Rect {
    /// `[[u_lo, u_hi], [v_lo, v_hi]]`.
    pub bounds: [[f64; 2]; 2],
}

impl R2Rect {
    /// The rectangle `u × v`.
    ///
    /// ```
    /// let r = s2cells::geom::edge_clipping::R2Rect::new([0.0, 1.0], [2.0, 3.0]);
    /// assert_eq!(r.vertex(1, 0), [1.0, 2.0]);
    /// ```
    #[must_use]
    #[inline]
    pub const fn new(u: [f64; 2], v: [f64; 2]) -> Self {
        Self { bounds: [u, v] }
    }

    /// The empty rectangle.
    ///
    /// ```
    /// assert!(s2cells::geom::edge_clipping::R2Rect::empty().is_empty());
    /// ```
    #[must_use]
    #[inline]
    pub const fn empty() -> Self {
        Self::new([1.0, 0.0], [1.0, 0.0])
    }

    /// The smallest rectangle containing both points.
    ///
    /// ```
    /// use s2cells::geom::edge_clipping::R2Rect;
    /// assert_eq!(R2Rect::from_point_pair([1.0, 0.0], [0.0, 1.0]).bounds, [[0.0, 1.0], [0.0, 1.0]]);
    /// ```
    #[must_use]
    #[inline]
    pub fn from_point_pair(a: R2Point, b: R2Point) -> Self {
        let iv = |p: f64, q: f64| if p <= q { [p, q] } else { [q, p] };
        Self::new(iv(a[0], b[0]), iv(a[1], b[1]))
    }

    /// Whether the rectangle is empty.
    ///
    /// ```
    /// assert!(!s2cells::geom::edge_clipping::R2Rect::new([0.0, 0.0], [0.0, 0.0]).is_empty());
    /// ```
    #[must_use]
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.bounds[0][0] > self.bounds[0][1]
    }

    /// The vertex at the `i` end of u (0 = lo, 1 = hi) and the `j` end of v.
    ///
    /// ```
    /// let r = s2cells::geom::edge_clipping::R2Rect::new([0.0, 1.0], [2.0, 3.0]);
    /// assert_eq!(r.vertex(0, 1), [0.0, 3.0]);
    /// ```
    #[must_use]
    #[inline]
    pub fn vertex(&self, i: usize, j: usize) -> R2Point {
        [self.bounds[0][i], self.bounds[1][j]]
    }

    /// Whether the two closed rectangles share a point (Google's
    /// `R2Rect::Intersects`, interval by interval).
    ///
    /// ```
    /// use s2cells::geom::edge_clipping::R2Rect;
    /// let a = R2Rect::new([0.0, 1.0], [0.0, 1.0]);
    /// assert!(a.intersects(&R2Rect::new([1.0, 2.0], [1.0, 2.0])));
    /// assert!(!a.intersects(&R2Rect::new([1.5, 2.0], [0.0, 1.0])));
    /// ```
    #[must_use]
    #[inline]
    pub fn intersects(&self, o: &Self) -> bool {
        interval_intersects(self.bounds[0], o.bounds[0])
            && interval_intersects(self.bounds[1], o.bounds[1])
    }

    /// The rectangle grown by `margin` on every side (an empty one stays
    /// empty).
    ///
    /// ```
    /// let r = s2cells::geom::edge_clipping::R2Rect::new([0.0, 1.0], [0.0, 1.0]).expanded(0.5);
    /// assert_eq!(r.bounds, [[-0.5, 1.5], [-0.5, 1.5]]);
    /// ```
    #[must_use]
    #[inline]
    pub fn expanded(&self, margin: f64) -> Self {
        let e = |iv: [f64; 2]| {
            if iv[0] > iv[1] {
                iv
            } else {
                [iv[0] - margin, iv[1] + margin]
            }
        };
        let r = Self::new(e(self.bounds[0]), e(self.bounds[1]));
        if r.bounds[0][0] > r.bounds[0][1] || r.bounds[1][0] > r.bounds[1][1] {
            Self::empty()
        } else {
            r
        }
    }

    /// The smallest rectangle containing both (Google's `AddRect`).
    ///
    /// ```
    /// use s2cells::geom::edge_clipping::R2Rect;
    /// let r = R2Rect::empty().union(&R2Rect::new([0.0, 1.0], [2.0, 3.0]));
    /// assert_eq!(r.bounds, [[0.0, 1.0], [2.0, 3.0]]);
    /// ```
    #[must_use]
    #[inline]
    pub fn union(&self, o: &Self) -> Self {
        let u = |a: [f64; 2], b: [f64; 2]| {
            if a[0] > a[1] {
                b
            } else if b[0] > b[1] {
                a
            } else {
                [
                    if b[0] < a[0] { b[0] } else { a[0] },
                    if a[1] < b[1] { b[1] } else { a[1] },
                ]
            }
        };
        Self::new(
            u(self.bounds[0], o.bounds[0]),
            u(self.bounds[1], o.bounds[1]),
        )
    }
}

/// `R1Interval::Intersects`.
#[inline]
fn interval_intersects(x: [f64; 2], y: [f64; 2]) -> bool {
    if x[0] <= y[0] {
        y[0] <= x[1] && y[0] <= y[1]
    } else {
        x[0] <= y[1] && x[0] <= x[1]
    }
}

/// `R1Interval::Project`: the closest point of a non-empty interval.
#[inline]
pub(crate) fn project(iv: [f64; 2], p: f64) -> f64 {
    std_max(iv[0], std_min(iv[1], p))
}

/// C++'s `std::max(a, b)` (`a < b ? b : a`), which keeps `a` on ties and
/// so decides between 0.0 and -0.0 the way Google's code does.
#[inline]
pub(crate) fn std_max(a: f64, b: f64) -> f64 {
    if a < b { b } else { a }
}

/// C++'s `std::min(a, b)` (`b < a ? b : a`).
#[inline]
pub(crate) fn std_min(a: f64, b: f64) -> f64 {
    if b < a { b } else { a }
}

/// The part of an edge on one cube face, in that face's (u,v) coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FaceSegment {
    /// The face, 0..=5.
    pub face: u8,
    /// The start, in the face's (u,v).
    pub a: R2Point,
    /// The end, in the face's (u,v).
    pub b: R2Point,
}

/// `S2::FaceXYZtoUVW`: a vector in the (u, v, w) frame of `face` (w is the
/// face normal). Only sign flips and swaps, hence exact.
#[inline]
pub(crate) fn face_xyz_to_uvw(face: u8, p: &Point) -> Point {
    match face {
        0 => Point::new(p.y, p.z, p.x),
        1 => Point::new(-p.x, p.z, p.y),
        2 => Point::new(-p.x, -p.y, p.z),
        3 => Point::new(-p.z, -p.y, -p.x),
        4 => Point::new(-p.z, p.x, -p.y),
        _ => Point::new(p.y, p.x, -p.z),
    }
}

/// `S2::GetUVWFace(face, axis, direction)`: the face adjacent to `face` in
/// the direction of the given axis.
const UVW_FACES: [[[u8; 2]; 3]; 6] = [
    [[4, 1], [5, 2], [3, 0]],
    [[0, 3], [5, 2], [4, 1]],
    [[0, 3], [1, 4], [5, 2]],
    [[2, 5], [1, 4], [0, 3]],
    [[2, 5], [3, 0], [1, 4]],
    [[4, 1], [3, 0], [2, 5]],
];

#[inline]
fn uvw_face(face: u8, axis: usize, positive: bool) -> u8 {
    UVW_FACES[face as usize][axis][positive as usize]
}

/// Whether `u + v == w` exactly.
#[inline]
fn sum_equals(u: f64, v: f64, w: f64) -> bool {
    u + v == w && u == w - v && v == w - u
}

/// Whether the line with normal `n` (in a face's uvw frame) crosses the
/// face's square: `|nu| + |nv| >= |nw|`, evaluated exactly.
#[inline]
fn intersects_face(n: &Point) -> bool {
    let (u, v, w) = (n.x.abs(), n.y.abs(), n.z.abs());
    v >= w - u && u >= w - v
}

/// Whether the line crosses two opposite edges of the face:
/// `||nu| - |nv|| >= |nw|`, evaluated exactly.
#[inline]
fn intersects_opposite_edges(n: &Point) -> bool {
    let (u, v, w) = (n.x.abs(), n.y.abs(), n.z.abs());
    if (u - v).abs() != w {
        return (u - v).abs() >= w;
    }
    if u >= v { u - w >= v } else { v - w >= u }
}

/// The axis (0 = u, 1 = v) of the face edge where the line leaves the face.
#[inline]
fn exit_axis(n: &Point) -> usize {
    if intersects_opposite_edges(n) {
        usize::from(n.x.abs() >= n.y.abs())
    } else {
        // Adjacent edges: v if an even number of components is negative.
        let odd = n.x.is_sign_negative() ^ n.y.is_sign_negative() ^ n.z.is_sign_negative();
        usize::from(!odd)
    }
}

/// The (u,v) where the line leaves the face through the given axis.
#[inline]
fn exit_point(n: &Point, axis: usize) -> R2Point {
    if axis == 0 {
        let u = if n.y > 0.0 { 1.0 } else { -1.0 };
        [u, (-u * n.x - n.z) / n.y]
    } else {
        let v = if n.x < 0.0 { 1.0 } else { -1.0 };
        [(-v * n.y - n.z) / n.x, v]
    }
}

/// Reprojects the origin `a` of edge AB onto an adjacent face when the
/// computed line AB misses its face or leaves it behind `a`.
fn move_origin_to_valid_face(face: u8, a: &Point, ab: &Point, a_uv: &mut R2Point) -> u8 {
    let max_safe = 1.0 - FACE_CLIP_ERROR_UV_COORD;
    if std_max(a_uv[0].abs(), a_uv[1].abs()) <= max_safe {
        return face;
    }
    let n = face_xyz_to_uvw(face, ab);
    if intersects_face(&n) {
        let e = exit_point(&n, exit_axis(&n));
        let exit = face_uv_to_xyz(face, e[0], e[1]);
        let a_tangent = ab.normalize().cross(a);
        if (exit - *a).dot(&a_tangent) >= -FACE_CLIP_ERROR_RADIANS {
            return face;
        }
    }
    let face = if a_uv[0].abs() >= a_uv[1].abs() {
        uvw_face(face, 0, a_uv[0] > 0.0)
    } else {
        uvw_face(face, 1, a_uv[1] > 0.0)
    };
    let (u, v) = valid_face_xyz_to_uv(face, a);
    *a_uv = [
        std_max(-1.0, std_min(1.0, u)),
        std_max(-1.0, std_min(1.0, v)),
    ];
    face
}

/// The next face along AB after leaving `face` at `exit` through `axis`;
/// goes straight to `target_face` when AB leaves exactly through a corner
/// shared with it.
fn next_face(face: u8, exit: R2Point, axis: usize, n: &Point, target_face: u8) -> u8 {
    let other = 1 - axis;
    if exit[other].abs() == 1.0
        && uvw_face(face, other, exit[other] > 0.0) == target_face
        && sum_equals(exit[0] * n.x, exit[1] * n.y, -n.z)
    {
        return target_face;
    }
    uvw_face(face, axis, exit[axis] > 0.0)
}

/// Google's `S2::GetFaceSegments`: the pieces of edge AB on each face it
/// crosses, in order from A to B (1 to 6 of them). A and B are unit length.
///
/// ```
/// use s2cells::LatLng;
/// use s2cells::geom::edge_clipping::face_segments;
///
/// let a = LatLng::from_degrees(0.0, 40.0).to_point();
/// let b = LatLng::from_degrees(0.0, 50.0).to_point();
/// let segs = face_segments(&a, &b);
/// assert_eq!(segs.iter().map(|s| s.face).collect::<Vec<_>>(), [0, 1]);
/// assert_eq!(segs[0].b[0], 1.0);
/// ```
#[must_use]
pub fn face_segments(a: &Point, b: &Point) -> Vec<FaceSegment> {
    let mut out = Vec::with_capacity(2);
    let (a_face, au, av) = xyz_to_face_uv(a);
    let (b_face, bu, bv) = xyz_to_face_uv(b);
    let mut seg = FaceSegment {
        face: a_face,
        a: [au, av],
        b: [bu, bv],
    };
    if a_face == b_face {
        out.push(seg);
        return out;
    }
    let ab = robust_cross_prod(a, b);
    let a_face = move_origin_to_valid_face(a_face, a, &ab, &mut seg.a);
    let b_face = move_origin_to_valid_face(b_face, b, &-ab, &mut seg.b);
    seg.face = a_face;
    let b_saved = seg.b;
    let mut face = a_face;
    // A line crosses at most 6 faces; the bound only guards the loop.
    for _ in 0..6 {
        if face == b_face {
            break;
        }
        let n = face_xyz_to_uvw(face, &ab);
        let axis = exit_axis(&n);
        seg.b = exit_point(&n, axis);
        out.push(seg);
        let exit_xyz = face_uv_to_xyz(face, seg.b[0], seg.b[1]);
        face = next_face(face, seg.b, axis, &n, b_face);
        let exit_uvw = face_xyz_to_uvw(face, &exit_xyz);
        seg.face = face;
        seg.a = [exit_uvw.x, exit_uvw.y];
    }
    seg.b = b_saved;
    out.push(seg);
    out
}

/// Clips B' (where line AB leaves the face) against the segment; returns
/// Google's score (0..=3; AB misses the face when the two scores add to 3
/// or more) and writes the clipped endpoint.
#[allow(clippy::too_many_arguments)]
#[inline]
fn clip_destination(
    a: &Point,
    b: &Point,
    scaled_n: &Point,
    a_tangent: &Point,
    b_tangent: &Point,
    scale_uv: f64,
    uv: &mut R2Point,
) -> u32 {
    let max_safe = 1.0 - FACE_CLIP_ERROR_UV_COORD;
    if b.z > 0.0 {
        *uv = [b.x / b.z, b.y / b.z];
        if std_max(uv[0].abs(), uv[1].abs()) <= max_safe {
            return 0;
        }
    }
    let e = exit_point(scaled_n, exit_axis(scaled_n));
    *uv = [scale_uv * e[0], scale_uv * e[1]];
    let p = Point::new(uv[0], uv[1], 1.0);
    let mut score = 0;
    if (p - *a).dot(a_tangent) < 0.0 {
        score = 2;
    } else if (p - *b).dot(b_tangent) < 0.0 {
        score = 1;
    }
    if score > 0 {
        if b.z <= 0.0 {
            score = 3;
        } else {
            *uv = [b.x / b.z, b.y / b.z];
        }
    }
    score
}

/// Google's `S2::ClipToPaddedFace`: the part of edge AB inside the face
/// square grown to `[-1-padding, 1+padding]²`, as (u,v) endpoints, or
/// `None` when AB misses it. A and B are unit length; `padding >= 0`.
///
/// ```
/// use s2cells::LatLng;
/// use s2cells::geom::edge_clipping::clip_to_padded_face;
/// let a = LatLng::from_degrees(0.0, 44.0).to_point();
/// let b = LatLng::from_degrees(0.0, 44.9).to_point();
/// assert!(clip_to_padded_face(&a, &b, 1, 0.0).is_none());
/// assert!(clip_to_padded_face(&a, &b, 1, 0.05).is_some());
/// ```
#[must_use]
pub fn clip_to_padded_face(
    a_xyz: &Point,
    b_xyz: &Point,
    face_id: u8,
    padding: f64,
) -> Option<(R2Point, R2Point)> {
    if face(a_xyz) == face_id && face(b_xyz) == face_id {
        let (au, av) = valid_face_xyz_to_uv(face_id, a_xyz);
        let (bu, bv) = valid_face_xyz_to_uv(face_id, b_xyz);
        return Some(([au, av], [bu, bv]));
    }
    // The cross product must be taken in xyz (see Google's comment: the
    // robust product is not rotation invariant).
    let n = face_xyz_to_uvw(face_id, &robust_cross_prod(a_xyz, b_xyz));
    let a = face_xyz_to_uvw(face_id, a_xyz);
    let b = face_xyz_to_uvw(face_id, b_xyz);
    let scale_uv = 1.0 + padding;
    let scaled_n = Point::new(scale_uv * n.x, scale_uv * n.y, n.z);
    if !intersects_face(&scaled_n) {
        return None;
    }
    let n = n.normalize();
    let a_tangent = n.cross(&a);
    let b_tangent = b.cross(&n);
    let mut a_uv = [0.0; 2];
    let mut b_uv = [0.0; 2];
    let a_score = clip_destination(
        &b, &a, &-scaled_n, &b_tangent, &a_tangent, scale_uv, &mut a_uv,
    );
    let b_score = clip_destination(
        &a, &b, &scaled_n, &a_tangent, &b_tangent, scale_uv, &mut b_uv,
    );
    (a_score + b_score < 3).then_some((a_uv, b_uv))
}

/// Google's `S2::ClipToFace`: [`clip_to_padded_face`] with no padding.
///
/// ```
/// use s2cells::LatLng;
/// use s2cells::geom::edge_clipping::clip_to_face;
/// let a = LatLng::from_degrees(10.0, 10.0).to_point();
/// let b = LatLng::from_degrees(20.0, 20.0).to_point();
/// assert!(clip_to_face(&a, &b, 0).is_some());
/// assert!(clip_to_face(&a, &b, 2).is_none());
/// ```
#[must_use]
pub fn clip_to_face(a: &Point, b: &Point, face: u8) -> Option<(R2Point, R2Point)> {
    clip_to_padded_face(a, b, face, 0.0)
}

/// Google's `S2::IntersectsRect`: whether the (u,v) segment AB meets the
/// closed rectangle (wrong only within [`INTERSECTS_RECT_ERROR_UV_DIST`]).
///
/// ```
/// use s2cells::geom::edge_clipping::{intersects_rect, R2Rect};
/// let r = R2Rect::new([0.0, 1.0], [0.0, 1.0]);
/// assert!(intersects_rect([-1.0, 0.5], [2.0, 0.5], &r));
/// assert!(!intersects_rect([-1.0, 0.5], [0.0, 2.0], &r));
/// ```
#[must_use]
pub fn intersects_rect(a: R2Point, b: R2Point, rect: &R2Rect) -> bool {
    let bound = R2Rect::from_point_pair(a, b);
    if !rect.intersects(&bound) {
        return false;
    }
    // Ortho of (b - a) is (-(b - a).y, (b - a).x).
    let n = [-(b[1] - a[1]), b[0] - a[0]];
    let i = usize::from(n[0] >= 0.0);
    let j = usize::from(n[1] >= 0.0);
    let dot = |v: R2Point| n[0] * (v[0] - a[0]) + n[1] * (v[1] - a[1]);
    let max = dot(rect.vertex(i, j));
    let min = dot(rect.vertex(1 - i, 1 - j));
    max >= 0.0 && min <= 0.0
}

/// Google's `S2::InterpolateDouble`: the value at `x` of the line through
/// `(a, a1)` and `(b, b1)`, interpolated from the nearer end.
///
/// ```
/// use s2cells::geom::edge_clipping::interpolate_double;
/// assert_eq!(interpolate_double(0.5, 0.0, 1.0, 10.0, 20.0), 15.0);
/// ```
#[must_use]
#[inline]
pub fn interpolate_double(x: f64, a: f64, b: f64, a1: f64, b1: f64) -> f64 {
    if a == b {
        return a1;
    }
    if (a - x).abs() <= (b - x).abs() {
        a1 + (b1 - a1) * ((x - a) / (b - a))
    } else {
        b1 + (a1 - b1) * ((x - b) / (a - b))
    }
}

/// Tightens `bound[end]` toward `value`; false if the interval vanishes.
#[inline]
fn update_endpoint(bound: &mut [f64; 2], end: usize, value: f64) -> bool {
    if end == 0 {
        if bound[1] < value {
            return false;
        }
        if bound[0] < value {
            bound[0] = value;
        }
    } else {
        if bound[0] > value {
            return false;
        }
        if bound[1] > value {
            bound[1] = value;
        }
    }
    true
}

/// Clips axis `d0` of the edge's bound to `clip0`, moving the other axis's
/// matching endpoint along the edge.
#[allow(clippy::too_many_arguments)]
#[inline]
fn clip_bound_axis(
    a0: f64,
    b0: f64,
    bound0: &mut [f64; 2],
    a1: f64,
    b1: f64,
    bound1: &mut [f64; 2],
    diag: usize,
    clip0: [f64; 2],
) -> bool {
    if bound0[0] < clip0[0] {
        if bound0[1] < clip0[0] {
            return false;
        }
        bound0[0] = clip0[0];
        if !update_endpoint(bound1, diag, interpolate_double(clip0[0], a0, b0, a1, b1)) {
            return false;
        }
    }
    if bound0[1] > clip0[1] {
        if bound0[0] > clip0[1] {
            return false;
        }
        bound0[1] = clip0[1];
        if !update_endpoint(
            bound1,
            1 - diag,
            interpolate_double(clip0[1], a0, b0, a1, b1),
        ) {
            return false;
        }
    }
    true
}

/// Google's `S2::ClipEdgeBound`: shrinks `bound` (the bound of segment AB,
/// or of a part of it) to the part of AB inside `clip`; false (and `bound`
/// unspecified) when that part is empty.
///
/// ```
/// use s2cells::geom::edge_clipping::{clip_edge_bound, R2Rect};
/// let (a, b) = ([-1.0, -1.0], [1.0, 1.0]);
/// let mut bound = R2Rect::from_point_pair(a, b);
/// assert!(clip_edge_bound(a, b, &R2Rect::new([0.0, 2.0], [-2.0, 0.5]), &mut bound));
/// assert_eq!(bound.bounds, [[0.0, 0.5], [0.0, 0.5]]);
/// ```
pub fn clip_edge_bound(a: R2Point, b: R2Point, clip: &R2Rect, bound: &mut R2Rect) -> bool {
    let diag = usize::from((a[0] > b[0]) != (a[1] > b[1]));
    let [b0, b1] = &mut bound.bounds;
    clip_bound_axis(a[0], b[0], b0, a[1], b[1], b1, diag, clip.bounds[0])
        && clip_bound_axis(a[1], b[1], b1, a[0], b[0], b0, diag, clip.bounds[1])
}

/// Google's `S2::GetClippedEdgeBound`: the bound of the part of AB inside
/// `clip` (empty when there is none).
///
/// ```
/// use s2cells::geom::edge_clipping::{clipped_edge_bound, R2Rect};
/// let r = clipped_edge_bound([-1.0, -1.0], [1.0, 1.0], &R2Rect::new([0.0, 2.0], [0.0, 2.0]));
/// assert_eq!(r.bounds, [[0.0, 1.0], [0.0, 1.0]]);
/// ```
#[must_use]
pub fn clipped_edge_bound(a: R2Point, b: R2Point, clip: &R2Rect) -> R2Rect {
    let mut bound = R2Rect::from_point_pair(a, b);
    if clip_edge_bound(a, b, clip, &mut bound) {
        bound
    } else {
        R2Rect::empty()
    }
}

/// Google's `S2::ClipEdge`: the part of (u,v) segment AB inside `clip`, as
/// its two endpoints in AB's direction, or `None`.
///
/// ```
/// use s2cells::geom::edge_clipping::{clip_edge, R2Rect};
/// let c = clip_edge([-1.0, 0.0], [1.0, 0.0], &R2Rect::new([-0.5, 0.5], [-1.0, 1.0]));
/// assert_eq!(c, Some(([-0.5, 0.0], [0.5, 0.0])));
/// ```
#[must_use]
pub fn clip_edge(a: R2Point, b: R2Point, clip: &R2Rect) -> Option<(R2Point, R2Point)> {
    let mut bound = R2Rect::from_point_pair(a, b);
    if clip_edge_bound(a, b, clip, &mut bound) {
        let ai = usize::from(a[0] > b[0]);
        let aj = usize::from(a[1] > b[1]);
        Some((bound.vertex(ai, aj), bound.vertex(1 - ai, 1 - aj)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LatLng;

    #[test]
    fn constants() {
        assert_eq!(FACE_CLIP_ERROR_UV_COORD, 9.0 * FRAC_1_SQRT_2 * f64::EPSILON);
    }

    #[test]
    fn segments_chain_faces() {
        // From face 0 across face 1 to face 3 (lng 0 -> ~179 the long way
        // is not taken; a geodesic through the pole region instead).
        let a = LatLng::from_degrees(10.0, 0.0).to_point();
        let b = LatLng::from_degrees(10.0, 170.0).to_point();
        let segs = face_segments(&a, &b);
        assert!(segs.len() >= 2);
        assert_eq!(segs.first().map(|s| s.face), Some(0));
        assert_eq!(segs.last().map(|s| s.face), Some(3));
        for s in &segs {
            assert!(s.a[0].abs() <= 1.0 && s.a[1].abs() <= 1.0);
            assert!(s.b[0].abs() <= 1.0 && s.b[1].abs() <= 1.0);
        }
    }

    #[test]
    fn clip_edge_bound_rejects() {
        let mut bound = R2Rect::from_point_pair([0.0, 0.0], [1.0, 1.0]);
        assert!(!clip_edge_bound(
            [0.0, 0.0],
            [1.0, 1.0],
            &R2Rect::new([0.8, 1.0], [0.0, 0.2]),
            &mut bound
        ));
    }
}
