//! s2cells and Google's C++ must give identical results on the exact inputs the
//! `cell` benches time. Active only when Google's library is linked
//! (`S2_GOOGLE_DIR` set at build time); otherwise each test returns at once.
//!
//! `S2CELLS_BENCH_N` sets the number of points (default 1,000,000, as the benches).
//! Without Google linked, each test reports `skipped (needs Google's C++)` on
//! the uncaptured stderr, so `cargo test` shows it; `S2CELLS_NO_SKIP=1` (set by
//! CI through tools/test-all.sh) or `S2CELLS_REQUIRE_GOOGLE=1` turns the skip
//! into a failure.

use std::io::Write as _;

use s2cells::{CellId, LatLng};
use s2cells_google as google;
use s2cells_google::data;

fn leaf_ids(lat: &[f64], lng: &[f64]) -> Vec<u64> {
    let mut out = vec![0u64; lat.len()];
    google::latlng_to_leaf(lat, lng, &mut out).expect("google available");
    out
}

/// Whether to run: Google is linked. Otherwise says so where `cargo test`
/// shows it (stderr written directly is not captured) and skips, or fails
/// under `S2CELLS_NO_SKIP` or `S2CELLS_REQUIRE_GOOGLE`.
fn google_linked() -> bool {
    if google::available() {
        return true;
    }
    assert!(
        std::env::var_os("S2CELLS_NO_SKIP").is_none()
            && std::env::var_os("S2CELLS_REQUIRE_GOOGLE").is_none(),
        "S2CELLS_NO_SKIP or S2CELLS_REQUIRE_GOOGLE is set but S2_GOOGLE_DIR was not set \
         at build time"
    );
    let test = std::thread::current().name().unwrap_or("?").to_owned();
    // One write of the whole line, so that parallel tests do not split it.
    let line = format!(
        "skipped (needs Google's C++): {test}: S2_GOOGLE_DIR was not set at build time \
         (tools/test-all.sh sets it from the s2geometry==0.14.0 wheel)\n"
    );
    let _ = std::io::stderr().write_all(line.as_bytes());
    false
}

fn cell(id: u64) -> CellId {
    CellId::try_from(id).unwrap_or_else(|e| panic!("{id:#x} is not a valid cell id: {e:?}"))
}

#[test]
fn google_spot_values() {
    if !google_linked() {
        return;
    }
    let id = google::leaf_from_degrees(10.0, 20.0).unwrap();
    assert_eq!(google::to_token(id).unwrap(), "11282087039e7fc7");
    assert_eq!(google::from_token("11282087039e7fc7"), Some(id));
    assert_eq!(google::from_token("zz"), Some(0));
}

#[test]
fn latlng_to_cell_matches_google() {
    if !google_linked() {
        return;
    }
    let n = data::bench_n();
    let (lat, lng) = data::random_latlngs_deg(n, data::SEED);
    let g_leaf = leaf_ids(&lat, &lng);
    let mut g_l15 = vec![0u64; n];
    google::latlng_to_level(&lat, &lng, 15, &mut g_l15).unwrap();
    let mut leaf_bad = 0usize;
    let mut l15_bad = 0usize;
    for i in 0..n {
        let c = CellId::from_latlng(LatLng::from_degrees(lat[i], lng[i]));
        if c.id() != g_leaf[i] {
            if leaf_bad < 5 {
                eprintln!(
                    "leaf mismatch at ({}, {}): s2cells {:#x} google {:#x}",
                    lat[i],
                    lng[i],
                    c.id(),
                    g_leaf[i]
                );
            }
            leaf_bad += 1;
        }
        if c.parent(15).id() != g_l15[i] {
            l15_bad += 1;
        }
    }
    for (level, g) in [(30u8, &g_leaf), (15, &g_l15)] {
        let mut out = vec![CellId::NONE; n];
        let invalid = s2cells::cell::latlngs_to_cell_ids(&lat, &lng, level, &mut out).unwrap();
        assert!(invalid.is_empty(), "{invalid:?}");
        let bad = out
            .iter()
            .zip(g.iter())
            .filter(|(c, &id)| c.id() != id)
            .count();
        assert_eq!(
            bad, 0,
            "batch API: ids at level {level} differing from Google out of {n}"
        );
    }
    assert_eq!(
        (leaf_bad, l15_bad),
        (0, 0),
        "mismatching (leaf, level-15) ids out of {n}"
    );
}

#[test]
fn tokens_match_google() {
    if !google_linked() {
        return;
    }
    let (lat, lng) = data::random_latlngs_deg(data::bench_n(), data::SEED);
    let leaves = leaf_ids(&lat, &lng);
    let l15: Vec<u64> = leaves.iter().map(|&id| data::parent_of(id, 15)).collect();
    for ids in [&leaves, &l15] {
        let g = google::tokens(ids).unwrap();
        let mut g_back = vec![0u64; ids.len()];
        google::token_decode(&g, &mut g_back).unwrap();
        assert_eq!(&g_back, ids, "Google's own token round trip");
        for (i, &id) in ids.iter().enumerate() {
            let c = cell(id);
            assert_eq!(c.to_token(), g.get(i), "token of {id:#x}");
            assert_eq!(
                CellId::from_token(g.get(i)).ok(),
                Some(c),
                "decoding {}",
                g.get(i)
            );
        }
    }
}

