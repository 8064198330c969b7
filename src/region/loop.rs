//! A simple closed chain of great-circle edges and the region on its left
//! (Google's `S2Loop`).
//!
//! Measures (area, curvature, centroid) are `geom::measures`' loop
//! measures; the search for touching edge pairs is in `edge_pairs.rs`.

use std::f64::consts::{FRAC_PI_2, PI};

use crate::geom::edge_crossings::{EdgeCrosser, crossing_sign, wedge_contains};
use crate::geom::measures;
use crate::geom::predicates::{ORIGIN, ordered_ccw, ortho};
use crate::geom::rect_bounder::{RectBounder, expand_for_subregions};
use crate::geom::{R1Interval, S1Interval};
use crate::region::edge_pairs::visit_candidate_pairs;
use crate::region::indexed::{IndexedShape, LazyIndex, chain_edges};
use crate::region::shape_index::ShapeIndex;
use crate::region::{GeometryError, RegionError};
use crate::{Cap, LatLng, LatLngRect, Point};

/// A loop: vertices `v0, v1, …, v(n-1)` joined by the shortest great-circle
/// edges `v(i) → v(i+1)` and back to `v0`. Its interior is on the left, so
/// a counter-clockwise loop encloses the small side;
/// [`normalize`](Self::normalize) flips a loop that encloses more than half
/// the sphere.
///
/// A valid loop has at least 3 unit-length vertices, no two adjacent ones
/// equal or antipodal, no repeated vertex and no crossing edges. One-vertex
/// loops are the special empty ([`Loop::empty`]) and full ([`Loop::full`])
/// loops.
///
/// Boundary rules are Google's: the boundary belongs to exactly one of a
/// loop and its complement, decided by the symbolic perturbation, so that
/// the loops of a polygon partition the sphere with no point counted twice;
/// a vertex is inside when the reference direction [`ortho`](crate::geom::predicates::ortho)
/// at it falls in the loop's wedge there (closed at the incoming edge).
///
/// As a [`Region`](crate::Region) it answers the coverer through a shape
/// index of its edges built on first use, as Google's `S2Loop` does (the
/// same implementation as [`Polygon`](crate::Polygon)'s).
///
/// ```
/// use s2cells::{LatLng, Loop, Region};
///
/// let square = Loop::from_latlngs(&[
///     LatLng::from_degrees(0.0, 0.0),
///     LatLng::from_degrees(0.0, 1.0),
///     LatLng::from_degrees(1.0, 1.0),
///     LatLng::from_degrees(1.0, 0.0),
/// ])?;
/// assert!(square.contains_point(&LatLng::from_degrees(0.5, 0.5).to_point()));
/// assert!(!square.contains_point(&LatLng::from_degrees(2.0, 0.5).to_point()));
/// assert!((square.area() - 3.0461e-4).abs() < 1e-7); // steradians
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Loop {
    vertices: Vec<Point>,
    /// Whether `ORIGIN` is inside; the parity of crossings starts here.
    origin_inside: bool,
    depth: u32,
    bound: LatLngRect,
    subregion_bound: LatLngRect,
    index: LazyIndex,
}

impl Loop {
    /// A validated loop from its vertices (unit length; see the type's
    /// rules).
    ///
    /// # Errors
    /// [`RegionError::InvalidLoop`] naming the first rule broken, with Google's
    /// error code on its [`GeometryError`].
    ///
    /// ```
    /// use s2cells::{RegionError, GeometryError, LatLng, Loop};
    ///
    /// let p = |lat, lng| LatLng::from_degrees(lat, lng).to_point();
    /// let bow_tie = vec![p(0.0, 0.0), p(1.0, 1.0), p(0.0, 1.0), p(1.0, 0.0)];
    /// let err = Loop::from_points(bow_tie).unwrap_err();
    /// assert!(matches!(err, RegionError::InvalidLoop { reason: GeometryError::SelfIntersection { .. } }));
    /// ```
    pub fn from_points(vertices: Vec<Point>) -> Result<Self, RegionError> {
        let l = Self::from_points_unchecked(vertices);
        l.validate()?;
        Ok(l)
    }

