//! Cell-id operations, s2cells side by side with its peers in one run:
//! Google's C++ s2geometry 0.14 Release (through the batch FFI in
//! bench/google, whose timed loops are built twice: `google_cpp` at -O3 for
//! baseline x86-64 and `google_cpp_native` at -O3 -march=native; present
//! when `S2_GOOGLE_DIR` was set at build time), the `s2` crate 0.2, and h3o
//! 0.11 for lat/lng -> finest cell as a reference.
//!
//! Every function in a group works on the same fixed-seed inputs: N points
//! uniform on the sphere (N = 1,000,000, or `S2CELLS_BENCH_N`), their leaf
//! ids, the level-15 parents, those ids' tokens, a random level per leaf
//! and random ancestor/leaf pairs. One iteration processes all N elements
//! and returns a checksum over every result; criterion reports time per
//! element (`Throughput::Elements(N)`).
//!
//! Run: `tools/bench/run-cell-bench.sh` (pins a core, links Google's library,
//! prints the ratio table; `--quick`, `--rounds N`, `--native`), or
//! `cargo bench -p s2cells-bench --bench cell`. A `--quick` round takes
//! about 5 minutes here (h3o alone needs ~8 s: 10 samples of 1,000,000
//! points at ~0.8 us).
//!
//! The s2cells side is built for rustc's default target (baseline x86-64),
//! as a user gets it; its batch kernels (`s2cells_batch` rows) choose AVX2
//! or AVX-512 at run time. Parent and contains are loops the compilers may
//! vectorize, so their figures depend on the target: the C++ rows come in
//! both builds and the table compares with the faster.

use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{
    BenchmarkGroup, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use s2cells::cell::Kernels;
use s2cells::{CellId, LatLng};
use s2cells_google as google;
use s2cells_google::data::{self, Tokens};

/// The coarser level used by the "level 15" groups (about 300 m cells).
const LEVEL: u8 = 15;

struct Inputs {
    n: usize,
    lat: Vec<f64>,
    lng: Vec<f64>,
    leaf: Vec<u64>,
    l15: Vec<u64>,
    leaf_tokens: Tokens,
    l15_tokens: Tokens,
    contains_a: Vec<u64>,
    contains_b: Vec<u64>,
    /// A level in 0..=30 per leaf, for parent(level) with a varying level.
    levels: Vec<u8>,
}

impl Inputs {
    fn new() -> Self {
        let n = bench_size();
        let (lat, lng) = data::random_latlngs_deg(n, data::SEED);
        let leaf: Vec<u64> = lat
            .iter()
            .zip(&lng)
            .map(|(&la, &ln)| CellId::from_latlng(LatLng::from_degrees(la, ln)).id())
            .collect();
        let l15: Vec<u64> = leaf.iter().map(|&id| data::parent_of(id, LEVEL)).collect();
        let leaf_tokens = tokens_of(&leaf);
        let l15_tokens = tokens_of(&l15);
        let (contains_a, contains_b) = data::contains_pairs(&leaf, data::SEED ^ 1);
        let levels = data::random_levels(n, data::SEED ^ 2);

        // The agreement test (bench/google/tests/agree.rs) checks this in
        // depth; here a disagreement only warns, the timings still mean something.
        let mut g = vec![0u64; n];
        if google::latlng_to_leaf(&lat, &lng, &mut g).is_some() {
            let bad = g.iter().zip(&leaf).filter(|(a, b)| a != b).count();
            if bad != 0 {
                eprintln!("WARNING: s2cells and Google differ on {bad} of {n} leaf ids");
            }
        } else {
            eprintln!(
                "note: Google's C++ not linked (S2_GOOGLE_DIR unset at build time): no google_cpp rows"
            );
        }
        Self {
            n,
            lat,
            lng,
            leaf,
            l15,
            leaf_tokens,
            l15_tokens,
            contains_a,
            contains_b,
            levels,
        }
    }
}

/// N for real runs (`cargo bench`); 1,000 when criterion only checks that the
/// benches run (`cargo test --benches`, `-- --test`, `--list`), unless
/// `S2CELLS_BENCH_N` says otherwise.
fn bench_size() -> usize {
    let has = |flag: &str| std::env::args().any(|a| a == flag);
    if (has("--bench") && !has("--test") && !has("--list"))
        || std::env::var_os("S2CELLS_BENCH_N").is_some()
    {
        data::bench_n()
    } else {
        1_000
    }
}

fn s2cells_cell(id: u64) -> CellId {
    CellId::try_from(id)
        .unwrap_or_else(|e| panic!("bench input {id:#x} is not a valid cell id: {e:?}"))
}

fn tokens_of(ids: &[u64]) -> Tokens {
    let strs: Vec<String> = ids.iter().map(|&id| s2cells_cell(id).to_token()).collect();
    Tokens::from_strs(strs.iter().map(String::as_str))
}

fn s2cells_ids(ids: &[u64]) -> Vec<CellId> {
    ids.iter().map(|&id| s2cells_cell(id)).collect()
}

fn s2_ids(ids: &[u64]) -> Vec<s2::cellid::CellID> {
    ids.iter().map(|&id| s2::cellid::CellID(id)).collect()
}

fn group<'a>(c: &'a mut Criterion, name: &str, n: usize) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Elements(n as u64));
    // One iteration is N elements (tens of ms): few, long, equal samples.
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g
}

