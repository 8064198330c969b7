//! The 64-bit cell id: construction, hierarchy and traversal along the curve.

use super::CellError as Error;
use super::hilbert::{ENCODE_ALL, ENCODE_BITS, SWAP_MASK, decode_bitwise, encode_bitwise_lanes};
use crate::geom::coords::{
    MAX_LEVEL, MAX_SIZE, face_si_ti_to_xyz, ij_to_st_min, si_ti_to_st, st_to_ij, st_to_uv,
    uv_to_st, xyz_to_face_uv,
};
use crate::{LatLng, Point};

/// Number of faces of the cube.
pub(crate) const NUM_FACES: u8 = 6;
/// Bits of the position along the face's curve, plus the marker bit.
const POS_BITS: u32 = 2 * MAX_LEVEL as u32 + 1;
/// The id distance spanned by all six faces, used to wrap around the curve.
const WRAP_OFFSET: u64 = (NUM_FACES as u64) << POS_BITS;

/// A cell of the S2 hierarchy, as one 64-bit integer.
///
/// ```text
///  63  61 60                                               2*(30-L)  0
/// ┌──────┬────────────────────────────────────────────────┬─┬────────┐
/// │ face │ 2 bits per level: child position 1..=L          │1│ 0 … 0  │
/// └──────┴────────────────────────────────────────────────┴─┴────────┘
///  3 bits  Hilbert-curve position within the face          marker  2*(30-L) zeros
/// ```
///
/// The level `L` is read off the lowest set bit (the marker), so a parent is
/// a prefix of its children, all descendants of a cell lie in
/// `[range_min, range_max]`, and ids that are close in value are close on
/// the sphere. Ids sort along the Hilbert curve, face 0 first.
///
/// A `CellId` normally holds a valid cell; the constants [`CellId::NONE`]
/// and [`CellId::SENTINEL`], [`CellId::end`] and ids stepped past the ends
/// of the curve are the documented exceptions, which
/// [`is_valid`](Self::is_valid) reports. Operations whose argument does not
/// fit (a level out of range, a non-finite coordinate) return
/// [`CellId::NONE`] rather than panicking, and the `try_` constructors and
/// parsers return an [`Error`] naming the input.
///
/// ```
/// use s2cells::{CellId, LatLng};
///
/// let leaf = CellId::from_latlng(LatLng::from_degrees(-30.0438, -51.14022));
/// assert_eq!(leaf.to_token(), "951977d377e723ab");
/// assert_eq!(leaf.level(), 30);
/// let city = leaf.parent(10);
/// assert_eq!(city.to_token(), "951977");
/// assert!(city.contains(leaf));
/// assert!(city.range_min() <= leaf && leaf <= city.range_max());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[repr(transparent)]
pub struct CellId(pub(crate) u64);

impl CellId {
    /// The id 0: no cell. Its token is `"X"`.
    pub const NONE: Self = Self(0);
    /// The id `u64::MAX`, greater than every valid id.
    pub const SENTINEL: Self = Self(u64::MAX);

    /// The leaf cell containing a point. The point need not be unit length.
    /// A non-finite or zero point gives [`CellId::NONE`].
    ///
    /// ```
    /// use s2cells::{CellId, Point};
    /// let id = CellId::from_point(&Point::new(0.0, 0.0, 1.0));
    /// assert_eq!(id.face(), 2);
    /// assert!(!CellId::from_point(&Point::new(f64::NAN, 0.0, 1.0)).is_valid());
    /// ```
    #[must_use]
    #[inline]
    pub fn from_point(p: &Point) -> Self {
        if !p.is_finite() || *p == Point::new(0.0, 0.0, 0.0) {
            return Self::NONE;
        }
        Self::from_point_unchecked(p)
    }

