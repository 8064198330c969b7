//! `ShapeIndex` construction and the cell queries the region coverer makes,
//! on a 1,000-vertex star polygon (radius 300 km near San Francisco), the
//! same shape tools/oracle's perf notes time Google's `S2Polygon` on.
//!
//! The crossing predicate is a plain double-precision one (bench-only;
//! the library's robust predicate costs the same on these non-degenerate
//! inputs, where its fast path decides every case).
//!
//! Run: `cargo bench -p s2cells-bench --bench shape_index`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use s2cells::region::shape_index::{CrossingPredicate, ORIGIN, ShapeIndex};
use s2cells::{Cell, CellId, LatLng, Point};
use s2cells_bench::XorShift64;

struct FloatCrossing;

impl CrossingPredicate for FloatCrossing {
    fn edge_or_vertex_crossing(a: &Point, b: &Point, c: &Point, d: &Point) -> bool {
        let s = |p: &Point, q: &Point, r: &Point| p.cross(q).dot(r).signum();
        let acb = -s(a, b, c);
        acb == s(a, b, d) && acb == -s(c, d, b) && acb == s(c, d, a)
    }
}

fn offset(c: &Point, d: f64, theta: f64) -> Point {
    let u = c.cross(&Point::new(0.012, 0.0053, 1.0)).normalize();
    let v = c.cross(&u);
    (*c * d.cos() + (u * theta.cos() + v * theta.sin()) * d.sin()).normalize()
}

fn star(rng: &mut XorShift64, c: &Point, r: f64, n: usize) -> Vec<Point> {
    (0..n)
        .map(|k| {
            let theta = 2.0 * std::f64::consts::PI * (k as f64 + 0.5 * rng.f64()) / n as f64;
            offset(c, r * (0.35 + 0.65 * rng.f64()), theta)
        })
        .collect()
}

fn build(v: &[Point]) -> ShapeIndex {
    let n = v.len();
    let mut b = ShapeIndex::builder();
    // The star does not contain S2::Origin() (it is 300 km wide, far away).
    b.add_polygon((0..n).map(|i| [v[i], v[(i + 1) % n]]), ORIGIN, false);
    b.build::<FloatCrossing>()
}

fn benches(c: &mut Criterion) {
    let mut rng = XorShift64(0x9E37_79B9_7F4A_7C15);
    let center = LatLng::from_degrees(37.0, -122.0).to_point();
    let r = 300.0 / 6371.01;
    let v = star(&mut rng, &center, r, 1000);
    let cells: Vec<Cell> = (0..10_000)
        .map(|q| {
            let p = offset(
                &center,
                r * 1.2 * rng.f64(),
                std::f64::consts::TAU * rng.f64(),
            );
            Cell::from(CellId::from_point(&p).parent(4 + (q % 12) as u8))
        })
        .collect();
    let index = build(&v);
    let mut g = c.benchmark_group("shape_index");
    g.bench_function("build_1000_vertices", |b| {
        b.iter(|| black_box(build(black_box(&v))));
    });
    g.bench_function("may_intersect_and_contains_10000_cells", |b| {
        b.iter(|| {
            cells
                .iter()
                .map(|cell| {
                    usize::from(index.may_intersect_cell::<FloatCrossing>(cell))
                        + usize::from(index.contains_cell::<FloatCrossing>(cell))
                })
                .sum::<usize>()
        });
    });
    g.bench_function("relate_10000_cells", |b| {
        b.iter(|| {
            cells
                .iter()
                .map(|cell| {
                    let relation = index.relate_cell::<FloatCrossing>(cell);
                    usize::from(relation.may_intersect()) + usize::from(relation.contains())
                })
                .sum::<usize>()
        });
    });
    g.bench_function("cell_union_bound", |b| {
        b.iter(|| black_box(index.cell_union_bound()));
    });
    g.finish();
}

criterion_group!(shape_index, benches);
criterion_main!(shape_index);
