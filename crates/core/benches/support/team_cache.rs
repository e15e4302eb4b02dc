//! The filled team database, cached: filling through the store (every row by `api`, with its
//! audit entry, chain hash, row version, search text, findings and summary) takes minutes per
//! thousand assessments, so the first run at a size dumps the database (`pg_dump -Fc`) under
//! `target/bench-data/`, keyed by [`GENERATOR_VERSION`] and the size, and later runs restore it
//! (`pg_restore`) into a fresh private cluster, then bring it to this build's schema with
//! `schema::upgrade`, as `team upgrade` would a firm's. Roles are the cluster's, not the
//! dump's: the database's group roles and its member are made first under the same names
//! (`bench_team`, `bench_team_ann`), so the restored grants and rows name them.

use std::path::{Path, PathBuf};
use std::process::Command;

use dpodesk_team::testing::Team;

use super::{GENERATOR_VERSION, Size, data_dir};

/// The database's name: fixed, since the dump's grants and rows name its roles.
pub const DBNAME: &str = "bench_team";

/// The cached dump of the team database for `size`.
pub fn dump_path(size: Size) -> PathBuf {
    data_dir().join(format!(
        "team-g{GENERATOR_VERSION}-{}x{}.pgdump",
        size.assessments, size.answers
    ))
}

/// `DPODESK_PG_BINDIR`, else the newest `/usr/lib/postgresql/<major>/bin` (what the private
/// cluster itself runs).
fn bin(tool: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os("DPODESK_PG_BINDIR") {
        return Path::new(&dir).join(tool);
    }
    let newest = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL installed under /usr/lib/postgresql")
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .max()
        .expect("a PostgreSQL version");
    PathBuf::from(format!("/usr/lib/postgresql/{newest}/bin/{tool}"))
}

/// A client tool run as the cluster's superuser over its socket; panics on failure.
fn run(team: &Team, tool: &str, args: &[&str]) {
    let cluster = &team.cluster;
    let status = Command::new(bin(tool))
        .args(["-h", &cluster.socket_dir().to_string_lossy()])
        .args(["-p", &cluster.port().to_string(), "-U", "postgres"])
        .args(args)
        .env("PGPASSWORD", cluster.superuser_password())
        .status()
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
    assert!(status.success(), "{tool} failed: {status}");
}

/// Dumps the filled database to the cache (under a temporary name, renamed when complete).
pub fn save(team: &Team, size: Size) {
    let path = dump_path(size);
    std::fs::create_dir_all(data_dir()).expect("bench data dir");
    let partial = path.with_extension("partial");
    run(
        team,
        "pg_dump",
        &["-Fc", "-f", &partial.to_string_lossy(), DBNAME],
    );
    std::fs::rename(&partial, &path).expect("rename the dump");
}

/// Replaces the database by the cached dump, if there is one, and upgrades it to this build's
/// schema; false when there is no dump for `size`.
pub fn restore(team: &Team, size: Size) -> bool {
    let path = dump_path(size);
    if !path.is_file() {
        return false;
    }
    team.cluster
        .admin()
        .batch_execute(&format!("DROP DATABASE \"{DBNAME}\""))
        .expect("drop the empty database");
    // -C: the database as dumped, its CONNECT grants to the group roles included.
    run(
        team,
        "pg_restore",
        &["-C", "-d", "postgres", &path.to_string_lossy()],
    );
    dpodesk_team::schema::upgrade(&mut team.dba()).expect("team upgrade of the restored dump");
    true
}
