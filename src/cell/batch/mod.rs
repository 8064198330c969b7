//! Batch kernels: many points or cell ids per call, slice in and slice
//! out, on the widest vector instructions the CPU has.
//!
//! | kernel | in | out |
//! |---|---|---|
//! | [`latlngs_to_cell_ids`] | latitudes, longitudes (degrees) | cell ids at a level |
//! | [`cell_ids_to_parents`] | cell ids | their ancestors at a level |
//! | [`cell_ids_contain`] | two slices of cell ids | whether each of the first contains the second |
//! | [`cell_ids_to_tokens`] | cell ids | tokens, back to back with offsets (Arrow's string layout) |
//! | [`cell_ids_to_centers`] | cell ids | center latitudes, longitudes (degrees) |
//!
//! Each writes into the caller's slices and allocates nothing, so many
//! threads may call them at once on parts of one array. Ids come and go as
//! [`CellId`], `u64` or `i64` (the signed form BigQuery and SQL databases
//! store), whichever the caller's buffers hold ([`CellIdBits`]).
//!
//! **Invalid input.** An invalid row gives the `NONE` form in its output
//! slot and is counted, never an error and never a silently different
//! answer: a lat/lng that is not finite or out of range, and an id that is
//! not a valid cell (including [`CellId::NONE`]), become [`CellId::NONE`]
//! (id 0), the token `"X"`, a NaN center or `false`. Each kernel returns
//! [`InvalidInputs`]: how many rows were invalid and the index of the first,
//! so that a caller can stop there and report why (the one-row method says
//! why: [`CellId::try_from_latlng`], [`CellId::try_from`]), or treat them
//! as nulls. Arguments that do not fit (slices of different lengths, a
//! level above 30) are a [`CellError`] and nothing is written.
//!
//! **Paths.** Every kernel is compiled for baseline x86-64 (the scalar
//! reference path, and the only one on other CPUs), AVX2 and AVX-512;
//! [`Kernels::detect`] picks the widest this CPU runs, once, and the free
//! functions here use it. Every path gives the same bits as every other
//! and as the one-row methods ([`CellId::from_latlng`], [`CellId::parent`],
//! [`CellId::contains`], [`CellId::to_token`], [`CellId::to_latlng`]), on
//! the conformance
//! vectors and on ten million random inputs per path and kernel
//! (`tests/batch_kernels.rs`). The environment variable `S2CELLS_ISA`
//! (`scalar`, `avx2` or `avx512`) caps the choice, to compare paths or to
//! rule one out.

mod dispatch;
mod kernels;

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use self::dispatch::Supported;
use super::CellError;
use super::CellId;
use super::hierarchy::PARENT_MASKS;
use crate::geom::coords::MAX_LEVEL;

/// A cell id in a form the batch kernels read and write: [`CellId`], its
/// 64 bits as `u64`, or the same bits as `i64` (the signed form that
/// BigQuery, Spark and SQL databases store; see [`CellId::to_signed`]).
/// Implemented for those three types only; its conversions are the
/// crate's own, so that no `CellId` is made from unchecked bits.
///
/// ```
/// use s2cells::cell::{cell_ids_to_parents, CellIdBits};
/// use s2cells::CellId;
///
/// fn level_5<T: CellIdBits>(ids: &[T], out: &mut [T]) -> usize {
///     cell_ids_to_parents(ids, 5, out).map_or(ids.len(), |bad| bad.count)
/// }
/// let leaf = CellId::from_token("951977d377e723ab")?;
/// let (mut a, mut b) = ([0i64], [CellId::NONE]);
/// assert_eq!(level_5(&[leaf.to_signed()], &mut a), 0);
/// assert_eq!(level_5(&[leaf], &mut b), 0);
/// assert_eq!(a[0], b[0].to_signed());
/// # Ok::<(), s2cells::Error>(())
/// ```
pub trait CellIdBits: Copy + sealed::Bits {}

impl CellIdBits for CellId {}
impl CellIdBits for u64 {}
impl CellIdBits for i64 {}

