//! Runtime dispatch of the batch kernels: the crate's only `unsafe` code.
//!
//! Each kernel body in `kernels.rs` is safe code. Here it is compiled
//! three times: for the baseline target (SSE2 on x86-64: the reference
//! path, and the only one elsewhere), and inside functions marked
//! `#[target_feature]` for AVX2 and for AVX-512, where the compiler may
//! use those instructions. Calling such a function is `unsafe` because
//! running AVX-512 code on a CPU without it is undefined behaviour (an
//! illegal instruction, in practice). The audit is this file:
//!
//! - A [`Supported`] is the only way to name a non-scalar path here, and
//!   [`Supported::new`] makes one only after `is_x86_feature_detected!`
//!   reported every feature that path's functions enable (the lists in
//!   [`AVX2`] and [`AVX512`] and in the `target_feature` attributes are
//!   the same strings).
//! - Every `unsafe` block (ten: five kernels, two paths) calls one of
//!   those functions with the path that a `Supported` carries, and says so
//!   in its `SAFETY` line.
//!
//! Nothing else is unsafe: the bodies index slices with bounds checks, and
//! no pointer is made or read here.

#![allow(unsafe_code)]

use super::kernels::{self, Tally};
use super::{CellIdBits, Isa, TokenOffset};

/// The features the AVX2 path's functions enable.
const AVX2: &[&str] = &["avx2", "bmi1", "bmi2", "lzcnt", "popcnt"];
/// The features the AVX-512 path's functions enable.
const AVX512: &[&str] = &[
    "avx512f", "avx512bw", "avx512dq", "avx512vl", "avx2", "bmi1", "bmi2", "lzcnt", "popcnt",
];

/// Lanes per chunk on each path: enough independent lanes to hide the
/// latency of the division and the square roots; past these counts a
/// path gains nothing (BENCHMARKS.md, "Where the batch kernel's time
/// goes", has the figures for 8 to 64 lanes).
const SCALAR_LANES: usize = 8;
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
const AVX2_LANES: usize = 32;
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
const AVX512_LANES: usize = 32;

/// An instruction set that this CPU runs: proof for the `unsafe` calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct Supported(Isa);

impl Supported {
    /// `isa` if this CPU has every feature its path enables.
    pub(super) fn new(isa: Isa) -> Option<Self> {
        has(isa).then_some(Self(isa))
    }

    /// The instruction set.
    pub(super) fn isa(self) -> Isa {
        self.0
    }
}

/// Whether the CPU has every feature of `isa`'s path.
fn has(isa: Isa) -> bool {
    match isa {
        Isa::Scalar => true,
        Isa::Avx2 => AVX2.iter().all(|f| detected(f)),
        Isa::Avx512 => AVX512.iter().all(|f| detected(f)),
    }
}

/// Runtime detection of one feature named in [`AVX2`] or [`AVX512`].
#[cfg(target_arch = "x86_64")]
fn detected(feature: &str) -> bool {
    match feature {
        "avx2" => std::arch::is_x86_feature_detected!("avx2"),
        "bmi1" => std::arch::is_x86_feature_detected!("bmi1"),
        "bmi2" => std::arch::is_x86_feature_detected!("bmi2"),
        "lzcnt" => std::arch::is_x86_feature_detected!("lzcnt"),
        "popcnt" => std::arch::is_x86_feature_detected!("popcnt"),
        "avx512f" => std::arch::is_x86_feature_detected!("avx512f"),
        "avx512bw" => std::arch::is_x86_feature_detected!("avx512bw"),
        "avx512dq" => std::arch::is_x86_feature_detected!("avx512dq"),
        "avx512vl" => std::arch::is_x86_feature_detected!("avx512vl"),
        _ => false,
    }
}

/// No vector paths off x86-64.
#[cfg(not(target_arch = "x86_64"))]
fn detected(_feature: &str) -> bool {
    false
}

