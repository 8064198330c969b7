//! The cap as a region: Google's `S2Cap` cell tests and cell-union bound.

use crate::cell::metrics::MIN_WIDTH;
use crate::{Cap, Cell, CellContainment, CellId, LatLngRect, Point, Region};

impl Cap {
    /// Up to six cells containing the cap, as Google's
    /// `S2Cap::GetCellUnionBound`: the (three or) four cells around the
    /// cell vertex nearest the center, at the finest level whose cells are
    /// at least as wide as the cap's radius, or the six faces for caps too
    /// big for that.
    ///
    /// ```
    /// use s2cells::{Cap, LatLng};
    /// let cap = Cap::from_center_angle(LatLng::from_degrees(-30.0, -51.0).to_point(), 1e-4);
    /// let cells = cap.cell_union_bound();
    /// assert_eq!(cells.len(), 4);
    /// assert!(cells.iter().any(|c| c.contains(s2cells::CellId::from_point(&cap.center()))));
    /// ```
    #[must_use]
    pub fn cell_union_bound(&self) -> Vec<CellId> {
        // The finest level such that the cap holds at most one cell vertex;
        // one coarser so that the vertex neighbours exist.
        let level = i32::from(MIN_WIDTH.level_for_min_value(self.radius())) - 1;
        if level < 0 {
            return (0..6).map(CellId::from_face).collect();
        }
        CellId::from_point(&self.center()).vertex_neighbors(level as u8)
    }

    /// Whether the cap meets a point of `cell` other than its vertices
    /// (which the caller has tested), as Google's
    /// `S2Cap::Intersects(const S2Cell&, const S2Point*)`.
    fn intersects_cell_edges(&self, cell: &Cell, vertices: &[Point; 4]) -> bool {
        // A hemisphere or more and the cell are both convex: with no vertex
        // inside, no other point of the cell is.
        if self.radius2() >= 2.0 || self.is_empty() {
            return false;
        }
        if cell.contains_point(&self.center()) {
            return true;
        }
        // Only the interior of an edge can reach into the cap now.
        let sin2_angle = self.sin2_radius();
        let center = self.center();
        for k in 0..4 {
            let edge = cell.edge_raw(k);
            let dot = center.dot(&edge);
            if dot > 0.0 {
                // The center is on the inner side of this edge; the opposite
                // edge decides.
                continue;
            }
            // edge is not normalized: hence its norm² on the right.
            if dot * dot > sin2_angle * edge.norm2() {
                return false;
            }
            // Is the closest point of the great circle between the ends?
            let dir = edge.cross(&center);
            if dir.dot(&vertices[k]) < 0.0 && dir.dot(&vertices[(k + 1) & 3]) > 0.0 {
                return true;
            }
        }
        false
    }
}

impl Region for Cap {
    fn cap_bound(&self) -> Cap {
        *self
    }

    fn rect_bound(&self) -> LatLngRect {
        Cap::rect_bound(self)
    }

    /// All four vertices inside, and the complement meeting no other point
    /// of the cell (Google's `Contains(const S2Cell&)`; the vertices are
    /// tested first because the complement of a tiny cap cannot be
    /// represented accurately).
    fn contains_cell(&self, cell: &Cell) -> bool {
        let vertices = cell.vertices();
        if !vertices.iter().all(|v| Cap::contains_point(self, v)) {
            return false;
        }
        !self.complement().intersects_cell_edges(cell, &vertices)
    }

    /// A vertex inside, or an edge reaching into the cap (Google's
    /// `MayIntersect(const S2Cell&)`).
    fn may_intersect_cell(&self, cell: &Cell) -> bool {
        let vertices = cell.vertices();
        if vertices.iter().any(|v| Cap::contains_point(self, v)) {
            return true;
        }
        self.intersects_cell_edges(cell, &vertices)
    }

    fn contains_point(&self, p: &Point) -> bool {
        Cap::contains_point(self, p)
    }

    /// The vertices normalized and tested once for both answers.
    fn relate_cell(&self, cell: &Cell, want_contains: bool) -> CellContainment {
        let vertices = cell.vertices();
        let inside = vertices.map(|v| Cap::contains_point(self, &v));
        if !inside.iter().any(|&b| b) && !self.intersects_cell_edges(cell, &vertices) {
            CellContainment::Disjoint
        } else if want_contains
            && inside.iter().all(|&b| b)
            && !self.complement().intersects_cell_edges(cell, &vertices)
        {
            CellContainment::Contains
        } else {
            CellContainment::Intersects
        }
    }

    fn cell_union_bound(&self) -> Vec<CellId> {
        Cap::cell_union_bound(self)
    }

    fn has_empty_interior(&self) -> bool {
        self.radius2() <= 0.0
    }
}
