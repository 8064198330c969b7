//! Replays the fuzz corpus (`fuzz/corpus/parse_cell_text`, kept small by
//! `cargo fuzz cmin`) through the fuzz target's own checks
//! (`fuzz/fuzz_targets/cell_checks.rs`), so every input the fuzzer found
//! interesting stays tested on stable, in CI.

#[path = "../fuzz/fuzz_targets/cell_checks.rs"]
mod cell_checks;

#[test]
fn corpus_replays_cleanly() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/parse_cell_text");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("fuzz corpus directory") {
        let path = entry.expect("corpus entry").path();
        cell_checks::check_cell_text(&std::fs::read(&path).expect("corpus file"));
        n += 1;
    }
    // 63 files today: a floor near it catches a corpus lost by accident
    // (lower it when `cargo fuzz cmin` shrinks the corpus).
    assert!(n >= 60, "only {n} corpus files in {dir}");
}
