//! The encoders: one-hot, multi-level, hashed and neighbor features.

use super::FeatureColumn;
use super::hash::stable_hash;
use super::output::Csr;
use super::vocab::Vocabulary;
use crate::feature::FeatureError;
use crate::{CellId, MAX_LEVEL};

/// One-hot features: a point's feature is the index of the vocabulary cell
/// containing it (or the out-of-vocabulary bucket).
///
/// ```
/// use s2cells::feature::ml::{OneHot, Vocabulary};
/// use s2cells::CellId;
/// let enc = OneHot::new(Vocabulary::from_cells(CellId::from_face(3).children(), false)?);
/// let p = CellId::from_face(3).child(2).child_begin_at(30);
/// assert_eq!(enc.index_of(p), Some(2));
/// let mut out = vec![0u32; 2];
/// assert_eq!(enc.encode_into(&[p, CellId::from_face(0).child_begin_at(30)], &mut out), 1);
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneHot {
    vocab: Vocabulary,
}

impl OneHot {
    /// The encoder for a vocabulary.
    #[must_use]
    pub fn new(vocab: Vocabulary) -> Self {
        Self { vocab }
    }

    /// The vocabulary.
    #[must_use]
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// What each column stands for (see [`Vocabulary::feature_columns`]).
    #[must_use]
    pub fn feature_columns(&self) -> Vec<FeatureColumn> {
        self.vocab.feature_columns()
    }

    /// The feature index of one point (a leaf cell id), if it has one.
    #[inline]
    #[must_use]
    pub fn index_of(&self, id: CellId) -> Option<u32> {
        self.vocab.index_of(id)
    }

    /// Dense indices for a batch: `out[i]` is point `i`'s index, or
    /// `u32::MAX` when it has none. Returns how many points had one. Only
    /// `min(points.len(), out.len())` points are encoded.
    pub fn encode_into(&self, points: &[CellId], out: &mut [u32]) -> usize {
        let mut hits = 0;
        for (p, o) in points.iter().zip(out.iter_mut()) {
            let i = self.vocab.index_of(*p);
            hits += usize::from(i.is_some());
            *o = i.unwrap_or(u32::MAX);
        }
        hits
    }

    /// The features of a batch as a CSR matrix (one row per point, at most
    /// one column set).
    #[must_use]
    pub fn encode(&self, points: &[CellId]) -> Csr {
        let mut csr = Csr::with_capacity(self.vocab.n_features(), points.len(), points.len());
        for p in points {
            if let Some(i) = self.vocab.index_of(*p) {
                csr.push_index(i);
            }
            csr.end_row();
        }
        csr
    }
}

/// Multi-hot features over several levels: a point gets one feature per
/// level, for its ancestor at that level, each level with its own
/// vocabulary; column blocks are laid side by side in level order.
///
/// ```
/// use s2cells::feature::ml::{MultiLevel, Vocabulary};
/// use s2cells::{CellId, LatLng};
/// let p = CellId::from_latlng(LatLng::from_degrees(10.0, 20.0));
/// let enc = MultiLevel::new(vec![
///     Vocabulary::from_cells([p.parent(4), p.parent(4).next()], true)?,
///     Vocabulary::from_cells([p.parent(8)], true)?,
/// ])?;
/// assert_eq!(enc.levels(), &[4, 8]);
/// assert_eq!(enc.n_features(), 5); // 2 + bucket, 1 + bucket
/// assert_eq!(enc.encode(&[p]).row(0), &[0, 3]);
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiLevel {
    vocabs: Vec<Vocabulary>,
    levels: Vec<u8>,
    offsets: Vec<u32>,
}

