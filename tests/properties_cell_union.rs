//! Property tests for `CellUnion`: normalization, set algebra checked
//! against leaf-range arithmetic, denormalize/expand coverage, bounds.

use proptest::prelude::*;
use s2cells::{Cell, CellId, CellUnion, LatLng, MAX_LEVEL, Point, Region};

/// The cell `depth` levels below `root` along the child positions in
/// `path` (two bits per level), stopping at leaves.
fn descend(root: CellId, path: u64, depth: u8) -> CellId {
    let mut c = root;
    for k in 0..depth {
        if c.is_leaf() {
            break;
        }
        c = c.child(((path >> (2 * u32::from(k % 32))) & 3) as u8);
    }
    c
}

/// A root cell at a shallow-to-mid level, so that descendants collide.
fn any_root() -> impl Strategy<Value = CellId> {
    (0u8..6, any::<u64>(), 0u8..=22)
        .prop_map(|(face, pos, level)| CellId::from_face_pos_level(face, pos, level))
}

/// Cells under `root`: mixed depths, duplicates and overlaps likely, and
/// sometimes all four children of a cell (so that merging happens).
fn ids_under(root: CellId) -> impl Strategy<Value = Vec<CellId>> {
    prop::collection::vec((any::<u64>(), 0u8..=8, any::<bool>()), 0..24).prop_map(move |v| {
        let mut ids = Vec::new();
        for (path, depth, family) in v {
            let c = descend(root, path, depth);
            if family && !c.is_leaf() {
                ids.extend(c.children());
            } else {
                ids.push(c);
            }
        }
        ids
    })
}

/// Two id lists under one root, plus a probe cell under it.
fn two_sets() -> impl Strategy<Value = (Vec<CellId>, Vec<CellId>, CellId)> {
    any_root().prop_flat_map(|root| {
        (
            ids_under(root),
            ids_under(root),
            (any::<u64>(), 0u8..=10).prop_map(move |(p, d)| descend(root, p, d)),
        )
    })
}

/// The leaves of `ids` (disjoint cells) inside `probe`, by range arithmetic
/// on leaf ids (consecutive leaves are 2 apart).
fn leaves_in(ids: &[CellId], probe: CellId) -> u64 {
    let (lo, hi) = (probe.range_min().id(), probe.range_max().id());
    ids.iter()
        .map(|c| {
            let a = c.range_min().id().max(lo);
            let b = c.range_max().id().min(hi);
            if a <= b { (b - a) / 2 + 1 } else { 0 }
        })
        .sum()
}

/// A library error as a test failure.
fn ok<T>(r: Result<T, impl Into<s2cells::Error>>) -> Result<T, TestCaseError> {
    r.map_err(|e| TestCaseError::fail(e.into().to_string()))
}

