//! The cell kernels of issue 17 beside Google's C++, interleaved: every
//! function runs twice per round, in turn, on the same 100,000 inputs,
//! timed the second time (inputs in L2), for many rounds, and each keeps
//! its fastest round. On a shared
//! machine a round takes a few milliseconds, so most rounds of every
//! function run without being preempted, and the minimum is a figure that
//! other processes barely move; criterion's medians over long samples
//! (`benches/cell.rs`) move with the load. The ratios are to the faster of
//! Google's two builds (`-O3` and `-O3 -march=native`).
//!
//! Run: `cargo bench -p s2cells-bench --bench cell_interleaved` with
//! `S2_GOOGLE_DIR` set (tools/bench/run-cell-bench.sh --interleaved does
//! both and pins a core). `S2CELLS_BENCH_N` (default 100,000) and
//! `S2CELLS_BENCH_ROUNDS` (default 60) change the size and the rounds.
//! Without Google's library it prints the s2cells figures only.

use std::hint::black_box;
use std::time::Instant;

use s2cells::cell::{Isa, Kernels};
use s2cells::{CellId, LatLng};
use s2cells_google as google;
use s2cells_google::data;

/// One timed function: its row, its name within the row, and the work.
struct Case<'a> {
    row: &'static str,
    name: String,
    run: Box<dyn FnMut() + 'a>,
    best: f64,
}

