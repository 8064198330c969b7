//! The 64-bit cell id: the type, its construction from points, lat/lngs
//! and face coordinates, and what its bits say (face, level, marker).
//! The hierarchy is in `hierarchy.rs`, moves along the curve in
//! `curve.rs`, positions on the face (center, bounds) in `face_ij.rs` and
//! the text forms in `token.rs`.

use super::CellError as Error;
use super::hilbert::{ENCODE_ALL, ENCODE_BITS, SWAP_MASK, encode_bitwise_lanes};
use crate::geom::coords::{MAX_LEVEL, MAX_SIZE, st_to_ij, uv_to_st, xyz_to_face_uv};
use crate::{LatLng, Point};

/// Number of faces of the cube.
pub(crate) const NUM_FACES: u8 = 6;
/// Bits of the position along the face's curve, plus the marker bit.
pub(super) const POS_BITS: u32 = 2 * MAX_LEVEL as u32 + 1;
/// The id distance spanned by all six faces, used to wrap around the curve.
pub(super) const WRAP_OFFSET: u64 = (NUM_FACES as u64) << POS_BITS;

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
    /// # Errors
    ///
    /// [`CellError::InvalidPoint`](super::CellError::InvalidPoint) when the point is not finite or is zero.
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
    /// # Errors
    ///
    /// [`CellError::InvalidLatLng`](super::CellError::InvalidLatLng) when the lat/lng is not valid.
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
    /// lanes (see [`encode_bitwise_lanes`]). Always inlined, so that the
    /// batch kernels compile it for their own instruction set.
    #[inline(always)]
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
        // only selects a 16-bit field: the loads do not wait on each other,
        // as the chain of six dependent loads in ENCODE_POS did. The shift
        // to the next field is bits 10..16 of this one; `wrapping_shr` uses
        // only the low six bits of its count, as x86's shift does, so no
        // mask is on the chain (BENCHMARKS.md, "What each trick bought").
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
    /// # Errors
    ///
    /// [`CellError::InvalidCellId`](super::CellError::InvalidCellId) when the bits are not a valid cell id.
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
