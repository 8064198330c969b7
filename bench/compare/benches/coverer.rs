//! Region coverings, s2cells beside Google's C++ s2geometry 0.14 Release
//! (`google_cpp`, through the FFI in bench/google; present when
//! `S2_GOOGLE_DIR` was set at build time) and the `s2` crate 0.2, on the
//! same regions and options:
//!
//! * the Porto Alegre rectangle (lat -30.241701..-30.000003, lng
//!   -51.264871..-51.04618) at (min 8, max 15, `level_mod` 1, 500 cells) and
//!   at fixed level 15 with no cell limit (s2cells also as the lazy
//!   fixed-level iterator);
//! * caps of 10 km and 1,000 km around Porto Alegre with 8 and 100 cells
//!   (levels 0..=30);
//! * polygons (no `s2` column: that crate cannot cover one): a
//!   1,000-vertex star-shaped CCW loop centred at 47N 8E with radii
//!   150-250 km (about 500 km across, fixed-seed generator; the same
//!   vertices are handed to C++), at (0, 30, 1, 200), (10, 16, 1, 1000)
//!   and fixed level 12; South Africa (a shell with Lesotho as a hole) and
//!   Indonesia (13 island shells) from data/countries-110m.geojson at
//!   (0, 30, 1, 200) and (10, 16, 1, 1000). Each in two groups:
//!   `cover_polygon_*` covers an already-built polygon (its shape index
//!   built before timing) and `build_cover_polygon_*` builds a fresh
//!   polygon from the vertices and covers it, which includes the lazy
//!   index build on both sides (Google's `S2Polygon` also indexes on the
//!   first query). Both sides skip validation (`from_loops_unchecked`,
//!   `S2Debug::DISABLE`).
//!
//! One iteration is one covering, the coverer built inside (as a caller
//! would); each side returns a checksum over its cells, and the setup
//! asserts that s2cells and Google give the same cells.
//!
//! Run: `cargo bench -p s2cells-bench --bench coverer` (with `S2_GOOGLE_DIR` set to the
//! wheel's s2geometry directory for the Google column).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use s2cells::{Cap, LatLng, LatLngRect, Loop, Point, Polygon, Region, RegionCoverer};
use s2cells_bench::XorShift64;
use s2cells_google::{self as google, CoverOptions};

const EARTH_KM: f64 = 6371.01;
const PORTO_ALEGRE: (f64, f64) = (-30.0346, -51.2177);

/// One option set (`cells` negative: unlimited) as s2cells' coverer and
/// as Google's options.
fn options(min: u8, max: u8, level_mod: u8, cells: i32) -> (RegionCoverer, CoverOptions) {
    let max_cells = if cells < 0 {
        usize::MAX
    } else {
        cells as usize
    };
    let coverer = RegionCoverer::new()
        .max_level(max)
        .and_then(|c| c.min_level(min))
        .and_then(|c| c.level_mod(level_mod))
        .and_then(|c| c.max_cells(max_cells))
        .expect("valid options");
    let o = CoverOptions {
        min_level: min,
        max_level: max,
        level_mod,
        max_cells: cells,
        interior: false,
    };
    (coverer, o)
}

fn s2_coverer(min: u8, max: u8, level_mod: u8, cells: i32) -> s2::region::RegionCoverer {
    s2::region::RegionCoverer {
        min_level: min,
        max_level: max,
        level_mod,
        max_cells: if cells < 0 {
            usize::MAX
        } else {
            cells as usize
        },
    }
}

fn checksum(ids: impl Iterator<Item = u64>) -> u64 {
    ids.fold(0u64, u64::wrapping_add)
}

/// Google's covering of one region: options, output buffer -> (count,
/// checksum), `None` without the library.
type GoogleCover<'a> = &'a dyn Fn(CoverOptions, &mut [u64]) -> Option<(usize, u64)>;

/// One group: s2cells, Google, the s2 crate on one region and option set.
#[allow(clippy::too_many_arguments)]
fn group<R: Region, S: s2::region::Region + 'static>(
    c: &mut Criterion,
    name: &str,
    ours: &R,
    theirs: &S,
    google_cover: GoogleCover<'_>,
    (min, max, level_mod, cells): (u8, u8, u8, i32),
    lazy_level: Option<u8>,
) {
    let (coverer, o) = options(min, max, level_mod, cells);
    let mut buf = vec![0u64; 1 << 20];
    let ours_ids: Vec<u64> = coverer.covering(ours).iter().map(|c| c.id()).collect();
    if let Some((n, _)) = google_cover(o, &mut buf) {
        assert_eq!(
            &buf[..n],
            ours_ids.as_slice(),
            "{name}: s2cells and Google differ"
        );
    }
    let mut g = c.benchmark_group(name);
    g.bench_function("s2cells", |b| {
        b.iter(|| checksum(coverer.covering(black_box(ours)).iter().map(|c| c.id())));
    });
    if let Some(level) = lazy_level {
        g.bench_function("s2cells_lazy_fixed_level", |b| {
            b.iter(|| {
                let cells =
                    RegionCoverer::fixed_level_cells(black_box(ours), level).expect("level");
                checksum(cells.map(|c| c.id()))
            });
        });
    }
    if google::available() {
        g.bench_function("google_cpp", |b| {
            b.iter(|| google_cover(black_box(o), &mut buf).map(|(_, sum)| sum));
        });
    }
    let s2c = s2_coverer(min, max, level_mod, cells);
    g.bench_function("s2_crate", |b| {
        b.iter(|| checksum(s2c.covering(black_box(theirs)).0.iter().map(|c| c.0)));
    });
    g.finish();
}

