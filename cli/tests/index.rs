//! `index`: every input format and option gives the library's cells, rows
//! pass through untouched, and the output is a cell stream when asked.

use std::fmt::Write as _;

mod common;

use common::{read, s2cells, stdout};
use s2cells::{CellId, LatLng};
use serde_json::Value;

fn cell(lat: f64, lng: f64, level: u8) -> CellId {
    CellId::from_latlng(LatLng::from_degrees(lat, lng)).parent(level)
}

/// (lat, lng) of each row of data/cities.csv.
fn cities() -> Vec<(f64, f64)> {
    read("data/cities.ndjson")
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["lat"].as_f64().unwrap(), v["lng"].as_f64().unwrap())
        })
        .collect()
}

#[test]
fn csv_rows_pass_through_with_cells_appended() {
    let input = read("data/cities.csv");
    let out = stdout(s2cells().args(["index", "data/cities.csv", "--levels", "8,15,30"]));
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("name,country,latitude,longitude,population,s2_8,s2_15,s2_30")
    );
    for ((row, out), (lat, lng)) in input.lines().skip(1).zip(lines).zip(cities()) {
        let expected: Vec<String> = [8, 15, 30]
            .iter()
            .map(|&l| cell(lat, lng, l).to_token())
            .collect();
        assert_eq!(out, format!("{row},{}", expected.join(",")));
    }
}

#[test]
fn csv_formats_equal_library() {
    for (format, show) in [
        (
            "ids",
            (|c: CellId| c.id().to_string()) as fn(CellId) -> String,
        ),
        ("i64", |c: CellId| c.to_signed().to_string()),
        ("tokens", |c: CellId| c.to_token()),
    ] {
        let out = stdout(s2cells().args([
            "index",
            "data/cities.csv",
            "-l",
            "12",
            "-f",
            format,
            "--cells-only",
        ]));
        let expected: String = cities()
            .iter()
            .map(|&(a, b)| show(cell(a, b, 12)) + "\n")
            .collect();
        assert_eq!(out, expected, "{format}");
    }
}

#[test]
fn csv_columns_by_name_number_delimiter_and_without_header() {
    // Columns named on the command line, semicolons, CRLF, a BOM, quotes.
    let input =
        "\u{feff}id;\"Y coord\";x coord\r\n1;-30.0438;-51.14022\r\n\"2;x\";\"40.7128\";-74.006\r\n";
    let out = stdout(
        s2cells()
            .args([
                "index",
                "-l",
                "10",
                "-d",
                ";",
                "--lat-col",
                "y coord",
                "--lng-col",
                "3",
            ])
            .write_stdin(input),
    );
    assert_eq!(
        out,
        format!(
            "\u{feff}id;\"Y coord\";x coord;s2_10\n1;-30.0438;-51.14022;{}\n\"2;x\";\"40.7128\";-74.006;{}\n",
            cell(-30.0438, -51.14022, 10).to_token(),
            cell(40.7128, -74.006, 10).to_token()
        )
    );
    // No header: columns by number; tabs.
    let out = stdout(
        s2cells()
            .args([
                "index",
                "-l",
                "5",
                "--no-header",
                "--lat-col",
                "2",
                "--lng-col",
                "1",
                "-d",
                "tab",
            ])
            .write_stdin("-51.14022\t-30.0438\n"),
    );
    assert_eq!(
        out,
        format!(
            "-51.14022\t-30.0438\t{}\n",
            cell(-30.0438, -51.14022, 5).to_token()
        )
    );
    // Auto-detected names: y/x, lat/lon, any case.
    for header in ["y,x", "LAT,LON", "Latitude,Longitude", "lat,long"] {
        let out = stdout(
            s2cells()
                .args(["index", "-l", "4", "--cells-only"])
                .write_stdin(format!("{header}\n1.5,2.5\n")),
        );
        assert_eq!(
            out,
            format!("{}\n", cell(1.5, 2.5, 4).to_token()),
            "{header}"
        );
    }
    // A quoted field holding a line break stays one row.
    let out = stdout(
        s2cells()
            .args(["index", "-l", "6"])
            .write_stdin("note,lat,lng\n\"two\nlines\",1,2\n"),
    );
    assert_eq!(
        out,
        format!(
            "note,lat,lng,s2_6\n\"two\nlines\",1,2,{}\n",
            cell(1.0, 2.0, 6).to_token()
        )
    );
}

#[test]
fn csv_many_rows_cross_chunks() {
    // More rows than a batch, and more bytes than a read chunk, with
    // quoted rows sprinkled in so both paths alternate.
    let mut input = String::from("name,lat,lng\n");
    let mut expected = String::new();
    for i in 0..60_000u32 {
        let lat = f64::from(i % 1800) / 10.0 - 89.95;
        let lng = f64::from(i % 3599) / 10.0 - 179.9;
        if i % 7 == 0 {
            let _ = writeln!(input, "\"p, {i}\",{lat},{lng}");
        } else {
            let _ = writeln!(input, "p{i},{lat},{lng}");
        }
        let _ = writeln!(expected, "{}", cell(lat, lng, 17).id());
    }
    let out = stdout(
        s2cells()
            .args(["index", "-l", "17", "-f", "ids", "--cells-only"])
            .write_stdin(input),
    );
    assert!(out == expected, "60000 rows differ");
}

