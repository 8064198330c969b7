//! Latitude/longitude pairs.

use std::f64::consts::{FRAC_PI_2, PI};

use super::{Point, remainder};
use crate::geom::GeomError;

/// Degrees to radians as Google's `S1Angle::Degrees` does it: one multiply by
/// the rounded constant π/180 (not a division by 180 after multiplying by π).
const RADIANS_PER_DEGREE: f64 = PI / 180.0;
const DEGREES_PER_RADIAN: f64 = 180.0 / PI;

/// A latitude/longitude pair, stored in radians.
///
/// A `LatLng` is a plain value: it may hold an out-of-range or non-finite
/// pair, which [`is_valid`](Self::is_valid) reports and
/// [`normalized`](Self::normalized) repairs. Functions that turn it into a
/// cell say what they do with an invalid one.
///
/// ```
/// use s2cells::LatLng;
///
/// let porto_alegre = LatLng::from_degrees(-30.0438, -51.14022);
/// assert!(porto_alegre.is_valid());
/// assert!((porto_alegre.lat_degrees() + 30.0438).abs() < 1e-12);
/// assert!(!LatLng::from_degrees(91.0, 0.0).is_valid());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LatLng {
    lat: f64,
    lng: f64,
}

impl LatLng {
    /// A lat/lng from degrees.
    ///
    /// ```
    /// let ll = s2cells::LatLng::from_degrees(45.0, -120.0);
    /// assert_eq!(ll.lat(), std::f64::consts::FRAC_PI_4);
    /// ```
    #[must_use]
    #[inline]
    pub fn from_degrees(lat: f64, lng: f64) -> Self {
        Self {
            lat: lat * RADIANS_PER_DEGREE,
            lng: lng * RADIANS_PER_DEGREE,
        }
    }

    /// A lat/lng from radians.
    ///
    /// ```
    /// let ll = s2cells::LatLng::from_radians(0.5, 1.0);
    /// assert_eq!((ll.lat(), ll.lng()), (0.5, 1.0));
    /// ```
    #[must_use]
    #[inline]
    pub const fn from_radians(lat: f64, lng: f64) -> Self {
        Self { lat, lng }
    }

    /// A valid lat/lng from degrees, or an error naming the pair when either
    /// value is non-finite or out of range (|lat| > 90, |lng| > 180).
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidLatLng`] with the pair as given.
    ///
    /// ```
    /// use s2cells::LatLng;
    /// assert!(LatLng::try_from_degrees(-30.0, -51.0).is_ok());
    /// assert!(LatLng::try_from_degrees(f64::NAN, 0.0).is_err());
    /// assert!(LatLng::try_from_degrees(0.0, 180.5).is_err());
    /// ```
    pub fn try_from_degrees(lat: f64, lng: f64) -> Result<Self, GeomError> {
        let ll = Self::from_degrees(lat, lng);
        if ll.is_valid() {
            Ok(ll)
        } else {
            Err(GeomError::InvalidLatLng {
                lat_degrees: lat,
                lng_degrees: lng,
            })
        }
    }

    /// Latitude in radians.
    ///
    /// ```
    /// assert_eq!(s2cells::LatLng::from_radians(0.25, 0.0).lat(), 0.25);
    /// ```
    #[must_use]
    #[inline]
    pub const fn lat(&self) -> f64 {
        self.lat
    }

    /// Longitude in radians.
    ///
    /// ```
    /// assert_eq!(s2cells::LatLng::from_radians(0.0, -0.25).lng(), -0.25);
    /// ```
    #[must_use]
    #[inline]
    pub const fn lng(&self) -> f64 {
        self.lng
    }

    /// Latitude in degrees.
    ///
    /// ```
    /// assert_eq!(s2cells::LatLng::from_degrees(90.0, 0.0).lat_degrees(), 90.0);
    /// ```
    #[must_use]
    #[inline]
    pub fn lat_degrees(&self) -> f64 {
        self.lat * DEGREES_PER_RADIAN
    }

    /// Longitude in degrees.
    ///
    /// ```
    /// assert_eq!(s2cells::LatLng::from_degrees(0.0, -180.0).lng_degrees(), -180.0);
    /// ```
    #[must_use]
    #[inline]
    pub fn lng_degrees(&self) -> f64 {
        self.lng * DEGREES_PER_RADIAN
    }

