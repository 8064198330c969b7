//! Cell ids and cells: the Hilbert-curve index of the sphere.

mod batch;
pub(crate) mod cell_id;
mod curve;
pub(crate) mod error;
pub(crate) mod face_ij;
mod fast;
pub(crate) mod geometry;
mod hierarchy;
mod hilbert;
pub mod metrics;
mod neighbors;
mod padded_cell;
mod token;

pub use crate::geom::coords::MAX_LEVEL;
pub use batch::{
    CellIdBits, InvalidInputs, Isa, Kernels, TokenOffset, cell_ids_contain, cell_ids_to_centers,
    cell_ids_to_parents, cell_ids_to_tokens, latlngs_to_cell_ids,
};
pub use cell_id::CellId;
pub use error::{CellError, TokenError};
pub use face_ij::FaceIjOrientation;
pub use geometry::Cell;
pub(crate) use padded_cell::PaddedCell;
pub use token::Token;
