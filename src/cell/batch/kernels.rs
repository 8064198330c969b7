//! The batch kernels' bodies: plain safe code over chunks of `N` lanes,
//! written without branches in the common case so that the compiler
//! vectorizes each lane loop. `dispatch.rs` compiles every body once per
//! instruction set (baseline x86-64, AVX2, AVX-512) and picks one at run
//! time; the bodies themselves know nothing of it. Every path computes the
//! same IEEE operations in the same order (Rust never contracts `a * b +
//! c` into a fused multiply-add), so all paths give the same bits, which
//! `tests/batch_kernels.rs` checks against the one-at-a-time methods.

use super::sealed::INSIDE;
use super::{CellIdBits, TokenOffset};
use crate::cell::CellId;
use crate::cell::fast::lanes_to_face_ij;
use crate::cell::hierarchy::parent_by_masks;
use crate::cell::token::hex_digits;
use crate::geom::coords::{si_ti_to_st, st_to_uv_unordered};
use crate::geom::select;
use crate::{LatLng, Point};

/// How many inputs were invalid, and the first of them.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Tally {
    pub(super) count: usize,
    pub(super) first: Option<usize>,
}

impl Tally {
    /// Counts `count` invalid lanes among the `n` of a chunk that starts
    /// at `base`; `bad` says which (`bad(k)` for lane k), and is asked only
    /// when `count` is nonzero.
    #[inline(always)]
    fn add(&mut self, base: usize, n: usize, count: usize, bad: impl Fn(usize) -> bool) {
        if count != 0 {
            if self.first.is_none() {
                self.first = (0..n).find(|&k| bad(k)).map(|k| base + k);
            }
            self.count += count;
        }
    }

    /// Counts the lanes `k < n` of a chunk at `base` for which `bad(k)`,
    /// when `any` says there may be some: a chunk loop then keeps one flag
    /// instead of a count (on AVX-512 a count of lanes cost a dozen
    /// instructions per chunk, the flag one).
    #[inline(always)]
    fn scan(&mut self, base: usize, n: usize, any: bool, bad: impl Fn(usize) -> bool) {
        if any {
            let count = (0..n).filter(|&k| bad(k)).count();
            self.add(base, n, count, bad);
        }
    }
}

/// Whether `x` is a valid cell id ([`CellId::is_valid`]), without
/// branches: the lowest set bit at an even position, and a face below 6.
/// Two flags: with AVX2 and AVX-512 each is one compare or test into a
/// mask register.
#[inline(always)]
fn is_valid(x: u64) -> bool {
    (x & x.wrapping_neg() & 0x1555_5555_5555_5555 != 0) & (x < 6 << 61)
}

/// [`CellId::contains`] of two valid ids, as flags: the same bits above
/// `a`'s marker, and not all zeros from the marker down. (The method's
/// top-bit form suits SSE2; on the wider paths each flag is one test into
/// a mask register, a little faster on AVX-512.)
#[inline(always)]
fn contains_valid(a: u64, b: u64) -> bool {
    let below = a ^ a.wrapping_sub(1);
    ((a ^ b) & !below == 0) & (b & below != 0)
}

/// `a` where `c`, else `b`, without a branch.
#[inline(always)]
fn select_u64(c: bool, a: u64, b: u64) -> u64 {
    let m = 0u64.wrapping_sub(u64::from(c));
    (a & m) | (b & !m)
}

