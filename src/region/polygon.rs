//! A region bounded by loops: shells, holes, islands in holes, many shells
//! (Google's `S2Polygon`, built as its `InitNested` builds it).

use std::collections::HashMap;

use crate::geom::edge_crossings::crossing_sign;
use crate::geom::predicates::ordered_ccw;
use crate::geom::rect_bounder::expand_for_subregions;
use crate::region::edge_pairs::visit_candidate_pairs;
use crate::region::indexed::{IndexedShape, LazyIndex, chain_edges};
use crate::region::shape_index::ShapeIndex;
use crate::region::{GeometryError, RegionError};
use crate::{Cap, LatLngRect, Loop, Point};

/// A polygon: the points inside an odd number of its loops.
///
/// Loops are given in any order and orientation-agnostic nesting is found
/// as Google's `InitNested` finds it: every loop is stored counter-
/// clockwise-as-given with a depth (0 for shells, 1 for holes, 2 for
/// islands in holes, …), and the loops are reordered so that each loop's
/// descendants follow it (a pre-order walk of the nesting tree). Give each
/// loop normalized ([`Loop::normalize`]) unless it really encloses more
/// than half the sphere.
///
/// A valid polygon's loops are valid, none is empty, a full loop appears
/// only alone, no two loops cross, and no two share an edge (they may share
/// vertices).
///
/// As a [`Region`](crate::Region) it answers the coverer through a shape
/// index of all its loops' edges built on first use, as Google's
/// `S2Polygon` does (the same implementation as [`Loop`]'s).
///
/// ```
/// use s2cells::{LatLng, Loop, Polygon, Region};
///
/// let square = |lo: f64, hi: f64| {
///     Loop::from_latlngs(&[
///         LatLng::from_degrees(lo, lo),
///         LatLng::from_degrees(lo, hi),
///         LatLng::from_degrees(hi, hi),
///         LatLng::from_degrees(hi, lo),
///     ])
/// };
/// // A 10-degree square with a 2-degree hole.
/// let frame = Polygon::from_loops(vec![square(4.0, 6.0)?, square(0.0, 10.0)?])?;
/// assert_eq!(frame.num_loops(), 2);
/// assert_eq!(frame.loop_at(1).depth(), 1);
/// assert!(frame.contains_point(&LatLng::from_degrees(2.0, 2.0).to_point()));
/// assert!(!frame.contains_point(&LatLng::from_degrees(5.0, 5.0).to_point()));
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Polygon {
    loops: Vec<Loop>,
    num_vertices: usize,
    bound: LatLngRect,
    subregion_bound: LatLngRect,
    index: LazyIndex,
}

