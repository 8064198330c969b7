//! Benchmarks of s2cells beside its peers, kept out of the library's
//! dev-dependencies so that `cargo test -p s2cells` builds quickly.
//!
//! The benches are in `benches/` (criterion, `harness = false`):
//!
//! - `cell`: cell-id operations beside Google's C++ (built `-O3` and
//!   `-O3 -march=native`), the `s2` crate and h3o
//!   (`tools/bench/run-cell-bench.sh`);
//! - `coverer`: rectangle, cap and polygon coverings beside Google's C++
//!   and the `s2` crate (`tools/bench/run-coverer-bench.sh`);
//! - `shape_index`: the polygon shape index;
//! - `feature`: keys, terms and ML features;
//! - `feature_db`: key-range queries on SQLite and PostgreSQL beside full
//!   scans and an rstar R-tree.
//!
//! Run one with `cargo bench -p s2cells-bench --bench NAME`. BENCHMARKS.md
//! at the repository root has the figures and the commands that made them.
