//! A private PostgreSQL cluster for tests: `initdb` into a temporary directory, a Unix socket in
//! that directory and no TCP port (or, for TLS tests, 127.0.0.1 on a free port with a test CA's
//! certificate), SCRAM-SHA-256 for every login, started with `pg_ctl -w` (which waits until the
//! server accepts connections) and stopped with `pg_ctl stop -m fast` when the last holder drops
//! it — a failing test included, since unwinding drops it too. As root (CI) the server runs as
//! the `postgres` user through `runuser`, since initdb and postgres refuse to run as root; on a
//! developer's machine it runs as the developer. Never in a release build (feature
//! `test-cluster`).

mod certs;

use std::io::{Error, Result};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex, Weak};

use tempfile::TempDir;
use zeroize::Zeroizing;

pub use certs::TestCa;

use crate::password::Env;

/// The superuser initdb creates.
pub const SUPERUSER: &str = "postgres";
/// The host name in the TLS cluster's certificate (not 127.0.0.1: tests show a mismatch refused).
pub const TLS_HOST_NAME: &str = "db.example.test";

/// Where the cluster listens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listen {
    /// The Unix socket only.
    Socket,
    /// The socket, and TLS on 127.0.0.1 (`hostssl` only: no plaintext over TCP).
    SocketAndTls,
    /// The socket, and plaintext TCP on 127.0.0.1 with TLS off: the server a client must refuse
    /// rather than fall back to.
    SocketAndPlainTcp,
}

/// A running private cluster; stopped and deleted on drop.
#[derive(Debug)]
pub struct Cluster {
    dir: TempDir,
    bin: PathBuf,
    owner: Option<(u32, u32)>,
    port: u16,
    password: Zeroizing<String>,
    ca: Option<PathBuf>,
}

static SHARED: Mutex<Weak<Cluster>> = Mutex::new(Weak::new());
static SHARED_TLS: Mutex<Weak<Cluster>> = Mutex::new(Weak::new());

impl Cluster {
    /// The socket-only cluster the tests running now share (started by the first of them,
    /// stopped when the last lets go); give each test its own database and roles.
    pub fn shared() -> Arc<Cluster> {
        shared_in(&SHARED, Listen::Socket)
    }

    /// The same, listening with TLS on 127.0.0.1 too.
    pub fn shared_tls() -> Arc<Cluster> {
        shared_in(&SHARED_TLS, Listen::SocketAndTls)
    }

    /// Creates and starts a cluster of its own.
    pub fn start(listen: Listen) -> Result<Cluster> {
        let bin = bin_dir()?;
        let owner = if is_root()? {
            Some(postgres_ids()?)
        } else {
            None
        };
        let dir = tempfile::Builder::new().prefix("dpodesk-pg-").tempdir()?;
        let port = match listen {
            Listen::Socket => 5432,
            Listen::SocketAndTls | Listen::SocketAndPlainTcp => free_port()?,
        };
        let mut cluster = Cluster {
            dir,
            bin,
            owner,
            port,
            password: Zeroizing::new(format!("pw-{}", uuid_like())),
            ca: None,
        };
        cluster.chown(cluster.dir.path())?;
        cluster.initdb()?;
        cluster.configure(listen)?;
        cluster
            .pg_ctl(&[
                "start",
                "-w",
                "-t",
                "120",
                "-l",
                &cluster.path("server.log"),
            ])
            .map_err(|e| Error::other(format!("{e}\n{}", cluster.server_log())))?;
        Ok(cluster)
    }

    /// The directory of the cluster's Unix socket (a `host=` value).
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The superuser's password (SCRAM applies to the superuser too).
    pub fn superuser_password(&self) -> &str {
        &self.password
    }

    /// The test CA's certificate (PEM) that signed the TLS cluster's certificate.
    pub fn ca_certificate(&self) -> Option<&Path> {
        self.ca.as_deref()
    }

    /// A connection string for `user` on `dbname` through the socket.
    pub fn socket_conninfo(&self, user: &str, dbname: &str) -> String {
        format!(
            "host={} port={} user={user} dbname={dbname}",
            self.socket_dir().display(),
            self.port
        )
    }

    /// A superuser session over the socket (through the crate's own `connect`).
    pub fn admin(&self) -> postgres::Client {
        let env = Env {
            password: Some(self.password.clone()),
            ..Env::default()
        };
        crate::connect(
            &self.socket_conninfo(SUPERUSER, "postgres"),
            &env,
            &mut |_| None,
        )
        .expect("the superuser connects to the private cluster")
    }

    /// A fresh database for one test.
    pub fn create_database(&self, name: &str) {
        self.admin()
            .batch_execute(&format!("CREATE DATABASE \"{name}\""))
            .expect("CREATE DATABASE");
    }

