//! The lat/lng rectangle as a region: Google's `S2LatLngRect` bounds and
//! cell tests.

use std::f64::consts::FRAC_PI_2;

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
        let bound = cell.rect_bound();
        // The margin test only for contained cells (it implies containment,
        // and costs two remainders).
        if !self.intersects(&bound) {
            CellContainment::Disjoint
        } else if !self.contains(&bound) {
            CellContainment::Intersects
        } else if self.contains_with_margin(&bound) {
            CellContainment::ContainsSubtree
        } else if want_contains {
            CellContainment::Contains
        } else {
            CellContainment::Intersects
        }
    }

    fn has_empty_interior(&self) -> bool {
        self.is_degenerate()
    }
}