/// The kernel bodies compiled for AVX2 and AVX-512. The attributes'
/// feature lists are [`AVX2`] and [`AVX512`].
#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::super::kernels::{self, Tally};
    use super::super::{CellIdBits, TokenOffset};
    use super::{AVX2_LANES, AVX512_LANES};

    #[target_feature(enable = "avx2,bmi1,bmi2,lzcnt,popcnt")]
    pub(super) fn latlngs_avx2<T: CellIdBits>(
        lats: &[f64],
        lngs: &[f64],
        masks: &[u64; 3],
        out: &mut [T],
    ) -> Tally {
        kernels::latlngs::<T, AVX2_LANES>(lats, lngs, masks, out)
    }

    #[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vl,avx2,bmi1,bmi2,lzcnt,popcnt")]
    pub(super) fn latlngs_avx512<T: CellIdBits>(
        lats: &[f64],
        lngs: &[f64],
        masks: &[u64; 3],
        out: &mut [T],
    ) -> Tally {
        kernels::latlngs::<T, AVX512_LANES>(lats, lngs, masks, out)
    }

    #[target_feature(enable = "avx2,bmi1,bmi2,lzcnt,popcnt")]
    pub(super) fn parents_avx2<T: CellIdBits>(ids: &[T], masks: &[u64; 3], out: &mut [T]) -> Tally {
        kernels::parents::<T, AVX2_LANES>(ids, masks, out)
    }

    #[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vl,avx2,bmi1,bmi2,lzcnt,popcnt")]
    pub(super) fn parents_avx512<T: CellIdBits>(
        ids: &[T],
        masks: &[u64; 3],
        out: &mut [T],
    ) -> Tally {
        kernels::parents::<T, AVX512_LANES>(ids, masks, out)
    }

    #[target_feature(enable = "avx2,bmi1,bmi2,lzcnt,popcnt")]
    pub(super) fn contains_avx2<T: CellIdBits>(a: &[T], b: &[T], out: &mut [bool]) -> Tally {
        kernels::contains::<T, AVX2_LANES>(a, b, out)
    }

    #[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vl,avx2,bmi1,bmi2,lzcnt,popcnt")]
    pub(super) fn contains_avx512<T: CellIdBits>(a: &[T], b: &[T], out: &mut [bool]) -> Tally {
        kernels::contains::<T, AVX512_LANES>(a, b, out)
    }

    #[target_feature(enable = "avx2,bmi1,bmi2,lzcnt,popcnt")]
    pub(super) fn tokens_avx2<T: CellIdBits, O: TokenOffset>(
        ids: &[T],
        bytes: &mut [u8],
        offsets: &mut [O],
    ) -> Tally {
        kernels::tokens::<T, O, AVX2_LANES>(ids, bytes, offsets)
    }

    #[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vl,avx2,bmi1,bmi2,lzcnt,popcnt")]
    pub(super) fn tokens_avx512<T: CellIdBits, O: TokenOffset>(
        ids: &[T],
        bytes: &mut [u8],
        offsets: &mut [O],
    ) -> Tally {
        kernels::tokens::<T, O, AVX512_LANES>(ids, bytes, offsets)
    }

    #[target_feature(enable = "avx2,bmi1,bmi2,lzcnt,popcnt")]
    pub(super) fn centers_avx2<T: CellIdBits>(
        ids: &[T],
        lats: &mut [f64],
        lngs: &mut [f64],
    ) -> Tally {
        kernels::centers::<T, AVX2_LANES>(ids, lats, lngs)
    }

    #[target_feature(enable = "avx512f,avx512bw,avx512dq,avx512vl,avx2,bmi1,bmi2,lzcnt,popcnt")]
    pub(super) fn centers_avx512<T: CellIdBits>(
        ids: &[T],
        lats: &mut [f64],
        lngs: &mut [f64],
    ) -> Tally {
        kernels::centers::<T, AVX512_LANES>(ids, lats, lngs)
    }
}