impl MultiLevel {
    /// One vocabulary per level, each of cells of one level, levels
    /// strictly increasing.
    ///
    /// # Errors
    /// [`FeatureError::InvalidFeatureInput`] when a vocabulary mixes levels, the
    /// levels do not increase, or there are too many columns for `u32`.
    pub fn new(vocabs: Vec<Vocabulary>) -> Result<Self, FeatureError> {
        let mut levels = Vec::with_capacity(vocabs.len());
        let mut offsets = Vec::with_capacity(vocabs.len());
        let mut total: u64 = 0;
        for v in &vocabs {
            let Some(level) = v.level() else {
                return Err(FeatureError::InvalidFeatureInput {
                    input: String::from("a vocabulary with cells of several levels"),
                    expected: "one level per vocabulary in a multi-level encoder",
                });
            };
            if levels.last().is_some_and(|&l| l >= level) {
                return Err(FeatureError::InvalidFeatureInput {
                    input: format!("level {level} after level {}", levels[levels.len() - 1]),
                    expected: "vocabularies in strictly increasing level order",
                });
            }
            levels.push(level);
            offsets.push(total as u32);
            total += v.n_features() as u64;
            if total >= u64::from(u32::MAX) {
                return Err(FeatureError::InvalidFeatureInput {
                    input: format!("{total} columns"),
                    expected: "fewer than 2^32 - 1 columns",
                });
            }
        }
        if vocabs.is_empty() {
            return Err(FeatureError::InvalidFeatureInput {
                input: String::from("no vocabulary"),
                expected: "at least one level",
            });
        }
        Ok(Self {
            vocabs,
            levels,
            offsets,
        })
    }

    /// The levels, shallowest first.
    #[must_use]
    pub fn levels(&self) -> &[u8] {
        &self.levels
    }

    /// Total number of columns.
    #[must_use]
    pub fn n_features(&self) -> usize {
        self.vocabs.iter().map(Vocabulary::n_features).sum()
    }

    /// What each column stands for: each level's block in turn.
    ///
    /// ```
    /// use s2cells::feature::ml::{MultiLevel, Vocabulary};
    /// use s2cells::CellId;
    /// let c = CellId::from_token("951977d34")?;
    /// let enc = MultiLevel::new(vec![
    ///     Vocabulary::from_cells([c.parent(4)], true)?,
    ///     Vocabulary::from_cells([c], false)?,
    /// ])?;
    /// let names: Vec<String> = enc.feature_columns().iter().map(|c| c.name()).collect();
    /// assert_eq!(names, ["s2_4_951", "s2_4_oov", "s2_15_951977d34"]);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn feature_columns(&self) -> Vec<FeatureColumn> {
        self.vocabs
            .iter()
            .flat_map(Vocabulary::feature_columns)
            .collect()
    }

    /// The vocabularies, one per level.
    #[must_use]
    pub fn vocabularies(&self) -> &[Vocabulary] {
        &self.vocabs
    }

    /// The features of a batch: for each point, the columns of its
    /// ancestors that the vocabularies know, in level order.
    #[must_use]
    pub fn encode(&self, points: &[CellId]) -> Csr {
        let mut csr = Csr::with_capacity(
            self.n_features(),
            points.len(),
            points.len() * self.vocabs.len(),
        );
        for p in points {
            for ((v, &level), &off) in self.vocabs.iter().zip(&self.levels).zip(&self.offsets) {
                if p.level() >= level
                    && let Some(i) = v.index_of(p.parent(level))
                {
                    csr.push_index(off + i);
                }
            }
            csr.end_row();
        }
        csr
    }
}

/// Hashed features: a point's cell at a level, hashed by `n_hashes`
/// independent [`stable_hash`] functions (seeds `0..n_hashes`) into
/// `n_buckets` columns. No vocabulary to keep; collisions are the price.
///
/// ```
/// use s2cells::feature::ml::{stable_hash, HashedBuckets};
/// use s2cells::{CellId, LatLng};
/// let enc = HashedBuckets::new(12, 1 << 16, 2)?;
/// let p = CellId::from_latlng(LatLng::from_degrees(10.0, 20.0));
/// let cols = enc.columns(p);
/// assert_eq!(cols[0] as u64, stable_hash(p.parent(12).id(), 0) % (1 << 16));
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashedBuckets {
    level: u8,
    n_buckets: u32,
    n_hashes: u8,
}

impl HashedBuckets {
    /// `n_hashes` (1..=16) hashes of the level-`level` cell into
    /// `n_buckets` (at least 1) columns.
    ///
    /// # Errors
    /// [`FeatureError::InvalidLevel`] or [`FeatureError::InvalidFeatureInput`].
    pub fn new(level: u8, n_buckets: u32, n_hashes: u8) -> Result<Self, FeatureError> {
        if level > MAX_LEVEL {
            return Err(FeatureError::InvalidLevel {
                level: i64::from(level),
                expected: "a level in 0..=30",
            });
        }
        if n_buckets == 0 || !(1..=16).contains(&n_hashes) {
            return Err(FeatureError::InvalidFeatureInput {
                input: format!("{n_buckets} buckets, {n_hashes} hashes"),
                expected: "at least 1 bucket and 1 to 16 hashes",
            });
        }
        Ok(Self {
            level,
            n_buckets,
            n_hashes,
        })
    }

