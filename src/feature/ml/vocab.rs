//! The vocabulary: disjoint cells numbered in curve order.

use crate::feature::FeatureError;
use crate::{CellId, CellUnion, Region, RegionCoverer};

/// Bits of the lookup table that narrows the binary search (see
/// [`Vocabulary::index_of`]).
const RADIX_BITS: u32 = 12;

/// Disjoint cells numbered `0..len()` in curve order, with an optional
/// out-of-vocabulary bucket numbered `len()`.
///
/// A point's index is that of the vocabulary cell containing it. Cells may
/// have different levels (a normalized covering) as long as none contains
/// another.
///
/// ```
/// use s2cells::feature::ml::Vocabulary;
/// use s2cells::CellId;
///
/// let v = Vocabulary::from_cells(CellId::from_face(2).children(), false)?;
/// assert_eq!(v.len(), 4);
/// assert_eq!(v.index_of(CellId::from_face(2).child(3).child(1)), Some(3));
/// assert_eq!(v.index_of(CellId::from_face(1)), None);
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "SavedVocabulary", into = "SavedVocabulary")
)]
pub struct Vocabulary {
    cells: Vec<CellId>,
    oov_bucket: bool,
    /// `range_min` / `range_max` of each cell, as u64.
    mins: Vec<u64>,
    maxs: Vec<u64>,
    /// The lowest leaf covered and the shift that maps `leaf - lo` to a
    /// table slot.
    lo: u64,
    shift: u32,
    /// `starts[b]` = first cell whose `range_max >= lo + (b << shift)`.
    starts: Vec<u32>,
    /// The level shared by every cell, if any.
    level: Option<u8>,
}

impl Vocabulary {
    /// A vocabulary of the given cells (sorted and deduplicated here), with
    /// or without an out-of-vocabulary bucket.
    ///
    /// # Errors
    /// [`FeatureError::InvalidFeatureInput`] if the list is empty, holds more than
    /// `u32::MAX - 1` cells, or one cell contains another.
    pub fn from_cells(
        cells: impl IntoIterator<Item = CellId>,
        oov_bucket: bool,
    ) -> Result<Self, FeatureError> {
        let mut cells: Vec<CellId> = cells.into_iter().collect();
        cells.sort_unstable();
        cells.dedup();
        if cells.is_empty() {
            return Err(FeatureError::InvalidFeatureInput {
                input: String::from("an empty list of cells"),
                expected: "at least one vocabulary cell",
            });
        }
        if cells.len() >= u32::MAX as usize {
            return Err(FeatureError::InvalidFeatureInput {
                input: format!("{} cells", cells.len()),
                expected: "fewer than 2^32 - 1 vocabulary cells",
            });
        }
        if let Some(c) = cells.iter().find(|c| !c.is_valid()) {
            return Err(FeatureError::InvalidCellId { id: c.id() });
        }
        for w in cells.windows(2) {
            if w[0].range_max() >= w[1].range_min() {
                return Err(FeatureError::InvalidFeatureInput {
                    input: format!("cells {} and {}", w[0], w[1]),
                    expected: "vocabulary cells that do not contain one another",
                });
            }
        }
        Ok(Self::build(cells, oov_bucket))
    }

    /// The cells of a covering (e.g. a region's fixed-level covering).
    ///
    /// ```
    /// use s2cells::feature::ml::Vocabulary;
    /// use s2cells::{CellId, CellUnion};
    /// let cov = CellUnion::from_cell_ids(vec![CellId::from_face(0), CellId::from_face(5)]);
    /// assert_eq!(Vocabulary::from_covering(&cov, true)?.n_features(), 3);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`from_cells`](Self::from_cells) (an empty covering).
    pub fn from_covering(covering: &CellUnion, oov_bucket: bool) -> Result<Self, FeatureError> {
        Self::from_cells(covering.iter(), oov_bucket)
    }

    /// Every cell at `level` that may intersect a region (its fixed-level
    /// covering, streamed), as in the post's level-15 grid of a city.
    ///
    /// ```
    /// use s2cells::feature::ml::Vocabulary;
    /// use s2cells::LatLngRect;
    /// let porto_alegre = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
    /// assert_eq!(Vocabulary::from_region(&porto_alegre, 15, false)?.n_features(), 8523);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`FeatureError::InvalidLevel`] for a level above 30; as
    /// [`from_cells`](Self::from_cells) for a region without cells.
    pub fn from_region<R: Region + ?Sized>(
        region: &R,
        level: u8,
        oov_bucket: bool,
    ) -> Result<Self, FeatureError> {
        Self::from_cells(RegionCoverer::fixed_level_cells(region, level)?, oov_bucket)
    }

