//! The Hilbert-curve lookup tables, built at compile time.
//!
//! A cell id's position bits walk a Hilbert curve over each face. Five bits
//! of i and five bits of j (one 32×32 sub-square) and the curve's current
//! orientation map to ten position bits and the next orientation in one
//! table lookup, so encoding a leaf takes six lookups instead of thirty
//! steps. Decoding needs no table (see [`decode_bitwise`]).

/// Orientation bit: the curve's i and j axes are swapped.
pub(crate) const SWAP_MASK: u8 = 0x01;
/// Orientation bit: the curve runs in the inverted direction.
pub(crate) const INVERT_MASK: u8 = 0x02;

/// Bits of i and j per lookup of the tests' reference decoding table.
#[cfg(test)]
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

#[cfg(test)]
const TABLE_SIZE: usize = 1 << (2 * LOOKUP_BITS + 2);

/// `(pos << 2 | orientation)` to `(ij << 2 | next orientation)`, where
/// `pos` is 8 curve bits and `ij` 4 bits of i then 4 bits of j: the
/// tests' reference for [`decode_bitwise`].
#[cfg(test)]
pub(crate) static LOOKUP_IJ: [u16; TABLE_SIZE] = build_table(LOOKUP_BITS, false);

/// Bits of i and j per lookup when encoding a leaf: 30 bits in six lookups
/// instead of eight, and the 8 KiB table still sits in L1.
pub(crate) const ENCODE_BITS: u32 = 5;

const ENCODE_SIZE: usize = 1 << (2 * ENCODE_BITS + 2);

/// `(ij << 2 | orientation)` to `(pos << 2 | next orientation)`, where `ij`
/// is 5 bits of i then 5 bits of j and `pos` the 10 curve bits. The
/// encoders use [`ENCODE_ALL`]; the tests check against this form.
#[cfg(test)]
pub(crate) static ENCODE_POS: [u16; ENCODE_SIZE] = build_table(ENCODE_BITS, true);

/// [`ENCODE_POS`] for all four starting orientations at once: keyed by
/// `ij` (5 bits of i then 5 bits of j), 16 bits per orientation `o` at bit
/// `16·o`, each the 10 curve bits and, at bit 14, the next orientation
/// (so that bits 10..16 hold the next field's shift, 16 times it). The six
/// lookups of a leaf no longer depend on each other: only two shifts are
/// on the chain from one to the next. Indexed with `ij` alone, it is 1024
/// u64s: 8 KiB, like the 4096 u16s of `ENCODE_POS`.
pub(crate) static ENCODE_ALL: [u64; 1 << (2 * ENCODE_BITS)] =
    all_orientations(&build_table::<ENCODE_SIZE>(ENCODE_BITS, true));

/// A one-orientation table (`key << 2 | orientation` to `value << 2 |
/// next orientation`) with the four orientations' answers packed into one
/// entry per key: 16 bits per orientation `o` at bit `16·o`, the value and,
/// at bit 14, the next orientation. `M` is `N / 4`.
const fn all_orientations<const N: usize, const M: usize>(one: &[u16; N]) -> [u64; M] {
    let mut t = [0u64; M];
    let mut key = 0;
    while key < N {
        let v = one[key] as u64;
        t[key >> 2] |= ((v >> 2) | ((v & 3) << 14)) << (16 * (key & 3));
        key += 1;
    }
    t
}

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

/// The 60 curve bits of `N` leaves (i, j) (each below 2³⁰) on faces whose
/// curves start in orientation `swap` (`face & SWAP_MASK`), without
/// tables: the orientation before each level is a prefix scan over the
/// levels.
///
/// The orientation is a pair of bits (s = axes swapped, v = inverted), and
/// a level whose i and j bits are equal maps it by `s ^= v ^ !i`, a level
/// where they differ by `(s, v) = (v ^ i, s ^ i)`: both are affine maps of
/// GF(2)², so the composition of all levels above a given one is an affine
/// map too, and all 30 of them come out of five rounds of bitwise
/// composition on bit planes (bit k of each plane describes level 29 - k;
/// the matrix is `[[a, b], [c, d]]`, the translation `(t0, t1)`). Bit 30
/// holds the constant map to the face's starting orientation: its matrix
/// is zero, so whatever the shifts bring in above it is absorbed.
///
/// No loads, so it vectorizes across lanes: the scan and the interleave
/// run on four 32-bit lanes per SSE2 instruction, which made the batch
/// kernel's id step faster. For one leaf at a time it is slower than
/// [`ENCODE_ALL`]'s six loads: ~130 scalar operations against ~60
/// (BENCHMARKS.md, "What each trick bought").
#[inline(always)]
pub(crate) fn encode_bitwise_lanes<const N: usize>(
    swap: &[u32; N],
    i: &[u32; N],
    j: &[u32; N],
) -> [u64; N] {
    let mut hi = [0u32; N];
    let mut lo = [0u32; N];
    for k in 0..N {
        (hi[k], lo[k]) = child_position_planes(swap[k], i[k], j[k]);
    }
    // Interleave 15 bits at a time within 32-bit lanes, then join.
    let mut top = [0u32; N];
    let mut bottom = [0u32; N];
    for k in 0..N {
        top[k] = (spread16(hi[k] >> 15) << 1) | spread16(lo[k] >> 15);
        bottom[k] = (spread16(hi[k] & 0x7fff) << 1) | spread16(lo[k] & 0x7fff);
    }
    let mut pos = [0u64; N];
    for k in 0..N {
        pos[k] = (u64::from(top[k]) << 30) | u64::from(bottom[k]);
    }
    pos
}

