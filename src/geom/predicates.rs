//! Exact geometric predicates: the orientation of three points, with
//! Google's `s2pred::Sign` semantics.
//!
//! [`sign`] is exact: it returns the sign of the determinant `det(a, b, c)`
//! of the three vectors as given (not of rounded arithmetic), and when that
//! determinant is exactly zero it breaks the tie by a symbolic perturbation
//! of the points ("simulation of simplicity"), the same one Google uses. So
//! `sign(a, b, c) == -sign(b, a, c)`, the sign is invariant under rotation
//! of the arguments, and it is 0 only when two of the points are equal.
//!
//! It gets there in three steps, each taken only when the previous one is
//! unsure: the plain floating-point determinant with a proven error bound
//! (Google's `TriageSign`), a better conditioned floating-point form
//! (`StableSign`), and exact arithmetic on the doubles' exact values.

use std::cmp::Ordering;

use super::Point;
use super::exact::Exact;

const DBL_EPSILON: f64 = f64::EPSILON;

/// The lexicographic order on `(x, y, z)` Google's `Vector3::operator<` uses
/// (so `-0.0` and `0.0` compare equal).
pub(crate) fn lex_cmp(a: &Point, b: &Point) -> Ordering {
    for (u, v) in [(a.x, b.x), (a.y, b.y), (a.z, b.z)] {
        if u < v {
            return Ordering::Less;
        }
        if v < u {
            return Ordering::Greater;
        }
    }
    Ordering::Equal
}

/// The orientation of the triangle `abc`: +1 if the points are counter-
/// clockwise (`det(a, b, c) > 0`), -1 if clockwise, and 0 only when two of
/// them are equal. Collinear points get a consistent non-zero answer by
/// Google's symbolic perturbation, exactly as `s2pred::Sign` gives it.
///
/// The points should be unit length (the fast path's error bound assumes a
/// norm of at most √2; longer vectors may get Google's answer, which is
/// then not necessarily the exact one).
///
/// ```
/// use s2cells::geom::predicates::sign;
/// use s2cells::Point;
///
/// let (x, y, z) = (Point::new(1.0, 0.0, 0.0), Point::new(0.0, 1.0, 0.0), Point::new(0.0, 0.0, 1.0));
/// assert_eq!(sign(&x, &y, &z), 1);
/// assert_eq!(sign(&y, &x, &z), -1);
/// // Three points on the equator are collinear; the perturbation decides.
/// let w = Point::new(-1.0, 0.0, 0.0);
/// assert_eq!(sign(&x, &y, &w), -sign(&y, &x, &w));
/// assert_ne!(sign(&x, &y, &w), 0);
/// assert_eq!(sign(&x, &x, &y), 0);
/// ```
#[must_use]
pub fn sign(a: &Point, b: &Point, c: &Point) -> i32 {
    sign_with_cross(a, b, c, &a.cross(b))
}

/// [`sign`] given `a_cross_b == a.cross(b)` (computed with `Point::cross`).
#[must_use]
pub(crate) fn sign_with_cross(a: &Point, b: &Point, c: &Point, a_cross_b: &Point) -> i32 {
    let s = triage_sign(a, b, c, a_cross_b);
    if s != 0 {
        return s;
    }
    expensive_sign(a, b, c, true)
}

/// The sign of `det(a, b, c)` when the plain floating-point evaluation is
/// certain of it, else 0 (Google's `TriageSign`; its bound 3.6548 ε holds
/// for vectors of norm up to √2).
#[must_use]
#[inline]
pub(crate) fn triage_sign(_a: &Point, _b: &Point, c: &Point, a_cross_b: &Point) -> i32 {
    const MAX_DET_ERROR: f64 = 3.6548 * DBL_EPSILON;
    let det = a_cross_b.dot(c);
    if det > MAX_DET_ERROR {
        1
    } else if det < -MAX_DET_ERROR {
        -1
    } else {
        0
    }
}

/// The determinant's sign by a better conditioned floating-point formula
/// (the cross product of the two shortest edges), or 0 when that too is
/// unsure (Google's `StableSign`).
fn stable_sign(a: &Point, b: &Point, c: &Point) -> i32 {
    let ab = *b - *a;
    let bc = *c - *b;
    let ca = *a - *c;
    let ab2 = ab.norm2();
    let bc2 = bc.norm2();
    let ca2 = ca.norm2();
    // |error| <= (3 + 6/sqrt(3)) * |A-C| * |B-C| * (DBL_EPSILON / 2).
    const DET_ERROR_MULTIPLIER: f64 = 3.2321 * DBL_EPSILON;
    let (det, max_error) = if ab2 >= bc2 && ab2 >= ca2 {
        (
            -(ca.cross(&bc).dot(c)),
            DET_ERROR_MULTIPLIER * (ca2 * bc2).sqrt(),
        )
    } else if bc2 >= ca2 {
        (
            -(ab.cross(&ca).dot(a)),
            DET_ERROR_MULTIPLIER * (ab2 * ca2).sqrt(),
        )
    } else {
        (
            -(bc.cross(&ab).dot(b)),
            DET_ERROR_MULTIPLIER * (bc2 * ab2).sqrt(),
        )
    };
    // Below this the products may have underflowed.
    let min_no_underflow_error = DET_ERROR_MULTIPLIER * f64::MIN_POSITIVE.sqrt();
    if max_error < min_no_underflow_error {
        return 0;
    }
    if det.abs() <= max_error {
        0
    } else if det > 0.0 {
        1
    } else {
        -1
    }
}

