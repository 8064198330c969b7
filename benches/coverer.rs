//! Region coverings, s2cells beside Google's C++ s2geometry 0.14 Release
//! (`google_cpp`, through the FFI in bench/google; present when
//! `S2_GOOGLE_DIR` was set at build time) and the `s2` crate 0.2, on the
//! same regions and options:
//!
//! * the Porto Alegre rectangle (lat -30.241701..-30.000003, lng
//!   -51.264871..-51.04618) at (min 8, max 15, level_mod 1, 500 cells) and
//!   at fixed level 15 with no cell limit (s2cells also as the lazy
//!   fixed-level iterator);
//! * caps of 10 km and 1,000 km around Porto Alegre with 8 and 100 cells
//!   (levels 0..=30).
//!
//! One iteration is one covering, the coverer built inside (as a caller
//! would); each side returns a checksum over its cells, and the setup
//! asserts that s2cells and Google give the same cells.
//!
//! Run: `cargo bench --bench coverer` (with `S2_GOOGLE_DIR` set to the
//! wheel's s2geometry directory for the Google column).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use s2cells::{Cap, LatLng, LatLngRect, Region, RegionCoverer};
use s2cells_google::{self as google, CoverOptions};

const EARTH_KM: f64 = 6371.01;
const PORTO_ALEGRE: (f64, f64) = (-30.0346, -51.2177);

fn s2cells_coverer(min: u8, max: u8, level_mod: u8, cells: i32) -> RegionCoverer {
    let max_cells = if cells < 0 {
        usize::MAX
    } else {
        cells as usize
    };
    RegionCoverer::new()
        .max_level(max)
        .and_then(|c| c.min_level(min))
        .and_then(|c| c.level_mod(level_mod))
        .and_then(|c| c.max_cells(max_cells))
        .expect("valid options")
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
    let coverer = s2cells_coverer(min, max, level_mod, cells);
    let o = CoverOptions {
        min_level: min,
        max_level: max,
        level_mod,
        max_cells: cells,
        interior: false,
    };
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
        b.iter(|| checksum(coverer.covering(black_box(ours)).iter().map(|c| c.id())))
    });
    if let Some(level) = lazy_level {
        g.bench_function("s2cells_lazy_fixed_level", |b| {
            b.iter(|| {
                let cells =
                    RegionCoverer::fixed_level_cells(black_box(ours), level).expect("level");
                checksum(cells.map(|c| c.id()))
            })
        });
    }
    if google::available() {
        g.bench_function("google_cpp", |b| {
            b.iter(|| google_cover(black_box(o), &mut buf).map(|(_, sum)| sum))
        });
    }
    let s2c = s2_coverer(min, max, level_mod, cells);
    g.bench_function("s2_crate", |b| {
        b.iter(|| checksum(s2c.covering(black_box(theirs)).0.iter().map(|c| c.0)))
    });
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
}

criterion_group!(coverer, benches);
criterion_main!(coverer);
