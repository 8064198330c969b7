//! The outputs for the people who load them: every Parquet, Arrow, npz,
//! libsvm and SQL output of `index`, `cover`, `keys` and `features` read
//! back by the real readers (pyarrow, polars, pandas, DuckDB, SciPy,
//! scikit-learn, sqlite3; through `readers.py`) and compared with what the
//! library computes; a scikit-learn model trained on the sparse features;
//! the false-positive shares of `--fp-sweep` against a count of random
//! points; and the flags that conflict refused.
//!
//! A missing Python package fails these tests: CI must install them (see
//! `readers.py`).

use std::fmt::Write as _;

mod common;

use common::{TempFile, fails, lib_regions, s2cells, stdout, temp_file};
use s2cells::feature::keys::{KeyQuery, Stored, ordered_i64};
use s2cells::feature::ml::{FeatureColumn, HashedBuckets, OneHot, Vocabulary};
use s2cells::{Cell, CellId, LatLng, Region, RegionCoverer};
use serde_json::{Value, json};
use std::path::PathBuf;

/// Temporary files, removed when the test ends (pass or fail).
#[derive(Default)]
struct Temp(Vec<TempFile>);

impl Temp {
    fn file(&mut self, name: &str, text: &str) -> PathBuf {
        let file = temp_file(name, text);
        let p = file.to_path_buf();
        self.0.push(file);
        p
    }
}

/// What `readers.py` prints for these arguments (it must succeed).
fn python(args: &[&str]) -> Value {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/readers.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs (the reader tests need it)");
    assert!(
        out.status.success(),
        "readers.py {args:?} failed (a missing package fails the test; CI installs them):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("readers.py prints JSON")
}

/// Deterministic points: lat in [-80, 80], lng in [-180, 180), so every
/// face is hit (faces 4 and 5 give negative INT64 ids).
fn points(n: usize, seed: u64) -> Vec<(f64, f64)> {
    let mut x = seed;
    let mut next = || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| {
            let lat = (next() * 160.0 - 80.0) * 1e6;
            let lng = (next() * 360.0 - 180.0) * 1e6;
            (lat.round() / 1e6, lng.round() / 1e6)
        })
        .collect()
}

fn leaf(p: (f64, f64)) -> CellId {
    CellId::from_latlng(LatLng::from_degrees(p.0, p.1))
}

/// A points CSV with a name holding commas and quotes, and a label.
fn points_csv(tmp: &mut Temp, name: &str, pts: &[(f64, f64)]) -> PathBuf {
    let mut s = String::from("name,lat,lng,label\n");
    for (i, (lat, lng)) in pts.iter().enumerate() {
        let _ = writeln!(s, "\"p{i}, \"\"q\"\"\",{lat},{lng},{}", label(*lat, *lng));
    }
    tmp.file(name, &s)
}

/// A label the level-3 cells decide: whether the point is on an even face.
fn label(lat: f64, lng: f64) -> u8 {
    u8::from(leaf((lat, lng)).face().is_multiple_of(2))
}

fn path_str(p: &std::path::Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// The four data-frame readers' names for the column types s2cells
/// writes: each reader with the type names it should report.
fn in_all_readers(kinds: &[&str]) -> Vec<(&'static str, Vec<&'static str>)> {
    let name = |reader: usize, kind: &str| -> &'static str {
        let names: [&'static str; 4] = match kind {
            "i64" => ["int64", "int64", "Int64", "BIGINT"],
            "u64" => ["uint64", "uint64", "UInt64", "UBIGINT"],
            "i32" => ["int32", "int32", "Int32", "INTEGER"],
            "i8" => ["int8", "int8", "Int8", "TINYINT"],
            "f64" => ["double", "float64", "Float64", "DOUBLE"],
            "f32" => ["float", "float32", "Float32", "FLOAT"],
            "str" => ["string", "str", "String", "VARCHAR"],
            other => panic!("no reader type for {other}"),
        };
        names[reader]
    };
    ["pyarrow", "pandas", "polars", "duckdb"]
        .iter()
        .enumerate()
        .map(|(r, reader)| (*reader, kinds.iter().map(|k| name(r, k)).collect()))
        .collect()
}

