//! `cargo xtask screenshots`: every main screen of the app, in Chinese and English, at 1280×800
//! and 1024×700, saved under `target/screenshots/` to be looked at before a layout change is
//! called done. It reuses the end-to-end harness (Xvfb, tauri-driver, the debug app) and a demo
//! vault made by the CLI, so the screens show realistic work rather than empty lists.

use crate::error::XtaskError;
use crate::step::{Step, target_dir};
use crate::{build_ui_step, prepare_tests};

pub fn run() -> Result<(), XtaskError> {
    let tools = prepare_tests()?;
    build_ui_step().run()?;
    Step::new("build the desktop app and the CLI")
        .cargo(&["build", "-p", "dpodesk-app", "-p", "dpodesk-cli"])
        .run()?;
    let out = target_dir().join("screenshots");
    tools
        .pytest(
            "save every main screen (pytest, Xvfb, tauri-driver)",
            // Not a test file: named on the command line, so collected only here.
            &["-o", "python_files=screens.py", "tests/e2e/screens.py"],
        )
        .env("DPODESK_SCREENSHOTS", &out)
        .run()?;
    println!("==> screenshots in {}", out.display());
    Ok(())
}
