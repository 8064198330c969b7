//! What can go wrong making keys, SQL, terms or ML features.

use std::fmt;

use crate::cell::error::{write_invalid_cell_id, write_invalid_level};
use crate::coverer::CovererError;

/// Why a key, SQL statement, term indexer or feature encoder could not be
/// made. Each variant carries the offending input, so the message names
/// it.
///
/// Converts into the crate's [`Error`](crate::Error) with `?`.
///
/// ```
/// use s2cells::FeatureError;
/// use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
///
/// let err = SqlTable::new(SqlDialect::Postgres, SqlKey::Signed, "points; DROP TABLE x", "cell").unwrap_err();
/// assert!(matches!(err, FeatureError::InvalidSqlIdentifier { .. }));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum FeatureError {
    /// A term indexer marker that is not an ASCII character other than a
    /// letter or digit (it would be confused with a token).
    InvalidTermMarker {
        /// The marker as given.
        marker: char,
    },
    /// Index terms for a region asked of a term indexer whose options say
    /// the index holds only points.
    PointsOnlyIndex,
    /// An SQL identifier (table or column name) that s2cells will not put
    /// into a statement.
    InvalidSqlIdentifier {
        /// The name as given.
        name: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A feature encoder input that cannot be used: an empty vocabulary,
    /// zero hash buckets, a malformed saved vocabulary, or shapes that do
    /// not agree.
    InvalidFeatureInput {
        /// What was given.
        input: String,
        /// What was expected.
        expected: &'static str,
    },
    /// A level outside `0..=30`, or deeper than the cells it applies to.
    InvalidLevel {
        /// The level as given.
        level: i64,
        /// What was expected.
        expected: &'static str,
    },
    /// A 64-bit value that is not a valid cell id.
    InvalidCellId {
        /// The value as given.
        id: u64,
    },
    /// A key range whose ends are not leaf cells in order.
    InvalidKeyRange {
        /// The first end, as given.
        first: u64,
        /// The last end, as given.
        last: u64,
    },
    /// Coverer options (a term indexer's levels, `level_mod`, `max_cells`)
    /// that the coverer refuses.
    Coverer(CovererError),
}

impl From<CovererError> for FeatureError {
    fn from(e: CovererError) -> Self {
        Self::Coverer(e)
    }
}

impl fmt::Display for FeatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidTermMarker { marker } => write!(
                f,
                "invalid term marker {marker:?}: expected an ASCII character that is not a letter or digit"
            ),
            Self::PointsOnlyIndex => f.write_str(
                "index terms for a region asked of a term indexer whose index holds only points",
            ),
            Self::InvalidSqlIdentifier { name, reason } => {
                write!(f, "invalid SQL identifier {name:?}: {reason}")
            }
            Self::InvalidFeatureInput { input, expected } => {
                write!(f, "invalid feature input {input}: expected {expected}")
            }
            Self::InvalidLevel { level, expected } => write_invalid_level(f, *level, expected),
            Self::InvalidCellId { id } => write_invalid_cell_id(f, *id),
            Self::InvalidKeyRange { first, last } => write!(
                f,
                "invalid key range from id {first} (0x{first:016x}) to id {last} \
                 (0x{last:016x}): expected two leaf cell ids, the first no greater than the last"
            ),
            Self::Coverer(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for FeatureError {}