    /// The cells at `level` holding at least `min_count` of the given
    /// points (leaf cells or any cells at `level` or deeper), learned from
    /// data. Deterministic: the counting sorts, no hash map.
    ///
    /// ```
    /// use s2cells::feature::ml::Vocabulary;
    /// use s2cells::{CellId, LatLng};
    /// let a = CellId::from_latlng(LatLng::from_degrees(1.0, 1.0));
    /// let b = CellId::from_latlng(LatLng::from_degrees(50.0, 50.0));
    /// let v = Vocabulary::learn([a, a, a, b], 10, 2, true)?;
    /// assert_eq!(v.len(), 1);
    /// assert_eq!(v.index_of(b), Some(1)); // the out-of-vocabulary bucket
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`FeatureError::InvalidLevel`] for a level above 30;
    /// [`FeatureError::InvalidFeatureInput`] if no cell reaches `min_count`.
    pub fn learn(
        points: impl IntoIterator<Item = CellId>,
        level: u8,
        min_count: usize,
        oov_bucket: bool,
    ) -> Result<Self, FeatureError> {
        if level > crate::MAX_LEVEL {
            return Err(FeatureError::InvalidLevel {
                level: i64::from(level),
                expected: "a vocabulary level in 0..=30",
            });
        }
        let mut ids: Vec<CellId> = points
            .into_iter()
            .filter(|c| c.is_valid() && c.level() >= level)
            .map(|c| c.parent(level))
            .collect();
        ids.sort_unstable();
        let mut keep = Vec::new();
        let mut i = 0;
        while i < ids.len() {
            let j = i + ids[i..].partition_point(|c| *c == ids[i]);
            if j - i >= min_count.max(1) {
                keep.push(ids[i]);
            }
            i = j;
        }
        if keep.is_empty() {
            return Err(FeatureError::InvalidFeatureInput {
                input: format!("{} points at level {level}", ids.len()),
                expected: "at least one cell holding min_count points",
            });
        }
        Ok(Self::build(keep, oov_bucket))
    }

    fn build(cells: Vec<CellId>, oov_bucket: bool) -> Self {
        let mins: Vec<u64> = cells.iter().map(|c| c.range_min().id()).collect();
        let maxs: Vec<u64> = cells.iter().map(|c| c.range_max().id()).collect();
        let lo = mins[0];
        let span = maxs[maxs.len() - 1] - lo;
        // Smallest shift that maps the span into 2^RADIX_BITS slots.
        let bits = 64 - span.leading_zeros();
        let shift = bits.saturating_sub(RADIX_BITS);
        let slots = (span >> shift) as usize + 2;
        let mut starts = Vec::with_capacity(slots);
        let mut i = 0usize;
        for b in 0..slots as u64 {
            let begin = lo.saturating_add(b << shift);
            while i < maxs.len() && maxs[i] < begin {
                i += 1;
            }
            starts.push(i as u32);
        }
        let level = cells[0].level();
        let level = cells.iter().all(|c| c.level() == level).then_some(level);
        Self {
            cells,
            oov_bucket,
            mins,
            maxs,
            lo,
            shift,
            starts,
            level,
        }
    }

    /// Number of vocabulary cells (not counting the out-of-vocabulary
    /// bucket).
    #[must_use]
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Never true: a vocabulary has at least one cell.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Number of feature columns: `len()`, plus one with the
    /// out-of-vocabulary bucket.
    #[must_use]
    pub fn n_features(&self) -> usize {
        self.cells.len() + usize::from(self.oov_bucket)
    }

    /// Whether unknown cells go to the bucket `len()` (else they get no
    /// feature).
    #[must_use]
    pub fn has_oov_bucket(&self) -> bool {
        self.oov_bucket
    }

    /// The cells, in curve order; a cell's position is its index.
    #[must_use]
    pub fn cells(&self) -> &[CellId] {
        &self.cells
    }

    /// What each of the `n_features()` columns stands for: the cells in
    /// order, then the bucket if there is one.
    ///
    /// ```
    /// use s2cells::feature::ml::{FeatureColumn, Vocabulary};
    /// use s2cells::CellId;
    /// let v = Vocabulary::from_cells(CellId::from_face(2).children(), true)?;
    /// let cols = v.feature_columns();
    /// assert_eq!(cols.len(), 5);
    /// assert_eq!(cols[4], FeatureColumn::OutOfVocabulary(Some(1)));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn feature_columns(&self) -> Vec<super::FeatureColumn> {
        let mut cols: Vec<super::FeatureColumn> = self
            .cells
            .iter()
            .map(|&c| super::FeatureColumn::Cell(c))
            .collect();
        if self.oov_bucket {
            cols.push(super::FeatureColumn::OutOfVocabulary(self.level));
        }
        cols
    }

    /// The cell with index `i` (`None` for the bucket or past the end).
    #[must_use]
    pub fn cell(&self, i: u32) -> Option<CellId> {
        self.cells.get(i as usize).copied()
    }

    /// The level all cells share, if they do.
    #[must_use]
    pub fn level(&self) -> Option<u8> {
        self.level
    }

    /// The index of the vocabulary cell containing `id` (a leaf, or a cell
    /// of any level inside a vocabulary cell), else the out-of-vocabulary
    /// bucket if there is one, else `None`.
    ///
    /// A table over the vocabulary's span narrows the search to the few
    /// cells in one slot, then a short branch-free search finishes: about
    /// half the time of a plain binary search of the points' parents
    /// (`bench/compare/benches/feature.rs`; the figures are in
    /// BENCHMARKS.md, "What each trick bought").
    #[inline]
    #[must_use]
    pub fn index_of(&self, id: CellId) -> Option<u32> {
        match self.find(id.id()) {
            Some(i) => Some(i),
            None if self.oov_bucket => Some(self.cells.len() as u32),
            None => None,
        }
    }

    /// The indices of the vocabulary cells that a region's covering meets
    /// (contains, or lies inside), sorted: the multi-hot encoding of a
    /// region. No bucket: a region outside the vocabulary has no columns.
    ///
    /// ```
    /// use s2cells::feature::ml::Vocabulary;
    /// use s2cells::{CellId, CellUnion};
    /// let v = Vocabulary::from_cells(CellId::from_face(2).child(1).children(), false)?;
    /// let region = CellUnion::from_cell_ids(vec![CellId::from_face(2)]);
    /// assert_eq!(v.indices_meeting(&region), [0, 1, 2, 3]);
    /// let small = CellUnion::from_cell_ids(vec![CellId::from_face(2).child(1).child(3).child(0)]);
    /// assert_eq!(v.indices_meeting(&small), [3]);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn indices_meeting(&self, covering: &CellUnion) -> Vec<u32> {
        let mut out = Vec::new();
        for c in covering {
            let (lo, hi) = (c.range_min().id(), c.range_max().id());
            let mut i = self.maxs.partition_point(|&m| m < lo);
            while i < self.mins.len() && self.mins[i] <= hi {
                out.push(i as u32);
                i += 1;
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The vocabulary index of a cell id, without the bucket.
    #[inline]
    fn find(&self, x: u64) -> Option<u32> {
        let off = x.wrapping_sub(self.lo);
        let slot = (off >> self.shift) as usize;
        if x < self.lo || slot + 1 >= self.starts.len() {
            return None;
        }
        // The first cell with max >= x lies in starts[slot]..=starts[slot+1].
        let mut base = self.starts[slot] as usize;
        let end = (self.starts[slot + 1] as usize + 1).min(self.maxs.len());
        let mut len = end - base;
        while len > 1 {
            let half = len / 2;
            // Branch-free: the compiler turns this into a conditional move.
            base = if self.maxs[base + half - 1] < x {
                base + half
            } else {
                base
            };
            len -= half;
        }
        if base < self.maxs.len() && self.maxs[base] < x {
            base += 1;
        }
        (base < self.mins.len() && self.mins[base] <= x && x <= self.maxs[base])
            .then_some(base as u32)
    }
}

/// The saved form: tokens in curve order and the bucket flag.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedVocabulary {
    format: String,
    oov_bucket: bool,
    cells: Vec<CellId>,
}

