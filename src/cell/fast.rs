//! A fast lat/lng → leaf path that provably gives the exact path's id.
//!
//! The exact path (Google's) calls libm `sin`/`cos` twice each, divides,
//! takes a square root and rounds `2³⁰·s`. Most of its time is the four
//! libm calls. Here they are replaced by branch-free polynomials (fdlibm's
//! kernels on half the latitude and a quarter of the longitude, then
//! double-angle steps), and the result is used only where that cannot
//! matter:
//!
//! * the face is the axis of the largest |coordinate|; it is accepted only
//!   when the largest beats the runner-up by a relative 1e-12, that is
//!   when |u| and |v| are below 1 - 1e-12;
//! * the leaf coordinate `i` is `floor(2³⁰·s)`; it is accepted only when
//!   `2³⁰·s` is at least 1e-4 away from an integer. The polynomial point
//!   is within 1.0e-15 of libm's at worst on a dense grid; even 1e-14 in
//!   each coordinate is at most 3.5e-14 in u or v (the denominator is at
//!   least 1/√3) and 2.6e-14 in s, which is 2.8e-5 once scaled by 2³⁰,
//!   and Google's own rounding adds about 1e-6.
//!
//! Both paths then round the same real number to the same side, so they
//! yield the same id; anything else (about 4 in 10,000 random points, and
//! every point on a cell boundary) is sent to the exact path. The tests
//! compare the two on millions of points, including cell vertices and
//! edges, where the fallback must fire.

use super::CellId;
use crate::geom::coords::LIMIT_IJ;
use crate::geom::select;

/// Relative gap the largest coordinate must have over the runner-up.
const FACE_MARGIN: f64 = 1e-12;
/// Distance `2³⁰·s` must keep from an integer.
const IJ_MARGIN: f64 = 1e-4;

const S1: f64 = -1.666_666_666_666_663_2e-1;
const S2: f64 = 8.333_333_333_322_49e-3;
const S3: f64 = -1.984_126_982_985_795e-4;
const S4: f64 = 2.755_731_370_707_007e-6;
const S5: f64 = -2.505_076_025_340_686_3e-8;
const S6: f64 = 1.589_690_995_211_55e-10;
const C1: f64 = 4.166_666_666_666_66e-2;
const C2: f64 = -1.388_888_888_887_411e-3;
const C3: f64 = 2.480_158_728_947_673e-5;
const C4: f64 = -2.755_731_435_139_066_3e-7;
const C5: f64 = 2.087_572_321_298_175e-9;
const C6: f64 = -1.135_964_755_778_819_5e-11;

/// Adding and subtracting 1.5·2⁵² rounds |x| < 2⁵¹ to an integer inline;
/// `f64::round` is a libm call on baseline x86-64 (no SSE4.1), and the
/// rounding below works with either neighbour of a tie.
const ROUNDER: f64 = 6_755_399_441_055_744.0;

/// `(sin r, cos r)` for |r| ≤ π/4, within an ulp or two of 1: fdlibm's
/// kernels, with no range reduction.
#[inline(always)]
fn sin_cos_small(r: f64) -> (f64, f64) {
    let z = r * r;
    // Estrin's scheme: half the dependency depth of Horner's, which is what
    // a single conversion waits on.
    let z2 = z * z;
    let z4 = z2 * z2;
    let ps = (S1 + S2 * z) + z2 * (S3 + S4 * z) + z4 * (S5 + S6 * z);
    let pc = (C1 + C2 * z) + z2 * (C3 + C4 * z) + z4 * (C5 + C6 * z);
    (r + r * z * ps, 1.0 - 0.5 * z + z2 * pc)
}

/// `(sin 2r, cos 2r)` from `(sin r, cos r)`. Each doubling at most
/// quadruples the absolute error: 2(|δs| + |δc|) for either.
#[inline(always)]
fn double_angle((s, c): (f64, f64)) -> (f64, f64) {
    ((s + s) * c, (c - s) * (c + s))
}