#[test]
fn centers_parents_contains_match_google() {
    if !google_linked() {
        return;
    }
    let n = data::bench_n();
    let (lat, lng) = data::random_latlngs_deg(n, data::SEED);
    let leaves = leaf_ids(&lat, &lng);

    let mut g_lat = vec![0f64; n];
    let mut g_lng = vec![0f64; n];
    google::center_latlng(&leaves, &mut g_lat, &mut g_lng).unwrap();
    let mut center_bad = 0usize;
    for i in 0..n {
        let ll = cell(leaves[i]).to_latlng();
        if ll.lat().to_bits() != g_lat[i].to_bits() || ll.lng().to_bits() != g_lng[i].to_bits() {
            if center_bad < 5 {
                eprintln!(
                    "center of {:#x}: s2cells ({:e}, {:e}) google ({:e}, {:e})",
                    leaves[i],
                    ll.lat(),
                    ll.lng(),
                    g_lat[i],
                    g_lng[i]
                );
            }
            center_bad += 1;
        }
    }
    assert_eq!(center_bad, 0, "leaf centers not bit-identical out of {n}");

    let mut g_xyz = vec![0f64; 3 * n];
    google::center_point(&leaves, &mut g_xyz).unwrap();
    for i in 0..n {
        let p = cell(leaves[i]).to_point();
        let want = &g_xyz[3 * i..3 * i + 3];
        assert_eq!(
            [p.x.to_bits(), p.y.to_bits(), p.z.to_bits()],
            [want[0].to_bits(), want[1].to_bits(), want[2].to_bits()],
            "center point of {:#x}",
            leaves[i]
        );
    }

    for level in [0u8, 1, 15, 29, 30] {
        let mut g = vec![0u64; n];
        google::parent(&leaves, level, &mut g).unwrap();
        for i in 0..n {
            assert_eq!(
                cell(leaves[i]).parent(level).id(),
                g[i],
                "parent({level}) of {:#x}",
                leaves[i]
            );
        }
    }

    let (a, b) = data::contains_pairs(&leaves, data::SEED ^ 1);
    let g_count = google::contains(&a, &b).unwrap();
    let count = a
        .iter()
        .zip(&b)
        .filter(|(&x, &y)| cell(x).contains(cell(y)))
        .count() as u64;
    assert_eq!(count, g_count);
    assert!(
        g_count > n as u64 / 3 && g_count < 2 * n as u64 / 3,
        "contains pairs are ~50% true: {g_count}/{n}"
    );
}

#[test]
fn parents_at_varying_levels_match_google() {
    if !google_linked() {
        return;
    }
    let n = data::bench_n();
    let (lat, lng) = data::random_latlngs_deg(n, data::SEED);
    let leaves = leaf_ids(&lat, &lng);
    let levels = data::random_levels(n, data::SEED ^ 2);
    let mut g = vec![0u64; n];
    google::parent_levels(&leaves, &levels, &mut g).unwrap();
    for i in 0..n {
        assert_eq!(
            cell(leaves[i]).parent(levels[i]).id(),
            g[i],
            "parent({}) of {:#x}",
            levels[i],
            leaves[i]
        );
    }
}

/// The two builds of Google's loops (baseline and `-march=native`) give
/// the same answers on the bench inputs, so the bench may time either.
#[test]
fn both_google_builds_agree() {
    if !google_linked() {
        return;
    }
    let n = data::bench_n();
    let (lat, lng) = data::random_latlngs_deg(n, data::SEED);
    let leaves = leaf_ids(&lat, &lng);
    let levels = data::random_levels(n, data::SEED ^ 2);
    let (a, b) = data::contains_pairs(&leaves, data::SEED ^ 1);
    let tokens = google::tokens(&leaves).unwrap();
    let run = |g: &google::Build| {
        let mut ids = vec![0u64; n];
        let mut l15 = vec![0u64; n];
        let mut back = vec![0u64; n];
        let mut parents = vec![0u64; n];
        let mut varying = vec![0u64; n];
        let (mut la, mut ln, mut xyz) = (vec![0f64; n], vec![0f64; n], vec![0f64; 3 * n]);
        (g.latlng_to_leaf)(&lat, &lng, &mut ids).unwrap();
        (g.latlng_to_level)(&lat, &lng, 15, &mut l15).unwrap();
        (g.token_decode)(&tokens, &mut back).unwrap();
        (g.parent)(&leaves, 15, &mut parents).unwrap();
        (g.parent_levels)(&leaves, &levels, &mut varying).unwrap();
        (g.center_latlng)(&leaves, &mut la, &mut ln).unwrap();
        (g.center_point)(&leaves, &mut xyz).unwrap();
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        (
            [
                ids,
                l15,
                back,
                parents,
                varying,
                bits(&la),
                bits(&ln),
                bits(&xyz),
            ],
            (g.token_encode)(&leaves).unwrap(),
            (g.contains)(&a, &b).unwrap(),
        )
    };
    let builds = google::builds();
    assert_eq!(builds.len(), 2);
    assert!(run(&builds[0]) == run(&builds[1]), "the two builds differ");
}

/// Not an s2cells check: how often the `s2` crate (a peer in the benches)
/// agrees with Google on the same points. Printed, never fails.
#[test]
fn s2_crate_agreement_report() {
    if !google_linked() {
        return;
    }
    let (lat, lng) = data::random_latlngs_deg(data::bench_n(), data::SEED);
    let g = leaf_ids(&lat, &lng);
    let bad = (0..g.len())
        .filter(|&i| {
            s2::cellid::CellID::from(s2::latlng::LatLng::from_degrees(lat[i], lng[i])).0 != g[i]
        })
        .count();
    eprintln!(
        "s2 crate 0.2 leaf ids differing from Google: {bad} of {}",
        g.len()
    );
}
