//! Regions of the sphere, and the one trait the coverer needs from them.

mod cell_union;
mod edge_pairs;
mod r#loop;
mod polygon;
mod polyline;

pub use cell_union::CellUnion;
pub use polygon::Polygon;
pub use polyline::Polyline;
pub use r#loop::Loop;

use crate::{Cap, Cell, LatLngRect, Point};

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
}