/// The unit vector of a valid (lat, lng) in radians, within 1e-14 of
/// libm's in each coordinate: the polynomials are within about an ulp of
/// 1, and each doubling at most quadruples the error and adds two ulps of
/// its own, so the longitude's two end below 7e-15 (1.0e-15 measured).
/// Half the latitude and a quarter of the longitude lie within ±π/4,
/// where the polynomials need no reduction; one and two doublings bring
/// them back. That replaces a quadrant
/// reduction and rotation (about 16 operations per angle, mostly selects)
/// with 5 per doubling.
#[inline(always)]
fn xyz(lat: f64, lng: f64) -> (f64, f64, f64) {
    let (sin_lat, cos_lat) = double_angle(sin_cos_small(0.5 * lat));
    let (sin_lng, cos_lng) = double_angle(double_angle(sin_cos_small(0.25 * lng)));
    (cos_lng * cos_lat, sin_lng * cos_lat, sin_lat)
}

/// The leaf containing (lat, lng) in radians, valid input, when the fast
/// computation is provably the exact one; `None` means "use the exact path".
#[inline]
pub(crate) fn leaf_from_radians(lat: f64, lng: f64) -> Option<CellId> {
    let (x, y, z) = xyz(lat, lng);
    let (face, i, j, ok) = face_ij::<false>(pick_face_indexed(x, y, z));
    ok.then(|| CellId::from_face_ij_unchecked(face as u8, i, j))
}

/// The face of a point and what [`face_ij`] needs of it: the numerators of
/// u and v, the denominator (the face's own coordinate), and the largest
/// and second largest |coordinate|.
#[derive(Clone, Copy)]
struct FacePick {
    face: u32,
    nu: f64,
    nv: f64,
    den: f64,
    top: f64,
    second: f64,
}

/// [`FacePick`] with selects, not branches: the face of a random point is
/// unpredictable, and in the batch kernel this body is vectorized across
/// lanes.
#[inline(always)]
fn pick_face_selects(x: f64, y: f64, z: f64) -> FacePick {
    let (ax, ay, az) = (x.abs(), y.abs(), z.abs());
    // Axis of the largest |coordinate| (Google's tie rule), and the gap to
    // the runner-up.
    let x_wins = (ax > ay) & (ax > az);
    let y_wins = (ax <= ay) & (ay > az);
    let top = select(x_wins, ax, select(y_wins, ay, az));
    let second = select(x_wins, ay.max(az), select(y_wins, ax.max(az), ax.max(ay)));
    let den = select(x_wins, x, select(y_wins, y, z));
    let neg = den < 0.0;
    // (u, v) numerators per face: 0 (y, z)  3 (z, y)  1 (-x, z)
    // 4 (z, -x)  2 (-x, -y)  5 (-y, -x).
    let a = select(x_wins, y, -x);
    let b = select(x_wins | y_wins, z, -y);
    let axis = 2 - 2 * u32::from(x_wins) - u32::from(y_wins);
    FacePick {
        face: axis + 3 * u32::from(neg),
        nu: select(neg, b, a),
        nv: select(neg, a, b),
        den,
        top,
        second,
    }
}

/// [`FacePick`] for one point: the same values as [`pick_face_selects`],
/// read from arrays by the face number. In scalar code LLVM turned those
/// selects into branches on the face, which a random point mispredicts
/// (BENCHMARKS.md, "What each trick bought").
#[inline(always)]
fn pick_face_indexed(x: f64, y: f64, z: f64) -> FacePick {
    let (ax, ay, az) = (x.abs(), y.abs(), z.abs());
    let x_wins = (ax > ay) & (ax > az);
    let y_wins = (ax <= ay) & (ay > az);
    // At most one of them is true: axis is 0, 1 or 2.
    let axis = (2 - 2 * u32::from(x_wins) - u32::from(y_wins)) & 3;
    let den = [x, y, z, z][axis as usize];
    let neg = den < 0.0;
    let face = (axis + 3 * u32::from(neg)) & 7;
    // The numerators above, as indices into (x, y, z, -x, -y, -z).
    const NU: [usize; 8] = [1, 3, 3, 2, 2, 4, 0, 0];
    const NV: [usize; 8] = [2, 2, 4, 1, 3, 3, 0, 0];
    let signed = [x, y, z, -x, -y, -z, 0.0, 0.0];
    // The runner-up is the median of the three.
    let (lo, hi) = if ax > ay { (ay, ax) } else { (ax, ay) };
    let hi_az = if hi < az { hi } else { az };
    FacePick {
        face,
        nu: signed[NU[face as usize]],
        nv: signed[NV[face as usize]],
        den,
        top: den.abs(),
        second: if lo > hi_az { lo } else { hi_az },
    }
}

