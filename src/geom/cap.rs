//! Spherical caps: a center and a radius.

use std::f64::consts::{FRAC_PI_2, PI};

use super::{LatLng, LatLngRect, Point, R1Interval, S1Interval, remainder};
use crate::geom::GeomError;

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
#[derive(Clone, Copy, Debug)]
pub struct Cap {
    center: Point,
    radius2: f64,
}

/// Equal as point sets, as Google's `S2Cap::operator==`: the same center
/// and radius, or both empty, or both full (whatever their centers).
///
/// ```
/// use s2cells::{Cap, Point};
/// let p = Point::new(0.0, 0.0, 1.0);
/// assert_eq!(Cap::from_center_angle(p, -1.0), Cap::empty());
/// assert_eq!(Cap::from_center_angle(p, 4.0), Cap::full());
/// assert_ne!(Cap::from_point(p), Cap::from_point(-p));
/// ```
impl PartialEq for Cap {
    fn eq(&self, other: &Self) -> bool {
        (self.center == other.center && self.radius2 == other.radius2)
            || (self.is_empty() && other.is_empty())
            || (self.is_full() && other.is_full())
    }
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
    if sum < 4.0 { sum } else { 4.0 }
}

/// Whether `p` is a unit vector to within rounding (Google's
/// `S2::IsUnitLength` allows 5·2⁻⁵²; points made by `LatLng::to_point`
/// are within 2·2⁻⁵²), so that caps keep Google's arithmetic.
fn check_center(p: &Point) -> Result<(), GeomError> {
    let n2 = p.norm2();
    if !p.is_finite() || (n2 - 1.0).abs() > 1e-14 {
        return Err(GeomError::InvalidCap {
            what: "center: expected a unit-length point, its squared length is",
            value: n2,
        });
    }
    Ok(())
}