/// The integer type of the offsets [`cell_ids_to_tokens`] writes: `i32`
/// (Arrow's `Utf8` and Polars' strings), `i64` (Arrow's `LargeUtf8`),
/// `u32`, `u64` or `usize`.
///
/// ```
/// use s2cells::cell::{cell_ids_to_tokens, TokenOffset};
///
/// fn tokens<O: TokenOffset>(ids: &[u64], offsets: &mut [O]) -> Vec<u8> {
///     let mut bytes = vec![0u8; 16 * ids.len()];
///     cell_ids_to_tokens(ids, &mut bytes, offsets).expect("sized for the ids");
///     bytes
/// }
/// let mut offsets = [0i64; 2];
/// assert_eq!(&tokens(&[1 << 60], &mut offsets)[..1], b"1");
/// assert_eq!(offsets, [0, 1]);
/// ```
pub trait TokenOffset: Copy + sealed::Offset {}

impl TokenOffset for i32 {}
impl TokenOffset for i64 {}
impl TokenOffset for u32 {}
impl TokenOffset for u64 {}
impl TokenOffset for usize {}

/// The conversions behind [`CellIdBits`] and [`TokenOffset`], callable
/// only inside the crate.
mod sealed {
    use crate::CellId;

    /// Proof of being inside the crate: a generic caller outside it can
    /// name `T: CellIdBits` but cannot make one of these, so it cannot
    /// call [`Bits::from_u64`].
    #[derive(Clone, Copy)]
    pub struct Inside(());

    /// The one value.
    pub(crate) const INSIDE: Inside = Inside(());

    /// A cell id's 64 bits, both ways.
    pub trait Bits {
        /// The 64 bits of the id.
        fn to_u64(self) -> u64;
        /// The id with these 64 bits, as a kernel computed them (a valid
        /// id, or NONE).
        fn from_u64(bits: u64, inside: Inside) -> Self;
    }

    impl Bits for CellId {
        #[inline(always)]
        fn to_u64(self) -> u64 {
            self.0
        }
        #[inline(always)]
        fn from_u64(bits: u64, _: Inside) -> Self {
            Self(bits)
        }
    }

    impl Bits for u64 {
        #[inline(always)]
        fn to_u64(self) -> u64 {
            self
        }
        #[inline(always)]
        fn from_u64(bits: u64, _: Inside) -> Self {
            bits
        }
    }

    impl Bits for i64 {
        #[inline(always)]
        fn to_u64(self) -> u64 {
            self as u64
        }
        #[inline(always)]
        fn from_u64(bits: u64, _: Inside) -> Self {
            bits as i64
        }
    }

    /// A byte offset into the token buffer.
    pub trait Offset {
        /// The largest offset the type holds.
        const MAX: usize;
        /// The offset `n`, at most `MAX`.
        fn from_len(n: usize) -> Self;
    }

    macro_rules! offset {
        ($($t:ty),*) => {$(
            impl Offset for $t {
                const MAX: usize = if (<$t>::MAX as u128) < usize::MAX as u128 {
                    <$t>::MAX as usize
                } else {
                    usize::MAX
                };
                #[inline(always)]
                fn from_len(n: usize) -> Self {
                    n as $t
                }
            }
        )*};
    }
    offset!(i32, i64, u32, u64, usize);
}

/// The invalid rows a batch kernel met: how many, and the index of the
/// first. Their output slots hold the `NONE` form ([`CellId::NONE`], the
/// token `"X"` or NaN).
///
/// ```
/// use s2cells::cell::{latlngs_to_cell_ids, InvalidInputs};
///
/// let mut out = [0u64; 3];
/// let invalid = latlngs_to_cell_ids(&[10.0, 95.0, f64::NAN], &[20.0, 0.0, 0.0], 12, &mut out)?;
/// assert_eq!(invalid, InvalidInputs { count: 2, first: Some(1) });
/// assert!(!invalid.is_empty());
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct InvalidInputs {
    /// How many rows were invalid.
    pub count: usize,
    /// The index of the first invalid row, if any.
    pub first: Option<usize>,
}

