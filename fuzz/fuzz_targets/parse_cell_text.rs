//! Token and debug-string parsing: never panics, and whatever parses
//! round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;
use s2cells::CellId;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(id) = CellId::from_token(text) {
        if id == CellId::NONE {
            assert_eq!(text, "X");
        } else {
            assert!(id.is_valid());
            // Tokens may carry trailing zeros and upper case; the canonical
            // token is the shortest lowercase form of the same id.
            let canonical = id.to_token();
            assert_eq!(CellId::from_token(&canonical), Ok(id));
            assert!(text.to_ascii_lowercase().starts_with(&canonical));
        }
    }
    if let Ok(id) = CellId::from_debug_string(text) {
        assert!(id.is_valid());
        assert_eq!(id.to_debug_string(), text);
    }
});
