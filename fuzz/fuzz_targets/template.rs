//! A template file's text through the parser and validator (`template::parse`): any bytes give a
//! template or `InvalidTemplate`, never a panic.
#![no_main]

use std::sync::OnceLock;

use dpodesk_core::law::LawRegister;
use libfuzzer_sys::fuzz_target;

fn law() -> &'static LawRegister {
    static LAW: OnceLock<LawRegister> = OnceLock::new();
    LAW.get_or_init(|| LawRegister::bundled().expect("the bundled law register"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = dpodesk_core::template::parse("fuzz.toml", text, law());
    }
});
