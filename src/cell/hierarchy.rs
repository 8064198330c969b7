//! The cell hierarchy: parents, children, descendant ranges and
//! containment, all bit operations on the id.

use super::cell_id::CellId;
use crate::geom::coords::MAX_LEVEL;

/// What [`CellId::parent`] needs of a level, per level `0..=255` (zeros
/// above 30, which make every parent [`CellId::NONE`]): the bits a parent
/// keeps (`-new_lsb`), the markers allowed in the child (the even bits at
/// or below the new marker: a valid id at that level or finer), and the
/// new marker; a zero pads an entry to 32 bytes, so that its address is
/// the level shifted by 5 (a 24-byte stride cost two more instructions
/// per call). One load per value instead of a variable shift (baseline
/// x86-64's `shl` by a register is three micro-ops; `-march=native` C++
/// gets BMI2's one-op `shlx`): with the level varying from call to call,
/// that about halved `parent`'s time (BENCHMARKS.md, "What each trick bought"). The
/// table is 8 KiB; a loop over levels 0..=30 touches 992 bytes of it.
pub(crate) static PARENT_MASKS: [[u64; 4]; 256] = {
    let mut t = [[0u64; 4]; 256];
    let mut level = 0;
    while level <= MAX_LEVEL as usize {
        let lsb = CellId::lsb_for_level(level as u8);
        t[level] = [
            lsb.wrapping_neg(),
            0x1555_5555_5555_5555 & ((lsb << 1) - 1),
            lsb,
            0,
        ];
        level += 1;
    }
    t
};

/// Whether `x` is a valid id at the level of `allowed` (a
/// [`PARENT_MASKS`] entry's second value) or a finer one: its lowest set
/// bit is an allowed marker (one AND) and its face is below 6.
#[inline(always)]
const fn valid_at_or_below(x: u64, allowed: u64) -> bool {
    (x & x.wrapping_neg() & allowed != 0) & (x < 6 << 61)
}

/// The ancestor of `x` at the level of `masks` (a [`PARENT_MASKS`] entry),
/// or 0 ([`CellId::NONE`]) when `x` is not a valid id at that level or a
/// finer one. Two flags and a mask, no branch: the batch kernels' form,
/// where invalid ids and nulls (0) may come anywhere in a column and the
/// lanes must not diverge. ([`CellId::parent`] branches instead.)
#[inline(always)]
pub(crate) const fn parent_by_masks(x: u64, masks: &[u64; 3]) -> u64 {
    let [keep, allowed, new_lsb] = *masks;
    let ok = valid_at_or_below(x, allowed);
    ((x & keep) | new_lsb) & 0u64.wrapping_sub(ok as u64)
}

/// [`CellId::contains`] on raw ids. Within the range means the same bits
/// as `a` above its marker, and not all zeros from the marker down (that
/// would be one below `range_min`). Each condition is read off the top bit
/// of a word, with no comparison at all: baseline x86-64 (SSE2) has no
/// 64-bit compare, and with them LLVM kept a loop over pairs scalar. So
/// written it vectorizes, faster than the same tests as comparisons or
/// the two range comparisons. The range test as one subtraction
/// (`e - 1 < below`) takes 11 operations where testing the two
/// conditions apart took 16 (BENCHMARKS.md, "What each trick bought").
#[inline(always)]
pub(crate) const fn contains_bits(a: u64, b: u64) -> bool {
    let below = a ^ a.wrapping_sub(1); // the marker and the bits under it
    // b's bits above the marker cleared where they are a's: in the range
    // exactly when 1 <= e <= below, that is e - 1 < below.
    let d = (b ^ (a & a.wrapping_sub(1))).wrapping_sub(1);
    let ok = d.wrapping_sub(below) // d < below, when both are below 2^63
        & !d
        & !((a & (a << 1)) | below); // face 0..=5, a != 0 and below < 2^63
    ok >> 63 != 0
}

/// [`CellId::NONE`] out of line, so that a caller's loop keeps a branch
/// that valid ids always predict instead of selecting between two values.
#[cold]
#[inline(never)]
const fn none_cold() -> CellId {
    // Opaque: a plain constant is propagated back into the caller, and
    // the branch becomes a select again.
    core::hint::black_box(CellId::NONE)
}

