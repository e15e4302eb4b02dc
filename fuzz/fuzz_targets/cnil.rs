//! A CNIL PIA tool JSON export through `cnil::parse`: a PIA or `InvalidCnil`, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dpodesk_core::cnil::parse(data);
});
