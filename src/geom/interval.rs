//! Closed intervals on the line (latitudes) and on the circle (longitudes),
//! with Google's `R1Interval` / `S1Interval` semantics to the bit.

use std::f64::consts::PI;

use super::remainder;

/// A closed interval `[lo, hi]` of the real line; empty when `lo > hi`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct R1Interval {
    pub lo: f64,
    pub hi: f64,
}

impl R1Interval {
    pub(crate) const fn new(lo: f64, hi: f64) -> Self {
        Self { lo, hi }
    }

    pub(crate) const fn empty() -> Self {
        Self { lo: 1.0, hi: 0.0 }
    }

    pub(crate) fn from_point_pair(p1: f64, p2: f64) -> Self {
        if p1 <= p2 {
            Self::new(p1, p2)
        } else {
            Self::new(p2, p1)
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.lo > self.hi
    }

    pub(crate) fn contains(&self, p: f64) -> bool {
        p >= self.lo && p <= self.hi
    }

    /// Whether `y` is a subset (the empty interval is in every interval).
    pub(crate) fn contains_interval(&self, y: &Self) -> bool {
        if y.is_empty() {
            return true;
        }
        y.lo >= self.lo && y.hi <= self.hi
    }

    /// Whether the two share a point (Google's `R1Interval::Intersects`).
    pub(crate) fn intersects(&self, y: &Self) -> bool {
        if self.lo <= y.lo {
            y.lo <= self.hi && y.lo <= y.hi
        } else {
            self.lo <= y.hi && self.lo <= self.hi
        }
    }

    pub(crate) fn center(&self) -> f64 {
        0.5 * (self.lo + self.hi)
    }

    /// `hi - lo`; negative for the empty interval.
    pub(crate) fn length(&self) -> f64 {
        self.hi - self.lo
    }

    /// Whether `p` is strictly inside (Google's `InteriorContains(double)`).
    pub(crate) fn interior_contains(&self, p: f64) -> bool {
        p > self.lo && p < self.hi
    }

    /// Whether `y` lies in the interior (Google's
    /// `InteriorContains(const R1Interval&)`).
    pub(crate) fn interior_contains_interval(&self, y: &Self) -> bool {
        if y.is_empty() {
            return true;
        }
        y.lo > self.lo && y.hi < self.hi
    }

    /// Whether the interior meets `y` (Google's `InteriorIntersects`).
    pub(crate) fn interior_intersects(&self, y: &Self) -> bool {
        y.lo < self.hi && self.lo < y.hi && self.lo < self.hi && y.lo <= y.hi
    }

    /// The directed Hausdorff distance to `y`: 0 from the empty interval,
    /// infinite to it (Google's `GetDirectedHausdorffDistance`).
    pub(crate) fn directed_hausdorff_distance(&self, y: &Self) -> f64 {
        if self.is_empty() {
            return 0.0;
        }
        if y.is_empty() {
            return f64::INFINITY;
        }
        // std::max(0.0, std::max(a, b)), which keeps the first argument on
        // ties (and so +0.0 over -0.0).
        let a = self.hi - y.hi;
        let b = y.lo - self.lo;
        let m = if a < b { b } else { a };
        if 0.0 < m { m } else { 0.0 }
    }

    /// Grows the interval to hold `p` (Google's `AddPoint`).
    pub(crate) fn add_point(&mut self, p: f64) {
        if self.is_empty() {
            self.lo = p;
            self.hi = p;
        } else if p < self.lo {
            self.lo = p;
        } else if p > self.hi {
            self.hi = p;
        }
    }

    /// Google's `ApproxEquals`: each bound within `max_error`, or both
    /// (nearly) empty.
    pub(crate) fn approx_eq(&self, y: &Self, max_error: f64) -> bool {
        if self.is_empty() {
            return y.length() <= 2.0 * max_error;
        }
        if y.is_empty() {
            return self.length() <= 2.0 * max_error;
        }
        (y.lo - self.lo).abs() <= max_error && (y.hi - self.hi).abs() <= max_error
    }

    pub(crate) fn expanded(&self, margin: f64) -> Self {
        if self.is_empty() {
            return *self;
        }
        Self::new(self.lo - margin, self.hi + margin)
    }

    pub(crate) fn intersection(&self, o: &Self) -> Self {
        // `std::max(a, b)` / `std::min(a, b)` return `a` on ties (and so
        // pick between 0.0 and -0.0 as Google does); `f64::max` may not.
        let lo = if self.lo < o.lo { o.lo } else { self.lo };
        let hi = if o.hi < self.hi { o.hi } else { self.hi };
        Self::new(lo, hi)
    }

    /// The smallest interval containing both (Google's `R1Interval::Union`).
    pub(crate) fn union(&self, o: &Self) -> Self {
        if self.is_empty() {
            return *o;
        }
        if o.is_empty() {
            return *self;
        }
        // `std::min` / `std::max` keep the first argument on ties, which
        // decides between 0.0 and -0.0; so do these.
        let lo = if o.lo < self.lo { o.lo } else { self.lo };
        let hi = if self.hi < o.hi { o.hi } else { self.hi };
        Self::new(lo, hi)
    }
}

/// A closed interval of the circle `[-π, π]`, possibly wrapping through ±π
/// (`lo > hi`). The full circle is `[-π, π]`, the empty one `[π, -π]`; a
/// bound of -π is stored as π except in the full interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct S1Interval {
    pub lo: f64,
    pub hi: f64,
}

