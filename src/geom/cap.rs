//! Spherical caps: a center and a radius.

use super::Point;

/// A spherical cap: the points within an angle of a center. The radius is
/// kept, as in Google's `S2Cap`, as the squared chord length `radius2` in
/// [0, 4] (`< 0` for the empty cap, 4 for the full sphere), so that
/// containment is one subtraction and one dot product, without a
/// trigonometric call.
///
/// ```
/// use s2cells::{Cap, LatLng};
///
/// let center = LatLng::from_degrees(-30.12, -51.15).to_point();
/// let cap = Cap::from_center_angle(center, 10.0 / 6371.01); // 10 km
/// assert!(cap.contains_point(&center));
/// assert!(!cap.contains_point(&LatLng::from_degrees(-30.5, -51.15).to_point()));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cap {
    center: Point,
    radius2: f64,
}

/// The squared chord length of an angle, as Google's `S1ChordAngle(S1Angle)`.
fn chord2_from_angle(radians: f64) -> f64 {
    if radians < 0.0 {
        -1.0
    } else if radians == f64::INFINITY {
        f64::INFINITY
    } else {
        let length = 2.0 * (0.5 * radians.min(std::f64::consts::PI)).sin();
        length * length
    }
}

/// The squared chord of the sum of two angles given as squared chords
/// (Google's `S1ChordAngle` `operator+`), capped at 4 (a half turn). Both
/// are in [0, 4].
fn chord2_sum(a2: f64, b2: f64) -> f64 {
    if b2 == 0.0 {
        return a2;
    }
    if a2 + b2 >= 4.0 {
        return 4.0;
    }
    // With chords a = 2 sin A, b = 2 sin B: sin(A + B) = sin A cos B +
    // cos A sin B, and cos X = sqrt(1 - sin² X); one square root in all.
    let x = a2 * (1.0 - 0.25 * b2);
    let y = b2 * (1.0 - 0.25 * a2);
    let sum = x + y + 2.0 * (x * y).sqrt();
    if sum < 4.0 {
        sum
    } else {
        4.0
    }
}

impl Cap {
    /// The cap with the given center (unit length) and angular radius in
    /// radians; a negative radius gives the empty cap, π or more the full
    /// sphere.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let cap = Cap::from_center_angle(Point::new(0.0, 0.0, 1.0), std::f64::consts::PI);
    /// assert!(cap.is_full());
    /// ```
    #[must_use]
    pub fn from_center_angle(center: Point, radians: f64) -> Self {
        Self {
            center,
            radius2: chord2_from_angle(radians).min(4.0),
        }
    }

    /// The cap containing exactly one point.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let p = Point::new(1.0, 0.0, 0.0);
    /// assert!(Cap::from_point(p).contains_point(&p));
    /// ```
    #[must_use]
    pub const fn from_point(center: Point) -> Self {
        Self {
            center,
            radius2: 0.0,
        }
    }

    /// The empty cap.
    ///
    /// ```
    /// assert!(s2cells::Cap::empty().is_empty());
    /// ```
    #[must_use]
    pub const fn empty() -> Self {
        Self {
            center: Point::new(1.0, 0.0, 0.0),
            radius2: -1.0,
        }
    }

    /// The cap covering the whole sphere.
    ///
    /// ```
    /// assert!(s2cells::Cap::full().is_full());
    /// ```
    #[must_use]
    pub const fn full() -> Self {
        Self {
            center: Point::new(1.0, 0.0, 0.0),
            radius2: 4.0,
        }
    }

    /// The center.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// assert_eq!(Cap::from_point(Point::new(0.0, 1.0, 0.0)).center(), Point::new(0.0, 1.0, 0.0));
    /// ```
    #[must_use]
    pub const fn center(&self) -> Point {
        self.center
    }

    /// The radius as a squared chord length (Google's `S1ChordAngle::length2`).
    ///
    /// ```
    /// assert_eq!(s2cells::Cap::full().radius2(), 4.0);
    /// ```
    #[must_use]
    pub const fn radius2(&self) -> f64 {
        self.radius2
    }

    /// The angular radius in radians (negative for the empty cap).
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let cap = Cap::from_center_angle(Point::new(1.0, 0.0, 0.0), 0.5);
    /// assert!((cap.radius() - 0.5).abs() < 1e-15);
    /// ```
    #[must_use]
    pub fn radius(&self) -> f64 {
        if self.radius2 < 0.0 {
            -1.0
        } else {
            2.0 * (0.5 * self.radius2.sqrt()).asin()
        }
    }

    /// Whether the cap is empty.
    ///
    /// ```
    /// assert!(!s2cells::Cap::full().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.radius2 < 0.0
    }

    /// Whether the cap is the whole sphere.
    ///
    /// ```
    /// assert!(!s2cells::Cap::empty().is_full());
    /// ```
    #[must_use]
    pub fn is_full(&self) -> bool {
        self.radius2 == 4.0
    }

    /// Whether the cap contains a point (unit length).
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// assert!(Cap::full().contains_point(&Point::new(0.0, 0.0, -1.0)));
    /// ```
    #[must_use]
    pub fn contains_point(&self, p: &Point) -> bool {
        (self.center - *p).norm2().min(4.0) <= self.radius2
    }

    /// Grows the cap just enough to contain `p` (unit length), keeping the
    /// center; an empty cap becomes the point.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let mut cap = Cap::empty();
    /// cap.add_point(&Point::new(0.0, 0.0, 1.0));
    /// cap.add_point(&Point::new(0.0, 1.0, 0.0));
    /// assert!(cap.contains_point(&Point::new(0.0, 0.0, 1.0)));
    /// ```
    pub fn add_point(&mut self, p: &Point) {
        if self.is_empty() {
            self.center = *p;
            self.radius2 = 0.0;
        } else {
            self.radius2 = self.radius2.max((self.center - *p).norm2().min(4.0));
        }
    }

    /// Grows the cap just enough to contain `other`, keeping the center, and
    /// then by 4.02·2⁻⁵² of the squared radius to cover rounding (Google's
    /// `S2Cap::AddCap`). An empty cap becomes `other`; adding an empty cap
    /// changes nothing.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    ///
    /// let north = Cap::from_center_angle(Point::new(0.0, 0.0, 1.0), 0.1);
    /// let east = Cap::from_center_angle(Point::new(0.0, 1.0, 0.0), 0.2);
    /// let mut cap = north;
    /// cap.add_cap(&east);
    /// assert_eq!(cap.center(), north.center());
    /// assert!(cap.contains_point(&Point::new(0.0, 1.0, 0.0)));
    /// assert!((cap.radius() - (std::f64::consts::FRAC_PI_2 + 0.2)).abs() < 1e-14);
    /// ```
    pub fn add_cap(&mut self, other: &Self) {
        if self.is_empty() {
            *self = *other;
            return;
        }
        if other.is_empty() {
            return;
        }
        let d2 = (self.center - other.center).norm2();
        let center_distance2 = if d2 < 4.0 { d2 } else { 4.0 };
        let reach2 = chord2_sum(center_distance2, other.radius2);
        // The round-up of s2geometry 0.14 (read off its compiled AddCap:
        // older sources show 2⁻⁵²), through S1ChordAngle::PlusError, which
        // clamps to [0, 4].
        let padded = reach2 + reach2 * (4.02 * f64::EPSILON);
        let padded = if padded < 4.0 { padded } else { 4.0 };
        let padded = if 0.0 < padded { padded } else { 0.0 };
        if self.radius2 < padded {
            self.radius2 = padded;
        }
    }
}
