//! B-tree keys from cells: a point's key, a stored region's keys, and the
//! key ranges and ancestor keys that answer a query region, in every
//! encoding a store wants.
//!
//! A cell is the contiguous range of leaf ids `range_min()..=range_max()`,
//! so "which stored cells lie inside the query cell" is one range scan on
//! an ordered index. Stored *regions* (each stored as the cells of its
//! covering) can also be larger than the query: those are found through the
//! query cells' ancestors, looked up by equality (the CockroachDB / MongoDB
//! pattern). A stored cell `s` meets a query cell `q` exactly when `s` lies
//! in `q`'s leaf range (`q` contains `s`) or `s` is one of `q`'s ancestors:
//! a cell's own id is never in a descendant's leaf range, so the two
//! lookups never return the same row for the same `q`.
//!
//! Encodings of a key:
//!
//! | encoding | order | use |
//! |---|---|---|
//! | `u64` ([`CellId::id`]) | the curve's | Rust, key-value stores with unsigned keys |
//! | bit-cast `i64` ([`CellId::to_signed`]) | faces 4, 5 sort *first* (negative) | BigQuery, MongoDB, SQL `BIGINT` |
//! | order-preserving `i64` ([`ordered_i64`]) | the curve's | SQL `BIGINT` when you control the writer |
//! | big-endian bytes ([`to_be_bytes`]) | the curve's, bytewise | RocksDB, LMDB, FoundationDB, DynamoDB binary keys |
//! | token ([`CellId::to_token`]) | the curve's, as text | text keys |
//!
//! The bit-cast `i64` is where hand-written layers go wrong: a range that is
//! contiguous on the curve from face 3 into face 4 runs from a large positive
//! to a large negative number, and `BETWEEN` with those ends matches
//! nothing. [`KeyQuery::signed_ranges`] therefore splits any range at the
//! sign flip and never merges across it.

use super::FeatureError;
use crate::{CellError, CellId, CellUnion, LatLng, Point, Region, RegionCoverer};

/// The key of a point at a level: its cell at that level (level 30 is the
/// leaf, what a points table stores). Like every cell id operation, a
/// level above 30 gives [`CellId::NONE`] (never a clamped level), and so
/// does a point with no cell ([`CellId::from_point`]).
///
/// ```
/// use s2cells::feature::keys::point_key;
/// use s2cells::{CellId, LatLng};
/// let p = LatLng::from_degrees(-30.0438, -51.14022).to_point();
/// assert_eq!(point_key(&p, 15).to_token(), "951977d34");
/// assert_eq!(point_key(&p, 31), CellId::NONE);
/// ```
#[must_use]
pub fn point_key(p: &Point, level: u8) -> CellId {
    CellId::from_point(p).parent(level)
}

/// The key of a lat/lng at a level (see [`point_key`]): [`CellId::NONE`]
/// for a level above 30 or an invalid lat/lng.
///
/// ```
/// use s2cells::feature::keys::latlng_key;
/// use s2cells::{CellId, LatLng};
/// assert_eq!(latlng_key(LatLng::from_degrees(-30.0438, -51.14022), 8).to_token(), "95197");
/// assert_eq!(latlng_key(LatLng::from_degrees(95.0, 0.0), 8), CellId::NONE);
/// ```
#[must_use]
pub fn latlng_key(ll: LatLng, level: u8) -> CellId {
    CellId::from_latlng(ll).parent(level)
}

/// The keys a region is stored under: the cells of its covering, one row
/// each, in curve order.
///
/// ```
/// use s2cells::feature::keys::index_keys;
/// use s2cells::{CellId, CellUnion};
/// let covering = CellUnion::from_cell_ids(vec![CellId::from_face(4), CellId::from_face(1)]);
/// assert_eq!(index_keys(&covering), vec![CellId::from_face(1), CellId::from_face(4)]);
/// ```
#[must_use]
pub fn index_keys(covering: &CellUnion) -> Vec<CellId> {
    covering.cell_ids().to_vec()
}

