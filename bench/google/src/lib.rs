//! Benchmark-only bindings to Google's C++ s2geometry, plus the fixed-seed
//! inputs that the `cell` benches and the agreement test share.
//!
//! The C++ side is the Release static library shipped in the PyPI wheel
//! `s2geometry==0.14.0`. It is built only when the env var `S2_GOOGLE_DIR`
//! names the wheel's `s2geometry` directory (the one holding `include/` and
//! `lib64/`) at build time; otherwise [`available`] is false and every
//! function here returns `None`, so a fresh machine needs neither the wheel nor
//! a C++ compiler.
//!
//! Batch functions run their loop in C++ (one FFI call per batch, so call
//! overhead does not enter per-operation timings) and return a checksum that
//! depends on every result, mirroring what the Rust side of a bench returns.

pub mod data;

#[cfg(s2_google)]
mod ffi {
    unsafe extern "C" {
        pub(crate) fn s2g_tokens_write(ids: *const u64, n: usize, buf: *mut u8, lens: *mut u8);
        pub(crate) fn s2g_leaf_from_degrees(lat: f64, lng: f64) -> u64;
        pub(crate) fn s2g_from_token(s: *const u8, len: usize) -> u64;
        pub(crate) fn s2g_to_token(id: u64, buf: *mut u8) -> usize;
        pub(crate) fn s2g_cover_rect(
            lat_lo: f64,
            lat_hi: f64,
            lng_lo: f64,
            lng_hi: f64,
            min_level: i32,
            max_level: i32,
            level_mod: i32,
            max_cells: i32,
            interior: i32,
            out: *mut u64,
            cap: usize,
            n: *mut usize,
        ) -> u64;
        pub(crate) fn s2g_cover_cap(
            x: f64,
            y: f64,
            z: f64,
            length2: f64,
            min_level: i32,
            max_level: i32,
            level_mod: i32,
            max_cells: i32,
            interior: i32,
            out: *mut u64,
            cap: usize,
            n: *mut usize,
        ) -> u64;
        pub(crate) fn s2g_polygon_new(
            xyz: *const f64,
            lens: *const usize,
            nloops: usize,
        ) -> *mut u8;
        pub(crate) fn s2g_polygon_free(p: *mut u8);
        pub(crate) fn s2g_cover_polygon(
            p: *const u8,
            min_level: i32,
            max_level: i32,
            level_mod: i32,
            max_cells: i32,
            interior: i32,
            out: *mut u64,
            cap: usize,
            n: *mut usize,
        ) -> u64;
        pub(crate) fn s2g_build_cover_polygon(
            xyz: *const f64,
            lens: *const usize,
            nloops: usize,
            min_level: i32,
            max_level: i32,
            level_mod: i32,
            max_cells: i32,
            interior: i32,
            out: *mut u64,
            cap: usize,
            n: *mut usize,
        ) -> u64;
    }
}

/// The timed loops of `shim/cell.cc`, whose C names start with `$prefix`
/// (`s2g_` for the baseline build, `s2gn_` for `-march=native`).
#[cfg(s2_google)]
macro_rules! cell_ffi {
    ($prefix:literal) => {
        unsafe extern "C" {
            #[link_name = concat!($prefix, "latlng_to_leaf")]
            pub(crate) fn latlng_to_leaf(
                lat: *const f64,
                lng: *const f64,
                n: usize,
                out: *mut u64,
            ) -> u64;
            #[link_name = concat!($prefix, "latlng_to_level")]
            pub(crate) fn latlng_to_level(
                lat: *const f64,
                lng: *const f64,
                n: usize,
                level: i32,
                out: *mut u64,
            ) -> u64;
            #[link_name = concat!($prefix, "token_encode")]
            pub(crate) fn token_encode(ids: *const u64, n: usize) -> u64;
            #[link_name = concat!($prefix, "token_decode")]
            pub(crate) fn token_decode(
                bytes: *const u8,
                offsets: *const usize,
                n: usize,
                out: *mut u64,
            ) -> u64;
            #[link_name = concat!($prefix, "center_latlng")]
            pub(crate) fn center_latlng(
                ids: *const u64,
                n: usize,
                lat: *mut f64,
                lng: *mut f64,
            ) -> f64;
            #[link_name = concat!($prefix, "center_point")]
            pub(crate) fn center_point(ids: *const u64, n: usize, xyz: *mut f64) -> f64;
            #[link_name = concat!($prefix, "parent")]
            pub(crate) fn parent(ids: *const u64, n: usize, level: i32, out: *mut u64) -> u64;
            #[link_name = concat!($prefix, "parent_levels")]
            pub(crate) fn parent_levels(
                ids: *const u64,
                levels: *const u8,
                n: usize,
                out: *mut u64,
            ) -> u64;
            #[link_name = concat!($prefix, "contains")]
            pub(crate) fn contains(a: *const u64, b: *const u64, n: usize) -> u64;
        }
    };
}