    /// A validated loop from lat/lngs (converted with
    /// [`LatLng::to_point`]).
    ///
    /// # Errors
    /// As [`from_points`](Self::from_points).
    ///
    /// ```
    /// use s2cells::{LatLng, Loop};
    /// let tri = Loop::from_latlngs(&[
    ///     LatLng::from_degrees(0.0, 0.0),
    ///     LatLng::from_degrees(0.0, 1.0),
    ///     LatLng::from_degrees(1.0, 0.0),
    /// ])?;
    /// assert_eq!(tri.num_vertices(), 3);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_latlngs(latlngs: &[LatLng]) -> Result<Self, RegionError> {
        Self::from_points(latlngs.iter().map(LatLng::to_point).collect())
    }

    /// A loop from vertices without validation (Google's `S2Loop` with
    /// `S2Debug::DISABLE`): every method is safe to call on it, but the
    /// answers for an invalid loop mean nothing. Check with
    /// [`validate`](Self::validate).
    ///
    /// ```
    /// use s2cells::{Loop, Point};
    /// let l = Loop::from_points_unchecked(vec![Point::new(1.0, 0.0, 0.0)]);
    /// assert!(l.is_empty());
    /// ```
    #[must_use]
    pub fn from_points_unchecked(vertices: Vec<Point>) -> Self {
        let mut l = Self {
            vertices,
            origin_inside: false,
            depth: 0,
            bound: LatLngRect::empty(),
            subregion_bound: LatLngRect::empty(),
            index: LazyIndex::default(),
        };
        l.init_origin_and_bound();
        l
    }

    /// The empty loop (one vertex, the north pole; contains nothing).
    ///
    /// ```
    /// assert_eq!(s2cells::Loop::empty().area(), 0.0);
    /// ```
    #[must_use]
    pub fn empty() -> Self {
        Self::from_points_unchecked(vec![Point::new(0.0, 0.0, 1.0)])
    }

    /// The full loop (one vertex, the south pole; contains everything).
    ///
    /// ```
    /// assert_eq!(s2cells::Loop::full().area(), 4.0 * std::f64::consts::PI);
    /// ```
    #[must_use]
    pub fn full() -> Self {
        Self::from_points_unchecked(vec![Point::new(0.0, 0.0, -1.0)])
    }

    fn init_origin_and_bound(&mut self) {
        let n = self.vertices.len();
        if n < 3 {
            // One vertex: the empty (z >= 0) or full loop.
            self.origin_inside = n == 1 && self.vertices[0].z < 0.0;
        } else {
            // Guess the origin is outside, then check the guess against
            // vertex 1, whose containment the wedge rule decides directly.
            self.origin_inside = false;
            let v1_inside = ordered_ccw(
                &ortho(&self.vertices[1]),
                &self.vertices[0],
                &self.vertices[2],
                &self.vertices[1],
            );
            if v1_inside != self.brute_force_contains(&self.vertices[1]) {
                self.origin_inside = true;
            }
        }
        self.init_bound();
    }

    fn init_bound(&mut self) {
        let n = self.vertices.len();
        if n == 0 || self.is_empty_or_full() {
            self.bound = if self.is_full() {
                LatLngRect::full()
            } else {
                LatLngRect::empty()
            };
            self.subregion_bound = self.bound;
            return;
        }
        // The edges' bound can miss the poles and the wrap-around; the
        // containment tests below catch those.
        let mut bounder = RectBounder::new();
        for i in 0..=n {
            bounder.add_point(self.vertex(i));
        }
        let mut b = bounder.bound();
        if self.brute_force_contains(&Point::new(0.0, 0.0, 1.0)) {
            b = LatLngRect::from_intervals(
                R1Interval::new(b.lat.lo, FRAC_PI_2),
                S1Interval::full(),
            );
        }
        if b.lng.is_full() && self.brute_force_contains(&Point::new(0.0, 0.0, -1.0)) {
            b.lat.lo = -FRAC_PI_2;
        }
        self.bound = b;
        self.subregion_bound = expand_for_subregions(&self.bound);
    }

    /// Checks the loop rules in Google's order: unit length, vertex count,
    /// adjacent duplicates and antipodes, then crossings and repeated
    /// vertices (found in O(n log n) for ordinary loops).
    ///
    /// # Errors
    /// [`RegionError::InvalidLoop`] with the first problem found.
    ///
    /// ```
    /// use s2cells::{Loop, Point};
    /// let two = Loop::from_points_unchecked(vec![Point::new(1.0, 0.0, 0.0), Point::new(0.0, 1.0, 0.0)]);
    /// assert!(two.validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<(), RegionError> {
        self.find_validation_error()
            .map_or(Ok(()), |reason| Err(RegionError::InvalidLoop { reason }))
    }

    /// Whether [`validate`](Self::validate) passes.
    ///
    /// ```
    /// assert!(s2cells::Loop::full().is_valid());
    /// ```
    #[must_use]
    pub fn is_valid(&self) -> bool {
        self.find_validation_error().is_none()
    }

    /// The checks that need no edge search (Google's
    /// `FindValidationErrorNoIndex`).
    pub(crate) fn find_validation_error_no_index(&self) -> Option<GeometryError> {
        for (i, v) in self.vertices.iter().enumerate() {
            if !v.is_finite() {
                return Some(GeometryError::NonFiniteVertex { vertex: i });
            }
            if (v.norm2() - 1.0).abs() > 5.0 * f64::EPSILON {
                return Some(GeometryError::NotUnitLength { vertex: i });
            }
        }
        let n = self.vertices.len();
        if n < 3 {
            if n == 1 {
                return None;
            }
            return Some(GeometryError::NotEnoughVertices { count: n });
        }
        for i in 0..n {
            let (a, b) = (self.vertices[i], *self.vertex(i + 1));
            if a == b {
                return Some(GeometryError::DuplicateVertices {
                    first: i,
                    second: (i + 1) % n,
                });
            }
            if a == -b {
                return Some(GeometryError::AntipodalVertices {
                    first: i,
                    second: (i + 1) % n,
                });
            }
        }
        None
    }

    fn find_validation_error(&self) -> Option<GeometryError> {
        if let Some(e) = self.find_validation_error_no_index() {
            return Some(e);
        }
        if self.vertices.len() < 3 {
            return None;
        }
        find_self_intersection(&self.vertices)
    }

    /// The vertices, in order.
    ///
    /// ```
    /// assert_eq!(s2cells::Loop::empty().vertices().len(), 1);
    /// ```
    #[must_use]
    pub fn vertices(&self) -> &[Point] {
        &self.vertices
    }

    /// The number of vertices.
    ///
    /// ```
    /// assert_eq!(s2cells::Loop::full().num_vertices(), 1);
    /// ```
    #[must_use]
    pub fn num_vertices(&self) -> usize {
        self.vertices.len()
    }

    /// Vertex `i`, counting on past the end (`vertex(n) == vertex(0)`), for
    /// `i < 2n`.
    ///
    /// ```
    /// let l = s2cells::Loop::empty();
    /// assert_eq!(l.vertex(1), l.vertex(0));
    /// ```
    #[must_use]
    pub fn vertex(&self, i: usize) -> &Point {
        let n = self.vertices.len();
        if i >= n {
            &self.vertices[i - n]
        } else {
            &self.vertices[i]
        }
    }

    /// Vertex `i` in the order that keeps a polygon's interior on the left:
    /// reversed for holes (Google's `oriented_vertex`, the order of the
    /// polygon's shape edges in its shape index), `i < 2n`.
    ///
    /// ```
    /// let l = s2cells::Loop::full();
    /// assert_eq!(l.oriented_vertex(0), l.vertex(0));
    /// ```
    #[must_use]
    pub fn oriented_vertex(&self, i: usize) -> &Point {
        let n = self.vertices.len();
        let j = if i >= n { i - n } else { i };
        if self.is_hole() {
            &self.vertices[n - 1 - j]
        } else {
            &self.vertices[j]
        }
    }

    /// Whether this is the empty or the full loop (one vertex).
    ///
    /// ```
    /// assert!(s2cells::Loop::empty().is_empty_or_full());
    /// ```
    #[must_use]
    pub fn is_empty_or_full(&self) -> bool {
        self.vertices.len() == 1
    }

    /// Whether this is the empty loop.
    ///
    /// ```
    /// assert!(!s2cells::Loop::full().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.is_empty_or_full() && !self.origin_inside
    }

    /// Whether this is the full loop.
    ///
    /// ```
    /// assert!(s2cells::Loop::full().is_full());
    /// ```
    #[must_use]
    pub fn is_full(&self) -> bool {
        self.is_empty_or_full() && self.origin_inside
    }

    /// Whether the fixed reference point the containment test counts
    /// crossings from (Google's `S2::Origin()`) is inside the loop; the
    /// shape index needs it.
    ///
    /// ```
    /// assert!(s2cells::Loop::full().contains_origin());
    /// ```
    #[must_use]
    pub fn contains_origin(&self) -> bool {
        self.origin_inside
    }

    /// The nesting depth in a polygon: 0 for shells, 1 for their holes, 2
    /// for shells in holes, …
    ///
    /// ```
    /// assert_eq!(s2cells::Loop::full().depth(), 0);
    /// ```
    #[must_use]
    pub fn depth(&self) -> u32 {
        self.depth
    }

    pub(crate) fn set_depth(&mut self, depth: u32) {
        self.depth = depth;
    }

    /// Whether the loop is a hole of its polygon (odd depth).
    ///
    /// ```
    /// assert!(!s2cells::Loop::full().is_hole());
    /// ```
    #[must_use]
    pub fn is_hole(&self) -> bool {
        self.depth & 1 == 1
    }

    /// -1 for a hole, +1 otherwise.
    ///
    /// ```
    /// assert_eq!(s2cells::Loop::full().sign(), 1);
    /// ```
    #[must_use]
    pub fn sign(&self) -> i32 {
        if self.is_hole() { -1 } else { 1 }
    }

    /// The area enclosed, in steradians, `0..=4π` (Google's `GetArea`,
    /// to the bit).
    ///
    /// ```
    /// use s2cells::{LatLng, Loop};
    /// let ccw = Loop::from_latlngs(&[LatLng::from_degrees(0.0, 0.0), LatLng::from_degrees(0.0, 90.0), LatLng::from_degrees(90.0, 0.0)])?;
    /// assert!((ccw.area() - std::f64::consts::FRAC_PI_2).abs() < 1e-15);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn area(&self) -> f64 {
        if self.is_empty_or_full() {
            return if self.origin_inside { 4.0 * PI } else { 0.0 };
        }
        measures::loop_area(&self.vertices)
    }

    /// The geodesic curvature (sum of turning angles; 2π minus the area),
    /// Google's `GetCurvature`.
    ///
    /// ```
    /// assert_eq!(s2cells::Loop::empty().curvature(), 2.0 * std::f64::consts::PI);
    /// ```
    #[must_use]
    pub fn curvature(&self) -> f64 {
        if self.is_empty_or_full() {
            return if self.origin_inside {
                -2.0 * PI
            } else {
                2.0 * PI
            };
        }
        measures::curvature(&self.vertices)
    }

    /// The integral of position over the interior: its direction is the
    /// centroid, its length the area times the distance to the sphere's
    /// center of mass (Google's `GetCentroid`; not unit length).
    ///
    /// ```
    /// use s2cells::{LatLng, Loop};
    /// let tri = Loop::from_latlngs(&[LatLng::from_degrees(0.0, 0.0), LatLng::from_degrees(0.0, 1.0), LatLng::from_degrees(1.0, 0.0)])?;
    /// let c = LatLng::from(tri.centroid().normalize());
    /// assert!((c.lat_degrees() - 1.0 / 3.0).abs() < 1e-3);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn centroid(&self) -> Point {
        measures::loop_centroid(&self.vertices)
    }

    /// Whether the loop encloses at most half the sphere (give or take
    /// rounding: hemispheres count as normalized), Google's `IsNormalized`.
    ///
    /// ```
    /// assert!(s2cells::Loop::empty().is_normalized());
    /// ```
    #[must_use]
    pub fn is_normalized(&self) -> bool {
        if self.bound.lng.length() < PI {
            return true;
        }
        // The vertex-based test, as Google 0.14: the one-vertex full loop
        // counts as normalized.
        measures::curvature(&self.vertices) >= -measures::curvature_max_error(&self.vertices)
    }

    /// Inverts the loop if it encloses more than half the sphere.
    ///
    /// ```
    /// use s2cells::{LatLng, Loop};
    /// let p = |lat, lng| LatLng::from_degrees(lat, lng).to_point();
    /// // Clockwise: encloses everything but a small triangle.
    /// let mut l = Loop::from_points(vec![p(0.0, 0.0), p(1.0, 0.0), p(0.0, 1.0)])?;
    /// assert!(l.area() > 12.0);
    /// l.normalize();
    /// assert!(l.area() < 1e-3);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn normalize(&mut self) {
        if !self.is_normalized() {
            self.invert();
        }
    }

    /// Swaps interior and exterior (reverses the vertices; empty and full
    /// swap). The new rectangle bound is the full one unless the loop
    /// reaches a pole, as in Google.
    ///
    /// ```
    /// let mut l = s2cells::Loop::empty();
    /// l.invert();
    /// assert!(l.is_full());
    /// ```
    pub fn invert(&mut self) {
        self.index = LazyIndex::default();
        if self.is_empty_or_full() {
            self.vertices[0] = if self.is_full() {
                Point::new(0.0, 0.0, 1.0)
            } else {
                Point::new(0.0, 0.0, -1.0)
            };
        } else {
            self.vertices.reverse();
        }
        self.origin_inside = !self.origin_inside;
        if self.bound.lat.lo > -FRAC_PI_2 && self.bound.lat.hi < FRAC_PI_2 {
            // The complement contains both poles.
            self.bound = LatLngRect::full();
            self.subregion_bound = self.bound;
        } else {
            self.init_bound();
        }
    }

    /// Whether the loop contains the point, by the parity of edge crossings
    /// on the way from the reference origin (exact; boundary points go to
    /// exactly one of a loop and its complement).
    fn brute_force_contains(&self, p: &Point) -> bool {
        let n = self.vertices.len();
        if n < 3 {
            return self.origin_inside;
        }
        let mut crosser = EdgeCrosser::new_at(&ORIGIN, p, &self.vertices[0]);
        let mut inside = self.origin_inside;
        for i in 1..=n {
            inside ^= crosser.edge_or_vertex_crossing(self.vertex(i));
        }
        inside
    }

    /// Whether the loop contains `p` (Google's `S2Loop::Contains(S2Point)`).
    ///
    /// ```
    /// use s2cells::{LatLng, Loop};
    /// let l = Loop::from_latlngs(&[LatLng::from_degrees(0.0, 0.0), LatLng::from_degrees(0.0, 2.0), LatLng::from_degrees(2.0, 0.0)])?;
    /// assert!(l.contains_point(&LatLng::from_degrees(0.5, 0.5).to_point()));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn contains_point(&self, p: &Point) -> bool {
        // The bound holds every contained point; testing it first is cheap.
        if !self.bound.contains_point(p) {
            return false;
        }
        self.brute_force_contains(p)
    }

    /// The lat/lng bound (Google's `GetRectBound`, to the bit).
    ///
    /// ```
    /// assert!(s2cells::Loop::full().rect_bound().is_full());
    /// ```
    #[must_use]
    pub fn rect_bound(&self) -> LatLngRect {
        self.bound
    }

    /// The bound of any region inside the loop (Google's subregion bound;
    /// the shape-index integration uses it).
    #[allow(dead_code)]
    #[must_use]
    pub(crate) fn subregion_bound(&self) -> LatLngRect {
        self.subregion_bound
    }

    /// A bounding cap (the rectangle bound's, as Google's `GetCapBound`).
    ///
    /// ```
    /// assert!(s2cells::Loop::empty().cap_bound().is_empty());
    /// ```
    #[must_use]
    pub fn cap_bound(&self) -> Cap {
        self.bound.cap_bound()
    }

    /// The first index in `1..=n` of a vertex equal to `p`.
    fn find_vertex(&self, p: &Point) -> Option<usize> {
        (1..=self.vertices.len()).find(|&i| self.vertex(i) == p)
    }

    /// Whether this loop contains `b`, given that the two do not cross and
    /// share no edge (Google's `ContainsNested`, used to nest polygon loops).
    pub(crate) fn contains_nested(&self, b: &Loop) -> bool {
        if !self.subregion_bound.contains(&b.bound) {
            return false;
        }
        if self.is_empty_or_full() || b.num_vertices() < 2 {
            return self.is_full() || b.is_empty();
        }
        match self.find_vertex(b.vertex(1)) {
            None => self.contains_point(b.vertex(1)),
            Some(m) => wedge_contains(
                self.vertex(m - 1),
                self.vertex(m),
                self.vertex(m + 1),
                b.vertex(0),
                b.vertex(2),
            ),
        }
    }
}

