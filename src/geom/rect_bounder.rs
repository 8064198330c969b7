//! The lat/lng bound of a chain of great-circle edges (Google's
//! `S2LatLngRectBounder`), and the rectangle helpers the loop, polygon and
//! polyline bounds need (`GetCapBound`, `ExpandForSubregions`).
//!
//! Every constant and every rounding step is Google's, so the bounds agree
//! to the bit; the comments give the error analysis the constants come from.

use std::f64::consts::{FRAC_PI_2, PI};

use super::{LatLng, LatLngRect, Point, R1Interval, S1Interval};

const DBL_EPSILON: f64 = f64::EPSILON;

/// Accumulates the bound of the edges `v0 v1`, `v1 v2`, … as points arrive.
#[derive(Clone, Debug)]
pub(crate) struct RectBounder {
    a: Point,
    a_lat: f64,
    a_lng: f64,
    bound: LatLngRect,
}

impl RectBounder {
    pub(crate) fn new() -> Self {
        Self {
            a: Point::default(),
            a_lat: 0.0,
            a_lng: 0.0,
            bound: LatLngRect::empty(),
        }
    }

    /// Adds the edge from the previous point to `b` (or just `b`, first).
    pub(crate) fn add_point(&mut self, b: &Point) {
        let b_lat = LatLng::latitude(b);
        let b_lng = LatLng::longitude(b);
        if self.bound.is_empty() {
            self.bound = point_rect(b_lat, b_lng);
        } else {
            self.add_edge(b, b_lat, b_lng);
        }
        self.a = *b;
        self.a_lat = b_lat;
        self.a_lng = b_lng;
    }

    fn add_edge(&mut self, b: &Point, b_lat: f64, b_lng: f64) {
        let a = self.a;
        // N = 2 (A x B), computed so that its direction stays accurate when
        // A and B are close (Google limits its error to 3.84 ε).
        let n = (a - *b).cross(&(a + *b));
        let n_norm = n.norm();
        if n_norm < 1.91346e-15 {
            // A and B are nearly identical or nearly antipodal.
            if a.dot(b) < 0.0 {
                self.bound = LatLngRect::full();
            } else {
                let pair = LatLngRect::from_intervals(
                    R1Interval::from_point_pair(self.a_lat, b_lat),
                    S1Interval::from_point_pair(self.a_lng, b_lng),
                );
                self.bound = self.bound.union(&pair);
            }
            return;
        }
        let mut lng_ab = S1Interval::from_point_pair(self.a_lng, b_lng);
        if lng_ab.length() >= PI - 2.0 * DBL_EPSILON {
            // Nearly opposite meridians: the edge may pass either pole.
            lng_ab = S1Interval::full();
        }
        let mut lat_ab = R1Interval::from_point_pair(self.a_lat, b_lat);
        // The extreme latitudes of the great circle are where it meets the
        // plane through N and the z axis; M is normal to that plane.
        let m = n.cross(&Point::new(0.0, 0.0, 1.0));
        let m_a = m.dot(&a);
        let m_b = m.dot(b);
        // Error bound of m_a, m_b: (1 + √3) ε |N| + 8 √3 ε².
        let m_error = 6.06638e-16 * n_norm + 6.83174e-31;
        if m_a * m_b < 0.0 || m_a.abs() <= m_error || m_b.abs() <= m_error {
            // The extreme latitude may be inside the edge. 3 ε here and 2 ε
            // in `bound` cover the 5 ε total error.
            let max_lat = ((n.x * n.x + n.y * n.y).sqrt().atan2(n.z.abs()) + 3.0 * DBL_EPSILON)
                .min(FRAC_PI_2);
            // The latitude change budget of an arc as long as AB bounds how
            // far past its endpoints the edge can go.
            let lat_budget = 2.0 * (0.5 * (a - *b).norm() * max_lat.sin()).asin();
            let max_delta = 0.5 * (lat_budget - (lat_ab.hi - lat_ab.lo)) + DBL_EPSILON;
            if m_a <= m_error && m_b >= -m_error {
                lat_ab.hi = max_lat.min(lat_ab.hi + max_delta);
            }
            if m_b <= m_error && m_a >= -m_error {
                lat_ab.lo = (-max_lat).max(lat_ab.lo - max_delta);
            }
        }
        self.bound = self
            .bound
            .union(&LatLngRect::from_intervals(lat_ab, lng_ab));
    }

    /// The bound, expanded by the 2 ε of latitude error in converting
    /// points to lat/lngs, and closed at the poles.
    pub(crate) fn bound(&self) -> LatLngRect {
        self.bound.expanded(2.0 * DBL_EPSILON, 0.0).polar_closure()
    }
}

/// The rectangle of one lat/lng (Google's `S2LatLngRect::FromPoint`).
fn point_rect(lat: f64, lng: f64) -> LatLngRect {
    LatLngRect::from_intervals(
        R1Interval::new(lat, lat),
        S1Interval::from_point_pair(lng, lng),
    )
}

/// The bound of any region inside a region bounded by `bound`, allowing for
/// the latitude errors of the bounder (Google's
/// `S2LatLngRectBounder::ExpandForSubregions`).
pub(crate) fn expand_for_subregions(bound: &LatLngRect) -> LatLngRect {
    if bound.is_empty() {
        return *bound;
    }
    // A lower bound on the longitude gap between the bound and its
    // reflection through the origin; near-antipodal points inside the bound
    // would let a subregion's edge go anywhere.
    let lng_gap = (PI - bound.lng.length() - 2.5 * DBL_EPSILON).max(0.0);
    let min_abs_lat = bound.lat.lo.max(-bound.lat.hi);
    let lat_gap1 = FRAC_PI_2 + bound.lat.lo;
    let lat_gap2 = FRAC_PI_2 - bound.lat.hi;
    if min_abs_lat >= 0.0 {
        // Off the equator: √2 · 4.309 ε ≈ 1.354e-15.
        if 2.0 * min_abs_lat + lng_gap < 1.354e-15 {
            return LatLngRect::full();
        }
    } else if lng_gap >= FRAC_PI_2 {
        if lat_gap1 + lat_gap2 < 1.687e-15 {
            return LatLngRect::full();
        }
    } else if (lat_gap1.max(lat_gap2) - 0.75 * DBL_EPSILON) * lng_gap < 9.567e-16 {
        return LatLngRect::full();
    }
    // Twice the bounder's 4.8 ε latitude error, rounded down to a multiple
    // of ε; longitudes need nothing unless an edge could span π. Google's
    // reason is that glibc's atan2 is correctly rounded, so a contained
    // point's rounded longitude stays inside the bound. Some glibc
    // releases (2.36 here among them) dropped the slow path that made it
    // so; their source gives up to 0.56 ulp, and we measured 0.522. Such
    // an atan2 need not be monotonic, so there a contained point's
    // longitude could fall an ulp outside the bound, in Google's library
    // as in ours.
    let lat_expansion = 9.0 * DBL_EPSILON;
    let lng_expansion = if lng_gap <= 0.0 { PI } else { 0.0 };
    bound.expanded(lat_expansion, lng_expansion).polar_closure()
}
