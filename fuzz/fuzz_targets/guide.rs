//! Fuzz target: one guide file (front matter + Markdown, any bytes) through
//! parse → resolve → check → both report formats. Any panic is a bug:
//! bad input must only ever produce diagnostics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    tebiki::check::fuzz::guide(data);
});
