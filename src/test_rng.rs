//! A tiny deterministic generator for the crate's unit tests (no crate
//! needed, same numbers on every machine).

/// xorshift64*: the next number in [0, 1) from `state` (nonzero).
pub(crate) fn next(state: &mut u64) -> f64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
}
