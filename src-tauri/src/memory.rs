//! Giving freed heap back to the system after the calls that build the largest answers (the
//! portfolio, a client's overview, the dashboard, the assessment lists, an assessment's view).
//! glibc keeps what such a call freed in its arenas for the next allocation, so the app's
//! resident memory stays at the high-water mark of the biggest list ever drawn; `malloc_trim(0)`
//! returns the free pages. It costs a walk of the heap's free lists, a few milliseconds at most,
//! paid once per such call. `DPODESK_MALLOC_TRIM=0` turns it off, to measure what it saves.

use std::sync::OnceLock;

use tauri::Runtime;
use tauri::ipc::Invoke;

/// The commands whose answers are large enough to leave freed memory worth returning.
const LARGE_ANSWERS: &[&str] = &[
    "get_portfolio",
    "get_client_overview",
    "get_dashboard",
    "list_assessments",
    "get_assessment",
];

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("DPODESK_MALLOC_TRIM").is_none_or(|v| v != "0"))
}

/// The command handler, followed by a trim after the commands with large answers. A synchronous
/// command has built, serialised and handed back its answer when the handler returns, so what it
/// freed is free by then.
pub fn trimmed<R: Runtime>(
    handler: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    move |invoke| {
        let large = enabled() && LARGE_ANSWERS.contains(&invoke.message.command());
        let handled = handler(invoke);
        if large {
            give_back();
        }
        handled
    }
}

/// Returns the heap's free pages to the system (glibc only; elsewhere the allocator's own
/// policy stands). The workspace denies unsafe code; this one foreign call is the exception, as
/// no safe wrapper of `malloc_trim` exists in the dependencies.
#[allow(unsafe_code)]
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            /// glibc's `int malloc_trim(size_t pad)` (malloc.h); pad 0 keeps nothing spare.
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim takes the allocator's own locks and only releases memory that is
        // free; it is safe to call from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