impl Polygon {
    /// A validated polygon from loops in any order (Google's `InitNested`).
    ///
    /// # Errors
    /// [`RegionError::InvalidPolygon`] naming the first rule broken.
    ///
    /// ```
    /// use s2cells::{Loop, Polygon};
    /// let p = Polygon::from_loops(vec![])?;
    /// assert!(p.is_empty());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_loops(loops: Vec<Loop>) -> Result<Self, RegionError> {
        let p = Self::from_loops_unchecked(loops);
        p.validate()?;
        Ok(p)
    }

    /// A polygon from loops without validation (Google's `InitNested` with
    /// `S2Debug::DISABLE`; empty loops are dropped, as there); see
    /// [`validate`](Self::validate).
    ///
    /// ```
    /// use s2cells::{Loop, Polygon};
    /// let p = Polygon::from_loops_unchecked(vec![Loop::full()]);
    /// assert!(p.is_full());
    /// ```
    #[must_use]
    pub fn from_loops_unchecked(loops: Vec<Loop>) -> Self {
        // Google 0.14's InitNested drops empty loops.
        let loops: Vec<Loop> = loops.into_iter().filter(|l| !l.is_empty()).collect();
        let mut p = Self {
            loops: Vec::new(),
            num_vertices: 0,
            bound: LatLngRect::empty(),
            subregion_bound: LatLngRect::empty(),
            index: LazyIndex::default(),
        };
        if loops.len() == 1 {
            p.init_one_loop(loops);
        } else {
            p.init_nested(loops);
        }
        p
    }

    /// A polygon of one loop; the empty loop gives the empty polygon
    /// (Google's `S2Polygon(unique_ptr<S2Loop>)`).
    ///
    /// # Errors
    /// As [`from_loops`](Self::from_loops).
    ///
    /// ```
    /// use s2cells::{Loop, Polygon};
    /// assert!(Polygon::from_loop(Loop::empty())?.is_empty());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_loop(l: Loop) -> Result<Self, RegionError> {
        if l.is_empty() {
            return Ok(Self::from_loops_unchecked(Vec::new()));
        }
        Self::from_loops(vec![l])
    }

    /// The empty polygon (no loops).
    ///
    /// ```
    /// assert_eq!(s2cells::Polygon::empty().num_loops(), 0);
    /// ```
    #[must_use]
    pub fn empty() -> Self {
        Self::from_loops_unchecked(Vec::new())
    }

    /// The full polygon (one full loop).
    ///
    /// ```
    /// assert!(s2cells::Polygon::full().is_full());
    /// ```
    #[must_use]
    pub fn full() -> Self {
        Self::from_loops_unchecked(vec![Loop::full()])
    }

    fn init_one_loop(&mut self, mut loops: Vec<Loop>) {
        for l in &mut loops {
            l.set_depth(0);
        }
        self.num_vertices = loops[0].num_vertices();
        self.bound = loops[0].rect_bound();
        self.subregion_bound = expand_for_subregions(&self.bound);
        self.loops = loops;
    }

    fn init_nested(&mut self, loops: Vec<Loop>) {
        // children[parent] lists the loops directly inside `parent` (None =
        // the sphere), in insertion order, as Google's LoopMap does.
        let mut children: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for i in 0..loops.len() {
            insert_loop(&loops, i, &mut children);
        }
        // Pre-order walk, children in order.
        let mut order: Vec<(usize, u32)> = Vec::with_capacity(loops.len());
        let mut stack: Vec<(Option<usize>, u32)> = vec![(None, 0)];
        while let Some((node, depth)) = stack.pop() {
            if let Some(i) = node {
                order.push((i, depth));
            }
            let child_depth = if node.is_some() { depth + 1 } else { 0 };
            if let Some(kids) = children.get(&node) {
                for &k in kids.iter().rev() {
                    stack.push((Some(k), child_depth));
                }
            }
        }
        let mut slots: Vec<Option<Loop>> = loops.into_iter().map(Some).collect();
        for (i, depth) in order {
            if let Some(mut l) = slots[i].take() {
                l.set_depth(depth);
                self.loops.push(l);
            }
        }
        self.init_loop_properties();
    }

    fn init_loop_properties(&mut self) {
        self.num_vertices = 0;
        self.bound = LatLngRect::empty();
        for l in &self.loops {
            if l.depth() == 0 {
                self.bound = self.bound.union(&l.rect_bound());
            }
            self.num_vertices += l.num_vertices();
        }
        self.subregion_bound = expand_for_subregions(&self.bound);
    }

    /// Checks the polygon rules in Google's order: each loop's own rules
    /// (except crossings), no empty loop, no full loop with others, then
    /// crossings within and between loops and shared edges.
    ///
    /// The verdict is Google's. For crossings and shared edges, Google 0.14
    /// (whose `S2Polygon` validates through its shape index) reports
    /// `OVERLAPPING_GEOMETRY` (209) or `POLYGON_INCONSISTENT_LOOP_ORIENTATIONS`
    /// (204) depending on how its index cells fall; s2cells names the
    /// crossing instead ([`GeometryError::SelfIntersection`],
    /// [`GeometryError::LoopsCross`], [`GeometryError::LoopsShareEdge`]).
    ///
    /// # Errors
    /// [`RegionError::InvalidPolygon`] with the first problem found.
    ///
    /// ```
    /// use s2cells::{Loop, Polygon};
    /// let p = Polygon::from_loops_unchecked(vec![Loop::full(), Loop::full()]);
    /// assert!(p.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), RegionError> {
        for (i, l) in self.loops.iter().enumerate() {
            let reason = if let Some(e) = l.find_validation_error_no_index() {
                Some(e)
            } else if l.is_empty() {
                Some(GeometryError::EmptyLoop)
            } else if l.is_full() && self.loops.len() > 1 {
                Some(GeometryError::ExcessFullLoop)
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(RegionError::InvalidPolygon {
                    loop_index: Some(i),
                    reason,
                });
            }
        }
        match self.find_crossing_error() {
            Some((loop_index, reason)) => Err(RegionError::InvalidPolygon { loop_index, reason }),
            None => Ok(()),
        }
    }

    /// Whether [`validate`](Self::validate) passes.
    ///
    /// ```
    /// assert!(s2cells::Polygon::empty().is_valid());
    /// ```
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.validate().is_ok()
    }

    /// Crossings and repeated vertices within a loop, crossings and shared
    /// edges between loops (Google's `FindSelfIntersection` over the
    /// polygon's shape, whose hole edges run reversed).
    fn find_crossing_error(&self) -> Option<(Option<usize>, GeometryError)> {
        // Edges of all loops with interior on the left: (loop, offset).
        let mut ids: Vec<(usize, usize)> = Vec::with_capacity(self.num_vertices);
        let mut edges: Vec<(Point, Point)> = Vec::with_capacity(self.num_vertices);
        for (li, l) in self.loops.iter().enumerate() {
            if l.num_vertices() < 3 {
                continue;
            }
            for k in 0..l.num_vertices() {
                ids.push((li, k));
                edges.push((*l.oriented_vertex(k), *l.oriented_vertex(k + 1)));
            }
        }
        let mut found = None;
        visit_candidate_pairs(&edges, |i, j| {
            let ((la, ka), (lb, kb)) = (ids[i], ids[j]);
            let (a, b) = (edges[i], edges[j]);
            if la == lb {
                let n = self.loops[la].num_vertices();
                if kb == ka + 1 || (ka == 0 && kb == n - 1) {
                    return true;
                }
            }
            let s = crossing_sign(&a.0, &a.1, &b.0, &b.1);
            if s == 1 {
                found = Some(if la == lb {
                    (
                        Some(la),
                        GeometryError::SelfIntersection {
                            edge: ka,
                            other: kb,
                        },
                    )
                } else {
                    (None, loops_cross(la, ka, lb, kb))
                });
                return false;
            }
            if s != 0 || a.1 != b.1 {
                return true;
            }
            if la == lb {
                let n = self.loops[la].num_vertices();
                found = Some((
                    Some(la),
                    GeometryError::DuplicateVertices {
                        first: (ka + 1) % n,
                        second: (kb + 1) % n,
                    },
                ));
                return false;
            }
            let a2 = *self.loops[la].oriented_vertex(ka + 2);
            let b2 = *self.loops[lb].oriented_vertex(kb + 2);
            if a.0 == b.0 || a.0 == b2 {
                found = Some((
                    None,
                    GeometryError::LoopsShareEdge {
                        loop_a: la,
                        edge_a: ka,
                        loop_b: lb,
                        edge_b: kb,
                    },
                ));
                return false;
            }
            // Crossing at the shared vertex: each wedge properly overlaps
            // both the other and its complement.
            if wedge_properly_overlaps(&a.0, &a.1, &a2, &b.0, &b2)
                && wedge_properly_overlaps(&a.0, &a.1, &a2, &b2, &b.0)
            {
                found = Some((None, loops_cross(la, ka, lb, kb)));
                return false;
            }
            true
        });
        found
    }

    /// The loops, in nesting pre-order.
    ///
    /// ```
    /// assert_eq!(s2cells::Polygon::full().loops().len(), 1);
    /// ```
    #[must_use]
    pub fn loops(&self) -> &[Loop] {
        &self.loops
    }

    /// The number of loops.
    ///
    /// ```
    /// assert_eq!(s2cells::Polygon::empty().num_loops(), 0);
    /// ```
    #[must_use]
    pub fn num_loops(&self) -> usize {
        self.loops.len()
    }

    /// Loop `i` (in nesting pre-order). Panics if `i >= num_loops()`.
    ///
    /// ```
    /// assert!(s2cells::Polygon::full().loop_at(0).is_full());
    /// ```
    #[must_use]
    pub fn loop_at(&self, i: usize) -> &Loop {
        &self.loops[i]
    }

    /// The total number of vertices of all loops.
    ///
    /// ```
    /// assert_eq!(s2cells::Polygon::full().num_vertices(), 1);
    /// ```
    #[must_use]
    pub fn num_vertices(&self) -> usize {
        self.num_vertices
    }

    /// The index of loop `i`'s parent, `None` for a shell at depth 0.
    ///
    /// ```
    /// assert_eq!(s2cells::Polygon::full().parent(0), None);
    /// ```
    #[must_use]
    pub fn parent(&self, i: usize) -> Option<usize> {
        let depth = self.loops.get(i)?.depth();
        if depth == 0 {
            return None;
        }
        (0..i).rev().find(|&j| self.loops[j].depth() < depth)
    }

    /// The index of the last loop nested inside loop `i` (`i` itself if
    /// none).
    ///
    /// ```
    /// assert_eq!(s2cells::Polygon::full().last_descendant(0), 0);
    /// ```
    #[must_use]
    pub fn last_descendant(&self, i: usize) -> usize {
        let Some(l) = self.loops.get(i) else {
            return self.loops.len().saturating_sub(1);
        };
        let depth = l.depth();
        let mut j = i + 1;
        while j < self.loops.len() && self.loops[j].depth() > depth {
            j += 1;
        }
        j - 1
    }

    /// Whether the reference point [`ORIGIN`](crate::geom::predicates::ORIGIN)
    /// is inside: the parity of the loops containing it (what Google's
    /// polygon shape reports to its shape index).
    ///
    /// ```
    /// assert!(s2cells::Polygon::full().contains_origin());
    /// ```
    #[must_use]
    pub fn contains_origin(&self) -> bool {
        self.loops
            .iter()
            .fold(false, |acc, l| acc ^ l.contains_origin())
    }

    /// Whether the polygon has no loops.
    ///
    /// ```
    /// assert!(s2cells::Polygon::empty().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.loops.is_empty()
    }

    /// Whether the polygon is one full loop.
    ///
    /// ```
    /// assert!(!s2cells::Polygon::empty().is_full());
    /// ```
    #[must_use]
    pub fn is_full(&self) -> bool {
        self.loops.len() == 1 && self.loops[0].is_full()
    }

    /// The area in steradians: shells' areas minus holes' (Google's
    /// `GetArea`, to the bit).
    ///
    /// ```
    /// assert_eq!(s2cells::Polygon::full().area(), 4.0 * std::f64::consts::PI);
    /// ```
    #[must_use]
    pub fn area(&self) -> f64 {
        let mut area = 0.0;
        for l in &self.loops {
            area += f64::from(l.sign()) * l.area();
        }
        area
    }

    /// Whether the polygon contains `p`: inside an odd number of loops.
    ///
    /// ```
    /// use s2cells::{Point, Polygon};
    /// assert!(Polygon::full().contains_point(&Point::new(0.0, 0.0, 1.0)));
    /// ```
    #[must_use]
    pub fn contains_point(&self, p: &Point) -> bool {
        if !self.bound.contains_point(p) {
            return false;
        }
        let mut inside = false;
        for l in &self.loops {
            inside ^= l.contains_point(p);
        }
        inside
    }

    /// The lat/lng bound: the union of the shells' bounds.
    ///
    /// ```
    /// assert!(s2cells::Polygon::empty().rect_bound().is_empty());
    /// ```
    #[must_use]
    pub fn rect_bound(&self) -> LatLngRect {
        self.bound
    }

    /// The bound of any region inside the polygon.
    #[allow(dead_code)]
    pub(crate) fn subregion_bound(&self) -> LatLngRect {
        self.subregion_bound
    }

    /// A bounding cap (the rectangle bound's, as Google's `GetCapBound`).
    ///
    /// ```
    /// assert!(s2cells::Polygon::full().cap_bound().is_full());
    /// ```
    #[must_use]
    pub fn cap_bound(&self) -> Cap {
        self.bound.cap_bound()
    }
}

