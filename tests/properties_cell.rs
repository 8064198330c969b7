//! Property tests for the cell module's invariants.

use proptest::prelude::*;
use s2cells::{Cell, CellId, LatLng, MAX_LEVEL, Point};

/// Any valid cell id: a random leaf, cut to a random level.
fn any_cell() -> impl Strategy<Value = CellId> {
    (0u8..6, any::<u64>(), 0u8..=MAX_LEVEL)
        .prop_map(|(face, pos, level)| CellId::from_face_pos_level(face, pos, level))
}

/// A valid lat/lng in degrees.
fn any_latlng() -> impl Strategy<Value = LatLng> {
    (-90.0f64..=90.0, -180.0f64..=180.0).prop_map(|(lat, lng)| LatLng::from_degrees(lat, lng))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn constructed_cells_are_valid(c in any_cell()) {
        prop_assert!(c.is_valid());
        prop_assert_eq!(CellId::try_from(c.id()), Ok(c));
        prop_assert_eq!(CellId::from_signed(c.to_signed()), Ok(c));
    }

    #[test]
    fn parent_contains_child(c in any_cell(), up in 0u8..=MAX_LEVEL) {
        let level = c.level().saturating_sub(up);
        let p = c.parent(level);
        prop_assert_eq!(p.level(), level);
        prop_assert!(p.contains(c));
        prop_assert!(p.intersects(c) && c.intersects(p));
        prop_assert!(p.range_min() <= c.range_min() && c.range_max() <= p.range_max());
        prop_assert_eq!(p.common_ancestor_level(c), Some(level));
        if level < c.level() {
            prop_assert!(!c.contains(p));
        }
    }

    #[test]
    fn children_tile_the_parent(c in any_cell()) {
        prop_assume!(!c.is_leaf());
        let kids = c.children();
        prop_assert_eq!(kids[0].range_min(), c.range_min());
        prop_assert_eq!(kids[3].range_max(), c.range_max());
        for k in 0..4u8 {
            let kid = kids[usize::from(k)];
            prop_assert_eq!(kid.immediate_parent(), c);
            prop_assert_eq!(kid.child_position(), k);
            if k < 3 {
                prop_assert_eq!(kid.next(), kids[usize::from(k) + 1]);
                // Leaf ids are odd: consecutive leaves are 2 apart.
                prop_assert_eq!(kid.range_max().id() + 2, kids[usize::from(k) + 1].range_min().id());
            }
        }
        prop_assert_eq!(c.child_begin(), kids[0]);
        prop_assert_eq!(c.child_end(), kids[3].next());
    }

    #[test]
    fn child_ranges_exist_only_below(c in any_cell(), level in 0u8..=35) {
        // Children and descendants at a level exist at or below the cell's
        // own level (a leaf has none); elsewhere the ranges are NONE, never
        // an id that only looks like a cell.
        prop_assert_eq!(c.child_begin() == CellId::NONE, c.is_leaf());
        prop_assert_eq!(c.child_end() == CellId::NONE, c.is_leaf());
        let (begin, end) = (c.child_begin_at(level), c.child_end_at(level));
        if level < c.level() || level > MAX_LEVEL {
            prop_assert_eq!((begin, end), (CellId::NONE, CellId::NONE));
        } else {
            prop_assert_eq!(begin.level(), level);
            prop_assert_eq!(begin.range_min(), c.range_min());
            prop_assert_eq!(begin.parent(c.level()), c);
            prop_assert_eq!(end.id(), c.range_max().next().id() + (begin.lsb() - 1));
        }
    }

    #[test]
    fn leaf_range_is_ordered(c in any_cell(), offset in any::<u64>()) {
        let span = c.range_max().id() - c.range_min().id();
        let inside = CellId::try_from((c.range_min().id() + offset % (span + 1)) | 1).unwrap();
        prop_assert!(c.range_min() <= inside && inside <= c.range_max());
        prop_assert!(c.contains(inside));
    }

    #[test]
    fn token_round_trips(c in any_cell()) {
        let token = c.to_token();
        prop_assert!(token.len() <= 16 && !token.ends_with('0'));
        prop_assert_eq!(CellId::from_token(&token), Ok(c));
        prop_assert_eq!(CellId::from_token(&token.to_uppercase()), Ok(c));
        prop_assert_eq!(token.parse::<CellId>(), Ok(c));
        prop_assert_eq!(CellId::from_debug_string(&c.to_debug_string()), Ok(c));
    }

    #[test]
    fn tokens_sort_like_ids(a in any_cell(), b in any_cell()) {
        // Tokens padded to 16 digits compare like the ids.
        let pad = |c: CellId| format!("{:0<16}", c.to_token());
        prop_assert_eq!(pad(a).cmp(&pad(b)), a.cmp(&b));
    }

    #[test]
    fn neighbors_are_adjacent_and_same_level(c in any_cell()) {
        let cell = Cell::from(c);
        for n in c.edge_neighbors() {
            prop_assert!(n.is_valid());
            prop_assert_eq!(n.level(), c.level());
            prop_assert_ne!(n, c);
            // Adjacent: they share two vertices (up to rounding).
            let nv = Cell::from(n).vertices();
            let shared = cell.vertices().iter()
                .filter(|v| nv.iter().any(|w| (**v - *w).norm() < 1e-14))
                .count();
            prop_assert_eq!(shared, 2, "{:?} {:?}", c, n);
        }
        for n in c.all_neighbors(c.level()) {
            prop_assert_eq!(n.level(), c.level());
            prop_assert_ne!(n, c);
        }
        if c.level() > 0 {
            let around = c.vertex_neighbors(c.level() - 1);
            prop_assert!(around.len() == 3 || around.len() == 4);
            prop_assert_eq!(around[0], c.parent(c.level() - 1));
        }
    }

    #[test]
    fn latlng_lies_in_its_cells(ll in any_latlng()) {
        let leaf = CellId::from_latlng(ll);
        prop_assert!(leaf.is_leaf());
        let p = ll.to_point();
        prop_assert_eq!(leaf, CellId::from_point(&p));
        for level in [0, 5, 10, 15, 20, 25, 30] {
            prop_assert!(Cell::from(leaf.parent(level)).contains_point(&p));
        }
        // The center of the leaf is within half a leaf diagonal of the point.
        let center = leaf.to_latlng();
        prop_assert!(center.distance(&ll) <= 0.5 * s2cells::metrics::MAX_DIAG.value(30));
        prop_assert!(Cell::from(leaf).contains_point(&leaf.to_point()));
    }

    #[test]
    fn bounds_contain_the_cell(c in any_cell()) {
        let cell = Cell::from(c);
        let rect = cell.rect_bound();
        let cap = cell.cap_bound();
        for v in cell.vertices().iter().chain([cell.center()].iter()) {
            prop_assert!(rect.contains_latlng(&LatLng::from(*v)));
            prop_assert!(cap.contains_point(v));
        }
        let area = cell.exact_area();
        prop_assert!(area > 0.0);
        prop_assert!((cell.approx_area() / area - 1.0).abs() < 0.03);
    }

    #[test]
    fn walking_the_curve(c in any_cell(), steps in -1000i64..1000) {
        let there = c.advance(steps);
        if there.is_valid() && there != CellId::end(c.level()) {
            let back = there.advance(-steps);
            if there.distance_from_begin() as i64 == c.distance_from_begin() as i64 + steps {
                prop_assert_eq!(back, c);
            }
        }
        let wrapped = c.advance_wrap(steps);
        prop_assert!(wrapped.is_valid());
        prop_assert_eq!(wrapped.level(), c.level());
        prop_assert_eq!(c.next_wrap().prev_wrap(), c);
    }

    #[test]
    fn maximum_tile_stays_in_range(a in any_cell(), b in any_cell()) {
        let (start, limit) = if a.range_min() <= b.range_min() { (a.range_min(), b.range_min()) } else { (b.range_min(), a.range_min()) };
        let tile = start.maximum_tile(limit);
        if start < limit {
            prop_assert_eq!(tile.range_min(), start);
            prop_assert!(tile.range_max() < limit);
        } else {
            prop_assert_eq!(tile, limit);
        }
    }

    #[test]
    fn garbage_tokens_never_panic(s in "\\PC{0,20}") {
        if let Ok(c) = CellId::from_token(&s) {
            prop_assert!(c.is_valid() || c == CellId::NONE);
        }
        let _ = CellId::from_debug_string(&s);
    }

    #[test]
    fn garbage_ids_never_panic(raw in any::<u64>(), level in any::<u8>(), k in any::<u8>(), steps in any::<i64>()) {
        // Operations on arbitrary (often invalid) ids and out-of-range
        // arguments must not panic, even in debug builds.
        let c = CellId::try_from(raw).unwrap_or(CellId::NONE);
        let _ = (c.parent(level), c.child(k), c.advance(steps), c.advance_wrap(steps));
        let _ = (c.edge_neighbors(), c.vertex_neighbors(level.min(31)), c.to_token(), c.to_debug_string());
        let _ = CellId::from_face_pos_level(k, raw, level);
        let _ = CellId::from_face(k);
        let p = Point::new(f64::from_bits(raw), 1.0, -2.0);
        let _ = CellId::from_point(&p);
        let _ = CellId::from_latlng(LatLng::from_radians(f64::from_bits(raw), f64::from_bits(raw.rotate_left(7))));
    }
}