/// Lat/lng pairs in degrees to the cells at the level of `masks` (a
/// `PARENT_MASKS` entry); invalid pairs give `CellId::NONE`.
#[inline(always)]
pub(super) fn latlngs<T: CellIdBits, const N: usize>(
    lats: &[f64],
    lngs: &[f64],
    masks: &[u64; 3],
    out: &mut [T],
) -> Tally {
    let [keep, _, new_lsb] = *masks;
    let mut tally = Tally::default();
    let mut lat_chunks = lats.chunks_exact(N);
    let mut lng_chunks = lngs.chunks_exact(N);
    let mut out_chunks = out.chunks_exact_mut(N);
    let mut base = 0;
    for ((lat, lng), out) in (&mut lat_chunks).zip(&mut lng_chunks).zip(&mut out_chunks) {
        let (Some(lat), Some(lng)) = (lat.first_chunk::<N>(), lng.first_chunk::<N>()) else {
            continue; // chunks_exact: never
        };
        let (mut face, mut i, mut j) = ([0u32; N], [0u32; N], [0u32; N]);
        let mut ok = [false; N];
        lanes_to_face_ij(lat, lng, &mut face, &mut i, &mut j, &mut ok);
        let leaf = CellId::from_face_ij_lanes(&face, &i, &j);
        // A fold, not `all`, which would test and branch lane by lane.
        if ok.iter().fold(true, |all, &ok| all & ok) {
            for (o, leaf) in out.iter_mut().zip(leaf) {
                *o = T::from_u64((leaf.0 & keep) | new_lsb, INSIDE);
            }
        } else {
            // About 4 chunks in 10,000 of random points (and every chunk
            // with an invalid pair): the exact path for the lanes the fast
            // one refused.
            let count = exact_lanes(lat, lng, &leaf, &ok, masks, out);
            tally.add(base, N, count, |k| out[k].to_u64() == 0);
        }
        base += N;
    }
    let rest = lat_chunks
        .remainder()
        .iter()
        .zip(lng_chunks.remainder())
        .zip(out_chunks.into_remainder());
    for (k, ((&lat, &lng), o)) in rest.enumerate() {
        let id = exact(lat, lng, masks);
        *o = T::from_u64(id, INSIDE);
        tally.add(base + k, 1, usize::from(id == 0), |_| true);
    }
    tally
}

/// One lat/lng in degrees through [`CellId::from_latlng`], then to the
/// level of `masks`: 0 for an invalid pair.
fn exact(lat: f64, lng: f64, masks: &[u64; 3]) -> u64 {
    let leaf = CellId::from_latlng(LatLng::from_degrees(lat, lng)).0;
    parent_by_masks(leaf, masks)
}

/// The lanes of a chunk, the refused ones through [`exact`]; returns how
/// many were invalid.
#[cold]
#[inline(never)]
fn exact_lanes<T: CellIdBits, const N: usize>(
    lat: &[f64; N],
    lng: &[f64; N],
    leaf: &[CellId; N],
    ok: &[bool; N],
    masks: &[u64; 3],
    out: &mut [T],
) -> usize {
    let mut invalid = 0;
    for k in 0..N {
        let id = if ok[k] {
            parent_by_masks(leaf[k].0, masks)
        } else {
            exact(lat[k], lng[k], masks)
        };
        invalid += usize::from(id == 0);
        out[k] = T::from_u64(id, INSIDE);
    }
    invalid
}

/// The ancestors of `ids` at the level of `masks`: `CellId::NONE` for an
/// invalid id or one above that level.
#[inline(always)]
pub(super) fn parents<T: CellIdBits, const N: usize>(
    ids: &[T],
    masks: &[u64; 3],
    out: &mut [T],
) -> Tally {
    let mut tally = Tally::default();
    let mut id_chunks = ids.chunks_exact(N);
    let mut out_chunks = out.chunks_exact_mut(N);
    let mut base = 0;
    for (ids, out) in (&mut id_chunks).zip(&mut out_chunks) {
        let mut any = false;
        for (o, &id) in out.iter_mut().zip(ids) {
            let p = parent_by_masks(id.to_u64(), masks);
            any |= p == 0;
            *o = T::from_u64(p, INSIDE);
        }
        tally.scan(base, N, any, |k| out[k].to_u64() == 0);
        base += N;
    }
    let rest = id_chunks
        .remainder()
        .iter()
        .zip(out_chunks.into_remainder());
    for (k, (&id, o)) in rest.enumerate() {
        let p = parent_by_masks(id.to_u64(), masks);
        tally.add(base + k, 1, usize::from(p == 0), |_| true);
        *o = T::from_u64(p, INSIDE);
    }
    tally
}

