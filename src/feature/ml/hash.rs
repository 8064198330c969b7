//! The stable hash behind hashed features.

/// A 64-bit hash of a cell id under a seed, the same on every platform and
/// in every run: SplitMix64's finalizer (Steele, Lea, Flood 2014) applied
/// to `id + (seed + 1) * 0x9e3779b97f4a7c15`, wrapping. Integer arithmetic
/// only, no per-process randomness, so features hashed at training time
/// are the features hashed at serving time, in any language that has
/// 64-bit wrapping multiplication.
///
/// ```
/// use s2cells::feature::ml::stable_hash;
/// // Fixed values: these never change.
/// assert_eq!(stable_hash(0x1000000000000000, 0), 0x90b6e949a6ddfcf7);
/// assert_eq!(stable_hash(0x1000000000000000, 1), 0x354ea66ed80eac25);
/// ```
#[must_use]
#[inline]
pub const fn stable_hash(id: u64, seed: u64) -> u64 {
    let mut z = id.wrapping_add(seed.wrapping_add(1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