// ---- lat/lng -> cell id -------------------------------------------------------

fn bench_latlng(c: &mut Criterion, inp: &Inputs) {
    let (lat, lng, n) = (&inp.lat[..], &inp.lng[..], inp.n);

    let mut g = group(c, "latlng_to_leaf", n);
    let mut out = vec![CellId::NONE; n];
    g.bench_function("s2cells", |b| {
        b.iter(|| {
            let (lat, lng) = black_box((lat, lng));
            let mut sum = 0u64;
            for ((o, &la), &ln) in out.iter_mut().zip(lat).zip(lng) {
                let id = CellId::from_latlng(LatLng::from_degrees(la, ln));
                *o = id;
                sum = sum.wrapping_add(id.id());
            }
            sum
        });
    });
    let mut gout = vec![0u64; n];
    for cpp in google::builds() {
        g.bench_function(cpp.name, |b| {
            b.iter(|| (cpp.latlng_to_leaf)(black_box(lat), black_box(lng), &mut gout));
        });
    }
    let mut s2out = vec![s2::cellid::CellID(0); n];
    g.bench_function("s2", |b| {
        b.iter(|| {
            let (lat, lng) = black_box((lat, lng));
            let mut sum = 0u64;
            for ((o, &la), &ln) in s2out.iter_mut().zip(lat).zip(lng) {
                let id = s2::cellid::CellID::from(&s2::latlng::LatLng::from_degrees(la, ln));
                *o = id;
                sum = sum.wrapping_add(id.0);
            }
            sum
        });
    });
    g.finish();

    let mut g = group(c, "latlng_to_l15", n);
    g.bench_function("s2cells", |b| {
        b.iter(|| {
            let (lat, lng, level) = black_box((lat, lng, LEVEL));
            let mut sum = 0u64;
            for ((o, &la), &ln) in out.iter_mut().zip(lat).zip(lng) {
                let id = CellId::from_latlng(LatLng::from_degrees(la, ln)).parent(level);
                *o = id;
                sum = sum.wrapping_add(id.id());
            }
            sum
        });
    });
    for cpp in google::builds() {
        g.bench_function(cpp.name, |b| {
            b.iter(|| {
                (cpp.latlng_to_level)(black_box(lat), black_box(lng), black_box(LEVEL), &mut gout)
            });
        });
    }
    g.bench_function("s2", |b| {
        b.iter(|| {
            let (lat, lng, level) = black_box((lat, lng, u64::from(LEVEL)));
            let mut sum = 0u64;
            for ((o, &la), &ln) in s2out.iter_mut().zip(lat).zip(lng) {
                let id = s2::cellid::CellID::from(&s2::latlng::LatLng::from_degrees(la, ln))
                    .parent(level);
                *o = id;
                sum = sum.wrapping_add(id.0);
            }
            sum
        });
    });
    // h3o's finest resolution (res 15, ~0.9 m^2) as a reference point for a
    // different grid; it has no S2 level equivalent.
    let mut hout = vec![0u64; n];
    g.bench_function("h3o", |b| {
        b.iter(|| {
            let (lat, lng) = black_box((lat, lng));
            let mut sum = 0u64;
            for ((o, &la), &ln) in hout.iter_mut().zip(lat).zip(lng) {
                let ll = h3o::LatLng::new(la, ln).expect("finite bench point");
                let id = u64::from(ll.to_cell(h3o::Resolution::Fifteen));
                *o = id;
                sum = sum.wrapping_add(id);
            }
            sum
        });
    });
    g.finish();
}