/// Whether `a[k]` contains `b[k]`, as [`CellId::contains`], where both
/// are valid ids; false, and counted, where either is not.
#[inline(always)]
pub(super) fn contains<T: CellIdBits, const N: usize>(a: &[T], b: &[T], out: &mut [bool]) -> Tally {
    let mut tally = Tally::default();
    let mut a_chunks = a.chunks_exact(N);
    let mut b_chunks = b.chunks_exact(N);
    let mut out_chunks = out.chunks_exact_mut(N);
    let mut base = 0;
    for ((a, b), out) in (&mut a_chunks).zip(&mut b_chunks).zip(&mut out_chunks) {
        let mut any = false;
        for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
            let (x, y) = (x.to_u64(), y.to_u64());
            let valid = is_valid(x) & is_valid(y);
            *o = valid & contains_valid(x, y);
            any |= !valid;
        }
        tally.scan(base, N, any, |k| {
            !(is_valid(a[k].to_u64()) & is_valid(b[k].to_u64()))
        });
        base += N;
    }
    let rest = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .zip(out_chunks.into_remainder());
    for (k, ((&x, &y), o)) in rest.enumerate() {
        let (x, y) = (x.to_u64(), y.to_u64());
        let valid = is_valid(x) & is_valid(y);
        *o = valid & contains_valid(x, y);
        tally.add(base + k, 1, usize::from(!valid), |_| true);
    }
    tally
}

/// The tokens of `ids`, back to back in `bytes`, token k in
/// `bytes[offsets[k]..offsets[k + 1]]`; an invalid id is written as
/// `CellId::NONE`'s token, `"X"`. The caller guarantees
/// `offsets.len() == ids.len() + 1`, `bytes.len() >= 16 * ids.len()`
/// and that `O` holds `16 * ids.len()`.
#[inline(always)]
pub(super) fn tokens<T: CellIdBits, O: TokenOffset, const N: usize>(
    ids: &[T],
    bytes: &mut [u8],
    offsets: &mut [O],
) -> Tally {
    let mut tally = Tally::default();
    let Some((first, offsets)) = offsets.split_first_mut() else {
        return tally;
    };
    *first = O::from_len(0);
    let mut pos = 0;
    let mut id_chunks = ids.chunks_exact(N);
    let mut offset_chunks = offsets.chunks_exact_mut(N);
    let mut base = 0;
    for (ids, offsets) in (&mut id_chunks).zip(&mut offset_chunks) {
        // All lanes' digits first (vectorized), then the stores, each
        // of 16 bytes at the end of the last token: the next one
        // overwrites what is past this token's length.
        let mut words = [[0u64; 2]; N];
        let mut lens = [0usize; N];
        let mut invalid = 0;
        for k in 0..N {
            let x = ids[k].to_u64();
            (words[k], lens[k]) = token_words(x);
            invalid += usize::from(!is_valid(x));
        }
        for k in 0..N {
            pos = put_token(bytes, pos, &words[k], lens[k]);
            offsets[k] = O::from_len(pos);
        }
        tally.add(base, N, invalid, |k| !is_valid(ids[k].to_u64()));
        base += N;
    }
    let rest = id_chunks
        .remainder()
        .iter()
        .zip(offset_chunks.into_remainder());
    for (k, (&id, offset)) in rest.enumerate() {
        let (words, len) = token_words(id.to_u64());
        pos = put_token(bytes, pos, &words, len);
        *offset = O::from_len(pos);
        tally.add(base + k, 1, usize::from(!is_valid(id.to_u64())), |_| true);
    }
    tally
}

/// The 16 bytes (as two little-endian words) and the length of the token
/// of `x`, or of `"X"` when `x` is not a valid id: [`CellId::token_bytes`]
/// without its branch.
#[inline(always)]
fn token_words(x: u64) -> ([u64; 2], usize) {
    let x = x & 0u64.wrapping_sub(u64::from(is_valid(x)));
    let le = x.swap_bytes();
    let none = x == 0;
    let lo = select_u64(none, u64::from(b'X'), hex_digits(le as u32));
    let hi = hex_digits((le >> 32) as u32);
    // x = 0 has 64 trailing zeros: length 0, made 1.
    let len = (16 - (x.trailing_zeros() / 4) as usize) | usize::from(none);
    ([lo, hi], len)
}

/// Writes 16 bytes at `pos` and returns the end of the `len` that count.
#[inline(always)]
fn put_token(bytes: &mut [u8], pos: usize, words: &[u64; 2], len: usize) -> usize {
    if let Some(dst) = bytes.get_mut(pos..pos + 16) {
        dst[..8].copy_from_slice(&words[0].to_le_bytes());
        dst[8..].copy_from_slice(&words[1].to_le_bytes());
    }
    pos + len
}