#[test]
fn invalid_rows_skip_or_empty() {
    let input = "lat,lng\n1,2\nabc,2\n95,0\n,\n3,4\n";
    let a = cell(1.0, 2.0, 7).to_token();
    let b = cell(3.0, 4.0, 7).to_token();
    let out = stdout(
        s2cells()
            .args(["index", "-l", "7", "--invalid", "skip"])
            .write_stdin(input),
    );
    assert_eq!(out, format!("lat,lng,s2_7\n1,2,{a}\n3,4,{b}\n"));
    let out = stdout(
        s2cells()
            .args(["index", "-l", "7", "--invalid", "empty"])
            .write_stdin(input),
    );
    assert_eq!(
        out,
        format!("lat,lng,s2_7\n1,2,{a}\nabc,2,\n95,0,\n,,\n3,4,{b}\n")
    );
}

#[test]
fn ndjson_rows_keep_their_text() {
    let out = stdout(s2cells().args(["index", "data/cities.ndjson", "-l", "9,14"]));
    for ((row, out), (lat, lng)) in read("data/cities.ndjson")
        .lines()
        .zip(out.lines())
        .zip(cities())
    {
        let (a, b) = (cell(lat, lng, 9).to_token(), cell(lat, lng, 14).to_token());
        assert_eq!(
            out,
            format!(
                "{},\"s2_9\":\"{a}\",\"s2_14\":\"{b}\"}}",
                &row[..row.len() - 1]
            )
        );
    }
    let out = stdout(
        s2cells()
            .args([
                "index",
                "-l",
                "3",
                "-f",
                "i64",
                "--input-format",
                "ndjson",
                "--invalid",
                "empty",
            ])
            .write_stdin("{\"latitude\": \"10.5\", \"lon\": 20}\n\n{}\n"),
    );
    let c = cell(10.5, 20.0, 3).to_signed();
    assert_eq!(
        out,
        format!("{{\"latitude\": \"10.5\", \"lon\": 20,\"s2_3\":{c}}}\n{{\"s2_3\":null}}\n")
    );
}

#[test]
fn geojson_points_keep_ids_and_properties() {
    let out = stdout(s2cells().args(["index", "data/cities.geojson", "-l", "11"]));
    let input: Value = serde_json::from_str(&read("data/cities.geojson")).unwrap();
    let features = input["features"].as_array().unwrap();
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), features.len());
    for ((out, f), (lat, lng)) in lines.iter().zip(features).zip(cities()) {
        assert_eq!(out["id"], f["id"]);
        assert_eq!(out["geometry"], f["geometry"]);
        let mut props = f["properties"].as_object().unwrap().clone();
        props.insert("s2_11".into(), cell(lat, lng, 11).to_token().into());
        assert_eq!(out["properties"], Value::Object(props));
    }
    // A text sequence on stdin, bare geometries included.
    let out = stdout(
        s2cells()
            .args(["index", "-l", "2", "--input-format", "geojson", "--cells-only"])
            .write_stdin("\x1e{\"type\":\"Point\",\"coordinates\":[2,1]}\n\x1e{\"type\":\"Feature\",\"properties\":null,\"geometry\":{\"type\":\"Point\",\"coordinates\":[4,3]}}\n"),
    );
    assert_eq!(
        out,
        format!(
            "{}\n{}\n",
            cell(1.0, 2.0, 2).to_token(),
            cell(3.0, 4.0, 2).to_token()
        )
    );
}

#[test]
fn quiet_on_stderr_when_it_is_not_a_terminal() {
    // The progress bar is drawn only on a terminal; here stderr is a pipe.
    s2cells()
        .args(["index", "data/cities.csv", "-l", "5"])
        .assert()
        .success()
        .stderr("");
}

/// Numbers in every form `index` reads, plain decimals (read eight digits
/// at a time) and others (the general parser), in rows long enough to
/// cross the 1 MiB read chunk: each row's cell is the library's for the
/// value Rust's own `parse` gives.
#[test]
fn csv_number_forms_equal_std_parse() {
    let forms = [
        ("-30.0438", "-51.14022"),
        ("0", "-0"),
        ("-0.000000", "+12.5"),
        ("90", "180"),
        ("-90.000000", "-180.0"),
        ("1e1", "-1.5E-3"),
        (" 45.5 ", " 7 "),
        ("12.34567890123", "-123.456789012345"),
        ("1234567.0e-5", "1."),
        (".5", "-.25"),
        ("00000012.5", "00000000000000000000000000007"),
        ("89.99999999", "179.99999999"),
        ("-7.1234567", "-179.1234567"),
    ];
    let mut input = String::from("id,lat,lng,pad\n");
    let mut expected = Vec::new();
    let mut k = 0u64;
    // A state that wanders over the sphere: more than a chunk of rows.
    while input.len() < (1 << 20) + 50_000 {
        let (lat, lng) = forms[(k % forms.len() as u64) as usize];
        let (lat, lng) = if k.is_multiple_of(3) {
            (lat.to_string(), lng.to_string())
        } else {
            let a = (k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 11) as f64 / (1u64 << 53) as f64;
            let b = (k.wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 11) as f64 / (1u64 << 53) as f64;
            let decimals = (k % 9) as usize;
            (
                format!("{:.decimals$}", a * 180.0 - 90.0),
                format!("{:.decimals$}", b * 360.0 - 180.0),
            )
        };
        let _ = writeln!(input, "{k},{lat},{lng},{}", "x".repeat((k % 13) as usize));
        expected.push(cell(
            lat.trim().parse().unwrap(),
            lng.trim().parse().unwrap(),
            30,
        ));
        k += 1;
    }
    let path = common::temp_file("number-forms.csv", &input);
    let out =
        stdout(
            s2cells()
                .arg("index")
                .arg(&path)
                .args(["-l", "30", "--cells-only", "-f", "ids"]),
        );
    let got: Vec<u64> = out.lines().map(|l| l.parse().unwrap()).collect();
    assert_eq!(got.len(), expected.len());
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(
            *g,
            e.id(),
            "row {i}: {}",
            input.lines().nth(i + 1).unwrap_or("")
        );
    }
}
