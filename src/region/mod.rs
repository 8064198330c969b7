//! Regions of the sphere, and the one trait the coverer needs from them.

mod cap;
mod cell_union;
mod edge_pairs;
mod indexed;
mod r#loop;
mod polygon;
mod polyline;
mod rect;
pub mod shape_index;

pub use cell_union::CellUnion;
pub(crate) use cell_union::{denormalize_ids, normalize_ids};
pub use polygon::Polygon;
pub use polyline::Polyline;
pub use r#loop::Loop;

use crate::{Cap, Cell, CellId, LatLngRect, Point};

/// A region of the sphere, as the region coverer sees it: two bounds and
/// three tests.
///
/// The tests may be conservative in one direction only:
/// [`may_intersect_cell`](Self::may_intersect_cell) may say `true` for a
/// cell that does not intersect, and [`contains_cell`](Self::contains_cell)
/// may say `false` for a cell that is contained; coverings stay correct
/// either way, only larger. Google's coverings depend on exactly which
/// answers a region gives, so s2cells' regions give Google's.
///
/// ```
/// use s2cells::{Cell, CellId, CellUnion, Region};
///
/// let face0 = CellUnion::from_cell_ids(vec![CellId::from_face(0)]);
/// let cell = Cell::from(CellId::from_face(0).child(2));
/// assert!(face0.contains_cell(&cell));
/// assert!(face0.may_intersect_cell(&cell));
/// assert!(face0.contains_point(&cell.center()));
/// ```
pub trait Region {
    /// A cap that contains the region (not necessarily the smallest).
    fn cap_bound(&self) -> Cap;

    /// A lat/lng rectangle that contains the region (not necessarily the
    /// smallest).
    fn rect_bound(&self) -> LatLngRect;

    /// Whether the region contains the whole cell; `false` when unsure.
    fn contains_cell(&self, cell: &Cell) -> bool;

    /// Whether the region may intersect the cell; `true` when unsure.
    fn may_intersect_cell(&self, cell: &Cell) -> bool;

    /// Whether the region contains the point (unit length).
    fn contains_point(&self, p: &Point) -> bool;

    /// A small set of cells whose union contains the region, not
    /// necessarily sorted or disjoint (Google's `GetCellUnionBound`). The
    /// region coverer starts from it, so a region with a tighter bound than
    /// its cap's gets faster coverings; the coverings of Google's regions
    /// depend on exactly which cells this gives. The default is the cap
    /// bound's [`Cap::cell_union_bound`], as for Google's rectangles and
    /// cell unions.
    ///
    /// ```
    /// use s2cells::{Cap, LatLng, Region};
    /// let cap = Cap::from_center_angle(LatLng::from_degrees(10.0, 10.0).to_point(), 0.01);
    /// assert!(cap.cell_union_bound().len() <= 4);
    /// ```
    fn cell_union_bound(&self) -> Vec<CellId> {
        self.cap_bound().cell_union_bound()
    }

    /// [`may_intersect_cell`](Self::may_intersect_cell), and, when
    /// `want_contains` and the cell may intersect,
    /// [`contains_cell`](Self::contains_cell), in one call: the coverer asks
    /// both of most cells, and a region whose two tests share work
    /// overrides this (a rectangle bounds the cell once, a cap normalizes
    /// its vertices once). The answers must be the two methods' answers;
    /// the second is `false` when not wanted.
    ///
    /// ```
    /// use s2cells::{Cell, CellId, LatLngRect, Region};
    /// let r = LatLngRect::from_degrees(-10.0, 10.0, -10.0, 10.0)?;
    /// let cell = Cell::from(CellId::from_face(0).child_begin_at(8));
    /// assert_eq!(
    ///     r.may_intersect_and_contains_cell(&cell, true),
    ///     (r.may_intersect_cell(&cell), r.contains_cell(&cell))
    /// );
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn may_intersect_and_contains_cell(&self, cell: &Cell, want_contains: bool) -> (bool, bool) {
        if !self.may_intersect_cell(cell) {
            return (false, false);
        }
        (true, want_contains && self.contains_cell(cell))
    }

    /// Whether the region certainly contains no cell (it has no interior:
    /// a point, a line, a zero-width rectangle). Interior coverings of such
    /// a region are empty, and the coverer then returns at once instead of
    /// descending to `max_level` along the region's whole extent, as
    /// Google's does (it can run for hours). `false`, the default, is always
    /// correct.
    ///
    /// ```
    /// use s2cells::{LatLngRect, Region};
    /// let line = LatLngRect::from_degrees(0.0, 0.0, -90.0, 90.0)?;
    /// assert!(line.has_empty_interior());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn has_empty_interior(&self) -> bool {
        false
    }
}

impl Region for Cell {
    fn cap_bound(&self) -> Cap {
        Cell::cap_bound(self)
    }

    fn rect_bound(&self) -> LatLngRect {
        Cell::rect_bound(self)
    }

    fn contains_cell(&self, cell: &Cell) -> bool {
        self.id().contains(cell.id())
    }

    fn may_intersect_cell(&self, cell: &Cell) -> bool {
        self.id().intersects(cell.id())
    }

    fn contains_point(&self, p: &Point) -> bool {
        Cell::contains_point(self, p)
    }

    /// The cell itself (Google's `S2Cell::GetCellUnionBound`).
    fn cell_union_bound(&self) -> Vec<CellId> {
        vec![self.id()]
    }
}