fn loops_cross(la: usize, ka: usize, lb: usize, kb: usize) -> GeometryError {
    GeometryError::LoopsCross {
        loop_a: la,
        edge_a: ka,
        loop_b: lb,
        edge_b: kb,
    }
}

/// Whether the wedges `a0 ab1 a2` and `b0 ab1 b2` overlap without one
/// containing the other (Google's `GetWedgeRelation(...) ==
/// WEDGE_PROPERLY_OVERLAPS`).
fn wedge_properly_overlaps(a0: &Point, ab1: &Point, a2: &Point, b0: &Point, b2: &Point) -> bool {
    if a0 == b0 && a2 == b2 {
        return false; // equal wedges
    }
    if ordered_ccw(a0, a2, b2, ab1) {
        if ordered_ccw(b2, b0, a0, ab1) {
            return false; // A contains B
        }
        return a2 != b2;
    }
    if ordered_ccw(a0, b0, b2, ab1) {
        return false; // disjoint
    }
    a2 != b2
}

/// Puts loop `i` under the deepest loop containing it and takes over the
/// loops it contains (Google's `InsertLoop`).
fn insert_loop(loops: &[Loop], i: usize, children: &mut HashMap<Option<usize>, Vec<usize>>) {
    let new_loop = &loops[i];
    let mut parent: Option<usize> = None;
    loop {
        let kids = children.entry(parent).or_default();
        match kids.iter().find(|&&c| loops[c].contains_nested(new_loop)) {
            Some(&c) => parent = Some(c),
            None => break,
        }
    }
    let siblings = children.entry(parent).or_default();
    let mut moved = Vec::new();
    let mut k = 0;
    while k < siblings.len() {
        let c = siblings[k];
        if new_loop.contains_nested(&loops[c]) {
            moved.push(c);
            siblings.remove(k);
        } else {
            k += 1;
        }
    }
    siblings.push(i);
    children.entry(Some(i)).or_default().extend(moved);
}

impl IndexedShape for Polygon {
    /// The polygon's shape index (Google's `S2Polygon::index()`), built on
    /// first use: one shape of every loop's edges in loop order, holes
    /// reversed so that the interior is on the left.
    fn shape_index(&self) -> &ShapeIndex {
        self.index.get(|| {
            let mut edges = Vec::with_capacity(self.num_vertices);
            for l in self.loops.iter().filter(|l| !l.is_empty_or_full()) {
                edges.extend(chain_edges(l.num_vertices(), |i| *l.oriented_vertex(i)));
            }
            (edges, self.contains_origin())
        })
    }

    fn bound(&self) -> LatLngRect {
        self.bound
    }

    fn contains(&self, p: &Point) -> bool {
        self.contains_point(p)
    }
}