/// The order-preserving signed form: the id with its top bit flipped, so
/// that signed comparison of the keys is the curve's order (face 0 is
/// negative, face 5 positive).
///
/// ```
/// use s2cells::feature::keys::ordered_i64;
/// use s2cells::CellId;
/// assert!(ordered_i64(CellId::from_face(3)) < ordered_i64(CellId::from_face(4)));
/// assert!(CellId::from_face(3).to_signed() > CellId::from_face(4).to_signed());
/// ```
#[must_use]
#[inline]
pub const fn ordered_i64(id: CellId) -> i64 {
    (id.id() ^ (1 << 63)) as i64
}

/// The cell of an order-preserving signed key (see [`ordered_i64`]).
///
/// # Errors
///
/// [`CellError::InvalidCellId`] when the key is not a valid cell's.
///
/// ```
/// use s2cells::feature::keys::{from_ordered_i64, ordered_i64};
/// use s2cells::CellId;
/// let id = CellId::from_face(5).child(1);
/// assert_eq!(from_ordered_i64(ordered_i64(id)), Ok(id));
/// assert!(from_ordered_i64(0).is_err());
/// ```
pub fn from_ordered_i64(key: i64) -> Result<CellId, CellError> {
    CellId::try_from((key as u64) ^ (1 << 63))
}

/// The big-endian bytes of the id: bytewise comparison is the curve's order.
///
/// ```
/// use s2cells::feature::keys::to_be_bytes;
/// use s2cells::CellId;
/// assert_eq!(to_be_bytes(CellId::from_face(5)), [0xb0, 0, 0, 0, 0, 0, 0, 0]);
/// ```
#[must_use]
#[inline]
pub const fn to_be_bytes(id: CellId) -> [u8; 8] {
    id.id().to_be_bytes()
}

/// The cell of big-endian key bytes (see [`to_be_bytes`]).
///
/// # Errors
///
/// [`CellError::InvalidCellId`] when the bytes are not a valid cell's id.
///
/// ```
/// use s2cells::feature::keys::{from_be_bytes, to_be_bytes};
/// use s2cells::CellId;
/// assert_eq!(from_be_bytes(to_be_bytes(CellId::from_face(2))), Ok(CellId::from_face(2)));
/// ```
pub fn from_be_bytes(bytes: [u8; 8]) -> Result<CellId, CellError> {
    CellId::try_from(u64::from_be_bytes(bytes))
}

/// An inclusive range of leaf ids, `first..=last` on the curve: both ends
/// are leaf cells and `first <= last`, checked when the range is made.
///
/// ```
/// use s2cells::feature::keys::KeyRange;
/// use s2cells::CellId;
/// let r = KeyRange::of_cell(CellId::from_face(1)).unwrap();
/// assert!(r.contains(CellId::from_face(1).child(3)));
/// assert!(!r.contains(CellId::from_face(2)));
/// assert_eq!((r.first(), r.last()), (CellId::from_face(1).range_min(), CellId::from_face(1).range_max()));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "RawKeyRange", into = "RawKeyRange")
)]
pub struct KeyRange {
    min: CellId,
    max: CellId,
}

impl KeyRange {
    /// The range `first..=last` of two leaf cells, checked.
    ///
    /// # Errors
    ///
    /// [`FeatureError::InvalidKeyRange`] unless both ends are valid leaf
    /// cells and `first <= last`.
    ///
    /// ```
    /// use s2cells::feature::keys::KeyRange;
    /// use s2cells::CellId;
    /// let f = CellId::from_face(2);
    /// let r = KeyRange::new(f.range_min(), f.child(1).range_max())?;
    /// assert!(r.contains(f.child(0)) && r.contains(f.child(1)) && !r.contains(f.child(2)));
    /// assert!(KeyRange::new(f.range_max(), f.range_min()).is_err()); // out of order
    /// assert!(KeyRange::new(f, f).is_err()); // not leaves
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn new(first: CellId, last: CellId) -> Result<Self, FeatureError> {
        let leaf = |c: CellId| c.is_valid() && c.is_leaf();
        if leaf(first) && leaf(last) && first <= last {
            Ok(Self {
                min: first,
                max: last,
            })
        } else {
            Err(FeatureError::InvalidKeyRange {
                first: first.id(),
                last: last.id(),
            })
        }
    }

