//! A lean webview: the WebKitGTK setting the main window's webview gets at setup, and the one
//! option its JavaScript engine reads from the environment before the web process starts. DPO
//! Desk shows flat forms, tables and lists from its own bundle — no video, no WebGL, no animation,
//! no long-running script — so WebKit's accelerated compositing buys nothing here and costs
//! ~75–110 MiB in the web process (software GL under Xvfb), and its JIT compilers ~10 MiB for
//! script that runs in short bursts. The settings measured and refused (page cache, the
//! document-viewer cache model, memory-pressure limits), each with its numbers and reason, are in
//! docs/benchmarks.md, "A lean webview" and "The chooser's half second, and the web
//! process".
//!
//! Without compositing, WebKitWebDriver's screenshot of an idle page never returns (it waits for a
//! repaint that an unchanged page never makes); the end-to-end harness (tests/e2e/conftest.py)
//! provokes one around each screenshot. The app itself is not affected.
//!
//! Only Linux has WebKitGTK; elsewhere this does nothing.

use tauri::{Runtime, WebviewWindow};

/// Whether to apply the setting: always, unless `DPODESK_WEBVIEW_SETTINGS` is `none` (WebKitGTK's
/// own defaults, kept so the saving can be measured against them and as a way out should a
/// machine's WebKitGTK draw wrongly without compositing).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn lean() -> bool {
    std::env::var("DPODESK_WEBVIEW_SETTINGS")
        .map(|v| v.trim() != "none")
        .unwrap_or(true)
}

/// JavaScriptCore without its JIT compilers, interpreting only (`JSC_useJIT=0`, which the web
/// process reads from the environment it inherits): the web process's heap ~7 MiB smaller and
/// ~4 MiB less of its engine mapped, no timed action measurably slower (docs/benchmarks.md,
/// "The chooser's half second, and the web process"). A value already set is left alone, so
/// `JSC_useJIT=1` brings the JIT back, as does `DPODESK_WEBVIEW_SETTINGS=none`. Must run before
/// WebKit starts and before any thread exists: `run` calls it first.
#[allow(unsafe_code)]
pub fn prepare_environment() {
    #[cfg(target_os = "linux")]
    if lean() && std::env::var_os("JSC_useJIT").is_none() {
        // SAFETY: called first thing in `run`, on the main thread, before Tauri or anything else
        // has started a thread that could read the environment while it changes.
        unsafe { std::env::set_var("JSC_useJIT", "0") };
    }
}

/// Turns accelerated compositing off in `window`'s webview (`hardware-acceleration-policy` =
/// never), on the main thread where GTK lives.
#[cfg(target_os = "linux")]
pub fn make_lean<R: Runtime>(window: &WebviewWindow<R>) -> tauri::Result<()> {
    if !lean() {
        return Ok(());
    }
    window.with_webview(|webview| {
        use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    })
}

#[cfg(not(target_os = "linux"))]
pub fn make_lean<R: Runtime>(_window: &WebviewWindow<R>) -> tauri::Result<()> {
    Ok(())
}