impl S1Interval {
    /// An interval from its bounds, with Google's rule that -π means π
    /// unless the other bound is π.
    pub(crate) fn new(lo: f64, hi: f64) -> Self {
        let mut r = Self { lo, hi };
        if lo == -PI && hi != PI {
            r.lo = PI;
        }
        if hi == -PI && lo != PI {
            r.hi = PI;
        }
        r
    }

    pub(crate) const fn full() -> Self {
        Self { lo: -PI, hi: PI }
    }

    pub(crate) const fn empty() -> Self {
        Self { lo: PI, hi: -PI }
    }

    pub(crate) fn is_full(&self) -> bool {
        self.lo == -PI && self.hi == PI
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.lo == PI && self.hi == -PI
    }

    pub(crate) fn is_inverted(&self) -> bool {
        self.lo > self.hi
    }

    /// The distance from `a` to `b` going counter-clockwise, in `[0, 2π)`.
    fn positive_distance(a: f64, b: f64) -> f64 {
        let d = b - a;
        if d >= 0.0 {
            d
        } else {
            // Written so that the result is exact when b - a is close to 2π.
            (b + PI) - (a - PI)
        }
    }

    /// The smallest interval containing both points (each in `[-π, π]`).
    pub(crate) fn from_point_pair(p1: f64, p2: f64) -> Self {
        let p1 = if p1 == -PI { PI } else { p1 };
        let p2 = if p2 == -PI { PI } else { p2 };
        if Self::positive_distance(p1, p2) <= PI {
            Self { lo: p1, hi: p2 }
        } else {
            Self { lo: p2, hi: p1 }
        }
    }

    /// The length; negative for the empty interval.
    pub(crate) fn length(&self) -> f64 {
        let mut length = self.hi - self.lo;
        if length >= 0.0 {
            return length;
        }
        length += 2.0 * PI;
        // Empty intervals have a negative length.
        if length > 0.0 { length } else { -1.0 }
    }

    pub(crate) fn contains(&self, p: f64) -> bool {
        let p = if p == -PI { PI } else { p };
        if self.is_inverted() {
            (p >= self.lo || p <= self.hi) && !self.is_empty()
        } else {
            p >= self.lo && p <= self.hi
        }
    }

