//! `keys`, `terms` and `features` against the library: the key ranges of
//! `KeyQuery`, the SQL of `SqlTable`, the terms of `TermIndexer`, and the
//! encoders' features; and their usage and data errors.

use std::fmt::Write as _;

mod common;

use common::{fails, lib_regions, read, s2cells, stdout, temp_file};
use s2cells::feature::keys::{KeyQuery, Stored};
use s2cells::feature::ml::{
    Csr, FeatureColumn, HashedBuckets, MultiLevel, OneHot, Vocabulary, npy,
};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
use s2cells::{CellId, LatLng, LatLngRect, RegionCoverer};
use serde_json::Value;

const PORTO_ALEGRE: &str = "--rect=-30.241701,-51.264871,-30.000003,-51.04618";

fn porto_alegre_query(stored: Stored) -> KeyQuery {
    let rect = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618).unwrap();
    let c = RegionCoverer::new()
        .max_level(15)
        .and_then(|c| c.min_level(8))
        .and_then(|c| c.max_cells(500))
        .unwrap();
    KeyQuery::for_region(&rect, &c, stored)
}

fn keys(extra: &[&str]) -> String {
    let mut cmd = s2cells();
    cmd.args([
        "keys",
        PORTO_ALEGRE,
        "--min-level",
        "8",
        "--max-level",
        "15",
        "--max-cells",
        "500",
    ]);
    cmd.args(extra);
    stdout(&mut cmd)
}

