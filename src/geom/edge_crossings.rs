//! Whether two great-circle edges cross, exactly, with Google's conventions
//! for shared vertices (`S2EdgeCrosser`, `S2::CrossingSign`,
//! `S2::VertexCrossing`, `S2::EdgeOrVertexCrossing`), and the robust cross
//! product they are declared with (`S2::RobustCrossProd`).
//!
//! All answers come from [`sign`](super::predicates::sign) and point
//! equality, so they are exact and consistent: counting
//! [`edge_or_vertex_crossing`]s of a segment with a loop's edges gives a
//! point-in-polygon test with no gaps or double counts at vertices.

use super::Point;
use super::predicates::{expensive_sign, ordered_ccw, ortho, sign_with_cross, triage_sign};
pub use super::robust_cross::robust_cross_prod;

/// Whether edge `ab` crosses edge `cd`: +1 if they cross at a point interior
/// to both, -1 if they do not cross, 0 if two vertices from different edges
/// are equal (and the edges would otherwise touch there). A degenerate edge
/// (`a == b` or `c == d`) crosses nothing (-1 unless a vertex is shared).
/// Google's `S2::CrossingSign`. Properties: `crossing_sign(a,b,c,d) ==
/// crossing_sign(c,d,a,b) == crossing_sign(b,a,c,d)`.
///
/// ```
/// use s2cells::geom::edge_crossings::crossing_sign;
/// use s2cells::LatLng;
///
/// let p = |lat, lng| LatLng::from_degrees(lat, lng).to_point();
/// assert_eq!(crossing_sign(&p(0.0, -1.0), &p(0.0, 1.0), &p(-1.0, 0.0), &p(1.0, 0.0)), 1);
/// assert_eq!(crossing_sign(&p(0.0, -1.0), &p(0.0, 1.0), &p(1.0, 0.0), &p(2.0, 0.0)), -1);
/// assert_eq!(crossing_sign(&p(0.0, -1.0), &p(0.0, 1.0), &p(0.0, 1.0), &p(2.0, 0.0)), 0);
/// ```
#[must_use]
pub fn crossing_sign(a: &Point, b: &Point, c: &Point, d: &Point) -> i32 {
    let mut crosser = EdgeCrosser::new_at(a, b, c);
    crosser.crossing_sign(d)
}

/// For edges `ab` and `cd` that share at least one vertex: whether `ab`
/// "crosses" `cd` under the rule that makes crossing counts work as a
/// containment test — the crossing happens if `ab` is met after `cd`
/// sweeping counter-clockwise around the shared vertex from the fixed
/// reference direction [`ortho`]. False for degenerate edges; true for
/// `ab == cd` and `ab == dc`. Google's `S2::VertexCrossing`; with four
/// distinct vertices it returns false.
///
/// ```
/// use s2cells::geom::edge_crossings::vertex_crossing;
/// use s2cells::LatLng;
///
/// let p = |lat, lng| LatLng::from_degrees(lat, lng).to_point();
/// let (a, b) = (p(0.0, 0.0), p(0.0, 1.0));
/// assert!(vertex_crossing(&a, &b, &a, &b));
/// assert!(!vertex_crossing(&a, &a, &a, &b));
/// let c = p(1.0, 0.0);
/// // Exactly one of the two orders crosses.
/// assert_ne!(vertex_crossing(&a, &b, &a, &c), vertex_crossing(&a, &c, &a, &b));
/// ```
#[must_use]
pub fn vertex_crossing(a: &Point, b: &Point, c: &Point, d: &Point) -> bool {
    if a == b || c == d {
        return false;
    }
    if a == c {
        return b == d || ordered_ccw(&ortho(a), d, b, a);
    }
    if b == d {
        return ordered_ccw(&ortho(b), c, a, b);
    }
    if a == d {
        return b == c || ordered_ccw(&ortho(a), c, b, a);
    }
    if b == c {
        return ordered_ccw(&ortho(b), d, a, b);
    }
    false
}

/// [`crossing_sign`] for distinct vertices, [`vertex_crossing`] when a
/// vertex is shared: the crossing function whose parity along a segment
/// decides point containment (Google's `S2::EdgeOrVertexCrossing`). This is
/// the function the shape index is parametrized by.
///
/// ```
/// use s2cells::geom::edge_crossings::edge_or_vertex_crossing;
/// use s2cells::LatLng;
///
/// let p = |lat, lng| LatLng::from_degrees(lat, lng).to_point();
/// assert!(edge_or_vertex_crossing(&p(0.0, -1.0), &p(0.0, 1.0), &p(-1.0, 0.0), &p(1.0, 0.0)));
/// assert!(!edge_or_vertex_crossing(&p(0.0, -1.0), &p(0.0, 1.0), &p(1.0, 0.0), &p(2.0, 0.0)));
/// ```
#[must_use]
pub fn edge_or_vertex_crossing(a: &Point, b: &Point, c: &Point, d: &Point) -> bool {
    let crossing = crossing_sign(a, b, c, d);
    if crossing < 0 {
        return false;
    }
    if crossing > 0 {
        return true;
    }
    vertex_crossing(a, b, c, d)
}

/// Tests one fixed edge `ab` against a chain of edges `c0 c1`, `c1 c2`, …
/// cheaply: each new vertex costs one orientation test in the common case.
/// Google's `S2EdgeCrosser`, with the same answers.
///
/// ```
/// use s2cells::geom::edge_crossings::EdgeCrosser;
/// use s2cells::LatLng;
///
/// let p = |lat, lng| LatLng::from_degrees(lat, lng).to_point();
/// let (a, b) = (p(0.0, -10.0), p(0.0, 10.0));
/// let chain = [p(-1.0, -5.0), p(1.0, -5.0), p(1.0, 5.0), p(-1.0, 5.0)];
/// let mut crosser = EdgeCrosser::new_at(&a, &b, &chain[0]);
/// let signs: Vec<i32> = chain[1..].iter().map(|d| crosser.crossing_sign(d)).collect();
/// assert_eq!(signs, [1, -1, 1]);
/// ```
#[derive(Clone, Debug)]
pub struct EdgeCrosser {
    a: Point,
    b: Point,
    a_cross_b: Point,
    c: Point,
    /// Orientation of the triangle a, c, b (0 when not yet certain).
    acb: i32,
    /// Orientation of b, d, a from the last call.
    bda: i32,
}

