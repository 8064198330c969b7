//! Distances between rectangles and from points, Hausdorff distances and
//! expansion by a distance on the sphere (Google's `S2LatLngRect` distance
//! methods, to the bit).

use std::f64::consts::{FRAC_PI_2, PI};

use super::super::robust_cross::robust_cross_prod;
use super::super::{Cap, LatLng, Point, R1Interval, S1Interval};
use super::LatLngRect;
use crate::geom::GeomError;

/// The squared chord distance from `x` to the edge `ab` (all unit length),
/// as Google's `S2::GetDistance(x, a, b)` computes it before turning it
/// into an angle: to the interior when the closest point is there, else to
/// the nearer end.
fn edge_distance2(x: &Point, a: &Point, b: &Point) -> f64 {
    let xa2 = (*x - *a).norm2();
    let xb2 = (*x - *b).norm2();
    let ab2 = (*a - *b).norm2();
    // The planar triangle abx has both angles at a and b acute whenever the
    // closest point is interior; the bound covers rounding and points a
    // few ulps off unit length (Google's 4.75ε·(sum) + 8ε²).
    let max_error = 4.75 * f64::EPSILON * (xa2 + xb2 + ab2) + 8.0 * f64::EPSILON * f64::EPSILON;
    if (xa2 - xb2).abs() < ab2 + max_error {
        let c = robust_cross_prod(a, b);
        let c2 = c.norm2();
        let x_dot_c = x.dot(&c);
        let x_dot_c2 = x_dot_c * x_dot_c;
        let cx = c.cross(x);
        if !((*a - *x).dot(&cx) >= 0.0 || (*b - *x).dot(&cx) <= 0.0) {
            // |XR|² = |XQ|² + |QR|² with Q the projection of x on the
            // plane of ab and R its closest point on the great circle.
            let qr = 1.0 - (cx.norm2() / c2).sqrt();
            return (x_dot_c2 / c2 + qr * qr).min(4.0);
        }
    }
    let d2 = if xb2 < xa2 { xb2 } else { xa2 };
    d2.min(4.0)
}

/// A squared chord length as an angle (Google's `S1ChordAngle::ToAngle`).
fn chord2_to_angle(length2: f64) -> f64 {
    2.0 * (0.5 * length2.sqrt()).asin()
}

/// The distance from `x` to the edge `ab`, radians.
fn edge_distance(x: &Point, a: &Point, b: &Point) -> f64 {
    chord2_to_angle(edge_distance2(x, a, b))
}

/// C++'s `std::max(a, b)`: `b` only when `a < b`.
fn cmax(a: f64, b: f64) -> f64 {
    if a < b { b } else { a }
}

/// C++'s `std::min(a, b)`: `b` only when `b < a`.
fn cmin(a: f64, b: f64) -> f64 {
    if b < a { b } else { a }
}

