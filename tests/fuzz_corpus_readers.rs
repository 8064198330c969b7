//! Replays the reader fuzz corpora through the fuzz targets' own checks
//! (`fuzz/fuzz_targets/checks.rs`), so every input the fuzzer found
//! interesting stays tested on stable:
//! - `fuzz/corpus/parse_geojson`: the seeds, a 4-minute run, and a 5-minute
//!   run against the streaming FeatureCollection reader;
//! - `fuzz/corpus/parse_wkt`: the seeds and a 5-minute run;
//!
//! each merged down to the inputs that add edge coverage (`-merge=1
//! -use_counters=0`).
#![cfg(all(feature = "geojson", feature = "wkt"))]

#[path = "../fuzz/fuzz_targets/checks.rs"]
mod checks;

/// Runs `check` on every file of a corpus: (files, features, errors).
fn replay(corpus: &str, check: fn(&[u8]) -> (usize, usize)) -> (usize, usize, usize) {
    let dir = format!("{}/fuzz/corpus/{corpus}", env!("CARGO_MANIFEST_DIR"));
    let (mut files, mut features, mut errors) = (0, 0, 0);
    for entry in std::fs::read_dir(&dir).expect("fuzz corpus directory") {
        let path = entry.expect("corpus entry").path();
        let (ok, err) = check(&std::fs::read(&path).expect("corpus file"));
        files += 1;
        features += ok;
        errors += err;
    }
    (files, features, errors)
}

#[test]
fn geojson_corpus_replays_cleanly() {
    let (files, features, errors) = replay("parse_geojson", checks::check_geojson);
    // 687 files today, 216 for WKT: floors near them catch a corpus lost
    // by accident (lower them when a merge shrinks the corpus).
    assert!(files >= 650, "only {files} corpus files");
    // The seeds alone hold valid features and broken ones.
    assert!(
        features >= 7 && errors >= 2,
        "{features} features, {errors} errors"
    );
}

#[test]
fn wkt_corpus_replays_cleanly() {
    let (files, features, errors) = replay("parse_wkt", checks::check_wkt);
    assert!(files >= 200, "only {files} corpus files");
    assert!(
        features >= 15 && errors >= 6,
        "{features} features, {errors} errors"
    );
}