impl InvalidInputs {
    /// Whether every row was valid.
    ///
    /// ```
    /// assert!(s2cells::cell::InvalidInputs::default().is_empty());
    /// ```
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.count == 0
    }
}

impl From<kernels::Tally> for InvalidInputs {
    fn from(t: kernels::Tally) -> Self {
        Self {
            count: t.count,
            first: t.first,
        }
    }
}

/// An instruction set a batch kernel path is compiled for.
///
/// ```
/// use s2cells::cell::Isa;
///
/// assert!(Isa::Scalar.is_supported());
/// assert_eq!("avx512".parse::<Isa>(), Ok(Isa::Avx512));
/// assert_eq!(Isa::Avx2.to_string(), "avx2");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Isa {
    /// The baseline target the crate is compiled for (SSE2 on x86-64):
    /// the reference path, available everywhere.
    Scalar,
    /// AVX2 with BMI1/BMI2, LZCNT and POPCNT (x86-64 CPUs since 2013-2015).
    Avx2,
    /// AVX-512 F, BW, DQ and VL, with the AVX2 set.
    Avx512,
}

impl Isa {
    /// Every path, narrowest first.
    pub const ALL: [Self; 3] = [Self::Scalar, Self::Avx2, Self::Avx512];

    /// Whether this CPU runs the path.
    ///
    /// ```
    /// use s2cells::cell::Isa;
    /// let here: Vec<Isa> = Isa::ALL.into_iter().filter(|i| i.is_supported()).collect();
    /// assert_eq!(here[0], Isa::Scalar);
    /// ```
    #[must_use]
    pub fn is_supported(self) -> bool {
        Supported::new(self).is_some()
    }

    /// The name `S2CELLS_ISA` and [`FromStr`] take: `scalar`, `avx2`,
    /// `avx512`.
    ///
    /// ```
    /// assert_eq!(s2cells::cell::Isa::Scalar.name(), "scalar");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Scalar => "scalar",
            Self::Avx2 => "avx2",
            Self::Avx512 => "avx512",
        }
    }
}

impl fmt::Display for Isa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Isa {
    type Err = CellError;

    /// Parses [`Isa::name`], ignoring ASCII case.
    fn from_str(s: &str) -> Result<Self, CellError> {
        Self::ALL
            .into_iter()
            .find(|i| i.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| CellError::UnknownName {
                what: "instruction set",
                name: s.to_owned(),
                expected: "scalar, avx2 or avx512",
            })
    }
}

/// The batch kernels on one path ([`Isa`]), which this CPU runs. The free
/// functions of this module use [`Kernels::detect`]; a `Kernels` of its
/// own lets a caller force a path (to compare them, as the tests do).
///
/// ```
/// use s2cells::cell::{Isa, Kernels};
///
/// let mut ids = [0u64; 2];
/// for k in Kernels::all_supported() {
///     k.latlngs_to_cell_ids(&[47.0, -30.0], &[-122.0, -51.0], 30, &mut ids)?;
///     assert_eq!(ids[0] as i64, 6093613931972369317, "{}", k.isa());
/// }
/// assert!(Kernels::with_isa(Isa::Scalar).is_some());
/// # Ok::<(), s2cells::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Kernels {
    on: Supported,
}

impl Kernels {
    /// The widest path this CPU runs, capped by the environment variable
    /// `S2CELLS_ISA` if it names a path (`scalar`, `avx2`, `avx512`; any
    /// other value is ignored). Decided once per process.
    ///
    /// ```
    /// let k = s2cells::cell::Kernels::detect();
    /// assert!(k.isa().is_supported());
    /// ```
    #[must_use]
    pub fn detect() -> Self {
        static DETECTED: OnceLock<Kernels> = OnceLock::new();
        *DETECTED.get_or_init(|| {
            let cap = std::env::var("S2CELLS_ISA")
                .ok()
                .and_then(|v| v.parse::<Isa>().ok())
                .unwrap_or(Isa::Avx512);
            Self::all_supported()
                .filter(|k| k.isa() <= cap)
                .last()
                .unwrap_or(Self {
                    on: Supported::new(Isa::Scalar).unwrap_or_else(|| unreachable!()),
                })
        })
    }

