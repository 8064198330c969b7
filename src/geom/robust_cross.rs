//! The cross product of two unit vectors with a direction accurate to a few
//! ulps even when the vectors are nearly equal or antipodal (Google's
//! `S2::RobustCrossProd`): the one version every caller uses (edge
//! clipping, turning angles and triangle areas, rectangle boundaries and
//! distances, caps). Public as
//! [`edge_crossings::robust_cross_prod`](super::edge_crossings::robust_cross_prod),
//! where Google declares it.

use std::cmp::Ordering;

use super::Point;
use super::exact::{Exact, ldexp};
use super::predicates::{exact_cross, lex_cmp, ortho};

/// 2^-53, Google's `DBL_ERR` (half of `f64::EPSILON`).
const DBL_ERR: f64 = f64::EPSILON / 2.0;
/// √3, rounded as `sqrt(3.0)` is.
const SQRT3: f64 = 1.732_050_807_568_877_2;
/// The smallest norm of `(a - b) × (a + b)` whose direction double
/// precision gets within Google's `kRobustCrossProdError` = 6 `DBL_ERR`.
const MIN_STABLE_NORM: f64 =
    (32.0 * SQRT3 * DBL_ERR) / ((6.0 * DBL_ERR) / DBL_ERR - (1.0 + 2.0 * SQRT3));

/// `(a - b) × (a + b)` (twice `a × b`), and whether its direction error is
/// within Google's `kRobustCrossProdError` (Google's `GetStableCrossProd`).
fn stable_cross(a: &Point, b: &Point) -> (Point, bool) {
    let r = (*a - *b).cross(&(*a + *b));
    let ok = r.norm2() >= MIN_STABLE_NORM * MIN_STABLE_NORM;
    (r, ok)
}

/// Google's `S2::RobustCrossProd(a, b)`: a vector orthogonal to both unit
/// vectors `a` and `b`, pointing the way `a × b` does, not unit length but
/// safe to normalize. For points more than about 9 ε apart (every real
/// edge) it is `(a - b) × (a + b)`, twice `a × b` computed stably, the
/// same doubles Google computes; for `a == b` it is
/// [`ortho`](super::predicates::ortho)`(a)`; for exactly proportional `a`,
/// `b` a direction chosen by the same symbolic perturbation as the
/// predicates.
///
/// Differs from Google in the last bits only for inputs closer than about
/// 9 ε (or as near antipodal), where Google evaluates in x87 extended
/// precision first and s2cells goes straight to exact arithmetic.
///
/// ```
/// use s2cells::Point;
/// use s2cells::geom::edge_crossings::robust_cross_prod;
/// let n = robust_cross_prod(&Point::new(1.0, 0.0, 0.0), &Point::new(0.0, 1.0, 0.0));
/// assert_eq!(n, Point::new(0.0, 0.0, 2.0));
/// // One ulp apart: the exact product still has a direction.
/// let (a, b) = (Point::new(1.0, 0.0, 0.0), Point::new(1.0, f64::from_bits(1), 0.0));
/// assert!(robust_cross_prod(&a, &b).z > 0.0);
/// ```
#[must_use]
pub fn robust_cross_prod(a: &Point, b: &Point) -> Point {
    let (r, ok) = stable_cross(a, b);
    if ok {
        return r;
    }
    if a == b {
        return ortho(a);
    }
    exact_cross_prod(a, b)
}

fn is_normalizable(p: &Point) -> bool {
    p.x.abs().max(p.y.abs().max(p.z.abs())) >= ldexp(1.0, -242)
}

fn ensure_normalizable(p: Point) -> Point {
    if is_normalizable(&p) {
        return p;
    }
    let p_max = p.x.abs().max(p.y.abs().max(p.z.abs()));
    // Scale by a power of two so the largest component lands in [1, 2).
    let e = ilogb(p_max);
    p * ldexp(2.0, -1 - e)
}

fn ilogb(x: f64) -> i64 {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    if biased == 0 {
        let frac = bits & ((1u64 << 52) - 1);
        -1023 - i64::from(frac.leading_zeros()) + 12
    } else {
        biased - 1023
    }
}

fn exact_cross_prod(a: &Point, b: &Point) -> Point {
    let xa = [
        Exact::from_f64(a.x),
        Exact::from_f64(a.y),
        Exact::from_f64(a.z),
    ];
    let xb = [
        Exact::from_f64(b.x),
        Exact::from_f64(b.y),
        Exact::from_f64(b.z),
    ];
    let r = exact_cross(&xa, &xb);
    if r.iter().any(|c| !c.is_zero()) {
        let x = Point::new(r[0].to_f64(), r[1].to_f64(), r[2].to_f64());
        if is_normalizable(&x) {
            return x;
        }
        let exp = r
            .iter()
            .filter(|c| !c.is_zero())
            .map(Exact::exponent)
            .max()
            .unwrap_or(0);
        return Point::new(
            r[0].scaled(-exp).to_f64(),
            r[1].scaled(-exp).to_f64(),
            r[2].scaled(-exp).to_f64(),
        );
    }
    if lex_cmp(a, b) == Ordering::Less {
        ensure_normalizable(symbolic_cross_sorted(a, b))
    } else {
        -ensure_normalizable(symbolic_cross_sorted(b, a))
    }
}

/// The cross product of proportional `a < b` under the symbolic
/// perturbation (Google's `SymbolicCrossProdSorted`).
fn symbolic_cross_sorted(a: &Point, b: &Point) -> Point {
    if b.x != 0.0 || b.y != 0.0 {
        return Point::new(-b.y, b.x, 0.0);
    }
    if b.z != 0.0 {
        return Point::new(b.z, 0.0, 0.0);
    }
    if a.x != 0.0 || a.y != 0.0 {
        return Point::new(a.y, -a.x, 0.0);
    }
    Point::new(1.0, 0.0, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_norm_bound() {
        const { assert!(MIN_STABLE_NORM > 3.9e-15 && MIN_STABLE_NORM < 4.1e-15) };
        assert_eq!(SQRT3, 3f64.sqrt());
    }

    #[test]
    fn robust_cross_directions() {
        let a = Point::new(1.0, 0.0, 0.0);
        let b = Point::new(0.0, 1.0, 0.0);
        let r = robust_cross_prod(&a, &b);
        assert_eq!(r, Point::new(0.0, 0.0, 2.0));
        // Antipodal: exact cross is zero, the perturbation gives a direction.
        let r = robust_cross_prod(&a, &-a);
        assert!(r.norm2() > 0.0 && r.dot(&a) == 0.0);
        let r = robust_cross_prod(&a, &a);
        assert!(r.dot(&a).abs() < 1e-15);
        // One ulp apart.
        let c = Point::new(1.0, f64::from_bits(1), 0.0);
        let r = robust_cross_prod(&a, &c);
        assert!(r.z > 0.0 && r.x == 0.0 && r.y == 0.0);
        assert_eq!(ilogb(1.0), 0);
        assert_eq!(ilogb(5e-324), -1074);
        assert_eq!(ilogb(3.0), 1);
    }
}