#[cfg(s2_google)]
mod cell_ffi_base {
    cell_ffi!("s2g_");
}

#[cfg(s2_google)]
mod cell_ffi_native {
    cell_ffi!("s2gn_");
}

/// Whether this build links Google's C++ library (`S2_GOOGLE_DIR` was set).
#[must_use]
pub const fn available() -> bool {
    cfg!(s2_google)
}

/// The wheel directory this build was linked against, if any.
#[must_use]
pub const fn library_dir() -> Option<&'static str> {
    #[cfg(s2_google)]
    {
        Some(env!("S2_GOOGLE_DIR_USED"))
    }
    #[cfg(not(s2_google))]
    {
        None
    }
}

const MAX_LEVEL: u8 = 30;

/// The wrappers of the timed loops over one build's `ffi` module: defined
/// twice, as [`base`] and [`native`].
macro_rules! cell_loops {
    () => {
        /// `out[i] = S2CellId(S2LatLng::FromDegrees(lat[i], lng[i])).id()`; returns the
        /// wrapping sum of the ids.
        ///
        /// # Panics
        /// If the slices differ in length.
        pub fn latlng_to_leaf(lat_deg: &[f64], lng_deg: &[f64], out: &mut [u64]) -> Option<u64> {
            assert!(
                lat_deg.len() == lng_deg.len() && lat_deg.len() == out.len(),
                "slice lengths differ"
            );
            #[cfg(s2_google)]
            {
                // SAFETY: all three slices hold `out.len()` elements.
                Some(unsafe {
                    ffi::latlng_to_leaf(
                        lat_deg.as_ptr(),
                        lng_deg.as_ptr(),
                        out.len(),
                        out.as_mut_ptr(),
                    )
                })
            }
            #[cfg(not(s2_google))]
            {
                None
            }
        }

        /// `out[i] = S2CellId(S2LatLng::FromDegrees(lat[i], lng[i])).parent(level).id()`;
        /// returns the wrapping sum of the ids.
        ///
        /// # Panics
        /// If the slices differ in length or `level > 30`.
        pub fn latlng_to_level(
            lat_deg: &[f64],
            lng_deg: &[f64],
            level: u8,
            out: &mut [u64],
        ) -> Option<u64> {
            assert!(
                lat_deg.len() == lng_deg.len() && lat_deg.len() == out.len(),
                "slice lengths differ"
            );
            assert!(level <= MAX_LEVEL, "level {level} > 30");
            #[cfg(s2_google)]
            {
                // SAFETY: all three slices hold `out.len()` elements.
                Some(unsafe {
                    ffi::latlng_to_level(
                        lat_deg.as_ptr(),
                        lng_deg.as_ptr(),
                        out.len(),
                        i32::from(level),
                        out.as_mut_ptr(),
                    )
                })
            }
            #[cfg(not(s2_google))]
            {
                None
            }
        }

        /// Calls `S2CellId(id).ToToken()` for every id and returns the sum over tokens
        /// of (length + last byte).
        pub fn token_encode(ids: &[u64]) -> Option<u64> {
            #[cfg(s2_google)]
            {
                // SAFETY: reads `ids.len()` elements.
                Some(unsafe { ffi::token_encode(ids.as_ptr(), ids.len()) })
            }
            #[cfg(not(s2_google))]
            {
                let _ = ids;
                None
            }
        }

        /// `out[i] = S2CellId::FromToken(token i).id()`; returns the wrapping sum.
        ///
        /// # Panics
        /// If `out.len() != tokens.len()`.
        pub fn token_decode(tokens: &data::Tokens, out: &mut [u64]) -> Option<u64> {
            assert_eq!(tokens.len(), out.len(), "slice lengths differ");
            #[cfg(s2_google)]
            {
                let (bytes, offsets) = tokens.raw_parts();
                // SAFETY: offsets has len + 1 entries, each within bytes.
                Some(unsafe {
                    ffi::token_decode(
                        bytes.as_ptr(),
                        offsets.as_ptr(),
                        out.len(),
                        out.as_mut_ptr(),
                    )
                })
            }
            #[cfg(not(s2_google))]
            {
                None
            }
        }

        /// Cell centers: `(lat, lng)[i] = S2CellId(ids[i]).ToLatLng()` in radians;
        /// returns the sum of all outputs.
        ///
        /// # Panics
        /// If the slices differ in length.
        pub fn center_latlng(
            ids: &[u64],
            out_lat_rad: &mut [f64],
            out_lng_rad: &mut [f64],
        ) -> Option<f64> {
            assert!(
                ids.len() == out_lat_rad.len() && ids.len() == out_lng_rad.len(),
                "slice lengths differ"
            );
            #[cfg(s2_google)]
            {
                // SAFETY: all three slices hold `ids.len()` elements.
                Some(unsafe {
                    ffi::center_latlng(
                        ids.as_ptr(),
                        ids.len(),
                        out_lat_rad.as_mut_ptr(),
                        out_lng_rad.as_mut_ptr(),
                    )
                })
            }
            #[cfg(not(s2_google))]
            {
                None
            }
        }

        /// Cell centers as unit vectors: `xyz[3i..3i + 3] = S2CellId(ids[i]).ToPoint()`;
        /// returns the sum of all outputs.
        ///
        /// # Panics
        /// If `xyz` does not hold three values per id.
        pub fn center_point(ids: &[u64], xyz: &mut [f64]) -> Option<f64> {
            assert_eq!(xyz.len(), 3 * ids.len(), "xyz needs three values per id");
            #[cfg(s2_google)]
            {
                // SAFETY: `xyz` holds `3 * ids.len()` elements.
                Some(unsafe { ffi::center_point(ids.as_ptr(), ids.len(), xyz.as_mut_ptr()) })
            }
            #[cfg(not(s2_google))]
            {
                None
            }
        }

        /// `out[i] = S2CellId(ids[i]).parent(level).id()`; returns the wrapping sum.
        /// Ids must be valid cells at a level >= `level` (Google does not check).
        ///
        /// # Panics
        /// If the slices differ in length or `level > 30`.
        pub fn parent(ids: &[u64], level: u8, out: &mut [u64]) -> Option<u64> {
            assert_eq!(ids.len(), out.len(), "slice lengths differ");
            assert!(level <= MAX_LEVEL, "level {level} > 30");
            #[cfg(s2_google)]
            {
                // SAFETY: both slices hold `ids.len()` elements.
                Some(unsafe {
                    ffi::parent(ids.as_ptr(), ids.len(), i32::from(level), out.as_mut_ptr())
                })
            }
            #[cfg(not(s2_google))]
            {
                None
            }
        }

        /// `out[i] = S2CellId(ids[i]).parent(levels[i]).id()`: the level varies
        /// from call to call. Returns the wrapping sum. Ids must be valid cells at
        /// a level >= `levels[i]` (Google does not check).
        ///
        /// # Panics
        /// If the slices differ in length or a level is above 30.
        pub fn parent_levels(ids: &[u64], levels: &[u8], out: &mut [u64]) -> Option<u64> {
            assert!(
                ids.len() == out.len() && ids.len() == levels.len(),
                "slice lengths differ"
            );
            assert!(levels.iter().all(|&l| l <= MAX_LEVEL), "a level > 30");
            #[cfg(s2_google)]
            {
                // SAFETY: all three slices hold `ids.len()` elements.
                Some(unsafe {
                    ffi::parent_levels(ids.as_ptr(), levels.as_ptr(), ids.len(), out.as_mut_ptr())
                })
            }
            #[cfg(not(s2_google))]
            {
                None
            }
        }

        /// Number of `i` with `S2CellId(a[i]).contains(S2CellId(b[i]))`.
        ///
        /// # Panics
        /// If the slices differ in length.
        pub fn contains(a: &[u64], b: &[u64]) -> Option<u64> {
            assert_eq!(a.len(), b.len(), "slice lengths differ");
            #[cfg(s2_google)]
            {
                // SAFETY: both slices hold `a.len()` elements.
                Some(unsafe { ffi::contains(a.as_ptr(), b.as_ptr(), a.len()) })
            }
            #[cfg(not(s2_google))]
            {
                None
            }
        }
    };
}

