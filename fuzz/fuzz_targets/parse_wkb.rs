//! WKB parsing: never panics on any bytes, errors name an offset inside
//! the input, and whatever parses keeps the documented invariants (valid
//! lat/lngs, line strings of 2 positions or more, rings of 3 vertices or
//! more).
#![no_main]

use libfuzzer_sys::fuzz_target;

mod checks;

fuzz_target!(|data: &[u8]| {
    checks::check_wkb(data);
});
