//! GeoJSON parsing: never panics on any bytes, and whatever parses keeps
//! the documented invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod checks;

fuzz_target!(|data: &[u8]| {
    checks::check_geojson(data);
});
