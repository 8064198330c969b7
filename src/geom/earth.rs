//! Earth units: meters and kilometers to angles and back, areas to
//! steradians, distances between lat/lngs, with Google's `S2Earth` radius.
//!
//! ```
//! use s2cells::{earth, LatLng};
//!
//! let a = LatLng::from_degrees(-30.0438, -51.14022);
//! let b = LatLng::from_degrees(-30.0, -51.0);
//! let m = earth::distance_meters(a, b);
//! assert!((m - 14_352.0).abs() < 50.0, "{m}");
//! ```

use super::LatLng;

/// The Earth's mean radius in meters, as S2 uses it.
pub const RADIUS_METERS: f64 = 6_371_010.0;

/// The Earth's mean radius in kilometers.
pub const RADIUS_KM: f64 = 0.001 * RADIUS_METERS;

/// Meters along the surface to an angle in radians.
///
/// ```
/// let r = s2cells::earth::meters_to_radians(s2cells::earth::RADIUS_METERS);
/// assert_eq!(r, 1.0);
/// ```
#[must_use]
pub fn meters_to_radians(meters: f64) -> f64 {
    meters / RADIUS_METERS
}

/// An angle in radians to meters along the surface.
///
/// ```
/// assert_eq!(s2cells::earth::radians_to_meters(1.0), 6_371_010.0);
/// ```
#[must_use]
pub fn radians_to_meters(radians: f64) -> f64 {
    radians * RADIUS_METERS
}

/// Kilometers along the surface to an angle in radians.
///
/// ```
/// let r = s2cells::earth::km_to_radians(10.0);
/// assert!((r - 10.0 / 6371.01).abs() < 1e-18);
/// ```
#[must_use]
pub fn km_to_radians(km: f64) -> f64 {
    km / RADIUS_KM
}

/// An angle in radians to kilometers along the surface.
///
/// ```
/// assert!((s2cells::earth::radians_to_km(1.0) - 6371.01).abs() < 1e-9);
/// ```
#[must_use]
pub fn radians_to_km(radians: f64) -> f64 {
    radians * RADIUS_KM
}

/// An area in square kilometers to steradians.
///
/// ```
/// let sr = s2cells::earth::square_km_to_steradians(510_072_000.0);
/// assert!((sr - 4.0 * std::f64::consts::PI).abs() < 1e-3);
/// ```
#[must_use]
pub fn square_km_to_steradians(km2: f64) -> f64 {
    km2 / (RADIUS_KM * RADIUS_KM)
}

/// An area in steradians to square kilometers.
///
/// ```
/// let km2 = s2cells::earth::steradians_to_square_km(4.0 * std::f64::consts::PI);
/// assert!((km2 / 1e6 - 510.07).abs() < 0.01);
/// ```
#[must_use]
pub fn steradians_to_square_km(steradians: f64) -> f64 {
    // Left to right, as Google: (sr · r) · r rounds differently from sr · r².
    steradians * RADIUS_KM * RADIUS_KM
}

/// An area in square meters to steradians.
///
/// ```
/// let sr = s2cells::earth::square_meters_to_steradians(1e6);
/// assert_eq!(sr, s2cells::earth::square_km_to_steradians(1.0));
/// ```
#[must_use]
pub fn square_meters_to_steradians(m2: f64) -> f64 {
    m2 / (RADIUS_METERS * RADIUS_METERS)
}

/// An area in steradians to square meters.
///
/// ```
/// let m2 = s2cells::earth::steradians_to_square_meters(1.0);
/// assert_eq!(m2, 6_371_010.0 * 6_371_010.0);
/// ```
#[must_use]
pub fn steradians_to_square_meters(steradians: f64) -> f64 {
    steradians * RADIUS_METERS * RADIUS_METERS
}

/// The great-circle distance between two lat/lngs in meters (Google's
/// `S2Earth::GetDistanceMeters`, by the haversine formula).
///
/// ```
/// use s2cells::{earth, LatLng};
/// let d = earth::distance_meters(LatLng::from_degrees(0.0, 0.0), LatLng::from_degrees(0.0, 1.0));
/// assert!((d - 111_195.0).abs() < 1.0);
/// ```
#[must_use]
pub fn distance_meters(a: LatLng, b: LatLng) -> f64 {
    radians_to_meters(a.distance(&b))
}

/// The great-circle distance between two lat/lngs in kilometers.
///
/// ```
/// use s2cells::{earth, LatLng};
/// let d = earth::distance_km(LatLng::from_degrees(0.0, 0.0), LatLng::from_degrees(0.0, 1.0));
/// assert!((d - 111.195).abs() < 0.001);
/// ```
#[must_use]
pub fn distance_km(a: LatLng, b: LatLng) -> f64 {
    radians_to_km(a.distance(&b))
}
