//! Cell ids and cells: the Hilbert-curve index of the sphere.

// The pedantic findings in these four files (issue 17's, being reworked
// there) are theirs to fix: `# Errors` sections, one doc backtick, one
// argument by value. Remove these allows with them.
#[allow(clippy::missing_errors_doc)]
mod batch;
#[allow(clippy::missing_errors_doc)]
pub(crate) mod cell_id;
pub(crate) mod error;
#[allow(clippy::doc_markdown, clippy::needless_pass_by_value)]
mod fast;
pub(crate) mod geometry;
mod hilbert;
pub mod metrics;
mod neighbors;
mod padded_cell;
#[allow(clippy::missing_errors_doc)]
mod token;

pub use crate::geom::coords::MAX_LEVEL;
pub use batch::latlngs_to_cell_ids;
pub use cell_id::CellId;
pub use error::{CellError, TokenError};
pub use geometry::Cell;
pub(crate) use padded_cell::PaddedCell;
