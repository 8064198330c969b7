//! Properties of `RegionCoverer` on random rectangles and caps: coverings
//! cover, interior coverings lie inside, `max_cells` holds when the levels
//! allow it, coverings are canonical, and the lazy fixed-level iterators
//! give exactly the fixed-level covering, and a region's
//! `ContainsSubtree` answer holds for every cell below it.

mod common;
mod counting_alloc;

use std::cell::Cell as Counter;

use common::check_subtree_promise;
use counting_alloc::peak_bytes;
use proptest::prelude::*;
use s2cells::{
    Cap, Cell, CellContainment, CellId, LatLng, LatLngRect, Point, Region, RegionCoverer,
};

/// A rectangle: center anywhere, sides 1e-6..~60 degrees, one at most a
/// thousand times the other. (A sliver 1e-6 wide and 10 long has an
/// interior covering that walks millions of cells along it: seconds in
/// Google's algorithm and in ours, and minutes of a debug test.)
fn rect() -> impl Strategy<Value = LatLngRect> {
    (-89.0f64..89.0, -180.0f64..180.0, -6.0f64..1.8, -3.0f64..3.0).prop_map(|(lat, lng, h, d)| {
        let w = (h + d).clamp(-6.0, 1.8);
        let size = LatLng::from_degrees(10f64.powf(h), 10f64.powf(w));
        LatLngRect::from_center_size(LatLng::from_degrees(lat, lng), size).expect("valid rect")
    })
}

/// A cap: center anywhere, radius 1e-7..1 radian.
fn cap() -> impl Strategy<Value = Cap> {
    (-90.0f64..90.0, -180.0f64..180.0, -7.0f64..0.0).prop_map(|(lat, lng, r)| {
        Cap::from_center_angle(LatLng::from_degrees(lat, lng).to_point(), 10f64.powf(r))
    })
}

fn options() -> impl Strategy<Value = RegionCoverer> {
    (0u8..=30, 0u8..=30, 1u8..=3, 1usize..300).prop_map(|(a, b, m, n)| {
        let (min, max) = (a.min(b), a.max(b));
        // Keep the min_level moderate: a high one on a big region is
        // millions of cells, which is right but slow.
        let min = min.min(10);
        RegionCoverer::new()
            .max_level(max)
            .and_then(|c| c.min_level(min))
            .and_then(|c| c.level_mod(m))
            .and_then(|c| c.max_cells(n))
            .expect("valid options")
    })
}

/// Points of the rectangle: a grid of fractions of its extent.
fn rect_points(r: &LatLngRect, fractions: &[(f64, f64)]) -> Vec<Point> {
    let size = r.size();
    fractions
        .iter()
        .map(|&(a, b)| {
            let lng = r.lng_lo() + b * size.lng();
            let lng = if lng > std::f64::consts::PI {
                lng - 2.0 * std::f64::consts::PI
            } else {
                lng
            };
            LatLng::from_radians(r.lat_lo() + a * size.lat(), lng).to_point()
        })
        .filter(|p| r.contains_point(p))
        .collect()
}

/// Points of the cap: along directions at fractions of the radius.
fn cap_points(c: &Cap, fractions: &[(f64, f64)]) -> Vec<Point> {
    let center = c.center();
    let helper = if center.x.abs() < 0.9 {
        Point::new(1.0, 0.0, 0.0)
    } else {
        Point::new(0.0, 1.0, 0.0)
    };
    let u = center.cross(&helper).normalize();
    let v = center.cross(&u);
    fractions
        .iter()
        .map(|&(a, b)| {
            let angle = a * c.radius();
            let t = b * 2.0 * std::f64::consts::PI;
            let dir = u * t.cos() + v * t.sin();
            (center * angle.cos() + dir * angle.sin()).normalize()
        })
        .filter(|p| c.contains_point(p))
        .collect()
}

