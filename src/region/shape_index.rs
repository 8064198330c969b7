//! A spatial index of polygon and polyline edges whose cells are exactly
//! those of Google's `MutableS2ShapeIndex`.
//!
//! Google's `S2Loop` and `S2Polygon` answer the region coverer's questions
//! (`Contains(S2Cell)`, `MayIntersect(S2Cell)`, `GetCellUnionBound`) from
//! such an index, so a covering can only equal Google's if the index cells
//! do. [`ShapeIndex`] replicates the batch construction cell for cell and
//! provides those queries.
//!
//! The index needs Google's robust edge-crossing predicate
//! (`S2::EdgeOrVertexCrossing`) to decide which cell centers are inside a
//! polygon; it is a type parameter ([`CrossingPredicate`]) so that the
//! crate's exact predicate can be plugged in.
//!
//! ```
//! use s2cells::region::shape_index::{CellRelation, CrossingPredicate, ShapeIndex, ORIGIN};
//! use s2cells::{Cell, CellId, LatLng, Point};
//!
//! // A plain-float stand-in for the robust predicate (interior crossings
//! // only), good enough away from degenerate inputs.
//! struct Naive;
//! impl CrossingPredicate for Naive {
//!     fn edge_or_vertex_crossing(a: &Point, b: &Point, c: &Point, d: &Point) -> bool {
//!         let s = |p: &Point, q: &Point, r: &Point| p.cross(q).dot(r).signum();
//!         let acb = -s(a, b, c);
//!         acb == s(a, b, d) && acb == -s(c, d, b) && acb == s(c, d, a)
//!     }
//! }
//! // A small square around (10°, 10°), counter-clockwise.
//! let v: Vec<Point> = [(9.0, 9.0), (9.0, 11.0), (11.0, 11.0), (11.0, 9.0)]
//!     .iter()
//!     .map(|&(lat, lng)| LatLng::from_degrees(lat, lng).to_point())
//!     .collect();
//! let edges = (0..4).map(|i| [v[i], v[(i + 1) % 4]]);
//! let mut shapes = ShapeIndex::builder();
//! shapes.add_polygon(edges, ORIGIN, false);
//! let index = shapes.build::<Naive>();
//!
//! let inside = LatLng::from_degrees(10.0, 10.0).to_point();
//! assert!(index.contains_point::<Naive>(&inside));
//! let far = CellId::from_latlng(LatLng::from_degrees(-40.0, 100.0)).parent(10);
//! assert_eq!(index.locate_cell_id(far), CellRelation::Disjoint);
//! assert!(!index.may_intersect_cell::<Naive>(&Cell::from(far)));
//! ```

mod build;
mod filter;

pub use build::CELL_PADDING;

use crate::geom::edge_clipping::{
    FACE_CLIP_ERROR_UV_COORD, INTERSECTS_RECT_ERROR_UV_DIST, R2Rect, clip_to_padded_face,
    intersects_rect,
};
use crate::{Cell, CellContainment, CellId, Point};

/// Google's `S2::Origin()`, the reference point of `S2Loop` and
/// `S2Polygon` shapes, whose containment each loop records as
/// `contains_origin`.
pub use crate::geom::predicates::ORIGIN;

/// Google's `S2::EdgeOrVertexCrossing(a, b, c, d)`: whether edge AB crosses
/// edge CD, counting a shared vertex with Google's consistent rule so that
/// point-in-polygon parity is exact.
///
/// The index is generic over it so that the crate's robust predicate can be
/// plugged in; a float approximation gives Google's cells only while no
/// crossing is decided by a rounding error.
pub trait CrossingPredicate {
    /// Whether AB crosses CD (interior crossing, or Google's vertex rule).
    fn edge_or_vertex_crossing(a: &Point, b: &Point, c: &Point, d: &Point) -> bool;
}