/// Checks each reader's columns, types and rows.
fn check_table(seen: &Value, columns: &[&str], types: &[(&str, Vec<&str>)], rows: &[Value]) {
    for (reader, want_types) in types {
        let r = &seen[*reader];
        assert_eq!(r["columns"], json!(columns), "{reader} columns");
        assert_eq!(r["types"], json!(want_types), "{reader} types");
        let got = r["rows"].as_array().expect("rows");
        assert_eq!(got.len(), rows.len(), "{reader} row count");
        for (k, (g, w)) in got.iter().zip(rows).enumerate() {
            assert_eq!(g, w, "{reader} row {k}");
        }
    }
}

#[test]
fn index_tables_read_back_in_every_reader() {
    let mut tmp = Temp::default();
    // More rows than one batch (65,536), so the table is written in parts.
    let pts = points(70_000, 1);
    let csv = points_csv(&mut tmp, "index-points.csv", &pts);
    let rows = |cell: &dyn Fn(CellId) -> Value| -> Vec<Value> {
        pts.iter()
            .enumerate()
            .map(|(i, &(lat, lng))| {
                let c = leaf((lat, lng));
                json!([
                    format!("p{i}, \"q\""),
                    lat,
                    lng,
                    label(lat, lng).to_string(),
                    cell(c.parent(5)),
                    cell(c)
                ])
            })
            .collect()
    };
    let cols = ["name", "lat", "lng", "label", "s2_5", "s2_30"];
    let parquet = tmp.file("index.parquet", "");
    stdout(s2cells().args([
        "index",
        path_str(&csv),
        "-l",
        "5,30",
        "-f",
        "parquet",
        "-o",
        path_str(&parquet),
    ]));
    check_table(
        &python(&["table", path_str(&parquet), "parquet"]),
        &cols,
        &in_all_readers(&["str", "f64", "f64", "str", "i64", "i64"]),
        &rows(&|c| json!(c.to_signed())),
    );
    // UINT64 on request, as an Arrow stream through stdout.
    let small = points_csv(&mut tmp, "index-small.csv", &pts[..3000]);
    let arrow = tmp.file("index.arrows", "");
    let bytes = s2cells()
        .args(["index", path_str(&small), "-l", "5,30", "-f", "arrow"])
        .args(["--cell-format", "ids"])
        .output()
        .expect("run");
    assert!(bytes.status.success());
    std::fs::write(&arrow, bytes.stdout).expect("write");
    let want: Vec<Value> = rows(&|c| json!(c.id()))[..3000].to_vec();
    check_table(
        &python(&["table", path_str(&arrow), "arrow"]),
        &cols,
        &in_all_readers(&["str", "f64", "f64", "str", "u64", "u64"]),
        &want,
    );
    // The ordered encoding and tokens, as parquet.
    for (format, cell) in [
        (
            "ordered",
            &(|c: CellId| json!(ordered_i64(c))) as &dyn Fn(CellId) -> Value,
        ),
        ("tokens", &|c: CellId| json!(c.to_token())),
    ] {
        stdout(s2cells().args([
            "index",
            path_str(&small),
            "-l",
            "5,30",
            "-f",
            "parquet",
            "--cell-format",
            format,
            "-o",
            path_str(&parquet),
        ]));
        let seen = python(&["table", path_str(&parquet), "parquet"]);
        let t = if format == "tokens" {
            "string"
        } else {
            "int64"
        };
        check_table(
            &seen,
            &cols,
            &[(
                "pyarrow",
                vec!["string", "double", "double", "string", t, t],
            )],
            &rows(cell)[..3000],
        );
        // Text output writes the same encoding.
        if format == "ordered" {
            let text =
                stdout(s2cells().args(["index", path_str(&small), "-l", "30", "-f", "ordered"]));
            let first = text.lines().nth(1).expect("a row");
            assert!(
                first.ends_with(&format!(",{}", ordered_i64(leaf(pts[0])))),
                "{first}"
            );
        }
    }
}