// ---- batch API ---------------------------------------------------------------

fn bench_batch(c: &mut Criterion, inp: &Inputs) {
    let (lat, lng, n) = (&inp.lat[..], &inp.lng[..], inp.n);
    for (name, level) in [
        ("batch_latlng_to_leaf", 30u8),
        ("batch_latlng_to_l15", LEVEL),
    ] {
        let mut g = group(c, name, n);
        let mut out = vec![CellId::NONE; n];
        g.bench_function("s2cells", |b| {
            b.iter(|| {
                let invalid = s2cells::cell::latlngs_to_cell_ids(
                    black_box(lat),
                    black_box(lng),
                    black_box(level),
                    &mut out,
                )
                .expect("equal lengths, level <= 30");
                black_box(&out);
                invalid
            });
        });
        // Each path the CPU runs, forced (Kernels::detect picks the
        // widest, the row above).
        for k in Kernels::all_supported() {
            g.bench_function(format!("s2cells_{}", k.isa()), |b| {
                b.iter(|| {
                    let invalid = k
                        .latlngs_to_cell_ids(
                            black_box(lat),
                            black_box(lng),
                            black_box(level),
                            &mut out,
                        )
                        .expect("equal lengths, level <= 30");
                    black_box(&out);
                    invalid
                });
            });
        }
        let mut gout = vec![0u64; n];
        for cpp in google::builds() {
            g.bench_function(cpp.name, |b| {
                b.iter(|| {
                    (cpp.latlng_to_level)(
                        black_box(lat),
                        black_box(lng),
                        black_box(level),
                        &mut gout,
                    )
                });
            });
        }
        g.finish();
    }
}

// ---- tokens --------------------------------------------------------------------

