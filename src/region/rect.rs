//! The lat/lng rectangle as a region: Google's `S2LatLngRect` bounds and
//! cell tests.

use std::f64::consts::FRAC_PI_2;

use crate::cell::geometry::APPROX_BOUND_ERROR;
use crate::geom::{R1Interval, S1Interval, intersects_lat_edge, intersects_lng_edge};
use crate::{Cap, Cell, CellContainment, LatLng, LatLngRect, Point, Region};

impl LatLngRect {
    /// A cap containing the rectangle: the smaller of a cap around the
    /// nearer pole and (unless the longitude range is full) a cap around
    /// the center through the four corners, as Google's
    /// `S2LatLngRect::GetCapBound`.
    ///
    /// ```
    /// use s2cells::{LatLng, LatLngRect};
    /// let r = LatLngRect::from_degrees(10.0, 20.0, 30.0, 40.0)?;
    /// let cap = r.cap_bound();
    /// assert!(r.vertices().iter().all(|v| cap.contains_point(&v.to_point())));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn cap_bound(&self) -> Cap {
        if self.is_empty() {
            return Cap::empty();
        }
        let (pole_z, pole_angle) = if self.lat.lo + self.lat.hi < 0.0 {
            (-1.0, FRAC_PI_2 + self.lat.hi)
        } else {
            (1.0, FRAC_PI_2 - self.lat.lo)
        };
        // Google rounds the polar radius up by 2·2⁻⁵² to stay conservative.
        let pole_cap = Cap::from_center_angle(
            Point::new(0.0, 0.0, pole_z),
            (1.0 + 2.0 * f64::EPSILON) * pole_angle,
        );
        // Google's test: a longitude span of at most 180° (an inverted
        // interval's negative span wraps to its length), and not full.
        let span = self.lng.hi - self.lng.lo;
        let two_pi = 2.0 * std::f64::consts::PI;
        if crate::geom::remainder(span, two_pi) >= 0.0 && span < two_pi {
            let mut mid_cap = Cap::from_center_angle(self.center().to_point(), 0.0);
            for k in 0..4 {
                mid_cap.add_point(&self.vertex(k).to_point());
            }
            if mid_cap.radius2() < pole_cap.radius2() {
                return mid_cap;
            }
        }
        pole_cap
    }
}

impl LatLngRect {
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

/// How far inside the rectangle a cell's bound must lie for every
/// descendant's bound to lie inside too, in radians (6 µm on the Earth).
/// A cell's bound holds the lat/lng of every point of the cell, padded by
/// Google's 2⁻⁵¹; a descendant's bound is made of such lat/lngs (its
/// vertices, each off by a few ulps, about 1e-15) plus the same padding. So
/// it lies within 1e-14 of the parent's bound, a thousand times less than
/// this margin, and the rectangle's contains and intersects, exact
/// comparisons of those bounds, are both true.
const SUBTREE_MARGIN: f64 = 1e-12;

impl LatLngRect {
    /// Whether `bound` lies inside the rectangle shrunk by
    /// [`SUBTREE_MARGIN`] (a full longitude range shrinks to itself).
    fn contains_with_margin(&self, bound: &LatLngRect) -> bool {
        self.lat.lo + SUBTREE_MARGIN <= bound.lat.lo
            && bound.lat.hi <= self.lat.hi - SUBTREE_MARGIN
            && (self.lng.is_full()
                || self
                    .lng
                    .expanded(-SUBTREE_MARGIN)
                    .contains_interval(&bound.lng))
    }

    /// The answer for a cell whose rectangle bound is `bound`. Every step
    /// is monotone in `bound` (intersects grows with it, the two contains
    /// shrink), which is what [`relate_by_approx_bound`](Self::relate_by_approx_bound)
    /// relies on.
    fn relate_bound(&self, bound: &LatLngRect, want_contains: bool) -> CellContainment {
        // The margin test only for contained cells (it implies containment,
        // and costs two remainders).
        if !self.intersects(bound) {
            CellContainment::Disjoint
        } else if !self.contains(bound) {
            CellContainment::Intersects
        } else if self.contains_with_margin(bound) {
            CellContainment::ContainsSubtree
        } else if want_contains {
            CellContainment::Contains
        } else {
            CellContainment::Intersects
        }
    }

    /// The answer from Google's cell bound, four libm `atan2`s.
    fn relate_exact(&self, cell: &Cell, want_contains: bool) -> CellContainment {
        self.relate_bound(&cell.rect_bound(), want_contains)
    }