fn check_covering<R: Region>(
    region: &R,
    coverer: &RegionCoverer,
    points: &[Point],
) -> Result<(), TestCaseError> {
    let covering = coverer.covering(region);
    for p in points {
        prop_assert!(covering.contains_point(p), "covering misses {p:?}");
    }
    prop_assert!(
        coverer.is_canonical(covering.cell_ids()),
        "covering not canonical"
    );
    let o = coverer.options();
    let (min, level_mod, max_cells) = (o.min_level(), o.level_mod(), o.max_cells());
    if min == 0 && level_mod == 1 && max_cells >= 6 {
        prop_assert!(
            covering.len() <= max_cells,
            "{} cells > {max_cells}",
            covering.len()
        );
    }
    let interior = coverer.interior_covering(region);
    for id in &interior {
        let cell = Cell::from(id);
        for v in cell.vertices() {
            prop_assert!(
                region.contains_point(&v),
                "interior cell {id:?} reaches outside"
            );
        }
    }
    let within = coverer.covering_within(region, covering.len().max(1));
    prop_assert_eq!(within.ok(), Some(covering.clone()));
    Ok(())
}

/// The level at which a region of `area` steradians has a few thousand
/// cells at most.
fn small_level(area: f64) -> u8 {
    (0..=30u8)
        .rev()
        .find(|&l| area / Cell::average_area_at(l) < 800.0)
        .unwrap_or(0)
}

/// The options with `min_level` lowered, if need be, to where the region
/// has a few thousand cells: a 60° rectangle at level 10 is half a million
/// cells, right but minutes of a debug build.
fn bounded(coverer: RegionCoverer, area: f64) -> RegionCoverer {
    let o = coverer.options();
    let (min, max, level_mod, max_cells) =
        (o.min_level(), o.max_level(), o.level_mod(), o.max_cells());
    RegionCoverer::new()
        .max_level(max)
        .and_then(|c| c.min_level(min.min(small_level(area) + 1)))
        .and_then(|c| c.level_mod(level_mod))
        .and_then(|c| c.max_cells(max_cells))
        .expect("valid options")
}

fn check_lazy<R: Region>(region: &R, level: u8) -> Result<(), TestCaseError> {
    let eager = RegionCoverer::new()
        .fixed_level(level)
        .and_then(|c| c.max_cells(usize::MAX))
        .expect("level")
        .covering(region);
    let lazy: Vec<CellId> = RegionCoverer::fixed_level_cells(region, level)
        .expect("level")
        .collect();
    prop_assert_eq!(lazy.as_slice(), eager.cell_ids());
    // The ranges cover exactly the same leaves.
    let ranges: Vec<(CellId, CellId)> = RegionCoverer::fixed_level_ranges(region, level)
        .expect("level")
        .collect();
    let mut from_ranges = Vec::new();
    for &(lo, hi) in &ranges {
        prop_assert!(lo <= hi);
        let mut c = lo.parent(level);
        while c.range_max() <= hi {
            from_ranges.push(c);
            c = c.next();
            if c.range_min() > hi {
                break;
            }
        }
    }
    prop_assert_eq!(from_ranges.as_slice(), eager.cell_ids());
    for w in ranges.windows(2) {
        prop_assert!(w[0].1.next() < w[1].0, "ranges not merged or overlapping");
    }
    Ok(())
}

