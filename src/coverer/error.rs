//! What can go wrong setting up the coverer or covering a region.

use std::fmt;

use crate::cell::error::{write_invalid_cell_id, write_invalid_level};
use crate::geom::error::write_invalid_point;
use crate::region::error::{write_invalid_cell_union, write_invalid_level_mod};

/// Why the coverer refused: an option out of range (where Google clamps
/// or asserts), a covering over its cell budget, or a start cell or point
/// that is not valid.
///
/// Converts into the crate's [`Error`](crate::Error) with `?`.
///
/// ```
/// use s2cells::{CovererError, RegionCoverer};
///
/// let err = RegionCoverer::new().level_mod(4).unwrap_err();
/// assert_eq!(err, CovererError::InvalidLevelMod { level_mod: 4 });
/// assert_eq!(err.to_string(), "invalid level step 4: expected 1, 2 or 3");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum CovererError {
    /// A level outside `0..=30`, or out of order with the other level.
    InvalidLevel {
        /// The level as given.
        level: i64,
        /// What was expected.
        expected: &'static str,
    },
    /// A level step outside `1..=3`.
    InvalidLevelMod {
        /// The step as given.
        level_mod: u8,
    },
    /// A region coverer asked for at most zero cells.
    InvalidMaxCells {
        /// The count as given.
        max_cells: usize,
    },
    /// A covering would need more cells than the budget allows.
    CoveringOverBudget {
        /// The budget.
        budget: usize,
        /// How many cells the covering had when it passed the budget (at
        /// least `budget + 1`; the full covering may have more).
        cells: usize,
    },
    /// A start cell that is not a valid cell id.
    InvalidCellId {
        /// The value as given.
        id: u64,
    },
    /// A start point that is not finite or is the zero vector.
    InvalidPoint {
        /// The coordinates, as given.
        xyz: [f64; 3],
    },
    /// A covering to canonicalize whose ids are invalid, unsorted or
    /// overlapping.
    InvalidCellUnion {
        /// Position of the first offending id in the input.
        index: usize,
        /// That id.
        id: u64,
        /// What was expected of it.
        expected: &'static str,
    },
}

impl fmt::Display for CovererError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidLevel { level, expected } => write_invalid_level(f, *level, expected),
            Self::InvalidLevelMod { level_mod } => write_invalid_level_mod(f, *level_mod),
            Self::InvalidMaxCells { max_cells } => write_invalid_max_cells(f, *max_cells),
            Self::CoveringOverBudget { budget, cells } => write!(
                f,
                "the covering needs more than {budget} cells (reached {cells})"
            ),
            Self::InvalidCellId { id } => write_invalid_cell_id(f, *id),
            Self::InvalidPoint { xyz } => write_invalid_point(f, xyz),
            Self::InvalidCellUnion {
                index,
                id,
                expected,
            } => write_invalid_cell_union(f, *index, *id, expected),
        }
    }
}

/// The message of a `max_cells` of 0.
fn write_invalid_max_cells(f: &mut fmt::Formatter<'_>, max_cells: usize) -> fmt::Result {
    write!(f, "invalid max_cells {max_cells}: expected at least 1")
}

impl std::error::Error for CovererError {}
