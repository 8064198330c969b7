//! Rectangles in latitude/longitude space.

use std::f64::consts::{FRAC_PI_2, PI};

use super::{LatLng, Point, R1Interval, S1Interval};
use crate::geom::GeomError;

// Distances and expansion by a distance; exact boundary tests against
// edges: kept apart to keep this file to the rectangle itself.
mod boundary;
mod codec;
mod distance;

pub(crate) use boundary::{intersects_lat_edge, intersects_lng_edge};

/// A closed latitude/longitude rectangle. The longitude range may cross the
/// antimeridian (`lng_lo > lng_hi`); the latitude range lies in
/// [-π/2, π/2]. Bounds are in radians and follow Google's `S2LatLngRect`.
///
/// ```
/// use s2cells::{Cell, CellId, LatLng};
///
/// let cell = Cell::from(CellId::from_latlng(LatLng::from_degrees(-30.0438, -51.14022)).parent(10));
/// let rect = cell.rect_bound();
/// assert!(rect.contains_latlng(&LatLng::from_degrees(-30.0438, -51.14022)));
/// assert!(rect.lat_lo() < rect.lat_hi());
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLngRect {
    pub(crate) lat: R1Interval,
    pub(crate) lng: S1Interval,
}

impl LatLngRect {
    pub(crate) fn from_intervals(lat: R1Interval, lng: S1Interval) -> Self {
        Self { lat, lng }
    }

    /// A rectangle from its bounds in radians, checked as Google's
    /// `S2LatLngRect::is_valid`: finite, |lat| ≤ π/2, |lng| ≤ π, latitude
    /// and longitude ranges both empty or both not. `lng_lo > lng_hi` means
    /// the rectangle crosses the antimeridian; a longitude of -π is read as
    /// π unless the range is `[-π, π]`.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidRect`] naming the bounds and what is wrong.
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let r = LatLngRect::from_radians(-0.1, 0.1, 3.0, -3.0)?; // crosses 180°
    /// assert!(r.lng_lo() > r.lng_hi());
    /// assert!(LatLngRect::from_radians(0.0, 2.0, 0.0, 1.0).is_err());
    /// assert!(LatLngRect::from_radians(0.2, 0.1, 0.0, 1.0).is_err()); // lat empty, lng not
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_radians(
        lat_lo: f64,
        lat_hi: f64,
        lng_lo: f64,
        lng_hi: f64,
    ) -> Result<Self, GeomError> {
        let bad = |reason| GeomError::InvalidRect {
            lat_lo,
            lat_hi,
            lng_lo,
            lng_hi,
            reason,
        };
        if !(lat_lo.is_finite() && lat_hi.is_finite() && lng_lo.is_finite() && lng_hi.is_finite()) {
            return Err(bad("bounds must be finite"));
        }
        if lat_lo.abs() > FRAC_PI_2 || lat_hi.abs() > FRAC_PI_2 {
            return Err(bad("latitudes must be within [-π/2, π/2]"));
        }
        if lng_lo.abs() > PI || lng_hi.abs() > PI {
            return Err(bad("longitudes must be within [-π, π]"));
        }
        let rect = Self::from_intervals(
            R1Interval::new(lat_lo, lat_hi),
            S1Interval::new(lng_lo, lng_hi),
        );
        if rect.lat.is_empty() != rect.lng.is_empty() {
            return Err(bad(
                "lat_lo > lat_hi (an empty latitude range) with a non-empty longitude range",
            ));
        }
        Ok(rect)
    }

