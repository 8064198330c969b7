//! The invariants the cell-text fuzz target checks on any bytes, shared
//! with the corpus replay test (`tests/fuzz_corpus.rs` includes this file),
//! so the fuzzer and the stable test check the same things.

use s2cells::CellId;

/// Token and debug-string parsing never panic; a token parses exactly when
/// a plain digit-by-digit parse says it names a valid cell (the SWAR parser
/// against a reference), and whatever parses round-trips.
pub(crate) fn check_cell_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = CellId::from_token(text);
    assert_eq!(
        parsed.as_ref().ok(),
        reference_token(text).as_ref(),
        "{text:?}"
    );
    if let Ok(id) = parsed {
        if id == CellId::NONE {
            assert_eq!(text, "X");
        } else {
            assert!(id.is_valid(), "{text:?}");
            // Tokens may carry trailing zeros and upper case; the canonical
            // token is the shortest lowercase form of the same id.
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

/// The cell a token names, parsed one digit at a time: "X", or 1 to 16
/// hex digits (either case) whose value, padded to 16 digits, is a valid id.
fn reference_token(text: &str) -> Option<CellId> {
    if text == "X" {
        return Some(CellId::NONE);
    }
    if text.is_empty() || text.len() > 16 {
        return None;
    }
    let mut id = 0u64;
    for c in text.chars() {
        id = (id << 4) | u64::from(c.to_digit(16)?);
    }
    CellId::try_from(id << (4 * (16 - text.len()))).ok()
}