/// The sign of `det(a, b, c)` without the fast path: 0 iff two points are
/// equal (or, with `perturb == false`, iff the exact determinant is zero).
/// Unlike [`sign`] the points need not be unit length. Google's
/// `ExpensiveSign`.
///
/// ```
/// use s2cells::geom::predicates::expensive_sign;
/// use s2cells::Point;
///
/// let (a, b, c) = (Point::new(1.0, 0.0, 0.0), Point::new(0.0, 1.0, 0.0), Point::new(-1.0, 0.0, 0.0));
/// assert_eq!(expensive_sign(&a, &b, &c, false), 0);
/// assert_ne!(expensive_sign(&a, &b, &c, true), 0);
/// ```
#[must_use]
pub fn expensive_sign(a: &Point, b: &Point, c: &Point, perturb: bool) -> i32 {
    if a == b || b == c || c == a {
        return 0;
    }
    let s = stable_sign(a, b, c);
    if s != 0 {
        return s;
    }
    exact_sign(a, b, c, perturb)
}

fn to_exact(p: &Point) -> [Exact; 3] {
    [
        Exact::from_f64(p.x),
        Exact::from_f64(p.y),
        Exact::from_f64(p.z),
    ]
}

pub(crate) fn exact_cross(a: &[Exact; 3], b: &[Exact; 3]) -> [Exact; 3] {
    [
        a[1].mul(&b[2]).sub(&a[2].mul(&b[1])),
        a[2].mul(&b[0]).sub(&a[0].mul(&b[2])),
        a[0].mul(&b[1]).sub(&a[1].mul(&b[0])),
    ]
}

fn exact_dot(a: &[Exact; 3], b: &[Exact; 3]) -> Exact {
    a[0].mul(&b[0]).add(&a[1].mul(&b[1])).add(&a[2].mul(&b[2]))
}

/// The exact determinant's sign, then the symbolic perturbation when it is
/// zero. The points must be distinct.
fn exact_sign(a: &Point, b: &Point, c: &Point, perturb: bool) -> i32 {
    // Sort the points lexicographically (the perturbation model ranks them
    // so), each swap flipping the sign.
    let (mut pa, mut pb, mut pc) = (a, b, c);
    let mut perm_sign = 1;
    if lex_cmp(pa, pb) == Ordering::Greater {
        std::mem::swap(&mut pa, &mut pb);
        perm_sign = -perm_sign;
    }
    if lex_cmp(pb, pc) == Ordering::Greater {
        std::mem::swap(&mut pb, &mut pc);
        perm_sign = -perm_sign;
    }
    if lex_cmp(pa, pb) == Ordering::Greater {
        std::mem::swap(&mut pa, &mut pb);
        perm_sign = -perm_sign;
    }
    let xa = to_exact(pa);
    let xb = to_exact(pb);
    let xc = to_exact(pc);
    let b_cross_c = exact_cross(&xb, &xc);
    let det = exact_dot(&xa, &b_cross_c);
    let mut s = det.sgn();
    if s == 0 && perturb {
        s = symbolically_perturbed_sign(&xa, &xb, &xc, &b_cross_c);
    }
    perm_sign * s
}