    /// [`contains`](Self::contains) for a point already in `(-π, π]`.
    fn fast_contains(&self, p: f64) -> bool {
        if self.is_inverted() {
            (p >= self.lo || p <= self.hi) && !self.is_empty()
        } else {
            p >= self.lo && p <= self.hi
        }
    }

    /// Whether `y` is a subset of this interval (Google's
    /// `S1Interval::Contains(const S1Interval&)`).
    pub(crate) fn contains_interval(&self, y: &Self) -> bool {
        if self.is_inverted() {
            if y.is_inverted() {
                return y.lo >= self.lo && y.hi <= self.hi;
            }
            (y.lo >= self.lo || y.hi <= self.hi) && !self.is_empty()
        } else {
            if y.is_inverted() {
                return self.is_full() || y.is_empty();
            }
            y.lo >= self.lo && y.hi <= self.hi
        }
    }

    /// The smallest interval containing both (Google's `S1Interval::Union`):
    /// when the two are disjoint, the one that bridges the shorter gap.
    pub(crate) fn union(&self, y: &Self) -> Self {
        // The bounds are taken as they are (Google's ARGS_CHECKED), without
        // the -π to π rewrite of `new`: they come from valid intervals.
        if y.is_empty() {
            return *self;
        }
        if self.fast_contains(y.lo) {
            if self.fast_contains(y.hi) {
                // Either y is inside, or together they wrap the circle.
                if self.contains_interval(y) {
                    return *self;
                }
                return Self::full();
            }
            return Self {
                lo: self.lo,
                hi: y.hi,
            };
        }
        if self.fast_contains(y.hi) {
            return Self {
                lo: y.lo,
                hi: self.hi,
            };
        }
        // Neither end of y is inside: y contains this interval, or they are
        // disjoint.
        if self.is_empty() || y.fast_contains(self.lo) {
            return *y;
        }
        let dlo = Self::positive_distance(y.hi, self.lo);
        let dhi = Self::positive_distance(self.hi, y.lo);
        if dlo < dhi {
            Self {
                lo: y.lo,
                hi: self.hi,
            }
        } else {
            Self {
                lo: self.lo,
                hi: y.hi,
            }
        }
    }

    /// The midpoint, in `(-π, π]` (Google's `S1Interval::GetCenter`).
    pub(crate) fn center(&self) -> f64 {
        let center = 0.5 * (self.lo + self.hi);
        if !self.is_inverted() {
            return center;
        }
        if center <= 0.0 {
            center + PI
        } else {
            center - PI
        }
    }

    /// Whether the two share a point (Google's `S1Interval::Intersects`).
    pub(crate) fn intersects(&self, y: &Self) -> bool {
        if self.is_empty() || y.is_empty() {
            return false;
        }
        if self.is_inverted() {
            // Every non-empty inverted interval contains π.
            return y.is_inverted() || y.lo <= self.hi || y.hi >= self.lo;
        }
        if y.is_inverted() {
            return y.lo <= self.hi || y.hi >= self.lo;
        }
        y.lo <= self.hi && y.hi >= self.lo
    }

    /// The intersection (Google's `S1Interval::Intersection`): when it is
    /// two disjoint pieces, the shorter of the two intervals.
    pub(crate) fn intersection(&self, y: &Self) -> Self {
        if y.is_empty() {
            return Self::empty();
        }
        if self.fast_contains(y.lo) {
            if self.fast_contains(y.hi) {
                if y.length() < self.length() {
                    return *y;
                }
                return *self;
            }
            return Self {
                lo: y.lo,
                hi: self.hi,
            };
        }
        if self.fast_contains(y.hi) {
            return Self {
                lo: self.lo,
                hi: y.hi,
            };
        }
        if y.fast_contains(self.lo) {
            return *self;
        }
        Self::empty()
    }

