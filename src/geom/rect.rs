//! Rectangles in latitude/longitude space.

use std::f64::consts::FRAC_PI_2;

use super::{LatLng, R1Interval, S1Interval};

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

    /// The rectangle with the full longitude range when it touches a pole.
    pub(crate) fn polar_closure(&self) -> Self {
        if self.lat.lo == -FRAC_PI_2 || self.lat.hi == FRAC_PI_2 {
            Self::from_intervals(self.lat, S1Interval::full())
        } else {
            *self
        }
    }
}