    /// The leaf cell containing a finite, non-zero point.
    #[inline]
    pub(crate) fn from_point_unchecked(p: &Point) -> Self {
        let (face, u, v) = xyz_to_face_uv(p);
        let i = st_to_ij(uv_to_st(u));
        let j = st_to_ij(uv_to_st(v));
        Self::from_face_ij_unchecked(face, i, j)
    }

    /// The leaf cell containing a point, or an error naming the point when
    /// it is not finite or is the zero vector.
    ///
    /// ```
    /// use s2cells::{CellId, Point};
    /// assert!(CellId::try_from_point(&Point::new(1.0, 0.0, 0.0)).is_ok());
    /// assert!(CellId::try_from_point(&Point::new(0.0, 0.0, 0.0)).is_err());
    /// ```
    pub fn try_from_point(p: &Point) -> Result<Self, Error> {
        let id = Self::from_point(p);
        if id == Self::NONE {
            Err(Error::InvalidPoint {
                xyz: [p.x, p.y, p.z],
            })
        } else {
            Ok(id)
        }
    }

    /// The leaf cell containing a lat/lng, the same as Google's
    /// `S2CellId(S2LatLng)`. An invalid lat/lng (non-finite, |lat| > 90°,
    /// |lng| > 180°; see [`LatLng::is_valid`]) gives [`CellId::NONE`], not
    /// a cell somewhere else.
    ///
    /// ```
    /// use s2cells::{CellId, LatLng};
    /// let id = CellId::from_latlng(LatLng::from_degrees(47.0, -122.0));
    /// assert_eq!(id.id() as i64, 6093613931972369317); // BigQuery's golden value
    /// assert_eq!(CellId::from_latlng(LatLng::from_degrees(91.0, 0.0)), CellId::NONE);
    /// ```
    #[must_use]
    #[inline]
    pub fn from_latlng(ll: LatLng) -> Self {
        if !ll.is_valid() {
            return Self::NONE;
        }
        super::fast::leaf_from_radians(ll.lat(), ll.lng())
            .unwrap_or_else(|| Self::from_point_unchecked(&ll.to_point()))
    }

    /// The leaf cell containing a lat/lng, or an error naming it when it is
    /// not valid.
    ///
    /// ```
    /// use s2cells::{CellId, LatLng};
    /// let err = CellId::try_from_latlng(LatLng::from_degrees(f64::NAN, 3.0)).unwrap_err();
    /// assert!(err.to_string().contains("NaN"));
    /// ```
    pub fn try_from_latlng(ll: LatLng) -> Result<Self, Error> {
        if ll.is_valid() {
            Ok(Self::from_latlng(ll))
        } else {
            Err(Error::InvalidLatLng {
                lat_degrees: ll.lat_degrees(),
                lng_degrees: ll.lng_degrees(),
            })
        }
    }

    /// The level-0 cell of a cube face (0..=5); [`CellId::NONE`] for a face
    /// above 5.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(5).to_token(), "b");
    /// assert!(CellId::from_face(5).is_face());
    /// assert_eq!(CellId::from_face(6), CellId::NONE);
    /// ```
    #[must_use]
    #[inline]
    pub const fn from_face(face: u8) -> Self {
        if face >= NUM_FACES {
            return Self::NONE;
        }
        Self(((face as u64) << POS_BITS) + Self::lsb_for_level(0))
    }

    /// The cell at `level` containing position `pos` of face `face`'s curve
    /// (`pos` is the 61-bit [`pos`](Self::pos) of any descendant; bits above
    /// bit 60 are ignored, where Google's `FromFacePosLevel` would let them
    /// spill into the face). A face above 5 or a level above 30 gives
    /// [`CellId::NONE`].
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::from_face_pos_level(3, 0x12345678, 20);
    /// assert_eq!((c.face(), c.level()), (3, 20));
    /// ```
    #[must_use]
    pub const fn from_face_pos_level(face: u8, pos: u64, level: u8) -> Self {
        if face >= NUM_FACES || level > MAX_LEVEL {
            return Self::NONE;
        }
        let cell = Self(((face as u64) << POS_BITS) | (pos & (u64::MAX >> 3)) | 1);
        cell.parent_unchecked(level)
    }

