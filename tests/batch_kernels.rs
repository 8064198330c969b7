//! Every path of every batch kernel (`s2cells::cell::Kernels`: scalar,
//! AVX2, AVX-512, whichever this CPU runs) against the one-row methods, bit
//! for bit: on the Google conformance vectors of `tests/data/cell_points.jsonl`
//! (whose expected values are Google's), and on random inputs with invalid
//! ones mixed in: 10,000,000 per path and kernel in an optimized build,
//! 200,000 in a debug build (`S2CELLS_BATCH_N` overrides both). The invalid
//! counts and first indices are checked too, for each id form (`CellId`,
//! `u64`, `i64`) and offset type, on slices of every length up to 70 (every
//! remainder of the lane chunks) and from four threads at once.
//!
//! A plain `main` (harness = false), so that its report of which paths ran
//! is printed on every run: CI runs it in the debug suite
//! (`cargo test --workspace`) and with the full count in release
//! (`cargo test --release -p s2cells --test batch_kernels`).

mod common;

use std::time::Instant;

use common::each_line;
use s2cells::cell::{InvalidInputs, Isa, Kernels, TokenOffset};
use s2cells::{CellId, LatLng};

/// SplitMix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn f64(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn main() {
    let t0 = Instant::now();
    let n = std::env::var("S2CELLS_BATCH_N")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(if cfg!(debug_assertions) {
            200_000
        } else {
            10_000_000
        });
    let paths: Vec<Kernels> = Kernels::all_supported().collect();
    let missing: Vec<&str> = Isa::ALL
        .into_iter()
        .filter(|i| !i.is_supported())
        .map(Isa::name)
        .collect();
    println!(
        "batch kernels: paths run here: {}; not supported by this CPU: {}; \
         {n} random inputs per path and kernel ({} build); Kernels::detect() = {}",
        names(&paths),
        if missing.is_empty() {
            "none".to_owned()
        } else {
            missing.join(", ")
        },
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "optimized"
        },
        Kernels::detect().isa(),
    );
    assert_eq!(paths[0].isa(), Isa::Scalar);
    // S2CELLS_ISA caps the detected path (run with S2CELLS_ISA=scalar to
    // see it), and without it detect() is the widest supported one.
    match std::env::var("S2CELLS_ISA")
        .ok()
        .and_then(|v| v.parse::<Isa>().ok())
    {
        Some(cap) => assert!(Kernels::detect().isa() <= cap),
        None => assert_eq!(Some(&Kernels::detect()), paths.last()),
    }

    conformance_vectors(&paths);
    random_latlngs(&paths, n);
    random_parents(&paths, n);
    random_tokens(&paths, n);
    random_centers(&paths, n);
    random_contains(&paths, n);
    every_remainder(&paths);
    id_forms_and_offsets(&paths);
    threads(&paths);
    bad_arguments();
    println!(
        "batch kernels: all paths equal the one-row methods ({:.1} s)",
        t0.elapsed().as_secs_f64()
    );
}

