//! Team mode's connection to a firm's PostgreSQL (15+): the rules every session follows; the
//! database side — [`schema`] (tables, roles, row-level security, the rules the database
//! enforces), [`members`], [`audit`], [`erase`], [`search`] (docs/team-mode.md); and (feature
//! `test-cluster`) a private cluster for tests. [`write`] runs units of work and [`store`] holds
//! the statements of core's storage interface, which core's team back-end calls.
//!
//! # The client library, chosen for what it must do
//! rust-postgres (`postgres`, the blocking façade over `tokio-postgres`) with OpenSSL through
//! `postgres-openssl`:
//! - it speaks SCRAM-SHA-256 (with channel binding over TLS), the authentication the firm's
//!   server should require; LDAP needs nothing from the client (the server checks the password
//!   against the directory through `pg_hba.conf`'s `ldap` method), so it works too;
//! - it is pure Rust above OpenSSL, which the Tauri app already links on Linux: no libpq to ship
//!   on Windows and macOS, and no C library between the app and its memory-safety rules;
//! - what it lacks we either refuse or do ourselves: it would fall back to plaintext under its
//!   default `sslmode=prefer` and does not verify host names unless told — here every network
//!   connection is TLS with the certificate chain AND the host name verified (`target`,
//!   `tls`), whatever `sslmode` says (`require` and `verify-ca` are taken as `verify-full`;
//!   `disable`, `allow` and `prefer` on a network host are refused); it reads neither
//!   `~/.pgpass` nor `sslrootcert`, so `password` and `tls` do, by libpq's rules.
//! - The price: **no GSSAPI/Kerberos**. rust-postgres has none and libpq has; a firm that
//!   needs Kerberos single sign-on is not served by this choice, and team mode does not promise
//!   it. Switching to libpq later would change this crate only.
//!
//! # The rules
//! - A password is never in the connection string (refused: [`Error::PasswordInConnInfo`]) nor
//!   an argument: it comes from `PGPASSWORD`, else the password file (`PGPASSFILE`, else
//!   `~/.pgpass`, which must not be readable by others), else the door's prompt, asked only
//!   when the server wants a password. It lives in `Zeroizing` buffers.
//! - A Unix socket (a host that is a path) needs no TLS; anything else is TLS, verified.
//! - `sslrootcert` names the only trusted authorities; `sslrootcert=system`, or neither it nor
//!   `~/.postgresql/root.crt`, means the operating system's trust store.
//! - Connection parameters this crate does not honour are refused, never silently ignored; one
//!   host per connection string.

pub mod audit;
#[cfg(any(test, feature = "test-cluster"))]
pub mod cluster;
mod connect;
pub mod conninfo;
mod denied;
pub mod erase;
pub mod error;
pub mod members;
pub mod password;
pub mod schema;
pub mod search;
pub mod store;
pub mod target;
#[cfg(any(test, feature = "test-cluster"))]
pub mod testing;
mod tls;
pub mod write;

pub use connect::{Login, Prompt, connect, connect_as};
pub use error::{Entity, Error, Lang, Result, Unsupported};
pub use password::Env;
/// A session on the team database (rust-postgres' blocking client), as `connect` opens it.
pub use postgres::{Client, Transaction};
