//! Angles, areas, curvature and centroids of triangles and vertex loops,
//! as Google's `s2measures` and `s2loop_measures` compute them (same
//! formulas, same order of operations, so the same bits). The one home of
//! these formulas: cells (two triangles), loops and polygons all measure
//! through here.

use std::cmp::Ordering;
use std::f64::consts::PI;

use super::predicates::{lex_cmp, sign};
use super::robust_cross::robust_cross_prod;
use super::{Point, remainder};

const DBL_EPSILON: f64 = f64::EPSILON;

/// `loop[i]` for `i` in `0..2n` (Google's `S2PointLoopSpan` indexing).
#[inline]
fn at(v: &[Point], i: usize) -> &Point {
    let n = v.len();
    if i >= n { &v[i - n] } else { &v[i] }
}

/// The angle between two vectors, `atan2(|a × b|, a · b)`.
#[inline]
fn angle(a: &Point, b: &Point) -> f64 {
    a.angle(b)
}

/// The exterior angle at `b` of the path `a, b, c`: positive for a left
/// turn (Google's `S2::TurnAngle`).
pub(crate) fn turn_angle(a: &Point, b: &Point, c: &Point) -> f64 {
    let ang = angle(&robust_cross_prod(a, b), &robust_cross_prod(b, c));
    if sign(a, b, c) > 0 { ang } else { -ang }
}

/// `2 atan2(|a - b|, |a + b|)`: Kahan's angle formula, which keeps its
/// precision for nearly parallel unit vectors, unlike `atan2(|a×b|, a·b)`.
fn stable_angle(a: &Point, b: &Point) -> f64 {
    2.0 * (*a - *b).norm().atan2((*a + *b).norm())
}

/// The area of the triangle by Girard's formula (Google's `S2::GirardArea`).
fn girard_area(a: &Point, b: &Point, c: &Point) -> f64 {
    let ab = robust_cross_prod(a, b);
    let bc = robust_cross_prod(b, c);
    let ac = robust_cross_prod(a, c);
    (angle(&ab, &ac) - angle(&ab, &bc) + angle(&bc, &ac)).max(0.0)
}

/// The (unsigned) area of a triangle of unit vectors: l'Huilier's formula
/// except for long skinny triangles, where Girard's is more accurate
/// (Google's `S2::Area`).
pub(crate) fn triangle_area(a: &Point, b: &Point, c: &Point) -> f64 {
    let sa = stable_angle(b, c);
    let sb = stable_angle(c, a);
    let sc = stable_angle(a, b);
    let s = 0.5 * (sa + sb + sc);
    if s >= 3e-4 {
        // Consider Girard's formula for skinny triangles; the test adds the
        // approximate maximum Girard error so that it is conservative.
        let s2 = s * s;
        let dmin = s - sa.max(sb.max(sc));
        if dmin < 1e-2 * s * s2 * s2 {
            let area = girard_area(a, b, c);
            if dmin < s * (0.1 * (area + 5e-15)) {
                return area;
            }
        }
    }
    4.0 * (0.0f64
        .max(
            (0.5 * s).tan()
                * (0.5 * (s - sa)).tan()
                * (0.5 * (s - sb)).tan()
                * (0.5 * (s - sc)).tan(),
        )
        .sqrt())
    .atan()
}

/// The signed area: positive when `a, b, c` is counter-clockwise.
pub(crate) fn signed_area(a: &Point, b: &Point, c: &Point) -> f64 {
    f64::from(sign(a, b, c)) * triangle_area(a, b, c)
}

