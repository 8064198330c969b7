//! Sets of cells: sorted, non-overlapping cell ids, with set algebra.
//!
//! The type, its constructors and normal form live here; membership and set
//! operations in `algebra.rs`; expansion, areas and bounds in `geometry.rs`.

mod algebra;
mod geometry;

use crate::region::RegionError;
use crate::{CellId, MAX_LEVEL};

/// A region made of cells of any levels: a sorted list of non-overlapping
/// cell ids (Google's `S2CellUnion`).
///
/// ```text
///  cells:   [  a  ][b][c]      [     d     ]
///  leaves: ──────────────────────────────────────▶ Hilbert curve
/// ```
///
/// Each cell is the contiguous range of leaf ids
/// `range_min()..=range_max()`, so the union is a sorted list of disjoint
/// ranges of the curve: membership is a binary search and the set
/// operations are merges.
///
/// A union is *normalized* when, in addition, no cell has all four
/// children in it (they are replaced by their parent, repeatedly). Every
/// set of leaves has exactly one normalized union, which is what
/// [`from_cell_ids`](Self::from_cell_ids) and the set operations produce,
/// id for id as Google's. [`from_verbatim`](Self::from_verbatim) keeps a
/// list as given, e.g. a covering whose cells must stay at fixed levels;
/// [`contains`](Self::contains) and [`contains_cell_id`](Self::contains_cell_id)
/// then do not see four siblings as their parent, as in Google.
///
/// Every `CellUnion` holds valid ids, sorted and non-overlapping
/// ([`is_valid`](Self::is_valid) is always true): the constructors drop or
/// reject anything else, so no operation meets a malformed union.
///
/// ```
/// use s2cells::{CellId, CellUnion, LatLng};
///
/// let home = CellId::from_latlng(LatLng::from_degrees(-30.0438, -51.14022));
/// let district = CellUnion::from_cell_ids(home.parent(12).children().to_vec());
/// assert_eq!(district.cell_ids(), &[home.parent(12)]); // 4 children -> parent
/// assert!(district.contains_cell_id(home));
/// let far = CellUnion::from_cell_ids(vec![CellId::from_face(0)]);
/// assert!(district.union(&far).contains(&district));
/// assert!(district.intersection(&far).is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct CellUnion {
    cell_ids: Vec<CellId>,
}

/// Whether four distinct cells are the four children of one parent.
#[inline]
fn are_siblings(a: CellId, b: CellId, c: CellId, d: CellId) -> bool {
    // The four children differ only in the two position bits above the
    // marker, which take all four values: their XOR cancels. That rejects
    // most candidates with three instructions.
    if a.id() ^ b.id() ^ c.id() != d.id() {
        return false;
    }
    // Exact test: equal outside the two position bits, and not faces.
    let position_bits = d.lsb() << 1;
    let mask = !(position_bits + (position_bits << 1));
    let masked = d.id() & mask;
    (a.id() & mask) == masked
        && (b.id() & mask) == masked
        && (c.id() & mask) == masked
        && !d.is_face()
}

/// Google's `S2CellUnion::Normalize` on a vector of valid ids: sort, drop
/// contained cells, replace four siblings by their parent, in one pass.
pub(crate) fn normalize_ids(ids: &mut Vec<CellId>) {
    ids.sort_unstable();
    // The output is written over the input behind the read position.
    let mut out = 0;
    for k in 0..ids.len() {
        let mut id = ids[k];
        if out > 0 && ids[out - 1].contains(id) {
            continue;
        }
        while out > 0 && id.contains(ids[out - 1]) {
            out -= 1;
        }
        // A merged parent may complete a group of siblings one level up.
        while out >= 3 && are_siblings(ids[out - 3], ids[out - 2], ids[out - 1], id) {
            id = id.immediate_parent();
            out -= 3;
        }
        ids[out] = id;
        out += 1;
    }
    ids.truncate(out);
}

