//! `feature::terms` against Google's `S2RegionTermIndexer` (s2geometry
//! 0.14.0): tests/data/terms.jsonl from `tools/oracle/gen_term_vectors.py`,
//! compared string for string. Region lines carry Google's own covering and
//! interior covering of the region, which are fed to s2cells unchanged.

use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
use s2cells::{Cap, CellId, CellUnion, FeatureError, LatLngRect, Point};
use serde_json::Value;

fn options(v: &Value) -> (TermIndexerOptions, String) {
    let u8_of = |k: &str| v[k].as_u64().and_then(|x| u8::try_from(x).ok()).expect(k);
    let o = TermIndexerOptions {
        min_level: u8_of("min_level"),
        max_level: u8_of("max_level"),
        level_mod: u8_of("level_mod"),
        max_cells: v["max_cells"].as_u64().expect("max_cells") as usize,
        index_contains_points_only: v["points_only"].as_bool().expect("points_only"),
        optimize_for_space: v["optimize_for_space"]
            .as_bool()
            .expect("optimize_for_space"),
        marker: v["marker"]
            .as_str()
            .and_then(|s| s.chars().next())
            .expect("marker"),
    };
    (o, v["prefix"].as_str().expect("prefix").to_owned())
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array of terms")
        .iter()
        .map(|s| s.as_str().expect("term").to_owned())
        .collect()
}

fn covering(v: &Value) -> CellUnion {
    let ids = v
        .as_array()
        .expect("array of ids")
        .iter()
        .map(|x| CellId::try_from(x.as_u64().expect("u64 id")).expect("valid id"))
        .collect();
    CellUnion::from_verbatim(ids).expect("Google's covering is sorted and disjoint")
}

#[test]
fn terms_equal_googles() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/terms.jsonl"
    ))
    .expect("tests/data/terms.jsonl");
    let (mut points, mut regions, mut compared, mut failures) = (0, 0, 0usize, Vec::new());
    for (i, line) in text.lines().enumerate() {
        let v: Value = serde_json::from_str(line).expect("JSON line");
        let (o, prefix) = options(&v["options"]);
        let ix = TermIndexer::new(o).expect("Google's options are valid");
        assert_eq!(
            u64::from(o.true_max_level()),
            v["true_max_level"].as_u64().unwrap(),
            "line {}",
            i + 1
        );
        let mut check = |what: &str, ours: Vec<String>, google: &Value| {
            compared += 1;
            let google = strings(google);
            if ours != google {
                failures.push(format!(
                    "line {} {what}: ours {ours:?}\n   google {google:?}",
                    i + 1
                ));
            }
        };
        match v["case"].as_str() {
            Some("point") => {
                points += 1;
                let xyz: Vec<f64> = v["point"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_f64().unwrap())
                    .collect();
                let p = Point::new(xyz[0], xyz[1], xyz[2]);
                assert_eq!(
                    CellId::from_point(&p).id(),
                    v["leaf"].as_u64().unwrap(),
                    "line {}",
                    i + 1
                );
                check(
                    "index(point)",
                    ix.index_terms_for_point(&p, &prefix),
                    &v["index_terms"],
                );
                check(
                    "query(point)",
                    ix.query_terms_for_point(&p, &prefix),
                    &v["query_terms"],
                );
            }
            Some("region") => {
                regions += 1;
                let cov = covering(&v["covering"]);
                let interior = covering(&v["interior"]);
                // The region forms cover the region with our coverer, which
                // must give Google's covering; then the terms follow.
                let r = &v["region"];
                let (ours_cov, query, index) = match r["kind"].as_str() {
                    Some("rect") => {
                        let (lo, hi) = (f64s(&r["lo_degrees"]), f64s(&r["hi_degrees"]));
                        let rect = LatLngRect::from_degrees(lo[0], hi[0], lo[1], hi[1])
                            .expect("valid rect in vectors");
                        (
                            ix.coverer().covering(&rect),
                            ix.query_terms(&rect, &prefix),
                            ix.index_terms(&rect, &prefix),
                        )
                    }
                    Some("cap") => {
                        let c = f64s(&r["center"]);
                        let radius = r["radius_degrees"].as_f64().unwrap().to_radians();
                        let cap = Cap::from_center_angle(Point::new(c[0], c[1], c[2]), radius);
                        (
                            ix.coverer().covering(&cap),
                            ix.query_terms(&cap, &prefix),
                            ix.index_terms(&cap, &prefix),
                        )
                    }
                    other => panic!("line {}: unknown region {other:?}", i + 1),
                };
                assert_eq!(ours_cov, cov, "line {}: our covering", i + 1);
                check("query_terms(region)", query, &v["query_terms"]);
                match index {
                    Ok(terms) => check("index_terms(region)", terms, &v["index_terms"]),
                    Err(e) => assert!(o.index_contains_points_only, "line {}: {e}", i + 1),
                }
                check(
                    "query(region)",
                    ix.query_terms_for_covering(&cov, &prefix),
                    &v["query_terms"],
                );
                check(
                    "query(interior)",
                    ix.query_terms_for_covering(&interior, &prefix),
                    &v["interior_query_terms"],
                );
                if o.index_contains_points_only {
                    assert_eq!(
                        ix.index_terms_for_covering(&cov, &prefix),
                        Err(FeatureError::PointsOnlyIndex)
                    );
                } else {
                    check(
                        "index(region)",
                        ix.index_terms_for_covering(&cov, &prefix).unwrap(),
                        &v["index_terms"],
                    );
                    check(
                        "index(interior)",
                        ix.index_terms_for_covering(&interior, &prefix).unwrap(),
                        &v["interior_index_terms"],
                    );
                }
            }
            other => panic!("line {}: unknown case {other:?}", i + 1),
        }
    }
    assert!(
        points >= 500 && regions >= 500,
        "{points} point lines, {regions} region lines"
    );
    assert!(
        failures.is_empty(),
        "{} of {compared} term lists differ:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
    eprintln!("{compared} term lists from {points} points and {regions} regions equal Google's");
}

#[test]
fn bad_options_are_refused() {
    let d = TermIndexerOptions::default();
    for bad in [
        TermIndexerOptions { max_level: 31, ..d },
        TermIndexerOptions {
            min_level: 10,
            max_level: 9,
            ..d
        },
        TermIndexerOptions { level_mod: 0, ..d },
        TermIndexerOptions { level_mod: 4, ..d },
        TermIndexerOptions { marker: 'z', ..d },
        TermIndexerOptions { marker: '7', ..d },
        TermIndexerOptions { marker: 'é', ..d },
    ] {
        assert!(TermIndexer::new(bad).is_err(), "{bad:?}");
    }
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect()
}