/// The face and leaf (i, j) of a point, and whether they are provably the
/// exact path's. The face check comes in two forms that say the same: the
/// largest |coordinate| beats the runner-up by the margin, or (`UV`) |u|
/// and |v| are below 1 - margin. One conversion waits less on the first,
/// which does not wait for the division; the lanes, which wait on
/// nothing, skip finding the runner-up with the second (BENCHMARKS.md,
/// "What each trick bought").
#[inline(always)]
fn face_ij<const UV: bool>(pick: FacePick) -> (u32, u32, u32, bool) {
    let FacePick {
        face,
        nu,
        nv,
        den,
        top,
        second,
    } = pick;
    // One division, of 3 rather than 1 so that 3u and 3v come out of one
    // multiply each: its rounding (an ulp) is far inside the margins below.
    let inv_den = 3.0 / den;
    let u3 = nu * inv_den;
    let v3 = nv * inv_den;
    // The leaf coordinate is floor(2³⁰·s), s = uv_to_st(u), for both signs
    // at once: 2³⁰·s = 2²⁹·√(1 + 3u) when u >= 0, else 2³⁰ - 2²⁹·√(1 - 3u).
    // Scaling by powers of two is exact, so this is the rounding of
    // 2³⁰·s in two steps fewer on the chain.
    const HALF_LIMIT: f64 = (LIMIT_IJ / 2) as f64;
    let su = HALF_LIMIT * (1.0 + u3.abs()).sqrt();
    let sv = HALF_LIMIT * (1.0 + v3.abs()).sqrt();
    let ts = select(u3 >= 0.0, su, LIMIT_IJ as f64 - su);
    let tt = select(v3 >= 0.0, sv, LIMIT_IJ as f64 - sv);
    // Rounding 2³⁰·s - 0.5 to an integer by the 1.5·2⁵² trick gives the
    // floor whenever the fraction is not within the margin of 0 (the only
    // case the check below accepts), in float operations only, so the
    // lanes vectorize.
    // The integer is also read from the low mantissa bits (0 <= it <= 2³⁰),
    // not by a saturating `as` conversion, which would not vectorize.
    let ri = (ts - 0.5) + ROUNDER;
    let rj = (tt - 0.5) + ROUNDER;
    let di = ts - (ri - ROUNDER);
    let dj = tt - (rj - ROUNDER);
    let (i, j) = (ri.to_bits() as u32, rj.to_bits() as u32);
    const FACE_LIMIT: f64 = 3.0 * (1.0 - FACE_MARGIN);
    let face_ok = if UV {
        u3.abs().max(v3.abs()) < FACE_LIMIT
    } else {
        top - second > FACE_MARGIN * top
    };
    let ok = face_ok
        & (di > IJ_MARGIN)
        & (di < 1.0 - IJ_MARGIN)
        & (dj > IJ_MARGIN)
        & (dj < 1.0 - IJ_MARGIN);
    (face, i, j, ok)
}

