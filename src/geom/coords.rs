//! The coordinate systems behind cell ids, and the transforms between them.
//!
//! | name  | range          | meaning                                              |
//! |-------|----------------|------------------------------------------------------|
//! | xyz   | unit sphere    | a [`Point`]                                          |
//! | face  | 0..=5          | the cube face the point projects onto                |
//! | (u,v) | [-1, 1]²       | gnomonic coordinates on that face                    |
//! | (s,t) | [0, 1]²        | (u,v) through Google's quadratic projection, which   |
//! |       |                | makes cells of one level nearly equal in area        |
//! | (i,j) | 0..2³⁰         | leaf-cell coordinates: (s,t) scaled and rounded down |
//! | si/ti | 0..=2³¹        | half-leaf coordinates, to name cell centers exactly  |
//!
//! Every function matches Google's `s2coords` to the bit; the comments say
//! where the exact operation order matters. As in Google's library, the
//! projection sits below the cells and the edge clipping that both use it:
//! `cell` builds ids from it, `edge_clipping` clips edges with it.

use super::{Point, select};

/// The number of levels below a face cell.
pub const MAX_LEVEL: u8 = 30;
/// The number of leaf cells along an edge of a face, 2³⁰.
pub(crate) const MAX_SIZE: u32 = 1 << MAX_LEVEL;
/// The (i,j) limit, equal to [`MAX_SIZE`].
pub(crate) const LIMIT_IJ: u32 = MAX_SIZE;
/// The largest si/ti value, 2³¹.
pub(crate) const MAX_SI_TI: u32 = 1 << (MAX_LEVEL + 1);

/// (s or t) to (u or v), Google's quadratic projection.
#[inline]
pub(crate) fn st_to_uv(s: f64) -> f64 {
    if s >= 0.5 {
        (1.0 / 3.0) * (4.0 * s * s - 1.0)
    } else {
        (1.0 / 3.0) * (1.0 - 4.0 * (1.0 - s) * (1.0 - s))
    }
}

/// [`st_to_uv`] with selects rather than a branch, to the bit, for cells
/// in no particular order (cell centers): a random cell's side of the face
/// center is a coin toss to the branch predictor. Where cells come in
/// order (the coverer's children), the branch predicts well and is
/// cheaper (BENCHMARKS.md, "What each trick bought").
///
/// Rounding is symmetric under negation, so the lower arm is the upper
/// arm's formula on `1 - s`, negated; `0.0 - r` negates except that it
/// keeps `+0.0` where `1 - 4a²` rounds to zero.
#[inline]
pub(crate) fn st_to_uv_unordered(s: f64) -> f64 {
    let upper = s >= 0.5;
    let a = select(upper, s, 1.0 - s);
    let r = (1.0 / 3.0) * (4.0 * a * a - 1.0);
    select(upper, r, 0.0 - r)
}

/// (u or v) to (s or t), the inverse of [`st_to_uv`].
#[inline]
pub(crate) fn uv_to_st(u: f64) -> f64 {
    if u >= 0.0 {
        0.5 * (1.0 + 3.0 * u).sqrt()
    } else {
        1.0 - 0.5 * (1.0 - 3.0 * u).sqrt()
    }
}

/// (s or t) to the leaf (i or j) containing it, clamped to the face.
///
/// Google computes `lround(2³⁰ s - 0.5)`; `f64::round` rounds half away
/// from zero exactly like `lround`, and the subtraction is done first so
/// that the rounding happens at the same place.
#[inline]
pub(crate) fn st_to_ij(s: f64) -> u32 {
    let r = (LIMIT_IJ as f64 * s - 0.5).round();
    // `as` saturates (NaN becomes 0), then the clamp keeps us on the face.
    (r as i64).clamp(0, LIMIT_IJ as i64 - 1) as u32
}

/// The minimum (s or t) of the leaf cell (i or j), `i / 2³⁰`. Also valid
/// for i = 2³⁰, which gives the upper bound of the last leaf cell.
#[inline]
pub(crate) fn ij_to_st_min(i: u32) -> f64 {
    (1.0 / LIMIT_IJ as f64) * i as f64
}

/// si or ti to (s or t), `si / 2³¹`.
#[inline]
pub(crate) fn si_ti_to_st(si: u32) -> f64 {
    (1.0 / MAX_SI_TI as f64) * si as f64
}

/// (face, u, v) to an xyz point (not unit length).
#[inline]
pub(crate) fn face_uv_to_xyz(face: u8, u: f64, v: f64) -> Point {
    match face {
        0 => Point::new(1.0, u, v),
        1 => Point::new(-u, 1.0, v),
        2 => Point::new(-u, -v, 1.0),
        3 => Point::new(-1.0, -v, -u),
        4 => Point::new(v, -1.0, -u),
        _ => Point::new(v, u, -1.0),
    }
}

/// The face a point projects onto: the axis of its largest absolute
/// coordinate, plus 3 when that coordinate is negative.
#[inline]
pub(crate) fn face(p: &Point) -> u8 {
    let axis = p.largest_abs_component();
    if p.coord(axis) < 0.0 {
        axis as u8 + 3
    } else {
        axis as u8
    }
}

