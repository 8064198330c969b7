//! The shape index behind [`Loop`](super::Loop) and
//! [`Polygon`](super::Polygon)'s cell tests, built on first use, and the
//! one [`Region`] implementation the two share through it.
//!
//! Google's `S2Loop` and `S2Polygon` answer `Contains(S2Cell)`,
//! `MayIntersect(S2Cell)` and `GetCellUnionBound` through their
//! `MutableS2ShapeIndex`: where the index has no cell the answer is "no",
//! where it has several the answer to may-intersect is "yes", and only
//! then are edges clipped to the cell with padding. Those answers steer the
//! region coverer, so a coverer that is to give Google's cells must ask an
//! index whose cells are Google's: [`ShapeIndex`] is, cell for cell.

use std::fmt;
use std::sync::OnceLock;

use super::shape_index::{CrossingPredicate, ORIGIN, ShapeIndex, ShapeIndexBuilder};
use super::{CellContainment, Region};
use crate::cell::{Cell, CellId};
use crate::geom::edge_crossings::edge_or_vertex_crossing;
use crate::geom::{Cap, LatLngRect, Point};

/// The exact crossing test (symbolic perturbation included) the index
/// tracks containment with, as Google's `S2EdgeCrosser` does.
pub(crate) struct Robust;

impl CrossingPredicate for Robust {
    #[inline]
    fn edge_or_vertex_crossing(a: &Point, b: &Point, c: &Point, d: &Point) -> bool {
        edge_or_vertex_crossing(a, b, c, d)
    }
}

/// A region whose cell tests go through a shape index of its edges, as
/// Google's `S2Loop` and `S2Polygon` answer them: the index decides, so
/// coverings equal Google's only if the index cells do (they do, see
/// [`ShapeIndex`]). Implementing it gives the region its [`Region`].
pub(crate) trait IndexedShape {
    /// The shape index of the region's edges, built on first use.
    fn shape_index(&self) -> &ShapeIndex;

    /// The region's lat/lng bound (Google's `GetRectBound`).
    fn bound(&self) -> LatLngRect;

    /// Whether the region contains the point.
    fn contains(&self, p: &Point) -> bool;
}

/// The cell tests of Google's `S2Loop` and `S2Polygon` (identical for
/// both), through the region's shape index.
impl<T: IndexedShape> Region for T {
    /// The rectangle bound's cap, as Google's `GetCapBound`.
    fn cap_bound(&self) -> Cap {
        self.bound().cap_bound()
    }

    fn rect_bound(&self) -> LatLngRect {
        self.bound()
    }

    /// Google's `Contains(S2Cell)`: `false` unless the cell lies within
    /// one index cell, the edges clipped with padding miss it, and its
    /// center is inside.
    fn contains_cell(&self, cell: &Cell) -> bool {
        self.shape_index().contains_cell::<Robust>(cell)
    }

    /// Google's `MayIntersect(S2Cell)`: `false` where the index has no
    /// cell, `true` where the cell holds several index cells, else an edge
    /// test with padding or the center.
    fn may_intersect_cell(&self, cell: &Cell) -> bool {
        self.shape_index().may_intersect_cell::<Robust>(cell)
    }

    /// Both tests from one location of the cell in the index.
    fn relate_cell(&self, cell: &Cell, _want_contains: bool) -> CellContainment {
        self.shape_index().relate_cell::<Robust>(cell)
    }

    /// Google's `GetCellUnionBound`: cells from the shape index.
    fn cell_union_bound(&self) -> Vec<CellId> {
        self.shape_index().cell_union_bound()
    }

    fn contains_point(&self, p: &Point) -> bool {
        self.contains(p)
    }
}

/// A [`ShapeIndex`] built on first use and kept. It is derived from the
/// owner's vertices, so it takes no part in equality, and an owner that
/// changes its vertices resets it.
#[derive(Clone, Default)]
pub(crate) struct LazyIndex(OnceLock<ShapeIndex>);

impl LazyIndex {
    /// The index of one polygon shape: the edges (interior on the left,
    /// in Google's edge order) and whether the shape contains [`ORIGIN`],
    /// from `shape` the first time it is asked for.
    pub(crate) fn get(&self, shape: impl FnOnce() -> (Vec<[Point; 2]>, bool)) -> &ShapeIndex {
        self.0.get_or_init(|| {
            let (edges, contains_origin) = shape();
            let mut b: ShapeIndexBuilder = ShapeIndex::builder();
            b.add_polygon(edges, ORIGIN, contains_origin);
            b.build::<Robust>()
        })
    }
}

/// The edges of a closed chain `v(0), v(1), …, v(n-1), v(0)`.
pub(crate) fn chain_edges(
    n: usize,
    v: impl Fn(usize) -> Point,
) -> impl Iterator<Item = [Point; 2]> {
    (0..n).map(move |i| [v(i), v((i + 1) % n)])
}

impl PartialEq for LazyIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl fmt::Debug for LazyIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.get() {
            Some(index) => write!(f, "ShapeIndex({} cells)", index.num_cells()),
            None => f.write_str("ShapeIndex(not built)"),
        }
    }
}
