//! Cell ids and cells: the Hilbert-curve index of the sphere.

mod batch;
mod cell_id;
mod coords;
mod fast;
mod geometry;
mod hilbert;
pub mod metrics;
mod neighbors;
mod token;

pub use batch::latlngs_to_cell_ids;
pub use cell_id::CellId;
pub use coords::MAX_LEVEL;
pub use geometry::Cell;