/// Where a cell id falls among the index cells (Google's
/// `S2CellRelation`, the answer of `Iterator::Locate(S2CellId)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellRelation {
    /// The target is an index cell or lies inside one: its position.
    Indexed(usize),
    /// The target contains one or more (smaller) index cells.
    Subdivided,
    /// The target overlaps no index cell.
    Disjoint,
}

/// One shape's part of an index cell (Google's `S2ClippedShape`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClippedShape {
    /// The shape, in the order shapes were added.
    pub shape_id: u32,
    /// Whether the shape contains the cell's center.
    pub contains_center: bool,
    edges_begin: u32,
    edges_end: u32,
}

impl ClippedShape {
    /// How many of the shape's edges (nearly) cross the cell.
    ///
    /// ```
    /// # use s2cells::region::shape_index::ClippedShape;
    /// # fn f(c: &ClippedShape) -> usize { c.num_edges() }
    /// ```
    #[must_use]
    #[inline]
    pub fn num_edges(&self) -> usize {
        (self.edges_end - self.edges_begin) as usize
    }
}

/// An edge whose endpoints project onto the same face, with their (u,v)
/// there: exactly what `clip_to_padded_face` computes for that face, kept
/// so that cell queries skip the face selection and four divisions per
/// edge (the clipping was ~45% of the query profile on a 1,000-vertex
/// polygon, `bench/compare/benches/shape_index.rs`).
#[derive(Clone, Copy, Debug)]
struct EdgeUv {
    /// The face of both endpoints, or 6 when they differ.
    face: u8,
    a: [f64; 2],
    b: [f64; 2],
}

#[derive(Clone, Copy, Debug)]
struct IndexCell {
    clipped_begin: u32,
}

#[derive(Clone, Copy, Debug)]
struct ShapeInfo {
    dimension: u8,
    edges_begin: u32,
    edges_end: u32,
    reference: Point,
    contains_reference: bool,
}

/// Collects shapes, then builds a [`ShapeIndex`].
///
/// ```
/// use s2cells::region::shape_index::ShapeIndex;
/// use s2cells::Point;
/// let mut b = ShapeIndex::builder();
/// let id = b.add_polyline([[Point::new(1.0, 0.0, 0.0), Point::new(0.0, 1.0, 0.0)]]);
/// assert_eq!(id, 0);
/// ```
#[derive(Clone, Debug, Default)]
pub struct ShapeIndexBuilder {
    shapes: Vec<ShapeInfo>,
    edges: Vec<[Point; 2]>,
}

impl ShapeIndexBuilder {
    fn add(
        &mut self,
        dimension: u8,
        edges: impl IntoIterator<Item = [Point; 2]>,
        reference: Point,
        contains: bool,
    ) -> u32 {
        let begin = self.edges.len() as u32;
        self.edges.extend(edges);
        self.shapes.push(ShapeInfo {
            dimension,
            edges_begin: begin,
            edges_end: self.edges.len() as u32,
            reference,
            contains_reference: contains,
        });
        self.shapes.len() as u32 - 1
    }

    /// Adds a polygon given by its edges (each `[v0, v1]`, interior on the
    /// left, in Google's edge order: edge ids are positions here) and
    /// whether it contains `reference` (for `S2Loop`/`S2Polygon`,
    /// [`ORIGIN`] and `contains_origin`). Returns the shape id.
    ///
    /// ```
    /// use s2cells::region::shape_index::{ShapeIndex, ORIGIN};
    /// let mut b = ShapeIndex::builder();
    /// assert_eq!(b.add_polygon([], ORIGIN, true), 0); // the full sphere
    /// ```
    pub fn add_polygon(
        &mut self,
        edges: impl IntoIterator<Item = [Point; 2]>,
        reference: Point,
        contains_reference: bool,
    ) -> u32 {
        self.add(2, edges, reference, contains_reference)
    }