/// The timed loops of Google's side built `-O3` for baseline x86-64 (the
/// crate-level functions of the same names are these).
pub mod base {
    #[cfg(s2_google)]
    use super::cell_ffi_base as ffi;
    use super::{data, MAX_LEVEL};
    cell_loops!();
}

/// The timed loops of Google's side built `-O3 -march=native` for the
/// machine that builds them (libs2.a itself stays the wheel's generic
/// build; only the loops and what they inline change).
pub mod native {
    #[cfg(s2_google)]
    use super::cell_ffi_native as ffi;
    use super::{data, MAX_LEVEL};
    cell_loops!();
}

pub use base::{
    center_latlng, center_point, contains, latlng_to_leaf, latlng_to_level, parent, parent_levels,
    token_decode, token_encode,
};

/// One build of Google's timed loops, for benches that time both and
/// compare with the faster.
// The fields are the wrappers' own signatures; aliases would only rename
// them.
#[allow(clippy::type_complexity)]
#[derive(Clone, Copy)]
pub struct Build {
    /// The bench function's name: `google_cpp` or `google_cpp_native`.
    pub name: &'static str,
    /// The build's `latlng_to_leaf` (see [`base`]); likewise each field
    /// below is the build's function of its name.
    pub latlng_to_leaf: fn(&[f64], &[f64], &mut [u64]) -> Option<u64>,
    /// `latlng_to_level`.
    pub latlng_to_level: fn(&[f64], &[f64], u8, &mut [u64]) -> Option<u64>,
    /// `token_encode`.
    pub token_encode: fn(&[u64]) -> Option<u64>,
    /// `token_decode`.
    pub token_decode: fn(&data::Tokens, &mut [u64]) -> Option<u64>,
    /// `center_latlng`.
    pub center_latlng: fn(&[u64], &mut [f64], &mut [f64]) -> Option<f64>,
    /// `center_point`.
    pub center_point: fn(&[u64], &mut [f64]) -> Option<f64>,
    /// `parent`.
    pub parent: fn(&[u64], u8, &mut [u64]) -> Option<u64>,
    /// `parent_levels`.
    pub parent_levels: fn(&[u64], &[u8], &mut [u64]) -> Option<u64>,
    /// `contains`.
    pub contains: fn(&[u64], &[u64]) -> Option<u64>,
}

