//! Hostile input and runaway settings, as a user meets them: what `cover`
//! and the other commands say (status, stderr, stdout) for each case of
//! the README's hostile-input table, and the memory a runaway setting
//! takes (through /proc, bounded by the bytes read, never by the clock).

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::{TempFile, fails, s2cells, stdout, temp_file};
use s2cells::io::{GeoJsonReader, GeoRegion, RegionOptions};
use s2cells::{Cell, CellId, CellUnion, LatLng, Region, RegionCoverer};

fn ll(lat: f64, lng: f64) -> s2cells::Point {
    LatLng::from_degrees(lat, lng).to_point()
}

fn polygon_file(name: &str, rings: &str) -> TempFile {
    temp_file(
        name,
        &format!(r#"{{"type":"Polygon","coordinates":[{rings}]}}"#),
    )
}

fn cells(out: &str) -> Vec<CellId> {
    out.lines()
        .map(|t| CellId::from_token(t).expect("a token"))
        .collect()
}

/// Runs and returns (status, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = s2cells().args(args).output().expect("run s2cells");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const SOUTH: &str = "[[-180,-90],[180,-90],[180,-60],[-180,-60],[-180,-90]]";

#[test]
fn a_flat_map_box_is_an_error_naming_planar_edges() {
    let south_file = polygon_file("south.geojson", SOUTH);
    let south = south_file.str();
    let (status, out, err) = run(&["cover", south]);
    assert_eq!(status, 1);
    assert_eq!(out, "", "no sliver written");
    assert!(
        err.starts_with("error: ") && err.contains("on a flat map 34,167,948 km²"),
        "{err}"
    );
    assert!(
        err.contains("(--planar-edges follows straight lon/lat edges)"),
        "{err}"
    );
    assert!(err.trim_end().ends_with("(nothing was written)"), "{err}");

    // With --planar-edges: at most 8 cells that contain every point of it.
    let got = cells(&stdout(s2cells().args([
        "cover",
        south,
        "--planar-edges",
        "--max-cells",
        "8",
    ])));
    assert!(!got.is_empty() && got.len() <= 8, "{} cells", got.len());
    let union = CellUnion::from_cell_ids(got);
    for k in 0..=7200 {
        let lng = -180.0 + f64::from(k) * 0.05;
        for lat in [-90.0, -89.9, -75.0, -60.01, -60.0] {
            assert!(union.contains_point(&ll(lat, lng)), "{lat}, {lng}");
        }
    }
    // And the levels asked for.
    let got = cells(&stdout(s2cells().args([
        "cover",
        south,
        "--planar-edges",
        "--min-level",
        "3",
        "--max-level",
        "7",
        "--level-mod",
        "2",
        "--max-cells",
        "40",
    ])));
    assert!(
        got.iter().all(|c| [3, 5, 7].contains(&c.level())),
        "{got:?}"
    );
    let union = CellUnion::from_cell_ids(got);
    for k in 0..=720 {
        assert!(union.contains_point(&ll(-60.0, -180.0 + f64::from(k) * 0.5)));
    }
}

#[test]
fn planar_edges_keep_max_cells() {
    // A 1° square: 8 asked, at most 8 given (52 before).
    let square_file = polygon_file(
        "square.geojson",
        "[[10,10],[11,10],[11,11],[10,11],[10,10]]",
    );
    let square = square_file.str();
    let got = cells(&stdout(s2cells().args([
        "cover",
        square,
        "--planar-edges",
        "--max-cells",
        "8",
    ])));
    assert!(got.len() <= 8, "{} cells", got.len());
    let union = CellUnion::from_cell_ids(got);
    for k in 0..=400 {
        let t = 10.0 + f64::from(k) / 400.0;
        for p in [ll(10.0, t), ll(11.0, t), ll(t, 10.0), ll(t, 11.0)] {
            assert!(union.contains_point(&p));
        }
    }
    // Brazil-sized at 20 cells: at most 20.
    let brazil_file = polygon_file(
        "brazil.geojson",
        "[[-74,-34],[-35,-34],[-35,5],[-74,5],[-74,-34]]",
    );
    let brazil = brazil_file.str();
    let got = cells(&stdout(s2cells().args([
        "cover",
        brazil,
        "--planar-edges",
        "--max-cells",
        "20",
    ])));
    assert!(got.len() <= 20, "{} cells", got.len());
}

#[test]
fn rings_that_are_no_region_are_errors() {
    let one_file = polygon_file("one.geojson", "[[5,5],[5,5],[5,5],[5,5]]");
    let one = one_file.str();
    fails(
        &["cover", one],
        1,
        "at coordinates[0]: the ring is one point repeated (--lenient drops it) (nothing was written)",
    );
    // A hole outside its shell: an error, not a second shell.
    let outside_file = polygon_file(
        "outside.geojson",
        "[[0,0],[1,0],[1,1],[0,1],[0,0]],[[2,2],[3,2],[3,3],[2,3],[2,2]]",
    );
    let outside = outside_file.str();
    fails(
        &["cover", outside],
        1,
        "at coordinates[1]: this hole lies outside its shell, coordinates[0] (--lenient drops it)",
    );
    let (status, out, err) = run(&["cover", outside, "--lenient", "--max-cells", "20"]);
    assert_eq!(status, 0);
    assert_eq!(
        err,
        "warning: feature 0 at coordinates[1]: this hole lies outside its shell, coordinates[0]; dropped\n"
    );
    let shell_file = polygon_file("shell.geojson", "[[0,0],[1,0],[1,1],[0,1],[0,0]]");
    let shell = shell_file.str();
    assert_eq!(
        out,
        stdout(s2cells().args(["cover", shell, "--max-cells", "20"]))
    );
    // A hole across its shell: the shell minus the hole.
    let across_file = polygon_file(
        "across.geojson",
        "[[0,0],[2,0],[2,2],[0,2],[0,0]],[[1,1],[3,1],[3,3],[1,3],[1,1]]",
    );
    let across = across_file.str();
    fails(
        &["cover", across],
        1,
        "this hole crosses its shell, coordinates[0]",
    );
    let (status, out, err) = run(&["cover", across, "--lenient", "-l", "8"]);
    assert_eq!(status, 0);
    assert!(
        err.contains("covered as the shell minus its holes"),
        "{err}"
    );
    let union = CellUnion::from_cell_ids(cells(&out));
    assert!(union.contains_point(&ll(0.5, 0.5)));
    assert!(!union.contains_point(&ll(2.5, 2.5)));
}

#[test]
fn collapsed_rings_are_dropped_under_lenient() {
    // us-atlas states-10m's Delaware: an islet collapsed to two points.
    let delaware = temp_file(
        "delaware.geojson",
        r#"{"type":"Feature","properties":{"name":"Delaware"},"geometry":{"type":"MultiPolygon","coordinates":[[[[-75.56031536375363,39.63006380532805],[-75.5567260697607,39.60601013399133],[-75.56031536375363,39.63006380532805],[-75.56031536375363,39.63006380532805]]],[[[-75.7,39.7],[-75.5,39.7],[-75.5,39.8],[-75.7,39.8],[-75.7,39.7]]]]}}"#,
    );
    let delaware = delaware.to_str().unwrap();
    fails(
        &["cover", delaware],
        1,
        "at coordinates[0][0]: the ring has collapsed to 2 distinct points (as quantization or \
         simplification leaves tiny rings) (--lenient drops it)",
    );
    let (status, out, err) = run(&["cover", delaware, "--lenient"]);
    assert_eq!(status, 0);
    assert!(!out.is_empty());
    assert_eq!(
        err,
        "warning: feature 0 at coordinates[0][0]: the ring has collapsed to 2 distinct points (as \
         quantization or simplification leaves tiny rings); dropped\n"
    );
    // Nothing left: an empty covering and the warning, exit 0.
    let falls_file = polygon_file(
        "falls.geojson",
        "[[-77.17,38.89],[-77.15,38.87],[-77.17,38.89],[-77.17,38.89]]",
    );
    let falls = falls_file.str();
    let (status, out, err) = run(&["cover", falls, "--lenient", "-f", "ndjson"]);
    assert_eq!(status, 0);
    assert_eq!(
        out,
        "{\"feature\":0,\"id\":null,\"properties\":null,\"cells\":[]}\n"
    );
    assert!(err.contains("dropped"));
    // --quiet: no warning.
    let (_, _, err) = run(&["cover", falls, "--lenient", "--quiet"]);
    assert_eq!(err, "");
}

#[test]
fn invalid_skip_goes_on_and_counts() {
    let mixed = temp_file(
        "mixed.geojson",
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}\n\
         {\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}\n\
         {\"type\":\"Point\",\"coordinates\":[0,95]}\n\
         {\"type\":\"Point\",\"coordinates\":[3,4]}\n",
    );
    let mixed = mixed.to_str().unwrap();
    for command in ["cover", "keys", "terms"] {
        let (status, out, err) = run(&[command, mixed, "--invalid", "skip"]);
        assert_eq!(status, 0, "{command}: {err}");
        assert!(!out.is_empty(), "{command}");
        assert!(
            err.starts_with("warning: skipped 2 of 4 features: ")
                && err.contains("feature 1 at coordinates[0]: the ring crosses itself")
                && err.contains("feature 2 at coordinates: latitude 95 is out of range"),
            "{command}: {err}"
        );
        let (status, out, _) = run(&[command, mixed]);
        assert_eq!(
            (status, out.as_str()),
            (1, ""),
            "{command}: fail is the default"
        );
    }
    let (status, out, err) = run(&["cover", mixed, "--invalid", "skip", "-f", "ndjson"]);
    assert_eq!(status, 0, "{err}");
    let features: Vec<u64> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["feature"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(features, [0, 3]);
    // WKT: one bad line among good ones.
    let wkt = temp_file("mixed.wkt", "POINT (1 2)\nPOINT (1 2\nPOINT (3 4)\n");
    let (status, out, err) = run(&["cover", wkt.to_str().unwrap(), "--invalid", "skip"]);
    assert_eq!((status, out.lines().count()), (0, 2), "{err}");
    assert!(err.contains("skipped 1 of 3 features"), "{err}");
}

#[test]
fn a_failure_says_what_was_written() {
    // The first feature's cells fill the output buffer many times over,
    // then the second feature is bad.
    let two = temp_file(
        "two.geojson",
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}\n\
         {\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}\n",
    );
    let (status, out, err) = run(&["cover", two.to_str().unwrap(), "-l", "14"]);
    assert_eq!(status, 1);
    let written = out.len();
    assert!(written > 1 << 20);
    assert!(
        err.contains(&format!(
            "(the output is partial: {written} bytes were written before this error)"
        )),
        "{err}"
    );
    assert!(out.ends_with('\n'), "whole lines only");
    // keys, terms and features say it too; here nothing got out.
    let two = two.to_str().unwrap();
    for args in [
        &["keys", two][..],
        &["keys", two, "-f", "sql"],
        &["terms", two],
    ] {
        let (status, out, err) = run(args);
        assert_eq!((status, out.as_str()), (1, ""), "{args:?}");
        assert!(
            err.contains("feature 1 at coordinates[0]") && err.ends_with("(nothing was written)\n"),
            "{args:?}: {err}"
        );
    }
    let points = temp_file("bad-point.csv", "lat,lng\n1,2\n3,x\n");
    let (status, out, err) = run(&["features", points.to_str().unwrap()]);
    assert_eq!((status, out.as_str()), (1, ""));
    assert!(err.ends_with("(nothing was written)\n"), "{err}");
}

#[test]
fn a_failed_table_leaves_no_file() {
    // A Parquet file without its footer, or an Arrow stream without its
    // end, is no table: on an error the file is removed and the message
    // says so, for every command that writes tables.
    let two = temp_file(
        "two-for-tables.geojson",
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}\n\
         {\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}\n",
    );
    let two = two.to_str().unwrap();
    let points = temp_file("bad-point-for-tables.csv", "lat,lng,label\n1,2,0\n3,x,1\n");
    let points = points.to_str().unwrap();
    for format in ["parquet", "arrow"] {
        let dest = TempFile::new(&format!("failed-table.{format}"));
        let d = dest.str();
        for args in [
            &["cover", two, "-l", "10", "-f", format, "-o", d][..],
            &["keys", two, "-f", format, "-o", d],
            &[
                "features",
                points,
                "-e",
                "hashed",
                "-l",
                "10",
                "--buckets",
                "64",
                "-f",
                format,
                "-o",
                d,
            ],
            &["index", points, "-l", "10", "-f", format, "-o", d],
        ] {
            let (status, out, err) = run(args);
            assert_eq!((status, out.as_str()), (1, ""), "{args:?}: {err}");
            assert!(!dest.exists(), "{args:?} left {d}: {err}");
            assert!(
                err.trim_end().ends_with("(nothing was written)")
                    || err.trim_end().ends_with(&format!(
                        "(nothing was written: the unfinished {d} was removed)"
                    )),
                "{args:?}: {err}"
            );
        }
    }
}

