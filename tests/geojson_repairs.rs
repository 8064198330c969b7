//! Rings and polygons that published data gets wrong, through
//! `GeoRegion::from_geometry`: by default an error that names the feature,
//! the ring and what is wrong; with `lenient`, the region the data means
//! (as GEOS's `MakeValid` reads it: collapsed rings dropped, spikes
//! removed, a ring cut where it touches itself, a polygon as its shell
//! minus its holes, a `MultiPolygon` as the union of its polygons) and a
//! warning naming the same. And rings that only make sense on a flat map,
//! which must not silently become slivers.
#![cfg(feature = "geojson")]

use s2cells::io::{GeoRegion, GeoShape, RegionOptions, parse_geojson};
use s2cells::{Cell, LatLng, Region, RegionCoverer};

fn ll(lat: f64, lng: f64) -> s2cells::Point {
    LatLng::from_degrees(lat, lng).to_point()
}

const LENIENT: RegionOptions = RegionOptions {
    strict_orientation: false,
    planar_edges: false,
    lenient: true,
};

const PLANAR: RegionOptions = RegionOptions {
    strict_orientation: false,
    planar_edges: true,
    lenient: false,
};

/// The region of a GeoJSON geometry as feature 7, or the error's text.
fn region(geojson: &str, options: RegionOptions) -> Result<GeoRegion, String> {
    let g = parse_geojson(geojson).expect("well-formed GeoJSON")[0]
        .geometry
        .clone()
        .expect("a geometry");
    GeoRegion::from_geometry(7, &g, options).map_err(|e| e.to_string())
}