    /// The kernels on `isa`'s path, or `None` when this CPU does not run
    /// it.
    ///
    /// ```
    /// use s2cells::cell::{Isa, Kernels};
    /// assert_eq!(Kernels::with_isa(Isa::Scalar).map(|k| k.isa()), Some(Isa::Scalar));
    /// ```
    #[must_use]
    pub fn with_isa(isa: Isa) -> Option<Self> {
        Supported::new(isa).map(|on| Self { on })
    }

    /// Every path this CPU runs, narrowest (scalar) first.
    ///
    /// ```
    /// let paths: Vec<_> = s2cells::cell::Kernels::all_supported().map(|k| k.isa()).collect();
    /// assert_eq!(paths[0], s2cells::cell::Isa::Scalar);
    /// ```
    pub fn all_supported() -> impl Iterator<Item = Self> {
        Isa::ALL.into_iter().filter_map(Self::with_isa)
    }

    /// The path.
    ///
    /// ```
    /// use s2cells::cell::{Isa, Kernels};
    /// assert_eq!(Kernels::with_isa(Isa::Scalar).unwrap().isa(), Isa::Scalar);
    /// ```
    #[must_use]
    pub fn isa(&self) -> Isa {
        self.on.isa()
    }

    /// [`latlngs_to_cell_ids`] on this path.
    ///
    /// # Errors
    ///
    /// As [`latlngs_to_cell_ids`].
    ///
    /// ```
    /// use s2cells::cell::{Isa, Kernels};
    /// let mut out = [0i64; 1];
    /// let k = Kernels::with_isa(Isa::Scalar).unwrap();
    /// k.latlngs_to_cell_ids(&[47.0], &[-122.0], 30, &mut out)?;
    /// assert_eq!(out[0], 6093613931972369317);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn latlngs_to_cell_ids<T: CellIdBits>(
        &self,
        lats_deg: &[f64],
        lngs_deg: &[f64],
        level: u8,
        out: &mut [T],
    ) -> Result<InvalidInputs, CellError> {
        let masks = masks(level)?;
        if lats_deg.len() != lngs_deg.len() || lats_deg.len() != out.len() {
            return Err(CellError::LengthMismatch {
                lats: lats_deg.len(),
                lngs: lngs_deg.len(),
                out: out.len(),
            });
        }
        Ok(dispatch::latlngs(self.on, lats_deg, lngs_deg, masks, out).into())
    }

    /// [`cell_ids_to_parents`] on this path.
    ///
    /// # Errors
    ///
    /// As [`cell_ids_to_parents`].
    ///
    /// ```
    /// use s2cells::cell::{Isa, Kernels};
    /// use s2cells::CellId;
    /// let mut out = [CellId::NONE; 1];
    /// let k = Kernels::with_isa(Isa::Scalar).unwrap();
    /// k.cell_ids_to_parents(&[CellId::from_face(2).child(1)], 0, &mut out)?;
    /// assert_eq!(out[0], CellId::from_face(2));
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn cell_ids_to_parents<T: CellIdBits>(
        &self,
        ids: &[T],
        level: u8,
        out: &mut [T],
    ) -> Result<InvalidInputs, CellError> {
        let masks = masks(level)?;
        check_len("output slice", out.len(), ids.len())?;
        Ok(dispatch::parents(self.on, ids, masks, out).into())
    }

    /// [`cell_ids_contain`] on this path.
    ///
    /// # Errors
    ///
    /// As [`cell_ids_contain`].
    ///
    /// ```
    /// use s2cells::cell::{Isa, Kernels};
    /// use s2cells::CellId;
    /// let mut out = [false; 2];
    /// let k = Kernels::with_isa(Isa::Scalar).unwrap();
    /// let f = CellId::from_face(2);
    /// k.cell_ids_contain(&[f, f.child(1)], &[f.child(1), f], &mut out)?;
    /// assert_eq!(out, [true, false]);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn cell_ids_contain<T: CellIdBits>(
        &self,
        a: &[T],
        b: &[T],
        out: &mut [bool],
    ) -> Result<InvalidInputs, CellError> {
        check_len("second id slice", b.len(), a.len())?;
        check_len("output slice", out.len(), a.len())?;
        Ok(dispatch::contains(self.on, a, b, out).into())
    }

    /// [`cell_ids_to_tokens`] on this path.
    ///
    /// # Errors
    ///
    /// As [`cell_ids_to_tokens`].
    ///
    /// ```
    /// use s2cells::cell::{Isa, Kernels};
    /// let (mut bytes, mut offsets) = ([0u8; 16], [0u32; 2]);
    /// let k = Kernels::with_isa(Isa::Scalar).unwrap();
    /// k.cell_ids_to_tokens(&[s2cells::CellId::from_face(1)], &mut bytes, &mut offsets)?;
    /// assert_eq!(&bytes[..offsets[1] as usize], b"3");
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn cell_ids_to_tokens<T: CellIdBits, O: TokenOffset>(
        &self,
        ids: &[T],
        bytes: &mut [u8],
        offsets: &mut [O],
    ) -> Result<InvalidInputs, CellError> {
        check_len(
            "offsets slice (one more than the ids)",
            offsets.len(),
            ids.len() + 1,
        )?;
        let need = ids.len().saturating_mul(16);
        if bytes.len() < need {
            return Err(CellError::BatchLength {
                what: "token bytes (16 per id)",
                len: bytes.len(),
                expected: need,
            });
        }
        if need > <O as sealed::Offset>::MAX {
            return Err(CellError::BatchLength {
                what: "offset type's range (16 bytes per id)",
                len: <O as sealed::Offset>::MAX,
                expected: need,
            });
        }
        Ok(dispatch::tokens(self.on, ids, bytes, offsets).into())
    }

    /// [`cell_ids_to_centers`] on this path.
    ///
    /// # Errors
    ///
    /// As [`cell_ids_to_centers`].
    ///
    /// ```
    /// use s2cells::cell::{Isa, Kernels};
    /// let (mut lat, mut lng) = ([0.0; 1], [0.0; 1]);
    /// let k = Kernels::with_isa(Isa::Scalar).unwrap();
    /// k.cell_ids_to_centers(&[s2cells::CellId::from_face(2)], &mut lat, &mut lng)?;
    /// assert_eq!(lat[0], 90.0);
    /// # Ok::<(), s2cells::Error>(())
    /// ```
    pub fn cell_ids_to_centers<T: CellIdBits>(
        &self,
        ids: &[T],
        lats_deg: &mut [f64],
        lngs_deg: &mut [f64],
    ) -> Result<InvalidInputs, CellError> {
        check_len("latitude slice", lats_deg.len(), ids.len())?;
        check_len("longitude slice", lngs_deg.len(), ids.len())?;
        Ok(dispatch::centers(self.on, ids, lats_deg, lngs_deg).into())
    }
}