    /// The leaf range of a cell: every cell it contains has its id in it,
    /// and no other cell does. `None` for an invalid id, which contains
    /// no cell.
    ///
    /// ```
    /// use s2cells::feature::keys::KeyRange;
    /// use s2cells::CellId;
    /// let r = KeyRange::of_cell(CellId::from_face(5).child(2)).unwrap();
    /// assert_eq!(r.first().level(), 30);
    /// assert_eq!(KeyRange::of_cell(CellId::NONE), None);
    /// ```
    #[must_use]
    pub const fn of_cell(id: CellId) -> Option<Self> {
        if !id.is_valid() {
            return None;
        }
        Some(Self {
            min: id.range_min(),
            max: id.range_max(),
        })
    }

    /// The first leaf id in the range (named so, not `min`, because
    /// ranges are `Ord` and `Ord::min` would answer `r.min()`).
    ///
    /// ```
    /// use s2cells::{feature::keys::KeyRange, CellId};
    /// assert_eq!(KeyRange::of_cell(CellId::from_face(0)).unwrap().first(), CellId::begin(30));
    /// ```
    #[must_use]
    pub const fn first(&self) -> CellId {
        self.min
    }

    /// The last leaf id in the range.
    ///
    /// ```
    /// use s2cells::{feature::keys::KeyRange, CellId};
    /// assert_eq!(KeyRange::of_cell(CellId::from_face(5)).unwrap().last(), CellId::end(30).prev());
    /// ```
    #[must_use]
    pub const fn last(&self) -> CellId {
        self.max
    }

    /// Whether a key (a cell id of any level) lies in the range.
    ///
    /// ```
    /// use s2cells::{feature::keys::KeyRange, CellId};
    /// let r = KeyRange::of_cell(CellId::from_face(3)).unwrap();
    /// assert!(r.contains(CellId::from_face(3)) && !r.contains(CellId::from_face(4)));
    /// ```
    #[must_use]
    pub const fn contains(&self, id: CellId) -> bool {
        self.min.id() <= id.id() && id.id() <= self.max.id()
    }
}

/// A key range as serde sees it: the two ends, checked on the way in by
/// [`KeyRange::new`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct RawKeyRange {
    min: CellId,
    max: CellId,
}

#[cfg(feature = "serde")]
impl TryFrom<RawKeyRange> for KeyRange {
    type Error = FeatureError;

    fn try_from(r: RawKeyRange) -> Result<Self, FeatureError> {
        Self::new(r.min, r.max)
    }
}

#[cfg(feature = "serde")]
impl From<KeyRange> for RawKeyRange {
    fn from(r: KeyRange) -> Self {
        Self {
            min: r.min,
            max: r.max,
        }
    }
}

/// What the stored rows are, which decides whether a query needs ancestor
/// lookups.
///
/// ```
/// use s2cells::feature::keys::Stored;
/// let points = Stored::Points;
/// let regions = Stored::Regions { min_level: 4 };
/// assert_ne!(points, regions);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Stored {
    /// Every row is a point, stored as a cell at least as deep as every
    /// query cell (the leaf, level 30, always is): ranges alone answer.
    Points,
    /// Rows are regions, stored as the cells of their coverings, none
    /// shallower than `min_level`: queries add the ancestors of their
    /// cells from `min_level` down.
    Regions {
        /// The shallowest level a stored covering uses.
        min_level: u8,
    },
}

/// The keys that answer a query: merged leaf ranges and, for stored
/// regions, exact ancestor keys.
///
/// ```
/// use s2cells::feature::keys::{KeyQuery, Stored};
/// use s2cells::{CellId, CellUnion};
/// let q = CellUnion::from_cell_ids(CellId::from_face(3).child(3).children().to_vec()
///     .into_iter().chain([CellId::from_face(4).child(0)]).collect());
/// let keys = KeyQuery::new(&q, Stored::Regions { min_level: 0 });
/// assert_eq!(keys.ranges().len(), 1); // contiguous on the curve ...
/// assert_eq!(keys.signed_ranges().len(), 2); // ... but not as bit-cast i64
/// assert_eq!(keys.ancestors(), &[CellId::from_face(3), CellId::from_face(4)]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct KeyQuery {
    ranges: Vec<KeyRange>,
    ancestors: Vec<CellId>,
}