/// Sums `f` over a fan of triangles covering the loop with the right signs,
/// moving the fan's origin whenever an edge would get close to 180 degrees
/// (Google's `GetSurfaceIntegral`); `emit` receives each triangle's value
/// in Google's order, so the caller's summation decides the rounding.
pub(crate) fn surface_integral<T, F>(v: &[Point], f: F, mut emit: impl FnMut(T))
where
    F: Fn(&Point, &Point, &Point) -> T,
{
    const MAX_LENGTH: f64 = PI - 1e-5;
    if v.len() < 3 {
        return;
    }
    let mut origin = v[0];
    for i in 1..v.len() - 1 {
        if angle(&v[i + 1], &origin) > MAX_LENGTH {
            let old_origin = origin;
            if origin == v[0] {
                origin = robust_cross_prod(&v[0], &v[i]).normalize();
            } else if angle(&v[i], &v[0]) < MAX_LENGTH {
                origin = v[0];
            } else {
                origin = v[0].cross(&old_origin);
                emit(f(&v[0], &old_origin, &origin));
            }
            emit(f(&old_origin, &v[i], &origin));
        }
        emit(f(&origin, &v[i], &v[i + 1]));
    }
    if origin != v[0] {
        emit(f(&origin, &v[v.len() - 1], &v[0]));
    }
}

/// The loop with degenerate parts removed (duplicate vertices, `A B A`
/// spikes), as Google's `PruneDegeneracies`; empty if nothing is left.
fn prune_degeneracies(loop_: &[Point]) -> Vec<Point> {
    let mut v: Vec<Point> = Vec::with_capacity(loop_.len());
    for p in loop_ {
        if v.last() != Some(p) {
            if v.len() >= 2 && *p == v[v.len() - 2] {
                v.pop();
            } else {
                v.push(*p);
            }
        }
    }
    if v.len() < 3 {
        return Vec::new();
    }
    if v[0] == v[v.len() - 1] {
        v.pop();
    }
    let mut k = 0;
    while v[k + 1] == v[v.len() - 1 - k] {
        k += 1;
    }
    v[k..v.len() - k].to_vec()
}

/// `(first, dir)`: the start and direction that give the lexicographically
/// smallest vertex sequence (Google's `GetCanonicalLoopOrder`), so that
/// sums do not depend on where the loop starts.
fn canonical_loop_order(v: &[Point]) -> (usize, isize) {
    let n = v.len();
    if n == 0 {
        return (0, 1);
    }
    let mut min_indices = vec![0usize];
    for i in 1..n {
        match lex_cmp(&v[i], &v[min_indices[0]]) {
            Ordering::Less => {
                min_indices.clear();
                min_indices.push(i);
            }
            Ordering::Equal => min_indices.push(i),
            Ordering::Greater => {}
        }
    }
    let less = |o1: (usize, isize), o2: (usize, isize)| -> bool {
        if o1 == o2 {
            return false;
        }
        let (mut i1, mut i2) = (o1.0 as isize, o2.0 as isize);
        for _ in 1..n {
            i1 += o1.1;
            i2 += o2.1;
            match lex_cmp(at(v, i1 as usize), at(v, i2 as usize)) {
                Ordering::Less => return true,
                Ordering::Greater => return false,
                Ordering::Equal => {}
            }
        }
        false
    };
    let mut min_order = (min_indices[0], 1);
    for &m in &min_indices {
        let o1 = (m, 1);
        let o2 = (m + n, -1);
        if less(o1, min_order) {
            min_order = o1;
        }
        if less(o2, min_order) {
            min_order = o2;
        }
    }
    min_order
}

/// The geodesic curvature (sum of turning angles): 2π minus the area for a
/// loop, in `[-2π, 2π]` (Google's `S2::GetCurvature`, Kahan summation in
/// canonical order).
pub(crate) fn curvature(loop_: &[Point]) -> f64 {
    if loop_.is_empty() {
        return -2.0 * PI;
    }
    let v = prune_degeneracies(loop_);
    if v.is_empty() {
        return 2.0 * PI;
    }
    let (first, dir) = canonical_loop_order(&v);
    let n = v.len();
    let mut i = first as isize;
    let idx = |i: isize| -> &Point { at(&v, i as usize) };
    let mut sum = turn_angle(
        &v[((i + n as isize - dir) as usize) % n],
        &v[i as usize % n],
        &v[((i + dir) as usize) % n],
    );
    let mut compensation = 0.0;
    for _ in 1..n {
        i += dir;
        let mut a = turn_angle(idx(i - dir), idx(i), idx(i + dir));
        let old_sum = sum;
        a += compensation;
        sum += a;
        compensation = (old_sum - sum) + a;
    }
    const MAX_CURVATURE: f64 = 2.0 * PI - 4.0 * DBL_EPSILON;
    sum += compensation;
    (-MAX_CURVATURE).max(MAX_CURVATURE.min(dir as f64 * sum))
}