fn str2<T: ToString>(v: Vec<(T, T)>) -> Vec<(String, String)> {
    v.into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn hex(b: [u8; 8]) -> String {
    b.iter().fold(String::new(), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

#[test]
fn key_ranges_equal_key_query() {
    let q = porto_alegre_query(Stored::Points);
    let rows = |pairs: Vec<(String, String)>| -> String {
        let mut s = String::from("feature,feature_id,kind,min,max\n");
        for (a, b) in pairs {
            let _ = writeln!(s, "0,,range,{a},{b}");
        }
        s
    };
    assert_eq!(keys(&[]), rows(str2(q.signed_ranges())));
    assert_eq!(keys(&["-e", "u64"]), rows(str2(q.u64_ranges())));
    assert_eq!(keys(&["-e", "ordered"]), rows(str2(q.ordered_ranges())));
    assert_eq!(keys(&["-e", "tokens"]), rows(q.token_ranges()));
    let bytes = q
        .byte_ranges()
        .into_iter()
        .map(|(a, b)| (hex(a), hex(b)))
        .collect();
    assert_eq!(keys(&["-e", "bytes"]), rows(bytes));
}

#[test]
fn stored_regions_add_the_ancestors() {
    let q = porto_alegre_query(Stored::Regions { min_level: 4 });
    assert!(!q.ancestors().is_empty());
    let out = keys(&[
        "--stored",
        "regions",
        "--stored-min-level",
        "4",
        "-e",
        "tokens",
    ]);
    let ancestors: Vec<String> = out
        .lines()
        .filter(|l| l.contains(",ancestor,"))
        .map(|l| l.rsplit(',').next().unwrap().to_owned())
        .collect();
    let lib: Vec<String> = q
        .ancestors()
        .iter()
        .map(s2cells::CellId::to_token)
        .collect();
    assert_eq!(ancestors, lib);
    assert_eq!(
        out.lines().filter(|l| l.contains(",range,")).count(),
        q.ranges().len()
    );
}

#[test]
fn sql_equals_sql_table() {
    for (dialect, d, enc, k) in [
        ("postgres", SqlDialect::Postgres, "i64", SqlKey::Signed),
        ("sqlite", SqlDialect::Sqlite, "ordered", SqlKey::Ordered),
    ] {
        let t = SqlTable::new(d, k, "places", "s2").unwrap();
        let q = porto_alegre_query(Stored::Points);
        let args = [
            "-f",
            "where",
            "--dialect",
            dialect,
            "-e",
            enc,
            "--table",
            "places",
            "--column",
            "s2",
        ];
        assert_eq!(
            keys(&args),
            format!("-- feature 0: (no id)\n{}\n", t.where_clause(&q))
        );
        let mut sql = args;
        sql[1] = "sql";
        assert_eq!(
            keys(&sql),
            format!(
                "SELECT t.*, 0 AS \"feature\", CAST(NULL AS TEXT) AS \"feature_id\" FROM ({}) AS t;\n",
                t.select_sql(&[], &q).unwrap()
            )
        );
        let recipe = stdout(s2cells().args(["keys", "--recipe"]).args(&args[2..]));
        let after = format!("-- after loading the rows: {};\n", t.after_load_sql());
        assert_eq!(recipe, format!("{};\n{after}", t.create_sql()));
        let recipe = stdout(
            s2cells()
                .args(["keys", "--recipe", "--stored", "regions"])
                .args(&args[2..]),
        );
        assert_eq!(recipe, format!("{};\n{after}", t.create_covering_sql()));
    }
}

#[test]
fn keys_per_feature_keep_ids() {
    let out = stdout(s2cells().args(["keys", "data/countries-110m.geojson", "--lenient"]));
    let lib = lib_regions("data/countries-110m.geojson", true);
    let c = RegionCoverer::new();
    let mut want = String::from("feature,feature_id,kind,min,max\n");
    for r in &lib {
        let id = r.id.as_ref().and_then(Value::as_str).unwrap_or("");
        for (a, b) in KeyQuery::new(&c.covering(&r.region), Stored::Points).signed_ranges() {
            let _ = writeln!(want, "{},{id},range,{a},{b}", r.index);
        }
    }
    assert_eq!(out, want);
}

#[test]
fn keys_errors() {
    fails(
        &["keys", PORTO_ALEGRE, "-f", "sql", "-e", "u64"],
        2,
        "--encoding u64: SQL keys are BIGINT, use --encoding i64 or ordered",
    );
    fails(
        &["keys", "--recipe", "--table", "x; DROP TABLE y"],
        2,
        "x; DROP TABLE y",
    );
    fails(
        &["keys", "--rect", "0,0,1"],
        2,
        "expected LAT_LO,LNG_LO,LAT_HI,LNG_HI",
    );
    fails(
        &["keys", PORTO_ALEGRE, "--stored-min-level", "31"],
        2,
        "31 is not in 0..=30",
    );
    fails(
        &["keys", "data/countries-110m.geojson"],
        1,
        "invalid GeoJSON in feature 14",
    );
}

fn indexer(o: TermIndexerOptions) -> TermIndexer {
    TermIndexer::new(o).unwrap()
}

#[test]
fn region_terms_equal_the_term_indexer() {
    let path = "data/porto-alegre-city.geojson";
    let r = &lib_regions(path, false)[0];
    let lines = |v: Vec<String>| v.into_iter().map(|t| t + "\n").collect::<String>();
    let def = indexer(TermIndexerOptions::default());
    assert_eq!(
        stdout(s2cells().args(["terms", path])),
        lines(def.index_terms(&r.region, "").unwrap())
    );
    assert_eq!(
        stdout(s2cells().args(["terms", path, "--query"])),
        lines(def.query_terms(&r.region, ""))
    );
    let o = TermIndexerOptions {
        min_level: 6,
        max_level: 18,
        level_mod: 2,
        max_cells: 20,
        optimize_for_space: true,
        marker: '#',
        ..Default::default()
    };
    let args = [
        "terms",
        path,
        "--min-level",
        "6",
        "--max-level",
        "18",
        "--level-mod",
        "2",
        "--max-cells",
        "20",
        "--optimize-for-space",
        "--marker",
        "#",
        "--prefix",
        "s2:",
    ];
    assert_eq!(
        stdout(s2cells().args(args)),
        lines(indexer(o).index_terms(&r.region, "s2:").unwrap())
    );
    assert_eq!(
        stdout(s2cells().args(args).arg("--query")),
        lines(indexer(o).query_terms(&r.region, "s2:"))
    );
    let nd = stdout(s2cells().args(["terms", path, "-f", "ndjson"]));
    let v: Value = serde_json::from_str(nd.lines().next().unwrap()).unwrap();
    assert_eq!(v["id"], r.id.clone().unwrap());
    assert_eq!(
        v["properties"],
        Value::Object(r.properties.clone().unwrap())
    );
    assert_eq!(
        v["terms"],
        serde_json::json!(def.index_terms(&r.region, "").unwrap())
    );
}

/// The points of data/cities.ndjson, as the library reads them.
fn cities() -> Vec<LatLng> {
    read("data/cities.ndjson")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            LatLng::from_degrees(v["lat"].as_f64().unwrap(), v["lng"].as_f64().unwrap())
        })
        .collect()
}

#[test]
fn point_terms_equal_the_term_indexer() {
    let o = TermIndexerOptions {
        index_contains_points_only: true,
        ..Default::default()
    };
    let ix = indexer(o);
    let mut index = String::new();
    let mut query = String::new();
    for ll in cities() {
        let p = ll.to_point();
        for t in ix.index_terms_for_point(&p, "") {
            let _ = writeln!(index, "{t}");
        }
        for t in ix.query_terms_for_point(&p, "") {
            let _ = writeln!(query, "{t}");
        }
    }
    let run = |file: &str, q: bool| {
        let mut cmd = s2cells();
        cmd.args(["terms", "--points", "--points-only", file]);
        if q {
            cmd.arg("--query");
        }
        stdout(&mut cmd)
    };
    assert_eq!(run("data/cities.ndjson", false), index);
    assert_eq!(run("data/cities.ndjson", true), query);
    assert_eq!(
        run("data/cities.csv", true),
        query,
        "CSV reads the same points"
    );
    assert_eq!(
        run("data/cities.geojson", true),
        query,
        "GeoJSON Point features are the same points"
    );
}

#[test]
fn terms_errors() {
    fails(
        &["terms", "data/porto-alegre.geojson", "--points-only"],
        2,
        "index terms for a region asked of a term indexer whose index holds only points",
    );
    fails(
        &["terms", PORTO_ALEGRE, "--marker", "a"],
        2,
        "invalid term marker 'a': expected an ASCII character that is not a letter or digit",
    );
    fails(
        &[
            "terms",
            PORTO_ALEGRE,
            "--min-level",
            "9",
            "--max-level",
            "5",
        ],
        2,
        "--min-level 9 is above --max-level 5",
    );
    let bad = temp_file("bad-points.csv", "name,lat,lng\na,1,2\nb,95,3\n");
    fails(
        &["terms", "--points", bad.to_str().unwrap()],
        1,
        "bad-points.csv:3: latitude 95 is out of range [-90, 90]",
    );
}

fn leaves() -> Vec<CellId> {
    cities().into_iter().map(CellId::from_latlng).collect()
}

fn csr_json(m: &Csr, columns: &[FeatureColumn]) -> String {
    let names: Vec<String> = columns.iter().map(FeatureColumn::name).collect();
    format!(
        "{}\n",
        serde_json::json!({
            "n_rows": m.n_rows(),
            "n_features": m.n_features(),
            "indptr": m.indptr(),
            "indices": m.indices(),
            "columns": names,
        })
    )
}

#[test]
fn learned_one_hot_equals_the_encoder_and_the_vocab_round_trips() {
    let pts = leaves();
    let vocab = Vocabulary::learn(pts.iter().copied(), 6, 1, true).unwrap();
    let m = OneHot::new(vocab.clone()).encode(&pts);
    let saved = temp_file("vocab.json", "");
    let saved = saved.to_str().unwrap();
    let out = stdout(s2cells().args([
        "features",
        "data/cities.ndjson",
        "--learn-vocab",
        "--level",
        "6",
        "--save-vocab",
        saved,
    ]));
    assert_eq!(out, csr_json(&m, &vocab.feature_columns()));
    let loaded: Vocabulary =
        serde_json::from_str(&std::fs::read_to_string(saved).unwrap()).unwrap();
    assert_eq!(loaded, vocab);
    // The saved vocabulary gives the same features, in every format.
    let mut libsvm = format!(
        "# s2cells features: n_features={0} (sklearn.datasets.load_svmlight_file(path, n_features={0}))\n",
        m.n_features()
    )
    .into_bytes();
    m.write_libsvm(&mut libsvm, None).unwrap();
    let mut csv = Vec::new();
    let names: Vec<String> = vocab
        .feature_columns()
        .iter()
        .map(s2cells::feature::ml::FeatureColumn::name)
        .collect();
    m.write_csv_named(&mut csv, &names).unwrap();
    for (f, want) in [
        ("csr", csr_json(&m, &vocab.feature_columns()).into_bytes()),
        ("libsvm", libsvm),
        ("csv", csv),
    ] {
        let out =
            stdout(s2cells().args(["features", "data/cities.csv", "--vocab", saved, "-f", f]));
        assert_eq!(out.into_bytes(), want, "{f}");
    }
    let npy_path = temp_file("x.npy", "");
    stdout(s2cells().args([
        "features",
        "data/cities.csv",
        "--vocab",
        saved,
        "-f",
        "npy",
        "-o",
        npy_path.to_str().unwrap(),
    ]));
    let mut want = Vec::new();
    npy::write_dense(&mut want, &m).unwrap();
    assert_eq!(std::fs::read(&npy_path).unwrap(), want);
}

#[test]
fn min_count_and_no_oov() {
    let pts = leaves();
    let vocab = Vocabulary::learn(pts.iter().copied(), 2, 2, false).unwrap();
    let out = stdout(s2cells().args([
        "features",
        "data/cities.ndjson",
        "--learn-vocab",
        "-l",
        "2",
        "--min-count",
        "2",
        "--no-oov",
    ]));
    let enc = OneHot::new(vocab);
    assert_eq!(out, csr_json(&enc.encode(&pts), &enc.feature_columns()));
}

#[test]
fn region_multi_level_and_hashed_equal_the_encoders() {
    let pts = leaves();
    let regions = lib_regions("data/countries-110m.geojson", true);
    let vocab = |level: u8| {
        let mut cells = Vec::new();
        for r in &regions {
            cells.extend(RegionCoverer::fixed_level_cells(&r.region, level).unwrap());
        }
        Vocabulary::from_cells(cells, true).unwrap()
    };
    let multi = MultiLevel::new(vec![vocab(2), vocab(4)]).unwrap();
    let m = multi.encode(&pts);
    let out = stdout(s2cells().args([
        "features",
        "data/cities.ndjson",
        "-e",
        "multi-level",
        "--vocab-region",
        "data/countries-110m.geojson",
        "--lenient",
        "--levels",
        "2,4",
    ]));
    assert_eq!(out, csr_json(&m, &multi.feature_columns()));
    let hashed = HashedBuckets::new(12, 64, 3).unwrap();
    let h = hashed.encode(&pts);
    let out = stdout(s2cells().args([
        "features",
        "data/cities.ndjson",
        "-e",
        "hashed",
        "-l",
        "12",
        "--buckets",
        "64",
        "--hashes",
        "3",
    ]));
    assert_eq!(out, csr_json(&h, &hashed.feature_columns()));
}

/// GeoJSON Point features are points for `features`, as for `index`: the
/// same rows as the NDJSON of the same cities, labels and ids from the
/// properties (or the feature's id), and errors naming the feature.
#[test]
fn features_read_geojson_points() {
    let run = |file: &str, extra: &[&str]| {
        stdout(
            s2cells()
                .args(["features", file, "--learn-vocab", "-l", "6", "-f", "csv"])
                .args(extra),
        )
    };
    let want = run("data/cities.ndjson", &["--id-col", "name"]);
    assert_eq!(run("data/cities.geojson", &["--id-col", "name"]), want);
    let by_flag = stdout(
        s2cells()
            .args([
                "features",
                "--input-format",
                "geojson",
                "--learn-vocab",
                "-l",
                "6",
                "-f",
                "csv",
                "--id-col",
                "name",
            ])
            .write_stdin(read("data/cities.geojson")),
    );
    assert_eq!(by_flag, want, "--input-format geojson on stdin");
    // `id` is the feature's id when no property has that name.
    let ids = run(
        "data/cities.geojson",
        &["--id-col", "id", "--label-col", "name"],
    );
    let mut lines = ids.lines();
    assert!(lines.next().unwrap().starts_with("id,label,"), "{ids}");
    assert!(
        lines.next().unwrap().starts_with("0,Porto Alegre,"),
        "{ids}"
    );

    let mixed = temp_file(
        "mixed.geojson",
        r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"k":1},"geometry":{"type":"Point","coordinates":[2,1]}},
{"type":"Feature","properties":{"k":2},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}},
{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[4,3]}}]}"#,
    );
    let mixed = mixed.str();
    let learn = ["features", mixed, "--learn-vocab", "-l", "3"];
    fails(
        &learn,
        1,
        "mixed.geojson: feature 1: points are read from Point geometries, this one is LineString",
    );
    let out = s2cells()
        .args(learn)
        .args(["--invalid", "skip", "-f", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        3,
        "header and two points"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("warning: skipped 1 of 3 rows: "), "{err}");
    // Under skip, a feature without the label is skipped too, and named.
    let out = s2cells()
        .args(learn)
        .args(["--invalid", "skip", "-f", "csv", "--label-col", "k"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let cell = CellId::from_latlng(LatLng::from_degrees(1.0, 2.0)).parent(3);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("label,s2_3_{},s2_3_oov\n1,1,0\n", cell.to_token()),
        "the one point with its label, in its learned cell"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("warning: skipped 2 of 3 rows: ")
            && err.contains("mixed.geojson: feature 2: no --label-col \"k\" in the properties"),
        "{err}"
    );
    fails(
        &[&learn[..], &["--lat-col", "y"]].concat(),
        2,
        "--lat-col and --lng-col are for CSV and NDJSON",
    );
}

#[test]
fn features_errors() {
    fails(
        &[
            "features",
            "data/cities.csv",
            "--learn-vocab",
            "-l",
            "5",
            "-f",
            "npy",
        ],
        2,
        "--format npy writes a binary file: give --output FILE",
    );
    fails(&["features", "data/cities.csv"], 2, "--level");
    fails(
        &[
            "features",
            "data/cities.csv",
            "-e",
            "hashed",
            "-l",
            "5",
            "--hashes",
            "17",
        ],
        2,
        "17 is not in 1..=16",
    );
    let bad = temp_file("bad-vocab.json", "{\"cells\": 3}");
    fails(
        &[
            "features",
            "data/cities.csv",
            "--vocab",
            bad.to_str().unwrap(),
        ],
        1,
        "not a vocabulary",
    );
    let pts = temp_file(
        "bad.ndjson",
        "{\"lat\": 1, \"lng\": 2}\n{\"lat\": \"x\", \"lng\": 2}\n",
    );
    fails(
        &[
            "features",
            pts.to_str().unwrap(),
            "--learn-vocab",
            "-l",
            "3",
        ],
        1,
        "bad.ndjson:2: no numeric latitude",
    );
}