    /// Adds a polyline (dimension 1) given by its edges. Returns the shape id.
    ///
    /// ```
    /// use s2cells::region::shape_index::ShapeIndex;
    /// use s2cells::Point;
    /// let mut b = ShapeIndex::builder();
    /// b.add_polyline([[Point::new(1.0, 0.0, 0.0), Point::new(0.0, 1.0, 0.0)]]);
    /// ```
    pub fn add_polyline(&mut self, edges: impl IntoIterator<Item = [Point; 2]>) -> u32 {
        self.add(1, edges, Point::default(), false)
    }

    /// Builds the index, with `C` deciding edge crossings.
    ///
    /// ```
    /// use s2cells::region::shape_index::{CrossingPredicate, ShapeIndex};
    /// use s2cells::Point;
    /// struct Never;
    /// impl CrossingPredicate for Never {
    ///     fn edge_or_vertex_crossing(_: &Point, _: &Point, _: &Point, _: &Point) -> bool { false }
    /// }
    /// let index = ShapeIndex::builder().build::<Never>();
    /// assert_eq!(index.num_cells(), 0);
    /// ```
    #[must_use]
    pub fn build<C: CrossingPredicate>(self) -> ShapeIndex {
        let mut index = ShapeIndex {
            shapes: self.shapes,
            edges: self.edges,
            edge_uv: Vec::new(),
            cell_ids: Vec::new(),
            centers: Vec::new(),
            cells: Vec::new(),
            clipped: Vec::new(),
            edge_ids: Vec::new(),
        };
        build::build::<C>(&mut index);
        index
    }
}

/// Google's `MutableS2ShapeIndex`, built once: sorted cells, each listing
/// per shape the ids of the edges that (nearly) cross it and whether the
/// shape contains its center.
///
/// Storage is flat: one vector of cell ids (binary-searched), one of
/// clipped shapes and one of edge ids for all cells.
#[derive(Clone, Debug)]
pub struct ShapeIndex {
    shapes: Vec<ShapeInfo>,
    edges: Vec<[Point; 2]>,
    edge_uv: Vec<EdgeUv>,
    cell_ids: Vec<CellId>,
    /// `cell_ids[k].to_point()`: point queries start their crossing count
    /// at the index cell's center, and decoding the id for each was 27% of
    /// covering a country.
    centers: Vec<Point>,
    cells: Vec<IndexCell>,
    clipped: Vec<ClippedShape>,
    edge_ids: Vec<u32>,
}

impl ShapeIndex {
    /// A builder to add shapes to.
    ///
    /// ```
    /// let b = s2cells::region::shape_index::ShapeIndex::builder();
    /// ```
    #[must_use]
    pub fn builder() -> ShapeIndexBuilder {
        ShapeIndexBuilder::default()
    }

    /// The number of index cells.
    ///
    /// ```
    /// # use s2cells::region::shape_index::ShapeIndex;
    /// # fn f(i: &ShapeIndex) -> usize { i.num_cells() }
    /// ```
    #[must_use]
    pub fn num_cells(&self) -> usize {
        self.cell_ids.len()
    }

    /// The number of shapes.
    ///
    /// ```
    /// # use s2cells::region::shape_index::ShapeIndex;
    /// # fn f(i: &ShapeIndex) -> usize { i.num_shapes() }
    /// ```
    #[must_use]
    pub fn num_shapes(&self) -> usize {
        self.shapes.len()
    }

    /// The sorted ids of the index cells.
    ///
    /// ```
    /// # use s2cells::region::shape_index::ShapeIndex;
    /// # fn f(i: &ShapeIndex) -> bool { i.cell_ids().windows(2).all(|w| w[0] < w[1]) }
    /// ```
    #[must_use]
    pub fn cell_ids(&self) -> &[CellId] {
        &self.cell_ids
    }

    /// The clipped shapes of the cell at `pos`, sorted by shape id.
    ///
    /// ```
    /// # use s2cells::region::shape_index::ShapeIndex;
    /// # fn f(i: &ShapeIndex) -> usize { (0..i.num_cells()).map(|k| i.clipped_shapes(k).len()).sum() }
    /// ```
    #[must_use]
    pub fn clipped_shapes(&self, pos: usize) -> &[ClippedShape] {
        let Some(cell) = self.cells.get(pos) else {
            return &[];
        };
        let end = self
            .cells
            .get(pos + 1)
            .map_or(self.clipped.len(), |c| c.clipped_begin as usize);
        self.clipped
            .get(cell.clipped_begin as usize..end)
            .unwrap_or_default()
    }

