//! Replays the fuzz corpus (fuzz/corpus/parse_cell_text, kept small by
//! `cargo fuzz cmin`) through the fuzz target's checks, so every input the
//! fuzzer found interesting stays tested on stable, in CI.

use s2cells::CellId;

/// The same checks as fuzz/fuzz_targets/parse_cell_text.rs.
fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(id) = CellId::from_token(text) {
        if id == CellId::NONE {
            assert_eq!(text, "X");
        } else {
            assert!(id.is_valid(), "{text:?}");
            let canonical = id.to_token();
            assert_eq!(CellId::from_token(&canonical), Ok(id));
            assert!(
                text.to_ascii_lowercase().starts_with(&canonical),
                "{text:?}"
            );
        }
    }
    if let Ok(id) = CellId::from_debug_string(text) {
        assert!(id.is_valid(), "{text:?}");
        assert_eq!(id.to_debug_string(), text);
    }
}

#[test]
fn corpus_replays_cleanly() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/parse_cell_text");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("fuzz corpus directory") {
        let path = entry.expect("corpus entry").path();
        check(&std::fs::read(&path).expect("corpus file"));
        n += 1;
    }
    assert!(n >= 3, "only {n} corpus files in {dir}");
}
