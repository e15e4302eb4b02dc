//! The connection rules against a real server: the private cluster (`cluster`), SCRAM for every
//! login, TLS on 127.0.0.1 with a CA made in the test.

use std::cell::Cell;
use std::os::unix::fs::PermissionsExt;

use zeroize::Zeroizing;

use crate::cluster::{Cluster, Listen, TLS_HOST_NAME, TestCa};
use crate::{Env, Error, connect};

/// A database and a login role of the test's own (roles are cluster-wide).
fn member(cluster: &Cluster, name: &str, password: &str) -> String {
    cluster.create_database(name);
    cluster.create_login(name, password);
    cluster.socket_conninfo(name, name)
}

fn env_with(password: &str) -> Env {
    Env {
        password: Some(Zeroizing::new(password.to_owned())),
        ..Env::default()
    }
}

/// An environment with no password anywhere (the password file points to nothing).
fn empty_env(dir: &std::path::Path) -> Env {
    Env {
        passfile: Some(dir.join("no-pgpass")),
        ..Env::default()
    }
}

fn never_asked(_: &crate::Login) -> Option<Zeroizing<String>> {
    panic!("the prompt must not be asked")
}

/// The error of a connection that had to be refused.
fn refusal(result: crate::Result<postgres::Client>) -> Error {
    match result {
        Ok(_) => panic!("connected where it had to be refused"),
        Err(error) => error,
    }
}

fn current_user(client: &mut postgres::Client) -> String {
    client
        .query_one("SELECT current_user::text", &[])
        .expect("query")
        .get(0)
}

#[test]
fn scram_with_the_password_from_pgpassword() {
    let cluster = Cluster::shared();
    let conninfo = member(&cluster, "m_env", "s3cret env");
    let mut client =
        connect(&conninfo, &env_with("s3cret env"), &mut never_asked).expect("connects");
    assert_eq!(current_user(&mut client), "m_env");

    // The role's password is stored as a SCRAM verifier, and the server's rule for the socket is
    // scram-sha-256: nothing weaker was negotiated.
    let mut admin = cluster.admin();
    let stored: String = admin
        .query_one(
            "SELECT rolpassword FROM pg_authid WHERE rolname = 'm_env'",
            &[],
        )
        .expect("query")
        .get(0);
    assert!(stored.starts_with("SCRAM-SHA-256$"), "{stored}");
    let methods: Vec<String> = admin
        .query("SELECT DISTINCT auth_method FROM pg_hba_file_rules", &[])
        .expect("query")
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(methods, ["scram-sha-256"]);
    let listen: String = admin
        .query_one("SHOW listen_addresses", &[])
        .expect("query")
        .get(0);
    assert_eq!(
        listen, "",
        "the socket-only cluster listens on no TCP address"
    );

    let wrong = refusal(connect(&conninfo, &env_with("wrong"), &mut never_asked));
    assert!(
        matches!(&wrong, Error::AuthenticationFailed { user } if user == "m_env"),
        "{wrong:?}"
    );
}

