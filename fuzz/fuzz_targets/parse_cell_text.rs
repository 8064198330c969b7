//! Token and debug-string parsing: never panics, agrees with a plain
//! digit-by-digit token parse, and whatever parses round-trips.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod cell_checks;

fuzz_target!(|data: &[u8]| {
    cell_checks::check_cell_text(data);
});
