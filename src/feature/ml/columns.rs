//! What each feature column stands for, and its name.

use crate::CellId;

/// What one feature column stands for: a vocabulary cell, a vocabulary's
/// out-of-vocabulary bucket, or a hash bucket.
///
/// Names are meant for CSV headers and data-frame columns: a cell column is
/// `s2_<level>_<token>` (`s2_15_951977d34`), a bucket `s2_<level>_oov` (or
/// `s2_oov` for a vocabulary of mixed levels), a hash bucket `hash_<n>`.
///
/// ```
/// use s2cells::feature::ml::{FeatureColumn, OneHot, Vocabulary};
/// use s2cells::CellId;
/// let c = CellId::from_token("951977d34")?;
/// let enc = OneHot::new(Vocabulary::from_cells([c], true)?);
/// let cols = enc.feature_columns();
/// assert_eq!(cols[0], FeatureColumn::Cell(c));
/// assert_eq!(cols[0].name(), "s2_15_951977d34");
/// assert_eq!(cols[1].name(), "s2_15_oov");
/// assert_eq!((cols[1].token(), cols[1].level()), (None, Some(15)));
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeatureColumn {
    /// Points inside this vocabulary cell.
    Cell(CellId),
    /// Points outside a vocabulary, whose cells have this level (`None`
    /// when they have several).
    OutOfVocabulary(Option<u8>),
    /// Points whose hashed cell lands in bucket `n`.
    HashBucket(u32),
}

impl FeatureColumn {
    /// The column's name (see the type's doc).
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Self::Cell(c) => format!("s2_{}_{}", c.level(), c.to_token()),
            Self::OutOfVocabulary(Some(l)) => format!("s2_{l}_oov"),
            Self::OutOfVocabulary(None) => String::from("s2_oov"),
            Self::HashBucket(n) => format!("hash_{n}"),
        }
    }

    /// The cell's token, for a cell column.
    #[must_use]
    pub fn token(&self) -> Option<String> {
        match self {
            Self::Cell(c) => Some(c.to_token()),
            _ => None,
        }
    }

    /// The level of the column's cells, where it has one.
    #[must_use]
    pub fn level(&self) -> Option<u8> {
        match self {
            Self::Cell(c) => Some(c.level()),
            Self::OutOfVocabulary(l) => *l,
            Self::HashBucket(_) => None,
        }
    }
}