/// Phase one of the batch path for `N` lat/lngs in degrees, written
/// without branches so that it vectorizes: the face, the leaf (i, j), and
/// whether the fast answer is provably exact. Lanes that fail (including
/// invalid input) must go through the exact path.
#[inline(always)]
pub(crate) fn lanes_to_face_ij<const N: usize>(
    lat_deg: &[f64; N],
    lng_deg: &[f64; N],
    face: &mut [u32; N],
    i: &mut [u32; N],
    j: &mut [u32; N],
    ok: &mut [bool; N],
) {
    const RAD: f64 = std::f64::consts::PI / 180.0;
    for k in 0..N {
        let lat = lat_deg[k] * RAD;
        let lng = lng_deg[k] * RAD;
        let valid =
            (lat.abs() <= std::f64::consts::FRAC_PI_2) & (lng.abs() <= std::f64::consts::PI);
        // Keep invalid lanes finite so that the arithmetic stays harmless.
        let lat = select(valid, lat, 0.0);
        let lng = select(valid, lng, 0.0);
        let good;
        let (x, y, z) = xyz(lat, lng);
        // The select pick's runner-up goes unused, so it is never computed.
        (face[k], i[k], j[k], good) = face_ij::<true>(pick_face_selects(x, y, z));
        ok[k] = valid & good;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Cell, LatLng};

    fn exact(ll: LatLng) -> CellId {
        CellId::from_point_unchecked(&ll.to_point())
    }

    #[test]
    fn sin_cos_is_close() {
        for k in -10_000..=10_000 {
            let x = k as f64 * (std::f64::consts::FRAC_PI_4 / 10_000.0);
            let (s, c) = sin_cos_small(x);
            assert!((s - x.sin()).abs() <= 2.0 * f64::EPSILON, "{x}");
            assert!((c - x.cos()).abs() <= 2.0 * f64::EPSILON, "{x}");
        }
    }

    #[test]
    fn xyz_is_within_its_bound() {
        // 16 ulps of 1 (3.6e-15) against libm's point, on a grid that
        // includes both poles and the antimeridian (the worst here is
        // 1.0e-15).
        let mut worst = 0f64;
        for a in -900..=900 {
            for b in (-1800..=1800).step_by(7) {
                let (lat, lng) = (f64::from(a) * 0.1, f64::from(b) * 0.1 + 0.013);
                let ll = LatLng::from_degrees(lat, lng.clamp(-180.0, 180.0));
                let p = ll.to_point();
                let (x, y, z) = xyz(ll.lat(), ll.lng());
                for d in [x - p.x, y - p.y, z - p.z] {
                    worst = worst.max(d.abs());
                }
            }
        }
        assert!(worst <= 16.0 * f64::EPSILON, "{worst:e}");
    }

    #[test]
    fn fast_equals_exact_on_random_points() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let (mut fast, mut total) = (0, 0);
        for _ in 0..200_000 {
            let ll = LatLng::from_degrees(180.0 * next() - 90.0, 360.0 * next() - 180.0);
            total += 1;
            if let Some(id) = leaf_from_radians(ll.lat(), ll.lng()) {
                fast += 1;
                assert_eq!(id, exact(ll), "{ll:?}");
            }
        }
        // The fallback is rare on random points.
        assert!(fast * 1000 > total * 995, "{fast} of {total}");
    }

    #[test]
    fn fast_equals_exact_on_cell_boundaries() {
        // Cell vertices and centers lie on leaf boundaries: the fast path
        // must either agree or step aside.
        let mut id = CellId::begin(7);
        let step = 977;
        let mut checked = 0;
        while id < CellId::end(7) {
            let cell = Cell::from(id);
            for p in cell.vertices().into_iter().chain([cell.center()]) {
                let ll = LatLng::from(p);
                if let Some(fast) = leaf_from_radians(ll.lat(), ll.lng()) {
                    assert_eq!(fast, exact(ll), "{ll:?}");
                }
                checked += 1;
            }
            id = id.advance(step);
        }
        assert!(checked > 500);
    }

    #[test]
    fn lanes_equal_exact() {
        const LANES: usize = 8;
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let specials = [90.0, -90.0, 0.0, -0.0, 45.0, 180.0, -180.0, f64::NAN];
        let (mut accepted, mut invalid) = (0, 0);
        for round in 0..20_000 {
            let mut lat = [0.0; LANES];
            let mut lng = [0.0; LANES];
            for k in 0..LANES {
                lat[k] = 180.0 * next() - 90.0;
                lng[k] = 360.0 * next() - 180.0;
            }
            if round % 100 == 0 {
                lat[round / 100 % LANES] = specials[round / 100 % specials.len()];
                lng[(round / 100 + 3) % LANES] = specials[(round / 100 + 5) % specials.len()];
            }
            let (mut face, mut i, mut j) = ([0; LANES], [0; LANES], [0; LANES]);
            let mut ok = [false; LANES];
            lanes_to_face_ij(&lat, &lng, &mut face, &mut i, &mut j, &mut ok);
            let lanes = CellId::from_face_ij_lanes(&face, &i, &j);
            for k in 0..LANES {
                let ll = LatLng::from_degrees(lat[k], lng[k]);
                if ok[k] {
                    accepted += 1;
                    let id = CellId::from_face_ij_unchecked(face[k] as u8, i[k], j[k]);
                    assert_eq!(lanes[k], id);
                    assert_eq!(id, exact(ll), "{ll:?}");
                } else if !ll.is_valid() {
                    invalid += 1;
                }
            }
        }
        // Invalid input never passes, and the fallback stays rare.
        assert!(invalid > 0);
        assert!(accepted * 1000 > 20_000 * LANES * 995, "{accepted}");
    }

    #[test]
    fn face_picks_agree() {
        // The indexed pick (one point) and the select pick (lanes) on
        // random points and on exact ties between coordinates, all signs.
        let same = |p: FacePick, q: FacePick| {
            (p.face, p.nu, p.nv, p.den, p.top, p.second)
                == (q.face, q.nu, q.nv, q.den, q.top, q.second)
        };
        let vals = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 0.3, -0.7];
        for &x in &vals {
            for &y in &vals {
                for &z in &vals {
                    let (p, q) = (pick_face_indexed(x, y, z), pick_face_selects(x, y, z));
                    assert!(same(p, q), "{x} {y} {z}");
                }
            }
        }
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 52) as f64 - 1.0
        };
        for _ in 0..100_000 {
            let (x, y, z) = (next(), next(), next());
            assert!(same(pick_face_indexed(x, y, z), pick_face_selects(x, y, z)));
        }
    }

    #[test]
    fn face_checks_agree() {
        // The runner-up check and the |u|, |v| check, on random points and
        // on near-ties whose gap is around the margin; they may differ only
        // within rounding of the threshold itself.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let (mut checked, mut refused) = (0, 0);
        for n in 0..200_000 {
            let r = |s: &mut u64| 2.0 * crate::test_rng::next(s) - 1.0;
            let (mut x, y, z) = (r(&mut state), r(&mut state), r(&mut state));
            if n % 2 == 0 {
                // |x| just above or below the larger of |y| and |z|.
                let gap = (crate::test_rng::next(&mut state) * 4e-12).copysign(r(&mut state));
                x = (y.abs().max(z.abs()) * (1.0 + gap)).copysign(x);
            }
            let runner_up = face_ij::<false>(pick_face_selects(x, y, z));
            let uv = face_ij::<true>(pick_face_selects(x, y, z));
            assert_eq!((runner_up.0, runner_up.1, runner_up.2), (uv.0, uv.1, uv.2));
            let mut abs = [x.abs(), y.abs(), z.abs()];
            abs.sort_by(f64::total_cmp);
            let gap = (abs[2] - abs[1]) / abs[2];
            if (gap - FACE_MARGIN).abs() > 1e-15 {
                assert_eq!(runner_up.3, uv.3, "{x} {y} {z}");
                checked += 1;
            }
            refused += usize::from(!uv.3);
        }
        assert!(checked > 190_000 && refused > 20_000, "{checked} {refused}");
    }

    #[test]
    fn fast_equals_exact_on_special_values() {
        let lats = [
            -90.0,
            -89.999_999_9,
            -45.0,
            -35.264_389_682_754_654,
            -0.0,
            0.0,
            5e-324,
            45.0,
            90.0,
        ];
        let lngs = [
            -180.0, -135.0, -90.0, -45.0, -0.0, 0.0, 45.0, 90.0, 135.0, 180.0,
        ];
        for lat in lats {
            for lng in lngs {
                let ll = LatLng::from_degrees(lat, lng);
                if let Some(fast) = leaf_from_radians(ll.lat(), ll.lng()) {
                    assert_eq!(fast, exact(ll), "{lat} {lng}");
                }
            }
        }
    }
}
