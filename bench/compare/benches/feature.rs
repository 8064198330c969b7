//! feature module throughput: one-hot encoding over a sorted vocabulary
//! (target: 20 million points per second per core), the plain binary
//! search it replaces, hashed features, point keys, key ranges and terms.
//!
//! Inputs, fixed seed: N = 1,000,000 leaf ids (`S2CELLS_BENCH_N` sets N),
//! 80% inside a level-8 "city" cell, 20% uniform over the sphere; the
//! vocabulary is two thirds of the city's level-15 cells (10,923 cells,
//! the post's city grid), with an out-of-vocabulary bucket. One iteration
//! encodes all N points; criterion reports time per point.
//!
//! Run: `cargo bench -p s2cells-bench --bench feature` (pin a core with `taskset -c 0`).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use s2cells::feature::keys::{KeyQuery, Stored, point_key};
use s2cells::feature::ml::{HashedBuckets, OneHot, Vocabulary};
use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
use s2cells::{CellId, CellUnion, LatLng};
use s2cells_google::data::SplitMix64;

fn n() -> usize {
    std::env::var("S2CELLS_BENCH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}

fn inputs() -> (Vec<CellId>, Vocabulary, CellId) {
    let city = CellId::from_latlng(LatLng::from_degrees(-30.0438, -51.14022)).parent(8);
    let mut rng = SplitMix64::new(20261130);
    let pts: Vec<CellId> = (0..n())
        .map(|i| {
            let r = rng.next_u64();
            if i % 5 == 4 {
                CellId::from_face_pos_level((r % 6) as u8, r >> 3, 30)
            } else {
                // A random leaf inside the city: its leaf range, odd offset.
                let lo = city.range_min().id();
                let span = (city.range_max().id() - lo) / 2;
                CellId::try_from(lo + 2 * (r % (span + 1))).unwrap()
            }
        })
        .collect();
    let mut cells = Vec::new();
    let mut c = city.child_begin_at(15);
    let end = city.child_end_at(15);
    let mut k = 0;
    while c != end {
        if k % 3 != 2 {
            cells.push(c);
        }
        c = c.next();
        k += 1;
    }
    (pts, Vocabulary::from_cells(cells, true).unwrap(), city)
}

fn bench(c: &mut Criterion) {
    let (pts, vocab, city) = inputs();
    let mut g = c.benchmark_group("feature");
    g.throughput(Throughput::Elements(pts.len() as u64));

    let enc = OneHot::new(vocab.clone());
    let mut out = vec![0u32; pts.len()];
    g.bench_function("one_hot_level15_vocab10923", |b| {
        b.iter(|| black_box(enc.encode_into(black_box(&pts), &mut out)));
    });

    // The baseline: a plain binary search over the sorted level-15 ids.
    let ids: Vec<CellId> = vocab.cells().to_vec();
    g.bench_function("one_hot_plain_binary_search", |b| {
        b.iter(|| {
            let mut hits = 0usize;
            for (p, o) in black_box(&pts).iter().zip(out.iter_mut()) {
                let i = ids.binary_search(&p.parent(15)).ok();
                hits += usize::from(i.is_some());
                *o = i.map_or(u32::MAX, |i| i as u32);
            }
            black_box(hits)
        });
    });

    let hashed = HashedBuckets::new(15, 1 << 20, 1).unwrap();
    g.bench_function("hashed_1x_level15", |b| {
        b.iter(|| {
            let mut s = 0u64;
            for p in black_box(&pts) {
                s = s.wrapping_add(u64::from(hashed.columns(*p)[0]));
            }
            black_box(s)
        });
    });

    let latlngs: Vec<LatLng> = pts.iter().take(100_000).map(CellId::to_latlng).collect();
    g.throughput(Throughput::Elements(latlngs.len() as u64));
    g.bench_function("point_key_level15_from_latlng", |b| {
        b.iter(|| {
            let mut s = 0u64;
            for ll in black_box(&latlngs) {
                s = s.wrapping_add(point_key(&ll.to_point(), 15).id());
            }
            black_box(s)
        });
    });

    let indexer = TermIndexer::new(TermIndexerOptions::default()).unwrap();
    let points: Vec<_> = latlngs.iter().take(10_000).map(LatLng::to_point).collect();
    g.throughput(Throughput::Elements(points.len() as u64));
    g.bench_function("index_terms_point_default", |b| {
        b.iter(|| {
            let mut s = 0usize;
            for p in black_box(&points) {
                s += indexer.index_terms_for_point(p, "").len();
            }
            black_box(s)
        });
    });

    // Key ranges of a 10,923-cell query (the vocabulary as a covering).
    let cov = CellUnion::from_verbatim(vocab.cells().to_vec()).unwrap();
    g.throughput(Throughput::Elements(cov.len() as u64));
    g.bench_function("key_query_10923_cells_regions", |b| {
        b.iter(|| {
            black_box(KeyQuery::new(
                black_box(&cov),
                Stored::Regions { min_level: 4 },
            ))
        });
    });
    let _ = city;
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