impl CellId {
    /// Which child (0..=3, in curve order) this cell is of its parent; 0 for
    /// a face.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(1).child(2).child_position(), 2);
    /// ```
    #[must_use]
    #[inline]
    pub const fn child_position(&self) -> u8 {
        self.child_position_at(self.level())
    }

    /// Which child (0..=3) this cell's ancestor at `level` (1..=its own
    /// level) is of its parent; 0 for a level of 0 or above 30.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::from_face(1).child(2).child(3);
    /// assert_eq!((c.child_position_at(1), c.child_position_at(2)), (2, 3));
    /// ```
    #[must_use]
    #[inline]
    pub const fn child_position_at(&self, level: u8) -> u8 {
        if level == 0 || level > MAX_LEVEL {
            return 0;
        }
        ((self.0 >> (2 * (MAX_LEVEL - level) as u32 + 1)) & 3) as u8
    }

    /// The ancestor at `level`. A level below this cell's returns the
    /// ancestor, equal returns the cell itself; a level finer than this
    /// cell's (or above 30) gives [`CellId::NONE`].
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::from_face(2).child(3).child(1);
    /// assert_eq!(c.parent(1), CellId::from_face(2).child(3));
    /// assert_eq!(c.parent(2), c);
    /// assert_eq!(c.parent(5), CellId::NONE);
    /// ```
    #[must_use]
    #[inline]
    pub const fn parent(&self, level: u8) -> Self {
        // Two branches that valid ids always predict, and NONE out of
        // line: 17 micro-ops a call in a loop, where the branch-free
        // `parent_by_masks` (the batch kernels' form) compiles to cmovs
        // and is slower one id at a time (BENCHMARKS.md, "What each trick
        // bought").
        let [keep, allowed, new_lsb, _] = PARENT_MASKS[level as usize];
        let x = self.0;
        if valid_at_or_below(x, allowed) {
            Self((x & keep) | new_lsb)
        } else {
            none_cold()
        }
    }

    /// The ancestor at `level <= self.level()`, unchecked.
    #[inline]
    pub(crate) const fn parent_unchecked(&self, level: u8) -> Self {
        let new_lsb = Self::lsb_for_level(level);
        Self((self.0 & new_lsb.wrapping_neg()) | new_lsb)
    }

    /// The parent, one level up; [`CellId::NONE`] for a face cell.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(0).child(3).immediate_parent(), CellId::from_face(0));
    /// assert_eq!(CellId::from_face(0).immediate_parent(), CellId::NONE);
    /// ```
    #[must_use]
    #[inline]
    pub const fn immediate_parent(&self) -> Self {
        if self.is_face() || !self.is_valid() {
            return Self::NONE;
        }
        let new_lsb = self.lsb() << 2;
        Self((self.0 & new_lsb.wrapping_neg()) | new_lsb)
    }

    /// The child at position `k` (0..=3, in curve order); [`CellId::NONE`]
    /// for a leaf or `k > 3`.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let f = CellId::from_face(0);
    /// assert_eq!(f.child(0), f.child_begin());
    /// assert_eq!(f.child(4), CellId::NONE);
    /// ```
    #[must_use]
    #[inline]
    pub const fn child(&self, k: u8) -> Self {
        if k > 3 || self.is_leaf() || !self.is_valid() {
            return Self::NONE;
        }
        let new_lsb = self.lsb() >> 2;
        Self(
            self.0
                .wrapping_add((2 * k as u64 + 1).wrapping_mul(new_lsb))
                .wrapping_sub(4 * new_lsb),
        )
    }

    /// The four children, in curve order; all [`CellId::NONE`] for a leaf.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let kids = CellId::from_face(4).children();
    /// assert!(kids.iter().all(|k| k.immediate_parent() == CellId::from_face(4)));
    /// ```
    #[must_use]
    #[inline]
    pub const fn children(&self) -> [Self; 4] {
        [self.child(0), self.child(1), self.child(2), self.child(3)]
    }