    /// The edge ids (within its shape) of a clipped shape, increasing.
    ///
    /// ```
    /// # use s2cells::region::shape_index::ShapeIndex;
    /// # fn f(i: &ShapeIndex) -> usize { i.clipped_shapes(0).iter().map(|c| i.clipped_edge_ids(c).len()).sum() }
    /// ```
    #[must_use]
    pub fn clipped_edge_ids(&self, clipped: &ClippedShape) -> &[u32] {
        // A clipped shape from another index may point anywhere: empty then.
        self.edge_ids
            .get(clipped.edges_begin as usize..clipped.edges_end as usize)
            .unwrap_or_default()
    }

    /// Edge `edge_id` of shape `shape_id`, as given to the builder (`None`
    /// for ids out of range).
    ///
    /// ```
    /// use s2cells::region::shape_index::ShapeIndex;
    /// use s2cells::Point;
    /// let e = [Point::new(1.0, 0.0, 0.0), Point::new(0.0, 1.0, 0.0)];
    /// let mut b = ShapeIndex::builder();
    /// b.add_polyline([e]);
    /// # struct N; impl s2cells::region::shape_index::CrossingPredicate for N {
    /// #   fn edge_or_vertex_crossing(_: &Point, _: &Point, _: &Point, _: &Point) -> bool { false } }
    /// let index = b.build::<N>();
    /// assert_eq!(index.edge(0, 0), Some(e));
    /// assert_eq!(index.edge(0, 1), None);
    /// ```
    #[must_use]
    #[inline]
    pub fn edge(&self, shape_id: u32, edge_id: u32) -> Option<[Point; 2]> {
        let shape = self.shapes.get(shape_id as usize)?;
        if edge_id >= shape.edges_end - shape.edges_begin {
            return None;
        }
        self.edges
            .get((shape.edges_begin + edge_id) as usize)
            .copied()
    }

    /// The shape's dimension: 2 for polygons, 1 for polylines (`None` for
    /// an unknown id).
    ///
    /// ```
    /// # use s2cells::region::shape_index::ShapeIndex;
    /// # fn f(i: &ShapeIndex) -> Option<u8> { i.dimension(0) }
    /// ```
    #[must_use]
    pub fn dimension(&self, shape_id: u32) -> Option<u8> {
        self.shapes.get(shape_id as usize).map(|s| s.dimension)
    }