    /// The leaf cell at leaf coordinates (i, j) of a face, each in
    /// `0..2³⁰`; [`CellId::NONE`] when any argument is out of range.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::from_face_ij(1, 0, 0);
    /// assert_eq!(c, CellId::from_face(1).child_begin_at(30));
    /// assert_eq!(CellId::from_face_ij(1, 1 << 30, 0), CellId::NONE);
    /// ```
    #[must_use]
    pub fn from_face_ij(face: u8, i: u32, j: u32) -> Self {
        if face >= NUM_FACES || i >= MAX_SIZE || j >= MAX_SIZE {
            return Self::NONE;
        }
        Self::from_face_ij_unchecked(face, i, j)
    }

    /// The leaf cells at `LANES` (face, i, j) triples at once; the caller
    /// guarantees the ranges. Table-free, so that it vectorizes across the
    /// lanes (see [`encode_bitwise_lanes`]).
    #[inline]
    pub(crate) fn from_face_ij_lanes<const LANES: usize>(
        face: &[u32; LANES],
        i: &[u32; LANES],
        j: &[u32; LANES],
    ) -> [Self; LANES] {
        let pos = encode_bitwise_lanes(&face.map(|f| f & SWAP_MASK as u32), i, j);
        let mut out = [Self::NONE; LANES];
        for k in 0..LANES {
            out[k] = Self((((face[k] as u64) << (POS_BITS - 1)) | pos[k]) * 2 + 1);
        }
        out
    }

    /// The leaf cell at (face, i, j); the caller guarantees the ranges.
    #[inline]
    pub(crate) fn from_face_ij_unchecked(face: u8, i: u32, j: u32) -> Self {
        // Six lookups, five bits of i and of j each, top bits first; each
        // gives all four orientations' answers, and the orientation so far
        // only selects a 16-bit field: the loads do not wait on each other
        // (from_latlng 66 -> 59 ns, against a chain of six dependent loads
        // in ENCODE_POS). The shift to the next field is bits 10..16 of
        // this one; `wrapping_shr` uses only the low six bits of its count,
        // as x86's shift does, so no mask is on the chain (another 52 -> 49
        // ns, best of 12 alternating runs in one process).
        const MASK: u32 = (1 << ENCODE_BITS) - 1;
        let mut n = (face as u64) << (POS_BITS - 1);
        let mut shift = u32::from(face & SWAP_MASK) * 16;
        let mut k = 5;
        loop {
            let key = (((i >> (k * ENCODE_BITS)) & MASK) << ENCODE_BITS)
                | ((j >> (k * ENCODE_BITS)) & MASK);
            let field = ENCODE_ALL[key as usize].wrapping_shr(shift);
            n |= (field & 0x3ff) << (k * 2 * ENCODE_BITS);
            shift = (field >> 10) as u32;
            if k == 0 {
                break;
            }
            k -= 1;
        }
        Self(n * 2 + 1)
    }

    /// The first cell at `level` along the curve (on face 0).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::begin(0), CellId::from_face(0));
    /// assert_eq!(CellId::begin(3).level(), 3);
    /// ```
    #[must_use]
    pub const fn begin(level: u8) -> Self {
        Self::from_face(0).child_begin_at(level)
    }

    /// One past the last cell at `level` (an invalid id, for loops that
    /// run `begin(level)..end(level)` with [`next`](Self::next)).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::begin(1).advance(24), CellId::end(1));
    /// assert!(!CellId::end(1).is_valid());
    /// ```
    #[must_use]
    pub const fn end(level: u8) -> Self {
        Self::from_face(5).child_end_at(level)
    }

    /// The raw 64-bit id.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(0).id(), 1 << 60);
    /// ```
    #[must_use]
    #[inline]
    pub const fn id(&self) -> u64 {
        self.0
    }

