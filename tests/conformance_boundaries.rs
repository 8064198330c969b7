//! Real boundaries (Natural Earth countries at 1:110m, five US states)
//! covered as Google covers them: `tests/data/boundaries.jsonl`, made by
//! `tools/oracle/gen_boundary_vectors.py` through the Python bindings of
//! the `PyPI` wheel s2geometry==0.14.0, holds Google's covering and interior
//! covering of each feature's `S2Polygon` (rings with the closing and
//! repeated vertices dropped, `Normalize()`d, nested by `InitNested`) under
//! five option sets.
//!
//! Each polygon is built twice here, from the same GeoJSON files under
//! `data/`: through `GeoRegion::from_geometry` with default options (what a
//! user of `s2cells cover` gets), and directly through `Loop` and
//! `Polygon`. Both coverings must equal Google's cell for cell. Features
//! Google finds invalid (Sudan's ring crosses itself under great-circle
//! edges at this scale) must be rejected by both paths too. North Korea's
//! first ring is four copies of one point: a one-vertex loop, empty after
//! normalizing, which `InitNested` drops, in Google's library as here; the
//! GeoJSON path rejects such a ring by default (a ring of one point is no
//! region) and drops it, as Google does, under `lenient`.
#![cfg(feature = "geojson")]

mod common;

use std::collections::HashMap;

use common::{check_cells, each_line};
use s2cells::io::{GeoFeature, GeoRegion, Geometry, RegionOptions, parse_geojson};
use s2cells::{LatLng, Loop, Point, Polygon, Region, RegionCoverer};
use serde_json::Value;

fn features(src: &str) -> Vec<GeoFeature> {
    let path = format!("{}/data/{src}.geojson", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_geojson(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The ring as Google's generator builds it: points of the lat/lngs with
/// consecutive repeats and the closing vertex dropped.
fn ring_points(ring: &[LatLng]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(ring.len());
    for ll in ring {
        let p = ll.to_point();
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    while out.len() > 1 && out.first() == out.last() {
        out.pop();
    }
    out
}

/// The polygon built directly from `Loop`s and `Polygon::from_loops`
/// (`InitNested`), or why not.
fn direct_polygon(g: &Geometry) -> Result<Polygon, String> {
    let rings: Vec<&Vec<LatLng>> = match g {
        Geometry::Polygon(rings) => rings.iter().collect(),
        Geometry::MultiPolygon(polys) => polys.iter().flatten().collect(),
        other => return Err(format!("not a polygon: {other:?}")),
    };
    let mut loops = Vec::with_capacity(rings.len());
    for (k, ring) in rings.iter().enumerate() {
        let mut l = Loop::from_points(ring_points(ring)).map_err(|e| format!("loop {k}: {e}"))?;
        l.normalize();
        loops.push(l);
    }
    Polygon::from_loops(loops).map_err(|e| e.to_string())
}

/// Whether a ring of the geometry is one point repeated.
fn one_point_ring(g: &Geometry) -> bool {
    let rings: Vec<&Vec<LatLng>> = match g {
        Geometry::Polygon(rings) => rings.iter().collect(),
        Geometry::MultiPolygon(polys) => polys.iter().flatten().collect(),
        _ => return false,
    };
    rings.iter().any(|r| ring_points(r).len() == 1)
}

#[test]
fn boundaries_cover_as_google() {
    let mut sources: HashMap<String, Vec<GeoFeature>> = HashMap::new();
    let mut invalid = 0;
    each_line("boundaries.jsonl", |r, c| {
        let src = r.str("src").to_string();
        let index = r.u64("feature") as usize;
        c.input(format!("{src}[{index}] {}", r.str("name")));
        let feats = sources.entry(src.clone()).or_insert_with(|| features(&src));
        let geometry = feats[index]
            .geometry
            .as_ref()
            .unwrap_or_else(|| panic!("{src}[{index}]: no geometry"));
        let mut via_geojson = GeoRegion::from_geometry(index, geometry, RegionOptions::default());
        if one_point_ring(geometry) {
            c.eq(
                "geojson rejects a one-point ring",
                true,
                via_geojson.is_err(),
            );
            let lenient = RegionOptions {
                lenient: true,
                ..RegionOptions::default()
            };
            via_geojson = GeoRegion::from_geometry(index, geometry, lenient);
        }
        let direct = direct_polygon(geometry);
        if !r.bool("valid") {
            invalid += 1;
            c.eq("geojson rejects", true, via_geojson.is_err());
            c.eq("direct rejects", true, direct.is_err());
            return;
        }
        let via_geojson = match via_geojson {
            Ok(g) => g,
            Err(e) => return c.fail("geojson", e.to_string()),
        };
        let direct = match direct {
            Ok(p) => p,
            Err(e) => return c.fail("direct", e),
        };
        let Value::Array(covers) = r.get("covers") else {
            panic!("{}:{}: no covers", r.file, r.line)
        };
        for cover in covers {
            let bad = || -> ! { panic!("{}:{}: opts: expected four integers", r.file, r.line) };
            let o: Vec<u64> = cover["opts"]
                .as_array()
                .unwrap_or_else(|| bad())
                .iter()
                .map(|v| v.as_u64().unwrap_or_else(|| bad()))
                .collect();
            if o.len() != 4 {
                bad();
            }
            let coverer = RegionCoverer::new()
                .min_level(o[0] as u8)
                .and_then(|k| k.max_level(o[1] as u8))
                .and_then(|k| k.level_mod(o[2] as u8))
                .and_then(|k| k.max_cells(o[3] as usize))
                .expect("valid options");
            let tag = format!("({},{},{},{})", o[0], o[1], o[2], o[3]);
            let regions: [(&str, &dyn Region); 2] =
                [("geojson", &via_geojson), ("direct", &direct)];
            for (how, region) in regions {
                let cov = coverer.covering(region);
                check_cells(
                    r,
                    c,
                    &format!("{how} covering {tag}"),
                    &cover["covering"],
                    cov.cell_ids(),
                );
                let int = coverer.interior_covering(region);
                check_cells(
                    r,
                    c,
                    &format!("{how} interior {tag}"),
                    &cover["interior"],
                    int.cell_ids(),
                );
            }
        }
    })
    .finish(180);
    assert!(invalid >= 1, "the vectors name no invalid boundary");
}