    /// A rectangle from its bounds in degrees; see
    /// [`from_radians`](Self::from_radians) (degrees are turned into
    /// radians as Google's `S2LatLng::FromDegrees` does).
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidRect`] (bounds in radians).
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let porto_alegre = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
    /// assert!(porto_alegre.contains_latlng(&LatLng::from_degrees(-30.0438, -51.14022)));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_degrees(
        lat_lo: f64,
        lat_hi: f64,
        lng_lo: f64,
        lng_hi: f64,
    ) -> Result<Self, GeomError> {
        let lo = LatLng::from_degrees(lat_lo, lng_lo);
        let hi = LatLng::from_degrees(lat_hi, lng_hi);
        Self::from_radians(lo.lat(), hi.lat(), lo.lng(), hi.lng())
    }

    /// The rectangle from corner `lo` (south-west) to corner `hi`
    /// (north-east), as Google's `S2LatLngRect(lo, hi)`.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidRect`] when a corner is invalid or `lo` is north of
    /// `hi`.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let r = LatLngRect::new(LatLng::from_degrees(10.0, 170.0), LatLng::from_degrees(20.0, -170.0))?;
    /// assert!(r.contains_latlng(&LatLng::from_degrees(15.0, 180.0)));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn new(lo: LatLng, hi: LatLng) -> Result<Self, GeomError> {
        Self::from_radians(lo.lat(), hi.lat(), lo.lng(), hi.lng())
    }

    /// The rectangle holding one point.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidRect`] when the point is not a valid lat/lng.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let p = LatLng::from_degrees(1.0, 2.0);
    /// assert!(LatLngRect::from_point(p)?.contains_latlng(&p));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_point(p: LatLng) -> Result<Self, GeomError> {
        Self::new(p, p)
    }

    /// The smallest rectangle holding two points; the longitude range is
    /// the shorter way round (Google's `FromPointPair`).
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidRect`] when a point is not a valid lat/lng.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let r = LatLngRect::from_point_pair(LatLng::from_degrees(0.0, 179.0), LatLng::from_degrees(5.0, -179.0))?;
    /// assert!(r.lng_lo() > r.lng_hi()); // the short way, across 180°
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_point_pair(p1: LatLng, p2: LatLng) -> Result<Self, GeomError> {
        Self::from_point(p1)?;
        Self::from_point(p2)?;
        Ok(Self::from_intervals(
            R1Interval::from_point_pair(p1.lat(), p2.lat()),
            S1Interval::from_point_pair(p1.lng(), p2.lng()),
        ))
    }

    /// The rectangle centered on `center` with the given size (latitude
    /// and longitude extents, radians, in a `LatLng`), clamped at the poles
    /// (Google's `FromCenterSize`).
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidRect`] when the center is invalid or a size is
    /// negative or not finite.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let r = LatLngRect::from_center_size(LatLng::from_degrees(80.0, 0.0), LatLng::from_degrees(30.0, 10.0))?;
    /// assert_eq!(r.lat_hi(), std::f64::consts::FRAC_PI_2);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_center_size(center: LatLng, size: LatLng) -> Result<Self, GeomError> {
        let point = Self::from_point(center)?;
        let (h, w) = (size.lat(), size.lng());
        if !(h.is_finite() && w.is_finite() && h >= 0.0 && w >= 0.0) {
            return Err(GeomError::InvalidRect {
                lat_lo: center.lat() - 0.5 * h,
                lat_hi: center.lat() + 0.5 * h,
                lng_lo: center.lng() - 0.5 * w,
                lng_hi: center.lng() + 0.5 * w,
                reason: "a size must be finite and not negative",
            });
        }
        Ok(point.expanded(0.5 * h, 0.5 * w))
    }

    /// The rectangle covering the whole sphere.
    ///
    /// ```
    /// assert!(s2cells::LatLngRect::full().is_full());
    /// ```
    #[must_use]
    pub fn full() -> Self {
        Self::from_intervals(R1Interval::new(-FRAC_PI_2, FRAC_PI_2), S1Interval::full())
    }

    /// The empty rectangle.
    ///
    /// ```
    /// assert!(s2cells::LatLngRect::empty().is_empty());
    /// ```
    #[must_use]
    pub fn empty() -> Self {
        Self::from_intervals(R1Interval::empty(), S1Interval::empty())
    }

    /// Lowest latitude, radians.
    ///
    /// ```
    /// assert_eq!(s2cells::LatLngRect::full().lat_lo(), -std::f64::consts::FRAC_PI_2);
    /// ```
    #[must_use]
    pub fn lat_lo(&self) -> f64 {
        self.lat.lo
    }

    /// Highest latitude, radians.
    ///
    /// ```
    /// assert_eq!(s2cells::LatLngRect::full().lat_hi(), std::f64::consts::FRAC_PI_2);
    /// ```
    #[must_use]
    pub fn lat_hi(&self) -> f64 {
        self.lat.hi
    }

    /// Western longitude bound, radians (greater than `lng_hi` when the
    /// rectangle crosses the antimeridian).
    ///
    /// ```
    /// assert_eq!(s2cells::LatLngRect::full().lng_lo(), -std::f64::consts::PI);
    /// ```
    #[must_use]
    pub fn lng_lo(&self) -> f64 {
        self.lng.lo
    }

    /// Eastern longitude bound, radians.
    ///
    /// ```
    /// assert_eq!(s2cells::LatLngRect::full().lng_hi(), std::f64::consts::PI);
    /// ```
    #[must_use]
    pub fn lng_hi(&self) -> f64 {
        self.lng.hi
    }

    /// Whether the rectangle contains no points.
    ///
    /// ```
    /// assert!(!s2cells::LatLngRect::full().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lat.is_empty()
    }

    /// Whether the rectangle is the whole sphere.
    ///
    /// ```
    /// assert!(!s2cells::LatLngRect::empty().is_full());
    /// ```
    #[must_use]
    pub fn is_full(&self) -> bool {
        self.lat.lo == -FRAC_PI_2 && self.lat.hi == FRAC_PI_2 && self.lng.is_full()
    }

    /// Whether the longitude range crosses the antimeridian.
    ///
    /// ```
    /// assert!(!s2cells::LatLngRect::full().is_inverted());
    /// ```
    #[must_use]
    pub fn is_inverted(&self) -> bool {
        self.lng.is_inverted()
    }

    /// Whether the rectangle is a single point.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// assert!(LatLngRect::from_point(LatLng::from_degrees(1.0, 2.0))?.is_point());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn is_point(&self) -> bool {
        self.lat.lo == self.lat.hi && self.lng.lo == self.lng.hi
    }

    /// Whether the rectangle has no interior: empty, or zero height or
    /// width (a point, a piece of a parallel or of a meridian). No cell
    /// lies inside such a rectangle.
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// assert!(LatLngRect::from_degrees(0.0, 0.0, -10.0, 10.0)?.is_degenerate());
    /// assert!(!LatLngRect::full().is_degenerate());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn is_degenerate(&self) -> bool {
        self.is_empty() || self.lat.lo == self.lat.hi || self.lng.lo == self.lng.hi
    }

    /// Corner `k` (0..=3, taken mod 4), counter-clockwise from the lower
    /// left: lower left, lower right, upper right, upper left.
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let r = LatLngRect::from_degrees(10.0, 20.0, 30.0, 40.0)?;
    /// assert_eq!(r.vertex(2).lat(), r.lat_hi());
    /// assert_eq!(r.vertex(1).lng(), r.lng_hi());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn vertex(&self, k: usize) -> LatLng {
        let i = (k >> 1) & 1;
        let lat = if i == 0 { self.lat.lo } else { self.lat.hi };
        let lng = if i ^ (k & 1) == 0 {
            self.lng.lo
        } else {
            self.lng.hi
        };
        LatLng::from_radians(lat, lng)
    }

    /// The four corners, counter-clockwise from the lower left.
    ///
    /// ```
    /// let vs = s2cells::LatLngRect::from_degrees(10.0, 20.0, 30.0, 40.0)?.vertices();
    /// assert_eq!(vs[0].lat_degrees().round(), 10.0);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn vertices(&self) -> [LatLng; 4] {
        [
            self.vertex(0),
            self.vertex(1),
            self.vertex(2),
            self.vertex(3),
        ]
    }

    /// The center in lat/lng space (longitude in (-π, π]).
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let c = LatLngRect::from_degrees(0.0, 10.0, 170.0, -170.0)?.center();
    /// assert!((c.lng_degrees().abs() - 180.0).abs() < 1e-12);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn center(&self) -> LatLng {
        LatLng::from_radians(self.lat.center(), self.lng.center())
    }

    /// The extents (latitude, longitude) in radians; negative for the empty
    /// rectangle.
    ///
    /// ```
    /// let s = s2cells::LatLngRect::full().size();
    /// assert_eq!(s.lng(), 2.0 * std::f64::consts::PI);
    /// ```
    #[must_use]
    pub fn size(&self) -> LatLng {
        LatLng::from_radians(self.lat.length(), self.lng.length())
    }

    /// The area in steradians (Google's `Area`).
    ///
    /// ```
    /// let a = s2cells::LatLngRect::full().area();
    /// assert!((a - 4.0 * std::f64::consts::PI).abs() < 1e-12);
    /// ```
    #[must_use]
    pub fn area(&self) -> f64 {
        if self.is_empty() {
            return 0.0;
        }
        self.lng.length() * (self.lat.hi.sin() - self.lat.lo.sin())
    }

    /// Whether the rectangle contains a point (unit length), through its
    /// lat/lng.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let r = LatLngRect::from_degrees(-1.0, 1.0, -1.0, 1.0)?;
    /// assert!(r.contains_point(&LatLng::from_degrees(0.5, 0.5).to_point()));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn contains_point(&self, p: &Point) -> bool {
        self.contains_latlng(&LatLng::from(*p))
    }

    /// Whether `other` lies inside this rectangle.
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let big = LatLngRect::from_degrees(-10.0, 10.0, 170.0, -170.0)?;
    /// let small = LatLngRect::from_degrees(-1.0, 1.0, 179.0, -179.0)?;
    /// assert!(big.contains(&small) && !small.contains(&big));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn contains(&self, other: &Self) -> bool {
        self.lat.contains_interval(&other.lat) && self.lng.contains_interval(&other.lng)
    }

    /// Whether the two rectangles share a point (closed: touching counts).
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let a = LatLngRect::from_degrees(0.0, 1.0, 0.0, 1.0)?;
    /// let b = LatLngRect::from_degrees(1.0, 2.0, 1.0, 2.0)?;
    /// assert!(a.intersects(&b));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn intersects(&self, other: &Self) -> bool {
        self.lat.intersects(&other.lat) && self.lng.intersects(&other.lng)
    }

    /// The intersection; when the longitude ranges meet in two pieces, the
    /// smaller rectangle's range is kept (Google's `Intersection`).
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let a = LatLngRect::from_degrees(0.0, 10.0, 0.0, 10.0)?;
    /// let b = LatLngRect::from_degrees(5.0, 20.0, 5.0, 20.0)?;
    /// let c = a.intersection(&b);
    /// assert!((c.lat_lo().to_degrees() - 5.0).abs() < 1e-12);
    /// assert!(a.intersection(&LatLngRect::from_degrees(50.0, 60.0, 0.0, 1.0)?).is_empty());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn intersection(&self, other: &Self) -> Self {
        let lat = self.lat.intersection(&other.lat);
        let lng = self.lng.intersection(&other.lng);
        if lat.is_empty() || lng.is_empty() {
            return Self::empty();
        }
        Self::from_intervals(lat, lng)
    }

    /// The rectangle grown by `lat_margin` and `lng_margin` radians on each
    /// side (shrunk for negative margins), latitudes clamped to the poles
    /// (Google's `Expanded`). A longitude range grown past 2π is full.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidRect`] when a margin is NaN.
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let r = LatLngRect::from_degrees(0.0, 1.0, 0.0, 1.0)?.expanded_by(0.1, 4.0)?;
    /// assert!(r.lng_lo() == -std::f64::consts::PI && r.lng_hi() == std::f64::consts::PI);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn expanded_by(&self, lat_margin: f64, lng_margin: f64) -> Result<Self, GeomError> {
        if lat_margin.is_nan() || lng_margin.is_nan() {
            return Err(GeomError::InvalidRect {
                lat_lo: self.lat.lo,
                lat_hi: self.lat.hi,
                lng_lo: self.lng.lo,
                lng_hi: self.lng.hi,
                reason: "an expansion margin is NaN",
            });
        }
        Ok(self.expanded(lat_margin, lng_margin))
    }

    /// Whether the rectangle contains a (valid) lat/lng.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// assert!(LatLngRect::full().contains_latlng(&LatLng::from_degrees(10.0, 20.0)));
    /// ```
    #[must_use]
    pub fn contains_latlng(&self, ll: &LatLng) -> bool {
        self.lat.contains(ll.lat()) && self.lng.contains(ll.lng())
    }

    /// The smallest rectangle containing both rectangles (Google's
    /// `S2LatLngRect::Union`). The longitude ranges are joined across the
    /// shorter of the two gaps between them, so the union of two
    /// rectangles on either side of the antimeridian crosses it.
    ///
    /// ```
    /// use s2cells::{Cell, CellId, LatLng};
    ///
    /// let a = Cell::from(CellId::from_latlng(LatLng::from_degrees(10.0, 179.0)).parent(8));
    /// let b = Cell::from(CellId::from_latlng(LatLng::from_degrees(-5.0, -179.0)).parent(8));
    /// let both = a.rect_bound().union(&b.rect_bound());
    /// assert!(both.contains_latlng(&LatLng::from_degrees(0.0, 180.0)));
    /// assert!(!both.contains_latlng(&LatLng::from_degrees(0.0, 0.0)));
    /// assert!(both.lng_lo() > both.lng_hi()); // crosses the antimeridian
    /// ```
    #[must_use]
    pub fn union(&self, other: &Self) -> Self {
        Self::from_intervals(self.lat.union(&other.lat), self.lng.union(&other.lng))
    }

    /// The rectangle grown by `lat_margin` and `lng_margin` radians on each
    /// side, the latitude clamped to the sphere (Google's `Expanded`).
    pub(crate) fn expanded(&self, lat_margin: f64, lng_margin: f64) -> Self {
        let lat = self.lat.expanded(lat_margin);
        let lng = self.lng.expanded(lng_margin);
        if lat.is_empty() || lng.is_empty() {
            return Self::empty();
        }
        Self::from_intervals(
            lat.intersection(&R1Interval::new(-FRAC_PI_2, FRAC_PI_2)),
            lng,
        )
    }

    /// The rectangle with the full longitude range when it touches a pole,
    /// so that it holds every lat/lng of that pole (Google's
    /// `PolarClosure`); otherwise the rectangle itself.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let r = LatLngRect::from_degrees(-90.0, -80.0, 10.0, 20.0)?;
    /// assert!(!r.contains_latlng(&LatLng::from_degrees(-90.0, 0.0)));
    /// assert!(r.polar_closure().contains_latlng(&LatLng::from_degrees(-90.0, 0.0)));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn polar_closure(&self) -> Self {
        if self.lat.lo == -FRAC_PI_2 || self.lat.hi == FRAC_PI_2 {
            Self::from_intervals(self.lat, S1Interval::full())
        } else {
            *self
        }
    }
}