    /// The id as the signed 64-bit integer BigQuery, MongoDB and SQL
    /// databases store: the same 64 bits, so faces 4 and 5 are negative.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert!(CellId::from_face(5).to_signed() < 0);
    /// assert_eq!(CellId::from_signed(CellId::from_face(5).to_signed()), Ok(CellId::from_face(5)));
    /// ```
    #[must_use]
    #[inline]
    pub const fn to_signed(&self) -> i64 {
        self.0 as i64
    }

    /// A cell from the signed 64-bit form (see [`to_signed`](Self::to_signed)),
    /// checked for validity.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_signed(6093613931972369317).unwrap().level(), 30);
    /// assert!(CellId::from_signed(0).is_err());
    /// ```
    pub fn from_signed(id: i64) -> Result<Self, Error> {
        Self::try_from(id as u64)
    }

    /// Whether this is a valid cell: a face in 0..=5 and the marker bit at
    /// an even position.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert!(CellId::from_face(0).is_valid());
    /// assert!(!CellId::NONE.is_valid());
    /// assert!(!CellId::SENTINEL.is_valid());
    /// ```
    #[must_use]
    #[inline]
    pub const fn is_valid(&self) -> bool {
        (self.face() < NUM_FACES) & ((self.lsb() & 0x1555_5555_5555_5555) != 0)
    }

    /// The cube face, 0..=5 for a valid cell.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(4).face(), 4);
    /// ```
    #[must_use]
    #[inline]
    pub const fn face(&self) -> u8 {
        (self.0 >> POS_BITS) as u8
    }