impl KeyQuery {
    /// The keys for a query covering: one leaf range per cell, sorted and
    /// merged where they touch or overlap, and (for [`Stored::Regions`])
    /// the proper ancestors of the cells at levels `min_level..level`,
    /// sorted and without duplicates or cells already inside a range.
    ///
    /// Works on any union, normalized or not (a covering with fixed-level
    /// cells is fine); an invalid id in it matches nothing.
    #[must_use]
    pub fn new(covering: &CellUnion, stored: Stored) -> Self {
        let mut ranges: Vec<KeyRange> = Vec::with_capacity(covering.len());
        for r in covering.iter().filter_map(KeyRange::of_cell) {
            match ranges.last_mut() {
                // Leaves are odd ids two apart, so `max + 2 >= min` says the
                // ranges touch or overlap. Saturating: the last leaf of face 5
                // is near u64::MAX.
                Some(last) if last.max.id().saturating_add(2) >= r.min.id() => {
                    if r.max > last.max {
                        last.max = r.max;
                    }
                }
                _ => ranges.push(r),
            }
        }
        let mut ancestors = Vec::new();
        if let Stored::Regions { min_level } = stored {
            for id in covering.iter().filter(CellId::is_valid) {
                for level in min_level..id.level() {
                    ancestors.push(id.parent(level));
                }
            }
            ancestors.sort_unstable();
            ancestors.dedup();
            // An ancestor inside a range (a covering cell containing another
            // covering cell's ancestor) is already found by that range.
            ancestors.retain(|a| !in_ranges(&ranges, *a));
        }
        Self { ranges, ancestors }
    }

    /// The keys for a query region: [`new`](Self::new) on its covering by
    /// `coverer`.
    ///
    /// ```
    /// use s2cells::feature::keys::{KeyQuery, Stored};
    /// use s2cells::{LatLngRect, RegionCoverer};
    /// let rect = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
    /// let coverer = RegionCoverer::new().max_level(15)?.min_level(8)?.max_cells(500)?;
    /// let q = KeyQuery::for_region(&rect, &coverer, Stored::Points);
    /// assert!(!q.ranges().is_empty() && q.ranges().len() <= 351);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn for_region<R: Region + ?Sized>(
        region: &R,
        coverer: &RegionCoverer,
        stored: Stored,
    ) -> Self {
        Self::new(&coverer.covering(region), stored)
    }

    /// The merged leaf ranges, in curve (u64) order.
    #[must_use]
    pub fn ranges(&self) -> &[KeyRange] {
        &self.ranges
    }

    /// The ancestor keys to look up by equality, in curve order (empty for
    /// [`Stored::Points`]).
    #[must_use]
    pub fn ancestors(&self) -> &[CellId] {
        &self.ancestors
    }

    /// Whether a stored key is matched by the query (a range or an
    /// ancestor): the filter a store applies, in memory.
    ///
    /// ```
    /// use s2cells::feature::keys::{KeyQuery, Stored};
    /// use s2cells::{CellId, CellUnion};
    /// let q = KeyQuery::new(&CellUnion::from_cell_ids(vec![CellId::from_face(2).child(1)]), Stored::Regions { min_level: 0 });
    /// assert!(q.matches(CellId::from_face(2)));
    /// assert!(q.matches(CellId::from_face(2).child(1).child(0)));
    /// assert!(!q.matches(CellId::from_face(2).child(0)));
    /// ```
    #[must_use]
    pub fn matches(&self, key: CellId) -> bool {
        in_ranges(&self.ranges, key) || self.ancestors.binary_search(&key).is_ok()
    }

    /// The ranges as `u64` pairs.
    #[must_use]
    pub fn u64_ranges(&self) -> Vec<(u64, u64)> {
        self.ranges
            .iter()
            .map(|r| (r.min.id(), r.max.id()))
            .collect()
    }

    /// The ranges as bit-cast `i64` pairs (BigQuery, MongoDB, SQL): split at
    /// the sign flip between faces 3 and 4, never merged across it, sorted
    /// in signed order (faces 4 and 5 first). Each pair has `lo <= hi`.
    #[must_use]
    pub fn signed_ranges(&self) -> Vec<(i64, i64)> {
        // Curve order is u64 order; the faces 4-5 ranges (top bit set) come
        // last there and first in signed order, and at most one range
        // straddles the flip.
        let mut neg = Vec::new();
        let mut pos = Vec::with_capacity(self.ranges.len());
        for r in &self.ranges {
            let (lo, hi) = (r.min.id(), r.max.id());
            if hi < 1 << 63 {
                pos.push((lo as i64, hi as i64));
            } else if lo >= 1 << 63 {
                neg.push((lo as i64, hi as i64));
            } else {
                pos.push((lo as i64, i64::MAX));
                neg.push((i64::MIN + 1, hi as i64));
            }
        }
        neg.extend(pos);
        neg
    }

    /// The ancestors as bit-cast `i64`, sorted in signed order.
    #[must_use]
    pub fn signed_ancestors(&self) -> Vec<i64> {
        let mut v: Vec<i64> = self.ancestors.iter().map(CellId::to_signed).collect();
        v.sort_unstable();
        v
    }

    /// The ranges as order-preserving `i64` pairs (see [`ordered_i64`]):
    /// the same ranges as [`ranges`](Self::ranges), nothing to split.
    #[must_use]
    pub fn ordered_ranges(&self) -> Vec<(i64, i64)> {
        self.ranges
            .iter()
            .map(|r| (ordered_i64(r.min), ordered_i64(r.max)))
            .collect()
    }

    /// The ancestors as order-preserving `i64`, sorted.
    #[must_use]
    pub fn ordered_ancestors(&self) -> Vec<i64> {
        self.ancestors.iter().map(|a| ordered_i64(*a)).collect()
    }

    /// The ranges as big-endian byte keys, inclusive at both ends.
    #[must_use]
    pub fn byte_ranges(&self) -> Vec<([u8; 8], [u8; 8])> {
        self.ranges
            .iter()
            .map(|r| (to_be_bytes(r.min), to_be_bytes(r.max)))
            .collect()
    }

    /// The ranges as token pairs: tokens compare as text like the ids they
    /// name, so these bound a text-keyed scan, inclusive at both ends.
    #[must_use]
    pub fn token_ranges(&self) -> Vec<(String, String)> {
        self.ranges
            .iter()
            .map(|r| (r.min.to_token(), r.max.to_token()))
            .collect()
    }
}