    /// The first child, for loops `child_begin()..child_end()` with
    /// [`next`](Self::next). A leaf has no children: it gives
    /// [`CellId::NONE`], as an invalid id does (Google's is undefined).
    ///
    /// ```
    /// use s2cells::CellId;
    /// let f = CellId::from_face(0);
    /// assert_eq!(f.child_begin().advance(4), f.child_end());
    /// assert_eq!(CellId::begin(30).child_begin(), CellId::NONE);
    /// ```
    #[must_use]
    #[inline]
    pub const fn child_begin(&self) -> Self {
        if self.is_leaf() || !self.is_valid() {
            return Self::NONE;
        }
        self.child_begin_unchecked()
    }

    /// [`child_begin`](Self::child_begin) of a valid cell that is not a
    /// leaf, unchecked.
    #[inline]
    pub(crate) const fn child_begin_unchecked(&self) -> Self {
        let old_lsb = self.lsb();
        Self(self.0.wrapping_sub(old_lsb).wrapping_add(old_lsb >> 2))
    }

    /// One past the last child (see [`child_begin`](Self::child_begin)):
    /// [`CellId::NONE`] for a leaf or an invalid id.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(0).child_end(), CellId::from_face(1).child_begin());
    /// ```
    #[must_use]
    #[inline]
    pub const fn child_end(&self) -> Self {
        if self.is_leaf() || !self.is_valid() {
            return Self::NONE;
        }
        let old_lsb = self.lsb();
        Self(self.0.wrapping_add(old_lsb).wrapping_add(old_lsb >> 2))
    }

    /// The first descendant at `level`, which must be at or below this
    /// cell's level and at most 30; otherwise (or for an invalid id)
    /// [`CellId::NONE`].
    ///
    /// ```
    /// use s2cells::CellId;
    /// let f = CellId::from_face(1);
    /// assert_eq!(f.child_begin_at(2), f.child(0).child(0));
    /// assert_eq!(f.child(3).child_begin_at(0), CellId::NONE);
    /// ```
    #[must_use]
    #[inline]
    pub const fn child_begin_at(&self, level: u8) -> Self {
        if !self.descends_to(level) {
            return Self::NONE;
        }
        Self(
            self.0
                .wrapping_sub(self.lsb())
                .wrapping_add(Self::lsb_for_level(level)),
        )
    }

    /// One past the last descendant at `level`; [`CellId::NONE`] where
    /// [`child_begin_at`](Self::child_begin_at) is.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let f = CellId::from_face(1);
    /// assert_eq!(f.child_begin_at(2).advance(16), f.child_end_at(2));
    /// assert_eq!(f.child_end_at(31), CellId::NONE);
    /// ```
    #[must_use]
    #[inline]
    pub const fn child_end_at(&self, level: u8) -> Self {
        if !self.descends_to(level) {
            return Self::NONE;
        }
        Self(
            self.0
                .wrapping_add(self.lsb())
                .wrapping_add(Self::lsb_for_level(level)),
        )
    }

    /// Whether this is a valid cell with descendants (or itself) at
    /// `level`: at or below its own level, and at most 30.
    const fn descends_to(&self, level: u8) -> bool {
        self.is_valid() && level <= MAX_LEVEL && level >= self.level()
    }

    /// The smallest leaf id contained in this cell.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::from_face(0).child(2);
    /// assert!(c.range_min().is_leaf() && c.contains(c.range_min()));
    /// ```
    #[must_use]
    #[inline]
    pub const fn range_min(&self) -> Self {
        Self(self.0.wrapping_sub(self.lsb().wrapping_sub(1)))
    }

    /// The largest leaf id contained in this cell. For a half-open key
    /// range use `range_max().id() + 1`, not `range_max().next()`.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::from_face(0).child(2);
    /// assert_eq!(c.range_max().next(), c.next().range_min());
    /// ```
    #[must_use]
    #[inline]
    pub const fn range_max(&self) -> Self {
        Self(self.0.wrapping_add(self.lsb().wrapping_sub(1)))
    }

    /// Whether `other` is this cell or one of its descendants, that is
    /// within `[range_min, range_max]`. [`CellId::NONE`] and the ids past
    /// the ends of the curve (faces 6 and 7: [`CellId::end`],
    /// [`CellId::SENTINEL`]) contain nothing, where Google's answer is
    /// undefined (its range of `NONE` is every nonzero id); and since
    /// valid ranges stay on faces 0..=5 and above 0, no valid cell
    /// contains them either.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let f = CellId::from_face(3);
    /// assert!(f.contains(f.child(1).child(2)));
    /// assert!(!f.child(1).contains(f));
    /// assert!(!CellId::NONE.contains(f) && !f.contains(CellId::NONE));
    /// assert!(!CellId::end(30).contains(CellId::end(30)));
    /// ```
    #[must_use]
    #[inline]
    pub const fn contains(&self, other: Self) -> bool {
        contains_bits(self.0, other.0)
    }