    /// Whether `p` (in `[-π, π]`) is strictly inside (Google's
    /// `S1Interval::InteriorContains(double)`).
    pub(crate) fn interior_contains(&self, p: f64) -> bool {
        let p = if p == -PI { PI } else { p };
        if self.is_inverted() {
            p > self.lo || p < self.hi
        } else {
            (p > self.lo && p < self.hi) || self.is_full()
        }
    }

    /// Whether `y` lies in the interior (Google's
    /// `S1Interval::InteriorContains(const S1Interval&)`).
    pub(crate) fn interior_contains_interval(&self, y: &Self) -> bool {
        if self.is_inverted() {
            if !y.is_inverted() {
                return y.lo > self.lo || y.hi < self.hi;
            }
            (y.lo > self.lo && y.hi < self.hi) || y.is_empty()
        } else {
            if y.is_inverted() {
                return self.is_full() || y.is_empty();
            }
            (y.lo > self.lo && y.hi < self.hi) || self.is_full()
        }
    }

    /// Whether the interior meets `y` (Google's
    /// `S1Interval::InteriorIntersects`).
    pub(crate) fn interior_intersects(&self, y: &Self) -> bool {
        if self.is_empty() || y.is_empty() || self.lo == self.hi {
            return false;
        }
        if self.is_inverted() {
            return y.is_inverted() || y.lo < self.hi || y.hi > self.lo;
        }
        if y.is_inverted() {
            return y.lo < self.hi || y.hi > self.lo;
        }
        (y.lo < self.hi && y.hi > self.lo) || self.is_full()
    }

    /// The center of the complement, in `(-π, π]`; for a single point, its
    /// antipode (Google's `GetComplementCenter`).
    pub(crate) fn complement_center(&self) -> f64 {
        if self.lo != self.hi {
            // The complement [hi, lo] keeps the bounds as they are; a
            // singleton's complement (full) is not reached here.
            Self {
                lo: self.hi,
                hi: self.lo,
            }
            .center()
        } else if self.hi <= 0.0 {
            self.hi + PI
        } else {
            self.hi - PI
        }
    }

    /// The directed Hausdorff distance to `y` on the circle, in `[0, π]`
    /// (Google's `S1Interval::GetDirectedHausdorffDistance`).
    pub(crate) fn directed_hausdorff_distance(&self, y: &Self) -> f64 {
        if y.contains_interval(self) {
            return 0.0;
        }
        if y.is_empty() {
            return PI;
        }
        let c = y.complement_center();
        if self.contains(c) {
            return Self::positive_distance(y.hi, c);
        }
        // The farthest point is one of the ends, its distance measured to
        // the nearer end of y.
        let hi_hi = if Self::new(y.hi, c).contains(self.hi) {
            Self::positive_distance(y.hi, self.hi)
        } else {
            0.0
        };
        let lo_lo = if Self::new(c, y.lo).contains(self.lo) {
            Self::positive_distance(self.lo, y.lo)
        } else {
            0.0
        };
        if hi_hi < lo_lo { lo_lo } else { hi_hi }
    }

    /// Grows the interval to hold `p` (in `[-π, π]`) by the shorter way
    /// (Google's `S1Interval::AddPoint`).
    pub(crate) fn add_point(&mut self, p: f64) {
        let p = if p == -PI { PI } else { p };
        if self.fast_contains(p) {
            return;
        }
        if self.is_empty() {
            self.lo = p;
            self.hi = p;
            return;
        }
        let dlo = Self::positive_distance(p, self.lo);
        let dhi = Self::positive_distance(self.hi, p);
        if dlo < dhi {
            self.lo = p;
        } else {
            self.hi = p;
        }
    }

