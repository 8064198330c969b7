//! Membership and set algebra on cell unions: binary searches and merges
//! over the sorted ranges of the curve.

use super::{CellUnion, normalize_ids};
use crate::CellId;

/// Whether `a` ends before `b` starts on the curve. Not an order, but
/// sorted disjoint ids are partitioned by it, which is all a binary search
/// (`partition_point`) needs to find the first id that may meet `b`.
#[inline]
fn entirely_precedes(a: CellId, b: CellId) -> bool {
    a.range_max() < b.range_min()
}

/// Index of the first cell of the sorted, disjoint `ids` that does not end
/// before `id` starts (Google's `lower_bound(…, EntirelyPrecedes)`).
#[inline]
fn first_not_before(ids: &[CellId], id: CellId) -> usize {
    ids.partition_point(|&c| entirely_precedes(c, id))
}

impl CellUnion {
    /// Whether the union contains the cell: whether one of its cells is the
    /// cell or an ancestor of it. False for an invalid id. O(log n).
    ///
    /// As in Google, a union made by [`from_verbatim`](Self::from_verbatim)
    /// with four siblings does not contain their parent.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let f = CellId::from_face(1);
    /// let u = CellUnion::from_cell_ids(vec![f.child(3)]);
    /// assert!(u.contains_cell_id(f.child(3).child(0)));
    /// assert!(!u.contains_cell_id(f));
    /// ```
    #[must_use]
    pub fn contains_cell_id(&self, id: CellId) -> bool {
        if !id.is_valid() {
            return false;
        }
        let i = first_not_before(&self.cell_ids, id);
        i < self.cell_ids.len() && self.cell_ids[i].contains(id)
    }

    /// Whether the union and the cell share a leaf. False for an invalid
    /// id. O(log n).
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let f = CellId::from_face(1);
    /// let u = CellUnion::from_cell_ids(vec![f.child(3)]);
    /// assert!(u.intersects_cell_id(f));
    /// assert!(!u.intersects_cell_id(f.child(2)));
    /// ```
    #[must_use]
    pub fn intersects_cell_id(&self, id: CellId) -> bool {
        if !id.is_valid() {
            return false;
        }
        let i = first_not_before(&self.cell_ids, id);
        i < self.cell_ids.len() && self.cell_ids[i].intersects(id)
    }

    /// Whether every cell of `other` is contained by a cell of this union
    /// (Google's `Contains(const S2CellUnion&)`; exact for normalized
    /// unions). O(m log n).
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let f = CellId::from_face(2);
    /// let big = CellUnion::from_cell_ids(vec![f]);
    /// let small = CellUnion::from_cell_ids(vec![f.child(0), f.child(3).child(1)]);
    /// assert!(big.contains(&small) && !small.contains(&big));
    /// assert!(small.contains(&CellUnion::empty()));
    /// ```
    #[must_use]
    pub fn contains(&self, other: &Self) -> bool {
        let ids = &self.cell_ids;
        if other.is_empty() {
            return true;
        }
        if ids.is_empty() {
            return false;
        }
        let mut i = 0;
        for &y in &other.cell_ids {
            if entirely_precedes(ids[i], y) {
                // Skip ahead by binary search: y is the first cell past i.
                i += 1 + first_not_before(&ids[i + 1..], y);
                if i == ids.len() {
                    return false;
                }
            }
            if !ids[i].contains(y) {
                return false;
            }
        }
        true
    }

