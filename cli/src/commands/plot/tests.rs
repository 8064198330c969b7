//! The pieces handed to the drawing code, checked as numbers (not
//! pixels): outlines keep their own order and never jump across the map,
//! everything stays inside the map's turn of longitude, and rings and
//! cells around a pole are closed along the pole's latitude.

use s2cells::io::{GeoJsonReader, GeoRegion, RegionOptions};
use s2cells::{Cell, CellId, LatLng, Region};

use super::map::{cell_ring, path_pieces, pieces, place};
use super::{Mark, Outline, cap_outline, outline_marks, shape_marks};

/// Each feature of data/countries-110m.geojson: its name, its outline and
/// the centre longitude `run` would give its map.
fn countries() -> Vec<(String, Outline, f64)> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/countries-110m.geojson"
    );
    let file = std::fs::File::open(path).expect("countries file");
    let options = RegionOptions {
        lenient: true,
        ..RegionOptions::default()
    };
    GeoJsonReader::new(std::io::BufReader::new(file))
        .map(|f| {
            let f = f.expect("feature");
            let geometry = f.geometry.as_ref().expect("geometry");
            let region = GeoRegion::from_geometry(f.index, geometry, options).expect("region");
            let (mut rings, mut holes, mut kinds) = (Vec::new(), Vec::new(), Vec::new());
            shape_marks(region.shape(), &mut rings, &mut holes, &mut kinds);
            let name =
                super::feature_name(f.properties.as_ref(), f.id.as_ref()).unwrap_or_default();
            let centre = region.rect_bound().center().lng_degrees();
            (name, (rings, holes, kinds), centre)
        })
        .collect()
}

/// The map's turn of longitude around `centre`, as a world-wide map has.
fn turn(centre: f64) -> (f64, f64) {
    (centre - 180.0, centre + 180.0)
}

/// Asserts that every path lies in `xs` and moves by small steps:
/// outlines are densified to 0.25° of arc, so a step of more than `max_dy`
/// in latitude or 180° in longitude is a jump the sphere does not have.
fn assert_smooth(what: &str, paths: &[Vec<(f64, f64)>], xs: (f64, f64), max_dy: f64) {
    for path in paths {
        for p in path {
            assert!(
                p.0 >= xs.0 - 1e-9 && p.0 <= xs.1 + 1e-9,
                "{what}: {p:?} outside {xs:?}"
            );
        }
        for w in path.windows(2) {
            let (dx, dy) = ((w[1].0 - w[0].0).abs(), (w[1].1 - w[0].1).abs());
            assert!(
                dx <= 180.0 && dy <= max_dy,
                "{what}: a step from {:?} to {:?}",
                w[0],
                w[1]
            );
        }
    }
}

#[test]
fn country_outlines_keep_their_order_on_a_world_map() {
    let all = countries();
    assert_eq!(all.len(), 177);
    let mut polar = Vec::new();
    for (name, outline, centre) in &all {
        for centre in [*centre, 0.0] {
            let xs = turn(centre);
            for m in outline_marks(outline, centre) {
                if let Mark::Ring { polar: true, .. } = m {
                    polar.push(name.clone());
                }
                assert_smooth(name, &m.paths(true, xs), xs, 1.0);
            }
        }
    }
    polar.dedup();
    assert_eq!(polar, ["Antarctica"]);
}

#[test]
fn antarctica_is_closed_along_the_south_pole_in_ring_order() {
    let (_, outline, centre) = countries()
        .into_iter()
        .find(|c| c.0 == "Antarctica")
        .expect("Antarctica");
    let ring = outline_marks(&outline, centre)
        .into_iter()
        .find_map(|m| match m {
            Mark::Ring {
                pts, polar: true, ..
            } => Some(pts),
            _ => None,
        })
        .expect("a ring around the pole");
    let n = ring.len();
    // The boundary ends a turn from where it starts, then runs along the
    // pole's latitude back above the start.
    assert_eq!(ring[n - 3].1, ring[0].1);
    assert!((ring[n - 3].0 - ring[0].0).abs() == 360.0);
    assert_eq!(ring[n - 2], (ring[n - 3].0, -90.0));
    assert_eq!(ring[n - 1], (ring[0].0, -90.0));
    // In ring order: the Antarctic Peninsula turns back in longitude, so
    // the boundary's longitudes are not sorted (sorting them drew spikes).
    let xs: Vec<f64> = ring[..n - 2].iter().map(|p| p.0).collect();
    let rising = xs.windows(2).all(|w| w[1] >= w[0]);
    let falling = xs.windows(2).all(|w| w[1] <= w[0]);
    assert!(!rising && !falling);
}

#[test]
fn cap_over_the_north_pole_is_one_turn_closed_along_the_pole() {
    for (lat, lng, radius_m) in [
        (90.0, 0.0, 1.5e6),
        (85.0, 30.0, 1.0e6),
        (-88.0, -170.0, 5e5),
    ] {
        let marks = outline_marks(&cap_outline(lat, lng, radius_m), lng);
        let [Mark::Ring { pts, polar, .. }] = &marks[..] else {
            panic!("one ring");
        };
        assert!(polar, "the cap at {lat},{lng} winds around the pole");
        let pole = 90f64.copysign(lat);
        let n = pts.len();
        assert_eq!((pts[n - 2].1, pts[n - 1].1), (pole, pole));
        let xs = turn(lng);
        // Its outline (drawn) has no step across the map: as a flat ring it
        // went from +180° back to -180° in one line over the picture.
        assert_smooth("cap", &marks[0].paths(true, xs), xs, 1.0);
        // Its filled pieces span the whole turn.
        let fill = pieces(pts, true, xs);
        let lo = fill.iter().flatten().map(|p| p.0).fold(f64::MAX, f64::min);
        let hi = fill.iter().flatten().map(|p| p.0).fold(f64::MIN, f64::max);
        assert!(lo <= xs.0 + 1e-9 && hi >= xs.1 - 1e-9, "{lo} {hi}");
    }
}