fn names(paths: &[Kernels]) -> String {
    paths
        .iter()
        .map(|k| k.isa().name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The reference's invalid rows: count and first index.
fn invalid_of(bad: impl Iterator<Item = bool>) -> InvalidInputs {
    let mut out = InvalidInputs::default();
    for (k, b) in bad.enumerate() {
        if b {
            out.count += 1;
            out.first.get_or_insert(k);
        }
    }
    out
}

/// The first index where two slices differ, for messages.
fn first_diff<T: PartialEq>(a: &[T], b: &[T]) -> Option<usize> {
    a.iter().zip(b).position(|(x, y)| x != y)
}

/// Google's values from `cell_points.jsonl`: a point (as lat/lng on most
/// lines), a level, the leaf and the cell at that level, its token, and on
/// some lines its center.
fn conformance_vectors(paths: &[Kernels]) {
    struct Row {
        latlng: Option<(f64, f64)>,
        level: u8,
        leaf: u64,
        id: u64,
        token: String,
        center: Option<(f64, f64)>,
    }
    let mut rows = Vec::new();
    each_line("cell_points.jsonl", |r, c| {
        // The one-row methods (the batch kernels' reference) against
        // Google on each line, as it is read.
        let (leaf, level, id) = (r.u64("leaf"), r.u8("level"), r.u64("id"));
        let one_row = CellId::try_from(leaf).ok().map(|l| l.parent(level));
        c.eq("parent of leaf", Some(id), one_row.map(|c| c.id()));
        c.eq(
            "token",
            Some(r.str("token")),
            one_row.map(|c| c.token()).as_deref(),
        );
        rows.push(Row {
            latlng: r.has("lat").then(|| (r.f64("lat"), r.f64("lng"))),
            level: r.u8("level"),
            leaf: r.u64("leaf"),
            id: r.u64("id"),
            token: r.str("token").to_owned(),
            center: r.has("center_ll").then(|| {
                let ll = r.f64s("center_ll");
                let c = LatLng::from_radians(ll[0], ll[1]);
                (c.lat_degrees(), c.lng_degrees())
            }),
        });
    })
    .finish(20_000);
    let n = rows.len();
    let with_ll: Vec<&Row> = rows.iter().filter(|r| r.latlng.is_some()).collect();
    let with_center: Vec<&Row> = rows.iter().filter(|r| r.center.is_some()).collect();
    let ids: Vec<u64> = rows.iter().map(|r| r.id).collect();
    for k in paths {
        // Lat/lng to leaves, and to ids at each row's level (in runs of
        // one level); leaves to parents the same way.
        let lat: Vec<f64> = with_ll
            .iter()
            .filter_map(|r| r.latlng)
            .map(|l| l.0)
            .collect();
        let lng: Vec<f64> = with_ll
            .iter()
            .filter_map(|r| r.latlng)
            .map(|l| l.1)
            .collect();
        let mut leaves = vec![0u64; lat.len()];
        let bad = k.latlngs_to_cell_ids(&lat, &lng, 30, &mut leaves).unwrap();
        assert!(bad.is_empty(), "{}: {bad:?}", k.isa());
        let want: Vec<u64> = with_ll.iter().map(|r| r.leaf).collect();
        assert_eq!(first_diff(&leaves, &want), None, "{}: leaves", k.isa());
        for level in 0..=30u8 {
            let at: Vec<&Row> = with_ll
                .iter()
                .copied()
                .filter(|r| r.level == level)
                .collect();
            let lat: Vec<f64> = at.iter().filter_map(|r| r.latlng).map(|l| l.0).collect();
            let lng: Vec<f64> = at.iter().filter_map(|r| r.latlng).map(|l| l.1).collect();
            let mut out = vec![0u64; at.len()];
            k.latlngs_to_cell_ids(&lat, &lng, level, &mut out).unwrap();
            let want: Vec<u64> = at.iter().map(|r| r.id).collect();
            assert_eq!(first_diff(&out, &want), None, "{}: ids at {level}", k.isa());

            let at: Vec<&Row> = rows.iter().filter(|r| r.level == level).collect();
            let leaves: Vec<u64> = at.iter().map(|r| r.leaf).collect();
            let mut out = vec![0u64; at.len()];
            k.cell_ids_to_parents(&leaves, level, &mut out).unwrap();
            let want: Vec<u64> = at.iter().map(|r| r.id).collect();
            assert_eq!(
                first_diff(&out, &want),
                None,
                "{}: parents at {level}",
                k.isa()
            );
        }

        // Tokens and centers of the cells.
        let mut bytes = vec![0u8; 16 * n];
        let mut offsets = vec![0i64; n + 1];
        k.cell_ids_to_tokens(&ids, &mut bytes, &mut offsets)
            .unwrap();
        for (i, r) in rows.iter().enumerate() {
            let t = &bytes[offsets[i] as usize..offsets[i + 1] as usize];
            assert_eq!(t, r.token.as_bytes(), "{}: token {i}", k.isa());
        }
        let cells: Vec<u64> = with_center.iter().map(|r| r.id).collect();
        let (mut la, mut ln) = (vec![0f64; cells.len()], vec![0f64; cells.len()]);
        k.cell_ids_to_centers(&cells, &mut la, &mut ln).unwrap();
        for (i, r) in with_center.iter().enumerate() {
            let want = r.center.unwrap_or_default();
            assert_eq!(
                (la[i].to_bits(), ln[i].to_bits()),
                (want.0.to_bits(), want.1.to_bits()),
                "{}: center of {:#x}",
                k.isa(),
                r.id
            );
        }
    }
    println!(
        "  conformance vectors (cell_points.jsonl): {} points to leaves and to their cells, \
         {n} leaves to parents and cells to tokens, {} centers",
        with_ll.len(),
        with_center.len()
    );
}

/// Uniform points with 1 in 64 replaced by an edge case.
fn latlngs(n: usize, seed: u64) -> (Vec<f64>, Vec<f64>) {
    let specials = [
        90.0,
        -90.0,
        0.0,
        -0.0,
        45.0,
        180.0,
        -180.0,
        90.000_000_1,
        -180.000_000_1,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MIN_POSITIVE,
        35.264_389_682_754_654,
        -135.0,
        1e300,
    ];
    let mut r = Rng(seed);
    let (mut lat, mut lng) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        let z = 2.0 * r.f64() - 1.0;
        let (mut la, mut ln) = (z.asin().to_degrees(), 360.0 * r.f64() - 180.0);
        let s = r.next();
        if s.is_multiple_of(64) {
            la = specials[(s >> 8) as usize % specials.len()];
        }
        if (s >> 16).is_multiple_of(64) {
            ln = specials[(s >> 24) as usize % specials.len()];
        }
        lat.push(la);
        lng.push(ln);
    }
    (lat, lng)
}

fn random_latlngs(paths: &[Kernels], n: usize) {
    let (lat, lng) = latlngs(n, 1);
    // The leaves of all n points, and each level on a slice of n / 31.
    let leaf: Vec<CellId> = lat
        .iter()
        .zip(&lng)
        .map(|(&la, &ln)| CellId::from_latlng(LatLng::from_degrees(la, ln)))
        .collect();
    let want_bad = invalid_of(leaf.iter().map(|&c| c == CellId::NONE));
    assert!(want_bad.count > n / 200, "edge cases: {want_bad:?}");
    let part = n / 31;
    for k in paths {
        let mut out = vec![CellId::NONE; n];
        let bad = k.latlngs_to_cell_ids(&lat, &lng, 30, &mut out).unwrap();
        assert_eq!(first_diff(&out, &leaf), None, "{}: leaves", k.isa());
        assert_eq!(bad, want_bad, "{}", k.isa());
        for level in 0..=30u8 {
            let at = usize::from(level) * part;
            let (la, ln) = (&lat[at..at + part], &lng[at..at + part]);
            let mut out = vec![0u64; part];
            let bad = k.latlngs_to_cell_ids(la, ln, level, &mut out).unwrap();
            let want: Vec<u64> = leaf[at..at + part]
                .iter()
                .map(|c| c.parent(level).id())
                .collect();
            assert_eq!(first_diff(&out, &want), None, "{}: level {level}", k.isa());
            assert_eq!(bad, invalid_of(want.iter().map(|&w| w == 0)));
        }
    }
    println!("  lat/lng -> ids: {n} points at level 30, {part} at each level 0..=30");
}

/// Random ids: valid cells of every level (most), and invalid ones: NONE,
/// SENTINEL, end ids, faces 6 and 7, markers at odd bits, random bits.
fn ids(n: usize, seed: u64) -> Vec<u64> {
    let mut r = Rng(seed);
    (0..n)
        .map(|_| {
            let s = r.next();
            let bits = r.next();
            match s % 16 {
                0 => [0, u64::MAX, CellId::end((s >> 8) as u8 % 31).id()][(s >> 16) as usize % 3],
                1 => bits,                         // mostly invalid
                2 => (bits | (6 << 61)) | 1,       // faces 6, 7
                3 => (bits & (u64::MAX << 1)) | 2, // marker at bit 1
                _ => {
                    let leaf = CellId::from_face_pos_level((s >> 8) as u8 % 6, bits, 30);
                    leaf.parent((s >> 16) as u8 % 31).id()
                }
            }
        })
        .collect()
}

fn random_parents(paths: &[Kernels], n: usize) {
    let input = ids(n, 2);
    let part = n / 31;
    for k in paths {
        for level in 0..=30u8 {
            let at = usize::from(level) * part;
            let slice = &input[at..at + part];
            let mut out = vec![0u64; part];
            let bad = k.cell_ids_to_parents(slice, level, &mut out).unwrap();
            let want: Vec<u64> = slice
                .iter()
                .map(|&x| CellId::try_from(x).map_or(0, |c| c.parent(level).id()))
                .collect();
            assert_eq!(first_diff(&out, &want), None, "{}: level {level}", k.isa());
            assert_eq!(bad, invalid_of(want.iter().map(|&w| w == 0)), "{}", k.isa());
        }
        // And all n at one level.
        let mut out = vec![0u64; n];
        k.cell_ids_to_parents(&input, 7, &mut out).unwrap();
        for (&x, &o) in input.iter().zip(&out) {
            let want = CellId::try_from(x).map_or(0, |c| c.parent(7).id());
            assert_eq!(o, want, "{}: {x:#x}", k.isa());
        }
    }
    println!("  ids -> parents: {n} ids (1 in 4 invalid) at level 7, {part} at each level 0..=30");
}

/// The reference token: `to_token` of a valid id, `"X"` otherwise.
fn token_of(x: u64) -> String {
    CellId::try_from(x).map_or_else(|_| "X".to_owned(), |c| c.to_token())
}

fn random_tokens(paths: &[Kernels], n: usize) {
    let input = ids(n, 3);
    let want_bad = invalid_of(input.iter().map(|&x| CellId::try_from(x).is_err()));
    let mut want_bytes = Vec::with_capacity(16 * n);
    let mut want_offsets = vec![0usize];
    for &x in &input {
        want_bytes.extend_from_slice(token_of(x).as_bytes());
        want_offsets.push(want_bytes.len());
    }
    for k in paths {
        let mut bytes = vec![0u8; 16 * n];
        let mut offsets = vec![0usize; n + 1];
        let bad = k
            .cell_ids_to_tokens(&input, &mut bytes, &mut offsets)
            .unwrap();
        assert_eq!(first_diff(&offsets, &want_offsets), None, "{}", k.isa());
        assert_eq!(
            first_diff(&bytes[..want_bytes.len()], &want_bytes),
            None,
            "{}",
            k.isa()
        );
        assert_eq!(bad, want_bad, "{}", k.isa());
    }
    println!("  ids -> tokens: {n} ids (1 in 4 invalid)");
}

fn random_centers(paths: &[Kernels], n: usize) {
    let input = ids(n, 4);
    let want: Vec<(u64, u64)> = input
        .iter()
        .map(|&x| match CellId::try_from(x) {
            Ok(c) => {
                let ll = c.to_latlng();
                (ll.lat_degrees().to_bits(), ll.lng_degrees().to_bits())
            }
            Err(_) => (f64::NAN.to_bits(), f64::NAN.to_bits()),
        })
        .collect();
    let want_bad = invalid_of(input.iter().map(|&x| CellId::try_from(x).is_err()));
    for k in paths {
        let (mut lat, mut lng) = (vec![0f64; n], vec![0f64; n]);
        let bad = k.cell_ids_to_centers(&input, &mut lat, &mut lng).unwrap();
        let got: Vec<(u64, u64)> = lat
            .iter()
            .zip(&lng)
            .map(|(a, b)| (a.to_bits(), b.to_bits()))
            .collect();
        assert_eq!(first_diff(&got, &want), None, "{}", k.isa());
        assert_eq!(bad, want_bad, "{}", k.isa());
    }
    println!("  ids -> centers: {n} ids (1 in 4 invalid), compared by their bits");
}

/// The reference: `a.contains(b)` where both are valid, else false.
fn contains_of(a: u64, b: u64) -> bool {
    match (CellId::try_from(a), CellId::try_from(b)) {
        (Ok(a), Ok(b)) => a.contains(b),
        _ => false,
    }
}

fn random_contains(paths: &[Kernels], n: usize) {
    // b: random ids; a: an ancestor of b half of the time (a random
    // level, so sometimes b itself or below it), else another random id.
    let b = ids(n, 10);
    let mut r = Rng(11);
    let a: Vec<u64> = b
        .iter()
        .map(|&x| {
            let s = r.next();
            if s.is_multiple_of(2) {
                CellId::try_from(x).map_or(x, |c| c.parent((s >> 8) as u8 % 31).id())
            } else {
                b[(s >> 16) as usize % b.len()]
            }
        })
        .collect();
    let want: Vec<bool> = a.iter().zip(&b).map(|(&x, &y)| contains_of(x, y)).collect();
    let want_bad = invalid_of(
        a.iter()
            .zip(&b)
            .map(|(&x, &y)| CellId::try_from(x).is_err() || CellId::try_from(y).is_err()),
    );
    let yes = want.iter().filter(|&&w| w).count();
    assert!(yes > n / 5 && yes < n / 2, "{yes} of {n} contained");
    for k in paths {
        let mut out = vec![false; n];
        let bad = k.cell_ids_contain(&a, &b, &mut out).unwrap();
        assert_eq!(first_diff(&out, &want), None, "{}", k.isa());
        assert_eq!(bad, want_bad, "{}", k.isa());
    }
    println!(
        "  (id, id) -> contains: {n} pairs ({yes} contained, {} invalid)",
        want_bad.count
    );
}

/// Slices of every length 0..=70 at every start 0..4: every remainder of
/// the chunks, on every path, with the invalid rows placed anywhere.
fn every_remainder(paths: &[Kernels]) {
    let (lat, lng) = latlngs(80, 5);
    let input = ids(80, 6);
    for k in paths {
        for start in 0..4 {
            for len in 0..=70 {
                let (la, ln, xs) = (
                    &lat[start..start + len],
                    &lng[start..start + len],
                    &input[start..start + len],
                );
                let mut out = vec![0u64; len];
                let bad = k.latlngs_to_cell_ids(la, ln, 12, &mut out).unwrap();
                let want: Vec<u64> = la
                    .iter()
                    .zip(ln)
                    .map(|(&a, &b)| {
                        CellId::from_latlng(LatLng::from_degrees(a, b))
                            .parent(12)
                            .id()
                    })
                    .collect();
                assert_eq!(out, want, "{} {start} {len}", k.isa());
                assert_eq!(bad, invalid_of(want.iter().map(|&w| w == 0)));

                let bad = k.cell_ids_to_parents(xs, 12, &mut out).unwrap();
                let want: Vec<u64> = xs
                    .iter()
                    .map(|&x| CellId::try_from(x).map_or(0, |c| c.parent(12).id()))
                    .collect();
                assert_eq!(out, want, "{} {start} {len}", k.isa());
                assert_eq!(bad, invalid_of(want.iter().map(|&w| w == 0)));

                let mut bytes = vec![0u8; 16 * len];
                let mut offsets = vec![0u32; len + 1];
                let bad = k.cell_ids_to_tokens(xs, &mut bytes, &mut offsets).unwrap();
                let want: String = xs.iter().map(|&x| token_of(x)).collect();
                let end = offsets[len] as usize;
                assert_eq!(&bytes[..end], want.as_bytes(), "{} {start} {len}", k.isa());
                assert_eq!(
                    bad,
                    invalid_of(xs.iter().map(|&x| CellId::try_from(x).is_err()))
                );

                let ys = &input[80 - len..];
                let mut yes = vec![false; len];
                let bad = k.cell_ids_contain(xs, ys, &mut yes).unwrap();
                let want: Vec<bool> = xs
                    .iter()
                    .zip(ys)
                    .map(|(&a, &b)| contains_of(a, b))
                    .collect();
                assert_eq!(yes, want, "{} {start} {len}", k.isa());
                let either_bad = xs
                    .iter()
                    .zip(ys)
                    .map(|(&a, &b)| CellId::try_from(a).is_err() || CellId::try_from(b).is_err());
                assert_eq!(bad, invalid_of(either_bad));

                let (mut a, mut b) = (vec![0f64; len], vec![0f64; len]);
                k.cell_ids_to_centers(xs, &mut a, &mut b).unwrap();
                for i in 0..len {
                    let want = CellId::try_from(xs[i]).map_or((f64::NAN, f64::NAN), |c| {
                        let ll = c.to_latlng();
                        (ll.lat_degrees(), ll.lng_degrees())
                    });
                    assert_eq!(a[i].to_bits(), want.0.to_bits());
                    assert_eq!(b[i].to_bits(), want.1.to_bits());
                }
            }
        }
    }
    println!("  every slice length 0..=70 at starts 0..4, all five kernels");
}

/// The `CellId`, `u64` and `i64` forms give the same bits, and tokens the
/// same offsets in every offset type.
fn id_forms_and_offsets(paths: &[Kernels]) {
    let (lat, lng) = latlngs(1000, 7);
    fn offsets_of<O: TokenOffset + Default + TryInto<u64>>(k: &Kernels, ids: &[u64]) -> Vec<u64> {
        let mut bytes = vec![0u8; 16 * ids.len()];
        let mut offsets = vec![O::default(); ids.len() + 1];
        k.cell_ids_to_tokens(ids, &mut bytes, &mut offsets).unwrap();
        offsets
            .into_iter()
            .map(|o| o.try_into().ok().unwrap_or(0))
            .collect()
    }
    // A CellId holds a valid id, NONE, SENTINEL or an end id (the invalid
    // ids the API makes); the other invalid bits are left out here.
    let as_cells: Vec<CellId> = ids(1000, 8)
        .into_iter()
        .filter_map(|x| {
            CellId::try_from(x)
                .ok()
                .or((x == 0).then_some(CellId::NONE))
                .or((x == u64::MAX).then_some(CellId::SENTINEL))
                .or_else(|| (0..=30).map(CellId::end).find(|e| e.id() == x))
        })
        .collect();
    let input: Vec<u64> = as_cells.iter().map(CellId::id).collect();
    let as_signed: Vec<i64> = as_cells.iter().map(CellId::to_signed).collect();
    assert!(input.iter().any(|&x| CellId::try_from(x).is_err()));
    let n = input.len();
    for k in paths {
        let mut a = vec![0u64; 1000];
        let mut b = vec![0i64; 1000];
        let mut c = vec![CellId::NONE; 1000];
        k.latlngs_to_cell_ids(&lat, &lng, 20, &mut a).unwrap();
        k.latlngs_to_cell_ids(&lat, &lng, 20, &mut b).unwrap();
        k.latlngs_to_cell_ids(&lat, &lng, 20, &mut c).unwrap();
        assert!(
            a.iter()
                .zip(&b)
                .zip(&c)
                .all(|((&a, &b), c)| a == b as u64 && a == c.id())
        );

        let (mut a, mut b, mut c) = (vec![0u64; n], vec![0i64; n], vec![CellId::NONE; n]);
        let bad_a = k.cell_ids_to_parents(&input, 9, &mut a).unwrap();
        let bad_b = k.cell_ids_to_parents(&as_signed, 9, &mut b).unwrap();
        let bad_c = k.cell_ids_to_parents(&as_cells, 9, &mut c).unwrap();
        assert!(
            a.iter()
                .zip(&b)
                .zip(&c)
                .all(|((&a, &b), c)| a == b as u64 && a == c.id())
        );
        assert!(bad_a == bad_b && bad_a == bad_c && bad_a.count > 0);

        let (mut x, mut y, mut z) = (vec![false; n], vec![false; n], vec![false; n]);
        let rev: Vec<u64> = input.iter().rev().copied().collect();
        let rev_signed: Vec<i64> = as_signed.iter().rev().copied().collect();
        let rev_cells: Vec<CellId> = as_cells.iter().rev().copied().collect();
        k.cell_ids_contain(&input, &rev, &mut x).unwrap();
        k.cell_ids_contain(&as_signed, &rev_signed, &mut y).unwrap();
        k.cell_ids_contain(&as_cells, &rev_cells, &mut z).unwrap();
        assert!(x == y && x == z);

        let (mut la, mut lb) = (vec![0f64; n], vec![0f64; n]);
        k.cell_ids_to_centers(&as_signed, &mut la, &mut lb).unwrap();
        let (mut ma, mut mb) = (vec![0f64; n], vec![0f64; n]);
        k.cell_ids_to_centers(&as_cells, &mut ma, &mut mb).unwrap();
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert!(bits(&la) == bits(&ma) && bits(&lb) == bits(&mb));

        let o = offsets_of::<usize>(k, &input);
        assert_eq!(o, offsets_of::<i32>(k, &input));
        assert_eq!(o, offsets_of::<i64>(k, &input));
        assert_eq!(o, offsets_of::<u32>(k, &input));
        assert_eq!(o, offsets_of::<u64>(k, &input));
    }
}

/// Four threads on four parts of one array at once give the one-thread
/// answer.
fn threads(paths: &[Kernels]) {
    let n = 100_000;
    let (lat, lng) = latlngs(n, 9);
    for k in paths {
        let mut whole = vec![0u64; n];
        k.latlngs_to_cell_ids(&lat, &lng, 30, &mut whole).unwrap();
        let mut parts = vec![0u64; n];
        std::thread::scope(|s| {
            for ((la, ln), out) in lat
                .chunks(n / 4 + 3)
                .zip(lng.chunks(n / 4 + 3))
                .zip(parts.chunks_mut(n / 4 + 3))
            {
                s.spawn(move || k.latlngs_to_cell_ids(la, ln, 30, out).unwrap());
            }
        });
        assert_eq!(first_diff(&parts, &whole), None, "{}", k.isa());
    }
}

/// Arguments that do not fit are errors, and nothing is written.
fn bad_arguments() {
    use s2cells::CellError as Error;
    let k = Kernels::detect();
    let mut out = [7u64; 2];
    assert!(matches!(
        k.cell_ids_to_parents(&[1u64 << 60; 2], 31, &mut out),
        Err(Error::InvalidLevel { level: 31, .. })
    ));
    assert!(matches!(
        k.cell_ids_to_parents(&[1u64 << 60; 3], 3, &mut out),
        Err(Error::BatchLength {
            len: 2,
            expected: 3,
            ..
        })
    ));
    let mut bytes = [0u8; 31];
    let mut offsets = [0i32; 3];
    assert!(matches!(
        k.cell_ids_to_tokens(&[1u64 << 60; 2], &mut bytes, &mut offsets),
        Err(Error::BatchLength {
            len: 31,
            expected: 32,
            ..
        })
    ));
    assert!(matches!(
        k.cell_ids_to_tokens(&[1u64 << 60; 2], &mut [0u8; 32], &mut [0i32; 2]),
        Err(Error::BatchLength {
            len: 2,
            expected: 3,
            ..
        })
    ));
    let (mut a, mut b) = ([0f64; 2], [0f64; 1]);
    assert!(matches!(
        k.cell_ids_to_centers(&[1u64 << 60; 2], &mut a, &mut b),
        Err(Error::BatchLength {
            len: 1,
            expected: 2,
            ..
        })
    ));
    assert!(matches!(
        k.latlngs_to_cell_ids(&[0.0; 2], &[0.0; 2], 40, &mut out),
        Err(Error::InvalidLevel { .. })
    ));
    assert_eq!(out, [7, 7]);
    assert_eq!(offsets, [0, 0, 0]);
    assert!("avx1024".parse::<Isa>().is_err());
    println!(
        "  bad arguments: errors, nothing written; e.g. \"{}\"",
        k.cell_ids_to_parents(&[1u64 << 60; 3], 3, &mut out)
            .unwrap_err()
    );
}