    /// The level of the hashed cells.
    #[must_use]
    pub fn level(&self) -> u8 {
        self.level
    }

    /// The hash buckets, one column each.
    ///
    /// ```
    /// use s2cells::feature::ml::{FeatureColumn, HashedBuckets};
    /// let cols = HashedBuckets::new(12, 4, 1)?.feature_columns();
    /// assert_eq!(cols[3], FeatureColumn::HashBucket(3));
    /// assert_eq!(cols[3].name(), "hash_3");
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    #[must_use]
    pub fn feature_columns(&self) -> Vec<FeatureColumn> {
        (0..self.n_buckets).map(FeatureColumn::HashBucket).collect()
    }

    /// The columns of one point (a cell at `level` or deeper), sorted and
    /// without duplicates (two hashes may land in one bucket).
    #[must_use]
    pub fn columns(&self, id: CellId) -> Vec<u32> {
        let key = id.parent(self.level.min(id.level())).id();
        let mut cols: Vec<u32> = (0..u64::from(self.n_hashes))
            .map(|s| (stable_hash(key, s) % u64::from(self.n_buckets)) as u32)
            .collect();
        cols.sort_unstable();
        cols.dedup();
        cols
    }

    /// The features of a batch.
    #[must_use]
    pub fn encode(&self, points: &[CellId]) -> Csr {
        let mut csr = Csr::with_capacity(
            self.n_buckets as usize,
            points.len(),
            points.len() * usize::from(self.n_hashes),
        );
        for p in points {
            for c in self.columns(*p) {
                csr.push_index(c);
            }
            csr.end_row();
        }
        csr
    }
}

/// Which neighbors [`Neighbors`] adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Neighbors {
    /// The cell and its 4 edge neighbors.
    Edge,
    /// The cell and all its edge and vertex neighbors (8, or 7 at a cube
    /// corner).
    Vertex,
}

impl Neighbors {
    /// The columns of a point's cell and its neighbors at the vocabulary's
    /// level, sorted, without duplicates; cells outside the vocabulary go
    /// to its bucket or are left out.
    ///
    /// # Errors
    /// [`FeatureError::InvalidFeatureInput`] if the vocabulary mixes levels or the
    /// point is shallower than its level.
    ///
    /// ```
    /// use s2cells::feature::ml::{Neighbors, Vocabulary};
    /// use s2cells::{CellId, LatLng};
    /// let p = CellId::from_latlng(LatLng::from_degrees(10.0, 20.0));
    /// let c = p.parent(10);
    /// let v = Vocabulary::from_cells(c.all_neighbors(10).into_iter().chain([c]), false)?;
    /// assert_eq!(Neighbors::Edge.columns(&v, p)?.len(), 5);
    /// assert_eq!(Neighbors::Vertex.columns(&v, p)?.len(), 9);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn columns(self, vocab: &Vocabulary, id: CellId) -> Result<Vec<u32>, FeatureError> {
        let Some(level) = vocab.level().filter(|&l| l <= id.level()) else {
            return Err(FeatureError::InvalidFeatureInput {
                input: format!("cell {id} with a vocabulary of levels {:?}", vocab.level()),
                expected: "a one-level vocabulary no deeper than the point",
            });
        };
        let c = id.parent(level);
        let mut cells = vec![c];
        match self {
            Self::Edge => cells.extend(c.edge_neighbors()),
            Self::Vertex => cells.extend(c.all_neighbors(level)),
        }
        let mut cols: Vec<u32> = cells
            .into_iter()
            .filter_map(|n| vocab.index_of(n))
            .collect();
        cols.sort_unstable();
        cols.dedup();
        Ok(cols)
    }

    /// The features of a batch.
    ///
    /// # Errors
    /// As [`columns`](Self::columns).
    pub fn encode(self, vocab: &Vocabulary, points: &[CellId]) -> Result<Csr, FeatureError> {
        let mut csr = Csr::with_capacity(vocab.n_features(), points.len(), points.len() * 9);
        for p in points {
            for c in self.columns(vocab, *p)? {
                csr.push_index(c);
            }
            csr.end_row();
        }
        Ok(csr)
    }
}
