//! Cell ids and cells: the Hilbert-curve index of the sphere.

mod batch;
pub(crate) mod cell_id;
pub(crate) mod error;
mod fast;
pub(crate) mod geometry;
mod hilbert;
pub mod metrics;
mod neighbors;
mod padded_cell;
mod token;

pub use crate::geom::coords::MAX_LEVEL;
pub use batch::latlngs_to_cell_ids;
pub use cell_id::CellId;
pub use error::{CellError, TokenError};
pub use geometry::Cell;
pub(crate) use padded_cell::PaddedCell;
