//! Level metrics: how big cells are at each level, and which level has
//! cells of a given size.
//!
//! A metric is `deriv · 2^(-dim · level)`: a length (`dim` 1, radians on
//! the unit sphere) or an area (`dim` 2, steradians). The `MIN_`, `MAX_`
//! and `AVG_` variants bound or average the quantity over all cells of a
//! level. The constants are Google's for the quadratic projection.
//!
//! ```
//! use s2cells::{earth, metrics};
//!
//! // Cells whose edges are at most 1 km long start at this level:
//! let level = metrics::MAX_EDGE.level_for_max_value(earth::km_to_radians(1.0));
//! assert_eq!(level, 14);
//! assert!(earth::radians_to_km(metrics::MAX_EDGE.value(level)) <= 1.0);
//! ```

use std::f64::consts::{PI, SQRT_2};

use crate::geom::coords::MAX_LEVEL;

/// A per-level cell measure: `deriv · 2^(-dim · level)`.
///
/// ```
/// use s2cells::metrics::AVG_AREA;
/// assert_eq!(AVG_AREA.value(1), AVG_AREA.value(0) / 4.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Metric {
    dim: u8,
    deriv: f64,
}

impl Metric {
    /// A metric of dimension 1 (length) or 2 (area) with the given
    /// level-0 value.
    ///
    /// ```
    /// let m = s2cells::metrics::Metric::new(1, 2.0);
    /// assert_eq!(m.value(1), 1.0);
    /// ```
    #[must_use]
    pub const fn new(dim: u8, deriv: f64) -> Self {
        Self { dim, deriv }
    }

    /// 1 for a length, 2 for an area.
    ///
    /// ```
    /// assert_eq!(s2cells::metrics::MIN_AREA.dim(), 2);
    /// ```
    #[must_use]
    pub const fn dim(&self) -> u8 {
        self.dim
    }

    /// The value at level 0 (the "derivative" of the metric).
    ///
    /// ```
    /// assert_eq!(s2cells::metrics::AVG_ANGLE_SPAN.deriv(), std::f64::consts::PI / 2.0);
    /// ```
    #[must_use]
    pub const fn deriv(&self) -> f64 {
        self.deriv
    }

    /// The value at `level` (any level, also beyond 30).
    ///
    /// ```
    /// use s2cells::metrics::MIN_WIDTH;
    /// assert_eq!(MIN_WIDTH.value(3), MIN_WIDTH.deriv() / 8.0);
    /// ```
    #[must_use]
    pub fn value(&self, level: u8) -> f64 {
        ldexp(self.deriv, -(i32::from(self.dim) * i32::from(level)))
    }

    /// The level whose value is closest to `value` (geometrically), in
    /// 0..=30.
    ///
    /// ```
    /// use s2cells::metrics::AVG_EDGE;
    /// assert_eq!(AVG_EDGE.closest_level(AVG_EDGE.value(12)), 12);
    /// ```
    #[must_use]
    pub fn closest_level(&self, value: f64) -> u8 {
        let k = if self.dim == 1 { SQRT_2 } else { 2.0 };
        self.level_for_max_value(k * value)
    }

    /// The smallest level whose value is at most `value` (30 if none is;
    /// 30 for zero or negative values).
    ///
    /// ```
    /// use s2cells::metrics::MAX_DIAG;
    /// let l = MAX_DIAG.level_for_max_value(1e-3);
    /// assert!(MAX_DIAG.value(l) <= 1e-3 && MAX_DIAG.value(l - 1) > 1e-3);
    /// ```
    #[must_use]
    pub fn level_for_max_value(&self, value: f64) -> u8 {
        if value <= 0.0 {
            return MAX_LEVEL;
        }
        // ilogb gives the exponent of the ratio: the level, rounded up.
        let level = ilogb(value / self.deriv) >> (self.dim - 1);
        level.wrapping_neg().clamp(0, i32::from(MAX_LEVEL)) as u8
    }

    /// The largest level whose value is at least `value` (0 if none is;
    /// 30 for zero or negative values).
    ///
    /// ```
    /// use s2cells::metrics::MIN_WIDTH;
    /// let l = MIN_WIDTH.level_for_min_value(1e-3);
    /// assert!(MIN_WIDTH.value(l) >= 1e-3 && MIN_WIDTH.value(l + 1) < 1e-3);
    /// ```
    #[must_use]
    pub fn level_for_min_value(&self, value: f64) -> u8 {
        if value <= 0.0 {
            return MAX_LEVEL;
        }
        // The level, rounded down.
        let level = ilogb(self.deriv / value) >> (self.dim - 1);
        level.clamp(0, i32::from(MAX_LEVEL)) as u8
    }
}

