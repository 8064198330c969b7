//! Binary features for machine learning from points: one-hot over a
//! vocabulary of cells, multi-hot over several levels, hashed buckets and
//! neighbor cells, written as CSR arrays, libsvm lines, dense CSV, NumPy
//! `.npy` or SciPy's sparse `.npz`; every column is named after what it
//! stands for ([`FeatureColumn`]).
//!
//! Raw 64-bit cell ids cannot index an embedding table or a weight vector;
//! a [`Vocabulary`] maps the cells that matter to `0..len` (sorted, so the
//! mapping is a binary search and the same on every machine), with an
//! optional out-of-vocabulary bucket. Save it with the model (JSON, feature
//! `serde`) so that training and serving number the cells alike.
//!
//! ```
//! use s2cells::feature::ml::{OneHot, Vocabulary};
//! use s2cells::{CellId, LatLng};
//!
//! let home = CellId::from_latlng(LatLng::from_degrees(-30.0438, -51.14022));
//! // The level-15 cells of a small grid around home, as the post's city grid.
//! let grid: Vec<CellId> = home.parent(15).all_neighbors(15).into_iter().chain([home.parent(15)]).collect();
//! let vocab = Vocabulary::from_cells(grid, true)?;
//! let enc = OneHot::new(vocab);
//! let far = CellId::from_latlng(LatLng::from_degrees(48.85, 2.35));
//! let csr = enc.encode(&[home, far]);
//! assert_eq!(csr.n_features(), 10); // 9 cells + the out-of-vocabulary bucket
//! assert_eq!(csr.row(1), &[9]); // Paris is out of vocabulary
//! assert_eq!(enc.vocabulary().cell(csr.row(0)[0]), Some(home.parent(15)));
//! # Ok::<(), s2cells::Error>(())
//! ```

#[cfg(feature = "arrow")]
pub mod arrow;
mod columns;
mod encode;
mod hash;
pub mod npy;
pub mod npz;
mod output;
mod vocab;

pub use columns::FeatureColumn;
pub use encode::{HashedBuckets, MultiLevel, Neighbors, OneHot};
pub use hash::stable_hash;
pub use output::Csr;
pub use vocab::Vocabulary;