macro_rules! build {
    ($name:literal, $m:ident) => {
        Build {
            name: $name,
            latlng_to_leaf: $m::latlng_to_leaf,
            latlng_to_level: $m::latlng_to_level,
            token_encode: $m::token_encode,
            token_decode: $m::token_decode,
            center_latlng: $m::center_latlng,
            center_point: $m::center_point,
            parent: $m::parent,
            parent_levels: $m::parent_levels,
            contains: $m::contains,
        }
    };
}

/// Both builds, baseline first; empty without the library.
#[must_use]
pub fn builds() -> &'static [Build] {
    const BOTH: [Build; 2] = [
        build!("google_cpp", base),
        build!("google_cpp_native", native),
    ];
    if available() {
        &BOTH
    } else {
        &[]
    }
}

/// Google's tokens for `ids`, for building decode inputs and for tests.
///
/// # Panics
///
/// If Google's side writes a token that is not UTF-8 (it writes hex).
#[must_use]
pub fn tokens(ids: &[u64]) -> Option<data::Tokens> {
    #[cfg(s2_google)]
    {
        let mut buf = vec![0u8; 16 * ids.len()];
        let mut lens = vec![0u8; ids.len()];
        // SAFETY: buf holds 16 bytes per id, lens one per id.
        unsafe {
            ffi::s2g_tokens_write(ids.as_ptr(), ids.len(), buf.as_mut_ptr(), lens.as_mut_ptr());
        };
        let strs = buf.chunks_exact(16).zip(&lens).map(|(c, &l)| {
            std::str::from_utf8(&c[..usize::from(l)]).expect("tokens are ASCII hex")
        });
        Some(data::Tokens::from_strs(strs))
    }
    #[cfg(not(s2_google))]
    {
        let _ = ids;
        None
    }
}