    /// The position along the face's Hilbert curve, with the marker bit
    /// (61 bits).
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(4).pos(), 1 << 60);
    /// ```
    #[must_use]
    #[inline]
    pub const fn pos(&self) -> u64 {
        self.0 & (u64::MAX >> 3)
    }

    /// The level, 0 (a face) to 30 (a leaf). Meaningful for valid cells;
    /// [`CellId::NONE`] reports 0.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(2).child(1).level(), 1);
    /// ```
    #[must_use]
    #[inline]
    pub const fn level(&self) -> u8 {
        let tz = self.0.trailing_zeros();
        if tz >= 2 * MAX_LEVEL as u32 {
            0
        } else {
            MAX_LEVEL - (tz >> 1) as u8
        }
    }

    /// Whether this is a leaf (level 30).
    ///
    /// ```
    /// use s2cells::{CellId, LatLng};
    /// assert!(CellId::from_latlng(LatLng::from_degrees(1.0, 2.0)).is_leaf());
    /// ```
    #[must_use]
    #[inline]
    pub const fn is_leaf(&self) -> bool {
        self.0 & 1 != 0
    }

    /// Whether this is a face cell (level 0).
    ///
    /// ```
    /// assert!(s2cells::CellId::from_face(3).is_face());
    /// ```
    #[must_use]
    #[inline]
    pub const fn is_face(&self) -> bool {
        self.0 & (Self::lsb_for_level(0) - 1) == 0
    }

    /// The marker bit: the lowest set bit (0 for [`CellId::NONE`]).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(0).lsb(), 1 << 60);
    /// ```
    #[must_use]
    #[inline]
    pub const fn lsb(&self) -> u64 {
        self.0 & self.0.wrapping_neg()
    }

    /// The marker bit of cells at `level` (0 for a level above 30).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::lsb_for_level(30), 1);
    /// assert_eq!(CellId::lsb_for_level(29), 4);
    /// ```
    #[must_use]
    #[inline]
    pub const fn lsb_for_level(level: u8) -> u64 {
        let shift = 2 * (MAX_LEVEL.wrapping_sub(level) as u32);
        let lsb = 1u64 << (shift & 63);
        if level <= MAX_LEVEL { lsb } else { 0 }
    }

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
        // No comparisons at all, so that loops over many ids vectorize even
        // on baseline x86-64 (SSE2 has no 64-bit compare): the id's lowest
        // set bit must be a marker (an even bit) at or below the new
        // marker, which is one AND with a mask that depends on the level
        // only; the face must not be 6 or 7, whose two top bits are both
        // set. A nonzero t has the top bit set in t or -t. (With ordered
        // compares LLVM kept the loop scalar: 1.78 ns per id in the bench,
        // against 0.67 for Google's; with equality tests, 1.57.)
        let x = self.0;
        let new_lsb = Self::lsb_for_level(level);
        // Loop-invariant: a branch here costs nothing per id.
        let allowed = if new_lsb == 0 {
            0
        } else {
            0x1555_5555_5555_5555 & ((new_lsb << 1) - 1)
        };
        let t = x & x.wrapping_neg() & allowed;
        let ok = (t | t.wrapping_neg()) & !(x & (x << 1));
        let mask = 0u64.wrapping_sub(ok >> 63);
        Self(((x & new_lsb.wrapping_neg()) | new_lsb) & mask)
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

    /// Whether `other` is this cell or one of its descendants.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let f = CellId::from_face(3);
    /// assert!(f.contains(f.child(1).child(2)));
    /// assert!(!f.child(1).contains(f));
    /// ```
    #[must_use]
    #[inline]
    pub const fn contains(&self, other: Self) -> bool {
        other.0 >= self.range_min().0 && other.0 <= self.range_max().0
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

    /// The next cell at the same level along the curve (may run past the
    /// last cell to [`end`](Self::end)).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(0).next(), CellId::from_face(1));
    /// ```
    #[must_use]
    #[inline]
    pub const fn next(&self) -> Self {
        Self(self.0.wrapping_add(self.lsb() << 1))
    }

    /// The previous cell at the same level along the curve.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(1).prev(), CellId::from_face(0));
    /// ```
    #[must_use]
    #[inline]
    pub const fn prev(&self) -> Self {
        Self(self.0.wrapping_sub(self.lsb() << 1))
    }

    /// The next cell, wrapping from the last cell of face 5 to the first of
    /// face 0.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(5).next_wrap(), CellId::from_face(0));
    /// ```
    #[must_use]
    #[inline]
    pub const fn next_wrap(&self) -> Self {
        let n = self.next();
        if n.0 < WRAP_OFFSET {
            n
        } else {
            Self(n.0.wrapping_sub(WRAP_OFFSET))
        }
    }

    /// The previous cell, wrapping from face 0 to the end of face 5.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(0).prev_wrap(), CellId::from_face(5));
    /// ```
    #[must_use]
    #[inline]
    pub const fn prev_wrap(&self) -> Self {
        let p = self.prev();
        if p.0 < WRAP_OFFSET {
            p
        } else {
            Self(p.0.wrapping_add(WRAP_OFFSET))
        }
    }

    /// The bit shift that moves one step at this cell's level.
    #[inline]
    const fn step_shift(&self) -> u32 {
        2 * (MAX_LEVEL - self.level()) as u32 + 1
    }

    /// Moves `steps` cells along the curve at this level, stopping at
    /// [`begin`](Self::begin) and [`end`](Self::end) of the level rather
    /// than running off the curve.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let c = CellId::begin(10);
    /// assert_eq!(c.advance(3), c.next().next().next());
    /// assert_eq!(c.advance(-5), CellId::begin(10));
    /// assert_eq!(c.advance(i64::MAX), CellId::end(10));
    /// ```
    #[must_use]
    pub const fn advance(&self, steps: i64) -> Self {
        if steps == 0 || self.0 == 0 {
            return *self;
        }
        let shift = self.step_shift();
        let mut steps = steps;
        if steps < 0 {
            let min_steps = -((self.0 >> shift) as i64);
            if steps < min_steps {
                steps = min_steps;
            }
        } else {
            let max_steps = ((WRAP_OFFSET + self.lsb()).saturating_sub(self.0) >> shift) as i64;
            if steps > max_steps {
                steps = max_steps;
            }
        }
        Self(self.0.wrapping_add((steps as u64) << shift))
    }

    /// Moves `steps` cells along the curve at this level, wrapping around
    /// from the end to the beginning (and back).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(5).advance_wrap(2), CellId::from_face(1));
    /// assert_eq!(CellId::from_face(0).advance_wrap(-7), CellId::from_face(5));
    /// ```
    #[must_use]
    pub const fn advance_wrap(&self, steps: i64) -> Self {
        if steps == 0 || self.0 == 0 {
            return *self;
        }
        let shift = self.step_shift();
        let mut steps = steps;
        if steps < 0 {
            let min_steps = -((self.0 >> shift) as i64);
            if steps < min_steps {
                let step_wrap = (WRAP_OFFSET >> shift) as i64;
                steps %= step_wrap;
                if steps < min_steps {
                    steps += step_wrap;
                }
            }
        } else {
            let max_steps = (WRAP_OFFSET.saturating_sub(self.0) >> shift) as i64;
            if steps > max_steps {
                let step_wrap = (WRAP_OFFSET >> shift) as i64;
                steps %= step_wrap;
                if steps > max_steps {
                    steps -= step_wrap;
                }
            }
        }
        Self(self.0.wrapping_add((steps as u64) << shift))
    }

    /// The number of cells at this level before this one along the curve.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(3).distance_from_begin(), 3);
    /// assert_eq!(CellId::begin(7).advance(1000).distance_from_begin(), 1000);
    /// ```
    #[must_use]
    #[inline]
    pub const fn distance_from_begin(&self) -> u64 {
        self.0 >> self.step_shift()
    }

    /// The largest cell that starts at this cell's `range_min` and ends
    /// before `limit`'s `range_min`: the greedy step that tiles a leaf range
    /// with the fewest cells. Returns `limit` when this cell starts at or
    /// after it (both may be end ids such as [`CellId::end`]), and
    /// [`CellId::NONE`] for any other invalid id, which Google leaves
    /// undefined (it looped forever here).
    ///
    /// ```
    /// use s2cells::CellId;
    /// let start = CellId::begin(30);
    /// assert_eq!(start.maximum_tile(CellId::from_face(1)), CellId::from_face(0));
    /// assert_eq!(CellId::NONE.maximum_tile(CellId::from_face(1)), CellId::NONE);
    /// ```
    #[must_use]
    pub fn maximum_tile(&self, limit: Self) -> Self {
        let mut id = *self;
        let start = id.range_min();
        if start >= limit.range_min() {
            // Also how a tiling loop ends: at `limit`, often an end id.
            return limit;
        }
        if !self.is_valid() {
            // No leaf range: shrinking would never reach a leaf.
            return Self::NONE;
        }
        if id.range_max() >= limit {
            // Too large: shrink. Since start < limit.range_min(), this stops
            // at a leaf at the latest.
            loop {
                id = id.child_begin_unchecked();
                if id.range_max() < limit {
                    return id;
                }
            }
        }
        // Maybe too small: grow while the parent starts at the same leaf and
        // still ends before the limit.
        while !id.is_face() {
            let parent = id.parent_unchecked(id.level() - 1);
            if parent.range_min() != start || parent.range_max() >= limit {
                break;
            }
            id = parent;
        }
        id
    }

    /// The face, the leaf coordinates (i, j) and the Hilbert-curve
    /// orientation of the cell (Google's `ToFaceIJOrientation`). For a
    /// non-leaf cell, (i, j) are those of a leaf inside it, next to its
    /// center.
    ///
    /// ```
    /// use s2cells::CellId;
    /// let (face, i, j, _) = CellId::from_face_ij(2, 7, 9).to_face_ij_orientation();
    /// assert_eq!((face, i, j), (2, 7, 9));
    /// ```
    #[must_use]
    #[inline]
    pub fn to_face_ij_orientation(&self) -> (u8, u32, u32, u8) {
        let face = self.face();
        let (i, j, mut bits) = decode_bitwise(self.0);
        // A non-leaf cell's position ends in "10", then "00" pairs, each of
        // which flips the swap bit: an odd count when lsb is at bit 4, 8, …
        if self.lsb() & 0x1111_1111_1111_1110 != 0 {
            bits ^= SWAP_MASK;
        }
        (face, i, j, bits)
    }

    /// The face and (si, ti) of the cell center, in half-leaf units
    /// (Google's `GetCenterSiTi`).
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::from_face(4).center_si_ti(), (4, 1 << 30, 1 << 30));
    /// ```
    #[must_use]
    #[inline]
    pub fn center_si_ti(&self) -> (u8, u32, u32) {
        let (face, i, j, _) = self.to_face_ij_orientation();
        // A leaf's center is half a leaf in; a larger cell's is on a leaf
        // corner, which bit 2 of the id tells apart from i's own low bit.
        // In bit operations: leaves and larger cells come mixed.
        let leaf = (self.0 & 1) as u32;
        let corner = ((i ^ ((self.0 as u32) >> 2)) & 1) << 1;
        let delta = leaf | (corner & leaf.wrapping_sub(1));
        (face, 2 * i + delta, 2 * j + delta)
    }

    /// The cell center, not normalized (Google's `ToPointRaw`).
    ///
    /// ```
    /// use s2cells::{CellId, Point};
    /// assert_eq!(CellId::from_face(0).to_point_raw(), Point::new(1.0, 0.0, 0.0));
    /// ```
    #[must_use]
    #[inline]
    pub fn to_point_raw(&self) -> Point {
        let (face, si, ti) = self.center_si_ti();
        face_si_ti_to_xyz(face, si, ti)
    }

    /// The cell center as a unit vector (Google's `ToPoint`).
    ///
    /// ```
    /// use s2cells::{CellId, Point};
    /// assert_eq!(CellId::from_face(2).to_point(), Point::new(0.0, 0.0, 1.0));
    /// ```
    #[must_use]
    #[inline]
    pub fn to_point(&self) -> Point {
        self.to_point_raw().normalize()
    }

    /// The cell center as a lat/lng (Google's `ToLatLng`).
    ///
    /// ```
    /// use s2cells::{CellId, LatLng};
    /// let ll = LatLng::from_degrees(-30.0438, -51.14022);
    /// let center = CellId::from_latlng(ll).to_latlng();
    /// assert!((center.lat_degrees() - ll.lat_degrees()).abs() < 1e-6);
    /// ```
    #[must_use]
    #[inline]
    pub fn to_latlng(&self) -> LatLng {
        LatLng::from(self.to_point_raw())
    }

    /// The cell center in (s, t) coordinates of its face.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(0).center_st(), (0.5, 0.5));
    /// ```
    #[must_use]
    pub fn center_st(&self) -> (f64, f64) {
        let (_, si, ti) = self.center_si_ti();
        (si_ti_to_st(si), si_ti_to_st(ti))
    }

    /// The cell center in (u, v) coordinates of its face.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(0).center_uv(), (0.0, 0.0));
    /// ```
    #[must_use]
    pub fn center_uv(&self) -> (f64, f64) {
        let (_, si, ti) = self.center_si_ti();
        (st_to_uv(si_ti_to_st(si)), st_to_uv(si_ti_to_st(ti)))
    }

    /// The edge length of cells at this level in (i, j) units, `2^(30 - level)`.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(0).child(0).size_ij(), 1 << 29);
    /// ```
    #[must_use]
    #[inline]
    pub const fn size_ij(&self) -> u32 {
        Self::size_ij_at(self.level())
    }

    #[inline]
    pub(crate) const fn size_ij_at(level: u8) -> u32 {
        1 << (MAX_LEVEL - level)
    }

    /// The edge length of cells at this level in (s, t) units.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(0).child(0).size_st(), 0.5);
    /// ```
    #[must_use]
    #[inline]
    pub fn size_st(&self) -> f64 {
        ij_to_st_min(self.size_ij())
    }

    /// The cell's bounds in (s, t): `[[s_lo, s_hi], [t_lo, t_hi]]`.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(1).child(0).bound_st(), [[0.0, 0.5], [0.0, 0.5]]);
    /// ```
    #[must_use]
    pub fn bound_st(&self) -> [[f64; 2]; 2] {
        let size = self.size_st();
        let (s, t) = self.center_st();
        [
            [s - 0.5 * size, s + 0.5 * size],
            [t - 0.5 * size, t + 0.5 * size],
        ]
    }

    /// The cell's bounds in (u, v): `[[u_lo, u_hi], [v_lo, v_hi]]`.
    ///
    /// ```
    /// assert_eq!(s2cells::CellId::from_face(1).bound_uv(), [[-1.0, 1.0], [-1.0, 1.0]]);
    /// ```
    #[must_use]
    pub fn bound_uv(&self) -> [[f64; 2]; 2] {
        let (_, i, j, _) = self.to_face_ij_orientation();
        ij_level_to_bound_uv(i, j, self.level())
    }
}