/// The sign of the determinant of `a < b < c` (lexicographically) after
/// each coordinate gets its own infinitesimal perturbation, ranked
/// `da[2] > da[1] > da[0] > db[2] > … > dc[0]`, each so much smaller than
/// the previous that only the first non-zero coefficient of the expanded
/// determinant counts (Edelsbrunner & Mücke, "Simulation of Simplicity",
/// 1990, table 4-ii; the order of the tests is that of Google's
/// `SymbolicallyPerturbedSign`, which is what makes the answers agree).
fn symbolically_perturbed_sign(
    a: &[Exact; 3],
    b: &[Exact; 3],
    c: &[Exact; 3],
    b_cross_c: &[Exact; 3],
) -> i32 {
    // Each line: the coefficient of one perturbation term, largest first.
    let steps = [
        b_cross_c[2].sgn(), // da[2]
        b_cross_c[1].sgn(), // da[1]
        b_cross_c[0].sgn(), // da[0]
    ];
    if let Some(&s) = steps.iter().find(|&&s| s != 0) {
        return s;
    }
    let s = c[0].mul(&a[1]).sub(&c[1].mul(&a[0])).sgn(); // db[2]
    if s != 0 {
        return s;
    }
    let s = c[0].sgn(); // db[2] da[1]
    if s != 0 {
        return s;
    }
    let s = -c[1].sgn(); // db[2] da[0]
    if s != 0 {
        return s;
    }
    let s = c[2].mul(&a[0]).sub(&c[0].mul(&a[2])).sgn(); // db[1]
    if s != 0 {
        return s;
    }
    let s = c[2].sgn(); // db[1] da[0]
    if s != 0 {
        return s;
    }
    // db[0] would come next, but the tests above have made c zero.
    let s = a[0].mul(&b[1]).sub(&a[1].mul(&b[0])).sgn(); // dc[2]
    if s != 0 {
        return s;
    }
    let s = -b[0].sgn(); // dc[2] da[1]
    if s != 0 {
        return s;
    }
    let s = b[1].sgn(); // dc[2] da[0]
    if s != 0 {
        return s;
    }
    let s = a[0].sgn(); // dc[2] db[1]
    if s != 0 {
        return s;
    }
    1 // dc[2] db[1] da[0]
}

/// Whether `a`, `b`, `c` are encountered in that order sweeping counter-
/// clockwise around `o` (Google's `s2pred::OrderedCCW`): true when `a == b`
/// or `b == c`, false when `a == c` (and the others differ). None of them
/// may equal `o`.
///
/// ```
/// use s2cells::geom::predicates::ordered_ccw;
/// use s2cells::Point;
///
/// let o = Point::new(0.0, 0.0, 1.0);
/// let (a, b, c) = (Point::new(1.0, 0.0, 0.0), Point::new(0.0, 1.0, 0.0), Point::new(-1.0, 0.0, 0.0));
/// assert!(ordered_ccw(&a, &b, &c, &o));
/// assert!(!ordered_ccw(&c, &b, &a, &o));
/// ```
#[must_use]
pub fn ordered_ccw(a: &Point, b: &Point, c: &Point, o: &Point) -> bool {
    let mut sum = 0;
    if sign(b, o, a) >= 0 {
        sum += 1;
    }
    if sign(c, o, b) >= 0 {
        sum += 1;
    }
    if sign(a, o, c) > 0 {
        sum += 1;
    }
    sum >= 2
}

/// A unit vector orthogonal to `a` (Google's `S2::Ortho`, which
/// `S2::RefDir` is): the reference direction of the semi-open vertex rule.
///
/// ```
/// use s2cells::geom::predicates::ortho;
/// use s2cells::Point;
///
/// let a = Point::new(0.6, 0.8, 0.0);
/// assert!(ortho(&a).dot(&a).abs() < 1e-15);
/// ```
#[must_use]
pub fn ortho(a: &Point) -> Point {
    let k = match a.largest_abs_component() {
        0 => 2,
        k => k - 1,
    };
    let mut temp = [0.012, 0.0053, 0.00457];
    temp[k] = 1.0;
    a.cross(&Point::new(temp[0], temp[1], temp[2])).normalize()
}

/// Google's `S2::Origin()`: the fixed point crossing counts start from, far
/// from any point one is likely to test (about 66 km from the north pole).
///
/// ```
/// use s2cells::geom::predicates::ORIGIN;
/// assert!(ORIGIN.z > 0.9999);
/// ```
pub const ORIGIN: Point = Point::new(
    -0.009_999_466_435_025_02,
    0.002_592_454_260_932_412,
    0.999_946_643_502_502,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perturbation_is_antisymmetric_and_rotation_invariant() {
        let pts = [
            Point::new(1.0, 0.0, 0.0),
            Point::new(0.0, 1.0, 0.0),
            Point::new(-1.0, 0.0, 0.0),
            Point::new(0.0, -1.0, 0.0),
            Point::new(0.0, 0.0, 1.0),
            Point::new(0.0, 0.0, -1.0),
            Point::new(0.6, 0.8, 0.0),
        ];
        for a in &pts {
            for b in &pts {
                for c in &pts {
                    let s = sign(a, b, c);
                    assert_eq!(s, -sign(b, a, c));
                    assert_eq!(s, sign(b, c, a));
                    assert_eq!(s == 0, a == b || b == c || a == c);
                }
            }
        }
    }

    #[test]
    fn origin_is_unit_length() {
        assert!((ORIGIN.norm2() - 1.0).abs() <= 5.0 * f64::EPSILON);
    }
}
