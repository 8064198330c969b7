//! A covering under a cell budget stays within memory proportional to the
//! budget, however runaway the options: `covering_within` on a continent
//! at levels 0..=30 with a billion `max_cells` gives up with an error, and
//! the peak heap in use on the way (measured by a counting global
//! allocator in this test binary) is bounded per budget cell. Before the
//! arena limit, `--budget 1000000` reached 1.5 GB; the CLI's default budget
//! (`s2cells cover`, 200,000 cells) times the bound below is its worst
//! case. The work is bounded the same way (no clock is read).

mod counting_alloc;

use counting_alloc::peak_bytes;
use s2cells::{Cap, CovererError, LatLng, LatLngRect, Region, RegionCoverer};

fn runaway(level_mod: u8) -> RegionCoverer {
    RegionCoverer::new()
        .level_mod(level_mod)
        .and_then(|c| c.max_cells(1_000_000_000))
        .expect("options")
}

// One test function: the counters are global, and tests of one binary run
// in parallel.
#[test]
fn budgeted_coverings_stay_within_memory_proportional_to_the_budget() {
    let rect = LatLngRect::from_degrees(-30.0, 5.0, -70.0, -35.0).expect("rect");
    let cap = Cap::from_center_angle(LatLng::from_degrees(-10.0, -55.0).to_point(), 0.3);
    let regions: [(&str, &dyn Region); 2] = [("rect", &rect), ("cap", &cap)];
    let mut worst = [0f64; 3];
    for budget in [5_000usize, 20_000] {
        for (name, region) in regions {
            for level_mod in [1u8, 2, 3] {
                let coverer = runaway(level_mod);
                for interior in [false, true] {
                    let (result, peak) = peak_bytes(|| {
                        if interior {
                            coverer
                                .interior_covering_within(region, budget)
                                .map(|c| c.len())
                        } else {
                            coverer.covering_within(region, budget).map(|c| c.len())
                        }
                    });
                    assert!(
                        matches!(result, Err(CovererError::CoveringOverBudget { .. })),
                        "{name} level_mod {level_mod} interior {interior}: {result:?}"
                    );
                    let per_cell = peak as f64 / budget as f64;
                    eprintln!(
                        "{name}, level_mod {level_mod}, interior {interior}, budget {budget}: \
                         peak {peak} B, {per_cell:.0} B per budget cell"
                    );
                    let w = &mut worst[usize::from(level_mod - 1)];
                    *w = w.max(per_cell);
                }
            }
        }
    }
    eprintln!("worst bytes per budget cell by level_mod 1, 2, 3: {worst:?}");
    // 64-byte candidates: at most 8, 12 and 24 per budget cell (plus 4096),
    // the queue, the children's indices and the cells found.
    for (k, limit) in [(0, 700.0), (1, 1_000.0), (2, 1_900.0)] {
        assert!(
            worst[k] < limit,
            "level_mod {}: {} bytes per budget cell (limit {limit})",
            k + 1,
            worst[k]
        );
    }
    // A covering within its budget is unaffected.
    let fine = RegionCoverer::new().max_cells(2_000).expect("options");
    assert_eq!(
        fine.covering_within(&rect, 2_000).expect("within budget"),
        fine.covering(&rect)
    );
}