#[test]
fn cover_table_carries_ids_and_properties() {
    let mut tmp = Temp::default();
    let path = "data/us-states.geojson";
    let parquet = tmp.file("cover.parquet", "");
    stdout(
        s2cells()
            .args(["cover", path, "--max-cells", "20", "-f", "parquet", "-o"])
            .arg(&parquet),
    );
    let c = RegionCoverer::new().max_cells(20).expect("coverer");
    let mut rows = Vec::new();
    for r in lib_regions(path, false) {
        let name = r.properties.as_ref().and_then(|p| p.get("name")).cloned();
        for cell in &c.covering(&r.region) {
            rows.push(json!([
                r.index,
                r.id.clone(),
                cell.to_signed(),
                cell.to_token(),
                cell.level(),
                name.clone()
            ]));
        }
    }
    let cols = ["feature", "feature_id", "cell", "token", "level", "name"];
    check_table(
        &python(&["table", path_str(&parquet), "parquet"]),
        &cols,
        &in_all_readers(&["i64", "str", "i64", "str", "i8", "str"]),
        &rows,
    );
}

#[test]
fn keys_tables_hold_the_key_query() {
    let mut tmp = Temp::default();
    let path = "data/us-states.geojson";
    let regions = lib_regions(path, false);
    let c = RegionCoverer::new().max_cells(30).expect("coverer");
    let out = tmp.file("keys.parquet", "");
    for (enc, kind) in [
        ("u64", "uint64"),
        ("bytes", "fixed_size_binary[8]"),
        ("ordered", "int64"),
    ] {
        stdout(
            s2cells()
                .args([
                    "keys",
                    path,
                    "--max-cells",
                    "30",
                    "--stored",
                    "regions",
                    "-e",
                    enc,
                ])
                .args(["-f", "parquet", "-o"])
                .arg(&out),
        );
        let mut rows = Vec::new();
        for r in &regions {
            let q = KeyQuery::new(&c.covering(&r.region), Stored::Regions { min_level: 0 });
            let key =
                |id: CellId| match enc {
                    "u64" => json!(id.id()),
                    "bytes" => json!(id.id().to_be_bytes().iter().fold(
                        String::new(),
                        |mut s, b| {
                            let _ = write!(s, "{b:02x}");
                            s
                        }
                    )),
                    _ => json!(ordered_i64(id)),
                };
            for range in q.ranges() {
                rows.push(json!([
                    r.index,
                    r.id,
                    "range",
                    key(range.first()),
                    key(range.last())
                ]));
            }
            for &a in q.ancestors() {
                rows.push(json!([r.index, r.id, "ancestor", key(a), key(a)]));
            }
        }
        let seen = python(&["table", path_str(&out), "parquet"]);
        let types = vec!["int64", "string", "string", kind, kind];
        check_table(
            &seen,
            &["feature", "feature_id", "kind", "min", "max"],
            &[("pyarrow", types)],
            &rows,
        );
        assert_eq!(seen["metadata"]["s2cells.key_encoding"], json!(enc));
    }
}

#[test]
fn keys_sql_says_which_feature_matched() {
    let mut tmp = Temp::default();
    // Points over the five states and beyond, loaded into the recipe's
    // SQLite table with their leaf keys.
    let pts: Vec<(f64, f64)> = points(20_000, 7)
        .into_iter()
        .map(|(lat, lng)| {
            (
                25.0 + (lat + 80.0) / 160.0 * 45.0,
                -170.0 + (lng + 180.0) / 360.0 * 110.0,
            )
        })
        .collect();
    let mut csv = String::from("id,cell,lat,lng\n");
    for (i, &p) in pts.iter().enumerate() {
        let _ = writeln!(csv, "{i},{},{},{}", leaf(p).to_signed(), p.0, p.1);
    }
    let table = tmp.file("sql-points.csv", &csv);
    let recipe = tmp.file(
        "recipe.sql",
        &stdout(s2cells().args(["keys", "--recipe", "--dialect", "sqlite"])),
    );
    let path = "data/us-states.geojson";
    let query = tmp.file(
        "query.sql",
        &stdout(s2cells().args([
            "keys",
            path,
            "--max-cells",
            "16",
            "-f",
            "sql",
            "--dialect",
            "sqlite",
        ])),
    );
    let seen = python(&["sql", path_str(&query), path_str(&recipe), path_str(&table)]);
    assert_eq!(
        seen["columns"],
        json!(["id", "cell", "lat", "lng", "feature", "feature_id"])
    );
    let c = RegionCoverer::new().max_cells(16).expect("coverer");
    let mut want = Vec::new();
    for r in lib_regions(path, false) {
        let q = KeyQuery::new(&c.covering(&r.region), Stored::Points);
        for (i, &p) in pts.iter().enumerate() {
            if q.matches(leaf(p)) {
                want.push(json!([r.index, r.id, i]));
            }
        }
    }
    want.sort_by_key(|v| (v[0].as_u64(), v[2].as_u64()));
    assert!(want.len() > 100, "the points meet the states");
    assert_eq!(seen["matches"], json!(want));
}

