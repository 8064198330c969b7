//! Exact tests of a rectangle's boundary against geodesic edges (Google's
//! `BoundaryIntersects`); the exact cell test built on them is the
//! region layer's, which knows cells.

use std::f64::consts::FRAC_PI_2;

use super::super::edge_crossings::crossing_sign;
use super::super::robust_cross::robust_cross_prod;
use super::super::{LatLng, Point, R1Interval, S1Interval};
use super::LatLngRect;

impl LatLngRect {
    /// Whether the edge `v0 v1` (unit-length ends) crosses the boundary of
    /// the rectangle (Google's `BoundaryIntersects`): the meridian edges
    /// (unless the longitude range is full) and the parallel edges (unless
    /// at a pole).
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let r = LatLngRect::from_degrees(0.0, 10.0, 0.0, 10.0)?;
    /// let p = |lat, lng| LatLng::from_degrees(lat, lng).to_point();
    /// assert!(r.boundary_intersects(&p(5.0, 5.0), &p(5.0, 15.0)));
    /// assert!(!r.boundary_intersects(&p(4.0, 4.0), &p(6.0, 6.0)));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn boundary_intersects(&self, v0: &Point, v1: &Point) -> bool {
        if self.is_empty() {
            return false;
        }
        if !self.lng.is_full()
            && (intersects_lng_edge(v0, v1, &self.lat, self.lng.lo)
                || intersects_lng_edge(v0, v1, &self.lat, self.lng.hi))
        {
            return true;
        }
        (self.lat.lo != -FRAC_PI_2 && intersects_lat_edge(v0, v1, self.lat.lo, &self.lng))
            || (self.lat.hi != FRAC_PI_2 && intersects_lat_edge(v0, v1, self.lat.hi, &self.lng))
    }
}

/// Whether the edge `ab` crosses, at an interior point of both, the
/// meridian edge at `lng` spanning `lat` (Google's `IntersectsLngEdge`).
pub(crate) fn intersects_lng_edge(a: &Point, b: &Point, lat: &R1Interval, lng: f64) -> bool {
    crossing_sign(
        a,
        b,
        &LatLng::from_radians(lat.lo, lng).to_point(),
        &LatLng::from_radians(lat.hi, lng).to_point(),
    ) > 0
}

/// Whether the edge `ab` meets the parallel at `lat` within the longitude
/// range `lng` (Google's `IntersectsLatEdge`). A parallel is no great
/// circle: the edge's circle meets it at up to two points, found in a frame
/// whose x axis points to the circle's highest point.
pub(crate) fn intersects_lat_edge(a: &Point, b: &Point, lat: f64, lng: &S1Interval) -> bool {
    let mut z = robust_cross_prod(a, b).normalize();
    if z.z < 0.0 {
        z = -z;
    }
    let y = robust_cross_prod(&z, &Point::new(0.0, 0.0, 1.0)).normalize();
    let x = y.cross(&z);
    let sin_lat = lat.sin();
    if sin_lat.abs() >= x.z {
        return false; // the circle does not reach that latitude
    }
    let cos_theta = sin_lat / x.z;
    let sin_theta = (1.0 - cos_theta * cos_theta).sqrt();
    let theta = sin_theta.atan2(cos_theta);
    let ab_theta =
        S1Interval::from_point_pair(a.dot(&y).atan2(a.dot(&x)), b.dot(&y).atan2(b.dot(&x)));
    if ab_theta.contains(theta) {
        let isect = x * cos_theta + y * sin_theta;
        if lng.contains(isect.y.atan2(isect.x)) {
            return true;
        }
    }
    if ab_theta.contains(-theta) {
        let isect = x * cos_theta - y * sin_theta;
        if lng.contains(isect.y.atan2(isect.x)) {
            return true;
        }
    }
    false
}