/// The first crossing or repeated vertex among a loop's edges (Google's
/// `FindSelfIntersection` for one loop; which problem is reported first
/// when a loop has several may differ from Google, the verdict does not).
fn find_self_intersection(v: &[Point]) -> Option<GeometryError> {
    let n = v.len();
    let edges: Vec<(Point, Point)> = (0..n).map(|i| (v[i], v[(i + 1) % n])).collect();
    let mut found = None;
    visit_candidate_pairs(&edges, |i, j| {
        // Adjacent edges share a vertex and never make an error.
        if j == i + 1 || (i == 0 && j == n - 1) {
            return true;
        }
        let (a, b) = (edges[i], edges[j]);
        match crossing_sign(&a.0, &a.1, &b.0, &b.1) {
            1 => {
                found = Some(GeometryError::SelfIntersection { edge: i, other: j });
                false
            }
            0 if a.1 == b.1 => {
                found = Some(GeometryError::DuplicateVertices {
                    first: (i + 1) % n,
                    second: (j + 1) % n,
                });
                false
            }
            _ => true,
        }
    });
    found
}

impl IndexedShape for Loop {
    /// The loop's shape index (Google's `S2Loop::index()`), built on first
    /// use: the loop's edges in order; none for the empty and full loops.
    fn shape_index(&self) -> &ShapeIndex {
        self.index.get(|| {
            let edges = if self.is_empty_or_full() {
                Vec::new()
            } else {
                chain_edges(self.vertices.len(), |i| self.vertices[i]).collect()
            };
            (edges, self.origin_inside)
        })
    }

    fn bound(&self) -> LatLngRect {
        self.bound
    }

    fn contains(&self, p: &Point) -> bool {
        self.contains_point(p)
    }
}