fn polygon(rings: &str) -> String {
    format!(r#"{{"type":"Polygon","coordinates":[{rings}]}}"#)
}

fn multi(polygons: &str) -> String {
    format!(r#"{{"type":"MultiPolygon","coordinates":[{polygons}]}}"#)
}

/// A square ring [lo, hi]² in lng/lat, counterclockwise, closed.
fn square(lo: f64, hi: f64) -> String {
    format!("[[{lo},{lo}],[{hi},{lo}],[{hi},{hi}],[{lo},{hi}],[{lo},{lo}]]")
}

fn err(geojson: &str) -> String {
    region(geojson, RegionOptions::default())
        .map(|_| ())
        .expect_err("an error")
}

fn lenient(geojson: &str) -> GeoRegion {
    region(geojson, LENIENT).unwrap_or_else(|e| panic!("lenient: {e}"))
}

#[test]
fn collapsed_rings_are_errors_or_dropped() {
    // Falls Church in us-atlas counties-10m: two points.
    let falls_church = polygon(
        "[[-77.17190836658366,38.892990590795904],[-77.15037260262602,38.87580939698396],\
         [-77.17190836658366,38.892990590795904],[-77.17190836658366,38.892990590795904]]",
    );
    assert_eq!(
        err(&falls_church),
        "invalid geometry in feature 7 at coordinates[0]: the ring has collapsed to 2 distinct \
         points (as quantization or simplification leaves tiny rings) (--lenient drops it)"
    );
    let r = lenient(&falls_church);
    assert_eq!(
        r.warnings(),
        [
            "feature 7 at coordinates[0]: the ring has collapsed to 2 distinct points (as \
          quantization or simplification leaves tiny rings); dropped"
        ]
    );
    assert!(RegionCoverer::new().covering(&r).is_empty());
    // A ring of one point repeated: an error, not an empty region.
    let one = polygon("[[5,5],[5,5],[5,5],[5,5]]");
    assert_eq!(
        err(&one),
        "invalid geometry in feature 7 at coordinates[0]: the ring is one point repeated \
         (--lenient drops it)"
    );
    // Delaware in states-10m: an islet collapsed, the mainland kept; a
    // shell gone takes its holes with it.
    let delaware = multi(&format!(
        "[[[-75.56,39.63],[-75.55,39.60],[-75.56,39.63],[-75.56,39.63]]],[{}]",
        square(0.0, 1.0)
    ));
    let r = lenient(&delaware);
    assert_eq!(r.warnings().len(), 1);
    assert!(r.warnings()[0].starts_with("feature 7 at coordinates[0][0]: the ring has collapsed"));
    assert!(r.contains_point(&ll(0.5, 0.5)));
    // A shell gone leaves its holes as polygons of their own: the area
    // inside an odd number of rings, as GEOS's MakeValid (shapely's and
    // PostGIS's default) reads it.
    let shell_gone = polygon(&format!("[[1,1],[2,2],[1,1],[1,1]],{}", square(1.2, 1.4)));
    let r = lenient(&shell_gone);
    assert_eq!(r.warnings().len(), 2, "{:?}", r.warnings());
    assert_eq!(
        r.warnings()[1],
        "feature 7 at coordinates: the polygon has no shell left: its hole is covered as a \
         polygon of its own"
    );
    assert!(r.contains_point(&ll(1.3, 1.3)) && !r.contains_point(&ll(1.5, 1.5)));
    // Under --strict-orientation a hole's winding means its other side:
    // it goes with the shell.
    let strict = region(
        &shell_gone,
        RegionOptions {
            strict_orientation: true,
            ..LENIENT
        },
    )
    .unwrap();
    assert!(strict.warnings()[1].ends_with("so its hole goes with it (--strict-orientation)"));
    assert!(!strict.contains_point(&ll(1.3, 1.3)));
}

/// Under planar edges a ring that runs clockwise on the map is walked
/// backwards; its errors still name the input's edges.
#[test]
fn planar_errors_name_the_input_edges_in_either_orientation() {
    let ccw = "[[0,0],[2,0.017],[2,2],[1.013,2],[1.013,-1],[0,-1],[0,0]]";
    let cw = "[[0,0],[0,-1],[1.013,-1],[1.013,2],[2,2],[2,0.017],[0,0]]";
    for (ring, edges) in [(ccw, "0 and 3"), (cw, "5 and 2")] {
        let e = region(&polygon(ring), PLANAR).unwrap_err();
        assert!(
            e.contains(&format!(
                "the ring crosses itself (the edges from positions {edges} cross)"
            )),
            "{ring}: {e}"
        );
    }
    // A figure eight's lobes cancel in area, but it is no line.
    let eight = region(&polygon("[[0,0],[0,1],[1,0],[1,1],[0,0]]"), PLANAR).unwrap_err();
    assert!(!eight.contains("encloses no area"), "{eight}");
}

/// world-atlas's 50m Antarctica: a ring along -89.999° out and back (the
/// map's bottom edge) as the shell, the coast as its hole. With straight
/// lon/lat edges the first ring encloses nothing; lenient keeps it as a
/// line and the coast's ring becomes the polygon, as shapely's
/// `make_valid` reads it.
#[test]
fn a_ring_flat_on_the_map_is_no_region_under_planar_edges() {
    let bottom: Vec<String> = (0..=36)
        .map(|k| format!("[{},-89.999]", -180 + 10 * k))
        .chain(
            (0..36)
                .rev()
                .map(|k| format!("[{},-89.999]", -180 + 10 * k)),
        )
        .collect();
    let coast = "[-180,-84],[-180,-70],[0,-65],[180,-70],[180,-84],[-180,-84]";
    let g = polygon(&format!("[{}],[{coast}]", bottom.join(",")));
    let e = region(&g, PLANAR).unwrap_err();
    assert_eq!(
        e,
        "invalid geometry in feature 7 at coordinates[0]: on a flat map this ring encloses no \
         area (its vertices lie on one line of the map, as a map's edge at a pole drawn as a \
         ring does) (--lenient covers it as a line)"
    );
    let r = region(
        &g,
        RegionOptions {
            lenient: true,
            ..PLANAR
        },
    )
    .unwrap();
    assert_eq!(r.warnings().len(), 2, "{:?}", r.warnings());
    assert!(r.warnings()[0].ends_with("; covered as a line, not an area"));
    // The line's cells are in the covering, though no point is inside it.
    let covering = RegionCoverer::new().max_cells(64).unwrap().covering(&r);
    assert!(covering.contains_point(&ll(-89.999, 45.0)));
    for (lat, lng, inside) in [
        (-75.0, 0.0, true),
        (-80.0, 179.0, true),
        (-80.0, -120.0, true),
        (-86.0, 0.0, false),
        (-89.9995, 0.0, false),
        (-60.0, 0.0, false),
    ] {
        assert_eq!(r.contains_point(&ll(lat, lng)), inside, "{lat}, {lng}");
    }
}

#[test]
fn spikes_are_removed_and_touching_rings_cut() {
    // A square with a spike out of its east side, along one edge and back.
    let spike = polygon("[[0,0],[1,0],[1,0.4],[3,0.4],[1,0.4],[1,1],[0,1],[0,0]]");
    assert_eq!(
        err(&spike),
        "invalid geometry in feature 7 at coordinates[0]: it doubles back on itself (a spike at \
         positions 2..4: out and back along one edge) (--lenient removes spikes and cuts a ring \
         where it touches itself)"
    );
    let r = lenient(&spike);
    assert_eq!(
        r.warnings(),
        [
            "feature 7 at coordinates[0]: it doubles back on itself (a spike at positions 2..4: out \
          and back along one edge); repaired"
        ]
    );
    assert!(r.contains_point(&ll(0.5, 0.5)));
    assert!(!r.contains_point(&ll(0.4, 2.0)), "no spike left");
    // Two lobes touching at (1, 1): both covered.
    let eight = polygon("[[0,0],[1,1],[2,0],[2,2],[1,1],[0,2],[0,0]]");
    assert!(err(&eight).contains("it touches itself (positions 1 and 4 are the same point)"));
    let r = lenient(&eight);
    assert!(
        r.warnings()[0].ends_with("repaired, cut into 2 rings"),
        "{:?}",
        r.warnings()
    );
    assert!(r.contains_point(&ll(1.0, 1.8)) && r.contains_point(&ll(1.0, 0.2)));
    assert!(!r.contains_point(&ll(1.9, 1.0)));
    // A hole drawn as an inward lobe from the shell (an "inverted" ring):
    // the lobe is a hole.
    let inverted = polygon("[[0,0],[4,0],[4,4],[2,4],[1,2],[2,1],[3,2],[2,4],[0,4],[0,0]]");
    let r = lenient(&inverted);
    assert!(r.contains_point(&ll(0.5, 0.5)));
    assert!(!r.contains_point(&ll(2.0, 2.0)), "inside the lobe: a hole");
    assert!(r.contains_point(&ll(3.5, 1.0)));
}

#[test]
fn holes_must_lie_inside_their_shell() {
    let outside = polygon(&format!("{},{}", square(0.0, 1.0), square(2.0, 3.0)));
    assert_eq!(
        err(&outside),
        "invalid geometry in feature 7 at coordinates[1]: this hole lies outside its shell, \
         coordinates[0] (--lenient drops it)"
    );
    let r = lenient(&outside);
    assert_eq!(
        r.warnings(),
        ["feature 7 at coordinates[1]: this hole lies outside its shell, coordinates[0]; dropped"]
    );
    assert!(!r.contains_point(&ll(2.5, 2.5)), "not a second shell");
    assert!(r.contains_point(&ll(0.5, 0.5)));

    // A hole across its shell: the shell minus the hole.
    let across = polygon(&format!("{},{}", square(0.0, 2.0), square(1.0, 3.0)));
    assert_eq!(
        err(&across),
        "invalid geometry in feature 7 at coordinates[1]: this hole crosses its shell, \
         coordinates[0] (--lenient covers the shell minus its holes)"
    );
    let r = lenient(&across);
    assert!(matches!(r.shape(), GeoShape::Difference(..)));
    assert!(r.contains_point(&ll(0.5, 0.5)));
    assert!(!r.contains_point(&ll(1.5, 1.5)), "in both: cut out");
    assert!(
        !r.contains_point(&ll(2.5, 2.5)),
        "in the hole alone: not added"
    );
    let cells = RegionCoverer::new().max_cells(50).unwrap().covering(&r);
    assert!(cells.contains_point(&ll(0.5, 0.5)) && cells.contains_point(&ll(1.9, 0.1)));
    let inside = RegionCoverer::new()
        .max_cells(50)
        .unwrap()
        .interior_covering(&r);
    assert!(
        inside
            .iter()
            .all(|c| !Cell::from(c).rect_bound().contains_point(&ll(1.5, 1.5)))
    );

    // A hole inside another hole: dropped (it takes nothing more away).
    let nested = polygon(&format!(
        "{},{},{}",
        square(0.0, 4.0),
        square(1.0, 3.0),
        square(1.5, 2.5)
    ));
    assert!(err(&nested).contains(
        "at coordinates[2]: this hole lies inside another hole, coordinates[1] (--lenient drops it)"
    ));
    assert!(!lenient(&nested).contains_point(&ll(2.0, 2.0)));

    // Polygons of a MultiPolygon that overlap: their union, not a hole.
    let overlap = multi(&format!("[{}],[{}]", square(0.0, 4.0), square(1.0, 2.0)));
    assert!(err(&overlap).contains(
        "at coordinates[1][0]: this polygon lies inside the polygon of coordinates[0][0]"
    ));
    let r = lenient(&overlap);
    assert!(r.contains_point(&ll(1.5, 1.5)), "the union");
    let crossing = multi(&format!("[{}],[{}]", square(0.0, 2.0), square(1.0, 3.0)));
    assert!(err(&crossing).contains("of another polygon"));
    let r = lenient(&crossing);
    for p in [ll(0.5, 0.5), ll(1.5, 1.5), ll(2.5, 2.5)] {
        assert!(r.contains_point(&p));
    }

    // A hole around its own shell (world-atlas's 50m Antarctica lists the
    // continent as a hole of a ring around the pole): taken as nested.
    let around = polygon(&format!("{},{}", square(1.0, 2.0), square(0.0, 3.0)));
    assert!(err(&around).contains("this hole lies around its shell, coordinates[0]"));
    let r = lenient(&around);
    assert!(r.contains_point(&ll(0.5, 0.5)) && !r.contains_point(&ll(1.5, 1.5)));
}

#[test]
fn flat_map_boxes_need_planar_edges() {
    // "Everything south of 60°S" drawn for a flat map.
    let south = polygon("[[-180,-90],[180,-90],[180,-60],[-180,-60],[-180,-90]]");
    let e = err(&south);
    assert!(
        e.starts_with(
            "invalid geometry in feature 7 at coordinates[0]: with great-circle edges \
             this ring encloses"
        ) && e.contains("but on a flat map 34")
            && e.ends_with("(--planar-edges follows straight lon/lat edges)"),
        "{e}"
    );
    // Lenient cannot guess it either.
    assert!(region(&south, LENIENT).is_err());
    let r = region(&south, PLANAR).unwrap();
    let c = RegionCoverer::new().max_cells(8).unwrap().covering(&r);
    assert!(c.len() <= 8, "{} cells", c.len());
    for k in 0..=3600 {
        let lng = -180.0 + f64::from(k) * 0.1;
        for lat in [-90.0, -89.0, -75.0, -60.0, -60.000_001] {
            assert!(c.contains_point(&ll(lat, lng)), "{lat}, {lng}");
        }
    }
    assert!(!r.contains_point(&ll(-59.9, 0.0)));
    // The whole-world box: the whole sphere.
    let world = polygon("[[-180,-90],[180,-90],[180,90],[-180,90],[-180,-90]]");
    assert!(err(&world).contains("--planar-edges"));
    let r = region(&world, PLANAR).unwrap();
    assert_eq!(RegionCoverer::new().covering(&r).len(), 6);
}

#[test]
fn planar_edges_keep_the_coverer_options() {
    let square = polygon("[[10,10],[11,10],[11,11],[10,11],[10,10]]");
    let r = region(&square, PLANAR).unwrap();
    assert_eq!(
        r.planar_margin(),
        0.0,
        "the region already contains the flat square"
    );
    for (min, max, step, n) in [(0u8, 30u8, 1u8, 8usize), (4, 12, 2, 20), (6, 9, 3, 4)] {
        let coverer = RegionCoverer::new()
            .max_level(max)
            .and_then(|c| c.min_level(min))
            .and_then(|c| c.level_mod(step))
            .and_then(|c| c.max_cells(n))
            .unwrap();
        let c = coverer.covering(&r);
        let forced = RegionCoverer::fixed_level_cells(&r, min).unwrap().count();
        assert!(
            c.len() <= n.max(forced),
            "{min}-{max}/{step} {n}: {} cells",
            c.len()
        );
        assert!(
            c.iter()
                .all(|id| id.level() >= min && id.level() <= max && (id.level() - min) % step == 0)
        );
        // Every point of the flat square's edges, parallels included.
        for k in 0..=1000 {
            let t = 10.0 + f64::from(k) / 1000.0;
            for p in [ll(10.0, t), ll(11.0, t), ll(t, 10.0), ll(t, 11.0)] {
                assert!(c.contains_point(&p));
            }
        }
    }
    // Far from the poles and short edges: next to no difference with
    // great circles.
    let great = region(&square, RegionOptions::default()).unwrap();
    let a = RegionCoverer::new().max_cells(8).unwrap();
    assert!(a.covering(&r).len() <= 8 && a.covering(&great).len() <= 8);
}