/// The number of leaves in `c`.
fn leaves(c: CellId) -> u64 {
    1u64 << (2 * u32::from(MAX_LEVEL - c.level()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalize_is_idempotent_and_order_free((a, _, _) in two_sets(), seed in any::<u64>()) {
        let u = CellUnion::from_cell_ids(a.clone());
        prop_assert!(u.is_valid() && u.is_normalized());
        prop_assert_eq!(&CellUnion::from_cell_ids(u.cell_ids().to_vec()), &u);
        prop_assert_eq!(CellUnion::from_normalized(u.cell_ids().to_vec()), Ok(u.clone()));
        let mut again = u.clone();
        again.normalize();
        prop_assert_eq!(&again, &u);
        // Any order of the input gives the same union.
        let mut shuffled = a.clone();
        let n = shuffled.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(i as u64 + 1).rotate_left(17) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(&CellUnion::from_cell_ids(shuffled), &u);
        // Same leaves as the input: every input cell is contained.
        for &c in &a {
            prop_assert!(u.contains_cell_id(c));
        }
    }

    #[test]
    fn verbatim_accepts_exactly_valid_lists((a, _, _) in two_sets()) {
        let mut sorted = a.clone();
        sorted.sort_unstable();
        let valid = sorted.windows(2).all(|w| w[0].range_max() < w[1].range_min());
        prop_assert_eq!(CellUnion::from_verbatim(sorted.clone()).is_ok(), valid);
        if let Ok(v) = CellUnion::from_verbatim(sorted) {
            let mut n = v.clone();
            n.normalize();
            prop_assert_eq!(n, CellUnion::from_cell_ids(a));
        }
    }

    #[test]
    fn membership_agrees_with_leaf_ranges((a, _, probe) in two_sets()) {
        let u = CellUnion::from_cell_ids(a);
        let inside = leaves_in(u.cell_ids(), probe);
        prop_assert_eq!(u.contains_cell_id(probe), inside == leaves(probe));
        prop_assert_eq!(u.intersects_cell_id(probe), inside > 0);
        prop_assert_eq!(u.contains_cell(&Cell::from(probe)), inside == leaves(probe));
        prop_assert_eq!(u.may_intersect_cell(&Cell::from(probe)), inside > 0);
        let part = u.intersection_with_cell_id(probe);
        prop_assert!(part.is_normalized());
        prop_assert_eq!(part.leaf_cells_covered(), inside);
        prop_assert_eq!(&part, &u.intersection(&CellUnion::from_cell_ids(vec![probe])));
        // The probe's center is in the union when the probe is, and not
        // when the probe is disjoint from it.
        let center_in = u.contains_point(&probe.to_point());
        prop_assert!(center_in || inside < leaves(probe));
        prop_assert!(!center_in || inside > 0);
    }

    #[test]
    fn set_algebra((a, b, _) in two_sets()) {
        let a = CellUnion::from_cell_ids(a);
        let b = CellUnion::from_cell_ids(b);
        let (la, lb) = (a.leaf_cells_covered(), b.leaf_cells_covered());
        let union = a.union(&b);
        let inter = a.intersection(&b);
        let diff = a.difference(&b);
        for x in [&union, &inter, &diff] {
            prop_assert!(x.is_normalized());
        }
        // Commutativity (normalized unions of the same leaves are identical).
        prop_assert_eq!(&union, &b.union(&a));
        prop_assert_eq!(&inter, &b.intersection(&a));
        prop_assert_eq!(a.intersects(&b), b.intersects(&a));
        // A ∪ B ⊇ A, A ∩ B ⊆ A, (A − B) ∩ B = ∅, (A − B) ∪ (A ∩ B) = A.
        prop_assert!(union.contains(&a) && union.contains(&b));
        prop_assert!(a.contains(&inter) && b.contains(&inter));
        prop_assert!(a.contains(&diff));
        prop_assert!(diff.intersection(&b).is_empty());
        prop_assert!(!diff.intersects(&b));
        prop_assert_eq!(&diff.union(&inter), &a);
        // Leaf counts: inclusion–exclusion.
        prop_assert_eq!(union.leaf_cells_covered() + inter.leaf_cells_covered(), la + lb);
        prop_assert_eq!(diff.leaf_cells_covered(), la - inter.leaf_cells_covered());
        // contains / intersects as leaf arithmetic.
        prop_assert_eq!(a.contains(&b), inter.leaf_cells_covered() == lb);
        prop_assert_eq!(a.intersects(&b), !inter.is_empty());
        // Identities.
        prop_assert_eq!(&a.union(&a), &a);
        prop_assert_eq!(&a.intersection(&a), &a);
        prop_assert!(a.difference(&a).is_empty());
        prop_assert_eq!(&a.union(&CellUnion::empty()), &a);
        prop_assert!(a.intersection(&CellUnion::empty()).is_empty());
        prop_assert_eq!(&a.intersection(&CellUnion::whole_sphere()), &a);
        prop_assert!(CellUnion::whole_sphere().contains(&a));
    }

    #[test]
    fn denormalize_keeps_the_leaves(
        (a, _, _) in two_sets(),
        extra in 0u8..=3,
        level_mod in 1u8..=3,
    ) {
        let u = CellUnion::from_cell_ids(a);
        let coarsest = u.iter().map(|c| c.level()).min().unwrap_or(MAX_LEVEL);
        // Bounded so that the output stays small: at most 4^5 cells per cell.
        let min_level = (coarsest + extra).min(MAX_LEVEL);
        let d = ok(u.denormalize(min_level, level_mod))?;
        prop_assert!(CellUnion::from_verbatim(d.clone()).is_ok());
        for &c in &d {
            let l = c.level();
            prop_assert!(l >= min_level);
            prop_assert!((l - min_level) % level_mod == 0 || l == MAX_LEVEL);
        }
        prop_assert_eq!(CellUnion::from_cell_ids(d), u);
    }

    #[test]
    fn expansion_contains_the_union(
        (a, _, _) in two_sets(),
        up in 0u8..=3,
        radius_exp in 4i32..=30,
        diff in 0u8..=3,
        phi in 0.0f64..std::f64::consts::TAU,
    ) {
        let u = CellUnion::from_cell_ids(a);
        let coarsest = u.iter().map(|c| c.level()).min().unwrap_or(MAX_LEVEL);
        let mut e = u.clone();
        ok(e.expand_at_level((coarsest + up).min(MAX_LEVEL)))?;
        prop_assert!(e.is_normalized() && e.contains(&u));
        let radius = 2f64.powi(-radius_exp);
        let mut r = u.clone();
        r.expand_by_radius(radius, diff);
        prop_assert!(r.is_normalized() && r.contains(&u));
        // Google's contract: every point within `radius` of the union is in
        // the expansion. Step from each cell's vertices by 0.99·radius.
        for c in &u {
            for v in Cell::from(c).vertices() {
                let axis = if v.x.abs() < 0.5 {
                    Point::new(1.0, 0.0, 0.0)
                } else {
                    Point::new(0.0, 1.0, 0.0)
                };
                let t1 = v.cross(&axis).normalize();
                let t2 = v.cross(&t1).normalize();
                let dir = t1 * phi.cos() + t2 * phi.sin();
                let angle = 0.99 * radius;
                let q = (v * angle.cos() + dir * angle.sin()).normalize();
                prop_assert!(r.contains_point(&q), "{:?} not within the expansion of {}", q, c);
            }
        }
    }

    #[test]
    fn bounds_contain_every_cell((a, _, _) in two_sets()) {
        let u = CellUnion::from_cell_ids(a);
        let cap = u.cap_bound();
        let rect = u.rect_bound();
        prop_assert_eq!(cap.is_empty(), u.is_empty());
        for c in &u {
            let cell = Cell::from(c);
            for p in cell.vertices().iter().chain([cell.center()].iter()) {
                prop_assert!(cap.contains_point(p));
                prop_assert!(rect.contains_latlng(&LatLng::from(*p)));
            }
        }
    }

    #[test]
    fn leaf_ranges_tile_exactly(root in any_root(), p in any::<u64>(), q in any::<u64>()) {
        let a = descend(root, p, 30).range_min();
        let b = descend(root, q, 30).range_max();
        let (min, max) = if a <= b { (a, b) } else { (b, a) };
        let u = ok(CellUnion::from_min_max(min, max))?;
        prop_assert!(u.is_normalized());
        prop_assert_eq!(u.leaf_cells_covered(), (max.id() - min.id()) / 2 + 1);
        prop_assert!(u.contains_cell_id(min) && u.contains_cell_id(max));
        prop_assert_eq!(u.cell_ids().first().map(s2cells::CellId::range_min), Some(min));
        prop_assert_eq!(u.cell_ids().last().map(s2cells::CellId::range_max), Some(max));
        prop_assert_eq!(ok(CellUnion::from_begin_end(min, max.next()))?, u);
    }
}
