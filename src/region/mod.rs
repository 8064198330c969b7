//! Regions of the sphere, and the one trait the coverer needs from them.

mod cap;
mod cell_union;
mod edge_pairs;
pub(crate) mod error;
mod indexed;
mod r#loop;
mod polygon;
mod polyline;
mod rect;
pub mod shape_index;

pub use cell_union::CellUnion;
pub(crate) use cell_union::{denormalize_ids, normalize_ids};
pub use error::{GeometryError, RegionError};
pub use r#loop::Loop;
pub use polygon::Polygon;
pub use polyline::Polyline;

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
    /// overrides this (a rectangle bounds the cell once, a polygon locates
    /// it in its index once).
    ///
    /// The answer must agree with the two methods: [`Disjoint`] exactly
    /// when `may_intersect_cell` is false; when `want_contains`,
    /// [`Contains`] or [`ContainsSubtree`] exactly when `contains_cell` is
    /// true. When containment is not wanted, [`Intersects`] may stand for
    /// either, so callers must not read containment they did not ask for.
    /// [`ContainsSubtree`] is a promise about the whole subtree, which lets
    /// the coverer skip the tests of every descendant: give it only when it
    /// is certain (the default never does).
    ///
    /// [`Disjoint`]: CellContainment::Disjoint
    /// [`Intersects`]: CellContainment::Intersects
    /// [`Contains`]: CellContainment::Contains
    /// [`ContainsSubtree`]: CellContainment::ContainsSubtree
    ///
    /// ```
    /// use s2cells::{Cell, CellContainment, CellId, LatLng, LatLngRect, Region};
    /// let r = LatLngRect::from_degrees(-10.0, 10.0, -10.0, 10.0)?;
    /// let inside = Cell::from(CellId::from_latlng(LatLng::from_degrees(1.0, 2.0)).parent(12));
    /// assert_eq!(r.relate_cell(&inside, true), CellContainment::ContainsSubtree);
    /// let outside = Cell::from(CellId::from_latlng(LatLng::from_degrees(40.0, 2.0)).parent(12));
    /// assert_eq!(r.relate_cell(&outside, true), CellContainment::Disjoint);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    fn relate_cell(&self, cell: &Cell, want_contains: bool) -> CellContainment {
        relate_by_tests(self, cell, want_contains)
    }

    /// [`relate_cell`](Self::relate_cell) for each of four siblings (the
    /// children of one cell, as [`Cell::subdivide`] gives them), in one
    /// call: the coverer asks about all four children of every cell it
    /// splits, and a region whose tests share work between siblings
    /// overrides this (a cap normalizes the 9 distinct vertices of the four
    /// once instead of 16 times). The answers must be `relate_cell`'s.
    ///
    /// ```
    /// use s2cells::{Cap, Cell, CellId, LatLng, Region};
    /// let cap = Cap::from_center_angle(LatLng::from_degrees(10.0, 10.0).to_point(), 0.01);
    /// let parent = Cell::from(CellId::from_latlng(LatLng::from_degrees(10.0, 10.0)).parent(8));
    /// let children = parent.subdivide();
    /// let answers = cap.relate_children(&children, true);
    /// for (child, answer) in children.iter().zip(answers) {
    ///     assert_eq!(answer, cap.relate_cell(child, true));
    /// }
    /// ```
    fn relate_children(&self, children: &[Cell; 4], want_contains: bool) -> [CellContainment; 4] {
        children.map(|c| self.relate_cell(&c, want_contains))
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

/// How a region relates to a cell, as [`Region::relate_cell`] answers the
/// region coverer.
///
/// ```
/// use s2cells::{CellContainment, CellId, CellUnion, Region};
/// let face1 = CellUnion::from_cell_ids(vec![CellId::from_face(1)]);
/// let cell = CellId::from_face(1).child(3).into();
/// assert!(face1.relate_cell(&cell, true).contains());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellContainment {
    /// The region does not intersect the cell.
    Disjoint,
    /// The region may intersect the cell (and, if containment was asked
    /// for, does not contain it).
    Intersects,
    /// The region contains the cell.
    Contains,
    /// The region contains the cell, and every cell inside it would also be
    /// answered `ContainsSubtree`: the region holds the cell with room to
    /// spare, or its answer does not depend on where in the cell one looks.
    ContainsSubtree,
}

impl CellContainment {
    /// Whether the region may intersect the cell (anything but
    /// [`Disjoint`](Self::Disjoint)).
    ///
    /// ```
    /// use s2cells::CellContainment;
    /// assert!(CellContainment::Contains.may_intersect());
    /// assert!(!CellContainment::Disjoint.may_intersect());
    /// ```
    #[must_use]
    pub fn may_intersect(self) -> bool {
        self != Self::Disjoint
    }

    /// Whether the region contains the cell.
    ///
    /// ```
    /// use s2cells::CellContainment;
    /// assert!(CellContainment::ContainsSubtree.contains());
    /// assert!(!CellContainment::Intersects.contains());
    /// ```
    #[must_use]
    pub fn contains(self) -> bool {
        matches!(self, Self::Contains | Self::ContainsSubtree)
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

    /// Containment of cell ids is exact, so it holds for the subtree.
    fn relate_cell(&self, cell: &Cell, _want_contains: bool) -> CellContainment {
        subtree_by_id(
            self.id().contains(cell.id()),
            self.id().intersects(cell.id()),
        )
    }

    /// The cell itself (Google's `S2Cell::GetCellUnionBound`).
    fn cell_union_bound(&self) -> Vec<CellId> {
        vec![self.id()]
    }
}

/// The answer of a region whose cell tests are exact on cell ids (a cell, a
/// cell union): what contains a cell contains its descendants.
pub(crate) fn subtree_by_id(contains: bool, intersects: bool) -> CellContainment {
    if contains {
        CellContainment::ContainsSubtree
    } else if intersects {
        CellContainment::Intersects
    } else {
        CellContainment::Disjoint
    }
}

/// [`Region::relate_cell`] from the region's two cell tests, for regions
/// with nothing to share between them.
pub(crate) fn relate_by_tests<R: Region + ?Sized>(
    region: &R,
    cell: &Cell,
    want_contains: bool,
) -> CellContainment {
    if !region.may_intersect_cell(cell) {
        CellContainment::Disjoint
    } else if want_contains && region.contains_cell(cell) {
        CellContainment::Contains
    } else {
        CellContainment::Intersects
    }
}