/// The (u,v) bounds of the cell at `level` containing leaf (i, j).
pub(crate) fn ij_level_to_bound_uv(i: u32, j: u32, level: u8) -> [[f64; 2]; 2] {
    let size = CellId::size_ij_at(level);
    let bound = |ij: u32| {
        let lo = ij & size.wrapping_neg();
        [
            st_to_uv(ij_to_st_min(lo)),
            st_to_uv(ij_to_st_min(lo + size)),
        ]
    };
    [bound(i), bound(j)]
}

impl TryFrom<u64> for CellId {
    type Error = Error;

    /// A cell from its 64-bit id, checked for validity.
    ///
    /// ```
    /// use s2cells::CellId;
    /// assert_eq!(CellId::try_from(1u64 << 60), Ok(CellId::from_face(0)));
    /// assert!(CellId::try_from(0u64).is_err());
    /// assert!(CellId::try_from(u64::MAX).is_err());
    /// ```
    fn try_from(id: u64) -> Result<Self, Error> {
        let c = Self(id);
        if c.is_valid() {
            Ok(c)
        } else {
            Err(Error::InvalidCellId { id })
        }
    }
}

impl From<CellId> for u64 {
    /// The raw id.
    fn from(c: CellId) -> u64 {
        c.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The all-orientations decoder against the plain table walk (one
    /// orientation per lookup) on ids of every face and level.
    #[test]
    fn decode_matches_the_plain_table_walk() {
        use crate::cell::hilbert::{INVERT_MASK, LOOKUP_BITS, LOOKUP_IJ};
        let plain = |id: CellId| {
            let (mut i, mut j) = (0u32, 0u32);
            let mut bits = u32::from(id.face() & SWAP_MASK);
            for k in (0..8u32).rev() {
                let nbits = if k == 7 { 2 } else { LOOKUP_BITS };
                bits += (((id.0 >> (k * 8 + 1)) as u32) & ((1 << (2 * nbits)) - 1)) << 2;
                bits = u32::from(LOOKUP_IJ[bits as usize]);
                i += (bits >> 6) << (k * 4);
                j += ((bits >> 2) & 15) << (k * 4);
                bits &= u32::from(SWAP_MASK | INVERT_MASK);
            }
            if id.lsb() & 0x1111_1111_1111_1110 != 0 {
                bits ^= u32::from(SWAP_MASK);
            }
            (id.face(), i, j, bits as u8)
        };
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for k in 0..200_000u64 {
            let pos = crate::test_rng::next_u64(&mut state);
            let leaf = CellId::from_face_pos_level((k % 6) as u8, pos, 30);
            let id = leaf.parent((k % 31) as u8);
            assert_eq!(id.to_face_ij_orientation(), plain(id), "{id:?}");
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
