//! Construction of a [`ShapeIndex`]: Google's `MutableS2ShapeIndex` batch
//! build (one batch, empty index), step for step.
//!
//! Edges are clipped to the six padded cube faces, each face's edges are
//! shrunk to the smallest cell holding them, and cells are subdivided while
//! they hold more than 10 "short" edges. An interior tracker walks the
//! Hilbert curve from the start of face 0 through the entry vertex, center
//! and exit vertex of every index cell, toggling a polygon at each edge
//! crossing, so each cell learns whether its center is inside each polygon.
//!
//! Allocation: clipped edges live in one stack per recursion depth (reused,
//! so a build allocates O(depth) vectors, not one per cell), and the cells
//! write into the index's flat vectors.

use super::filter::Segment;
use super::{ClippedShape, CrossingPredicate, EdgeUv, IndexCell, ShapeIndex};
use crate::cell::metrics::AVG_EDGE;
use crate::cell::{MAX_LEVEL, PaddedCell};
use crate::geom::coords::{face, valid_face_xyz_to_uv};
use crate::geom::edge_clipping::{
    EDGE_CLIP_ERROR_UV_COORD, FACE_CLIP_ERROR_UV_COORD, R2Point, R2Rect, clip_to_padded_face,
    project,
};
use crate::{CellId, CellUnion, Point};

/// Google's `MutableS2ShapeIndex::kCellPadding`: the (u,v) margin by which
/// every index cell is grown when deciding which edges it holds, so that
/// queries need not pad again.
pub const CELL_PADDING: f64 = 2.0 * (FACE_CLIP_ERROR_UV_COORD + EDGE_CLIP_ERROR_UV_COORD);

/// Google's default `max_edges_per_cell`.
const MAX_EDGES_PER_CELL: usize = 10;
/// `FLAGS_s2shape_index_min_short_edge_fraction`.
const MIN_SHORT_EDGE_FRACTION: f64 = 0.2;

/// An edge projected onto one face (Google's `FaceEdge`).
#[derive(Clone, Copy, Debug)]
struct FaceEdge {
    shape_id: u32,
    edge_id: u32,
    /// The edge's endpoints, kept here (as Google does) so that the
    /// interior tracker reads one record per edge.
    edge: [Point; 2],
    /// The first level at which the edge counts as long.
    max_level: u8,
    has_interior: bool,
    a: R2Point,
    b: R2Point,
}

/// The part of a face edge inside a cell: only its bound is kept, the
/// endpoints are re-interpolated from the face edge (Google's `ClippedEdge`).
#[derive(Clone, Copy, Debug)]
struct ClippedEdge {
    face_edge: u32,
    /// A copy of the face edge's `max_level`, in what would be padding, so
    /// that the short-edge count reads no other record.
    max_level: u8,
    bound: R2Rect,
}

/// Google's `InteriorTracker`: which polygons contain the focus point, kept
/// up to date as the focus moves along the Hilbert curve.
struct InteriorTracker {
    is_active: bool,
    a: Point,
    b: Point,
    /// The segment from `a` to `b`, prepared for crossing tests.
    seg: Segment,
    next_cellid: CellId,
    /// Sorted; typically 0, 1 or 2 entries.
    shape_ids: Vec<u32>,
}

impl InteriorTracker {
    fn new() -> Self {
        Self {
            is_active: false,
            a: Point::default(),
            b: tracker_origin(),
            seg: Segment::new(Point::default(), Point::default()),
            next_cellid: CellId::begin(MAX_LEVEL),
            shape_ids: Vec::new(),
        }
    }

    fn add_shape(&mut self, shape_id: u32, contains_focus: bool) {
        self.is_active = true;
        if contains_focus {
            self.toggle(shape_id);
        }
    }

    fn toggle(&mut self, shape_id: u32) {
        match self.shape_ids.binary_search(&shape_id) {
            Ok(k) => {
                self.shape_ids.remove(k);
            }
            Err(k) => self.shape_ids.insert(k, shape_id),
        }
    }

    fn move_to(&mut self, b: Point) {
        self.b = b;
    }

    fn draw_to(&mut self, b: Point) {
        self.a = self.b;
        self.b = b;
        self.seg = Segment::new(self.a, self.b);
    }

    #[inline]
    fn test_edge<C: CrossingPredicate>(&mut self, shape_id: u32, edge: &[Point; 2]) {
        if self.seg.crosses::<C>(&edge[0], &edge[1]) {
            self.toggle(shape_id);
        }
    }

    fn set_next_cellid(&mut self, id: CellId) {
        self.next_cellid = id.range_min();
    }

    fn at_cellid(&self, id: CellId) -> bool {
        id.range_min() == self.next_cellid
    }
}