/// Whether a key lies in one of sorted, disjoint ranges.
fn in_ranges(ranges: &[KeyRange], key: CellId) -> bool {
    let i = ranges.partition_point(|r| r.max < key);
    ranges.get(i).is_some_and(|r| r.min <= key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute(q: &CellUnion, stored: CellId, regions: bool) -> bool {
        q.iter()
            .any(|c| c.contains(stored) || (regions && stored.contains(c)))
    }

    #[test]
    fn matches_is_brute_force_intersection() {
        // Cells around the sign flip, the face-5 end and the face-0 start.
        let mut q = vec![
            CellId::from_face(3).child(3).child(3),
            CellId::from_face(4).child(0).child(0),
            CellId::from_face(5).child(3).child(2).child(3),
            CellId::from_face(0).child(0).child(1),
            CellId::from_face(2).child(1).child(2).child(3).child(0),
        ];
        q.sort();
        let q = CellUnion::from_verbatim(q).unwrap();
        let keys = KeyQuery::new(&q, Stored::Regions { min_level: 1 });
        for face in 0..6u8 {
            let mut stack = vec![CellId::from_face(face)];
            while let Some(c) = stack.pop() {
                let expect = brute(&q, c, true) && c.level() >= 1;
                assert_eq!(keys.matches(c) && c.level() >= 1, expect, "{c}");
                if c.level() < 6 {
                    stack.extend(c.children());
                }
            }
        }
        let signed = keys.signed_ranges();
        assert!(signed.windows(2).all(|w| w[0].1 < w[1].0));
        assert!(signed.iter().all(|r| r.0 <= r.1));
        assert!(
            signed.iter().any(|r| r.1 == i64::MAX) && signed.iter().any(|r| r.0 == i64::MIN + 1)
        );
    }
}