impl EdgeCrosser {
    /// A crosser for the fixed edge `ab`; give the chain's first vertex with
    /// [`restart_at`](Self::restart_at) or use
    /// [`crossing_sign_edge`](Self::crossing_sign_edge).
    ///
    /// ```
    /// use s2cells::geom::edge_crossings::EdgeCrosser;
    /// use s2cells::Point;
    /// let mut c = EdgeCrosser::new(&Point::new(1.0, 0.0, 0.0), &Point::new(0.0, 1.0, 0.0));
    /// assert_eq!(c.crossing_sign_edge(&Point::new(0.6, 0.6, -0.52915026221291805), &Point::new(0.6, 0.6, 0.52915026221291805)), 1);
    /// ```
    #[must_use]
    pub fn new(a: &Point, b: &Point) -> Self {
        Self {
            a: *a,
            b: *b,
            a_cross_b: a.cross(b),
            c: Point::default(),
            acb: 0,
            bda: 0,
        }
    }

    /// A crosser for `ab` with the chain starting at `c`.
    ///
    /// ```
    /// use s2cells::geom::edge_crossings::EdgeCrosser;
    /// use s2cells::LatLng;
    /// let p = |lat, lng| LatLng::from_degrees(lat, lng).to_point();
    /// let mut c = EdgeCrosser::new_at(&p(0.0, -1.0), &p(0.0, 1.0), &p(1.0, 0.0));
    /// assert_eq!(c.crossing_sign(&p(-1.0, 0.0)), 1);
    /// assert_eq!(c.crossing_sign(&p(-2.0, 0.0)), -1);
    /// ```
    #[must_use]
    pub fn new_at(a: &Point, b: &Point, c: &Point) -> Self {
        let mut s = Self::new(a, b);
        s.restart_at(c);
        s
    }

    /// Starts a new chain at `c`.
    pub fn restart_at(&mut self, c: &Point) {
        self.c = *c;
        self.acb = -triage_sign(&self.a, &self.b, c, &self.a_cross_b);
    }

    /// [`crossing_sign`] of `ab` with the edge from the chain's last vertex
    /// to `d`; `d` becomes the last vertex.
    pub fn crossing_sign(&mut self, d: &Point) -> i32 {
        // The edges cross only if the triangles acb, cbd, bda, dac all have
        // the same orientation; first test whether c and d are on opposite
        // sides of the great circle through ab (acb versus bda).
        let bda = triage_sign(&self.a, &self.b, d, &self.a_cross_b);
        if self.acb == -bda && bda != 0 {
            self.c = *d;
            self.acb = -bda;
            return -1;
        }
        self.bda = bda;
        let result = self.crossing_sign_internal(d);
        self.c = *d;
        self.acb = -self.bda;
        result
    }

    fn crossing_sign_internal(&mut self, d: &Point) -> i32 {
        let (a, b, c) = (self.a, self.b, self.c);
        if a == c || a == *d || b == c || b == *d {
            return 0;
        }
        if a == b || c == *d {
            return -1;
        }
        if self.acb == 0 {
            self.acb = -expensive_sign(&a, &b, &c, true);
        }
        if self.bda == 0 {
            self.bda = expensive_sign(&a, &b, d, true);
        }
        if self.bda != self.acb {
            return -1;
        }
        let c_cross_d = c.cross(d);
        let cbd = -sign_with_cross(&c, d, &b, &c_cross_d);
        if cbd != self.acb {
            return -1;
        }
        let dac = sign_with_cross(&c, d, &a, &c_cross_d);
        if dac == self.acb { 1 } else { -1 }
    }

    /// [`crossing_sign`] of `ab` with `cd`, restarting the chain at `c` if it
    /// is not the chain's last vertex.
    pub fn crossing_sign_edge(&mut self, c: &Point, d: &Point) -> i32 {
        if *c != self.c {
            self.restart_at(c);
        }
        self.crossing_sign(d)
    }

    /// [`edge_or_vertex_crossing`] of `ab` with the edge from the chain's
    /// last vertex to `d`; `d` becomes the last vertex.
    pub fn edge_or_vertex_crossing(&mut self, d: &Point) -> bool {
        let c = self.c;
        let crossing = self.crossing_sign(d);
        if crossing < 0 {
            return false;
        }
        if crossing > 0 {
            return true;
        }
        vertex_crossing(&self.a, &self.b, &c, d)
    }

    /// [`edge_or_vertex_crossing`] of `ab` with `cd`.
    pub fn edge_or_vertex_crossing_edge(&mut self, c: &Point, d: &Point) -> bool {
        if *c != self.c {
            self.restart_at(c);
        }
        self.edge_or_vertex_crossing(d)
    }
}

/// Whether the wedge `a0, ab1, a2` (the region left of the path a0→ab1→a2)
/// contains the wedge `b0, ab1, b2` (Google's `S2::WedgeContains`).
#[must_use]
pub(crate) fn wedge_contains(a0: &Point, ab1: &Point, a2: &Point, b0: &Point, b2: &Point) -> bool {
    ordered_ccw(a2, b2, b0, ab1) && ordered_ccw(b0, a0, a2, ab1)
}