/// The parent masks of `level`, or the error for a level above 30.
fn masks(level: u8) -> Result<&'static [u64; 3], CellError> {
    if level > MAX_LEVEL {
        return Err(CellError::InvalidLevel {
            level: i64::from(level),
            expected: "0..=30",
        });
    }
    let [masks @ .., _] = &PARENT_MASKS[usize::from(level)];
    Ok(masks)
}

/// An error unless the `what` slice holds `expected` elements.
fn check_len(what: &'static str, len: usize, expected: usize) -> Result<(), CellError> {
    if len == expected {
        Ok(())
    } else {
        Err(CellError::BatchLength {
            what,
            len,
            expected,
        })
    }
}

/// Converts lat/lng pairs in degrees to the cells at `level` that contain
/// them: `out[k]` for `(lats_deg[k], lngs_deg[k])`, equal to
/// [`CellId::from_latlng`]`(..).parent(level)`. An invalid pair
/// (non-finite, |lat| > 90, |lng| > 180) gives [`CellId::NONE`] and is
/// counted in the result. The three slices must have the same length and
/// `level` must be at most 30, or nothing is written and the error says
/// which. On the path [`Kernels::detect`] picks.
///
/// # Errors
///
/// [`CellError::InvalidLevel`] for a level above 30 and
/// [`CellError::LengthMismatch`] for slices of different lengths; nothing
/// is written then. Invalid rows are not errors.
///
/// ```
/// use s2cells::{cell::latlngs_to_cell_ids, CellId, LatLng};
///
/// let lats = [-30.0438, 47.0, f64::NAN];
/// let lngs = [-51.14022, -122.0, 0.0];
/// let mut out = [CellId::NONE; 3];
/// let invalid = latlngs_to_cell_ids(&lats, &lngs, 15, &mut out)?;
/// assert_eq!((invalid.count, invalid.first), (1, Some(2)));
/// assert_eq!(out[0].to_token(), "951977d34");
/// assert_eq!(out[1], CellId::from_latlng(LatLng::from_degrees(47.0, -122.0)).parent(15));
/// assert_eq!(out[2], CellId::NONE);
/// # Ok::<(), s2cells::Error>(())
/// ```
pub fn latlngs_to_cell_ids<T: CellIdBits>(
    lats_deg: &[f64],
    lngs_deg: &[f64],
    level: u8,
    out: &mut [T],
) -> Result<InvalidInputs, CellError> {
    Kernels::detect().latlngs_to_cell_ids(lats_deg, lngs_deg, level, out)
}