const FRACTIONS: [(f64, f64); 9] = [
    (0.5, 0.5),
    (0.01, 0.01),
    (0.99, 0.99),
    (0.01, 0.99),
    (0.99, 0.01),
    (0.3, 0.7),
    (0.75, 0.2),
    (0.999, 0.5),
    (0.5, 0.001),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Points near the edges too: the margin is where the promise is tested.
    #[test]
    fn rect_subtree_promise(r in rect(), a in 0.0f64..1.0, b in 0.0f64..1.0, squeeze in 0u32..4) {
        let edge = |x: f64| if x < 0.5 { x.powi(1 << squeeze) } else { 1.0 - (1.0 - x).powi(1 << squeeze) };
        for p in rect_points(&r, &[(edge(a), edge(b))]) {
            check_subtree_promise(&r, &p)?;
        }
        // Well inside, some cell around the point is a contained subtree,
        // if the rectangle is wide enough on the ground for leaf cells (1e-9
        // rad) to fit: near a pole a sliver of longitude is not.
        let ground_width = r.size().lng() * r.lat_lo().abs().max(r.lat_hi().abs()).cos();
        for p in rect_points(&r, &[(0.1 + 0.8 * a, 0.1 + 0.8 * b)]) {
            let found = check_subtree_promise(&r, &p)?;
            if ground_width.min(r.size().lat()) > 1e-6 {
                prop_assert!(found.is_some(), "{r:?} {p:?}");
            }
        }
    }

    /// Near a cap's boundary, every answer on the way down to a leaf agrees
    /// with the exact tests, and the shared-vertex answers for four
    /// children with one-by-one ones.
    #[test]
    fn cap_relations_agree(c in cap(), a in 0.0f64..1.0, b in 0.0f64..1.0) {
        for p in cap_points(&c, &[(a, b), (0.999, b), (1.0, a), (1.001, a)]) {
            check_subtree_promise(&c, &p)?;
        }
    }

    #[test]
    fn rect_coverings(r in rect(), coverer in options()) {
        check_covering(&r, &bounded(coverer, r.area()), &rect_points(&r, &FRACTIONS))?;
    }

    #[test]
    fn cap_coverings(c in cap(), coverer in options()) {
        check_covering(&c, &bounded(coverer, c.area()), &cap_points(&c, &FRACTIONS))?;
    }

    #[test]
    fn rect_lazy_fixed_level(r in rect(), extra in 0u8..2) {
        let level = (small_level(r.area()) + extra).min(30);
        check_lazy(&r, level)?;
    }

    #[test]
    fn cap_lazy_fixed_level(c in cap(), extra in 0u8..2) {
        let level = (small_level(c.area()) + extra).min(30);
        check_lazy(&c, level)?;
    }
}

#[test]
fn zero_area_rectangles_answer_at_once() {
    // Google's interior covering of these does not finish (it splits every
    // cell along the line down to level 30).
    let equator = LatLngRect::from_degrees(0.0, 0.0, -170.0, 170.0).expect("rect");
    let meridian = LatLngRect::from_degrees(-80.0, 80.0, 180.0, 180.0).expect("rect");
    let coverer = RegionCoverer::new();
    for r in [equator, meridian] {
        assert!(coverer.interior_covering(&r).is_empty());
        let covering = coverer.covering(&r);
        assert!(!covering.is_empty() && covering.len() <= 8);
    }
}

#[test]
fn bad_options_are_errors() {
    assert!(RegionCoverer::new().min_level(31).is_err());
    assert!(RegionCoverer::new().max_level(31).is_err());
    assert!(RegionCoverer::new().fixed_level(200).is_err());
    assert!(RegionCoverer::new().level_mod(0).is_err());
    assert!(RegionCoverer::new().level_mod(4).is_err());
    assert!(RegionCoverer::new().max_cells(0).is_err());
    assert!(
        RegionCoverer::new()
            .min_level(20)
            .and_then(|c| c.max_level(10))
            .is_err()
    );
    assert!(RegionCoverer::fixed_level_cells(&Cap::full(), 31).is_err());
    assert!(RegionCoverer::flood_fill(&Cap::full(), CellId::end(30)).is_err());
}

/// A region that counts the cell tests the coverer asks of it.
struct Counted<'a, R> {
    inner: &'a R,
    tests: Counter<usize>,
}

