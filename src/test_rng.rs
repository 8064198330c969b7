//! A tiny deterministic generator for the crate's unit tests (no crate
//! needed, same numbers on every machine).

/// xorshift64*: the next 64-bit number from `state` (nonzero).
pub(crate) fn next_u64(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// The next number in [0, 1) from `state` (nonzero).
pub(crate) fn next(state: &mut u64) -> f64 {
    (next_u64(state) >> 11) as f64 / (1u64 << 53) as f64
}
