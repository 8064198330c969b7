//! WKT input: `cover`, `keys` and `terms` on a .wkt file give the same
//! cells as on the same shape in GeoJSON; stdin is recognised by its
//! first character; bad WKT exits 1 naming the line and column.

mod common;

use common::{assert_fails, s2cells, stdout, temp_file};

const WKT: &str = "data/porto-alegre-city.wkt";
const GEOJSON: &str = "data/porto-alegre-city.geojson";

fn run_with_stdin(args: &[&str], input: &str) -> String {
    stdout(s2cells().args(args).write_stdin(input))
}

/// Fails with `status` and a message on stderr containing `message`.
fn fails(args: &[&str], stdin: Option<&str>, status: i32, message: &str) {
    let mut cmd = s2cells();
    cmd.args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    assert_fails(&mut cmd, status, message);
}

#[test]
fn cover_of_the_wkt_file_equals_the_geojson() {
    for flags in [
        &[][..],
        &["--max-level", "16", "--max-cells", "200"][..],
        &["--interior", "--max-level", "16", "--max-cells", "200"][..],
        &["--level", "13", "--mode", "centroid"][..],
        &["--planar-edges", "--max-cells", "50"][..],
        &["-f", "ranges", "--max-cells", "30"][..],
    ] {
        let of = |path: &str| stdout(s2cells().arg("cover").arg(path).args(flags));
        let from_wkt = of(WKT);
        assert!(from_wkt.lines().count() >= 4, "{flags:?}: {from_wkt}");
        let from_geojson = of(GEOJSON);
        if flags.contains(&"ranges") {
            // The GeoJSON feature has an id; WKT features have none.
            let strip = |s: &str| s.replace("centro-with-park", "");
            assert_eq!(strip(&from_wkt), strip(&from_geojson), "{flags:?}");
        } else {
            assert_eq!(from_wkt, from_geojson, "{flags:?}");
        }
    }
}

#[test]
fn keys_and_terms_read_wkt_too() {
    for cmd in [
        &["keys"][..],
        &["keys", "--stored", "regions"][..],
        &["terms"][..],
    ] {
        let of = |path: &str| stdout(s2cells().args(cmd).arg(path));
        // The GeoJSON feature has an id; WKT features have none.
        let from_geojson = of(GEOJSON).replace("centro-with-park", "");
        assert_eq!(of(WKT), from_geojson, "{cmd:?}");
    }
}

#[test]
fn stdin_and_other_names_are_recognised_by_their_first_character() {
    let wkt = common::read(WKT);
    let want = stdout(s2cells().args(["cover", WKT, "--max-cells", "20"]));
    // Blank lines before the first geometry, and the index they imply.
    let padded = format!("\n  \n{wkt}");
    assert_eq!(
        run_with_stdin(&["cover", "--max-cells", "20"], &padded),
        want
    );
    assert_eq!(
        run_with_stdin(
            &["cover", "-", "--max-cells", "20", "--input-format", "wkt"],
            &wkt
        ),
        want
    );
    let nd = run_with_stdin(&["cover", "-f", "ndjson", "--max-cells", "20"], &padded);
    let row: serde_json::Value = serde_json::from_str(nd.trim()).unwrap();
    assert_eq!(row["feature"], 2, "index = line number - 1");
    // A file whose extension says nothing.
    let txt = temp_file("city.txt", &wkt);
    assert_eq!(
        stdout(s2cells().args(["cover", txt.to_str().unwrap(), "--max-cells", "20"])),
        want
    );
    // GeoJSON on stdin is still GeoJSON.
    let json = common::read(GEOJSON);
    assert_eq!(
        run_with_stdin(&["cover", "--max-cells", "20"], &format!("\n\n{json}")),
        want
    );
}

#[test]
fn bad_wkt_exits_1_naming_line_and_column() {
    let bad = temp_file("bad.wkt", "POINT (1 2)\n\nLINESTRING (0 0, 1 1 2)\n");
    fails(
        &["cover", bad.to_str().unwrap()],
        None,
        1,
        "bad.wkt: WKT syntax error: expected ',' or ')' at line 3, column 22, found '2'",
    );
    fails(
        &["cover"],
        Some("POINT (1 2)\nPOLYGON ((0 0, 1 0, 1 1, 0 0),\n"),
        1,
        "<stdin>: WKT syntax error: expected '(' at line 2, column 31, found end of line",
    );
    fails(
        &["cover", "--input-format", "wkt"],
        Some("POINT (1 95)\n"),
        1,
        "<stdin>: invalid WKT at line 1, column 8: latitude 95 is out of range [-90, 90]",
    );
    // A ring that crosses itself: the region's error names the line.
    let bow = temp_file(
        "bow.wkt",
        "POINT (1 2)\nPOLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))\n",
    );
    let bow = bow.to_str().unwrap();
    fails(
        &["cover", bow],
        None,
        1,
        "bow.wkt: invalid WKT geometry on line 2 at coordinates[0]: the ring crosses itself \
         (the edges from positions 0 and 2 cross) (--lenient covers such rings as given) \
         (nothing was written)",
    );
    assert!(
        s2cells()
            .args(["cover", bow, "--lenient"])
            .output()
            .unwrap()
            .status
            .success()
    );
    // GeoJSON read as WKT because the flag says so.
    fails(
        &["cover", GEOJSON, "--input-format", "wkt"],
        None,
        1,
        "WKT syntax error: expected a geometry type",
    );
    fails(
        &["cover", WKT, "--input-format", "csv"],
        None,
        2,
        "--input-format csv: regions are read from geojson or wkt",
    );
    fails(
        &[
            "terms",
            "--points",
            "--input-format",
            "wkt",
            "data/cities.csv",
        ],
        None,
        2,
        "--input-format wkt: points are read from csv, ndjson or geojson",
    );
}