    /// The cells in order: `(cell id, clipped shapes)`.
    ///
    /// ```
    /// # use s2cells::region::shape_index::ShapeIndex;
    /// # fn f(i: &ShapeIndex) -> usize { i.iter().count() }
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (CellId, &[ClippedShape])> + '_ {
        (0..self.cell_ids.len()).map(move |k| (self.cell_ids[k], self.clipped_shapes(k)))
    }

    /// Google's `Iterator::Locate(S2CellId)`: whether `target` is inside an
    /// index cell (and which), contains index cells, or is disjoint.
    ///
    /// ```
    /// # use s2cells::region::shape_index::{CellRelation, ShapeIndex};
    /// # fn f(i: &ShapeIndex) -> bool {
    /// i.cell_ids().first().is_none_or(|&c| i.locate_cell_id(c) == CellRelation::Indexed(0))
    /// # }
    /// ```
    #[must_use]
    pub fn locate_cell_id(&self, target: CellId) -> CellRelation {
        let ids = &self.cell_ids;
        let k = ids.partition_point(|&c| c < target.range_min());
        if let Some(&id) = ids.get(k) {
            if id >= target && id.range_min() <= target {
                return CellRelation::Indexed(k);
            }
            if id <= target.range_max() {
                return CellRelation::Subdivided;
            }
        }
        if k > 0 && ids[k - 1].range_max() >= target {
            return CellRelation::Indexed(k - 1);
        }
        CellRelation::Disjoint
    }

    /// Google's `Iterator::Locate(S2Point)`: the position of the index cell
    /// containing the point's leaf cell, if any.
    ///
    /// ```
    /// # use s2cells::region::shape_index::ShapeIndex;
    /// # fn f(i: &ShapeIndex, p: &s2cells::Point) -> Option<usize> { i.locate_point(p) }
    /// ```
    #[must_use]
    pub fn locate_point(&self, p: &Point) -> Option<usize> {
        let target = CellId::from_point(p);
        let ids = &self.cell_ids;
        let k = ids.partition_point(|&c| c < target);
        if let Some(&id) = ids.get(k)
            && id.range_min() <= target
        {
            return Some(k);
        }
        (k > 0 && ids[k - 1].range_max() >= target).then(|| k - 1)
    }

    /// Google's `S2ShapeIndexRegion::GetCellUnionBound`: at most 6 cells
    /// (4 when the index lies on one face) covering all index cells.
    ///
    /// ```
    /// # use s2cells::region::shape_index::ShapeIndex;
    /// # fn f(i: &ShapeIndex) -> bool { i.cell_union_bound().len() <= 6 }
    /// ```
    #[must_use]
    pub fn cell_union_bound(&self) -> Vec<CellId> {
        let ids = &self.cell_ids;
        let mut out = Vec::with_capacity(6);
        let (Some(&first_id), Some(&last_index_id)) = (ids.first(), ids.last()) else {
            return out;
        };
        let cover = |first: CellId, last: CellId, out: &mut Vec<CellId>| {
            if first == last {
                out.push(first);
            } else if let Some(level) = first.common_ancestor_level(last) {
                out.push(first.parent(level));
            }
        };
        let mut k = 0usize;
        if first_id != last_index_id {
            let level = first_id
                .common_ancestor_level(last_index_id)
                .map_or(0, |l| l + 1);
            let last_id = last_index_id.parent(level);
            let mut id = first_id.parent(level);
            while id != last_id {
                if id.range_max() >= ids[k] {
                    let first = ids[k];
                    // Seek(id.range_max().next()), then Prev().
                    let next = id.range_max().next();
                    let seek = ids.partition_point(|&c| c < next);
                    k = seek - 1;
                    cover(first, ids[k], &mut out);
                    k += 1;
                }
                id = id.next();
            }
        }
        cover(ids[k], last_index_id, &mut out);
        out
    }

    /// Google's `S2ShapeIndexRegion::AnyEdgeIntersects`: whether an edge of
    /// the clipped shape, clipped to the target's face with padding,
    /// meets the target's (u,v) rectangle grown by the clipping error.
    ///
    /// ```
    /// # use s2cells::region::shape_index::ShapeIndex;
    /// # fn f(i: &ShapeIndex, t: &s2cells::Cell) -> bool { i.any_edge_intersects(&i.clipped_shapes(0)[0], t) }
    /// ```
    #[must_use]
    pub fn any_edge_intersects(&self, clipped: &ClippedShape, target: &Cell) -> bool {
        const MAX_ERROR: f64 = FACE_CLIP_ERROR_UV_COORD + INTERSECTS_RECT_ERROR_UV_DIST;
        let bound = R2Rect {
            bounds: target.bound_uv(),
        }
        .expanded(MAX_ERROR);
        let face = target.face();
        let Some(shape) = self.shapes.get(clipped.shape_id as usize) else {
            return false;
        };
        self.clipped_edge_ids(clipped).iter().any(|&e| {
            let g = (shape.edges_begin + e) as usize;
            let (Some(uv), Some(&[v0, v1])) = (self.edge_uv.get(g), self.edges.get(g)) else {
                return false;
            };
            if uv.face == face {
                return intersects_rect(uv.a, uv.b, &bound);
            }
            clip_to_padded_face(&v0, &v1, face, MAX_ERROR)
                .is_some_and(|(p0, p1)| intersects_rect(p0, p1, &bound))
        })
    }

    /// `S2Loop::BoundaryApproxIntersects` / `S2Polygon`'s: for the index
    /// cell at `pos` containing `target`, whether an edge of the first
    /// clipped shape may cross the target cell.
    ///
    /// ```
    /// # use s2cells::region::shape_index::ShapeIndex;
    /// # fn f(i: &ShapeIndex, t: &s2cells::Cell) -> bool { i.boundary_approx_intersects(0, t) }
    /// ```
    #[must_use]
    pub fn boundary_approx_intersects(&self, pos: usize, target: &Cell) -> bool {
        let Some(clipped) = self.clipped_shapes(pos).first() else {
            return false;
        };
        if clipped.num_edges() == 0 {
            return false;
        }
        if self.cell_ids.get(pos) == Some(&target.id()) {
            return true;
        }
        self.any_edge_intersects(clipped, target)
    }

    /// Google's `S2ContainsPointQuery::ShapeContains` (semi-open model): whether
    /// the shape of `clipped`, in the index cell at `pos`, contains `p`,
    /// counting crossings from the cell center to `p`.
    ///
    /// ```
    /// # use s2cells::region::shape_index::{CrossingPredicate, ShapeIndex};
    /// # fn f<C: CrossingPredicate>(i: &ShapeIndex, p: &s2cells::Point) -> bool {
    /// # i.shape_contains::<C>(0, &i.clipped_shapes(0)[0], p) }
    /// ```
    #[must_use]
    pub fn shape_contains<C: CrossingPredicate>(
        &self,
        pos: usize,
        clipped: &ClippedShape,
        p: &Point,
    ) -> bool {
        let mut inside = clipped.contains_center;
        if clipped.num_edges() > 0 {
            let (Some(shape), Some(center)) = (
                self.shapes.get(clipped.shape_id as usize),
                self.centers.get(pos),
            ) else {
                return false;
            };
            if shape.dimension < 2 {
                return false;
            }
            let seg = filter::Segment::new(*center, *p);
            for &e in self.clipped_edge_ids(clipped) {
                if let Some([v0, v1]) = self.edges.get((shape.edges_begin + e) as usize) {
                    inside ^= seg.crosses::<C>(v0, v1);
                }
            }
        }
        inside
    }

    /// Whether any polygon of the index contains `p` (semi-open, like
    /// `S2Polygon::Contains(S2Point)` through its index).
    ///
    /// ```
    /// # use s2cells::region::shape_index::{CrossingPredicate, ShapeIndex};
    /// # fn f<C: CrossingPredicate>(i: &ShapeIndex, p: &s2cells::Point) -> bool { i.contains_point::<C>(p) }
    /// ```
    #[must_use]
    pub fn contains_point<C: CrossingPredicate>(&self, p: &Point) -> bool {
        let Some(pos) = self.locate_point(p) else {
            return false;
        };
        self.clipped_shapes(pos)
            .iter()
            .any(|c| self.shape_contains::<C>(pos, c, p))
    }

    /// `S2ShapeIndexRegion::Contains(S2Cell)` (equal to `S2Loop` and
    /// `S2Polygon::Contains(S2Cell)` for their one-shape index): whether a
    /// polygon surely contains the whole cell.
    ///
    /// ```
    /// # use s2cells::region::shape_index::{CrossingPredicate, ShapeIndex};
    /// # fn f<C: CrossingPredicate>(i: &ShapeIndex, c: &s2cells::Cell) -> bool { i.contains_cell::<C>(c) }
    /// ```
    #[must_use]
    pub fn contains_cell<C: CrossingPredicate>(&self, target: &Cell) -> bool {
        let CellRelation::Indexed(pos) = self.locate_cell_id(target.id()) else {
            return false;
        };
        let same = self.cell_ids[pos] == target.id();
        self.clipped_shapes(pos).iter().any(|c| {
            if same {
                c.num_edges() == 0 && c.contains_center
            } else {
                self.dimension(c.shape_id) == Some(2)
                    && !self.any_edge_intersects(c, target)
                    && self.shape_contains::<C>(pos, c, &target.center())
            }
        })
    }

    /// `S2ShapeIndexRegion::MayIntersect(S2Cell)` (equal to `S2Loop` and
    /// `S2Polygon::MayIntersect(S2Cell)`): false only when no shape meets
    /// the cell.
    ///
    /// ```
    /// # use s2cells::region::shape_index::{CrossingPredicate, ShapeIndex};
    /// # fn f<C: CrossingPredicate>(i: &ShapeIndex, c: &s2cells::Cell) -> bool { i.may_intersect_cell::<C>(c) }
    /// ```
    #[must_use]
    pub fn may_intersect_cell<C: CrossingPredicate>(&self, target: &Cell) -> bool {
        let pos = match self.locate_cell_id(target.id()) {
            CellRelation::Disjoint => return false,
            CellRelation::Subdivided => return true,
            CellRelation::Indexed(pos) => pos,
        };
        if self.cell_ids[pos] == target.id() {
            return true;
        }
        let center = target.center();
        self.clipped_shapes(pos).iter().any(|c| {
            self.any_edge_intersects(c, target) || self.shape_contains::<C>(pos, c, &center)
        })
    }

    /// [`may_intersect_cell`](Self::may_intersect_cell) and
    /// [`contains_cell`](Self::contains_cell) with one locate and one pass
    /// over the cell's edges: the two answers the region coverer asks of
    /// every candidate. A cell contained through a shape with no edge in
    /// its index cell is [`ContainsSubtree`](CellContainment::ContainsSubtree):
    /// every cell inside gets the same answer from the same index cell.
    ///
    /// ```
    /// # use s2cells::region::shape_index::{CrossingPredicate, ShapeIndex};
    /// # fn f<C: CrossingPredicate>(i: &ShapeIndex, c: &s2cells::Cell) {
    /// let relation = i.relate_cell::<C>(c);
    /// assert_eq!(relation.may_intersect(), i.may_intersect_cell::<C>(c));
    /// assert_eq!(relation.contains(), i.contains_cell::<C>(c));
    /// # }
    /// ```
    #[must_use]
    pub fn relate_cell<C: CrossingPredicate>(&self, target: &Cell) -> CellContainment {
        let pos = match self.locate_cell_id(target.id()) {
            CellRelation::Disjoint => return CellContainment::Disjoint,
            CellRelation::Subdivided => return CellContainment::Intersects,
            CellRelation::Indexed(pos) => pos,
        };
        let clipped = self.clipped_shapes(pos);
        let solid = |c: &ClippedShape| c.num_edges() == 0 && c.contains_center;
        if self.cell_ids[pos] == target.id() {
            return if clipped
                .iter()
                .any(|c| solid(c) && self.dimension(c.shape_id) == Some(2))
            {
                CellContainment::ContainsSubtree
            } else if clipped.iter().any(solid) {
                CellContainment::Contains
            } else {
                CellContainment::Intersects
            };
        }
        let center = target.center();
        let mut relation = CellContainment::Disjoint;
        for c in clipped {
            if self.any_edge_intersects(c, target) {
                // Intersects; cannot contain through this shape.
                if relation == CellContainment::Disjoint {
                    relation = CellContainment::Intersects;
                }
            } else if self.shape_contains::<C>(pos, c, &center) {
                if self.dimension(c.shape_id) != Some(2) {
                    if relation == CellContainment::Disjoint {
                        relation = CellContainment::Intersects;
                    }
                } else if c.num_edges() == 0 {
                    return CellContainment::ContainsSubtree;
                } else {
                    relation = CellContainment::Contains;
                }
            }
        }
        relation
    }
}

#[cfg(test)]
mod tests;