/// One `S2CellId(S2LatLng::FromDegrees(lat, lng)).id()` (not for timing).
#[must_use]
pub fn leaf_from_degrees(lat_deg: f64, lng_deg: f64) -> Option<u64> {
    #[cfg(s2_google)]
    {
        // SAFETY: plain values.
        Some(unsafe { ffi::s2g_leaf_from_degrees(lat_deg, lng_deg) })
    }
    #[cfg(not(s2_google))]
    {
        let _ = (lat_deg, lng_deg);
        None
    }
}

/// One `S2CellId::FromToken(token).id()` (0 for malformed input, as Google).
#[must_use]
pub fn from_token(token: &str) -> Option<u64> {
    #[cfg(s2_google)]
    {
        // SAFETY: reads `token.len()` bytes.
        Some(unsafe { ffi::s2g_from_token(token.as_ptr(), token.len()) })
    }
    #[cfg(not(s2_google))]
    {
        let _ = token;
        None
    }
}

/// One `S2CellId(id).ToToken()`.
#[must_use]
pub fn to_token(id: u64) -> Option<String> {
    #[cfg(s2_google)]
    {
        let mut buf = [0u8; 16];
        // SAFETY: buf has the 16 bytes the shim may write.
        let len = unsafe { ffi::s2g_to_token(id, buf.as_mut_ptr()) };
        Some(String::from_utf8_lossy(&buf[..len]).into_owned())
    }
    #[cfg(not(s2_google))]
    {
        let _ = id;
        None
    }
}

/// Covering options for [`cover_rect`] / [`cover_cap`]: `min_level`,
/// `max_level`, `level_mod`, `max_cells` (negative: unlimited).
#[derive(Clone, Copy, Debug)]
pub struct CoverOptions {
    /// Google's `min_level`.
    pub min_level: u8,
    /// Google's `max_level`.
    pub max_level: u8,
    /// Google's `level_mod`.
    pub level_mod: u8,
    /// Google's `max_cells`; negative: unlimited.
    pub max_cells: i32,
    /// Interior covering instead of covering.
    pub interior: bool,
}

/// Google's `S2RegionCoverer` covering of the rectangle `[lat_lo, lat_hi,
/// lng_lo, lng_hi]` (radians, as stored). Writes the ids into `out` (which
/// must be long enough; its length is the capacity) and returns `(count,
/// sum of ids)`, or `None` without the library.
pub fn cover_rect(rect: [f64; 4], o: CoverOptions, out: &mut [u64]) -> Option<(usize, u64)> {
    #[cfg(s2_google)]
    {
        let mut n = 0usize;
        // SAFETY: `out` holds `out.len()` elements; C++ writes at most that many.
        let sum = unsafe {
            ffi::s2g_cover_rect(
                rect[0],
                rect[1],
                rect[2],
                rect[3],
                i32::from(o.min_level),
                i32::from(o.max_level),
                i32::from(o.level_mod),
                o.max_cells,
                i32::from(o.interior),
                out.as_mut_ptr(),
                out.len(),
                &raw mut n,
            )
        };
        Some((n, sum))
    }
    #[cfg(not(s2_google))]
    {
        let _ = (rect, o, out);
        None
    }
}

