//! Every malformed input gives the documented message and exit status:
//! 2 for usage, 1 for bad data, never a panic; a closed pipe exits quietly.

mod common;

use common::s2cells;
use predicates::prelude::*;

/// Runs and checks the exit status and that stderr is exactly `message`
/// (after "error: "), with nothing on stdout when `empty_stdout`.
fn fails(args: &[&str], stdin: &str, status: i32, message: &str) {
    let out = s2cells().args(args).write_stdin(stdin).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(status), "{args:?}: {stderr}");
    assert_eq!(stderr, format!("error: {message}\n"), "{args:?}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn usage_mistakes_exit_2_with_a_suggestion() {
    s2cells()
        .args(["index", "--lat-column", "y"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a similar argument exists: '--lat-col'",
        ));
    s2cells()
        .args(["childs", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'children'"));
    s2cells()
        .args(["parent", "--level", "31", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("31 is not in 0..=30"));
    s2cells()
        .args(["index", "data/cities.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--level <LEVELS>"));
    fails(
        &[
            "index",
            "-l",
            "3",
            "--no-header",
            "--lat-col",
            "lat",
            "--lng-col",
            "2",
        ],
        "",
        2,
        "with --no-header, give --lat-col and --lng-col as column numbers (from 1)",
    );
    fails(
        &["index", "-l", "3", "--lat-col", "0"],
        "",
        2,
        "--lat-col 0: column numbers start at 1",
    );
    fails(
        &["index", "-l", "3", "-d", "ab"],
        "",
        2,
        "--delimiter \"ab\": expected one ASCII character other than a quote or a line break, or `tab`",
    );
    fails(
        &["neighbors", "--level", "3", "89c25"],
        "",
        2,
        "--level applies to --kind vertex or all; edge neighbors are at the cell's own level",
    );
}

#[test]
fn bad_cells_exit_1_naming_where() {
    fails(
        &["cell", "89c25", "zz"],
        "",
        1,
        "argument 2: invalid cell token \"zz\": 'z' at byte 0 is not a hex digit",
    );
    fails(
        &["compact"],
        "89c25\n\n  89c25a\n",
        1,
        "<stdin>:3:3: invalid cell token \"89c25a\": 0x89c25a0000000000 is not a valid cell id (face bits above 5 or no level marker bit)",
    );
    fails(
        &["cell", "X"],
        "",
        1,
        "argument 1: \"X\" is the token of no cell (id 0), not a cell",
    );
    fails(
        &["cell", "--input-kind", "id", "12a"],
        "",
        1,
        "argument 1: \"12a\" is not an unsigned 64-bit decimal id: invalid digit found in string",
    );
    fails(
        &["cell", "-123"],
        "",
        1,
        "argument 1: invalid cell id 18446744073709551493 (0xffffffffffffff85): face bits above 5 or no level marker bit",
    );
    fails(
        &["parent", "-l", "9", "89c25"],
        "",
        1,
        "argument 1: cell 89c25 is at level 8: it has no parent at level 9 (nothing was written)",
    );
    fails(
        &["parent", "1"],
        "",
        1,
        "argument 1: cell 1 is at level 0: a face cell has no parent (nothing was written)",
    );
    fails(
        &["children", "-l", "3", "89c25"],
        "",
        1,
        "argument 1: cell 89c25 is at level 8: it has no children at level 3 (nothing was written)",
    );
    fails(
        &["children", "951977d377e723ab"],
        "",
        1,
        "argument 1: cell 951977d377e723ab is at level 30: a leaf cell has no children (nothing was written)",
    );
    fails(
        &["neighbors", "-k", "vertex", "1"],
        "",
        1,
        "argument 1: cell 1 is at level 0: vertex neighbors need a --level coarser than the cell's (nothing was written)",
    );
    s2cells()
        .args(["cell", "-i", "no/such/file.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "error: cannot open no/such/file.txt: ",
        ));
}

#[test]
fn bad_csv_exits_1_naming_line_and_column() {
    let header = "name,lat,lng\n";
    for (body, message) in [
        (
            "a,1,2\nb,x1,2\n",
            "<stdin>:3:3: latitude \"x1\" is not a number",
        ),
        (
            "a,1,2\nb,91,2\n",
            "<stdin>:3:3: latitude 91 is out of range [-90, 90]",
        ),
        (
            "a,1,-180.5\n",
            "<stdin>:2:5: longitude -180.5 is out of range [-180, 180]",
        ),
        ("a,1\n", "<stdin>:2: the row has 2 fields, the header 3"),
        ("a,1,\n", "<stdin>:2:5: longitude \"\" is not a number"),
        (
            "\"a,1,2\n",
            "<stdin>:2: a quoted field opened in this record is never closed",
        ),
        (
            "\"a\",\" nan\",2\n",
            "<stdin>:2: latitude \"nan\" is not a number",
        ),
    ] {
        fails(
            &["index", "-l", "3"],
            &format!("{header}{body}"),
            1,
            &written_nothing(message),
        );
    }
    fails(
        &["index", "-l", "3"],
        "a,b\n1,2\n",
        1,
        &written_nothing(
            "<stdin>:1: no latitude column in the header (a, b); expected a column named lat, latitude, y (or pass --lat-col)",
        ),
    );
    fails(
        &["index", "-l", "3", "--lng-col", "east"],
        "lat,b\n1,2\n",
        1,
        &written_nothing(
            "<stdin>:1: no longitude column in the header (lat, b); expected a column named \"east\"",
        ),
    );
    fails(
        &["index", "-l", "3"],
        "",
        1,
        &written_nothing(
            "<stdin>: the input is empty; expected a header line naming the latitude and longitude columns",
        ),
    );
    fails(
        &["index", "-l", "3", "tests/missing.csv"],
        "",
        1,
        "cannot open tests/missing.csv: No such file or directory (os error 2)",
    );
}

#[test]
fn bad_json_exits_1_naming_line_or_feature() {
    let nd = ["index", "-l", "3", "--input-format", "ndjson"];
    fails(
        &nd,
        "{\"lat\":1,\"lng\":2}\n{\"lat\":1,\"lng\"2}\n",
        1,
        &written_nothing("<stdin>:2:15: expected `:`"),
    );
    fails(
        &nd,
        "[1,2]\n",
        1,
        &written_nothing("<stdin>:1: expected a JSON object with the point's coordinates"),
    );
    fails(
        &nd,
        "{\"lat\":1}\n",
        1,
        &written_nothing(
            "<stdin>:1: no longitude in the object; expected a key named lng, lon, long, longitude, x (or pass --lng-col)",
        ),
    );
    fails(
        &nd,
        "{\"lat\":true,\"lng\":2}\n",
        1,
        &written_nothing("<stdin>:1: \"lat\" is not a number: true"),
    );
    fails(
        &nd,
        "{\"lat\":-95,\"lng\":2}\n",
        1,
        &written_nothing("<stdin>:1: latitude -95 is out of range [-90, 90]"),
    );

    let gj = ["index", "-l", "3", "--input-format", "geojson"];
    fails(
        &gj,
        "{\"type\":\"Point\",\"coordinates\":[0,0]}\n{\"type\":\"Point\" \"coordinates\":[0,0]}\n",
        1,
        &written_nothing("<stdin>: GeoJSON syntax error at line 2, column 17: expected `,` or `}`"),
    );
    fails(
        &gj,
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,0]}},{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[200,0]}}]}",
        1,
        &written_nothing(
            "<stdin>: invalid GeoJSON in feature 1 at geometry.coordinates: longitude 200 is out of range [-180, 180]",
        ),
    );
    fails(
        &gj,
        "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}",
        1,
        &written_nothing(
            "<stdin>: feature 0: index reads Point geometries, this one is LineString",
        ),
    );
}

/// `index` drops what it had not written when it fails, and says so.
fn written_nothing(message: &str) -> String {
    format!("{message} (nothing was written)")
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let bin = assert_cmd::cargo::cargo_bin("s2cells");
    // 4^12 = 16.7 million children: far more than `head` reads.
    let script = format!(
        "set -o pipefail; '{}' children --level 12 1 | head -n 2",
        bin.display()
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}