/// A star-shaped loop of `n` vertices around `c`, counterclockwise (the
/// angle grows around `c` seen from outside the sphere), radii
/// `r_lo..r_hi` radians.
fn star(seed: u64, c: &Point, r_lo: f64, r_hi: f64, n: usize) -> Vec<Point> {
    let mut rng = XorShift64(seed);
    let u = c.cross(&Point::new(0.012, 0.0053, 1.0)).normalize();
    let v = c.cross(&u);
    (0..n)
        .map(|k| {
            let theta = std::f64::consts::TAU * (k as f64 + 0.5 * rng.f64()) / n as f64;
            let d = r_lo + (r_hi - r_lo) * rng.f64();
            (*c * d.cos() + (u * theta.cos() + v * theta.sin()) * d.sin()).normalize()
        })
        .collect()
}

/// The rings of country `name` in data/countries-110m.geojson, each loop
/// normalized to the smaller region it bounds (nesting then makes holes),
/// as `s2cells cover` reads GeoJSON, without densifying.
fn country(name: &str) -> Vec<Vec<Point>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/countries-110m.geojson"
    );
    let text = std::fs::read_to_string(path).expect("read countries-110m.geojson");
    let json: serde_json::Value = serde_json::from_str(&text).expect("parse GeoJSON");
    let feature = json["features"]
        .as_array()
        .expect("features")
        .iter()
        .find(|f| f["properties"]["name"] == name)
        .unwrap_or_else(|| panic!("no {name} in countries-110m.geojson"));
    let g = &feature["geometry"];
    let polygons: Vec<&serde_json::Value> = match g["type"].as_str() {
        Some("Polygon") => vec![&g["coordinates"]],
        Some("MultiPolygon") => g["coordinates"]
            .as_array()
            .expect("polygons")
            .iter()
            .collect(),
        t => panic!("{name}: geometry {t:?}"),
    };
    let mut loops = Vec::new();
    for rings in polygons {
        for ring in rings.as_array().expect("rings") {
            let mut v: Vec<Point> = Vec::new();
            for pos in ring.as_array().expect("positions") {
                let (lng, lat) = (pos[0].as_f64().expect("lng"), pos[1].as_f64().expect("lat"));
                let p = LatLng::from_degrees(lat, lng).to_point();
                if v.last() != Some(&p) {
                    v.push(p);
                }
            }
            if v.len() > 1 && v.first() == v.last() {
                v.pop();
            }
            let mut l = Loop::from_points_unchecked(v);
            l.normalize();
            loops.push(l.vertices().to_vec());
        }
    }
    loops
}

fn build_polygon(loops: &[Vec<Point>]) -> Polygon {
    Polygon::from_loops_unchecked(
        loops
            .iter()
            .map(|v| Loop::from_points_unchecked(v.clone()))
            .collect(),
    )
}

