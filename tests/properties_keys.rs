//! `feature::keys` properties: every encoding of a query's key ranges selects
//! exactly the stored keys the covering contains (points) or meets
//! (regions), whatever the faces, including the bit-cast sign flip.

use proptest::prelude::*;
use s2cells::feature::keys::{
    KeyQuery, Stored, from_be_bytes, from_ordered_i64, ordered_i64, to_be_bytes,
};
use s2cells::{CellId, CellUnion};

fn cell() -> impl Strategy<Value = CellId> {
    // Faces 3..=5 and 0 twice as often: the sign flip and the u64 ends.
    (
        prop_oneof![Just(3u8), Just(4u8), Just(5u8), Just(0u8), 0u8..6],
        any::<u64>(),
        0u8..=12,
    )
        .prop_map(|(f, pos, level)| CellId::from_face_pos_level(f, pos >> 3, level))
}

/// A leaf near a query cell's ends half the time, anywhere otherwise.
fn probe(cells: &[CellId], pick: usize, r: u64, near: bool) -> CellId {
    if near && !cells.is_empty() {
        let c = cells[pick % cells.len()];
        let base = if r & 1 == 0 {
            c.range_min()
        } else {
            c.range_max()
        };
        base.advance(((r >> 1) % 7) as i64 - 3)
    } else {
        CellId::from_face_pos_level((r % 6) as u8, r >> 3, 30)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn encodings_select_the_same_keys(cells in prop::collection::vec(cell(), 1..12), probes in prop::collection::vec((any::<usize>(), any::<u64>(), any::<bool>()), 64)) {
        let cov = CellUnion::from_cell_ids(cells.clone());
        let q = KeyQuery::new(&cov, Stored::Points);
        let signed = q.signed_ranges();
        let ordered = q.ordered_ranges();
        let bytes = q.byte_ranges();
        let tokens = q.token_ranges();
        // Sorted, disjoint, never crossing the sign flip.
        prop_assert!(signed.windows(2).all(|w| w[0].1 < w[1].0));
        prop_assert!(q.ranges().windows(2).all(|w| w[0].last().id().saturating_add(2) < w[1].first().id()));
        for (pick, r, near) in probes {
            let x = probe(cov.cell_ids(), pick, r, near);
            if !x.is_valid() { continue; }
            let want = cov.contains_cell_id(x);
            prop_assert_eq!(q.matches(x), want);
            prop_assert_eq!(signed.iter().any(|&(lo, hi)| lo <= x.to_signed() && x.to_signed() <= hi), want);
            prop_assert_eq!(ordered.iter().any(|&(lo, hi)| lo <= ordered_i64(x) && ordered_i64(x) <= hi), want);
            let b = to_be_bytes(x);
            prop_assert_eq!(bytes.iter().any(|(lo, hi)| lo <= &b && &b <= hi), want);
            let t = x.to_token();
            prop_assert_eq!(tokens.iter().any(|(lo, hi)| lo.as_str() <= t.as_str() && t.as_str() <= hi.as_str()), want);
            prop_assert_eq!(from_ordered_i64(ordered_i64(x)), Ok(x));
            prop_assert_eq!(from_be_bytes(b), Ok(x));
        }
    }

    #[test]
    fn regions_are_found_iff_they_meet_the_query(cells in prop::collection::vec(cell(), 1..10), stored in prop::collection::vec(cell(), 64), min_level in 0u8..5) {
        let cov = CellUnion::from_cell_ids(cells);
        let q = KeyQuery::new(&cov, Stored::Regions { min_level });
        for s in stored {
            if s.level() < min_level { continue; }
            prop_assert_eq!(q.matches(s), cov.intersects_cell_id(s), "stored {}", s);
        }
        let signed = q.signed_ancestors();
        prop_assert!(signed.windows(2).all(|w| w[0] < w[1]));
    }
}