/// (u,v) of a point on a given face; valid only when the point projects
/// onto that face (its dot product with the face normal is positive).
#[inline]
pub(crate) fn valid_face_xyz_to_uv(face: u8, p: &Point) -> (f64, f64) {
    match face {
        0 => (p.y / p.x, p.z / p.x),
        1 => (-p.x / p.y, p.z / p.y),
        2 => (-p.x / p.z, -p.y / p.z),
        3 => (p.z / p.x, p.y / p.x),
        4 => (p.z / p.y, -p.x / p.y),
        _ => (-p.y / p.z, -p.x / p.z),
    }
}

/// The face and (u,v) of a point.
#[inline]
pub(crate) fn xyz_to_face_uv(p: &Point) -> (u8, f64, f64) {
    let f = face(p);
    let (u, v) = valid_face_xyz_to_uv(f, p);
    (f, u, v)
}

/// The (si, ti) of a face to an xyz point (not unit length).
#[inline]
pub(crate) fn face_si_ti_to_xyz(face: u8, si: u32, ti: u32) -> Point {
    let u = st_to_uv_unordered(si_ti_to_st(si));
    let v = st_to_uv_unordered(si_ti_to_st(ti));
    face_uv_to_xyz(face, u, v)
}

/// The outward normal of the plane through the origin containing the
/// face's line of constant `u` (Google's `GetUNorm`; not unit length).
#[inline]
pub(crate) fn u_norm(face: u8, u: f64) -> Point {
    match face {
        0 => Point::new(u, -1.0, 0.0),
        1 => Point::new(1.0, u, 0.0),
        2 => Point::new(1.0, 0.0, u),
        3 => Point::new(-u, 0.0, 1.0),
        4 => Point::new(0.0, -u, 1.0),
        _ => Point::new(0.0, -1.0, -u),
    }
}

/// The normal of the plane of constant `v` (Google's `GetVNorm`).
#[inline]
pub(crate) fn v_norm(face: u8, v: f64) -> Point {
    match face {
        0 => Point::new(-v, 0.0, 1.0),
        1 => Point::new(0.0, -v, 1.0),
        2 => Point::new(0.0, -1.0, -v),
        3 => Point::new(v, -1.0, 0.0),
        4 => Point::new(1.0, v, 0.0),
        _ => Point::new(1.0, 0.0, v),
    }
}

/// The z coordinate of the face's u axis and v axis (the only coordinate
/// a cell's latitude bound needs): zero for the axes that lie in the
/// equatorial plane.
// One arm per face, as Google's per-face switches are written.
#[allow(clippy::match_same_arms)]
#[inline]
pub(crate) fn uv_axes_z(face: u8) -> (f64, f64) {
    match face {
        0 => (0.0, 1.0),
        1 => (0.0, 1.0),
        2 => (0.0, 0.0),
        3 => (-1.0, 0.0),
        4 => (-1.0, 0.0),
        _ => (0.0, 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projections_invert() {
        for k in 0..=1000 {
            let s = k as f64 / 1000.0;
            assert!((uv_to_st(st_to_uv(s)) - s).abs() < 1e-15);
        }
        assert_eq!(st_to_uv(0.0), -1.0);
        assert_eq!(st_to_uv(1.0), 1.0);
        assert_eq!(st_to_uv(0.5), 0.0);
    }

    #[test]
    fn st_to_uv_unordered_is_googles_two_arms() {
        // Google's form, bit for bit: near 0.5 (including 0.5 - 2⁻⁵⁴, where
        // 1 - s rounds to 0.5 and the lower arm gives +0.0), at the ends,
        // signed zeros, and random values.
        let mut inputs = vec![0.0, -0.0, 1.0, 0.25, 0.75, 0.5 - 2f64.powi(-54)];
        let mut s = 0.5f64;
        let mut t = 0.5f64;
        for _ in 0..64 {
            inputs.extend([s, t]);
            s = s.next_up();
            t = t.next_down();
        }
        let mut state = 7;
        inputs.extend((0..100_000).map(|_| crate::test_rng::next(&mut state)));
        for s in inputs {
            assert_eq!(
                st_to_uv_unordered(s).to_bits(),
                st_to_uv(s).to_bits(),
                "{s:e}"
            );
        }
        assert!(st_to_uv_unordered(f64::NAN).is_nan());
    }

    #[test]
    fn st_to_ij_clamps() {
        assert_eq!(st_to_ij(-1.0), 0);
        assert_eq!(st_to_ij(0.0), 0);
        assert_eq!(st_to_ij(1.0), MAX_SIZE - 1);
        assert_eq!(st_to_ij(2.0), MAX_SIZE - 1);
        assert_eq!(st_to_ij(f64::NAN), 0);
    }

    #[test]
    fn faces_round_trip() {
        for f in 0..6 {
            let p = face_uv_to_xyz(f, 0.25, -0.5);
            assert_eq!(xyz_to_face_uv(&p), (f, 0.25, -0.5));
            let (uz, vz) = uv_axes_z(f);
            let u_axis = face_uv_to_xyz(f, 1.0, 0.0) - face_uv_to_xyz(f, 0.0, 0.0);
            let v_axis = face_uv_to_xyz(f, 0.0, 1.0) - face_uv_to_xyz(f, 0.0, 0.0);
            assert_eq!((u_axis.z, v_axis.z), (uz, vz));
            // u_norm is perpendicular to the points of constant u.
            let n = u_norm(f, 0.3);
            assert!(n.dot(&face_uv_to_xyz(f, 0.3, 0.7)).abs() < 1e-15);
            let n = v_norm(f, 0.3);
            assert!(n.dot(&face_uv_to_xyz(f, -0.6, 0.3)).abs() < 1e-15);
        }
    }
}