impl LatLngRect {
    /// The smallest rectangle holding every point within `radians` of this
    /// one, measured on the sphere; a negative distance shrinks it to the
    /// largest rectangle whose points are all that far inside (Google's
    /// `ExpandedByDistance`). Full and empty rectangles stay as they are
    /// (Google 0.14 returns a non-empty rectangle for the empty one grown
    /// by a distance ≥ 0, a bug this does not copy); reaching a pole makes
    /// the longitude range full.
    ///
    /// # Errors
    ///
    /// [`GeomError::InvalidRect`] for a NaN distance.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let km = 1.0 / 6371.01;
    /// let r = LatLngRect::from_degrees(0.0, 1.0, 0.0, 1.0)?;
    /// let grown = r.expanded_by_distance(10.0 * km)?;
    /// assert!(grown.contains(&r) && grown.contains_latlng(&LatLng::from_degrees(-0.08, 0.5)));
    /// assert!(grown.expanded_by_distance(-10.0 * km)?.approx_eq(&r, 1e-9));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn expanded_by_distance(&self, radians: f64) -> Result<Self, GeomError> {
        if radians.is_nan() {
            return Err(GeomError::InvalidRect {
                lat_lo: self.lat.lo,
                lat_hi: self.lat.hi,
                lng_lo: self.lng.lo,
                lng_hi: self.lng.hi,
                reason: "the expansion distance is NaN",
            });
        }
        if self.is_empty() {
            // Google 0.14 grows the "corners" of the empty rectangle here
            // (it returns [0, 1] × {π} for a distance of 0), against its
            // own header's promise that the empty rectangle stays empty.
            return Ok(Self::empty());
        }
        if radians >= 0.0 {
            // The union of the rectangle with the caps around its corners
            // (the rectangle itself is kept for the very large ones).
            let mut r = *self;
            for k in 0..4 {
                let cap = Cap::from_center_angle(self.vertex(k).to_point(), radians);
                r = r.union(&cap.rect_bound());
            }
            return Ok(r);
        }
        // A pole inside a full longitude range is no boundary: it stays.
        let full_lng = self.lng.is_full();
        let lat = R1Interval::new(
            if self.lat.lo <= -FRAC_PI_2 && full_lng {
                -FRAC_PI_2
            } else {
                self.lat.lo - radians
            },
            if self.lat.hi >= FRAC_PI_2 && full_lng {
                FRAC_PI_2
            } else {
                self.lat.hi + radians
            },
        );
        if lat.is_empty() {
            return Ok(Self::empty());
        }
        // The caps along the east and west edges reach furthest in
        // longitude at the latitude nearest a pole (law of sines, as in
        // the cap's rectangle bound).
        let max_abs_lat = cmax(-lat.lo, lat.hi);
        let sin_a = (-radians).sin();
        let sin_c = max_abs_lat.cos();
        let max_lng_margin = if sin_a < sin_c {
            (sin_a / sin_c).asin()
        } else {
            FRAC_PI_2
        };
        let lng = self.lng.expanded(-max_lng_margin);
        if lng.is_empty() {
            return Ok(Self::empty());
        }
        Ok(Self::from_intervals(lat, lng))
    }

    /// The shortest distance on the sphere, in radians, between the two
    /// rectangles (0 when they meet), as Google's
    /// `GetDistance(const S2LatLngRect&)`; `f64::INFINITY` when either is
    /// empty (Google leaves that undefined).
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let a = LatLngRect::from_degrees(0.0, 10.0, 0.0, 10.0)?;
    /// let b = LatLngRect::from_degrees(20.0, 30.0, 5.0, 15.0)?;
    /// assert!((a.distance(&b).to_degrees() - 10.0).abs() < 1e-12);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn distance(&self, other: &Self) -> f64 {
        let (a, b) = (self, other);
        if a.is_empty() || b.is_empty() {
            return f64::INFINITY;
        }
        if a.lng.intersects(&b.lng) {
            if a.lat.intersects(&b.lat) {
                return 0.0;
            }
            // Along a meridian, from the top of the lower rectangle to the
            // bottom of the upper one.
            return if a.lat.lo > b.lat.hi {
                a.lat.lo - b.lat.hi
            } else {
                b.lat.lo - a.lat.hi
            };
        }
        // Disjoint longitudes: the closest points lie on the facing
        // meridian edges, and include an end of one of them.
        let lo_hi = S1Interval::from_point_pair(a.lng.lo, b.lng.hi);
        let hi_lo = S1Interval::from_point_pair(a.lng.hi, b.lng.lo);
        let (a_lng, b_lng) = if lo_hi.length() < hi_lo.length() {
            (a.lng.lo, b.lng.hi)
        } else {
            (a.lng.hi, b.lng.lo)
        };
        let a_lo = LatLng::from_radians(a.lat.lo, a_lng).to_point();
        let a_hi = LatLng::from_radians(a.lat.hi, a_lng).to_point();
        let b_lo = LatLng::from_radians(b.lat.lo, b_lng).to_point();
        let b_hi = LatLng::from_radians(b.lat.hi, b_lng).to_point();
        cmin(
            edge_distance(&a_lo, &b_lo, &b_hi),
            cmin(
                edge_distance(&a_hi, &b_lo, &b_hi),
                cmin(
                    edge_distance(&b_lo, &a_lo, &a_hi),
                    edge_distance(&b_hi, &a_lo, &a_hi),
                ),
            ),
        )
    }

    /// The shortest distance on the sphere, in radians, from a lat/lng to
    /// the rectangle (0 inside), as Google's `GetDistance(const S2LatLng&)`.
    /// `f64::INFINITY` for the empty rectangle; NaN for a lat/lng that is
    /// not valid.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let r = LatLngRect::from_degrees(0.0, 10.0, 0.0, 10.0)?;
    /// assert_eq!(r.distance_to_latlng(&LatLng::from_degrees(5.0, 5.0)), 0.0);
    /// let d = r.distance_to_latlng(&LatLng::from_degrees(0.0, -1.0));
    /// assert!((d.to_degrees() - 1.0).abs() < 1e-12);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn distance_to_latlng(&self, p: &LatLng) -> f64 {
        if !p.is_valid() {
            return f64::NAN;
        }
        if self.is_empty() {
            return f64::INFINITY;
        }
        if self.lng.contains(p.lng()) {
            return cmax(0.0, cmax(p.lat() - self.lat.hi, self.lat.lo - p.lat()));
        }
        // Outside the longitude range: the nearer meridian edge is the one
        // on p's side of the complement's center.
        let east = S1Interval::new(self.lng.hi, self.lng.complement_center());
        let lng = if east.contains(p.lng()) {
            self.lng.hi
        } else {
            self.lng.lo
        };
        let lo = LatLng::from_radians(self.lat.lo, lng).to_point();
        let hi = LatLng::from_radians(self.lat.hi, lng).to_point();
        edge_distance(&p.to_point(), &lo, &hi)
    }

    /// The directed Hausdorff distance to `other`, in radians: how far a
    /// point of this rectangle can be from the nearest point of `other`
    /// (Google's `GetDirectedHausdorffDistance`); 0 from an empty
    /// rectangle, π to one.
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let a = LatLngRect::from_degrees(0.0, 10.0, 0.0, 10.0)?;
    /// let b = LatLngRect::from_degrees(0.0, 20.0, 0.0, 10.0)?;
    /// assert_eq!(a.directed_hausdorff_distance(&b), 0.0);
    /// assert!((b.directed_hausdorff_distance(&a).to_degrees() - 10.0).abs() < 1e-12);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn directed_hausdorff_distance(&self, other: &Self) -> f64 {
        if self.is_empty() {
            return 0.0;
        }
        if other.is_empty() {
            return PI;
        }
        let lng_diff = self.lng.directed_hausdorff_distance(&other.lng);
        hausdorff_between_meridians(lng_diff, &self.lat, &other.lat)
    }

    /// The Hausdorff distance, in radians: the larger of the two directed
    /// distances (Google's `GetHausdorffDistance`).
    ///
    /// ```
    /// use s2cells::LatLngRect;
    /// let a = LatLngRect::from_degrees(0.0, 10.0, 0.0, 10.0)?;
    /// let b = LatLngRect::from_degrees(0.0, 20.0, 0.0, 10.0)?;
    /// assert_eq!(a.hausdorff_distance(&b), b.directed_hausdorff_distance(&a));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn hausdorff_distance(&self, other: &Self) -> f64 {
        cmax(
            self.directed_hausdorff_distance(other),
            other.directed_hausdorff_distance(self),
        )
    }
}

