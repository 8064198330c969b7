//! A cheap `atan2` for filters that only need to know on which side of a
//! threshold an angle falls.
//!
//! glibc's `atan2` is slow, and a cell's rectangle bound calls it four
//! times: that was a large share of covering a rectangle (BENCHMARKS.md,
//! "What each trick bought"). This one reduces the argument to
//! |q| ≤ tan(π/8) with a single division and evaluates a degree-13 odd
//! polynomial, branch-free, so that several angles vectorize together.
//! Its error is below [`APPROX_ATAN2_ERROR`]; a caller compares with that
//! much room and falls back to libm's `atan2` when a comparison is closer.

use super::select;
use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, PI};

/// A bound on `|approx_atan2(y, x) - atan2(y, x)|` for finite input: the
/// polynomial's 4.1e-12 (a weighted least-squares fit to atan on
/// [0, tan(π/8)], iterated toward minimax) plus a few ulps of the
/// reduction, with room to spare. The tests measure the error on millions
/// of inputs against libm.
pub(crate) const APPROX_ATAN2_ERROR: f64 = 1e-11;

/// tan(π/8): above it, atan(q) = π/4 + atan((q - 1) / (q + 1)).
const TAN_PI_8: f64 = 0.414_213_562_373_095_03;

/// atan(q) ≈ q · P(q²) on |q| ≤ tan(π/8).
const P: [f64; 7] = [
    0.999_999_999_852_620_7,
    -0.333_333_300_633_096_24,
    0.199_997_896_327_027_27,
    -0.142_797_155_523_553_93,
    0.110_223_671_278_896_17,
    -0.083_719_761_402_626_05,
    0.045_567_358_542_275_24,
];

/// `atan2(y, x)` within [`APPROX_ATAN2_ERROR`], for finite `y`, `x` not
/// both zero (both zero gives NaN). Signed zeros are not told apart: pass
/// `y + 0.0` where libm's `atan2(-0.0, x < 0) = -π` would matter.
#[inline(always)]
pub(crate) fn approx_atan2(y: f64, x: f64) -> f64 {
    let (ax, ay) = (x.abs(), y.abs());
    let steep = ay > ax;
    let hi = select(steep, ay, ax);
    let lo = select(steep, ax, ay);
    // One division for both reductions: q = lo / hi ∈ [0, 1], and past
    // tan(π/8) its image (q - 1) / (q + 1) = (lo - hi) / (lo + hi).
    let far = lo > TAN_PI_8 * hi;
    let q = select(far, lo - hi, lo) / select(far, lo + hi, hi);
    let s = q * q;
    let s2 = s * s;
    let s4 = s2 * s2;
    // Estrin's scheme: half the dependency depth of Horner's.
    let p = (P[0] + P[1] * s) + s2 * (P[2] + P[3] * s) + s4 * ((P[4] + P[5] * s) + s2 * P[6]);
    let a = q * p + select(far, FRAC_PI_4, 0.0);
    let a = select(steep, FRAC_PI_2 - a, a);
    let a = select(x < 0.0, PI - a, a);
    a.copysign(y)
}

/// Four [`approx_atan2`]s at once, in lanes the compiler can vectorize.
#[inline]
pub(crate) fn approx_atan2_4(y: [f64; 4], x: [f64; 4]) -> [f64; 4] {
    let mut out = [0.0; 4];
    for k in 0..4 {
        out[k] = approx_atan2(y[k], x[k]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::next;

    fn worst(pairs: impl Iterator<Item = (f64, f64)>) -> f64 {
        let mut worst = 0.0f64;
        for (y, x) in pairs {
            let err = (approx_atan2(y, x) - y.atan2(x)).abs();
            assert!(err.is_finite(), "atan2({y:e}, {x:e})");
            worst = worst.max(err);
        }
        worst
    }

    #[test]
    fn error_is_within_the_bound_on_random_directions() {
        let mut state = 0x9e37_79b9_7f4a_7c15;
        let err = worst((0..2_000_000).map(|_| {
            let a = (next(&mut state) * 2.0 - 1.0) * PI;
            let r = 10f64.powf(next(&mut state) * 20.0 - 10.0);
            (r * a.sin(), r * a.cos())
        }));
        // The fit's own error is 4.1e-12; the bound leaves 2x.
        assert!(err < 0.5 * APPROX_ATAN2_ERROR, "max error {err:e}");
    }

    #[test]
    fn error_is_within_the_bound_at_the_reduction_seams() {
        // Octant edges (|y| = |x|), the tan(π/8) switch, the axes, and
        // the signs, each with neighbours a few ulps away.
        let mut seams = Vec::new();
        for q in [0.0, TAN_PI_8, 1.0, 1e-300, 1e-8] {
            for ulps in -4i64..=4 {
                let q = f64::from_bits((q.to_bits() as i64 + ulps).max(0) as u64);
                for (y, x) in [(q, 1.0), (1.0, q)] {
                    for (sy, sx) in [(1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0, -1.0)] {
                        seams.push((sy * y, sx * x));
                    }
                }
            }
        }
        let err = worst(seams.into_iter());
        assert!(err < 0.5 * APPROX_ATAN2_ERROR, "max error {err:e}");
    }

    #[test]
    fn lanes_equal_single_calls() {
        let y = [0.3, -2.0, 1e-9, 5.0];
        let x = [1.0, -0.5, -3.0, 5.0];
        let four = approx_atan2_4(y, x);
        for k in 0..4 {
            assert_eq!(four[k].to_bits(), approx_atan2(y[k], x[k]).to_bits());
        }
    }
}
