//! Exact tests of a rectangle's boundary against geodesic edges and cells
//! (Google's `BoundaryIntersects` and `Intersects(const S2Cell&)`).

use std::f64::consts::FRAC_PI_2;

use super::super::edge_crossings::crossing_sign;
use super::super::robust_cross::robust_cross_prod;
use super::super::{LatLng, Point, R1Interval, S1Interval};
use super::LatLngRect;
use crate::Cell;

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

    /// Whether the rectangle and the cell share a point: an exact test,
    /// costlier than the cell-bound test of
    /// [`Region::may_intersect_cell`](crate::Region::may_intersect_cell)
    /// (Google's `Intersects(const S2Cell&)`).
    ///
    /// ```
    /// use s2cells::{Cell, CellId, LatLng, LatLngRect};
    /// let r = LatLngRect::from_degrees(0.0, 1.0, 0.0, 1.0)?;
    /// let inside = Cell::from(CellId::from_latlng(LatLng::from_degrees(0.5, 0.5)).parent(10));
    /// let far = Cell::from(CellId::from_latlng(LatLng::from_degrees(40.0, 40.0)).parent(10));
    /// assert!(r.intersects_cell(&inside) && !r.intersects_cell(&far));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn intersects_cell(&self, cell: &Cell) -> bool {
        // With neither holding the other, they meet only where their
        // boundaries cross.
        if self.is_empty() {
            return false;
        }
        if self.contains_point(&cell.id().to_point_raw()) {
            return true;
        }
        if cell.contains_point(&self.center().to_point()) {
            return true;
        }
        if !self.intersects(&cell.rect_bound()) {
            return false;
        }
        let cell_v = cell.vertices();
        let cell_ll = cell_v.map(LatLng::from);
        for (i, ll) in cell_ll.iter().enumerate() {
            if self.contains_latlng(ll) {
                return true;
            }
            if cell.contains_point(&self.vertex(i).to_point()) {
                return true;
            }
        }
        // A rectangle has two curved (parallel) edges, so the crossings are
        // tested edge against edge.
        for i in 0..4 {
            let j = (i + 1) & 3;
            let edge_lng = S1Interval::from_point_pair(cell_ll[i].lng(), cell_ll[j].lng());
            if !self.lng.intersects(&edge_lng) {
                continue;
            }
            let (a, b) = (&cell_v[i], &cell_v[j]);
            if edge_lng.contains(self.lng.lo) && intersects_lng_edge(a, b, &self.lat, self.lng.lo) {
                return true;
            }
            if edge_lng.contains(self.lng.hi) && intersects_lng_edge(a, b, &self.lat, self.lng.hi) {
                return true;
            }
            if intersects_lat_edge(a, b, self.lat.lo, &self.lng)
                || intersects_lat_edge(a, b, self.lat.hi, &self.lng)
            {
                return true;
            }
        }
        false
    }
}

/// Whether the edge `ab` crosses, at an interior point of both, the
/// meridian edge at `lng` spanning `lat` (Google's `IntersectsLngEdge`).
fn intersects_lng_edge(a: &Point, b: &Point, lat: &R1Interval, lng: f64) -> bool {
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
fn intersects_lat_edge(a: &Point, b: &Point, lat: f64, lng: &S1Interval) -> bool {
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