/// The directed Hausdorff distance from the meridian edge at longitude 0
/// spanning `a` to the one at longitude `lng_diff` (0..=π) spanning `b`
/// (Google's static `GetDirectedHausdorffDistance`). The farthest point of
/// `a` is an end, the equator crossing (when `lng_diff` ≤ π/2), or, beyond
/// π/2, where `a` meets the bisector of `b` or is farthest from an end of
/// `b`.
fn hausdorff_between_meridians(lng_diff: f64, a: &R1Interval, b: &R1Interval) -> f64 {
    if lng_diff == 0.0 {
        return a.directed_hausdorff_distance(b);
    }
    let b_lng = lng_diff;
    let b_lo = LatLng::from_radians(b.lo, b_lng).to_point();
    let b_hi = LatLng::from_radians(b.hi, b_lng).to_point();
    let a_lo = LatLng::from_radians(a.lo, 0.0).to_point();
    let a_hi = LatLng::from_radians(a.hi, 0.0).to_point();
    let mut max_distance = edge_distance(&a_lo, &b_lo, &b_hi);
    max_distance = cmax(max_distance, edge_distance(&a_hi, &b_lo, &b_hi));
    if lng_diff <= FRAC_PI_2 {
        if a.contains(0.0) && b.contains(0.0) {
            max_distance = cmax(max_distance, lng_diff);
        }
    } else {
        let p = bisector_intersection(b, b_lng);
        let p_lat = LatLng::latitude(&p);
        if a.contains(p_lat) {
            max_distance = cmax(max_distance, p.angle(&b_lo));
        }
        if p_lat > a.lo {
            max_distance = cmax(
                max_distance,
                interior_max_distance(&R1Interval::new(a.lo, cmin(p_lat, a.hi)), &b_lo),
            );
        }
        if p_lat < a.hi {
            max_distance = cmax(
                max_distance,
                interior_max_distance(&R1Interval::new(cmax(p_lat, a.lo), a.hi), &b_hi),
            );
        }
    }
    max_distance
}

/// Where longitude 0 meets the bisector of the meridian edge at `lng`
/// spanning `lat` (Google's `GetBisectorIntersection`).
fn bisector_intersection(lat: &R1Interval, lng: f64) -> Point {
    let lng = lng.abs();
    let lat_center = lat.center();
    let ortho_bisector = if lat_center >= 0.0 {
        LatLng::from_radians(lat_center - FRAC_PI_2, lng)
    } else {
        LatLng::from_radians(-lat_center - FRAC_PI_2, lng - PI)
    };
    robust_cross_prod(&Point::new(0.0, -1.0, 0.0), &ortho_bisector.to_point())
}

/// The largest distance from `b` to the meridian-0 edge spanning `a_lat`
/// when it is reached strictly inside the edge, else -1 (Google's
/// `GetInteriorMaxDistance`).
fn interior_max_distance(a_lat: &R1Interval, b: &Point) -> f64 {
    if a_lat.is_empty() || b.x >= 0.0 {
        return -1.0;
    }
    // The farthest point of the meridian circle is the antipode of b's
    // projection on its plane (y = 0).
    let far = Point::new(-b.x, 0.0, -b.z).normalize();
    if a_lat.interior_contains(LatLng::latitude(&far)) {
        b.angle(&far)
    } else {
        -1.0
    }
}