/// The features of `pts` at level 3 with a learned vocabulary and its
/// bucket, as the library computes them.
fn one_hot(pts: &[(f64, f64)]) -> (OneHot, s2cells::feature::ml::Csr) {
    let leaves: Vec<CellId> = pts.iter().map(|&p| leaf(p)).collect();
    let enc = OneHot::new(Vocabulary::learn(leaves.iter().copied(), 3, 5, true).expect("vocab"));
    let m = enc.encode(&leaves);
    (enc, m)
}

#[test]
fn sparse_features_read_back_and_train_a_model() {
    let mut tmp = Temp::default();
    let pts = points(4000, 3);
    let csv = points_csv(&mut tmp, "features.csv", &pts);
    let (enc, m) = one_hot(&pts);
    let args = |format: &str| {
        let mut cmd = s2cells();
        cmd.args([
            "features",
            path_str(&csv),
            "--learn-vocab",
            "-l",
            "3",
            "--min-count",
            "5",
        ])
        .args(["--label-col", "label", "--id-col", "name", "-f", format]);
        cmd
    };
    let ids: Vec<String> = (0..pts.len()).map(|i| format!("p{i}, \"q\"")).collect();
    let labels: Vec<f64> = pts.iter().map(|&(a, b)| f64::from(label(a, b))).collect();

    // scipy.sparse.load_npz, numpy.load for the labels and ids.
    let npz = tmp.file("x.npz", "");
    stdout(args("npz").arg("-o").arg(&npz));
    let seen = python(&["npz", path_str(&npz)]);
    assert_eq!(seen["class"], "csr_matrix");
    assert_eq!(seen["shape"], json!([m.n_rows(), m.n_features()]));
    assert_eq!(seen["dtype"], "float32");
    assert_eq!(seen["indptr"], json!(m.indptr()));
    assert_eq!(seen["indices"], json!(m.indices()));
    assert_eq!(seen["data"], json!(vec![1.0; m.indices().len()]));
    assert_eq!(seen["label"], json!({"dtype": "f", "values": labels}));
    assert_eq!(seen["id"], json!({"dtype": "U", "values": ids}));
    assert_eq!(
        seen["members"],
        json!([
            "data", "format", "id", "indices", "indptr", "label", "shape"
        ])
    );

    // A model learns the label from the sparse features alone.
    let model = python(&["train", path_str(&npz)]);
    assert_eq!(model["coef_shape"], json!([1, m.n_features()]));
    assert_eq!(model["classes"], json!([0.0, 1.0]));
    let acc = model["test_accuracy"].as_f64().expect("accuracy");
    assert!(acc >= 0.97, "held-out accuracy {acc}");

    // load_svmlight_file with the n_features of the header comment.
    let svm = tmp.file("x.svm", &stdout(&mut args("libsvm")));
    let seen = python(&["libsvm", path_str(&svm)]);
    assert_eq!(seen["shape"], json!([m.n_rows(), m.n_features()]));
    assert_eq!(seen["indptr"], json!(m.indptr()));
    assert_eq!(seen["indices"], json!(m.indices()));
    assert_eq!(seen["labels"], json!(labels));

    // The long table, in every reader.
    let parquet = tmp.file("features.parquet", "");
    stdout(args("parquet").arg("-o").arg(&parquet));
    let cols = enc.feature_columns();
    let mut rows = Vec::new();
    for (r, id) in ids.iter().enumerate() {
        for &c in m.row(r) {
            let col: &FeatureColumn = &cols[c as usize];
            rows.push(json!([
                r,
                id,
                labels[r],
                c,
                col.name(),
                1.0,
                col.token(),
                col.level()
            ]));
        }
    }
    let seen = python(&["table", path_str(&parquet), "parquet"]);
    check_table(
        &seen,
        &[
            "row", "id", "label", "column", "name", "value", "token", "level",
        ],
        &in_all_readers(&["i64", "str", "f64", "i32", "str", "f32", "str", "i8"]),
        &rows,
    );
    assert_eq!(
        seen["metadata"]["s2cells.n_rows"],
        json!(m.n_rows().to_string())
    );
    assert_eq!(
        seen["metadata"]["s2cells.n_features"],
        json!(m.n_features().to_string())
    );

    // The dense CSV names its columns after the cells.
    let text = stdout(&mut args("csv"));
    let header: Vec<&str> = text.lines().next().expect("header").split(',').collect();
    let mut want = vec!["id".to_owned(), "label".to_owned()];
    want.extend(cols.iter().map(FeatureColumn::name));
    assert_eq!(header, want);
    assert!(header.contains(&"s2_3_oov"));
}