impl Cap {
    /// [`from_center_angle`](Self::from_center_angle), checked: the center
    /// must be unit length and the radius not NaN.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidCap`] naming the bad parameter.
    ///
    /// ```
    /// use s2cells::{Cap, LatLng, Point};
    /// let c = Cap::try_from_center_angle(LatLng::from_degrees(10.0, 20.0).to_point(), 0.1)?;
    /// assert!(!c.is_empty());
    /// assert!(Cap::try_from_center_angle(Point::new(2.0, 0.0, 0.0), 0.1).is_err());
    /// assert!(Cap::try_from_center_angle(Point::new(1.0, 0.0, 0.0), f64::NAN).is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn try_from_center_angle(center: Point, radians: f64) -> Result<Self, GeomError> {
        check_center(&center)?;
        if radians.is_nan() {
            return Err(GeomError::InvalidCap {
                what: "radius (radians): expected a number, got",
                value: radians,
            });
        }
        Ok(Self::from_center_angle(center, radians))
    }

    /// The cap of the given height (the distance from the center to the
    /// cutting plane, 0..=2; negative gives the empty cap, 2 or more the
    /// full sphere), as Google's `FromCenterHeight`.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidCap`] for a NaN height or a center that is not unit
    /// length.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let hemisphere = Cap::from_center_height(Point::new(0.0, 0.0, 1.0), 1.0)?;
    /// assert!((hemisphere.area() - 2.0 * std::f64::consts::PI).abs() < 1e-15);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_center_height(center: Point, height: f64) -> Result<Self, GeomError> {
        check_center(&center)?;
        if height.is_nan() {
            return Err(GeomError::InvalidCap {
                what: "height: expected a number, got",
                value: height,
            });
        }
        Ok(Self {
            center,
            radius2: (2.0 * height).min(4.0),
        })
    }

    /// The cap of the given area in steradians (0..=4π), as Google's
    /// `FromCenterArea`.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidCap`] for a NaN area or a center that is not unit
    /// length.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let c = Cap::from_center_area(Point::new(1.0, 0.0, 0.0), 1.0)?;
    /// assert!((c.area() - 1.0).abs() < 1e-15);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_center_area(center: Point, area: f64) -> Result<Self, GeomError> {
        check_center(&center)?;
        if area.is_nan() {
            return Err(GeomError::InvalidCap {
                what: "area: expected a number, got",
                value: area,
            });
        }
        Ok(Self {
            center,
            radius2: (area / PI).min(4.0),
        })
    }

    /// The height: the distance from the center to the cutting plane
    /// (negative for the empty cap, 2 for the full one).
    ///
    /// ```
    /// assert_eq!(s2cells::Cap::full().height(), 2.0);
    /// ```
    #[must_use]
    pub fn height(&self) -> f64 {
        0.5 * self.radius2
    }

    /// The area in steradians.
    ///
    /// ```
    /// assert!((s2cells::Cap::full().area() - 4.0 * std::f64::consts::PI).abs() < 1e-15);
    /// ```
    #[must_use]
    pub fn area(&self) -> f64 {
        2.0 * PI * self.height().max(0.0)
    }

    /// Whether `other` lies inside this cap.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let p = Point::new(0.0, 0.0, 1.0);
    /// assert!(Cap::from_center_angle(p, 0.2).contains(&Cap::from_center_angle(p, 0.1)));
    /// ```
    #[must_use]
    pub fn contains(&self, other: &Self) -> bool {
        if self.is_full() || other.is_empty() {
            return true;
        }
        if self.is_empty() {
            return false;
        }
        self.radius2 >= chord2_sum(self.distance2(&other.center), other.radius2)
    }

    /// Whether the two caps share a point.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let a = Cap::from_center_angle(Point::new(0.0, 0.0, 1.0), 0.8);
    /// let b = Cap::from_center_angle(Point::new(1.0, 0.0, 0.0), 0.8);
    /// assert!(a.intersects(&b));
    /// ```
    #[must_use]
    pub fn intersects(&self, other: &Self) -> bool {
        if self.is_empty() || other.is_empty() {
            return false;
        }
        chord2_sum(self.radius2, other.radius2) >= self.distance2(&other.center)
    }

    /// Whether the interior of this cap meets `other`.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let p = Point::new(0.0, 0.0, 1.0);
    /// assert!(!Cap::from_point(p).interior_intersects(&Cap::from_point(p)));
    /// ```
    #[must_use]
    pub fn interior_intersects(&self, other: &Self) -> bool {
        if self.radius2 <= 0.0 || other.is_empty() {
            return false;
        }
        chord2_sum(self.radius2, other.radius2) > self.distance2(&other.center)
    }

    /// The closure of the complement: the cap around the antipode with the
    /// supplementary radius; the complement of the full cap is empty and
    /// of the empty cap full (Google's `Complement`).
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let c = Cap::from_center_height(Point::new(0.0, 0.0, 1.0), 0.5)?.complement();
    /// assert_eq!(c.center(), Point::new(-0.0, -0.0, -1.0));
    /// assert_eq!(c.height(), 1.5);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn complement(&self) -> Self {
        if self.is_full() {
            return Self::empty();
        }
        if self.is_empty() {
            return Self::full();
        }
        Self {
            center: -self.center,
            radius2: (4.0 - self.radius2).min(4.0),
        }
    }

    /// The cap grown by `radians` (Google's `Expanded`); the empty cap
    /// stays empty.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidCap`] for a negative or NaN distance.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let c = Cap::from_center_angle(Point::new(1.0, 0.0, 0.0), 0.1).expanded(0.2)?;
    /// assert!((c.radius() - 0.3).abs() < 1e-15);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn expanded(&self, radians: f64) -> Result<Self, GeomError> {
        if radians.is_nan() || radians < 0.0 {
            return Err(GeomError::InvalidCap {
                what: "expansion distance (radians): expected >= 0, got",
                value: radians,
            });
        }
        if self.is_empty() {
            return Ok(Self::empty());
        }
        let d2 = chord2_from_angle(radians);
        Ok(Self {
            center: self.center,
            radius2: if d2.is_finite() {
                chord2_sum(self.radius2, d2)
            } else {
                4.0
            },
        })
    }

    /// The squared chord distance from the center to `p`, at most 4.
    #[inline]
    fn distance2(&self, p: &Point) -> f64 {
        let d2 = (self.center - *p).norm2();
        if d2 < 4.0 { d2 } else { 4.0 }
    }

    /// `sin²` of the radius (Google's `sin2(S1ChordAngle)`).
    #[inline]
    pub(crate) fn sin2_radius(&self) -> f64 {
        self.radius2 * (1.0 - 0.25 * self.radius2)
    }

    /// The smallest lat/lng rectangle containing the cap, as Google's
    /// `S2Cap::GetRectBound` computes it.
    ///
    /// ```
    /// use s2cells::{Cap, LatLng};
    /// let cap = Cap::from_center_angle(LatLng::from_degrees(0.0, 0.0).to_point(), 0.1);
    /// let r = cap.rect_bound();
    /// assert!((r.lat_hi() - 0.1).abs() < 1e-15 && (r.lng_hi() - 0.1).abs() < 1e-15);
    /// ```
    #[must_use]
    pub fn rect_bound(&self) -> LatLngRect {
        if self.is_empty() {
            return LatLngRect::empty();
        }
        let center_lat = LatLng::latitude(&self.center);
        let center_lng = LatLng::longitude(&self.center);
        let cap_angle = self.radius();
        let mut all_longitudes = false;
        let (mut lng_lo, mut lng_hi) = (-PI, PI);
        let mut lat_lo = center_lat - cap_angle;
        if lat_lo <= -FRAC_PI_2 {
            lat_lo = -FRAC_PI_2;
            all_longitudes = true;
        }
        let mut lat_hi = center_lat + cap_angle;
        if lat_hi >= FRAC_PI_2 {
            lat_hi = FRAC_PI_2;
            all_longitudes = true;
        }
        if !all_longitudes {
            // The law of sines in the triangle pole, center, tangent point.
            let sin_a = self.sin2_radius().sqrt();
            let sin_c = center_lat.cos();
            if sin_a <= sin_c {
                let angle_a = (sin_a / sin_c).asin();
                lng_lo = remainder(center_lng - angle_a, 2.0 * PI);
                lng_hi = remainder(center_lng + angle_a, 2.0 * PI);
            }
        }
        LatLngRect::from_intervals(
            R1Interval::new(lat_lo, lat_hi),
            S1Interval::new(lng_lo, lng_hi),
        )
    }
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

    /// Whether `p` (unit length) lies strictly inside the cap, off its
    /// boundary; the full cap contains every point in its interior
    /// (Google's `InteriorContains(const S2Point&)`).
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let p = Point::new(0.0, 0.0, 1.0);
    /// assert!(!Cap::from_point(p).interior_contains_point(&p));
    /// assert!(Cap::from_center_angle(p, 0.1).interior_contains_point(&p));
    /// ```
    #[must_use]
    pub fn interior_contains_point(&self, p: &Point) -> bool {
        self.is_full() || self.distance2(p) < self.radius2
    }

    /// The centroid of the cap on the sphere times its area (Google's
    /// `GetCentroid`): on the axis, at the mean of the heights the cap
    /// spans (slices between parallel planes have equal areas). Not unit
    /// length, and summable over disjoint regions; zero for the empty cap.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let c = Cap::from_center_height(Point::new(0.0, 0.0, 1.0), 1.0)?.centroid();
    /// assert_eq!(c, Point::new(0.0, 0.0, std::f64::consts::PI)); // 0.5 · 2π
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn centroid(&self) -> Point {
        if self.is_empty() {
            return Point::new(0.0, 0.0, 0.0);
        }
        let r = 1.0 - 0.5 * self.height();
        self.center * (r * self.area())
    }

    /// The smallest cap containing both caps (Google's `S2Cap::Union`): the
    /// center moves toward the other cap, unlike
    /// [`add_cap`](Self::add_cap), which keeps it. A cap containing the
    /// other is returned as it is. Like Google's, the result is not padded:
    /// where it touches a cap's far side, rounding can leave that cap a few
    /// ulps outside by [`contains`](Self::contains); grow it by a hair with
    /// [`expanded`](Self::expanded) when containment must hold exactly.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let a = Cap::from_center_angle(Point::new(1.0, 0.0, 0.0), 0.1);
    /// let b = Cap::from_center_angle(Point::new(0.0, 1.0, 0.0), 0.1);
    /// let u = a.union(&b);
    /// let safe = u.expanded(1e-15)?;
    /// assert!(safe.contains(&a) && safe.contains(&b));
    /// assert!((u.radius() - (std::f64::consts::FRAC_PI_4 + 0.1)).abs() < 1e-14);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn union(&self, other: &Self) -> Self {
        if self.radius2 < other.radius2 {
            return other.union(self);
        }
        if self.is_full() || other.is_empty() {
            return *self;
        }
        // In angles, as Google does (its chord-angle version is a TODO).
        let this_radius = self.radius();
        let other_radius = other.radius();
        let distance = self.center.angle(&other.center);
        if this_radius >= distance + other_radius {
            return *self;
        }
        let result_radius = 0.5 * (distance + this_radius + other_radius);
        let result_center = point_on_line(
            &self.center,
            &other.center,
            0.5 * (distance - this_radius + other_radius),
        );
        Self::from_center_angle(result_center, result_radius)
    }

    /// Whether the two caps agree within `max_error` (Google's
    /// `ApproxEquals`, default 1e-14): centers within `max_error` radians
    /// and squared chord radii within `max_error`; an empty cap matches a
    /// nearly empty one (radius² ≤ `max_error`), a full cap one of at
    /// least a hemisphere less `max_error`.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let a = Cap::from_center_angle(Point::new(1.0, 0.0, 0.0), 0.5);
    /// let b = Cap::from_center_angle(Point::new(1.0, 1e-16, 0.0), 0.5 + 1e-16);
    /// assert!(a.approx_eq(&b, 1e-14));
    /// assert!(Cap::empty().approx_eq(&Cap::from_point(Point::new(0.0, 0.0, 1.0)), 1e-14));
    /// ```
    #[must_use]
    pub fn approx_eq(&self, other: &Self, max_error: f64) -> bool {
        let r2 = self.radius2;
        let other_r2 = other.radius2;
        (self.center.angle(&other.center) <= max_error && (r2 - other_r2).abs() <= max_error)
            || (self.is_empty() && other_r2 <= max_error)
            || (other.is_empty() && r2 <= max_error)
            || (self.is_full() && other_r2 >= 2.0 - max_error)
            || (other.is_full() && r2 >= 2.0 - max_error)
    }

    /// Google's encoding (`S2Cap::Encode`): the center's x, y, z and the
    /// squared chord radius as little-endian doubles, 32 bytes.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// let c = Cap::from_center_angle(Point::new(0.0, 0.0, 1.0), 0.25);
    /// assert_eq!(Cap::decode(&c.encode())?, c);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn encode(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        let v = [self.center.x, self.center.y, self.center.z, self.radius2];
        for (k, x) in v.iter().enumerate() {
            out[8 * k..8 * k + 8].copy_from_slice(&x.to_le_bytes());
        }
        out
    }

    /// The cap of one [`encode`](Self::encode)d value, as Google's
    /// `S2Cap::Decode` reads it (a squared radius above 4 is read as 4).
    /// Google's release build accepts any numbers; this refuses a center
    /// that is not unit length (to 1e-14 in squared length, as
    /// [`try_from_center_angle`](Self::try_from_center_angle)) or a NaN
    /// radius, and a slice longer than one encoding.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidEncoding`] for a length other than 32 or numbers
    /// that do not make a cap.
    ///
    /// ```
    /// use s2cells::Cap;
    /// assert!(Cap::decode(&Cap::empty().encode())?.is_empty());
    /// assert!(Cap::decode(&[0u8; 32]).is_err()); // a zero center
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn decode(bytes: &[u8]) -> Result<Self, GeomError> {
        let bad = |reason| GeomError::InvalidEncoding {
            what: "Cap",
            len: bytes.len(),
            reason,
        };
        if bytes.len() != 32 {
            return Err(bad("expected 32 bytes: four doubles"));
        }
        let mut v = [0.0f64; 4];
        for (k, x) in v.iter_mut().enumerate() {
            let mut b = [0u8; 8];
            b.copy_from_slice(&bytes[8 * k..8 * k + 8]);
            *x = f64::from_le_bytes(b);
        }
        let center = Point::new(v[0], v[1], v[2]);
        if check_center(&center).is_err() {
            return Err(bad("the center is not a unit-length point"));
        }
        if v[3].is_nan() {
            return Err(bad("the squared radius is NaN"));
        }
        Ok(Self {
            center,
            radius2: v[3].min(4.0),
        })
    }

    /// Whether the cap is well formed (Google's `is_valid`): a unit-length
    /// center (within 5·2⁻⁵² in squared length) and a squared radius of at
    /// most 4. Every constructor of this type makes valid caps from valid
    /// centers; the checked ones refuse the others.
    ///
    /// ```
    /// use s2cells::{Cap, Point};
    /// assert!(Cap::full().is_valid());
    /// assert!(!Cap::from_point(Point::new(2.0, 0.0, 0.0)).is_valid());
    /// ```
    #[must_use]
    pub fn is_valid(&self) -> bool {
        (self.center.norm2() - 1.0).abs() <= 5.0 * f64::EPSILON && self.radius2 <= 4.0
    }
}

/// The point at angle `ax` from `a` along the great circle toward `b`
/// (Google's `S2::GetPointOnLine`): the tangent at `a` comes from a robust
/// cross product, so `a == b` or antipodal still gives a direction.
fn point_on_line(a: &Point, b: &Point, ax: f64) -> Point {
    let dir = super::robust_cross::robust_cross_prod(a, b)
        .cross(a)
        .normalize();
    (*a * ax.cos() + dir * ax.sin()).normalize()
}