    /// Google's `S1Interval::ApproxEquals`: both ends within `max_error`
    /// round the circle and the lengths within twice that; empty and full
    /// intervals match any nearly empty or nearly full one.
    pub(crate) fn approx_eq(&self, y: &Self, max_error: f64) -> bool {
        if self.is_empty() {
            return y.length() <= 2.0 * max_error;
        }
        if y.is_empty() {
            return self.length() <= 2.0 * max_error;
        }
        if self.is_full() {
            return y.length() >= 2.0 * (PI - max_error);
        }
        if y.is_full() {
            return self.length() >= 2.0 * (PI - max_error);
        }
        remainder(y.lo - self.lo, 2.0 * PI).abs() <= max_error
            && remainder(y.hi - self.hi, 2.0 * PI).abs() <= max_error
            && (self.length() - y.length()).abs() <= 2.0 * max_error
    }

    pub(crate) fn expanded(&self, margin: f64) -> Self {
        if margin >= 0.0 {
            if self.is_empty() {
                return *self;
            }
            // Full after expansion, allowing a 1-bit rounding error per bound.
            if self.length() + 2.0 * margin + 2.0 * f64::EPSILON >= 2.0 * PI {
                return Self::full();
            }
        } else {
            if self.is_full() {
                return *self;
            }
            if self.length() + 2.0 * margin - 2.0 * f64::EPSILON <= 0.0 {
                return Self::empty();
            }
        }
        let mut r = Self::new(
            remainder(self.lo - margin, 2.0 * PI),
            remainder(self.hi + margin, 2.0 * PI),
        );
        if r.lo <= -PI {
            r.lo = PI;
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s1_basics() {
        let i = S1Interval::from_point_pair(3.0, -3.0);
        assert!(i.is_inverted());
        assert!(i.contains(PI) && i.contains(-PI) && !i.contains(0.0));
        assert!(S1Interval::full().contains(0.0));
        assert!(!S1Interval::empty().contains(PI));
        assert!(S1Interval::empty().length() < 0.0);
        assert_eq!(S1Interval::new(-PI, 0.0).lo, PI);
        assert!(S1Interval::new(0.0, 3.0).expanded(2.0).is_full());
        assert!(!S1Interval::new(0.0, 3.0).expanded(1.0).is_full());
        let e = S1Interval::new(-1.0, 1.0).expanded(0.5);
        assert_eq!((e.lo, e.hi), (-1.5, 1.5));
    }

    #[test]
    fn s1_union() {
        let a = S1Interval::new(0.0, 1.0);
        let b = S1Interval::new(2.0, 3.0);
        assert_eq!(a.union(&b), S1Interval::new(0.0, 3.0));
        assert_eq!(b.union(&a), S1Interval::new(0.0, 3.0));
        // The shorter gap is through ±π.
        let c = S1Interval::new(-3.0, -2.0);
        assert_eq!(b.union(&c), S1Interval { lo: 2.0, hi: -2.0 });
        assert_eq!(a.union(&S1Interval::empty()), a);
        assert_eq!(S1Interval::empty().union(&a), a);
        assert!(
            S1Interval::new(-3.0, 3.0)
                .union(&S1Interval::new(3.0, -3.0))
                .is_full()
        );
        assert_eq!(S1Interval::full().union(&a), S1Interval::full());
        assert!(S1Interval::full().contains_interval(&c));
        assert!(!a.contains_interval(&b));
    }

    #[test]
    fn r1_union() {
        let a = R1Interval::new(0.0, 1.0);
        assert_eq!(
            a.union(&R1Interval::new(2.0, 3.0)),
            R1Interval::new(0.0, 3.0)
        );
        assert_eq!(a.union(&R1Interval::empty()), a);
        assert_eq!(R1Interval::empty().union(&a), a);
    }

    #[test]
    fn r1_basics() {
        assert!(R1Interval::empty().is_empty());
        assert_eq!(
            R1Interval::from_point_pair(2.0, 1.0),
            R1Interval::new(1.0, 2.0)
        );
        assert!(R1Interval::new(0.0, 1.0).contains(1.0));
        assert_eq!(
            R1Interval::new(0.0, 1.0).expanded(1.0),
            R1Interval::new(-1.0, 2.0)
        );
    }
}