/// The centers of `ids` in degrees (as [`CellId::to_latlng`]); NaN for an
/// invalid id.
#[inline(always)]
pub(super) fn centers<T: CellIdBits, const N: usize>(
    ids: &[T],
    lats: &mut [f64],
    lngs: &mut [f64],
) -> Tally {
    let mut tally = Tally::default();
    let mut id_chunks = ids.chunks_exact(N);
    let mut lat_chunks = lats.chunks_exact_mut(N);
    let mut lng_chunks = lngs.chunks_exact_mut(N);
    let mut base = 0;
    for ((ids, lats), lngs) in (&mut id_chunks).zip(&mut lat_chunks).zip(&mut lng_chunks) {
        // The unnormalized centers of all lanes (vectorized), then the
        // two libm atan2 calls of each.
        let mut xyz = [[0f64; 3]; N];
        let mut valid = [false; N];
        for k in 0..N {
            (xyz[k], valid[k]) = center_raw(ids[k].to_u64());
        }
        let mut invalid = 0;
        for k in 0..N {
            (lats[k], lngs[k]) = degrees(&xyz[k], valid[k]);
            invalid += usize::from(!valid[k]);
        }
        tally.add(base, N, invalid, |k| !valid[k]);
        base += N;
    }
    let rest = id_chunks
        .remainder()
        .iter()
        .zip(lat_chunks.into_remainder())
        .zip(lng_chunks.into_remainder());
    for (k, ((&id, lat), lng)) in rest.enumerate() {
        let (xyz, valid) = center_raw(id.to_u64());
        (*lat, *lng) = degrees(&xyz, valid);
        tally.add(base + k, 1, usize::from(!valid), |_| true);
    }
    tally
}

/// [`CellId::to_point_raw`] of `x` without branches, and whether `x` is
/// valid (an invalid id is read as face 0, whose center is finite).
#[inline(always)]
fn center_raw(x: u64) -> ([f64; 3], bool) {
    let valid = is_valid(x);
    let id = CellId(select_u64(valid, x, 1 << 60));
    let (face, si, ti) = id.center_si_ti();
    let u = st_to_uv_unordered(si_ti_to_st(si));
    let v = st_to_uv_unordered(si_ti_to_st(ti));
    (face_uv_to_xyz_selects(face, u, v), valid)
}

/// `coords::face_uv_to_xyz` with selects instead of a `match`, for lanes:
/// the same values (u, v, ±1 and their negations).
#[inline(always)]
fn face_uv_to_xyz_selects(face: u8, u: f64, v: f64) -> [f64; 3] {
    // 0 (1, u, v)  1 (-u, 1, v)  2 (-u, -v, 1)  3 (-1, -v, -u)
    // 4 (v, -1, -u)  5 (v, u, -1)
    let f = |k: u8| face == k;
    let x = select(f(0), 1.0, select(f(1) | f(2), -u, select(f(3), -1.0, v)));
    let y = select(f(0) | f(5), u, select(f(1), 1.0, select(f(4), -1.0, -v)));
    let z = select(f(0) | f(1), v, select(f(2), 1.0, select(f(5), -1.0, -u)));
    [x, y, z]
}

/// The lat/lng in degrees of an unnormalized center, or NaNs.
#[inline(always)]
fn degrees(xyz: &[f64; 3], valid: bool) -> (f64, f64) {
    if valid {
        let ll = LatLng::from(Point::new(xyz[0], xyz[1], xyz[2]));
        (ll.lat_degrees(), ll.lng_degrees())
    } else {
        (f64::NAN, f64::NAN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_equal_the_match() {
        for face in 0..6 {
            for (u, v) in [(0.25, -0.5), (-0.0, 0.0), (1.0, -1.0)] {
                let p = crate::geom::coords::face_uv_to_xyz(face, u, v);
                let q = face_uv_to_xyz_selects(face, u, v);
                assert_eq!([p.x, p.y, p.z].map(f64::to_bits), q.map(f64::to_bits));
            }
        }
    }

    #[test]
    fn token_words_are_token_bytes() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for n in 0..20_000u64 {
            let x = crate::test_rng::next_u64(&mut state) & (u64::MAX << (n % 64));
            let (words, len) = token_words(x);
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&words[0].to_le_bytes());
            bytes[8..].copy_from_slice(&words[1].to_le_bytes());
            let want = if CellId(x).is_valid() {
                CellId(x).token_bytes()
            } else {
                CellId::NONE.token_bytes()
            };
            assert_eq!(&bytes[..len], &want.0[..want.1], "{x:#x}");
        }
    }
}
