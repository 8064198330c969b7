//! Points, lat/lngs, intervals, rectangles and caps: the value types the
//! cells and regions are built from.

pub(crate) mod approx_atan;
mod cap;
pub(crate) mod coords;
pub mod earth;
pub mod edge_clipping;
pub mod edge_crossings;
pub(crate) mod error;
mod exact;
mod interval;
mod latlng;
pub(crate) mod measures;
mod point;
pub mod predicates;
mod rect;
pub(crate) mod rect_bounder;
pub(crate) mod robust_cross;

pub use cap::Cap;
pub use error::GeomError;
pub(crate) use interval::{R1Interval, S1Interval};
pub use latlng::LatLng;
pub use point::Point;
pub use rect::LatLngRect;
pub(crate) use rect::{intersects_lat_edge, intersects_lng_edge};

/// `if c { a } else { b }` on bits, so that it never becomes a branch: for
/// unpredictable conditions (a random point's face or octant), and so that
/// loops over lanes stay vectorizable.
#[inline(always)]
pub(crate) fn select(c: bool, a: f64, b: f64) -> f64 {
    let m = 0u64.wrapping_sub(u64::from(c));
    f64::from_bits((a.to_bits() & m) | (b.to_bits() & !m))
}

/// IEEE 754 `remainder(x, y)` (C's `remainder`, which Rust's std lacks): the
/// exact value `x - n*y` with `n` the integer nearest `x/y`, ties to even.
///
/// The result is always exactly representable; `%` (C's `fmod`) gives it up
/// to one subtraction of `y`, which Sterbenz's lemma makes exact.
pub(crate) fn remainder(x: f64, y: f64) -> f64 {
    if !x.is_finite() || y.is_nan() || y == 0.0 {
        return f64::NAN;
    }
    if y.is_infinite() {
        return x;
    }
    let y = y.abs();
    // |x| <= y/2 is its own remainder (a tie rounds the quotient ±0.5 to
    // the even 0). This is the common case (longitudes already in range)
    // and skips `%`, a libm fmod call, twice in every cell's rectangle
    // bound (BENCHMARKS.md, "What each trick bought").
    if x.abs() <= 0.5 * y {
        return x;
    }
    let r = x % y; // exact; same sign as x, |r| < y
    let half = 0.5 * y;
    if r.abs() < half {
        return r;
    }
    if r.abs() > half {
        return r - y.copysign(r);
    }
    // A tie: round the quotient to even. The quotient trunc(x / y) is odd iff
    // (x - r) / y is odd; x - r is an exact multiple of y.
    let q = ((x - r) / y).abs();
    if q % 2.0 == 1.0 { r - y.copysign(r) } else { r }
}

#[cfg(test)]
mod tests {
    use super::remainder;
    use std::f64::consts::PI;

    #[test]
    fn remainder_matches_c() {
        assert_eq!(remainder(PI, 2.0 * PI), PI);
        assert_eq!(remainder(-PI, 2.0 * PI), -PI);
        assert_eq!(remainder(3.0 * PI, 2.0 * PI), -PI);
        assert_eq!(remainder(5.0, 2.0), 1.0);
        assert_eq!(remainder(7.0, 2.0), -1.0);
        assert_eq!(remainder(6.5, 2.0), 0.5);
        assert_eq!(remainder(-0.0, 2.0).to_bits(), (-0.0f64).to_bits());
        assert!(remainder(f64::NAN, 2.0).is_nan());
        assert!(remainder(1.0, 0.0).is_nan());
    }
}
