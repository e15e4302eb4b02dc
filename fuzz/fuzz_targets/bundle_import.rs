//! A bundle file, or a decrypted bundle stream, through an import's whole first pass
//! (`bundle::fuzz_check`): header, key check, segments, manifest, rows, audit chain, blobs.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dpodesk_core::bundle::fuzz_check(data);
});