    /// Whether the two cells overlap (one contains the other).
    ///
    /// ```
    /// use s2cells::CellId;
    /// let f = CellId::from_face(3);
    /// assert!(f.child(1).intersects(f));
    /// assert!(!f.child(1).intersects(f.child(2)));
    /// ```
    #[must_use]
    #[inline]
    pub const fn intersects(&self, other: Self) -> bool {
        other.range_min().0 <= self.range_max().0 && other.range_max().0 >= self.range_min().0
    }

    /// The level of the deepest common ancestor, or `None` when the cells
    /// are on different faces (Google returns -1 there).
    ///
    /// ```
    /// use s2cells::CellId;
    /// let a = CellId::from_face(2).child(1).child(3);
    /// let b = CellId::from_face(2).child(1).child(0);
    /// assert_eq!(a.common_ancestor_level(b), Some(1));
    /// assert_eq!(a.common_ancestor_level(CellId::from_face(3)), None);
    /// ```
    #[must_use]
    pub const fn common_ancestor_level(&self, other: Self) -> Option<u8> {
        let lsbs = if self.lsb() > other.lsb() {
            self.lsb()
        } else {
            other.lsb()
        };
        let x = self.0 ^ other.0;
        let bits = if x > lsbs { x } else { lsbs };
        if bits == 0 {
            return None;
        }
        // The most significant bit position maps {0} -> 30, {1,2} -> 29, …,
        // {59,60} -> 0, {61,62,63} -> none.
        let msb = 63 - bits.leading_zeros() as i32;
        let level = (60 - msb) >> 1;
        if level < 0 { None } else { Some(level as u8) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `contains`' bit tests against the range rule, on raw ids of every
    /// kind: equal wherever this id is not NONE, on faces 6 and 7 or
    /// `1 << 63`, where it is false.
    #[test]
    fn contains_matches_the_range_rule() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut raws = vec![
            0,
            1,
            u64::MAX,
            1 << 63,
            6 << 61 | 1,
            7 << 61 | 1 << 60,
            1 << 60,
        ];
        for _ in 0..20_000 {
            let x = crate::test_rng::next_u64(&mut state);
            raws.push(x & (u64::MAX << (x % 64)));
        }
        for (k, &a) in raws.iter().enumerate() {
            let a = CellId(a);
            // Against other raws, and against ids in, at the ends of and
            // just outside a's range.
            let near = [
                a.range_min().0,
                a.range_max().0,
                a.range_min().0.wrapping_sub(1),
                a.range_max().0.wrapping_add(1),
                a.0,
            ];
            for &b in near.iter().chain(&raws[k.saturating_sub(8)..k]) {
                let range = b >= a.range_min().0 && b <= a.range_max().0;
                // 1 << 63, whose marker is the top bit, is read as NONE:
                // no constructor makes it.
                let want = range && a.0 != 0 && a.face() < 6 && a.0 != 1 << 63;
                assert_eq!(a.contains(CellId(b)), want, "{:#x} {b:#x}", a.0);
            }
        }
    }

    /// `parent`'s bit tricks against the plain rule, on raw ids of every
    /// kind (valid, faces 6 and 7, markers at odd bits, zero) and levels
    /// past 30.
    #[test]
    fn parent_matches_the_plain_rule() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut raws = vec![0, 1, u64::MAX, 1 << 63, 6 << 61 | 1, 7 << 61 | 1 << 60];
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Keep a random number of low bits clear: every level occurs.
            raws.push(state & (u64::MAX << (state % 64)));
        }
        for raw in raws {
            let c = CellId(raw);
            for level in 0..=33u8 {
                let want = if c.is_valid() && level <= MAX_LEVEL && level <= c.level() {
                    c.parent_unchecked(level)
                } else {
                    CellId::NONE
                };
                assert_eq!(c.parent(level), want, "{raw:#x} at {level}");
            }
        }
    }
}