/// Two groups for one polygon and option set: covering of a built polygon
/// (`cover_polygon_{name}`) and fresh polygon + covering
/// (`build_cover_polygon_{name}`), s2cells beside Google.
fn polygon_groups(
    c: &mut Criterion,
    name: &str,
    loops: &[Vec<Point>],
    (min, max, level_mod, cells): (u8, u8, u8, i32),
) {
    let (coverer, o) = options(min, max, level_mod, cells);
    let flat = google::Loops::new(
        loops
            .iter()
            .map(|l| l.iter().map(|p| [p.x, p.y, p.z]).collect::<Vec<_>>())
            .collect::<Vec<_>>()
            .iter()
            .map(Vec::as_slice),
    );
    let ours = build_polygon(loops);
    let theirs = google::Polygon::new(&flat);
    let mut buf = vec![0u64; 1 << 20];
    // Also builds both lazy indexes before timing.
    let ours_ids: Vec<u64> = coverer.covering(&ours).iter().map(|c| c.id()).collect();
    if let Some(p) = &theirs {
        let (n, _) = p.cover(o, &mut buf);
        if buf[..n] == ours_ids[..] {
            eprintln!("{name}: {n} cells, identical to Google's");
        } else {
            let first = buf[..n].iter().zip(&ours_ids).position(|(a, b)| a != b);
            eprintln!(
                "\n!!!!!!!! WARNING: {name}: s2cells and Google coverings DIFFER: \
                 s2cells {} cells, Google {n} cells, first difference at {first:?}; \
                 the timings below compare different outputs !!!!!!!!\n",
                ours_ids.len()
            );
        }
    } else {
        eprintln!(
            "{name}: {} cells (no Google library linked)",
            ours_ids.len()
        );
    }

    let mut g = c.benchmark_group(format!("cover_polygon_{name}"));
    g.bench_function("s2cells", |b| {
        b.iter(|| checksum(coverer.covering(black_box(&ours)).iter().map(|c| c.id())));
    });
    if min == max && cells < 0 {
        g.bench_function("s2cells_lazy_fixed_level", |b| {
            b.iter(|| {
                let cells = RegionCoverer::fixed_level_cells(black_box(&ours), min).expect("level");
                checksum(cells.map(|c| c.id()))
            });
        });
    }
    if let Some(p) = &theirs {
        g.bench_function("google_cpp", |b| {
            b.iter(|| p.cover(black_box(o), &mut buf).1);
        });
    }
    g.finish();

    let mut g = c.benchmark_group(format!("build_cover_polygon_{name}"));
    g.bench_function("s2cells", |b| {
        b.iter(|| {
            let p = build_polygon(black_box(loops));
            checksum(coverer.covering(&p).iter().map(|c| c.id()))
        });
    });
    if google::available() {
        g.bench_function("google_cpp", |b| {
            b.iter(|| google::build_cover_polygon(black_box(&flat), o, &mut buf).map(|(_, s)| s));
        });
    }
    g.finish();
}

fn benches(c: &mut Criterion) {
    let (lat_lo, lat_hi, lng_lo, lng_hi) = (-30.241701, -30.000003, -51.264871, -51.04618);
    let rect = LatLngRect::from_degrees(lat_lo, lat_hi, lng_lo, lng_hi).expect("rect");
    let s2rect = s2::rect::Rect::from_degrees(lat_lo, lng_lo, lat_hi, lng_hi);
    let bounds = [rect.lat_lo(), rect.lat_hi(), rect.lng_lo(), rect.lng_hi()];
    let google_rect = move |o: CoverOptions, out: &mut [u64]| google::cover_rect(bounds, o, out);
    group(
        c,
        "cover_rect_porto_alegre_8_15_500",
        &rect,
        &s2rect,
        &google_rect,
        (8, 15, 1, 500),
        None,
    );
    group(
        c,
        "cover_rect_porto_alegre_fixed_15",
        &rect,
        &s2rect,
        &google_rect,
        (15, 15, 1, -1),
        Some(15),
    );

    let center = LatLng::from_degrees(PORTO_ALEGRE.0, PORTO_ALEGRE.1);
    let s2center = s2::point::Point::from(s2::latlng::LatLng::from_degrees(
        PORTO_ALEGRE.0,
        PORTO_ALEGRE.1,
    ));
    for km in [10.0, 1000.0] {
        let radians = km / EARTH_KM;
        let cap = Cap::from_center_angle(center.to_point(), radians);
        let s2cap = s2::cap::Cap::from_center_angle(
            &s2center,
            &s2::s1::angle::Angle::from(s2::s1::angle::Rad(radians)),
        );
        let p = cap.center();
        let spec = [p.x, p.y, p.z, cap.radius2()];
        let google_cap = move |o: CoverOptions, out: &mut [u64]| google::cover_cap(spec, o, out);
        for cells in [8, 100] {
            let name = format!("cover_cap_{km}km_{cells}_cells");
            group(c, &name, &cap, &s2cap, &google_cap, (0, 30, 1, cells), None);
        }
    }

    let center = LatLng::from_degrees(47.0, 8.0).to_point();
    let star = vec![star(
        0x9E37_79B9_7F4A_7C15,
        &center,
        150.0 / EARTH_KM,
        250.0 / EARTH_KM,
        1000,
    )];
    polygon_groups(c, "star1000_0_30_200", &star, (0, 30, 1, 200));
    polygon_groups(c, "star1000_10_16_1000", &star, (10, 16, 1, 1000));
    polygon_groups(c, "star1000_fixed_12", &star, (12, 12, 1, -1));
    for (country_name, short) in [("South Africa", "south_africa"), ("Indonesia", "indonesia")] {
        let loops = country(country_name);
        polygon_groups(c, &format!("{short}_0_30_200"), &loops, (0, 30, 1, 200));
        polygon_groups(c, &format!("{short}_10_16_1000"), &loops, (10, 16, 1, 1000));
    }
}

criterion_group!(coverer, benches);
criterion_main!(coverer);
