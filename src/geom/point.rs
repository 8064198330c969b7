//! Points on the unit sphere, as 3-vectors.

use std::ops::{Add, Mul, Neg, Sub};

use super::LatLng;

/// A point on the unit sphere, stored as a 3-vector `(x, y, z)`.
///
/// S2 works on the sphere through its points: the x axis points at
/// (lat 0°, lng 0°), the y axis at (0°, 90°) and the z axis at the north
/// pole. Most functions expect unit length; those that do not say so.
/// Arithmetic is plain IEEE double arithmetic in the order Google's
/// `Vector3` uses, so results agree with s2geometry to the bit.
///
/// ```
/// use s2cells::{LatLng, Point};
///
/// let p = Point::from(LatLng::from_degrees(0.0, 90.0));
/// assert!((p.y - 1.0).abs() < 1e-15);
/// assert!((p.norm() - 1.0).abs() < 1e-15);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Point {
    /// Towards (lat 0°, lng 0°).
    pub x: f64,
    /// Towards (lat 0°, lng 90°).
    pub y: f64,
    /// Towards the north pole.
    pub z: f64,
}

impl Point {
    /// A point from its coordinates, as given (not normalized).
    ///
    /// ```
    /// let p = s2cells::Point::new(0.0, 0.0, 2.0);
    /// assert_eq!(p.normalize(), s2cells::Point::new(0.0, 0.0, 1.0));
    /// ```
    #[must_use]
    pub const fn new(x: f64, y: f64, z: f64) -> Self {
        Self { x, y, z }
    }

    /// Dot product.
    ///
    /// ```
    /// let a = s2cells::Point::new(1.0, 2.0, 3.0);
    /// assert_eq!(a.dot(&a), 14.0);
    /// ```
    #[must_use]
    #[inline]
    pub fn dot(&self, o: &Self) -> f64 {
        self.x * o.x + self.y * o.y + self.z * o.z
    }

    /// Cross product.
    ///
    /// ```
    /// use s2cells::Point;
    /// let z = Point::new(1.0, 0.0, 0.0).cross(&Point::new(0.0, 1.0, 0.0));
    /// assert_eq!(z, Point::new(0.0, 0.0, 1.0));
    /// ```
    #[must_use]
    #[inline]
    pub fn cross(&self, o: &Self) -> Self {
        Self::new(
            self.y * o.z - self.z * o.y,
            self.z * o.x - self.x * o.z,
            self.x * o.y - self.y * o.x,
        )
    }

    /// Squared Euclidean length.
    ///
    /// ```
    /// assert_eq!(s2cells::Point::new(1.0, 2.0, 2.0).norm2(), 9.0);
    /// ```
    #[must_use]
    #[inline]
    pub fn norm2(&self) -> f64 {
        self.dot(self)
    }

    /// Euclidean length.
    ///
    /// ```
    /// assert_eq!(s2cells::Point::new(1.0, 2.0, 2.0).norm(), 3.0);
    /// ```
    #[must_use]
    #[inline]
    pub fn norm(&self) -> f64 {
        self.norm2().sqrt()
    }

    /// This vector scaled to unit length; the zero vector stays zero.
    ///
    /// Like Google's `Vector3::Normalize`, it multiplies by the reciprocal of
    /// the norm (rather than dividing each coordinate), which is what makes
    /// cell centers and vertices agree with s2geometry to the bit.
    ///
    /// ```
    /// let p = s2cells::Point::new(3.0, 0.0, 4.0).normalize();
    /// assert!((p.norm() - 1.0).abs() <= f64::EPSILON);
    /// ```
    #[must_use]
    #[inline]
    pub fn normalize(&self) -> Self {
        let n = self.norm();
        let n = if n == 0.0 { n } else { 1.0 / n };
        *self * n
    }

    /// The angle between two vectors, in radians, in `[0, π]`; accurate for
    /// small and for nearly antipodal angles alike.
    ///
    /// ```
    /// use s2cells::Point;
    /// let a = Point::new(1.0, 0.0, 0.0).angle(&Point::new(0.0, 1.0, 0.0));
    /// assert!((a - std::f64::consts::FRAC_PI_2).abs() < 1e-15);
    /// ```
    #[must_use]
    #[inline]
    pub fn angle(&self, o: &Self) -> f64 {
        self.cross(o).norm().atan2(self.dot(o))
    }

    /// Coordinate by axis index 0, 1 or 2 (anything else is `z`).
    #[must_use]
    #[inline]
    pub(crate) fn coord(&self, axis: usize) -> f64 {
        match axis {
            0 => self.x,
            1 => self.y,
            _ => self.z,
        }
    }

    /// The axis (0, 1, 2) of the largest absolute coordinate, with Google's
    /// tie-breaking (the later axis wins a tie against x, z wins against y).
    #[must_use]
    #[inline]
    pub(crate) fn largest_abs_component(&self) -> usize {
        let (x, y, z) = (self.x.abs(), self.y.abs(), self.z.abs());
        if x > y {
            if x > z { 0 } else { 2 }
        } else if y > z {
            1
        } else {
            2
        }
    }

    /// Whether every coordinate is finite.
    #[must_use]
    #[inline]
    pub(crate) fn is_finite(&self) -> bool {
        self.x.is_finite() && self.y.is_finite() && self.z.is_finite()
    }
}

impl From<LatLng> for Point {
    /// The point of a lat/lng (see [`LatLng::to_point`]).
    fn from(ll: LatLng) -> Self {
        ll.to_point()
    }
}

impl Add for Point {
    type Output = Self;
    #[inline]
    fn add(self, o: Self) -> Self {
        Self::new(self.x + o.x, self.y + o.y, self.z + o.z)
    }
}

impl Sub for Point {
    type Output = Self;
    #[inline]
    fn sub(self, o: Self) -> Self {
        Self::new(self.x - o.x, self.y - o.y, self.z - o.z)
    }
}

impl Mul<f64> for Point {
    type Output = Self;
    #[inline]
    fn mul(self, k: f64) -> Self {
        Self::new(self.x * k, self.y * k, self.z * k)
    }
}

impl Neg for Point {
    type Output = Self;
    #[inline]
    fn neg(self) -> Self {
        Self::new(-self.x, -self.y, -self.z)
    }
}