/// [`kernels::latlngs`] on the path of `on`.
pub(super) fn latlngs<T: CellIdBits>(
    on: Supported,
    lats: &[f64],
    lngs: &[f64],
    masks: &[u64; 3],
    out: &mut [T],
) -> Tally {
    match on.0 {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `on` is a `Supported`: this CPU has every AVX2 feature.
        Isa::Avx2 => unsafe { x86::latlngs_avx2(lats, lngs, masks, out) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `on` is a `Supported`: this CPU has every AVX-512 feature.
        Isa::Avx512 => unsafe { x86::latlngs_avx512(lats, lngs, masks, out) },
        _ => kernels::latlngs::<T, SCALAR_LANES>(lats, lngs, masks, out),
    }
}

/// [`kernels::parents`] on the path of `on`.
pub(super) fn parents<T: CellIdBits>(
    on: Supported,
    ids: &[T],
    masks: &[u64; 3],
    out: &mut [T],
) -> Tally {
    match on.0 {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `on` is a `Supported`: this CPU has every AVX2 feature.
        Isa::Avx2 => unsafe { x86::parents_avx2(ids, masks, out) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `on` is a `Supported`: this CPU has every AVX-512 feature.
        Isa::Avx512 => unsafe { x86::parents_avx512(ids, masks, out) },
        _ => kernels::parents::<T, SCALAR_LANES>(ids, masks, out),
    }
}

/// [`kernels::contains`] on the path of `on`.
pub(super) fn contains<T: CellIdBits>(on: Supported, a: &[T], b: &[T], out: &mut [bool]) -> Tally {
    match on.0 {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `on` is a `Supported`: this CPU has every AVX2 feature.
        Isa::Avx2 => unsafe { x86::contains_avx2(a, b, out) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `on` is a `Supported`: this CPU has every AVX-512 feature.
        Isa::Avx512 => unsafe { x86::contains_avx512(a, b, out) },
        _ => kernels::contains::<T, SCALAR_LANES>(a, b, out),
    }
}

/// [`kernels::tokens`] on the path of `on`.
pub(super) fn tokens<T: CellIdBits, O: TokenOffset>(
    on: Supported,
    ids: &[T],
    bytes: &mut [u8],
    offsets: &mut [O],
) -> Tally {
    match on.0 {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `on` is a `Supported`: this CPU has every AVX2 feature.
        Isa::Avx2 => unsafe { x86::tokens_avx2(ids, bytes, offsets) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `on` is a `Supported`: this CPU has every AVX-512 feature.
        Isa::Avx512 => unsafe { x86::tokens_avx512(ids, bytes, offsets) },
        _ => kernels::tokens::<T, O, SCALAR_LANES>(ids, bytes, offsets),
    }
}

/// [`kernels::centers`] on the path of `on`.
pub(super) fn centers<T: CellIdBits>(
    on: Supported,
    ids: &[T],
    lats: &mut [f64],
    lngs: &mut [f64],
) -> Tally {
    match on.0 {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `on` is a `Supported`: this CPU has every AVX2 feature.
        Isa::Avx2 => unsafe { x86::centers_avx2(ids, lats, lngs) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `on` is a `Supported`: this CPU has every AVX-512 feature.
        Isa::Avx512 => unsafe { x86::centers_avx512(ids, lats, lngs) },
        _ => kernels::centers::<T, SCALAR_LANES>(ids, lats, lngs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feature_lists_match_the_attributes() {
        // The attributes cannot name the constants; read them back from
        // this file so that the lists cannot drift apart.
        let src = include_str!("dispatch.rs");
        let avx2 = format!("enable = \"{}\"", AVX2.join(","));
        let avx512 = format!("enable = \"{}\"", AVX512.join(","));
        let attrs: Vec<&str> = src
            .lines()
            .filter(|l| l.trim_start().starts_with("#[target_feature"))
            .collect();
        assert_eq!(attrs.len(), 10);
        for a in attrs {
            assert!(a.contains(&avx2) || a.contains(&avx512), "{a}");
        }
        assert_eq!(
            src.matches(&*avx2).count() + src.matches(&*avx512).count(),
            10
        );
    }

    #[test]
    fn scalar_is_always_supported() {
        assert_eq!(
            Supported::new(Isa::Scalar).map(Supported::isa),
            Some(Isa::Scalar)
        );
    }
}
