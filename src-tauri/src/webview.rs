//! A lean webview: the WebKitGTK setting the main window's webview gets at setup. DPO Desk shows
//! flat forms, tables and lists from its own bundle — no video, no WebGL, no animation — so
//! WebKit's accelerated compositing buys nothing here and costs ~75–110 MiB in the web process
//! (software GL under Xvfb). The settings measured and refused (page cache, the document-viewer
//! cache model, memory-pressure limits), each with its numbers and reason, are in
//! docs/benchmarks.md, "A lean webview".
//!
//! Only Linux has WebKitGTK; elsewhere this does nothing.

use tauri::{Runtime, WebviewWindow};

/// Whether to apply the setting: only when `DPODESK_WEBVIEW_SETTINGS` is `lean`. Turning
/// compositing off saved 70-110 MiB under Xvfb, but with it WebKitWebDriver's window resize never
/// returns (the end-to-end suite hung at `set_window_size`), so it stays off by default until that
/// is understood (docs/benchmarks.md); the bench can still measure it.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn lean() -> bool {
    std::env::var("DPODESK_WEBVIEW_SETTINGS").is_ok_and(|v| v.trim() == "lean")
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
