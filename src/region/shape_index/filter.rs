//! A conservative pre-test that skips the crossing predicate for edges
//! lying clearly on one side of the segment being tested.

use super::CrossingPredicate;
use crate::Point;

/// Google's bound on the error of `fl(a × b) · c` for unit vectors
/// (`TriageSign`'s `kMaxDetError` = 1.8274 ε), doubled for slack on
/// inputs that are unit length only to within rounding.
const MAX_DET_ERROR: f64 = 2.0 * 1.8274 * f64::EPSILON;

/// Segment AB with its normal `fl(a × b)`, for many crossing tests.
///
/// Every orientation `fl(x × y) · z` whose magnitude exceeds
/// `MAX_DET_ERROR` has the sign of the exact determinant (Google's own
/// triage bound). When C and D are both strictly on one side of AB,
/// `EdgeOrVertexCrossing(a, b, c, d)` is false; when in addition the four
/// orientations of the crossing test are all beyond the bound, none is zero
/// (so no vertex is shared) and the answer is Google's exact one: a
/// crossing iff the four signs agree. Only the remaining, near-degenerate
/// edges go to the predicate, so the predicate's cost (the robust one
/// computes several cross products per call) is paid almost never.
pub(crate) struct Segment {
    a: Point,
    b: Point,
    n: Point,
}

impl Segment {
    #[inline]
    pub(crate) fn new(a: Point, b: Point) -> Self {
        Self {
            a,
            b,
            n: a.cross(&b),
        }
    }

    /// `EdgeOrVertexCrossing(a, b, c, d)` through predicate `C`.
    #[inline]
    pub(crate) fn crosses<C: CrossingPredicate>(&self, c: &Point, d: &Point) -> bool {
        let dc = self.n.dot(c);
        let dd = self.n.dot(d);
        if (dc > MAX_DET_ERROR && dd > MAX_DET_ERROR)
            || (dc < -MAX_DET_ERROR && dd < -MAX_DET_ERROR)
        {
            return false;
        }
        if dc.abs() > MAX_DET_ERROR && dd.abs() > MAX_DET_ERROR {
            // C and D are strictly on opposite sides of AB.
            let m = c.cross(d);
            let da = m.dot(&self.a);
            let db = m.dot(&self.b);
            if da.abs() > MAX_DET_ERROR && db.abs() > MAX_DET_ERROR {
                // Google's acb = -sign(dc), cbd = -sign(db), dac = sign(da).
                let acb = dc < 0.0;
                return (db < 0.0) == acb && (da > 0.0) == acb;
            }
        }
        C::edge_or_vertex_crossing(&self.a, &self.b, c, d)
    }
}