    /// Whether the two unions share a leaf. Walks both lists, skipping gaps
    /// by binary search.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let f = CellId::from_face(2);
    /// let a = CellUnion::from_cell_ids(vec![f.child(0), f.child(2)]);
    /// assert!(a.intersects(&CellUnion::from_cell_ids(vec![f.child(2).child(1)])));
    /// assert!(!a.intersects(&CellUnion::from_cell_ids(vec![f.child(1)])));
    /// ```
    #[must_use]
    pub fn intersects(&self, other: &Self) -> bool {
        let (x, y) = (&self.cell_ids, &other.cell_ids);
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            if entirely_precedes(x[i], y[j]) {
                i += 1 + first_not_before(&x[i + 1..], y[j]);
            } else if entirely_precedes(y[j], x[i]) {
                j += 1 + first_not_before(&y[j + 1..], x[i]);
            } else {
                // Neither ends before the other starts: they overlap.
                return true;
            }
        }
        false
    }

    /// The normalized union of the two (Google's `Union`).
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let [a, b, c, d] = CellId::from_face(0).children();
    /// let ab = CellUnion::from_cell_ids(vec![a, b]);
    /// let cd = CellUnion::from_cell_ids(vec![c, d]);
    /// assert_eq!(ab.union(&cd).cell_ids(), &[CellId::from_face(0)]);
    /// ```
    #[must_use]
    pub fn union(&self, other: &Self) -> Self {
        let mut ids = Vec::with_capacity(self.len() + other.len());
        ids.extend_from_slice(&self.cell_ids);
        ids.extend_from_slice(&other.cell_ids);
        normalize_ids(&mut ids);
        Self { cell_ids: ids }
    }

    /// The part of the union inside one cell (Google's
    /// `Intersection(S2CellId)`): the cell itself when the union contains
    /// it, else the union's cells inside it. Empty for an invalid id.
    /// O(log n + output).
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let f = CellId::from_face(3);
    /// let u = CellUnion::from_cell_ids(vec![f.child(1), CellId::from_face(4)]);
    /// assert_eq!(u.intersection_with_cell_id(f).cell_ids(), &[f.child(1)]);
    /// let g = f.child(1).child(2);
    /// assert_eq!(u.intersection_with_cell_id(g).cell_ids(), &[g]);
    /// ```
    #[must_use]
    pub fn intersection_with_cell_id(&self, id: CellId) -> Self {
        if !id.is_valid() {
            return Self::empty();
        }
        if self.contains_cell_id(id) {
            return Self { cell_ids: vec![id] };
        }
        let (lo, hi) = (id.range_min(), id.range_max());
        let start = self.cell_ids.partition_point(|&c| c < lo);
        let len = self.cell_ids[start..].partition_point(|&c| c <= hi);
        Self {
            cell_ids: self.cell_ids[start..start + len].to_vec(),
        }
    }

    /// The leaves in both unions (Google's `Intersection`); normalized when
    /// both inputs are. A merge that skips non-overlapping stretches by
    /// binary search: logarithmic when one union lies before the other.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let f = CellId::from_face(0);
    /// let a = CellUnion::from_cell_ids(vec![f.child(0), f.child(1)]);
    /// let b = CellUnion::from_cell_ids(vec![f.child(1).child(3), f.child(2)]);
    /// assert_eq!(a.intersection(&b).cell_ids(), &[f.child(1).child(3)]);
    /// ```
    #[must_use]
    pub fn intersection(&self, other: &Self) -> Self {
        let (x, y) = (&self.cell_ids, &other.cell_ids);
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            let (imin, jmin) = (x[i].range_min(), y[j].range_min());
            if imin > jmin {
                // y[j] contains x[i], or y[j] is entirely before it.
                if x[i] <= y[j].range_max() {
                    out.push(x[i]);
                    i += 1;
                } else {
                    j += 1 + first_not_before(&y[j + 1..], x[i]);
                }
            } else if jmin > imin {
                if y[j] <= x[i].range_max() {
                    out.push(y[j]);
                    j += 1;
                } else {
                    i += 1 + first_not_before(&x[i + 1..], y[j]);
                }
            } else if x[i] < y[j] {
                // Same first leaf: the smaller id is the smaller cell.
                out.push(x[i]);
                i += 1;
            } else {
                out.push(y[j]);
                j += 1;
            }
        }
        Self { cell_ids: out }
    }

    /// The leaves of this union that are not in `other` (Google's
    /// `Difference`); normalized when this union is. Each cell that
    /// `other` cuts is split into its children, recursively.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let f = CellId::from_face(0);
    /// let a = CellUnion::from_cell_ids(vec![f]);
    /// let b = CellUnion::from_cell_ids(vec![f.child(2)]);
    /// assert_eq!(a.difference(&b).cell_ids(), &[f.child(0), f.child(1), f.child(3)]);
    /// ```
    #[must_use]
    pub fn difference(&self, other: &Self) -> Self {
        let mut out = Vec::new();
        for &id in &self.cell_ids {
            difference_of_cell(id, other, &mut out);
        }
        Self { cell_ids: out }
    }
}

/// Appends the leaves of `cell` that are not in `y`, as whole cells.
fn difference_of_cell(cell: CellId, y: &CellUnion, out: &mut Vec<CellId>) {
    if !y.intersects_cell_id(cell) {
        out.push(cell);
    } else if !y.contains_cell_id(cell) {
        // Cut: a leaf is either in y or not, so this stops by level 30.
        for child in cell.children() {
            difference_of_cell(child, y, out);
        }
    }
}