/// Where `ids` first breaks validity (and, with `normalized`, the sibling
/// rule), as Google's `IsValid` / `IsNormalized` scan for it.
fn first_violation(ids: &[CellId], normalized: bool) -> Option<(usize, &'static str)> {
    for (i, &id) in ids.iter().enumerate() {
        if !id.is_valid() {
            return Some((i, "a valid cell id"));
        }
        if i > 0 && ids[i - 1].range_max() >= id.range_min() {
            return Some((
                i,
                "to start after the previous cell ends (sorted, no overlap)",
            ));
        }
        if normalized && i >= 3 && are_siblings(ids[i - 3], ids[i - 2], ids[i - 1], id) {
            return Some((
                i,
                "not to complete four siblings (normalized: use the parent)",
            ));
        }
    }
    None
}

impl CellUnion {
    /// A union from ids the caller has made valid, sorted and disjoint
    /// (the coverer's output), without the O(n) check.
    pub(crate) fn from_sorted_disjoint(cell_ids: Vec<CellId>) -> Self {
        debug_assert!(first_violation(&cell_ids, false).is_none());
        Self { cell_ids }
    }

    /// The empty union.
    ///
    /// ```
    /// assert!(s2cells::CellUnion::empty().is_empty());
    /// ```
    #[must_use]
    pub const fn empty() -> Self {
        Self {
            cell_ids: Vec::new(),
        }
    }

    /// The union of the six face cells: the whole sphere.
    ///
    /// ```
    /// let all = s2cells::CellUnion::whole_sphere();
    /// assert_eq!(all.len(), 6);
    /// assert_eq!(all.leaf_cells_covered(), 6 << 60);
    /// ```
    #[must_use]
    pub fn whole_sphere() -> Self {
        Self {
            cell_ids: (0..6).map(CellId::from_face).collect(),
        }
    }

    /// The normalized union of any cell ids, in any order, with duplicates
    /// and overlaps (Google's `S2CellUnion(vector)` constructor, which
    /// normalizes). Invalid ids (such as [`CellId::NONE`]) are dropped;
    /// check `ids.iter().all(CellId::is_valid)` first to treat them as an
    /// error. O(n log n).
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    ///
    /// let f = CellId::from_face(4);
    /// let [a, b, c, d] = f.children();
    /// let u = CellUnion::from_cell_ids(vec![d, b, a.child(2), a, c, CellId::NONE]);
    /// assert_eq!(u.cell_ids(), &[f]);
    /// ```
    #[must_use]
    pub fn from_cell_ids(mut cell_ids: Vec<CellId>) -> Self {
        cell_ids.retain(CellId::is_valid);
        normalize_ids(&mut cell_ids);
        Self { cell_ids }
    }

    /// The union of ids kept exactly as given (Google's `FromVerbatim`):
    /// they must be valid, sorted and non-overlapping, but four siblings
    /// stay four cells. O(n).
    ///
    /// # Errors
    ///
    /// [`RegionError::InvalidCellUnion`] naming the first id that is invalid or
    /// does not start after the previous one ends.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion, RegionError};
    ///
    /// let kids = CellId::from_face(1).children().to_vec();
    /// let u = CellUnion::from_verbatim(kids.clone())?;
    /// assert_eq!(u.len(), 4);
    /// assert!(u.is_valid() && !u.is_normalized());
    ///
    /// let err = CellUnion::from_verbatim(vec![kids[1], kids[0]]).unwrap_err();
    /// assert!(matches!(err, RegionError::InvalidCellUnion { index: 1, .. }));
    /// # Ok::<(), RegionError>(())
    /// ```
    pub fn from_verbatim(cell_ids: Vec<CellId>) -> Result<Self, RegionError> {
        Self::checked(cell_ids, false)
    }