/// The start of the Hilbert curve, `FaceUVtoXYZ(0, -1, -1)` normalized: the
/// interior tracker's first focus.
pub(crate) fn tracker_origin() -> Point {
    Point::new(1.0, -1.0, -1.0).normalize()
}

/// Google's `s2shapeutil::ContainsBruteForce`: whether a polygon contains
/// `focus`, counting crossings from its reference point.
pub(crate) fn contains_brute_force<C: CrossingPredicate>(
    edges: &[[Point; 2]],
    reference: &Point,
    contained: bool,
    focus: &Point,
) -> bool {
    if reference == focus {
        return contained;
    }
    let mut inside = contained;
    let seg = Segment::new(*reference, *focus);
    for e in edges {
        inside ^= seg.crosses::<C>(&e[0], &e[1]);
    }
    inside
}

/// Working state of one build.
struct Builder<'a> {
    index: &'a mut ShapeIndex,
    face_edges: Vec<FaceEdge>,
    tracker: InteriorTracker,
    /// Per recursion depth, the edges of the four children (reused).
    scratch: Vec<[Vec<ClippedEdge>; 4]>,
}

pub(crate) fn build<C: CrossingPredicate>(index: &mut ShapeIndex) {
    index.edge_uv = index
        .edges
        .iter()
        .map(|[a, b]| {
            let fa = face(a);
            if fa != face(b) {
                return EdgeUv {
                    face: 6,
                    a: [0.0; 2],
                    b: [0.0; 2],
                };
            }
            let (au, av) = valid_face_xyz_to_uv(fa, a);
            let (bu, bv) = valid_face_xyz_to_uv(fa, b);
            EdgeUv {
                face: fa,
                a: [au, av],
                b: [bu, bv],
            }
        })
        .collect();
    let mut all: [Vec<FaceEdge>; 6] = Default::default();
    let mut tracker = InteriorTracker::new();
    for (shape_id, shape) in index.shapes.iter().enumerate() {
        let edges = &index.edges[shape.edges_begin as usize..shape.edges_end as usize];
        let has_interior = shape.dimension == 2;
        if has_interior {
            let inside = contains_brute_force::<C>(
                edges,
                &shape.reference,
                shape.contains_reference,
                &tracker.b,
            );
            tracker.add_shape(shape_id as u32, inside);
        }
        for (e, edge) in edges.iter().enumerate() {
            let mut fe = FaceEdge {
                shape_id: shape_id as u32,
                edge_id: e as u32,
                edge: *edge,
                max_level: AVG_EDGE.level_for_max_value((edge[0] - edge[1]).norm()),
                has_interior,
                a: [0.0; 2],
                b: [0.0; 2],
            };
            add_face_edge(&mut fe, edge, &mut all);
        }
    }
    let mut b = Builder {
        index,
        face_edges: Vec::new(),
        tracker,
        scratch: Vec::new(),
    };
    for (face, edges) in all.into_iter().enumerate() {
        b.face_edges = edges;
        b.update_face_edges::<C>(face as u8);
    }
}

/// Google's `AddFaceEdge`: the fast path keeps an edge far inside one face
/// on that face only; any other edge is clipped to all six padded faces.
fn add_face_edge(fe: &mut FaceEdge, edge: &[Point; 2], all: &mut [Vec<FaceEdge>; 6]) {
    let a_face = face(&edge[0]);
    if a_face == face(&edge[1]) {
        let (au, av) = valid_face_xyz_to_uv(a_face, &edge[0]);
        let (bu, bv) = valid_face_xyz_to_uv(a_face, &edge[1]);
        fe.a = [au, av];
        fe.b = [bu, bv];
        let max_uv = 1.0 - CELL_PADDING;
        if au.abs() <= max_uv && av.abs() <= max_uv && bu.abs() <= max_uv && bv.abs() <= max_uv {
            all[a_face as usize].push(*fe);
            return;
        }
    }
    for f in 0..6u8 {
        if let Some((a, b)) = clip_to_padded_face(&edge[0], &edge[1], f, CELL_PADDING) {
            fe.a = a;
            fe.b = b;
            all[f as usize].push(*fe);
        }
    }
}