#[test]
fn hashed_features_as_an_arrow_stream() {
    let mut tmp = Temp::default();
    let pts = points(500, 5);
    let csv = points_csv(&mut tmp, "hashed.csv", &pts);
    let out = tmp.file("hashed.arrows", "");
    stdout(
        s2cells()
            .args([
                "features",
                path_str(&csv),
                "-e",
                "hashed",
                "-l",
                "12",
                "--buckets",
                "64",
            ])
            .args(["--hashes", "2", "-f", "arrow", "-o"])
            .arg(&out),
    );
    let leaves: Vec<CellId> = pts.iter().map(|&p| leaf(p)).collect();
    let m = HashedBuckets::new(12, 64, 2).expect("hash").encode(&leaves);
    let mut rows = Vec::new();
    for (r, l) in leaves.iter().enumerate() {
        for &c in m.row(r) {
            rows.push(json!([
                r,
                c,
                format!("hash_{c}"),
                1.0,
                l.parent(12).to_token(),
                12
            ]));
        }
    }
    check_table(
        &python(&["table", path_str(&out), "arrow"]),
        &["row", "column", "name", "value", "token", "level"],
        &[(
            "polars",
            vec!["Int64", "Int32", "String", "Float32", "String", "Int8"],
        )],
        &rows,
    );
}

#[test]
fn features_stream_in_batches_with_a_known_vocabulary() {
    let mut tmp = Temp::default();
    // More points than one batch (65,536), a vocabulary from a region: the
    // table is written a batch at a time, rows numbered across batches.
    let pts: Vec<(f64, f64)> = points(70_000, 11)
        .into_iter()
        .map(|(lat, lng)| (20.0 + (lat + 80.0) / 8.0, -130.0 + (lng + 180.0) / 6.0))
        .collect();
    let csv = points_csv(&mut tmp, "stream.csv", &pts);
    let out = tmp.file("stream.parquet", "");
    let region = "data/us-states.geojson";
    stdout(
        s2cells()
            .args([
                "features",
                path_str(&csv),
                "--vocab-region",
                region,
                "-l",
                "5",
            ])
            .args(["--label-col", "label", "-f", "parquet", "-o"])
            .arg(&out),
    );
    let mut cells = Vec::new();
    for r in lib_regions(region, false) {
        cells.extend(RegionCoverer::fixed_level_cells(&r.region, 5).expect("cells"));
    }
    let enc = OneHot::new(Vocabulary::from_cells(cells, true).expect("vocab"));
    let cols = enc.feature_columns();
    let leaves: Vec<CellId> = pts.iter().map(|&p| leaf(p)).collect();
    let m = enc.encode(&leaves);
    let mut rows = Vec::new();
    for (r, &(lat, lng)) in pts.iter().enumerate() {
        for &c in m.row(r) {
            let col = &cols[c as usize];
            let l = f64::from(label(lat, lng));
            rows.push(json!([r, l, c, col.name(), 1.0, col.token(), col.level()]));
        }
    }
    let seen = python(&["table", path_str(&out), "parquet", "pyarrow"]);
    let types = vec![
        "int64", "double", "int32", "string", "float", "string", "int8",
    ];
    check_table(
        &seen,
        &["row", "label", "column", "name", "value", "token", "level"],
        &[("pyarrow", types)],
        &rows,
    );
    assert_eq!(seen["metadata"]["s2cells.n_rows"], json!("70000"));
    // libsvm streams too, and equals the library's rows.
    let svm = tmp.file(
        "stream.svm",
        &stdout(
            s2cells()
                .args([
                    "features",
                    path_str(&csv),
                    "--vocab-region",
                    region,
                    "-l",
                    "5",
                ])
                .args(["--label-col", "label", "-f", "libsvm"]),
        ),
    );
    let seen = python(&["libsvm", path_str(&svm)]);
    assert_eq!(seen["indptr"], json!(m.indptr()));
    assert_eq!(seen["indices"], json!(m.indices()));
}