/// The ancestors of `ids` at `level`: `out[k]` is
/// [`CellId::parent`]`(level)` of `ids[k]`, the id itself at its own
/// level, and [`CellId::NONE`] (counted in the result) for an invalid id
/// or one at a coarser level than `level`. `out` must be as long as
/// `ids` and `level` at most 30, or nothing is written and the error says
/// which. On the path [`Kernels::detect`] picks.
///
/// # Errors
///
/// [`CellError::InvalidLevel`] for a level above 30 and
/// [`CellError::BatchLength`] for an output of another length; nothing is
/// written then. Invalid rows are not errors.
///
/// ```
/// use s2cells::cell::cell_ids_to_parents;
/// use s2cells::CellId;
///
/// let leaf = CellId::from_token("951977d377e723ab")?;
/// let mut out = [0u64; 3];
/// let invalid = cell_ids_to_parents(&[leaf.id(), 0, leaf.parent(5).id()], 10, &mut out)?;
/// assert_eq!(CellId::try_from(out[0])?.to_token(), "951977");
/// assert_eq!(&out[1..], &[0, 0]); // NONE, and a level-5 cell has no level-10 ancestor
/// assert_eq!((invalid.count, invalid.first), (2, Some(1)));
/// # Ok::<(), s2cells::Error>(())
/// ```
pub fn cell_ids_to_parents<T: CellIdBits>(
    ids: &[T],
    level: u8,
    out: &mut [T],
) -> Result<InvalidInputs, CellError> {
    Kernels::detect().cell_ids_to_parents(ids, level, out)
}

/// Whether each cell of `a` contains the cell of `b` at the same index:
/// `out[k]` is `a[k].`[`contains`](CellId::contains)`(b[k])`, and false
/// (counted in the result) where `a[k]` or `b[k]` is not a valid id. The
/// three slices must have the same length, or nothing is written and the
/// error says which. On the path [`Kernels::detect`] picks.
///
/// # Errors
///
/// [`CellError::BatchLength`] for slices of different lengths; nothing is
/// written then. Invalid rows are not errors.
///
/// ```
/// use s2cells::cell::cell_ids_contain;
/// use s2cells::CellId;
///
/// let city = CellId::from_token("951977")?;
/// let leaf = CellId::from_token("951977d377e723ab")?;
/// let mut out = [true; 3];
/// let invalid = cell_ids_contain(&[city, leaf, CellId::NONE], &[leaf, city, leaf], &mut out)?;
/// assert_eq!(out, [true, false, false]);
/// assert_eq!((invalid.count, invalid.first), (1, Some(2)));
/// # Ok::<(), s2cells::Error>(())
/// ```
pub fn cell_ids_contain<T: CellIdBits>(
    a: &[T],
    b: &[T],
    out: &mut [bool],
) -> Result<InvalidInputs, CellError> {
    Kernels::detect().cell_ids_contain(a, b, out)
}

