//! SQLCipher's process-wide set-up, finished before core opens its first connection.
//!
//! SQLite marks itself initialised, and lets every other thread through `sqlite3_initialize`,
//! before it runs SQLCipher's own set-up (`SQLITE_EXTRA_INIT`); that set-up registers
//! `sqlcipher_export` for new connections only at its very end. A connection another thread
//! opened in that window never has the function, for as long as it stays open: a backup on it
//! failed with "no such function: sqlcipher_export". It happened to the first vaults of a
//! parallel test run (tests/it `backup::`), and would to any program opening its first two
//! connections at once.

use std::sync::Once;
use std::time::{Duration, Instant};

use rusqlite::Connection;

/// How long to wait for another thread to finish SQLCipher's set-up: it takes microseconds, so
/// this is only reached when the set-up failed (the export then fails with its own error).
const SET_UP_LIMIT: Duration = Duration::from_secs(10);

/// Returns once SQLCipher's set-up is complete: a new connection has `sqlcipher_export`. The
/// first caller initialises SQLite itself (SQLCipher's set-up then runs in this thread before
/// `sqlite3_initialize` returns); if another thread got there first, this waits for it.
pub(super) fn sqlcipher_ready() {
    static READY: Once = Once::new();
    READY.call_once(|| {
        let started = Instant::now();
        while !export_registered() && started.elapsed() < SET_UP_LIMIT {
            std::thread::yield_now();
        }
    });
}

/// Whether a connection opened now gets `sqlcipher_export` (preparing a call needs the function
/// to exist; nothing is run).
fn export_registered() -> bool {
    Connection::open_in_memory()
        .and_then(|conn| conn.prepare("SELECT sqlcipher_export('main')").map(|_| ()))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_connection_opened_after_the_set_up_can_export() {
        sqlcipher_ready();
        assert!(export_registered());
        let conn = Connection::open_in_memory().expect("memory");
        let missing = conn
            .prepare("SELECT no_such_function_here('main')")
            .map(|_| ())
            .expect_err("an unknown function is refused when prepared");
        assert!(
            missing.to_string().contains("no such function"),
            "{missing}"
        );
    }
}