impl Builder<'_> {
    fn update_face_edges<C: CrossingPredicate>(&mut self, face: u8) {
        let n = self.face_edges.len();
        if n == 0 && self.tracker.shape_ids.is_empty() {
            return;
        }
        let mut edges = Vec::with_capacity(n);
        let mut bound = R2Rect::empty();
        for (k, fe) in self.face_edges.iter().enumerate() {
            let r = R2Rect::from_point_pair(fe.a, fe.b);
            edges.push(ClippedEdge {
                face_edge: k as u32,
                max_level: fe.max_level,
                bound: r,
            });
            bound = bound.union(&r);
        }
        let face_id = CellId::from_face(face);
        let pcell = PaddedCell::new(face_id, CELL_PADDING);
        if n > 0 {
            let shrunk = pcell.shrink_to_fit(&bound);
            if shrunk != pcell.id() {
                self.skip_cell_range::<C>(face_id.range_min(), shrunk.range_min());
                self.update_edges::<C>(&PaddedCell::new(shrunk, CELL_PADDING), &edges, 0);
                self.skip_cell_range::<C>(shrunk.range_max().next(), face_id.range_max().next());
                return;
            }
        }
        self.update_edges::<C>(&pcell, &edges, 0);
    }

    /// Creates index cells for the cells in `[begin, end)` when the tracker
    /// is inside some polygon (they have no edges).
    fn skip_cell_range<C: CrossingPredicate>(&mut self, begin: CellId, end: CellId) {
        if self.tracker.shape_ids.is_empty() {
            return;
        }
        let Ok(range) = CellUnion::from_begin_end(begin, end) else {
            return;
        };
        for id in &range {
            self.update_edges::<C>(&PaddedCell::new(id, CELL_PADDING), &[], 0);
        }
    }

    fn update_edges<C: CrossingPredicate>(
        &mut self,
        pcell: &PaddedCell,
        edges: &[ClippedEdge],
        depth: usize,
    ) {
        if self.make_index_cell::<C>(pcell, edges) {
            return;
        }
        if self.scratch.len() <= depth {
            self.scratch.resize_with(depth + 1, Default::default);
        }
        let mut children = std::mem::take(&mut self.scratch[depth]);
        for c in &mut children {
            c.clear();
        }
        let middle = pcell.middle();
        let fes = &self.face_edges;
        for edge in edges {
            split_edge(fes, edge, &middle, &mut children);
        }
        for pos in 0..4 {
            let (i, j) = pcell.child_ij(pos);
            let k = 2 * i + j;
            if !children[k].is_empty() || !self.tracker.shape_ids.is_empty() {
                let child = pcell.child(i, j, &middle);
                let list = std::mem::take(&mut children[k]);
                self.update_edges::<C>(&child, &list, depth + 1);
                children[k] = list;
            }
        }
        self.scratch[depth] = children;
    }

    /// Google's `MakeIndexCell`: false when the cell must be subdivided.
    fn make_index_cell<C: CrossingPredicate>(
        &mut self,
        pcell: &PaddedCell,
        edges: &[ClippedEdge],
    ) -> bool {
        if edges.is_empty() && self.tracker.shape_ids.is_empty() {
            return true;
        }
        if edges.len() > MAX_EDGES_PER_CELL {
            let total = edges.len() + self.tracker.shape_ids.len();
            let max_short =
                MAX_EDGES_PER_CELL.max((MIN_SHORT_EDGE_FRACTION * total as f64) as usize);
            let mut count = 0;
            for e in edges {
                count += usize::from(pcell.level() < e.max_level);
                if count > max_short {
                    return false;
                }
            }
        }
        let track = self.tracker.is_active && !edges.is_empty();
        // Google's id.ToPoint(), from (i, j) without decoding the id.
        let center = pcell.center();
        if track {
            if !self.tracker.at_cellid(pcell.id()) {
                self.tracker.move_to(pcell.entry_vertex());
            }
            self.tracker.draw_to(center);
            self.test_all_edges::<C>(edges);
        }
        // Merge the shapes with edges here and the shapes containing the
        // center; both are sorted by shape id.
        let idx = &mut *self.index;
        let clipped_begin = idx.clipped.len() as u32;
        let cshapes = &self.tracker.shape_ids;
        let mut enext = 0;
        let mut cnext = 0;
        loop {
            let eshape = edges
                .get(enext)
                .map(|e| self.face_edges[e.face_edge as usize].shape_id);
            let cshape = cshapes.get(cnext).copied();
            if let Some(c) = cshape.filter(|&c| eshape.is_none_or(|e| c < e)) {
                // The whole cell is inside shape c.
                let at = idx.edge_ids.len() as u32;
                idx.clipped.push(ClippedShape {
                    shape_id: c,
                    contains_center: true,
                    edges_begin: at,
                    edges_end: at,
                });
                cnext += 1;
                continue;
            }
            let Some(e) = eshape else { break };
            let begin = idx.edge_ids.len() as u32;
            while let Some(ce) = edges.get(enext) {
                let fe = &self.face_edges[ce.face_edge as usize];
                if fe.shape_id != e {
                    break;
                }
                idx.edge_ids.push(fe.edge_id);
                enext += 1;
            }
            let contains = cshape == Some(e);
            if contains {
                cnext += 1;
            }
            idx.clipped.push(ClippedShape {
                shape_id: e,
                contains_center: contains,
                edges_begin: begin,
                edges_end: idx.edge_ids.len() as u32,
            });
        }
        idx.cell_ids.push(pcell.id());
        idx.centers.push(center);
        idx.cells.push(IndexCell { clipped_begin });
        if track {
            self.tracker.draw_to(pcell.exit_vertex());
            self.test_all_edges::<C>(edges);
            self.tracker.set_next_cellid(pcell.id().next());
        }
        true
    }

    fn test_all_edges<C: CrossingPredicate>(&mut self, edges: &[ClippedEdge]) {
        for e in edges {
            let fe = &self.face_edges[e.face_edge as usize];
            if fe.has_interior {
                self.tracker.test_edge::<C>(fe.shape_id, &fe.edge);
            }
        }
    }
}