/// Google's covering of the cap with center `[x, y, z]` and squared chord
/// radius `length2`; see [`cover_rect`].
pub fn cover_cap(cap: [f64; 4], o: CoverOptions, out: &mut [u64]) -> Option<(usize, u64)> {
    #[cfg(s2_google)]
    {
        let mut n = 0usize;
        // SAFETY: as in `cover_rect`.
        let sum = unsafe {
            ffi::s2g_cover_cap(
                cap[0],
                cap[1],
                cap[2],
                cap[3],
                i32::from(o.min_level),
                i32::from(o.max_level),
                i32::from(o.level_mod),
                o.max_cells,
                i32::from(o.interior),
                out.as_mut_ptr(),
                out.len(),
                &raw mut n,
            )
        };
        Some((n, sum))
    }
    #[cfg(not(s2_google))]
    {
        let _ = (cap, o, out);
        None
    }
}

/// Polygon loops flattened for the C++ side: vertex coordinates `x, y, z`
/// of every loop in turn, and each loop's vertex count.
#[derive(Clone, Debug, Default)]
pub struct Loops {
    xyz: Vec<f64>,
    lens: Vec<usize>,
}

impl Loops {
    /// From loops of unit vectors `[x, y, z]`.
    #[must_use]
    pub fn new<'a>(loops: impl IntoIterator<Item = &'a [[f64; 3]]>) -> Self {
        let mut out = Self::default();
        for l in loops {
            out.lens.push(l.len());
            out.xyz.extend(l.iter().flatten());
        }
        out
    }
}

/// A Google `S2Polygon` (`InitNested` over the loops, no validation), kept
/// across calls so that its lazily built index is reused; freed on drop.
#[derive(Debug)]
pub struct Polygon {
    #[cfg(s2_google)]
    ptr: *mut u8,
}

impl Polygon {
    /// `S2Polygon(loops, S2Debug::DISABLE)`, or `None` without the library.
    #[must_use]
    pub fn new(loops: &Loops) -> Option<Self> {
        #[cfg(s2_google)]
        {
            // SAFETY: xyz holds 3 * sum(lens) values; lens holds nloops counts.
            let ptr = unsafe {
                ffi::s2g_polygon_new(loops.xyz.as_ptr(), loops.lens.as_ptr(), loops.lens.len())
            };
            Some(Self { ptr })
        }
        #[cfg(not(s2_google))]
        {
            let _ = loops;
            None
        }
    }

    /// `S2RegionCoverer` covering of this polygon; see [`cover_rect`].
    pub fn cover(&self, o: CoverOptions, out: &mut [u64]) -> (usize, u64) {
        #[cfg(s2_google)]
        {
            let mut n = 0usize;
            // SAFETY: ptr is a live S2Polygon; out as in `cover_rect`.
            let sum = unsafe {
                ffi::s2g_cover_polygon(
                    self.ptr,
                    i32::from(o.min_level),
                    i32::from(o.max_level),
                    i32::from(o.level_mod),
                    o.max_cells,
                    i32::from(o.interior),
                    out.as_mut_ptr(),
                    out.len(),
                    &raw mut n,
                )
            };
            (n, sum)
        }
        #[cfg(not(s2_google))]
        {
            let _ = (o, out);
            unreachable!("a Polygon exists only with the library")
        }
    }
}

impl Drop for Polygon {
    fn drop(&mut self) {
        #[cfg(s2_google)]
        // SAFETY: ptr came from s2g_polygon_new and is freed once.
        unsafe {
            ffi::s2g_polygon_free(self.ptr);
        };
    }
}

/// Builds `S2Polygon(loops)`, covers it and drops it: what a caller with
/// fresh vertices pays, the lazy index build included; see [`cover_rect`].
pub fn build_cover_polygon(
    loops: &Loops,
    o: CoverOptions,
    out: &mut [u64],
) -> Option<(usize, u64)> {
    #[cfg(s2_google)]
    {
        let mut n = 0usize;
        // SAFETY: as in `Polygon::new` and `cover_rect`.
        let sum = unsafe {
            ffi::s2g_build_cover_polygon(
                loops.xyz.as_ptr(),
                loops.lens.as_ptr(),
                loops.lens.len(),
                i32::from(o.min_level),
                i32::from(o.max_level),
                i32::from(o.level_mod),
                o.max_cells,
                i32::from(o.interior),
                out.as_mut_ptr(),
                out.len(),
                &raw mut n,
            )
        };
        Some((n, sum))
    }
    #[cfg(not(s2_google))]
    {
        let _ = (loops, o, out);
        None
    }
}