#[cfg(feature = "serde")]
impl From<Vocabulary> for SavedVocabulary {
    fn from(v: Vocabulary) -> Self {
        Self {
            format: String::from("s2cells-vocabulary-1"),
            oov_bucket: v.oov_bucket,
            cells: v.cells,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<SavedVocabulary> for Vocabulary {
    type Error = FeatureError;
    fn try_from(s: SavedVocabulary) -> Result<Self, FeatureError> {
        if s.format != "s2cells-vocabulary-1" {
            return Err(FeatureError::InvalidFeatureInput {
                input: format!("format {:?}", s.format),
                expected: "\"s2cells-vocabulary-1\"",
            });
        }
        // Saved vocabularies are sorted; refuse a reordered file rather than
        // silently renumbering the features a model was trained on.
        if s.cells.windows(2).any(|w| w[0] >= w[1]) {
            return Err(FeatureError::InvalidFeatureInput {
                input: String::from(
                    "a saved vocabulary whose cells are not in strictly increasing order",
                ),
                expected: "the cells in the order they were saved",
            });
        }
        Self::from_cells(s.cells, s.oov_bucket)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_of_is_a_linear_scan() {
        let mut cells = Vec::new();
        let mut c = CellId::from_face(4).child_begin_at(7);
        for k in 0..3000u64 {
            if k % 3 != 0 {
                cells.push(c);
            }
            c = c.next();
        }
        // Mixed levels too.
        cells.push(CellId::from_face(0).child(2));
        cells.push(CellId::from_face(5).child(3).child(3).child(3));
        let v = Vocabulary::from_cells(cells.clone(), false).unwrap();
        let mut x = 0x0123_4567_89ab_cdefu64;
        for _ in 0..20_000 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let leaf = CellId::from_face_pos_level((x % 6) as u8, x >> 3, 30);
            let near = CellId::from_face(4)
                .child_begin_at(7)
                .advance((x >> 40) as i64 % 3100)
                .child_begin_at(30)
                .advance((x >> 20) as i64 & 0xffff);
            for q in [leaf, near] {
                let want = v
                    .cells()
                    .iter()
                    .position(|c| c.contains(q))
                    .map(|i| i as u32);
                assert_eq!(v.index_of(q), want, "{q}");
            }
        }
        assert!(
            Vocabulary::from_cells(
                vec![CellId::from_face(0), CellId::from_face(0).child(1)],
                false
            )
            .is_err()
        );
        assert!(Vocabulary::from_cells(Vec::new(), true).is_err());
    }
}