/// The high and low bits of the child position at every level (bit k for
/// level 29 - k), see [`encode_bitwise_lanes`].
#[inline(always)]
fn child_position_planes(swap: u32, i: u32, j: u32) -> (u32, u32) {
    const TOP: u32 = 1 << 30;
    let x = i ^ j;
    // Per level: equal bits give [[1, 1], [0, 1]] + (!i, 0), differing bits
    // [[0, 1], [1, 0]] + (i, i).
    let e = !x & !TOP;
    let (mut a, mut b, mut c, mut d) = (e, !TOP, x, e);
    let mut t0 = (i ^ e) | (swap << 30);
    let mut t1 = i & x;
    // Compose each level's map after the one `sh` levels above it (the
    // earlier one is applied first): M = M_k · M_e, t = M_k · t_e + t_k.
    let mut sh = 1;
    while sh < 16 {
        let (ea, eb, ec, ed) = (a >> sh, b >> sh, c >> sh, d >> sh);
        let (e0, e1) = (t0 >> sh, t1 >> sh);
        t0 ^= (a & e0) ^ (b & e1);
        t1 ^= (c & e0) ^ (d & e1);
        (a, b, c, d) = (
            (a & ea) ^ (b & ec),
            (a & eb) ^ (b & ed),
            (c & ea) ^ (d & ec),
            (c & eb) ^ (d & ed),
        );
        sh <<= 1;
    }
    // The last round needs only the translations.
    let (e0, e1) = (t0 >> 16, t1 >> 16);
    t0 ^= (a & e0) ^ (b & e1);
    t1 ^= (c & e0) ^ (d & e1);
    // Translations now hold the orientation after each level; one bit up
    // is the orientation before it. Child position = 2·i' + (i' ^ j'),
    // where i' = (s ? j : i) ^ v and i' ^ j' = i ^ j.
    let (s, v) = (t0 >> 1, t1 >> 1);
    (i ^ (s & x) ^ v, x)
}

/// The (i, j) that the 30 curve digits of `id` lead to on its face, and
/// the orientation after the last digit, without tables.
///
/// Decoding is simpler than encoding: each digit changes the orientation
/// by an XOR that depends on the digit alone ([`POS_TO_ORIENTATION`]), so
/// the orientation before every digit is a prefix XOR, five shifts on bit
/// planes (bit 2k for the digit of level 30 - k, and bit 60 for the
/// face's starting swap, which is the face's low bit). Given it, a digit's
/// (i, j) bits are its canonical ones (hi, hi ^ lo), exchanged when
/// swapped and flipped when inverted. About 50 operations, with a short
/// dependency chain, against eight dependent table loads.
#[inline(always)]
pub(crate) fn decode_bitwise(id: u64) -> (u32, u32, u8) {
    const LANES: u64 = 0x0555_5555_5555_5555;
    let digits = id >> 1;
    let hi = (digits >> 1) & LANES;
    let lo = digits & LANES;
    // Positions 0 and 3 swap the axes; 3 also inverts.
    let scan = |mut x: u64| {
        let mut sh = 2;
        while sh < 64 {
            x ^= x >> sh;
            sh <<= 1;
        }
        x
    };
    // Odd faces start swapped: the face's low bit is bit 60 of `digits`,
    // one lane above the top digit, where the scan passes it down.
    let swaps = scan((!(hi ^ lo) & LANES) | (digits & (1 << 60)));
    let inverts = scan(hi & lo);
    // Orientation before each digit: the start and the changes of the
    // digits above it.
    let (s, v) = (swaps >> 2, inverts >> 2);
    // i ^ j = lo whatever the orientation.
    let i = hi ^ (s & lo) ^ v;
    let j = i ^ lo;
    let orientation = ((swaps & 1) as u8 * SWAP_MASK) | ((inverts & 1) as u8 * INVERT_MASK);
    (compress_even(i), compress_even(j), orientation)
}