/// Distributes one clipped edge to the padded children it overlaps
/// (Google's loop body in `UpdateEdges`), `children[2 * i + j]`.
#[inline]
fn split_edge(
    fes: &[FaceEdge],
    edge: &ClippedEdge,
    middle: &R2Rect,
    children: &mut [Vec<ClippedEdge>; 4],
) {
    let [mu, mv] = middle.bounds;
    let [bu, bv] = edge.bound.bounds;
    if bu[1] <= mu[0] {
        clip_v_axis(fes, edge, mv, children, 0);
    } else if bu[0] >= mu[1] {
        clip_v_axis(fes, edge, mv, children, 1);
    } else if bv[1] <= mv[0] {
        children[0].push(clip_u_bound(fes, edge, 1, mu[1]));
        children[2].push(clip_u_bound(fes, edge, 0, mu[0]));
    } else if bv[0] >= mv[1] {
        children[1].push(clip_u_bound(fes, edge, 1, mu[1]));
        children[3].push(clip_u_bound(fes, edge, 0, mu[0]));
    } else {
        let left = clip_u_bound(fes, edge, 1, mu[1]);
        clip_v_axis(fes, &left, mv, children, 0);
        let right = clip_u_bound(fes, edge, 0, mu[0]);
        clip_v_axis(fes, &right, mv, children, 1);
    }
}

#[inline]
fn clip_v_axis(
    fes: &[FaceEdge],
    edge: &ClippedEdge,
    mv: [f64; 2],
    children: &mut [Vec<ClippedEdge>; 4],
    i: usize,
) {
    let bv = edge.bound.bounds[1];
    if bv[1] <= mv[0] {
        children[2 * i].push(*edge);
    } else if bv[0] >= mv[1] {
        children[2 * i + 1].push(*edge);
    } else {
        children[2 * i].push(clip_v_bound(fes, edge, 1, mv[1]));
        children[2 * i + 1].push(clip_v_bound(fes, edge, 0, mv[0]));
    }
}

/// Google's `ClipUBound`: clips end `u_end` of the u-bound to `u`,
/// re-interpolating v from the face edge (no accumulated error).
#[inline]
fn clip_u_bound(fes: &[FaceEdge], edge: &ClippedEdge, u_end: usize, u: f64) -> ClippedEdge {
    let b = &edge.bound.bounds;
    if u_end == 0 {
        if b[0][0] >= u {
            return *edge;
        }
    } else if b[0][1] <= u {
        return *edge;
    }
    let e = &fes[edge.face_edge as usize];
    let v = project(
        b[1],
        crate::geom::edge_clipping::interpolate_double(u, e.a[0], e.b[0], e.a[1], e.b[1]),
    );
    let v_end = u_end ^ usize::from((e.a[0] > e.b[0]) != (e.a[1] > e.b[1]));
    update_bound(edge, u_end, u, v_end, v)
}

#[inline]
fn clip_v_bound(fes: &[FaceEdge], edge: &ClippedEdge, v_end: usize, v: f64) -> ClippedEdge {
    let b = &edge.bound.bounds;
    if v_end == 0 {
        if b[1][0] >= v {
            return *edge;
        }
    } else if b[1][1] <= v {
        return *edge;
    }
    let e = &fes[edge.face_edge as usize];
    let u = project(
        b[0],
        crate::geom::edge_clipping::interpolate_double(v, e.a[1], e.b[1], e.a[0], e.b[0]),
    );
    let u_end = v_end ^ usize::from((e.a[0] > e.b[0]) != (e.a[1] > e.b[1]));
    update_bound(edge, u_end, u, v_end, v)
}

#[inline]
fn update_bound(edge: &ClippedEdge, u_end: usize, u: f64, v_end: usize, v: f64) -> ClippedEdge {
    let mut c = *edge;
    c.bound.bounds[0][u_end] = u;
    c.bound.bounds[1][v_end] = v;
    c
}
