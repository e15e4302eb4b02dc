//! Where the waits go, on request: with `DPODESK_TIMINGS=1` the shell writes to stderr how long
//! each IPC command took, one line each (`dpodesk-timing <what> <ms> ms`). Only command names
//! and durations: never an argument or a result, which hold client data. Off by default, and
//! then it costs one flag check per command.

use std::sync::OnceLock;
use std::time::Instant;

use tauri::Runtime;
use tauri::ipc::Invoke;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("DPODESK_TIMINGS").is_some_and(|v| v == "1"))
}

/// Writes how long `what` has taken since `started`, when timings are on.
pub fn record(what: &str, started: Instant) {
    if enabled() {
        eprintln!(
            "dpodesk-timing {what} {:.1} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Writes when `what` happened (milliseconds since the Unix epoch, the clock the bench script
/// and the webview's `performance.timeOrigin` also read), when timings are on: a wait that spans
/// the shell, a native dialog and the webview is split by lining such marks up. The line has no
/// ` ms` ending, so it is never read as a duration.
pub fn mark(what: &str) {
    if enabled() {
        let at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        eprintln!("dpodesk-timing at {what} {at:.1}");
    }
}

/// The command handler, timed. A synchronous command runs, and its answer is serialised and
/// handed back, inside the handler, so the time is the whole of the shell's part; an `async`
/// command only starts there, so its line says `started` and the command times its own work
/// ([`record`]).
pub fn timed<R: Runtime>(
    handler: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke| {
        if !enabled() {
            return handler(invoke);
        }
        let command = invoke.message.command().to_owned();
        let started = Instant::now();
        let handled = handler(invoke);
        record(&format!("ipc {command}"), started);
        handled
    }
}