    /// Whether the latitude is within [-π/2, π/2] and the longitude within
    /// [-π, π] (which also rules out NaN and infinities).
    ///
    /// ```
    /// use s2cells::LatLng;
    /// assert!(LatLng::from_degrees(-90.0, 180.0).is_valid());
    /// assert!(!LatLng::from_degrees(0.0, f64::NAN).is_valid());
    /// ```
    #[must_use]
    #[inline]
    pub fn is_valid(&self) -> bool {
        self.lat.abs() <= FRAC_PI_2 && self.lng.abs() <= PI
    }

    /// The latitude clamped to [-90°, 90°] and the longitude wrapped into
    /// [-180°, 180°] (Google's `Normalized`). NaN stays NaN.
    ///
    /// ```
    /// use s2cells::LatLng;
    /// let ll = LatLng::from_degrees(95.0, 190.0).normalized();
    /// assert_eq!(ll.lat_degrees(), 90.0);
    /// assert!((ll.lng_degrees() + 170.0).abs() < 1e-12);
    /// ```
    #[must_use]
    pub fn normalized(&self) -> Self {
        // remainder() maps the longitude into [-π, π]; clamp keeps NaN.
        let lat = self.lat.clamp(-FRAC_PI_2, FRAC_PI_2);
        Self {
            lat,
            lng: remainder(self.lng, 2.0 * PI),
        }
    }

    /// The unit vector of this lat/lng, exactly as Google's
    /// `S2LatLng::ToPoint` computes it. It does not check validity: an
    /// out-of-range latitude continues over the pole.
    ///
    /// ```
    /// use s2cells::LatLng;
    /// let p = LatLng::from_degrees(90.0, 0.0).to_point();
    /// assert_eq!(p.z, 1.0);
    /// ```
    #[must_use]
    #[inline]
    pub fn to_point(&self) -> Point {
        let (phi, theta) = (self.lat, self.lng);
        let cosphi = phi.cos();
        Point::new(theta.cos() * cosphi, theta.sin() * cosphi, phi.sin())
    }

    /// The latitude of a point, in radians (Google's `S2LatLng::Latitude`).
    #[must_use]
    #[inline]
    pub(crate) fn latitude(p: &Point) -> f64 {
        // atan2 rather than asin: the point need not be unit length. Adding
        // 0.0 turns -0.0 into +0.0, so both zeros give the same lat/lng.
        (p.z + 0.0).atan2((p.x * p.x + p.y * p.y).sqrt())
    }

    /// The longitude of a point, in radians (Google's `S2LatLng::Longitude`).
    #[must_use]
    #[inline]
    pub(crate) fn longitude(p: &Point) -> f64 {
        // Adding 0.0 turns -0.0 into +0.0 (atan2(-0, -0) would be -π);
        // atan2(0, 0) is zero.
        (p.y + 0.0).atan2(p.x + 0.0)
    }

    /// The great-circle distance to another lat/lng, in radians, by the
    /// haversine formula as Google's `S2LatLng::GetDistance` computes it
    /// (accurate to about 1e-8 for antipodal points, better for near ones).
    ///
    /// ```
    /// use s2cells::LatLng;
    /// let d = LatLng::from_degrees(0.0, 0.0).distance(&LatLng::from_degrees(0.0, 90.0));
    /// assert!((d - std::f64::consts::FRAC_PI_2).abs() < 1e-15);
    /// ```
    #[must_use]
    pub fn distance(&self, o: &Self) -> f64 {
        let (lat1, lat2) = (self.lat, o.lat);
        let (lng1, lng2) = (self.lng, o.lng);
        let dlat = (0.5 * (lat2 - lat1)).sin();
        let dlng = (0.5 * (lng2 - lng1)).sin();
        let x = dlat * dlat + dlng * dlng * lat1.cos() * lat2.cos();
        2.0 * x.min(1.0).sqrt().asin()
    }
}

impl From<Point> for LatLng {
    /// The lat/lng of a point (need not be unit length), as Google's
    /// `S2LatLng(S2Point)`.
    ///
    /// ```
    /// use s2cells::{LatLng, Point};
    /// let ll = LatLng::from(Point::new(0.0, 0.0, -3.0));
    /// assert_eq!(ll.lat_degrees(), -90.0);
    /// ```
    fn from(p: Point) -> Self {
        Self {
            lat: Self::latitude(&p),
            lng: Self::longitude(&p),
        }
    }
}
