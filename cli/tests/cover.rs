//! `s2cells cover` against the library: the same coverings as
//! `RegionCoverer` on the same regions, ids and properties kept, sorted
//! output, GeoJSON cells, pipes into `compact`, and every malformed input
//! with its message and exit status (1 data, 2 usage).

mod common;

use common::{fails, lib_regions, s2cells, stdout, temp_file};
use s2cells::{Cap, CellId, CellUnion, LatLng, LatLngRect, RegionCoverer, earth};
use serde_json::Value;

const PORTO_ALEGRE: &str = "--rect=-30.241701,-51.264871,-30.000003,-51.04618";

fn coverer(min: u8, max: u8, cells: usize) -> RegionCoverer {
    RegionCoverer::new()
        .max_level(max)
        .and_then(|c| c.min_level(min))
        .and_then(|c| c.max_cells(cells))
        .expect("coverer")
}

fn tokens(cells: &CellUnion) -> String {
    cells.iter().map(|c| c.to_token() + "\n").collect()
}

/// The library's coverings of every feature of a file, in file order.
fn lib_tokens(path: &str, lenient: bool, c: &RegionCoverer) -> String {
    lib_regions(path, lenient)
        .iter()
        .map(|r| tokens(&c.covering(&r.region)))
        .collect()
}

#[test]
fn porto_alegre_rect_gives_googles_351_cells() {
    let out = stdout(s2cells().args([
        "cover",
        PORTO_ALEGRE,
        "--min-level",
        "8",
        "--max-level",
        "15",
        "--max-cells",
        "500",
    ]));
    let rect = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618).unwrap();
    let lib = coverer(8, 15, 500).covering(&rect);
    assert_eq!(lib.len(), 351);
    assert_eq!(out, tokens(&lib));
}

#[test]
fn cap_equals_the_library() {
    let out = stdout(s2cells().args(["cover", "--cap=48.8566,2.3522,5000", "--max-cells", "20"]));
    let cap = Cap::try_from_center_angle(
        LatLng::from_degrees(48.8566, 2.3522).to_point(),
        earth::meters_to_radians(5000.0),
    )
    .unwrap();
    assert_eq!(out, tokens(&coverer(0, 30, 20).covering(&cap)));
}

#[test]
fn geojson_files_equal_the_library() {
    for (path, lenient) in [
        ("data/porto-alegre.geojson", false),
        ("data/porto-alegre-city.geojson", false),
        ("data/countries-110m.geojson", true),
    ] {
        let mut cmd = s2cells();
        cmd.args([
            "cover",
            path,
            "--min-level",
            "4",
            "--max-level",
            "15",
            "--max-cells",
            "40",
        ]);
        if lenient {
            cmd.arg("--lenient");
        }
        let out = stdout(&mut cmd);
        assert_eq!(
            out,
            lib_tokens(path, lenient, &coverer(4, 15, 40)),
            "{path}"
        );
    }
}

#[test]
fn the_city_with_a_hole_interior_equals_the_library() {
    let out = stdout(s2cells().args([
        "cover",
        "data/porto-alegre-city.geojson",
        "--interior",
        "--max-level",
        "16",
        "--max-cells",
        "200",
    ]));
    let r = &lib_regions("data/porto-alegre-city.geojson", false)[0];
    assert_eq!(
        out,
        tokens(&coverer(0, 16, 200).interior_covering(&r.region))
    );
}

#[test]
fn ids_and_properties_survive_in_csv_and_ndjson() {
    let path = "data/countries-110m.geojson";
    let lib = lib_regions(path, true);
    let nd = stdout(s2cells().args(["cover", path, "--lenient", "-f", "ndjson"]));
    let rows: Vec<Value> = nd
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), lib.len());
    let c = coverer(0, 30, 8);
    for (row, r) in rows.iter().zip(&lib) {
        assert_eq!(row["feature"], r.index);
        assert_eq!(row["id"], r.id.clone().unwrap_or(Value::Null));
        assert_eq!(
            row["properties"],
            r.properties.clone().map_or(Value::Null, Value::Object)
        );
        let cells: Vec<CellId> = row["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| CellId::from_token(t.as_str().unwrap()).unwrap())
            .collect();
        assert!(cells.windows(2).all(|w| w[0] < w[1]), "sorted per feature");
        assert_eq!(cells, c.covering(&r.region).cell_ids().to_vec());
    }
    let csv = stdout(s2cells().args(["cover", path, "--lenient", "-f", "csv"]));
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("feature,feature_id,token,id,level"));
    let mut n = 0;
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let index: usize = f[0].parse().unwrap();
        let r = lib.iter().find(|r| r.index == index).unwrap();
        assert_eq!(f[1], r.id.as_ref().and_then(Value::as_str).unwrap_or(""));
        let id = CellId::from_token(f[2]).unwrap();
        assert_eq!(f[3], id.id().to_string());
        assert_eq!(f[4], id.level().to_string());
        n += 1;
    }
    let total: usize = lib.iter().map(|r| c.covering(&r.region).len()).sum();
    assert_eq!(n, total);
}

