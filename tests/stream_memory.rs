//! The streamed fixed-level covering runs in memory that does not grow
//! with the number of cells it yields: caps of growing radius at a fine
//! level yield from hundreds to hundreds of thousands of cells, and the
//! peak heap in use while streaming them stays the same (an assertion on
//! bytes, measured by a counting global allocator in this test binary).
//! The eager covering of the same caps is measured too, to show that the
//! allocator sees the growth the stream avoids.

mod counting_alloc;

use counting_alloc::peak_bytes;
use s2cells::{Cap, LatLng, Loop, Point, Polygon, Region, RegionCoverer};

const EARTH_KM: f64 = 6371.01;

fn cap_km(center: &Point, km: f64) -> Cap {
    Cap::from_center_angle(*center, km / EARTH_KM)
}

/// (cells yielded, peak bytes) streaming cells and ranges of `region` at `level`.
fn stream<R: Region>(region: &R, level: u8) -> (usize, usize, usize, usize) {
    let (cells, cells_peak) = peak_bytes(|| {
        RegionCoverer::fixed_level_cells(region, level)
            .expect("level")
            .count()
    });
    let (ranges, ranges_peak) = peak_bytes(|| {
        RegionCoverer::fixed_level_ranges(region, level)
            .expect("level")
            .count()
    });
    (cells, cells_peak, ranges, ranges_peak)
}

// One test function: the counters are global, and tests of one binary run
// in parallel.
#[test]
fn streamed_fixed_level_memory_is_flat() {
    let center = LatLng::from_degrees(47.0, 8.0).to_point();
    let level = 18; // cells about 35 m wide here

    let mut rows = Vec::new();
    for km in [0.25, 1.0, 4.0, 8.0] {
        let cap = cap_km(&center, km);
        let (cells, cells_peak, ranges, ranges_peak) = stream(&cap, level);
        let (eager, eager_peak) = peak_bytes(|| {
            RegionCoverer::new()
                .fixed_level(level)
                .and_then(|c| c.max_cells(usize::MAX))
                .expect("options")
                .covering(&cap)
                .len()
        });
        assert_eq!(eager, cells, "{km} km: streamed and eager coverings differ");
        eprintln!(
            "cap {km:>5} km, level {level}: {cells:>7} cells ({ranges} ranges); peak heap: \
             streamed cells {cells_peak} B, ranges {ranges_peak} B, eager covering {eager_peak} B"
        );
        rows.push((km, cells, cells_peak, ranges_peak, eager_peak));
    }

    let (_, small_cells, small_peak, small_ranges_peak, small_eager) = rows[0];
    let (_, big_cells, big_peak, big_ranges_peak, big_eager) = rows[rows.len() - 1];
    assert!(
        big_cells > 500 * small_cells,
        "the caps should span orders of magnitude of cells: {small_cells} .. {big_cells}"
    );
    // The stream holds a search stack of about 3 cells per level (a few
    // KB at most, whatever the region); one extra doubling of that Vec is
    // allowed for, nothing that scales with the cells.
    for (what, small, big) in [
        ("fixed_level_cells", small_peak, big_peak),
        ("fixed_level_ranges", small_ranges_peak, big_ranges_peak),
    ] {
        assert!(
            big <= 2 * small.max(1024) && big < 16 * 1024,
            "{what}: peak heap grew from {small} B ({small_cells} cells) to {big} B \
             ({big_cells} cells)"
        );
    }
    // The eager covering holds every cell: the counter must see that.
    assert!(
        big_eager > 8 * big_cells && big_eager > 100 * small_eager.max(1),
        "the counting allocator should see the eager covering grow: {small_eager} B -> {big_eager} B"
    );

    // A polygon (its shape index built before measuring: that is the
    // region's memory, not the stream's) streamed at levels that yield
    // ever more cells.
    let ring: Vec<Point> = (0..64)
        .map(|k| {
            let a = std::f64::consts::TAU * f64::from(k) / 64.0;
            let r = if k % 2 == 0 { 3.0 } else { 2.0 };
            LatLng::from_degrees(47.0 + r * a.sin() / 111.0, 8.0 + r * a.cos() / 76.0).to_point()
        })
        .collect();
    let polygon = Polygon::from_loop(Loop::from_points(ring).expect("loop")).expect("polygon");
    let _ = RegionCoverer::fixed_level_cells(&polygon, 10)
        .expect("level")
        .count();
    let mut peaks = Vec::new();
    for level in [16u8, 18, 20] {
        let (cells, cells_peak, ranges, ranges_peak) = stream(&polygon, level);
        eprintln!(
            "polygon ~6 km, level {level}: {cells:>7} cells ({ranges} ranges); peak heap: \
             streamed cells {cells_peak} B, ranges {ranges_peak} B"
        );
        peaks.push((cells, cells_peak.max(ranges_peak)));
    }
    let (few, first) = peaks[0];
    let (many, last) = peaks[peaks.len() - 1];
    assert!(
        many > 100 * few,
        "levels should multiply the cells: {few} .. {many}"
    );
    assert!(
        last <= 2 * first.max(1024) && last < 16 * 1024,
        "polygon stream: peak heap grew from {first} B ({few} cells) to {last} B ({many} cells)"
    );
}