/// The share of the covering's area outside the region, counted with
/// random points drawn uniformly over the covering's cells.
fn sampled_fp(region: &dyn Region, covering: &s2cells::CellUnion, n: usize) -> f64 {
    let cells: Vec<Cell> = covering.iter().map(Cell::from).collect();
    let areas: Vec<f64> = cells.iter().map(Cell::exact_area).collect();
    let total: f64 = areas.iter().sum();
    let mut x = 0x1234_5678_9abc_def0u64;
    let mut next = || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut outside = 0usize;
    let mut drawn = 0usize;
    while drawn < n {
        // A cell by area, then a leaf uniformly in (i, j) of the cell,
        // kept with a chance proportional to its area (rejection).
        let mut t = next() * total;
        let k = areas
            .iter()
            .position(|&a| {
                t -= a;
                t < 0.0
            })
            .unwrap_or(areas.len() - 1);
        let c = cells[k].id();
        let span = c.range_max().id() - c.range_min().id();
        let id = c.range_min().id() + ((next() * span as f64) as u64 & !1);
        let Ok(l) = CellId::try_from(id) else {
            continue;
        };
        let leaf = Cell::from(l);
        if next() > leaf.exact_area() / (2.0 * s2cells::cell::metrics::AVG_AREA.value(30)) {
            continue;
        }
        drawn += 1;
        outside += usize::from(!region.contains_point(&leaf.center()));
    }
    outside as f64 / n as f64
}