/// `x · 2^e`, exact while the result is a normal number.
fn ldexp(x: f64, e: i32) -> f64 {
    // Two steps keep each power of two representable (e >= -120 here).
    let half = e / 2;
    x * 2f64.powi(half) * 2f64.powi(e - half)
}

/// C's `ilogb`: the unbiased binary exponent; `i32::MIN` for zero and NaN,
/// `i32::MAX` for infinity (glibc's values).
fn ilogb(x: f64) -> i32 {
    if x == 0.0 || x.is_nan() {
        return i32::MIN;
    }
    if x.is_infinite() {
        return i32::MAX;
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: the exponent of the leading mantissa bit.
        let mantissa = bits & ((1u64 << 52) - 1);
        -1023 - (mantissa.leading_zeros() as i32 - 12)
    } else {
        exp - 1023
    }
}

/// Smallest angular span (radians) of a cell across its "width" direction.
pub const MIN_ANGLE_SPAN: Metric = Metric::new(1, 4.0 / 3.0);
/// Largest angular span.
pub const MAX_ANGLE_SPAN: Metric = Metric::new(1, 1.704_897_179_199_218_5);
/// Average angular span (π/2 at level 0).
pub const AVG_ANGLE_SPAN: Metric = Metric::new(1, PI / 2.0);
/// Smallest width (distance between opposite edges, radians).
pub const MIN_WIDTH: Metric = Metric::new(1, 2.0 * SQRT_2 / 3.0);
/// Largest width.
pub const MAX_WIDTH: Metric = Metric::new(1, MAX_ANGLE_SPAN.deriv);
/// Average width.
pub const AVG_WIDTH: Metric = Metric::new(1, 1.434_523_672_886_099_4);
/// Smallest edge length (radians).
pub const MIN_EDGE: Metric = Metric::new(1, 2.0 * SQRT_2 / 3.0);
/// Largest edge length.
pub const MAX_EDGE: Metric = Metric::new(1, MAX_ANGLE_SPAN.deriv);
/// Average edge length.
pub const AVG_EDGE: Metric = Metric::new(1, 1.459_213_746_386_106_1);
/// Smallest diagonal (radians).
pub const MIN_DIAG: Metric = Metric::new(1, 8.0 * SQRT_2 / 9.0);
/// Largest diagonal.
pub const MAX_DIAG: Metric = Metric::new(1, 2.438_654_594_434_021);
/// Average diagonal.
pub const AVG_DIAG: Metric = Metric::new(1, 2.060_422_738_998_471_7);
/// Smallest area (steradians).
pub const MIN_AREA: Metric = Metric::new(2, 8.0 * SQRT_2 / 9.0);
/// Largest area.
pub const MAX_AREA: Metric = Metric::new(2, 2.635_799_256_963_161_5);
/// Average area (4π/6 at level 0).
pub const AVG_AREA: Metric = Metric::new(2, 4.0 * PI / 6.0);

/// The largest ratio of a cell's longest edge to its shortest edge.
pub const MAX_EDGE_ASPECT: f64 = 1.442_615_274_452_683;
/// The largest ratio of a cell's longest diagonal to its shortest.
pub const MAX_DIAG_ASPECT: f64 = 1.732_050_807_568_877_2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ilogb_matches_c() {
        assert_eq!(ilogb(1.0), 0);
        assert_eq!(ilogb(0.75), -1);
        assert_eq!(ilogb(1024.5), 10);
        assert_eq!(ilogb(f64::MIN_POSITIVE), -1022);
        assert_eq!(ilogb(5e-324), -1074);
        assert_eq!(ilogb(0.0), i32::MIN);
        assert_eq!(ilogb(f64::INFINITY), i32::MAX);
    }

    #[test]
    fn ldexp_is_exact() {
        assert_eq!(ldexp(3.0, -60), 3.0 / (1u64 << 60) as f64);
        assert_eq!(ldexp(1.0, 0), 1.0);
    }

    #[test]
    fn levels_bracket_values() {
        for m in [MIN_EDGE, MAX_EDGE, AVG_AREA, MIN_AREA] {
            for level in 1..30 {
                let v = m.value(level);
                assert_eq!(m.level_for_max_value(v), level);
                assert_eq!(m.level_for_min_value(v), level);
                assert_eq!(m.closest_level(v), level);
            }
        }
        assert_eq!(MAX_EDGE.level_for_max_value(0.0), 30);
        assert_eq!(MAX_EDGE.level_for_max_value(1e9), 0);
        assert_eq!(MAX_EDGE.level_for_min_value(1e-300), 30);
    }
}
