//! What databases, search engines and ML pipelines are built from: B-tree
//! keys and key ranges ([`keys`]), inverted-index terms ([`terms`]) and
//! binary features ([`ml`]).
//!
//! Everything here takes points, cell ids or a covering (a [`CellUnion`](crate::CellUnion)),
//! so it works with any covering: Google's, the region coverer's, or a
//! fixed-level set of cells computed by hand.

mod error;
pub mod keys;
pub mod ml;
pub mod sql;
pub mod terms;

pub use error::FeatureError;