#[test]
fn geojson_output_has_one_polygon_per_cell() {
    let out = stdout(s2cells().args([
        "cover",
        "data/porto-alegre.geojson",
        "-f",
        "geojson",
        "--max-cells",
        "30",
    ]));
    let v: Value = serde_json::from_str(&out).expect("valid GeoJSON");
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    let lib: usize = lib_regions("data/porto-alegre.geojson", false)
        .iter()
        .map(|r| coverer(0, 30, 30).covering(&r.region).len())
        .sum();
    assert_eq!(features.len(), lib);
    for f in features {
        assert_eq!(f["geometry"]["type"], "Polygon");
        let ring = f["geometry"]["coordinates"][0].as_array().unwrap();
        assert!(ring.len() >= 5);
        assert_eq!(ring.first(), ring.last(), "closed ring");
    }
    // Cells across the antimeridian are split in two. Only face 3 at
    // level 0 crosses it (below level 0 it is a cell boundary; the level-3
    // cells here used to come out as a MultiPolygon with a zero-area ring
    // along the meridian).
    let out = stdout(s2cells().args([
        "cover",
        "--rect=-10,179,10,-179",
        "-f",
        "geojson",
        "-l",
        "0",
    ]));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["features"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["geometry"]["type"] == "MultiPolygon")
    );
}

#[test]
fn cover_piped_into_compact_is_the_normalized_covering() {
    let cover = stdout(s2cells().args(["cover", PORTO_ALEGRE, "-l", "12"]));
    let compact = stdout(s2cells().arg("compact").write_stdin(cover.clone()));
    let ids: Vec<CellId> = cover
        .lines()
        .map(|t| CellId::from_token(t).unwrap())
        .collect();
    assert!(ids.iter().all(|c| c.level() == 12));
    let normalized = CellUnion::from_cell_ids(ids);
    assert_eq!(compact, tokens(&normalized));
    assert!(normalized.len() < cover.lines().count());
}

#[test]
fn malformed_input_gives_the_documented_error() {
    let bad = temp_file(
        "bad.geojson",
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1]\n,]]}",
    );
    let bad = bad.to_str().unwrap();
    fails(
        &["cover", bad],
        1,
        "GeoJSON syntax error at line 2, column 2: trailing comma",
    );
    let open = temp_file(
        "open.geojson",
        r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,
    );
    fails(
        &["cover", open.to_str().unwrap()],
        1,
        "feature 0 at coordinates[0]: a ring must end where it starts: position 3 differs from position 0",
    );
    let lat = temp_file(
        "lat.geojson",
        r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,95],[0,0]]]}"#,
    );
    fails(
        &["cover", lat.to_str().unwrap()],
        1,
        "at coordinates[0][2]: latitude 95 is out of range [-90, 90]",
    );
    let bow = temp_file(
        "bow.geojson",
        r#"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#,
    );
    let bow = bow.to_str().unwrap();
    fails(
        &["cover", bow],
        1,
        "the ring crosses itself (the edges from positions 0 and 2 cross) (--lenient covers such rings as given)",
    );
    let out = s2cells()
        .args(["cover", bow, "--lenient"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("warning: feature 0"));
    // Sudan's ring crosses itself by a few metres under great-circle edges.
    fails(
        &["cover", "data/countries-110m.geojson"],
        1,
        "data/countries-110m.geojson: invalid GeoJSON in feature 14",
    );
    fails(
        &["cover", "--rect", "0,0,1,1", "--level", "31"],
        2,
        "31 is not in 0..=30",
    );
    fails(
        &["cover", "--rect", "0,0,1,1", "--max-cells", "0"],
        2,
        "0 is not in 1..",
    );
    fails(
        &["cover", "--rect", "0,0,1"],
        2,
        "--rect \"0,0,1\": expected LAT_LO,LNG_LO,LAT_HI,LNG_HI in degrees",
    );
    fails(
        &["cover", "--mode", "centroid", "--rect", "0,0,1,1"],
        2,
        "need --level",
    );
    fails(
        &["cover", "no-such-file.geojson"],
        1,
        "no-such-file.geojson: cannot open",
    );
}