#[test]
fn runaway_mixed_coverings_stop_at_the_budget() {
    let (status, out, err) = run(&[
        "cover",
        "--rect=-30,-70,5,-35",
        "--max-level",
        "30",
        "--max-cells",
        "1000000000",
    ]);
    assert_eq!((status, out.as_str()), (1, ""));
    assert!(
        err.starts_with("error: feature 0: the covering would need about ")
            && err.contains("billion cells, more than the default --budget of 200000")
            && err.contains("lower --max-cells (now 1000000000) or --max-level, or raise --budget (--budget none lifts it)"),
        "{err}"
    );
    // min_level forcing the count: the advice names --min-level.
    let (status, _, err) = run(&[
        "cover",
        "--rect=-30,-70,5,-35",
        "--min-level",
        "12",
        "--max-level",
        "14",
    ]);
    assert_eq!(status, 1);
    assert!(err.contains("--min-level 12 alone takes about"), "{err}");
    // An explicit budget, and none.
    let (status, _, err) = run(&[
        "cover",
        "--rect=0,0,1,1",
        "--max-cells",
        "100",
        "--budget",
        "10",
    ]);
    assert_eq!(status, 1);
    assert!(err.contains("more than --budget of 10"), "{err}");
    let n = stdout(s2cells().args([
        "cover",
        "--rect=0,0,1,1",
        "--max-cells",
        "100",
        "--budget",
        "none",
    ]))
    .lines()
    .count();
    assert!(n > 10);
    fails(
        &["cover", "--rect=0,0,1,1", "--budget", "lots"],
        2,
        "or `none`",
    );
    // keys and terms share it.
    for command in ["keys", "terms"] {
        let (status, _, err) = run(&[
            command,
            "--rect=-30,-70,5,-35",
            "--max-level",
            "30",
            "--max-cells",
            "1000000000",
        ]);
        assert_eq!(status, 1, "{command}");
        assert!(
            err.contains("more than the default --budget of 200000"),
            "{command}: {err}"
        );
    }
    // Streamed fixed-level output has a budget only when asked.
    let (status, out, err) = run(&["cover", "--rect=0,0,1,1", "-l", "10", "--budget", "100"]);
    assert_eq!(status, 1);
    assert_eq!(
        out.lines().count(),
        0,
        "the first 100 stay in the buffer and are dropped"
    );
    assert!(
        err.contains("more than --budget 100 cells at level 10 (about "),
        "{err}"
    );
    // Fixed-level cells held whole (a picture, --stats) have the default
    // budget: `plot -l 30` on a continent once grew past 19 GB.
    let picture = TempFile::new("runaway.png");
    let picture = picture.str();
    for args in [
        &["plot", "--rect=-30,-70,5,-35", "-l", "30", "-o", picture][..],
        &["cover", "--rect=-30,-70,5,-35", "-l", "30", "--stats"][..],
    ] {
        let (status, out, err) = run(args);
        assert_eq!((status, out.as_str()), (1, ""), "{args:?}");
        assert!(
            err.contains("more than the default --budget of 200000 cells at level 30 (about ")
                && err.contains("lower --level or raise --budget (--budget none lifts it)"),
            "{args:?}: {err}"
        );
    }
    assert!(
        !std::path::Path::new(picture).exists(),
        "no picture was drawn"
    );
    // A fixed level through the mixed-level coverer (keys) names --level.
    let (status, _, err) = run(&["keys", "--rect=-30,-70,5,-35", "-l", "30"]);
    assert_eq!(status, 1);
    assert!(
        err.contains("level 30 alone takes about")
            && err.contains("lower --level (or --min-level and --max-level)"),
        "{err}"
    );
}

