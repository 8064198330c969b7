//! The shape index behind [`Loop`](super::Loop) and
//! [`Polygon`](super::Polygon)'s cell tests, built on first use.
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
use crate::Point;
use crate::geom::edge_crossings::edge_or_vertex_crossing;

/// The exact crossing test (symbolic perturbation included) the index
/// tracks containment with, as Google's `S2EdgeCrosser` does.
pub(crate) struct Robust;

impl CrossingPredicate for Robust {
    #[inline]
    fn edge_or_vertex_crossing(a: &Point, b: &Point, c: &Point, d: &Point) -> bool {
        edge_or_vertex_crossing(a, b, c, d)
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