fn add<'a>(cases: &mut Vec<Case<'a>>, row: &'static str, name: &str, run: Box<dyn FnMut() + 'a>) {
    cases.push(Case {
        row,
        name: name.to_owned(),
        run,
        best: f64::MAX,
    });
}

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo test --benches` runs this with --test: a token run.
    let quick = std::env::args().any(|a| a == "--test" || a == "--list");
    let n = if quick {
        1000
    } else {
        env("S2CELLS_BENCH_N", 100_000)
    };
    let rounds = if quick {
        2
    } else {
        env("S2CELLS_BENCH_ROUNDS", 60)
    };

    let (lat, lng) = data::random_latlngs_deg(n, data::SEED);
    let leaf: Vec<u64> = lat
        .iter()
        .zip(&lng)
        .map(|(&a, &b)| CellId::from_latlng(LatLng::from_degrees(a, b)).id())
        .collect();
    let l15: Vec<u64> = leaf.iter().map(|&x| data::parent_of(x, 15)).collect();
    let levels = data::random_levels(n, data::SEED ^ 2);
    let (ca, cb) = data::contains_pairs(&leaf, data::SEED ^ 1);
    let cell = |x: &u64| CellId::try_from(*x).expect("a valid bench id");
    let cells: Vec<CellId> = leaf.iter().map(cell).collect();
    let cells15: Vec<CellId> = l15.iter().map(cell).collect();
    let (a, b): (Vec<CellId>, Vec<CellId>) =
        (ca.iter().map(cell).collect(), cb.iter().map(cell).collect());

    let mut cases: Vec<Case> = Vec::new();

    // Batch lat/lng -> leaf: each path, beside Google's one-point loop.
    for k in Kernels::all_supported() {
        let mut out = vec![0u64; n];
        let (lat, lng) = (&lat, &lng);
        add(
            &mut cases,
            "batch lat/lng -> leaf id",
            &format!("s2cells_{}", k.isa()),
            Box::new(move || {
                black_box(
                    k.latlngs_to_cell_ids(black_box(lat), lng, 30, &mut out)
                        .ok(),
                );
            }),
        );
    }
    for g in google::builds() {
        let mut out = vec![0u64; n];
        let (lat, lng) = (&lat, &lng);
        add(
            &mut cases,
            "batch lat/lng -> leaf id",
            g.name,
            Box::new(move || {
                black_box((g.latlng_to_leaf)(black_box(lat), lng, &mut out));
            }),
        );
    }

    // parent(level), the level varying per id, and at one level.
    {
        let mut out = vec![CellId::NONE; n];
        let (cells, levels) = (&cells, &levels);
        add(
            &mut cases,
            "parent(level), level varying",
            "s2cells",
            Box::new(move || {
                let mut s = 0u64;
                for ((o, c), &l) in out.iter_mut().zip(black_box(&cells[..])).zip(levels) {
                    let p = c.parent(l);
                    *o = p;
                    s = s.wrapping_add(p.id());
                }
                black_box(s);
            }),
        );
    }
    {
        let mut out = vec![CellId::NONE; n];
        let cells = &cells;
        add(
            &mut cases,
            "parent(15)",
            "s2cells",
            Box::new(move || {
                let level = black_box(15u8);
                let mut s = 0u64;
                for (o, c) in out.iter_mut().zip(black_box(&cells[..])) {
                    let p = c.parent(level);
                    *o = p;
                    s = s.wrapping_add(p.id());
                }
                black_box(s);
            }),
        );
    }
    {
        let mut out = vec![CellId::NONE; n];
        let cells = &cells;
        add(
            &mut cases,
            "parent(15)",
            "s2cells_batch",
            Box::new(move || {
                black_box(
                    s2cells::cell::cell_ids_to_parents(black_box(&cells[..]), 15, &mut out).ok(),
                );
            }),
        );
    }
    for g in google::builds() {
        let mut out = vec![0u64; n];
        let (leaf, levels) = (&leaf, &levels);
        add(
            &mut cases,
            "parent(level), level varying",
            g.name,
            Box::new(move || {
                black_box((g.parent_levels)(black_box(leaf), levels, &mut out));
            }),
        );
        let mut out = vec![0u64; n];
        add(
            &mut cases,
            "parent(15)",
            g.name,
            Box::new(move || {
                black_box((g.parent)(black_box(leaf), 15, &mut out));
            }),
        );
    }

    // contains on random pairs (about half contained).
    {
        let (a, b) = (&a, &b);
        add(
            &mut cases,
            "contains",
            "s2cells",
            Box::new(move || {
                black_box(
                    black_box(&a[..])
                        .iter()
                        .zip(&b[..])
                        .filter(|(x, y)| x.contains(**y))
                        .count(),
                );
            }),
        );
        let mut out = vec![false; n];
        add(
            &mut cases,
            "contains",
            "s2cells_batch",
            Box::new(move || {
                black_box(
                    s2cells::cell::cell_ids_contain(black_box(&a[..]), &b[..], &mut out).ok(),
                );
            }),
        );
    }
    for g in google::builds() {
        let (ca, cb) = (&ca, &cb);
        add(
            &mut cases,
            "contains",
            g.name,
            Box::new(move || {
                black_box((g.contains)(black_box(ca), cb));
            }),
        );
    }

    // Token encode: the stack Token, the String, the batch kernel.
    for (row, ids, raw) in [
        ("token encode, leaf", &cells, &leaf),
        ("token encode, level 15", &cells15, &l15),
    ] {
        add(
            &mut cases,
            row,
            "s2cells",
            Box::new(move || {
                let mut s = 0u64;
                for c in black_box(&ids[..]) {
                    let t = c.token();
                    let t: &str = &t;
                    s = s.wrapping_add(
                        t.len() as u64 + u64::from(*t.as_bytes().last().unwrap_or(&0)),
                    );
                }
                black_box(s);
            }),
        );
        add(
            &mut cases,
            row,
            "s2cells_to_token",
            Box::new(move || {
                let mut s = 0u64;
                for c in black_box(&ids[..]) {
                    let t = c.to_token();
                    s = s.wrapping_add(
                        t.len() as u64 + u64::from(*t.as_bytes().last().unwrap_or(&0)),
                    );
                }
                black_box(s);
            }),
        );
        let mut bytes = vec![0u8; 16 * n];
        let mut offsets = vec![0i32; n + 1];
        add(
            &mut cases,
            row,
            "s2cells_batch",
            Box::new(move || {
                black_box(
                    s2cells::cell::cell_ids_to_tokens(
                        black_box(&ids[..]),
                        &mut bytes,
                        &mut offsets,
                    )
                    .ok(),
                );
            }),
        );
        for g in google::builds() {
            add(
                &mut cases,
                row,
                g.name,
                Box::new(move || {
                    black_box((g.token_encode)(black_box(raw)));
                }),
            );
        }
    }

    // Leaf centers: the batch kernel (degrees) beside Google's ToLatLng
    // loop (radians).
    {
        let (mut la, mut ln) = (vec![0f64; n], vec![0f64; n]);
        let cells = &cells;
        add(
            &mut cases,
            "leaf center -> lat/lng",
            "s2cells_batch",
            Box::new(move || {
                black_box(
                    s2cells::cell::cell_ids_to_centers(black_box(&cells[..]), &mut la, &mut ln)
                        .ok(),
                );
            }),
        );
        let (mut la, mut ln) = (vec![0f64; n], vec![0f64; n]);
        add(
            &mut cases,
            "leaf center -> lat/lng",
            "s2cells",
            Box::new(move || {
                for ((c, a), b) in black_box(&cells[..]).iter().zip(&mut la).zip(&mut ln) {
                    let ll = c.to_latlng();
                    (*a, *b) = (ll.lat(), ll.lng());
                }
                black_box(&la);
            }),
        );
    }
    for g in google::builds() {
        let (mut la, mut ln) = (vec![0f64; n], vec![0f64; n]);
        let leaf = &leaf;
        add(
            &mut cases,
            "leaf center -> lat/lng",
            g.name,
            Box::new(move || {
                black_box((g.center_latlng)(black_box(leaf), &mut la, &mut ln));
            }),
        );
    }

    for _ in 0..rounds {
        for c in &mut cases {
            // Once untimed, so that every function is timed on inputs in
            // cache: several read the same arrays, and otherwise the first
            // of them in a round would pay for loading them for the others.
            (c.run)();
            let t = Instant::now();
            (c.run)();
            c.best = c.best.min(t.elapsed().as_secs_f64() * 1e9 / n as f64);
        }
    }
    report(&cases, n, rounds);
}

fn report(cases: &[Case], n: usize, rounds: usize) {
    println!(
        "CPU: {}; {n} elements, best of {rounds} interleaved rounds; Kernels::detect() = {}; \
         paths: {}",
        cpu(),
        Kernels::detect().isa(),
        Isa::ALL
            .into_iter()
            .map(|i| format!("{i}{}", if i.is_supported() { "" } else { " (not here)" }))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!();
    println!("| operation | function | ns per element | / faster Google build |");
    println!("|---|---|---:|---:|");
    let mut rows: Vec<&str> = Vec::new();
    for c in cases {
        if !rows.contains(&c.row) {
            rows.push(c.row);
        }
    }
    for row in rows {
        let of_row: Vec<&Case> = cases.iter().filter(|c| c.row == row).collect();
        let google = of_row
            .iter()
            .filter(|c| c.name.starts_with("google_cpp"))
            .map(|c| c.best)
            .fold(f64::MAX, f64::min);
        for c in of_row {
            let ratio = if google < f64::MAX && !c.name.starts_with("google_cpp") {
                format!("{:.2}", c.best / google)
            } else {
                "—".to_owned()
            };
            println!("| {row} | {} | {:.2} | {ratio} |", c.name, c.best);
        }
    }
}

/// The CPU's model name, from /proc/cpuinfo.
fn cpu() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}