    /// The answer without libm's `atan2`, when it is certain: the exact
    /// bound lies between `inner` and `outer`, the approximate bound
    /// shrunk and grown by its error; if both give the same answer, so
    /// does every rectangle between them, the exact bound included (if
    /// `outer` is disjoint, so is the bound; if `inner` intersects and is
    /// not contained, the bound intersects and is not contained; if
    /// `outer` is contained (with the margin), so is the bound; and so on).
    /// `None` sends the cell to [`relate_exact`](Self::relate_exact): its
    /// bound is within 1e-11 rad (0.06 mm) of a decision, or special.
    fn relate_by_approx_bound(&self, cell: &Cell, want_contains: bool) -> Option<CellContainment> {
        const E: f64 = APPROX_BOUND_ERROR;
        let [lat_lo, lat_hi, lng_lo, lng_hi] = cell.approx_rect_bound()?;
        if lat_hi - lat_lo <= 2.0 * E || lng_hi - lng_lo <= 2.0 * E {
            return None;
        }
        // No wrap at ±π and no pole within reach (approx_rect_bound
        // checked): plain intervals.
        let grown = |e: f64| {
            LatLngRect::from_intervals(
                R1Interval::new(lat_lo - e, lat_hi + e),
                S1Interval::new(lng_lo - e, lng_hi + e),
            )
        };
        let outer = self.relate_bound(&grown(E), want_contains);
        let inner = self.relate_bound(&grown(-E), want_contains);
        (outer == inner).then_some(outer)
    }
}

impl Region for LatLngRect {
    fn cap_bound(&self) -> Cap {
        LatLngRect::cap_bound(self)
    }

    fn rect_bound(&self) -> LatLngRect {
        *self
    }

    /// Whether the rectangle contains the cell's rectangle bound (exact up
    /// to that bound's padding; Google's `Contains(const S2Cell&)`).
    fn contains_cell(&self, cell: &Cell) -> bool {
        self.contains(&cell.rect_bound())
    }

    /// Whether the rectangle meets the cell's rectangle bound (Google's
    /// `MayIntersect(const S2Cell&)`: cheap, conservative).
    fn may_intersect_cell(&self, cell: &Cell) -> bool {
        self.intersects(&cell.rect_bound())
    }

    fn contains_point(&self, p: &Point) -> bool {
        self.contains_latlng(&LatLng::from(*p))
    }

    /// One cell bound for both tests (it is most of their cost), and a
    /// subtree answer when that bound lies inside the rectangle with a
    /// margin: a fixed-level covering then bounds only the cells along the
    /// rectangle's edges (Porto Alegre at level 15: 8,523 cells bounded
    /// before, a few hundred after).
    fn relate_cell(&self, cell: &Cell, want_contains: bool) -> CellContainment {
        if let Some(answer) = self.relate_by_approx_bound(cell, want_contains) {
            return answer;
        }
        self.relate_exact(cell, want_contains)
    }

    fn has_empty_interior(&self) -> bool {
        self.is_degenerate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CellId;
    use crate::test_rng::next;

    /// The approximate bound's answers equal the exact bound's, on cells of
    /// every level at and near the edges and corners of rectangles of every
    /// kind, where a wrong side would show; and the approximation answers
    /// most of them (else it would only add work).
    #[test]
    fn approx_bound_answers_equal_exact_ones() {
        // (lat_lo, lat_hi, lng_lo, lng_hi)
        let rects = [
            LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618),
            LatLngRect::from_degrees(10.0, 20.0, 170.0, -170.0), // across ±180
            LatLngRect::from_degrees(80.0, 90.0, -180.0, 180.0), // polar
            LatLngRect::from_degrees(-90.0, -89.0, 10.0, 20.0),
            LatLngRect::from_degrees(-45.0, 44.9, -100.0, 3.0),
            LatLngRect::from_degrees(0.0, 0.0, 0.0, 10.0), // zero height
            LatLngRect::from_degrees(1.0, 1.0, 2.0, 2.0),  // a point
        ];
        let mut state = 0x2545_f491_4f6c_dd1d;
        let (mut cells, mut fast) = (0, 0);
        for rect in rects {
            let rect = rect.expect("valid rectangle");
            let corners = rect.vertices();
            for _ in 0..20_000 {
                // A point on an edge, a corner or anywhere inside, nudged
                // by up to a few leaf widths.
                let k = (next(&mut state) * 4.0) as usize;
                let (a, b) = (corners[k], corners[(k + 1) % 4]);
                let t = if next(&mut state) < 0.2 {
                    0.0
                } else {
                    next(&mut state)
                };
                let nudge = (next(&mut state) - 0.5) * 1e-8;
                let lat = (a.lat() + t * (b.lat() - a.lat()) + nudge).clamp(-FRAC_PI_2, FRAC_PI_2);
                let lng = a.lng() + t * (b.lng() - a.lng()) - nudge;
                let leaf = CellId::from_latlng(LatLng::from_radians(lat, lng).normalized());
                let cell = Cell::from(leaf.parent((next(&mut state) * 31.0) as u8));
                for want in [false, true] {
                    let exact = rect.relate_exact(&cell, want);
                    if let Some(answer) = rect.relate_by_approx_bound(&cell, want) {
                        assert_eq!(answer, exact, "{rect:?} {:?} want {want}", cell.id());
                        fast += 1;
                    }
                    assert_eq!(rect.relate_cell(&cell, want), exact);
                    cells += 1;
                }
            }
        }
        assert!(fast * 2 > cells, "approximation answered {fast} of {cells}");
    }
}