/// The even bits of `x` (bits 0, 2, …, 58), packed into the low bits.
#[inline(always)]
fn compress_even(x: u64) -> u32 {
    let x = x & 0x0555_5555_5555_5555;
    let x = (x | (x >> 1)) & 0x3333_3333_3333_3333;
    let x = (x | (x >> 2)) & 0x0f0f_0f0f_0f0f_0f0f;
    let x = (x | (x >> 4)) & 0x00ff_00ff_00ff_00ff;
    let x = (x | (x >> 8)) & 0x0000_ffff_0000_ffff;
    (x | (x >> 16)) as u32
}

/// The low 15 bits of `x` moved to the even bit positions of a u32.
#[inline(always)]
fn spread16(x: u32) -> u32 {
    let x = x & 0x7fff;
    let x = (x | (x << 8)) & 0x00ff_00ff;
    let x = (x | (x << 4)) & 0x0f0f_0f0f;
    let x = (x | (x << 2)) & 0x3333_3333;
    (x | (x << 1)) & 0x5555_5555
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table encoder's 60 curve bits.
    fn encode_table(swap: u32, i: u32, j: u32) -> u64 {
        let mut pos = 0u64;
        let mut bits = swap;
        for k in (0..6).rev() {
            bits += ((i >> (5 * k)) & 31) << 7;
            bits += ((j >> (5 * k)) & 31) << 2;
            bits = u32::from(ENCODE_POS[bits as usize]);
            pos |= u64::from(bits >> 2) << (10 * k);
            bits &= 3;
        }
        pos
    }

    /// One leaf through the lane encoder, in a lane of its own among others.
    fn encode_one(swap: u32, i: u32, j: u32) -> u64 {
        let lane = (i ^ j) as usize % 8;
        let (mut s, mut ii, mut jj) = ([1 - swap; 8], [j; 8], [i; 8]);
        (s[lane], ii[lane], jj[lane]) = (swap, i, j);
        let all = encode_bitwise_lanes(&s, &ii, &jj);
        let other = encode_table(1 - swap, j, i);
        assert!(
            all.iter()
                .enumerate()
                .all(|(k, &p)| k == lane || p == other)
        );
        all[lane]
    }

    #[test]
    fn bitwise_encoder_equals_tables() {
        let max = (1u32 << 30) - 1;
        let edges = [
            0,
            1,
            2,
            3,
            max,
            max - 1,
            1 << 29,
            (1 << 29) - 1,
            0x2aaa_aaaa,
            0x1555_5555,
            0x3333_3333,
            0x0f0f_0f0f,
        ];
        for swap in 0..2 {
            for &i in &edges {
                for &j in &edges {
                    assert_eq!(encode_one(swap, i, j), encode_table(swap, i, j));
                }
            }
        }
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for n in 0..1_000_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let (i, j) = ((state as u32) & max, ((state >> 32) as u32) & max);
            // Also runs of equal and of differing bits, which make long
            // chains of one map.
            let j = if n % 4 == 1 { i ^ (j & (j >> 3)) } else { j };
            let swap = (n & 1) as u32;
            assert_eq!(
                encode_one(swap, i, j),
                encode_table(swap, i, j),
                "{i:#x} {j:#x}"
            );
        }
    }

    #[test]
    fn leaf_encoders_equal_tables_on_all_faces() {
        // The scalar encoder (ENCODE_ALL) and the lane encoder against the
        // chained ENCODE_POS lookups, as whole ids on each face.
        use crate::CellId;
        let max = (1u32 << 30) - 1;
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for n in 0..200_000u32 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let (mut i, mut j) = ((state as u32) & max, ((state >> 32) as u32) & max);
            match n % 8 {
                0 => i = 0,
                1 => j = max,
                2 => (i, j) = (max, 0),
                3 => (i, j) = ((n >> 3 & 1) * max, (n >> 4 & 1) * max),
                _ => {}
            }
            let face = (n % 6) as u8;
            let want =
                CellId(((u64::from(face) << 60) | encode_table(u32::from(face & 1), i, j)) * 2 + 1);
            assert_eq!(CellId::from_face_ij_unchecked(face, i, j), want);
            let lanes = CellId::from_face_ij_lanes(&[u32::from(face); 4], &[i; 4], &[j; 4]);
            assert_eq!(lanes, [want; 4]);
        }
    }

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