#[test]
fn fp_shares_match_counted_points() {
    let path = "data/us-states.geojson";
    let out = stdout(s2cells().args(["keys", path, "--fp-sweep", "4,32"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "max_cells,features,cells,fp_overall,fp_median,fp_p90,fp_worst"
    );
    let regions = lib_regions(path, false);
    for (line, n) in lines[1..].iter().zip([4usize, 32]) {
        let f: Vec<&str> = line.split(',').collect();
        let c = RegionCoverer::new().max_cells(n).expect("coverer");
        let mut shares = Vec::new();
        for r in &regions {
            let cov = c.covering(&r.region);
            shares.push(sampled_fp(&r.region, &cov, 4000));
        }
        shares.sort_by(f64::total_cmp);
        let median: f64 = f[4].parse().expect("median");
        let worst: f64 = f[6].parse().expect("worst");
        // 4,000 points: a standard error of at most 0.8 points of share.
        assert!(
            (median - shares[2]).abs() < 0.03,
            "{n}: median {median} vs counted {}",
            shares[2]
        );
        assert!(
            (worst - shares[4]).abs() < 0.03,
            "{n}: worst {worst} vs counted {}",
            shares[4]
        );
    }
    // --target-fp: the suggestion meets the target and one cell fewer
    // does not.
    let out = stdout(s2cells().args(["keys", path, "--target-fp", "0.25"]));
    for (line, r) in out.lines().skip(1).zip(&regions) {
        let f: Vec<&str> = line.split(',').collect();
        let n: usize = f[2].parse().expect("max_cells");
        let share = |n: usize| {
            let cov = RegionCoverer::new()
                .max_cells(n)
                .expect("coverer")
                .covering(&r.region);
            let area = match r.region.shape() {
                s2cells::io::GeoShape::Polygon(p) => p.area(),
                _ => panic!("states are polygons"),
            };
            1.0 - area / cov.exact_area()
        };
        assert!(share(n) <= 0.25, "{line}");
        assert!(n == 1 || share(n - 1) > 0.25, "{line}");
    }
}

#[test]
fn conflicting_flags_are_refused() {
    let mut tmp = Temp::default();
    let vocab = tmp.file("oov-vocab.json", "");
    stdout(
        s2cells()
            .args([
                "features",
                "data/cities.csv",
                "--learn-vocab",
                "-l",
                "4",
                "--save-vocab",
            ])
            .arg(&vocab),
    );
    let v = path_str(&vocab);
    fails(
        &["features", "data/cities.csv", "--vocab", v, "--no-oov"],
        2,
        "has an out-of-vocabulary column",
    );
    fails(
        &["features", "data/cities.csv", "--vocab", v, "-l", "5"],
        2,
        "--level 5 does not match the levels of the --vocab file(s), 4",
    );
    // A vocabulary saved without the bucket takes --no-oov.
    let strict = tmp.file("strict-vocab.json", "");
    stdout(
        s2cells()
            .args([
                "features",
                "data/cities.csv",
                "--learn-vocab",
                "-l",
                "4",
                "--no-oov",
                "--save-vocab",
            ])
            .arg(&strict),
    );
    stdout(
        s2cells()
            .args(["features", "data/cities.csv", "--no-oov", "--vocab"])
            .arg(&strict),
    );
    fails(
        &[
            "features",
            "data/cities.csv",
            "--learn-vocab",
            "-l",
            "4",
            "--buckets",
            "8",
        ],
        2,
        "--buckets and --hashes are for --encoding hashed",
    );
    fails(
        &[
            "features",
            "data/cities.csv",
            "-e",
            "hashed",
            "-l",
            "4",
            "--save-vocab",
            "x.json",
        ],
        2,
        "--encoding hashed has no vocabulary to save",
    );
    fails(
        &[
            "features",
            "data/cities.csv",
            "-e",
            "hashed",
            "-l",
            "4",
            "--no-oov",
        ],
        2,
        "--encoding hashed has no out-of-vocabulary column",
    );
    fails(
        &[
            "features",
            "data/cities.csv",
            "--learn-vocab",
            "-l",
            "4",
            "-f",
            "npy",
            "-o",
            "x.npy",
            "--id-col",
            "name",
        ],
        2,
        "use -f npz",
    );
    fails(
        &[
            "features",
            "data/cities.csv",
            "--learn-vocab",
            "-l",
            "4",
            "-f",
            "libsvm",
            "--label-col",
            "name",
        ],
        1,
        "cities.csv:2: label \"Porto Alegre\" is not a number",
    );
    fails(
        &[
            "features",
            "data/cities.csv",
            "--learn-vocab",
            "-l",
            "4",
            "--label-col",
            "nope",
        ],
        1,
        "--label-col \"nope\": no such column in the header",
    );
    // A dense output over 1 GiB is refused, naming the sparse formats.
    let many = points_csv(&mut tmp, "dense.csv", &points(1100, 9));
    fails(
        &[
            "features",
            path_str(&many),
            "-e",
            "hashed",
            "-l",
            "10",
            "--buckets",
            "1048576",
            "-f",
            "csv",
        ],
        2,
        "use -f npz (scipy.sparse.load_npz) or -f parquet",
    );
    fails(
        &["keys", "data/us-states.geojson", "--table", "t"],
        2,
        "--dialect, --table and --column are for --format sql or where",
    );
    fails(
        &["keys", "data/us-states.geojson", "--stored-min-level", "3"],
        2,
        "--stored-min-level is for --stored regions",
    );
    fails(
        &["cover", "data/us-states.geojson", "--cell-format", "i64"],
        2,
        "--cell-format: --format tokens writes its cells one way",
    );
    fails(
        &["cover", "data/us-states.geojson", "--interior", "--stats"],
        2,
        "measure coverings",
    );
    fails(
        &[
            "index",
            "data/cities.csv",
            "-l",
            "5",
            "--cell-format",
            "ids",
        ],
        2,
        "--cell-format is for -f parquet and -f arrow",
    );
    fails(
        &[
            "index",
            "data/cities.csv",
            "-l",
            "5",
            "--cells-only",
            "--prefix",
            "x",
        ],
        2,
        "--cells-only writes no header",
    );
    // A table's strings are UTF-8: other bytes are an error naming the
    // field, not a silent replacement.
    let bad = tmp.file("bad-utf8.csv", "");
    std::fs::write(&bad, b"name,lat,lng\nok,1,2\n\xff\xfe,1,2\n").expect("write");
    let out = tmp.file("bad-utf8.parquet", "");
    fails(
        &[
            "index",
            path_str(&bad),
            "-l",
            "5",
            "-f",
            "parquet",
            "-o",
            path_str(&out),
        ],
        1,
        "bad-utf8.csv:3:1: not UTF-8",
    );
    fails(
        &[
            "keys",
            "data/us-states.geojson",
            "--level",
            "5",
            "--fp-sweep",
            "4",
        ],
        2,
        "--level fixes the covering",
    );
}