fn bench_token_encode(c: &mut Criterion, inp: &Inputs) {
    for (name, ids) in [
        ("token_encode_leaf", &inp.leaf),
        ("token_encode_l15", &inp.l15),
    ] {
        let mut g = group(c, name, inp.n);
        let cells = s2cells_ids(ids);
        // The everyday call: a stack Token that derefs to &str.
        g.bench_function("s2cells", |b| {
            b.iter(|| {
                let mut sum = 0u64;
                for c in black_box(&cells[..]) {
                    let t = c.token();
                    let t: &str = &t;
                    sum = sum.wrapping_add(
                        t.len() as u64 + u64::from(*t.as_bytes().last().unwrap_or(&0)),
                    );
                }
                sum
            });
        });
        // The allocating form, which returns a String.
        g.bench_function("s2cells_to_token", |b| {
            b.iter(|| {
                let mut sum = 0u64;
                for c in black_box(&cells[..]) {
                    let t = c.to_token();
                    sum = sum.wrapping_add(
                        t.len() as u64 + u64::from(*t.as_bytes().last().unwrap_or(&0)),
                    );
                }
                sum
            });
        });
        // The batch kernel: all tokens into one buffer with i32 offsets
        // (Arrow's layout), on the path Kernels::detect picks.
        let mut bytes = vec![0u8; 16 * cells.len()];
        let mut offsets = vec![0i32; cells.len() + 1];
        g.bench_function("s2cells_batch", |b| {
            b.iter(|| {
                s2cells::cell::cell_ids_to_tokens(black_box(&cells[..]), &mut bytes, &mut offsets)
                    .expect("buffers sized for the ids");
                black_box(&bytes);
                offsets[cells.len()]
            });
        });
        // The allocation-free form, which Google's API has no equivalent of.
        g.bench_function("s2cells_write_token", |b| {
            b.iter(|| {
                let mut sum = 0u64;
                let mut buf = [0u8; 16];
                for c in black_box(&cells[..]) {
                    let t = c.write_token(&mut buf);
                    sum = sum.wrapping_add(
                        t.len() as u64 + u64::from(*t.as_bytes().last().unwrap_or(&0)),
                    );
                }
                sum
            });
        });
        // The bytes for a writer (the CLI's CSV and NDJSON writers use it).
        g.bench_function("s2cells_token_bytes", |b| {
            b.iter(|| {
                let mut sum = 0u64;
                for c in black_box(&cells[..]) {
                    let (t, len) = c.token_bytes();
                    let t = &t[..len];
                    sum = sum.wrapping_add(t.len() as u64 + u64::from(*t.last().unwrap_or(&0)));
                }
                sum
            });
        });
        for cpp in google::builds() {
            g.bench_function(cpp.name, |b| {
                b.iter(|| (cpp.token_encode)(black_box(&ids[..])));
            });
        }
        let s2cells_of = s2_ids(ids);
        g.bench_function("s2", |b| {
            b.iter(|| {
                let mut sum = 0u64;
                for c in black_box(&s2cells_of[..]) {
                    let t = c.to_token();
                    sum = sum.wrapping_add(
                        t.len() as u64 + u64::from(*t.as_bytes().last().unwrap_or(&0)),
                    );
                }
                sum
            });
        });
        g.finish();
    }
}

fn bench_token_decode(c: &mut Criterion, inp: &Inputs) {
    for (name, tokens) in [
        ("token_decode_leaf", &inp.leaf_tokens),
        ("token_decode_l15", &inp.l15_tokens),
    ] {
        let mut g = group(c, name, inp.n);
        let strs = tokens.as_strs();
        let mut out = vec![CellId::NONE; inp.n];
        g.bench_function("s2cells", |b| {
            b.iter(|| {
                let mut sum = 0u64;
                for (o, s) in out.iter_mut().zip(black_box(&strs[..])) {
                    let id = CellId::from_token(s).unwrap_or(CellId::NONE);
                    *o = id;
                    sum = sum.wrapping_add(id.id());
                }
                sum
            });
        });
        let mut gout = vec![0u64; inp.n];
        for cpp in google::builds() {
            g.bench_function(cpp.name, |b| {
                b.iter(|| (cpp.token_decode)(black_box(tokens), &mut gout));
            });
        }
        let mut s2out = vec![s2::cellid::CellID(0); inp.n];
        g.bench_function("s2", |b| {
            b.iter(|| {
                let mut sum = 0u64;
                for (o, s) in s2out.iter_mut().zip(black_box(&strs[..])) {
                    let id = s2::cellid::CellID::from_token(s);
                    *o = id;
                    sum = sum.wrapping_add(id.0);
                }
                sum
            });
        });
        g.finish();
    }
}

// ---- cell -> center, parent, contains ------------------------------------------