    /// The union of ids that are already normalized (Google's
    /// `FromNormalized`), e.g. taken from another union: valid, sorted,
    /// non-overlapping and without four siblings. O(n).
    ///
    /// # Errors
    ///
    /// [`RegionError::InvalidCellUnion`] naming the first id that breaks one of
    /// these rules.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    ///
    /// let u = CellUnion::from_cell_ids(vec![CellId::from_face(2).child(1), CellId::from_face(0)]);
    /// let copy = CellUnion::from_normalized(u.cell_ids().to_vec())?;
    /// assert_eq!(copy, u);
    /// assert!(CellUnion::from_normalized(CellId::from_face(2).children().to_vec()).is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_normalized(cell_ids: Vec<CellId>) -> Result<Self, RegionError> {
        Self::checked(cell_ids, true)
    }

    fn checked(cell_ids: Vec<CellId>, normalized: bool) -> Result<Self, RegionError> {
        match first_violation(&cell_ids, normalized) {
            None => Ok(Self { cell_ids }),
            Some((index, expected)) => Err(RegionError::InvalidCellUnion {
                index,
                id: cell_ids[index].id(),
                expected,
            }),
        }
    }

    /// The fewest cells covering the leaf cells from `min` to `max`, both
    /// included (Google's `FromMinMax`). The result is normalized.
    ///
    /// # Errors
    ///
    /// [`RegionError::InvalidLeafRange`] unless both are valid leaf cells and
    /// `min <= max`.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    ///
    /// let c = CellId::from_face(3).child(1).child(2);
    /// let u = CellUnion::from_min_max(c.range_min(), c.range_max())?;
    /// assert_eq!(u.cell_ids(), &[c]);
    /// let two = CellUnion::from_min_max(c.range_min(), c.next().range_min())?;
    /// assert_eq!(two.cell_ids(), &[c, c.next().range_min()]);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_min_max(min: CellId, max: CellId) -> Result<Self, RegionError> {
        let err = |expected| RegionError::InvalidLeafRange {
            first: min.id(),
            last: max.id(),
            expected,
        };
        if !(min.is_valid() && min.is_leaf() && max.is_valid() && max.is_leaf()) {
            return Err(err("two valid leaf cells"));
        }
        if min > max {
            return Err(err("min <= max"));
        }
        Ok(Self::tile(min, max.next()))
    }

    /// The fewest cells covering the leaf cells from `begin` (included) to
    /// `end` (excluded), as a Rust range (Google's `FromBeginEnd`); empty
    /// when `begin == end`. `end` may be [`CellId::end(30)`](CellId::end),
    /// one past the last leaf, and so may `begin`.
    ///
    /// # Errors
    ///
    /// [`RegionError::InvalidLeafRange`] unless both are valid leaf cells or
    /// `CellId::end(30)`, and `begin <= end`.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    ///
    /// let all = CellUnion::from_begin_end(CellId::begin(30), CellId::end(30))?;
    /// assert_eq!(all, CellUnion::whole_sphere());
    /// let leaf = CellId::from_face(0).range_min();
    /// assert!(CellUnion::from_begin_end(leaf, leaf)?.is_empty());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn from_begin_end(begin: CellId, end: CellId) -> Result<Self, RegionError> {
        let leaf_end = CellId::end(MAX_LEVEL);
        let ok = |id: CellId| (id.is_valid() && id.is_leaf()) || id == leaf_end;
        let err = |expected| RegionError::InvalidLeafRange {
            first: begin.id(),
            last: end.id(),
            expected,
        };
        if !(ok(begin) && ok(end)) {
            return Err(err("two valid leaf cells or CellId::end(30)"));
        }
        if begin > end {
            return Err(err("begin <= end"));
        }
        Ok(Self::tile(begin, end))
    }

    /// Tiles `[begin, end)` greedily with the largest cell that fits, which
    /// gives the normalized union directly.
    fn tile(begin: CellId, end: CellId) -> Self {
        let mut cell_ids = Vec::new();
        let mut id = begin.maximum_tile(end);
        while id != end {
            cell_ids.push(id);
            id = id.next().maximum_tile(end);
        }
        Self { cell_ids }
    }

    /// The cell ids, sorted along the curve.
    ///
    /// ```
    /// let u = s2cells::CellUnion::whole_sphere();
    /// assert!(u.cell_ids().windows(2).all(|w| w[0] < w[1]));
    /// ```
    #[must_use]
    pub fn cell_ids(&self) -> &[CellId] {
        &self.cell_ids
    }

    /// The cell ids, giving up the union without a copy (Google's
    /// `Release`).
    ///
    /// ```
    /// let ids = s2cells::CellUnion::whole_sphere().into_cell_ids();
    /// assert_eq!(ids.len(), 6);
    /// ```
    #[must_use]
    pub fn into_cell_ids(self) -> Vec<CellId> {
        self.cell_ids
    }

    /// The number of cells (not of leaves: see
    /// [`leaf_cells_covered`](Self::leaf_cells_covered)).
    ///
    /// ```
    /// assert_eq!(s2cells::CellUnion::empty().len(), 0);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.cell_ids.len()
    }

    /// Whether the union has no cells.
    ///
    /// ```
    /// assert!(!s2cells::CellUnion::whole_sphere().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.cell_ids.is_empty()
    }

    /// The cell ids in order, by value.
    ///
    /// ```
    /// let all = s2cells::CellUnion::whole_sphere();
    /// let levels: Vec<u8> = all.iter().map(|c| c.level()).collect();
    /// assert_eq!(levels, [0; 6]);
    /// ```
    pub fn iter(&self) -> std::iter::Copied<std::slice::Iter<'_, CellId>> {
        self.cell_ids.iter().copied()
    }

    /// Whether the ids are valid, sorted and non-overlapping (Google's
    /// `IsValid`). Always true: every constructor ensures it.
    ///
    /// ```
    /// assert!(s2cells::CellUnion::whole_sphere().is_valid());
    /// ```
    #[must_use]
    pub fn is_valid(&self) -> bool {
        first_violation(&self.cell_ids, false).is_none()
    }

    /// Whether the union is valid and no four of its cells are siblings
    /// (Google's `IsNormalized`); false only for some unions made by
    /// [`from_verbatim`](Self::from_verbatim).
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let kids = CellId::from_face(0).children().to_vec();
    /// assert!(!CellUnion::from_verbatim(kids.clone())?.is_normalized());
    /// assert!(CellUnion::from_verbatim(kids[..3].to_vec())?.is_normalized());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn is_normalized(&self) -> bool {
        first_violation(&self.cell_ids, true).is_none()
    }

    /// Replaces every four siblings by their parent, repeatedly (Google's
    /// `Normalize`). O(n log n), O(n) when already sorted.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    /// let mut u = CellUnion::from_verbatim(CellId::from_face(5).children().to_vec())?;
    /// u.normalize();
    /// assert_eq!(u.cell_ids(), &[CellId::from_face(5)]);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn normalize(&mut self) {
        normalize_ids(&mut self.cell_ids);
    }

    /// The same leaves as cells at the levels a coverer with `min_level`
    /// and `level_mod` may use (Google's `Denormalize`): each cell coarser
    /// than `min_level`, or whose `level - min_level` is not a multiple of
    /// `level_mod`, is replaced by its descendants at the next allowed level
    /// (or at 30, when that is past it). The ids come out sorted and
    /// non-overlapping, ready for [`from_verbatim`](Self::from_verbatim),
    /// and not normalized.
    ///
    /// Each cell becomes `4^(new level − level)` cells: a face cell asked
    /// for at `min_level` 10 is a million of them.
    ///
    /// # Errors
    ///
    /// [`RegionError::InvalidLevel`] when `min_level > 30`,
    /// [`RegionError::InvalidLevelMod`] unless `level_mod` is 1, 2 or 3.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    ///
    /// let u = CellUnion::from_cell_ids(vec![CellId::from_face(0), CellId::from_face(1).child(2)]);
    /// let at_1 = u.denormalize(1, 1)?;
    /// assert_eq!(at_1.len(), 5); // face 0 -> its 4 children, plus the level-1 cell
    /// let even = u.denormalize(0, 2)?;
    /// assert_eq!(even.len(), 1 + 4); // face 0 stays, the level-1 cell -> level 2
    /// assert!(u.denormalize(0, 4).is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn denormalize(&self, min_level: u8, level_mod: u8) -> Result<Vec<CellId>, RegionError> {
        if min_level > MAX_LEVEL {
            return Err(RegionError::InvalidLevel {
                level: i64::from(min_level),
                expected: "a minimum level in 0..=30",
            });
        }
        if !(1..=3).contains(&level_mod) {
            return Err(RegionError::InvalidLevelMod { level_mod });
        }
        Ok(denormalize_ids(&self.cell_ids, min_level, level_mod))
    }

    /// The cells at exactly `level` that meet the union, sorted and
    /// without duplicates: each finer cell replaced by its ancestor at
    /// `level`, each coarser one by its descendants there
    /// ([`denormalize`](Self::denormalize) does only the second). Their
    /// union contains this one; it is this one when no cell is finer than
    /// `level`. What a fixed-level output of a covering grown by finer
    /// cells (`expand_by_radius`) needs.
    ///
    /// # Errors
    ///
    /// [`RegionError::InvalidLevel`] when `level > 30`.
    ///
    /// ```
    /// use s2cells::{CellId, CellUnion};
    ///
    /// let f = CellId::from_face(2);
    /// let u = CellUnion::from_cell_ids(vec![f.child(0), f.child(1).child(3).child(0), f.child(1).child(3).child(2)]);
    /// let at_2 = u.cells_at_level(2)?;
    /// assert_eq!(at_2.len(), 4 + 1); // child 0's four children, and the one ancestor
    /// assert!(at_2.iter().all(|c| c.level() == 2) && at_2.windows(2).all(|w| w[0] < w[1]));
    /// assert!(u.cells_at_level(31).is_err());
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn cells_at_level(&self, level: u8) -> Result<Vec<CellId>, RegionError> {
        if level > MAX_LEVEL {
            return Err(RegionError::InvalidLevel {
                level: i64::from(level),
                expected: "0..=30",
            });
        }
        // Ancestors of sorted, disjoint cells are sorted, repeats adjacent,
        // and none lies inside a coarser cell of the union.
        let mut coarse: Vec<CellId> = self
            .iter()
            .map(|c| {
                if c.level() > level {
                    c.parent(level)
                } else {
                    c
                }
            })
            .collect();
        coarse.dedup();
        Ok(denormalize_ids(&coarse, level, 1))
    }
}