/// The streamed fixed-level cells equal the library's coverings, in every
/// format, for every mode.
#[test]
fn fixed_level_output_streams_the_librarys_cells() {
    let city = "data/porto-alegre-city.geojson";
    let text = common::read(city);
    let f = GeoJsonReader::new(text.as_bytes()).next().unwrap().unwrap();
    let region =
        GeoRegion::from_geometry(0, f.geometry.as_ref().unwrap(), RegionOptions::default())
            .unwrap();
    let level = 14;
    let fixed = RegionCoverer::new()
        .fixed_level(level)
        .unwrap()
        .max_cells(usize::MAX)
        .unwrap();
    let covering = fixed.covering(&region);
    let interior = fixed.interior_covering(&region);
    let centroid: Vec<CellId> = covering
        .iter()
        .filter(|c| region.contains_point(&Cell::from(*c).center()))
        .collect();
    let l = level.to_string();
    for (mode, want) in [
        ("covering", covering.cell_ids().to_vec()),
        ("intersects", covering.cell_ids().to_vec()),
        ("interior", interior.cell_ids().to_vec()),
        ("centroid", centroid),
    ] {
        let out = stdout(s2cells().args(["cover", city, "-l", &l, "--mode", mode]));
        assert_eq!(cells(&out), want, "{mode}");
        let nd = stdout(s2cells().args(["cover", city, "-l", &l, "--mode", mode, "-f", "ndjson"]));
        let v: serde_json::Value = serde_json::from_str(nd.trim_end()).unwrap();
        let got: Vec<CellId> = v["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| CellId::from_token(t.as_str().unwrap()).unwrap())
            .collect();
        assert_eq!(got, want, "{mode} ndjson");
        assert_eq!(
            v["properties"],
            f.properties
                .clone()
                .map_or(serde_json::Value::Null, serde_json::Value::Object)
        );
        let csv = stdout(s2cells().args(["cover", city, "-l", &l, "--mode", mode, "-f", "csv"]));
        assert_eq!(csv.lines().count(), want.len() + 1, "{mode} csv");
        let gj = stdout(s2cells().args(["cover", city, "-l", &l, "--mode", mode, "-f", "geojson"]));
        let v: serde_json::Value = serde_json::from_str(&gj).unwrap();
        assert_eq!(
            v["features"].as_array().unwrap().len(),
            want.len(),
            "{mode} geojson"
        );
        // Ranges: the same leaf ranges as the key query of the whole union.
        for cf in ["tokens", "ids", "i64"] {
            let streamed = stdout(s2cells().args([
                "cover",
                city,
                "-l",
                &l,
                "--mode",
                mode,
                "-f",
                "ranges",
                "--cell-format",
                cf,
            ]));
            let union = CellUnion::from_cell_ids(want.clone());
            let q = s2cells::feature::keys::KeyQuery::new(
                &union,
                s2cells::feature::keys::Stored::Points,
            );
            let fid = f.id.as_ref().and_then(|v| v.as_str()).unwrap_or("");
            let rows: Vec<String> = match cf {
                "tokens" => q
                    .token_ranges()
                    .into_iter()
                    .map(|(a, b)| format!("0,{fid},{a},{b}"))
                    .collect(),
                "ids" => q
                    .u64_ranges()
                    .into_iter()
                    .map(|(a, b)| format!("0,{fid},{a},{b}"))
                    .collect(),
                _ => q
                    .signed_ranges()
                    .into_iter()
                    .map(|(a, b)| format!("0,{fid},{a},{b}"))
                    .collect(),
            };
            let body: Vec<&str> = streamed.lines().skip(1).collect();
            assert_eq!(body, rows, "{mode} ranges {cf}");
        }
    }
}

/// The peak resident memory (`VmHWM`, kB) of `s2cells` with these
/// arguments once `bytes` of its output have been read; the process is
/// then killed. The work is bounded by the bytes, not by time.
#[cfg(target_os = "linux")]
fn peak_kb_after(args: &[&str], bytes: usize) -> (u64, usize) {
    let bin = assert_cmd::cargo::cargo_bin("s2cells");
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn s2cells");
    let mut pipe = child.stdout.take().expect("stdout");
    let mut buf = vec![0u8; 1 << 16];
    let mut read = 0;
    while read < bytes {
        match pipe.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
    // The process is blocked on the full pipe (or done): its high-water
    // mark is final for the work done.
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    let hwm = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status");
    (hwm, read)
}

/// `cover --rect=-30,-70,5,-35 -l 30` (a continent at leaf level, trillions
/// of cells) printed nothing and grew past 1 GB in seconds; it now writes
/// from the first cell, and its memory after 4 MB and after 24 MB of output
/// is the same few MB, in every format.
#[cfg(target_os = "linux")]
#[test]
fn runaway_fixed_level_output_streams_in_bounded_memory() {
    for format in ["tokens", "ndjson", "csv", "ranges"] {
        let args = ["cover", "--rect=-30,-70,5,-35", "-l", "30", "-f", format];
        let (small, read_small) = peak_kb_after(&args, 4 << 20);
        let (big, read_big) = peak_kb_after(&args, 24 << 20);
        eprintln!(
            "-f {format}: VmHWM {small} kB after {read_small} B, {big} kB after {read_big} B"
        );
        assert!(read_big >= 24 << 20, "-f {format}: the output ended early");
        assert!(big < 64 * 1024, "-f {format}: {big} kB");
        assert!(
            big < small + 8 * 1024,
            "-f {format}: grew from {small} to {big} kB"
        );
    }
    for mode in ["centroid", "interior"] {
        let args = ["cover", "--rect=-30,-70,5,-35", "-l", "24", "--mode", mode];
        let (big, read) = peak_kb_after(&args, 12 << 20);
        eprintln!("--mode {mode}: VmHWM {big} kB after {read} B");
        assert!(
            read >= 12 << 20 && big < 64 * 1024,
            "--mode {mode}: {big} kB"
        );
    }
}

#[test]
fn no_progress_when_stderr_is_not_a_terminal() {
    // stderr is a pipe here: nothing but what the commands say.
    for args in [
        vec![
            "cover",
            "data/countries-110m.geojson",
            "--lenient",
            "--quiet",
        ],
        vec!["cover", "--rect=0,0,1,1", "-l", "12"],
        vec!["keys", "data/us-states.geojson"],
        vec!["terms", "data/us-states.geojson"],
        vec!["index", "data/cities.csv", "-l", "10"],
        vec!["features", "data/cities.csv", "--learn-vocab", "-l", "4"],
    ] {
        let (status, out, err) = run(&args);
        assert_eq!(status, 0, "{args:?}: {err}");
        assert!(!out.is_empty());
        assert_eq!(err, "", "{args:?}");
    }
    let picture = TempFile::new("hostile.svg");
    let (status, _, err) = run(&["plot", "data/porto-alegre.geojson", "-o", picture.str()]);
    assert_eq!((status, err.as_str()), (0, ""));
}

/// Under a terminal (a pty made by util-linux's `script`, in Debian's
/// bsdutils) the progress shows on stderr; `--quiet` turns it off.
#[cfg(target_os = "linux")]
#[test]
fn progress_shows_on_a_terminal() {
    let bin = assert_cmd::cargo::cargo_bin("s2cells");
    let run_tty = |extra: &str| {
        let cmd = format!(
            "'{}' cover --rect=-30,-70,5,-35 -l 14 {extra} > /dev/null",
            bin.display()
        );
        let out = Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .output()
            .expect("util-linux's `script` (apt-get install bsdutils) to make a terminal");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let shown = run_tty("");
    assert!(shown.contains("cells"), "{shown:?}");
    assert_eq!(run_tty("--quiet"), "");
}

#[test]
fn csv_is_strict_and_echoes_no_control_characters() {
    fails(
        &[
            "index",
            "-l",
            "3",
            temp_file("extra.csv", "name,lat,lng\na,1,2\nb,1,2,3\n")
                .to_str()
                .unwrap(),
        ],
        1,
        "extra.csv:3: the row has 4 fields, the header 3",
    );
    let (status, out, err) = run(&[
        "index",
        "-l",
        "3",
        "--invalid",
        "skip",
        temp_file("ragged.csv", "name,lat,lng\na,1,2\nb,1,2,3\nc,x,2\nd,4,5\n")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(status, 0);
    assert_eq!(out.lines().count(), 3, "header and two good rows");
    assert!(
        err.starts_with("warning: skipped 2 of 4 rows: ")
            && err.contains("ragged.csv:3: the row has 4 fields, the header 3")
            && err.contains("ragged.csv:4:3: latitude \"x\" is not a number"),
        "{err}"
    );
    // A terminal escape in a header comes back escaped.
    let esc = temp_file("esc.csv", "name,\u{1b}[31mred,lng\n1,2,3\n");
    let (status, _, err) = run(&["index", "-l", "3", esc.to_str().unwrap()]);
    assert_eq!(status, 1);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("\\u{1b}[31mred"), "{err}");
    // Points for `features` and `terms --points` too.
    let (status, _, err) = run(&[
        "features",
        "--learn-vocab",
        "-l",
        "4",
        temp_file("f.csv", "lat,lng\n1,2\n1,2,3\n")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(status, 1);
    assert!(
        err.contains("f.csv:3: the row has 3 fields, the header 2"),
        "{err}"
    );
}