#[test]
fn the_password_file_named_by_pgpassfile() {
    let cluster = Cluster::shared();
    let conninfo = member(&cluster, "m_file", "from:file");
    let dir = tempfile::tempdir().expect("tempdir");
    let passfile = dir.path().join("pgpass");
    std::fs::write(
        &passfile,
        format!("localhost:{}:m_file:m_file:from\\:file\n", cluster.port()),
    )
    .expect("write");
    std::fs::set_permissions(&passfile, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let env = Env {
        passfile: Some(passfile.clone()),
        ..Env::default()
    };
    let mut client = connect(&conninfo, &env, &mut never_asked).expect("connects");
    assert_eq!(current_user(&mut client), "m_file");

    std::fs::set_permissions(&passfile, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let open = refusal(connect(&conninfo, &env, &mut never_asked));
    assert!(
        matches!(open, Error::PassfileTooOpen { mode: 0o644, .. }),
        "{open:?}"
    );
}

#[test]
fn the_prompt_is_asked_only_when_nothing_else_has_the_password() {
    let cluster = Cluster::shared();
    let conninfo = member(&cluster, "m_prompt", "typed");
    let dir = tempfile::tempdir().expect("tempdir");
    let env = empty_env(dir.path());
    let asked = Cell::new(0);
    let mut prompt = |login: &crate::Login| {
        asked.set(asked.get() + 1);
        assert_eq!(
            (login.user.as_str(), login.dbname.as_str()),
            ("m_prompt", "m_prompt")
        );
        Some(Zeroizing::new("typed".to_owned()))
    };
    let mut client = connect(&conninfo, &env, &mut prompt).expect("connects");
    assert_eq!(
        (current_user(&mut client), asked.get()),
        ("m_prompt".to_owned(), 1)
    );

    let declined = refusal(connect(&conninfo, &env, &mut |_| None));
    assert!(
        matches!(&declined, Error::PasswordNeeded { user } if user == "m_prompt"),
        "{declined:?}"
    );
}

#[test]
fn a_password_in_the_connection_string_is_refused_before_connecting() {
    let cluster = Cluster::shared();
    let conninfo = member(&cluster, "m_inline", "inline");
    let dir = tempfile::tempdir().expect("tempdir");
    for text in [
        format!("{conninfo} password=inline"),
        format!(
            "postgresql://m_inline:inline@{}:{}/m_inline",
            cluster
                .socket_dir()
                .display()
                .to_string()
                .replace('/', "%2F"),
            cluster.port()
        ),
    ] {
        let refused = refusal(connect(&text, &empty_env(dir.path()), &mut never_asked));
        assert!(
            matches!(refused, Error::PasswordInConnInfo),
            "{text}: {refused:?}"
        );
    }
}

fn tls_conninfo(cluster: &Cluster, host: &str, extra: &str) -> String {
    format!(
        "host={host} port={} user=m_tls dbname=m_tls {extra}",
        cluster.port()
    )
}

/// The TLS tests share one role and database, made by the first of them on each cluster.
fn tls_member(cluster: &Cluster) {
    static MAKING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = MAKING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut admin = cluster.admin();
    let exists = admin
        .query_opt("SELECT 1 FROM pg_database WHERE datname = 'm_tls'", &[])
        .expect("query")
        .is_some();
    if !exists {
        admin
            .batch_execute("CREATE ROLE m_tls LOGIN PASSWORD 'over tls'")
            .expect("CREATE ROLE");
        admin
            .batch_execute("CREATE DATABASE m_tls OWNER m_tls")
            .expect("CREATE DATABASE");
    }
}

#[test]
fn tls_with_the_right_ca_and_host_name_is_verified_and_encrypted() {
    let cluster = Cluster::shared_tls();
    tls_member(&cluster);
    let ca = cluster
        .ca_certificate()
        .expect("the TLS cluster has a CA")
        .display()
        .to_string();
    // host names the certificate; hostaddr says where it is, as in libpq.
    let conninfo = tls_conninfo(
        &cluster,
        TLS_HOST_NAME,
        &format!("hostaddr=127.0.0.1 sslrootcert={ca}"),
    );
    let mut client = connect(&conninfo, &env_with("over tls"), &mut never_asked).expect("connects");
    let row = client
        .query_one(
            "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .expect("query");
    let (ssl, version): (bool, String) = (row.get(0), row.get(1));
    assert!(ssl);
    assert!(version == "TLSv1.2" || version == "TLSv1.3", "{version}");
    assert_eq!(current_user(&mut client), "m_tls");
}

#[test]
fn tls_with_another_ca_is_refused() {
    let cluster = Cluster::shared_tls();
    tls_member(&cluster);
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("other-ca.pem");
    let pem = TestCa::new("Someone else's CA")
        .and_then(|ca| ca.certificate_pem())
        .expect("a CA");
    std::fs::write(&other, pem).expect("write");
    let conninfo = tls_conninfo(
        &cluster,
        TLS_HOST_NAME,
        &format!("hostaddr=127.0.0.1 sslrootcert={}", other.display()),
    );
    let refused = refusal(connect(&conninfo, &env_with("over tls"), &mut never_asked));
    assert!(
        matches!(&refused, Error::CertificateRefused { host, reason } if host == TLS_HOST_NAME && reason.contains("issuer")),
        "{refused:?}"
    );
}

#[test]
fn tls_to_a_host_name_the_certificate_does_not_name_is_refused_even_under_require() {
    let cluster = Cluster::shared_tls();
    tls_member(&cluster);
    let ca = cluster
        .ca_certificate()
        .expect("the TLS cluster has a CA")
        .display()
        .to_string();
    for extra in [
        format!("sslrootcert={ca}"),
        format!("sslmode=require sslrootcert={ca}"),
    ] {
        let conninfo = tls_conninfo(&cluster, "127.0.0.1", &extra);
        let refused = refusal(connect(&conninfo, &env_with("over tls"), &mut never_asked));
        assert!(
            matches!(&refused, Error::CertificateRefused { host, reason } if host == "127.0.0.1" && reason.contains("mismatch")),
            "{extra}: {refused:?}"
        );
    }
    let plaintext = refusal(connect(
        &tls_conninfo(&cluster, "127.0.0.1", "sslmode=prefer"),
        &env_with("over tls"),
        &mut never_asked,
    ));
    assert!(
        matches!(plaintext, Error::InsecureSslMode { .. }),
        "{plaintext:?}"
    );
}

#[test]
fn a_server_without_tls_is_refused_never_used_in_plaintext() {
    let cluster = Cluster::start(Listen::SocketAndPlainTcp).expect("a plaintext cluster starts");
    cluster.create_login("m_plain", "plain");
    // The socket works; the same server over TCP, where it cannot offer TLS, is refused.
    let mut client = connect(
        &cluster.socket_conninfo("m_plain", "postgres"),
        &env_with("plain"),
        &mut never_asked,
    )
    .expect("the socket connects");
    assert_eq!(current_user(&mut client), "m_plain");
    let conninfo = format!(
        "host=127.0.0.1 port={} user=m_plain dbname=postgres sslmode=require",
        cluster.port()
    );
    let refused = refusal(connect(&conninfo, &env_with("plain"), &mut never_asked));
    assert!(
        matches!(&refused, Error::TlsUnavailable { host } if host == "127.0.0.1"),
        "{refused:?}"
    );
}