impl FromIterator<CellId> for CellUnion {
    /// Collects ids into a normalized union, as
    /// [`from_cell_ids`](CellUnion::from_cell_ids).
    fn from_iter<I: IntoIterator<Item = CellId>>(iter: I) -> Self {
        Self::from_cell_ids(iter.into_iter().collect())
    }
}

impl<'a> IntoIterator for &'a CellUnion {
    type Item = CellId;
    type IntoIter = std::iter::Copied<std::slice::Iter<'a, CellId>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for CellUnion {
    type Item = CellId;
    type IntoIter = std::vec::IntoIter<CellId>;

    fn into_iter(self) -> Self::IntoIter {
        self.cell_ids.into_iter()
    }
}

/// Google's `S2CellUnion::Denormalize` on valid ids with checked options:
/// each cell replaced by its descendants at the first allowed level at or
/// below it (`min_level + k * level_mod`, or 30).
pub(crate) fn denormalize_ids(ids: &[CellId], min_level: u8, level_mod: u8) -> Vec<CellId> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let level = id.level();
        let mut new_level = min_level.max(level);
        if level_mod > 1 {
            // Round new_level - min_level up to a multiple of level_mod:
            // adding (30 - d) mod level_mod does it because 30 is a
            // multiple of 1, 2 and 3. Past 30, leaves it is.
            new_level += (MAX_LEVEL - (new_level - min_level)) % level_mod;
            new_level = new_level.min(MAX_LEVEL);
        }
        if new_level == level {
            out.push(id);
        } else {
            let end = id.child_end_at(new_level);
            let mut child = id.child_begin_at(new_level);
            while child != end {
                out.push(child);
                child = child.next();
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Point, Region};

    #[test]
    fn siblings() {
        let f = CellId::from_face(2).child(1);
        let [a, b, c, d] = f.children();
        assert!(are_siblings(a, b, c, d));
        assert!(!are_siblings(a, b, c, d.child(0)));
        assert!(!are_siblings(a, b, c, CellId::from_face(2).child(2)));
        // Faces XOR to zero in some groups but have no parent.
        let faces: Vec<CellId> = (0..6).map(CellId::from_face).collect();
        assert!(!are_siblings(faces[0], faces[1], faces[2], faces[3]));
    }

    #[test]
    fn normalize_merges_upwards() {
        let f = CellId::from_face(3);
        let mut ids: Vec<CellId> = f.child(0).children().to_vec();
        ids.extend([f.child(1), f.child(2), f.child(3), f.child(3).child(1)]);
        ids.reverse();
        normalize_ids(&mut ids);
        assert_eq!(ids, vec![f]);
    }

    #[test]
    fn intersection_binary_searches() {
        let a: CellUnion = (0..6).map(|f| CellId::from_face(f).child(0)).collect();
        let b = CellUnion::from_cell_ids(vec![CellId::from_face(5)]);
        assert_eq!(
            a.intersection(&b).cell_ids(),
            &[CellId::from_face(5).child(0)]
        );
        assert_eq!(b.intersection(&a), a.intersection(&b));
    }

    #[test]
    fn empty_union_bounds() {
        let e = CellUnion::empty();
        assert!(e.cap_bound().is_empty());
        assert!(e.rect_bound().is_empty());
        assert!(!e.contains_point(&Point::new(1.0, 0.0, 0.0)));
        assert_eq!(e.denormalize(5, 2), Ok(vec![]));
        let mut e2 = e.clone();
        e2.expand_by_radius(0.1, 3);
        assert!(e2.is_empty());
    }

    #[test]
    fn bad_arguments() {
        let u = CellUnion::whole_sphere();
        assert!(matches!(
            u.denormalize(31, 1),
            Err(RegionError::InvalidLevel { level: 31, .. })
        ));
        assert_eq!(
            u.denormalize(0, 0),
            Err(RegionError::InvalidLevelMod { level_mod: 0 })
        );
        let mut v = u.clone();
        assert!(v.expand_at_level(31).is_err());
        assert_eq!(v, u);
        assert!(!u.contains_cell_id(CellId::NONE));
        assert!(!u.intersects_cell_id(CellId::SENTINEL));
        assert!(u.intersection_with_cell_id(CellId::NONE).is_empty());
        let leaf = CellId::begin(30);
        assert!(CellUnion::from_min_max(leaf.next(), leaf).is_err());
        assert!(CellUnion::from_min_max(CellId::from_face(0), leaf).is_err());
        assert!(
            CellUnion::from_begin_end(CellId::end(30), CellId::end(30)).is_ok_and(|u| u.is_empty())
        );
        assert!(CellUnion::from_begin_end(CellId::end(29), CellId::end(30)).is_err());
        assert!(CellUnion::from_verbatim(vec![CellId::NONE]).is_err());
        assert!(
            CellUnion::from_verbatim(vec![CellId::from_face(0), CellId::from_face(0)]).is_err()
        );
    }
}