impl<R: Region> Region for Counted<'_, R> {
    fn cap_bound(&self) -> Cap {
        self.inner.cap_bound()
    }
    fn rect_bound(&self) -> LatLngRect {
        self.inner.rect_bound()
    }
    fn contains_cell(&self, cell: &Cell) -> bool {
        self.tests.set(self.tests.get() + 1);
        self.inner.contains_cell(cell)
    }
    fn may_intersect_cell(&self, cell: &Cell) -> bool {
        self.tests.set(self.tests.get() + 1);
        self.inner.may_intersect_cell(cell)
    }
    fn contains_point(&self, p: &Point) -> bool {
        self.inner.contains_point(p)
    }
    fn cell_union_bound(&self) -> Vec<CellId> {
        self.inner.cell_union_bound()
    }
    fn relate_cell(&self, cell: &Cell, want_contains: bool) -> CellContainment {
        self.tests.set(self.tests.get() + 1);
        self.inner.relate_cell(cell, want_contains)
    }
    fn relate_children(&self, children: &[Cell; 4], want_contains: bool) -> [CellContainment; 4] {
        self.tests.set(self.tests.get() + 4);
        self.inner.relate_children(children, want_contains)
    }
    fn has_empty_interior(&self) -> bool {
        self.inner.has_empty_interior()
    }
}

/// A covering of 6·4^20 cells under a budget stops early: its work grows
/// with the budget, not the covering, counted (not timed) as the region's
/// cell tests and the peak memory of the attempt.
#[test]
fn budget_stops_big_coverings_early() {
    let world = Counted {
        inner: &LatLngRect::full(),
        tests: Counter::new(0),
    };
    let fine = RegionCoverer::new()
        .fixed_level(20)
        .and_then(|c| c.max_cells(usize::MAX))
        .expect("level");
    // Measured: 232 cell tests and 2.26 MB at a budget of 1,000, 410 and
    // 9.0 MB at 4,000 (the pending candidates are capped at 4 x budget + 64).
    for budget in [1000, 4000] {
        world.tests.set(0);
        let (result, peak) = peak_bytes(|| fine.covering_within(&world, budget));
        assert!(result.is_err());
        let tests = world.tests.get();
        assert!(
            tests <= budget && peak <= 3000 * budget,
            "budget {budget}: {tests} cell tests, {peak} bytes at peak"
        );
    }
    // And lazily, the first cells of that 6·4^20-cell covering come at once.
    let first: Vec<CellId> = RegionCoverer::fixed_level_cells(&world, 20)
        .expect("level")
        .take(5)
        .collect();
    assert_eq!(first[0], CellId::from_face(0).child_begin_at(20));
}

/// Found by proptest: a rectangle 2e-8 rad wide in longitude near the south
/// pole, narrower on the ground than a leaf cell; the promise holds.
#[test]
fn polar_sliver_keeps_the_promise() {
    let r = LatLngRect::from_radians(
        -1.560_024_516_818_212_5,
        -1.542_571_224_298_269_4,
        -9.129_068_456_036_122e-9,
        9.129_068_456_036_122e-9,
    )
    .expect("valid rect");
    for p in rect_points(&r, &[(0.0, 0.0), (0.1, 0.1), (0.5, 0.5)]) {
        check_subtree_promise(&r, &p).expect("promise holds");
    }
}

/// Found by proptest: a tall rectangle whose covering at levels 0..=8
/// under 162 cells finds 165 cells before they merge into 24. A budget of
/// 24 must still give that covering (the run merges what it found before
/// giving up).
#[test]
fn budget_counts_cells_after_merging() {
    let r = LatLngRect::from_radians(
        -0.330_019_481_872_796_4,
        0.330_019_481_872_796_4,
        -1.959_252_425_474_025,
        -1.916_384_624_719_934,
    )
    .expect("valid rect");
    let coverer = RegionCoverer::new()
        .max_level(8)
        .and_then(|c| c.max_cells(162))
        .expect("valid options");
    let covering = coverer.covering(&r);
    assert_eq!(covering.len(), 24);
    assert_eq!(coverer.covering_within(&r, 24).ok(), Some(covering));
    assert!(coverer.covering_within(&r, 23).is_err());
}
