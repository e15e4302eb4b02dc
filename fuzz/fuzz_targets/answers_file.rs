//! An answers file's text against each bundled template (`assessment::parse_answers`): answers or
//! `InvalidAnswers`, never a panic.
#![no_main]

use std::sync::OnceLock;

use dpodesk_core::law::LawRegister;
use dpodesk_core::template::{self, Template};
use libfuzzer_sys::fuzz_target;

fn templates() -> &'static [Template] {
    static TEMPLATES: OnceLock<Vec<Template>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        template::bundled(&LawRegister::bundled().expect("law")).expect("bundled templates")
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for template in templates() {
            let _ = dpodesk_core::assessment::parse_answers("fuzz.toml", text, template);
        }
    }
});