/// The bound Google puts on the error of [`curvature`] and of the signed
/// area: 9.73 ε per vertex.
pub(crate) fn curvature_max_error(loop_: &[Point]) -> f64 {
    9.73 * DBL_EPSILON * loop_.len() as f64
}

/// The signed area in `[-2π, 2π]`: positive for a counter-clockwise loop
/// enclosing less than half the sphere (Google's `S2::GetSignedArea`).
pub(crate) fn signed_loop_area(loop_: &[Point]) -> f64 {
    // Kahan summation (Google's `KahanSum`: the compensation is not added
    // back at the end).
    let (mut area, mut err) = (0.0f64, 0.0f64);
    surface_integral(loop_, signed_area, |value: f64| {
        let tmp1 = value - err;
        let tmp2 = area + tmp1;
        err = (tmp2 - area) - tmp1;
        area = tmp2;
    });
    let max_error = curvature_max_error(loop_);
    let area = remainder(area, 4.0 * PI);
    if area.abs() <= max_error {
        let c = curvature(loop_);
        if c == 2.0 * PI {
            return 0.0;
        }
        if area <= 0.0 && c > 0.0 {
            return f64::MIN_POSITIVE;
        }
        if area >= 0.0 && c < 0.0 {
            return -f64::MIN_POSITIVE;
        }
    }
    area
}

/// The area enclosed by the loop, in `[0, 4π]` (Google's `S2::GetArea`).
pub(crate) fn loop_area(loop_: &[Point]) -> f64 {
    let area = signed_loop_area(loop_);
    if area < 0.0 { area + 4.0 * PI } else { area }
}

/// The true centroid of a triangle times its area, the integral of
/// position over it (Google's `S2::TrueCentroid`).
fn true_centroid(a: &Point, b: &Point, c: &Point) -> Point {
    // The centroid of the three arcs' "area-weighted" contributions:
    // (1/2) Σ (angle of the edge) · (unit normal of the edge's plane).
    let angle_a = b.angle(c);
    let angle_b = c.angle(a);
    let angle_c = a.angle(b);
    let ra = if angle_a == 0.0 {
        1.0
    } else {
        angle_a / angle_a.sin()
    };
    let rb = if angle_b == 0.0 {
        1.0
    } else {
        angle_b / angle_b.sin()
    };
    let rc = if angle_c == 0.0 {
        1.0
    } else {
        angle_c / angle_c.sin()
    };
    // Solve for the centroid relative to a to keep precision on small
    // triangles.
    let x = Point::new(a.x, b.x - a.x, c.x - a.x);
    let y = Point::new(a.y, b.y - a.y, c.y - a.y);
    let z = Point::new(a.z, b.z - a.z, c.z - a.z);
    let r = Point::new(ra, rb - ra, rc - ra);
    Point::new(
        y.cross(&z).dot(&r),
        z.cross(&x).dot(&r),
        x.cross(&y).dot(&r),
    ) * 0.5
}

/// The integral of position over the loop's interior (Google's
/// `S2::GetCentroid`): the centroid times the area, not unit length.
pub(crate) fn loop_centroid(loop_: &[Point]) -> Point {
    let mut sum = Point::default();
    surface_integral(loop_, true_centroid, |t: Point| sum = sum + t);
    sum
}
