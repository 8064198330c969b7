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
    fn intersects_cell_edges(&self, cell: &Cell, vertices: [&Point; 4]) -> bool {
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
            if dir.dot(vertices[k]) < 0.0 && dir.dot(vertices[(k + 1) & 3]) > 0.0 {
                return true;
            }
        }
        false
    }

    /// [`Region::relate_cell`] given the cell's (unit) vertices and which
    /// of them the cap contains. (References: copying the 24-byte points
    /// out of a shared grid stalled on store forwarding.)
    fn relate_with_vertices(
        &self,
        cell: &Cell,
        vertices: [&Point; 4],
        inside: [bool; 4],
        want_contains: bool,
    ) -> CellContainment {
        if !inside.iter().any(|&b| b) && !self.intersects_cell_edges(cell, vertices) {
            CellContainment::Disjoint
        } else if want_contains
            && inside.iter().all(|&b| b)
            && !self.complement().intersects_cell_edges(cell, vertices)
        {
            CellContainment::Contains
        } else {
            CellContainment::Intersects
        }
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
        !self
            .complement()
            .intersects_cell_edges(cell, vertices.each_ref())
    }

    /// A vertex inside, or an edge reaching into the cap (Google's
    /// `MayIntersect(const S2Cell&)`).
    fn may_intersect_cell(&self, cell: &Cell) -> bool {
        let vertices = cell.vertices();
        if vertices.iter().any(|v| Cap::contains_point(self, v)) {
            return true;
        }
        self.intersects_cell_edges(cell, vertices.each_ref())
    }

    fn contains_point(&self, p: &Point) -> bool {
        Cap::contains_point(self, p)
    }

    /// The vertices normalized and tested once for both answers.
    fn relate_cell(&self, cell: &Cell, want_contains: bool) -> CellContainment {
        let vertices = cell.vertices();
        let inside = vertices.map(|v| Cap::contains_point(self, &v));
        self.relate_with_vertices(cell, vertices.each_ref(), inside, want_contains)
    }

    /// The 9 distinct vertices of the four children normalized and tested
    /// once each, instead of 16 times.
    fn relate_children(&self, children: &[Cell; 4], want_contains: bool) -> [CellContainment; 4] {
        let Some((grid, corners)) = Cell::sibling_vertices(children) else {
            return children.map(|c| self.relate_cell(&c, want_contains));
        };
        let inside = grid.map(|v| Cap::contains_point(self, &v));
        std::array::from_fn(|k| {
            let vertices = corners[k].map(|g| &grid[g]);
            let inside = corners[k].map(|g| inside[g]);
            self.relate_with_vertices(&children[k], vertices, inside, want_contains)
        })
    }

    fn cell_union_bound(&self) -> Vec<CellId> {
        Cap::cell_union_bound(self)
    }

    fn has_empty_interior(&self) -> bool {
        self.radius2() <= 0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LatLng;
    use crate::test_rng::next;

    /// The shared-vertex answers for four children equal one-by-one
    /// answers, for children from `subdivide` in any order and for cells
    /// on the cap's boundary at every level (where a vertex on the wrong
    /// side would show); four cells that are not siblings take the
    /// one-by-one path.
    #[test]
    fn relate_children_equals_relate_cell() {
        let mut state = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3_000 {
            let center = LatLng::from_degrees(
                next(&mut state) * 180.0 - 90.0,
                next(&mut state) * 360.0 - 180.0,
            );
            let radius = 10f64.powf(next(&mut state) * 7.0 - 7.0) * std::f64::consts::PI;
            let cap = Cap::from_center_angle(center.to_point(), radius);
            // A point on the boundary: the center moved by the radius.
            let bearing = next(&mut state) * std::f64::consts::TAU;
            let (c, r) = (center.to_point(), radius);
            let east = Point::new(-c.y, c.x, 0.0).normalize();
            let north = c.cross(&east);
            let dir = east * bearing.cos() + north * bearing.sin();
            let edge = (c * r.cos() + dir * r.sin()).normalize();
            let level = (next(&mut state) * 30.0) as u8;
            let parent = Cell::from(CellId::from_point(&edge).parent(level));
            let mut children = parent.subdivide();
            children.rotate_left((next(&mut state) * 4.0) as usize);
            for want in [false, true] {
                let shared = cap.relate_children(&children, want);
                for (child, answer) in children.iter().zip(shared) {
                    assert_eq!(
                        answer,
                        cap.relate_cell(child, want),
                        "{cap:?} {:?}",
                        child.id()
                    );
                }
            }
        }
        let strangers = [0, 1, 2, 3].map(|f| Cell::from(CellId::from_face(f).child(0)));
        assert!(Cell::sibling_vertices(&strangers).is_none());
        let twice = Cell::from_face(0)
            .subdivide()
            .map(|_| Cell::from(CellId::from_face(0).child(1)));
        assert!(Cell::sibling_vertices(&twice).is_none());
    }
}