    /// A login role with a SCRAM password (roles are cluster-wide: give each test its own names).
    pub fn create_login(&self, name: &str, password: &str) {
        let mut admin = self.admin();
        let literal = password.replace('\'', "''");
        admin
            .batch_execute(&format!(
                "SET password_encryption = 'scram-sha-256'; CREATE ROLE \"{name}\" LOGIN PASSWORD '{literal}'"
            ))
            .expect("CREATE ROLE");
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    fn data(&self) -> String {
        self.path("data")
    }

    /// What the server wrote to its log so far.
    pub fn server_log(&self) -> String {
        std::fs::read_to_string(self.path("server.log")).unwrap_or_default()
    }

    fn initdb(&self) -> Result<()> {
        // The password goes to initdb through a file the server's user alone can read, never
        // on its command line (which every local user can list).
        let pwfile = self.dir.path().join("superuser.pw");
        self.write_private(&pwfile, self.password.as_bytes())?;
        let data = self.data();
        let pwfile_arg = format!("--pwfile={}", pwfile.display());
        let result = self.run(
            "initdb",
            &[
                "-D",
                &data,
                "--locale=C.UTF-8",
                "--encoding=UTF8",
                "--auth=scram-sha-256",
                "--username",
                SUPERUSER,
                &pwfile_arg,
                "--no-sync",
                "--no-instructions",
            ],
        );
        std::fs::remove_file(&pwfile)?;
        result
    }

    fn configure(&mut self, listen: Listen) -> Result<()> {
        let data = PathBuf::from(self.data());
        let mut conf = format!(
            "\n# dpodesk test cluster\nport = {}\nunix_socket_directories = '{}'\n\
             fsync = off\nfull_page_writes = off\nsynchronous_commit = off\n",
            self.port,
            self.dir.path().display()
        );
        match listen {
            Listen::Socket => conf.push_str("listen_addresses = ''\n"),
            Listen::SocketAndPlainTcp => {
                conf.push_str("listen_addresses = '127.0.0.1'\nssl = off\n");
            }
            Listen::SocketAndTls => {
                conf.push_str(
                    "listen_addresses = '127.0.0.1'\nssl = on\nssl_cert_file = 'server.crt'\n\
                     ssl_key_file = 'server.key'\n",
                );
                let ca = TestCa::new("DPO Desk test CA")?;
                let (cert, key) = ca.issue_server(TLS_HOST_NAME)?;
                self.write_private(&data.join("server.crt"), &cert)?;
                self.write_private(&data.join("server.key"), &key)?;
                let ca_path = self.dir.path().join("ca.pem");
                std::fs::write(&ca_path, ca.certificate_pem()?)?;
                self.ca = Some(ca_path);
                // Only TLS over TCP: a plaintext attempt finds no pg_hba line.
                std::fs::write(
                    data.join("pg_hba.conf"),
                    "local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\n",
                )?;
            }
        }
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(data.join("postgresql.conf"))?;
        std::io::Write::write_all(&mut file, conf.as_bytes())
    }

    fn pg_ctl(&self, args: &[&str]) -> Result<()> {
        let data = self.data();
        let mut all = vec!["-D", data.as_str()];
        all.extend_from_slice(args);
        self.run("pg_ctl", &all)
    }

    /// Runs one of the server's programs as the server's user.
    fn run(&self, program: &str, args: &[&str]) -> Result<()> {
        let exe = self.bin.join(program);
        let mut command = if self.owner.is_some() {
            let mut runuser = Command::new("runuser");
            runuser.args(["-u", SUPERUSER, "--"]).arg(&exe);
            runuser
        } else {
            Command::new(&exe)
        };
        let output = command.args(args).current_dir(self.dir.path()).output()?;
        if output.status.success() {
            return Ok(());
        }
        Err(Error::other(format!(
            "{program} {} failed ({}): {}{}",
            args.join(" "),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )))
    }

    fn write_private(&self, path: &Path, contents: &[u8]) -> Result<()> {
        std::fs::write(path, contents)?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        self.chown(path)
    }

    fn chown(&self, path: &Path) -> Result<()> {
        match self.owner {
            Some((uid, gid)) => std::os::unix::fs::chown(path, Some(uid), Some(gid)),
            None => Ok(()),
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Err(error) = self.pg_ctl(&["stop", "-m", "fast", "-w"]) {
            eprintln!("stopping the test cluster: {error}");
        }
    }
}

fn shared_in(slot: &Mutex<Weak<Cluster>>, listen: Listen) -> Arc<Cluster> {
    // A poisoned lock only means another test panicked while starting; start afresh.
    let mut weak = slot
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(cluster) = weak.upgrade() {
        return cluster;
    }
    let cluster = Arc::new(Cluster::start(listen).expect("the private PostgreSQL cluster starts"));
    *weak = Arc::downgrade(&cluster);
    cluster
}

/// `DPODESK_PG_BINDIR`, else the newest `/usr/lib/postgresql/<major>/bin` (Debian's layout) of
/// major version 15 or later.
fn bin_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("DPODESK_PG_BINDIR") {
        return Ok(PathBuf::from(dir));
    }
    let newest = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|e| Error::other(format!("PostgreSQL 15+ not installed (/usr/lib/postgresql: {e}): run cargo xtask test, or apt-get install postgresql")))?
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|major| *major >= 15)
        .max()
        .ok_or_else(|| Error::other("PostgreSQL 15 or later not found under /usr/lib/postgresql"))?;
    Ok(PathBuf::from(format!("/usr/lib/postgresql/{newest}/bin")))
}

fn is_root() -> Result<bool> {
    Ok(std::fs::metadata("/proc/self")?.uid() == 0)
}

/// The `postgres` user's uid and gid, from /etc/passwd (the package creates it).
fn postgres_ids() -> Result<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd")?;
    passwd
        .lines()
        .find_map(|line| {
            let fields: Vec<&str> = line.split(':').collect();
            (fields.first() == Some(&SUPERUSER) && fields.len() > 3)
                .then(|| Some((fields[2].parse().ok()?, fields[3].parse().ok()?)))
                .flatten()
        })
        .ok_or_else(|| Error::other("running as root and no `postgres` user to run the server as"))
}

/// A port free on 127.0.0.1 now (the server binds it a moment later; nothing else on a test
/// machine races for fresh ephemeral ports).
fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

fn uuid_like() -> String {
    let mut bytes = [0u8; 16];
    openssl::rand::rand_bytes(&mut bytes).unwrap_or_default();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
