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

/// xorshift64: the fixed-seed stream that places the benches' star
/// polygons' vertices and query cells (`coverer`, `shape_index`), the same
/// on every platform.
///
/// ```
/// let mut rng = s2cells_bench::XorShift64(42);
/// let x = rng.f64();
/// assert!((0.0..1.0).contains(&x));
/// ```
#[derive(Clone, Debug)]
pub struct XorShift64(pub u64);

impl XorShift64 {
    /// Uniform in [0, 1), from the top 53 bits of the next value.
    pub fn f64(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}