fn bench_center(c: &mut Criterion, inp: &Inputs) {
    let n = inp.n;
    let mut g = group(c, "center_latlng_leaf", n);
    let mut lat = vec![0f64; n];
    let mut lng = vec![0f64; n];
    let cells = s2cells_ids(&inp.leaf);
    g.bench_function("s2cells", |b| {
        b.iter(|| {
            let mut sum = 0f64;
            for ((c, la), ln) in black_box(&cells[..])
                .iter()
                .zip(lat.iter_mut())
                .zip(lng.iter_mut())
            {
                let ll = c.to_latlng();
                *la = ll.lat();
                *ln = ll.lng();
                sum += *la + *ln;
            }
            sum
        });
    });
    // The batch kernel (degrees: one more multiply per angle than the
    // radians the other rows write).
    g.bench_function("s2cells_batch", |b| {
        b.iter(|| {
            s2cells::cell::cell_ids_to_centers(black_box(&cells[..]), &mut lat, &mut lng)
                .expect("slices of one length")
        });
    });
    for cpp in google::builds() {
        g.bench_function(cpp.name, |b| {
            b.iter(|| (cpp.center_latlng)(black_box(&inp.leaf), &mut lat, &mut lng));
        });
    }
    let s2cells_of = s2_ids(&inp.leaf);
    g.bench_function("s2", |b| {
        b.iter(|| {
            let mut sum = 0f64;
            for ((c, la), ln) in black_box(&s2cells_of[..])
                .iter()
                .zip(lat.iter_mut())
                .zip(lng.iter_mut())
            {
                let ll = s2::latlng::LatLng::from(c);
                *la = ll.lat.rad();
                *ln = ll.lng.rad();
                sum += *la + *ln;
            }
            sum
        });
    });
    g.finish();
}

fn bench_center_point(c: &mut Criterion, inp: &Inputs) {
    let n = inp.n;
    let mut g = group(c, "center_point_leaf", n);
    let mut xyz = vec![0f64; 3 * n];
    let cells = s2cells_ids(&inp.leaf);
    g.bench_function("s2cells", |b| {
        b.iter(|| {
            let mut sum = 0f64;
            for (c, out) in black_box(&cells[..]).iter().zip(xyz.chunks_exact_mut(3)) {
                let p = c.to_point();
                out.copy_from_slice(&[p.x, p.y, p.z]);
                sum += p.x + p.y + p.z;
            }
            sum
        });
    });
    for cpp in google::builds() {
        g.bench_function(cpp.name, |b| {
            b.iter(|| (cpp.center_point)(black_box(&inp.leaf), &mut xyz));
        });
    }
    let s2cells_of = s2_ids(&inp.leaf);
    g.bench_function("s2", |b| {
        b.iter(|| {
            let mut sum = 0f64;
            for (c, out) in black_box(&s2cells_of[..])
                .iter()
                .zip(xyz.chunks_exact_mut(3))
            {
                let p = s2::point::Point::from(c);
                out.copy_from_slice(&[p.0.x, p.0.y, p.0.z]);
                sum += p.0.x + p.0.y + p.0.z;
            }
            sum
        });
    });
    g.finish();
}

fn bench_parent(c: &mut Criterion, inp: &Inputs) {
    let n = inp.n;
    let mut g = group(c, "parent_leaf_to_l15", n);
    let cells = s2cells_ids(&inp.leaf);
    let mut out = vec![CellId::NONE; n];
    g.bench_function("s2cells", |b| {
        b.iter(|| {
            let (cells, level) = black_box((&cells[..], LEVEL));
            let mut sum = 0u64;
            for (o, c) in out.iter_mut().zip(cells) {
                let p = c.parent(level);
                *o = p;
                sum = sum.wrapping_add(p.id());
            }
            sum
        });
    });
    g.bench_function("s2cells_batch", |b| {
        b.iter(|| {
            s2cells::cell::cell_ids_to_parents(black_box(&cells[..]), black_box(LEVEL), &mut out)
                .expect("slices of one length")
        });
    });
    let mut gout = vec![0u64; n];
    for cpp in google::builds() {
        g.bench_function(cpp.name, |b| {
            b.iter(|| (cpp.parent)(black_box(&inp.leaf), black_box(LEVEL), &mut gout));
        });
    }
    let s2cells_of = s2_ids(&inp.leaf);
    let mut s2out = vec![s2::cellid::CellID(0); n];
    g.bench_function("s2", |b| {
        b.iter(|| {
            let (cells, level) = black_box((&s2cells_of[..], u64::from(LEVEL)));
            let mut sum = 0u64;
            for (o, c) in s2out.iter_mut().zip(cells) {
                let p = c.parent(level);
                *o = p;
                sum = sum.wrapping_add(p.0);
            }
            sum
        });
    });
    g.finish();
}