#[test]
fn cells_around_a_pole_are_closed_along_its_latitude() {
    let north = LatLng::from_degrees(90.0, 0.0);
    let south = LatLng::from_degrees(-90.0, 0.0);
    for (ll, pole) in [(north, 90.0), (south, -90.0)] {
        let leaf = CellId::from_latlng(ll);
        for level in [0, 1, 2, 5, 12, 30] {
            let id = leaf.parent(level);
            // Pole cells at levels 0 wind around the pole; from level 1 on
            // the pole is a vertex (Google's face centre) or inside.
            let contains = Cell::from(id).contains_point(&ll.to_point());
            let placed = place(cell_ring(id), 0.0, true);
            let n = placed.pts.len();
            let xs = turn(0.0);
            if placed.polar {
                assert_eq!(placed.pts[n - 1].1, pole, "level {level}");
                assert_eq!(placed.pts[n - 2].1, pole, "level {level}");
            } else {
                // Not winding: it touches the pole in a vertex, which is
                // drawn as a stretch along the pole's latitude.
                assert!(contains);
                assert!(placed.pts.iter().filter(|p| p.1 == pole).count() >= 2);
            }
            let fill = pieces(&placed.pts, true, xs);
            assert!(!fill.is_empty());
            for piece in &fill {
                for w in piece.windows(2) {
                    assert!((w[1].0 - w[0].0).abs() <= 360.0);
                }
                assert!(
                    piece
                        .iter()
                        .all(|p| p.0 >= xs.0 - 1e-9 && p.0 <= xs.1 + 1e-9)
                );
            }
            let boundary = placed.boundary(true);
            assert_smooth("pole cell", &path_pieces(&boundary, true, xs), xs, 30.0);
        }
    }
}

#[test]
fn cells_across_the_antimeridian_are_one_piece_each_side() {
    for lat in [-60.0, 0.0, 45.0, 80.0] {
        let id = CellId::from_latlng(LatLng::from_degrees(lat, 180.0)).parent(6);
        for centre in [180.0, -179.0, 0.0] {
            let placed = place(cell_ring(id), centre, true);
            assert!(!placed.polar);
            let xs = turn(centre);
            let fill = pieces(&placed.pts, true, xs);
            assert!(!fill.is_empty() && fill.len() <= 2, "{lat} {centre}");
            for piece in &fill {
                for w in piece.windows(2) {
                    assert!((w[1].0 - w[0].0).abs() <= 180.0, "{lat} {centre}");
                }
            }
        }
    }
}

#[test]
fn a_path_is_cut_where_it_leaves_the_map() {
    let path = [(170.0, 0.0), (190.0, 10.0), (200.0, 20.0)];
    let cut = path_pieces(&path, true, (-180.0, 180.0));
    assert_eq!(
        cut,
        vec![
            vec![(-180.0, 5.0), (-170.0, 10.0), (-160.0, 20.0)],
            vec![(170.0, 0.0), (180.0, 5.0)],
        ]
    );
    // Not a world map: as given.
    assert_eq!(path_pieces(&path, false, (0.0, 1.0)), vec![path.to_vec()]);
}

#[test]
fn leaf_cells_at_a_pole_do_not_widen_the_map() {
    // Google's covering of a rect up to the north pole holds the two leaf
    // cells with the pole as a vertex: slivers a quarter turn wide.
    let north = CellId::from_latlng(LatLng::from_degrees(90.0, 0.0));
    let rect = [(-30.0, 80.0), (60.0, 80.0), (60.0, 90.0), (-30.0, 90.0)];
    let marks = [Mark::Ring {
        pts: rect.to_vec(),
        hole: false,
        polar: false,
    }];
    let polys: Vec<(u8, Vec<(f64, f64)>)> = [north, north.parent(12), north.parent(3)]
        .iter()
        .map(|&id| (id.level(), place(cell_ring(id), 15.0, true).pts))
        .collect();
    let leaf = &polys[0].1;
    let (lo, hi) = leaf
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), p| (l.min(p.0), h.max(p.0)));
    assert!(hi - lo >= 90.0, "the leaf is a wide sliver: {lo} {hi}");
    let (xs, ys) = super::extent(&polys[..1], &marks);
    assert_eq!((xs, ys), ((-30.0, 60.0), (80.0, 90.0)));
    // Drawn, it is cut to the map.
    for piece in pieces(leaf, false, xs) {
        assert!(piece.iter().all(|p| p.0 >= xs.0 && p.0 <= xs.1));
    }
    // Cells that are not slivers count, however small.
    let tiny = CellId::from_latlng(LatLng::from_degrees(10.0, 20.0));
    let polys = vec![(30, place(cell_ring(tiny), 0.0, true).pts)];
    let (xs, _) = super::extent(&polys, &[]);
    assert!((xs.0 - 20.0).abs() < 1e-6 && xs.1 > xs.0);
    assert_eq!(
        pieces(&polys[0].1, false, xs).len(),
        1,
        "a leaf cell is drawn"
    );
}
