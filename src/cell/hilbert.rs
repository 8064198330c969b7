//! The Hilbert-curve lookup tables, built at compile time.
//!
//! A cell id's position bits walk a Hilbert curve over each face. Five bits
//! of i and five bits of j (one 32×32 sub-square) and the curve's current
//! orientation map to ten position bits and the next orientation in one
//! table lookup, so encoding a leaf takes six lookups instead of thirty
//! steps; decoding goes the other way four bits at a time.

/// Orientation bit: the curve's i and j axes are swapped.
pub(crate) const SWAP_MASK: u8 = 0x01;
/// Orientation bit: the curve runs in the inverted direction.
pub(crate) const INVERT_MASK: u8 = 0x02;

/// Bits of i and j produced per table lookup when decoding.
pub(crate) const LOOKUP_BITS: u32 = 4;

/// For each orientation, the (i,j) quadrant (`2i + j`) of each child
/// position along the curve.
pub(crate) const POS_TO_IJ: [[u8; 4]; 4] = [
    [0, 1, 3, 2], // canonical order
    [0, 2, 3, 1], // axes swapped
    [3, 2, 0, 1], // bits inverted
    [3, 1, 0, 2], // swapped & inverted
];

/// For each orientation, the child position of each (i,j) quadrant.
pub(crate) const IJ_TO_POS: [[u8; 4]; 4] = [
    [0, 1, 3, 2], // canonical order
    [0, 3, 1, 2], // axes swapped
    [2, 3, 1, 0], // bits inverted
    [2, 1, 3, 0], // swapped & inverted
];

/// How a child's orientation differs from its parent's, by child position.
pub(crate) const POS_TO_ORIENTATION: [u8; 4] = [SWAP_MASK, 0, 0, INVERT_MASK | SWAP_MASK];

const TABLE_SIZE: usize = 1 << (2 * LOOKUP_BITS + 2);

/// `(pos << 2 | orientation)` to `(ij << 2 | next orientation)`, where
/// `pos` is 8 curve bits and `ij` 4 bits of i then 4 bits of j.
pub(crate) static LOOKUP_IJ: [u16; TABLE_SIZE] = build_table(LOOKUP_BITS, false);

/// Bits of i and j per lookup when encoding a leaf: 30 bits in six lookups
/// instead of eight. The chain of lookups is the encoder's critical path
/// (each needs the orientation the last one gave), and the 8 KiB table
/// still sits in L1.
pub(crate) const ENCODE_BITS: u32 = 5;

const ENCODE_SIZE: usize = 1 << (2 * ENCODE_BITS + 2);

/// `(ij << 2 | orientation)` to `(pos << 2 | next orientation)`, where `ij`
/// is 5 bits of i then 5 bits of j and `pos` the 10 curve bits.
pub(crate) static ENCODE_POS: [u16; ENCODE_SIZE] = build_table(ENCODE_BITS, true);

/// The (i, j) square (`bits` bits each, as `i << bits | j`) at curve
/// position `pos` of a square of side 2^bits walked from orientation
/// `orig`, and the orientation after it.
const fn walk(bits: u32, orig: u8, pos: u32) -> (u32, u8) {
    let mut i = 0u32;
    let mut j = 0u32;
    let mut orientation = orig;
    let mut level = 0;
    while level < bits {
        let child = (pos >> (2 * (bits - 1 - level))) & 3;
        let ij = POS_TO_IJ[orientation as usize][child as usize] as u32;
        i = (i << 1) | (ij >> 1);
        j = (j << 1) | (ij & 1);
        orientation ^= POS_TO_ORIENTATION[child as usize];
        level += 1;
    }
    ((i << bits) | j, orientation)
}

/// A lookup table over all `4^bits` curve positions of a square of side
/// `2^bits` and the four starting orientations: keyed by
/// `ij << 2 | orientation` to `pos << 2 | next orientation` when
/// `encode`, the other way round when not. `N` is `4^bits · 4`.
const fn build_table<const N: usize>(bits: u32, encode: bool) -> [u16; N] {
    let mut table = [0u16; N];
    let mut orig = 0;
    while orig < 4 {
        // The curve position is the index of the walk.
        let mut pos = 0u32;
        while pos < 1 << (2 * bits) {
            let (ij, orientation) = walk(bits, orig as u8, pos);
            let (key, value) = if encode { (ij, pos) } else { (pos, ij) };
            table[((key << 2) | orig) as usize] = ((value << 2) | orientation as u32) as u16;
            pos += 1;
        }
        orig += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_inverse() {
        // Five bits of encoding = one bit of curve then four bits of decoding:
        // split each encoded position into its top quadrant and the rest.
        for (key, &val) in ENCODE_POS.iter().enumerate() {
            let orig = (key & 3) as u8;
            let (ij, pos) = (key >> 2, (val >> 2) as usize);
            let (i, j) = (ij >> 5, ij & 31);
            let top = pos >> 8;
            let mid = orig ^ POS_TO_ORIENTATION[top];
            let back = LOOKUP_IJ[((pos & 255) << 2) | mid as usize] as usize;
            assert_eq!(
                POS_TO_IJ[orig as usize][top] as usize,
                ((i >> 4) << 1) | (j >> 4)
            );
            assert_eq!(back >> 2, ((i & 15) << 4) | (j & 15));
            assert_eq!(back & 3, (val & 3) as usize);
        }
    }

    #[test]
    fn ij_to_pos_inverts_pos_to_ij() {
        for o in 0..4 {
            for p in 0..4 {
                assert_eq!(IJ_TO_POS[o][POS_TO_IJ[o][p] as usize] as usize, p);
            }
        }
    }

    #[test]
    fn curve_starts_at_origin() {
        // Position 0 in the canonical orientation is the (0,0) corner, and
        // consecutive positions are adjacent leaf squares.
        let mut prev: Option<(i32, i32)> = None;
        for pos in 0..256u16 {
            let v = LOOKUP_IJ[(pos as usize) << 2] >> 2;
            let (i, j) = ((v >> 4) as i32, (v & 15) as i32);
            if pos == 0 {
                assert_eq!((i, j), (0, 0));
            }
            if let Some((pi, pj)) = prev {
                assert_eq!((pi - i).abs() + (pj - j).abs(), 1);
            }
            prev = Some((i, j));
        }
    }
}