/// `parent(level)` with the level varying from element to element, as in a
/// loop over rows that each name their own level: no loop-invariant part
/// for either side to hoist.
fn bench_parent_varying(c: &mut Criterion, inp: &Inputs) {
    let n = inp.n;
    let mut g = group(c, "parent_leaf_varying_level", n);
    let cells = s2cells_ids(&inp.leaf);
    let levels = &inp.levels[..];
    let mut out = vec![CellId::NONE; n];
    g.bench_function("s2cells", |b| {
        b.iter(|| {
            let (cells, levels) = black_box((&cells[..], levels));
            let mut sum = 0u64;
            for ((o, c), &level) in out.iter_mut().zip(cells).zip(levels) {
                let p = c.parent(level);
                *o = p;
                sum = sum.wrapping_add(p.id());
            }
            sum
        });
    });
    let mut gout = vec![0u64; n];
    for cpp in google::builds() {
        g.bench_function(cpp.name, |b| {
            b.iter(|| (cpp.parent_levels)(black_box(&inp.leaf), black_box(levels), &mut gout));
        });
    }
    let s2cells_of = s2_ids(&inp.leaf);
    let mut s2out = vec![s2::cellid::CellID(0); n];
    g.bench_function("s2", |b| {
        b.iter(|| {
            let (cells, levels) = black_box((&s2cells_of[..], levels));
            let mut sum = 0u64;
            for ((o, c), &level) in s2out.iter_mut().zip(cells).zip(levels) {
                let p = c.parent(u64::from(level));
                *o = p;
                sum = sum.wrapping_add(p.0);
            }
            sum
        });
    });
    g.finish();
}

fn bench_contains(c: &mut Criterion, inp: &Inputs) {
    let mut g = group(c, "contains", inp.n);
    let (a, b_) = (s2cells_ids(&inp.contains_a), s2cells_ids(&inp.contains_b));
    g.bench_function("s2cells", |b| {
        b.iter(|| {
            let (a, b_) = black_box((&a[..], &b_[..]));
            a.iter().zip(b_).filter(|(x, y)| x.contains(**y)).count()
        });
    });
    let mut out = vec![false; a.len()];
    g.bench_function("s2cells_batch", |b| {
        b.iter(|| {
            s2cells::cell::cell_ids_contain(black_box(&a[..]), black_box(&b_[..]), &mut out)
                .expect("slices of one length");
            out.iter().filter(|&&o| o).count()
        });
    });
    for cpp in google::builds() {
        g.bench_function(cpp.name, |b| {
            b.iter(|| (cpp.contains)(black_box(&inp.contains_a), black_box(&inp.contains_b)));
        });
    }
    let (sa, sb) = (s2_ids(&inp.contains_a), s2_ids(&inp.contains_b));
    g.bench_function("s2", |b| {
        b.iter(|| {
            let (a, b_) = black_box((&sa[..], &sb[..]));
            a.iter().zip(b_).filter(|(x, y)| x.contains(y)).count()
        });
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let inp = Inputs::new();
    bench_latlng(c, &inp);
    bench_batch(c, &inp);
    bench_token_encode(c, &inp);
    bench_token_decode(c, &inp);
    bench_center(c, &inp);
    bench_center_point(c, &inp);
    bench_parent(c, &inp);
    bench_parent_varying(c, &inp);
    bench_contains(c, &inp);
}

criterion_group!(cell, benches);
criterion_main!(cell);