impl LatLngRect {
    /// The south-west corner (`lat_lo`, `lng_lo`).
    ///
    /// ```
    /// let r = s2cells::LatLngRect::from_degrees(10.0, 20.0, 30.0, 40.0)?;
    /// assert_eq!(r.lo().lat(), r.lat_lo());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn lo(&self) -> LatLng {
        LatLng::from_radians(self.lat.lo, self.lng.lo)
    }

    /// The north-east corner (`lat_hi`, `lng_hi`).
    ///
    /// ```
    /// let r = s2cells::LatLngRect::from_degrees(10.0, 20.0, 30.0, 40.0)?;
    /// assert_eq!(r.hi().lng(), r.lng_hi());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn hi(&self) -> LatLng {
        LatLng::from_radians(self.lat.hi, self.lng.hi)
    }

    /// Whether a (valid) lat/lng lies strictly inside the rectangle, off
    /// its boundary (Google's `InteriorContains(S2LatLng)`). A full
    /// longitude range has no east or west boundary.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let r = LatLngRect::from_degrees(0.0, 10.0, 0.0, 10.0)?;
    /// assert!(r.interior_contains_latlng(&LatLng::from_degrees(5.0, 5.0)));
    /// assert!(!r.interior_contains_latlng(&LatLng::from_degrees(0.0, 5.0)));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn interior_contains_latlng(&self, ll: &LatLng) -> bool {
        self.lat.interior_contains(ll.lat()) && self.lng.interior_contains(ll.lng())
    }

    /// [`interior_contains_latlng`](Self::interior_contains_latlng) of a
    /// point (need not be unit length).
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let r = LatLngRect::from_degrees(0.0, 10.0, 0.0, 10.0)?;
    /// assert!(r.interior_contains_point(&LatLng::from_degrees(5.0, 5.0).to_point()));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn interior_contains_point(&self, p: &Point) -> bool {
        self.interior_contains_latlng(&LatLng::from(*p))
    }

    /// Whether `other`, boundary included, lies in the interior of this
    /// rectangle (Google's `InteriorContains(const S2LatLngRect&)`).
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let big = LatLngRect::from_degrees(0.0, 10.0, 0.0, 10.0)?;
    /// assert!(big.interior_contains(&LatLngRect::from_degrees(1.0, 9.0, 1.0, 9.0)?));
    /// assert!(!big.interior_contains(&LatLngRect::from_degrees(0.0, 9.0, 1.0, 9.0)?));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn interior_contains(&self, other: &Self) -> bool {
        self.lat.interior_contains_interval(&other.lat)
            && self.lng.interior_contains_interval(&other.lng)
    }

    /// Whether the interior of this rectangle meets `other` (boundary
    /// included): touching along an edge does not count (Google's
    /// `InteriorIntersects`).
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let a = LatLngRect::from_degrees(0.0, 10.0, 0.0, 10.0)?;
    /// assert!(!a.interior_intersects(&LatLngRect::from_degrees(10.0, 20.0, 0.0, 10.0)?));
    /// assert!(a.interior_intersects(&LatLngRect::from_degrees(5.0, 20.0, 5.0, 20.0)?));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn interior_intersects(&self, other: &Self) -> bool {
        self.lat.interior_intersects(&other.lat) && self.lng.interior_intersects(&other.lng)
    }

    /// Grows the rectangle just enough to hold `ll`, the longitude range the
    /// shorter way round (Google's `AddPoint(S2LatLng)`); an empty rectangle
    /// becomes the point.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidLatLng`] (the rectangle unchanged) when `ll` is not
    /// finite or out of range.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let mut r = LatLngRect::empty();
    /// r.add_latlng(&LatLng::from_degrees(10.0, 170.0))?;
    /// r.add_latlng(&LatLng::from_degrees(-10.0, -170.0))?;
    /// assert!(r.is_inverted() && r.contains_latlng(&LatLng::from_degrees(0.0, 180.0)));
    /// assert!(r.add_latlng(&LatLng::from_radians(f64::NAN, 0.0)).is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn add_latlng(&mut self, ll: &LatLng) -> Result<(), GeomError> {
        if !ll.is_valid() {
            return Err(GeomError::InvalidLatLng {
                lat_degrees: ll.lat_degrees(),
                lng_degrees: ll.lng_degrees(),
            });
        }
        self.lat.add_point(ll.lat());
        self.lng.add_point(ll.lng());
        Ok(())
    }

    /// Grows the rectangle just enough to hold the point's lat/lng (Google's
    /// `AddPoint(S2Point)`; the point need not be unit length).
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidPoint`] (the rectangle unchanged) for a zero or
    /// non-finite point.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect, Point};
    /// let mut r = LatLngRect::empty();
    /// r.add_point(&Point::new(0.0, 0.0, 1.0))?;
    /// assert_eq!(r.lat_hi(), std::f64::consts::FRAC_PI_2);
    /// assert!(r.add_point(&Point::new(0.0, 0.0, 0.0)).is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn add_point(&mut self, p: &Point) -> Result<(), GeomError> {
        if !p.is_finite() || p.norm2() == 0.0 {
            return Err(GeomError::InvalidPoint {
                xyz: [p.x, p.y, p.z],
            });
        }
        self.add_latlng(&LatLng::from(*p))
    }

    /// The centroid of the rectangle on the sphere times its area (Google's
    /// `GetCentroid`): not unit length, and summable over disjoint pieces;
    /// normalize it for a direction. Zero for the empty rectangle.
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let c = LatLngRect::from_degrees(0.0, 90.0, -10.0, 10.0)?.centroid();
    /// assert!(c.x > 0.0 && c.y.abs() < 1e-15 && c.z > 0.0);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn centroid(&self) -> Point {
        if self.is_empty() {
            return Point::new(0.0, 0.0, 0.0);
        }
        // Slices between parallel planes have equal areas, so z is the mean
        // of the z range; the distance from the axis integrates the chord
        // centroid r·sin(α)/α over that range.
        let (z1, z2) = (self.lat.lo.sin(), self.lat.hi.sin());
        let (r1, r2) = (self.lat.lo.cos(), self.lat.hi.cos());
        let alpha = 0.5 * self.lng.length();
        let r = alpha.sin() * (r2 * z2 - r1 * z1 + self.lat.length());
        let lng = self.lng.center();
        let z = alpha * (z2 + z1) * (z2 - z1);
        Point::new(r * lng.cos(), r * lng.sin(), z)
    }

    /// Whether the bounds agree within `max_error` radians (Google's
    /// `ApproxEquals`, whose default tolerance is 1e-15): each latitude
    /// bound, each longitude bound round the circle; empty and full
    /// ranges match nearly empty and nearly full ones.
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let a = LatLngRect::from_radians(0.1, 0.2, 3.0, -3.0)?;
    /// let b = LatLngRect::from_radians(0.1, 0.2 + 1e-16, 3.0, -3.0)?;
    /// assert!(a.approx_eq(&b, 1e-15) && a != b);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn approx_eq(&self, other: &Self, max_error: f64) -> bool {
        self.lat.approx_eq(&other.lat, max_error) && self.lng.approx_eq(&other.lng, max_error)
    }

    /// [`approx_eq`](Self::approx_eq) with separate tolerances, in radians,
    /// for latitude (`max_error.lat()`) and longitude (`max_error.lng()`)
    /// (Google's `ApproxEquals(other, S2LatLng)`).
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let a = LatLngRect::from_radians(0.1, 0.2, 0.3, 0.4)?;
    /// let b = LatLngRect::from_radians(0.1, 0.2, 0.3, 0.4 + 1e-9)?;
    /// assert!(a.approx_eq_latlng(&b, LatLng::from_radians(0.0, 1e-8)));
    /// assert!(!a.approx_eq_latlng(&b, LatLng::from_radians(1e-8, 0.0)));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn approx_eq_latlng(&self, other: &Self, max_error: LatLng) -> bool {
        self.lat.approx_eq(&other.lat, max_error.lat())
            && self.lng.approx_eq(&other.lng, max_error.lng())
    }
}