/// The tokens of `ids` ([`CellId::to_token`]), back to back in `bytes`:
/// token k is `bytes[offsets[k]..offsets[k + 1]]`, with `offsets[0] = 0`,
/// which is Arrow's layout of a string array (`i32` offsets for `Utf8`,
/// `i64` for `LargeUtf8`). An invalid id is written as [`CellId::NONE`]'s
/// token `"X"` and counted in the result. `offsets` must hold
/// `ids.len() + 1` entries and `bytes` 16 bytes per id (the longest token;
/// `offsets[ids.len()]` of them are used), and `16 * ids.len()` must fit
/// the offset type, or nothing is written and the error says which. On the
/// path [`Kernels::detect`] picks.
///
/// # Errors
///
/// [`CellError::BatchLength`] when `offsets` does not hold one more entry
/// than `ids`, `bytes` holds fewer than 16 per id, or the offset type
/// cannot count to `16 * ids.len()`; nothing is written then. Invalid rows
/// are not errors.
///
/// ```
/// use s2cells::cell::cell_ids_to_tokens;
/// use s2cells::CellId;
///
/// let ids = [CellId::from_token("951977d34")?, CellId::NONE, CellId::from_face(5)];
/// let mut bytes = vec![0u8; 16 * ids.len()];
/// let mut offsets = vec![0i32; ids.len() + 1];
/// let invalid = cell_ids_to_tokens(&ids, &mut bytes, &mut offsets)?;
/// assert_eq!(offsets, [0, 9, 10, 11]);
/// assert_eq!(&bytes[..11], b"951977d34Xb");
/// assert_eq!((invalid.count, invalid.first), (1, Some(1)));
/// # Ok::<(), s2cells::Error>(())
/// ```
pub fn cell_ids_to_tokens<T: CellIdBits, O: TokenOffset>(
    ids: &[T],
    bytes: &mut [u8],
    offsets: &mut [O],
) -> Result<InvalidInputs, CellError> {
    Kernels::detect().cell_ids_to_tokens(ids, bytes, offsets)
}

/// The centers of `ids` in degrees: `(lats_deg[k], lngs_deg[k])` is
/// [`CellId::to_latlng`] of `ids[k]` (Google's `ToLatLng`, to the bit),
/// and NaN, NaN for an invalid id (counted in the result). Both output
/// slices must be as long as `ids`, or nothing is written and the error
/// says which. On the path [`Kernels::detect`] picks.
///
/// # Errors
///
/// [`CellError::BatchLength`] for an output slice of another length;
/// nothing is written then. Invalid rows are not errors.
///
/// ```
/// use s2cells::cell::cell_ids_to_centers;
/// use s2cells::CellId;
///
/// let ids = [CellId::from_token("951977d34")?.id(), u64::MAX];
/// let (mut lat, mut lng) = ([0.0; 2], [0.0; 2]);
/// let invalid = cell_ids_to_centers(&ids, &mut lat, &mut lng)?;
/// let c = CellId::from_token("951977d34")?.to_latlng();
/// assert_eq!((lat[0], lng[0]), (c.lat_degrees(), c.lng_degrees()));
/// assert!(lat[1].is_nan() && lng[1].is_nan());
/// assert_eq!(invalid.count, 1);
/// # Ok::<(), s2cells::Error>(())
/// ```
pub fn cell_ids_to_centers<T: CellIdBits>(
    ids: &[T],
    lats_deg: &mut [f64],
    lngs_deg: &mut [f64],
) -> Result<InvalidInputs, CellError> {
    Kernels::detect().cell_ids_to_centers(ids, lats_deg, lngs_deg)
}
