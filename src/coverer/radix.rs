//! A least-significant-digit radix sort for the coverer's raw cells.
//!
//! The coverer finds cells in queue order, not id order, and a
//! fixed-level covering has thousands of them; `sort_unstable` was 13% of
//! the Porto Alegre level-15 covering, this sort a third of that. Passes
//! whose digit is the same in every id (the low bits of cells of one
//! level) are skipped.

use crate::CellId;

const BITS: u32 = 11;
const BUCKETS: usize = 1 << BITS;

/// Sorts `ids` by value; small inputs go to `sort_unstable`.
pub(super) fn sort(ids: &mut [CellId]) {
    if ids.len() < 512 {
        ids.sort_unstable();
        return;
    }
    // The ids themselves are moved (no id is rebuilt from its bits),
    // back and forth between `ids` and one scratch copy.
    let mut scratch: Vec<CellId> = ids.to_vec();
    let in_scratch = {
        let (mut src, mut dst): (&mut [CellId], &mut [CellId]) = (ids, &mut scratch);
        let mut in_scratch = false;
        let mut counts = vec![0usize; BUCKETS];
        let digit = |id: &CellId, shift: u32| ((id.id() >> shift) as usize) & (BUCKETS - 1);
        let mut shift = 0;
        while shift < 64 {
            counts.fill(0);
            for id in src.iter() {
                counts[digit(id, shift)] += 1;
            }
            if counts.contains(&src.len()) {
                shift += BITS;
                continue;
            }
            let mut sum = 0;
            for c in &mut counts {
                let n = *c;
                *c = sum;
                sum += n;
            }
            for &id in src.iter() {
                let b = digit(&id, shift);
                dst[counts[b]] = id;
                counts[b] += 1;
            }
            std::mem::swap(&mut src, &mut dst);
            in_scratch = !in_scratch;
            shift += BITS;
        }
        in_scratch
    };
    if in_scratch {
        ids.copy_from_slice(&scratch);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_sort_unstable() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut ids: Vec<CellId> = (0..5000)
            .map(|k| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Mixed levels, some duplicates.
                let id = CellId::from_face_pos_level((x % 6) as u8, x, (k % 31) as u8);
                if k % 10 == 0 {
                    CellId::from_face(2)
                } else {
                    id
                }
            })
            .collect();
        let mut want = ids.clone();
        want.sort_unstable();
        sort(&mut ids);
        assert_eq!(ids, want);
    }
}
