//! The TLS side of a network connection: OpenSSL, peer verification on, the host name (or IP
//! address) checked against the certificate's names, TLS 1.2 at least, and the trusted
//! authorities chosen by [`Trust`]. A verification failure is recorded as it happens so that
//! the error can say why (unknown authority, host name mismatch, expired …).

use std::sync::{Arc, Mutex};

use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode, SslVersion};
use openssl::x509::X509;
use openssl::x509::store::X509StoreBuilder;
use postgres_openssl::MakeTlsConnector;

use crate::error::{Error, Result};
use crate::target::Trust;

/// The reason OpenSSL gave for refusing the server's certificate, once it did.
#[derive(Debug, Clone, Default)]
pub struct Refusal(Arc<Mutex<Option<String>>>);

impl Refusal {
    pub fn reason(&self) -> Option<String> {
        self.0.lock().ok().and_then(|slot| slot.clone())
    }
}

/// A connector that verifies the chain against `trust` and the host name; its [`Refusal`]
/// fills in when verification fails.
pub fn connector(trust: &Trust) -> Result<(MakeTlsConnector, Refusal)> {
    let mut builder = SslConnector::builder(SslMethod::tls_client()).map_err(tls_setup)?;
    builder
        .set_min_proto_version(Some(SslVersion::TLS1_2))
        .map_err(tls_setup)?;
    if let Trust::RootCert(path) = trust {
        let unreadable = |detail: String| Error::RootCertUnreadable {
            path: path.clone(),
            detail,
        };
        let pem = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
        let certs = X509::stack_from_pem(&pem).map_err(|e| unreadable(e.to_string()))?;
        if certs.is_empty() {
            return Err(unreadable("no PEM certificate in it".to_owned()));
        }
        // Only the authorities of sslrootcert, as libpq: the system's are not added to them.
        let mut store = X509StoreBuilder::new().map_err(tls_setup)?;
        for cert in certs {
            store
                .add_cert(cert)
                .map_err(|e| unreadable(e.to_string()))?;
        }
        builder.set_cert_store(store.build());
    }
    let refusal = Refusal::default();
    let slot = refusal.0.clone();
    let mut connector = MakeTlsConnector::new(builder.build());
    connector.set_callback(move |config, _domain| {
        // SslConnector already turns on host-name verification for `_domain` (an IP address
        // is matched against the certificate's IP names); this only records why it failed.
        let slot = slot.clone();
        config.set_verify_callback(SslVerifyMode::PEER, move |ok, context| {
            if !ok && let Ok(mut reason) = slot.lock() {
                reason.get_or_insert_with(|| context.error().error_string().to_owned());
            }
            ok
        });
        Ok(())
    });
    Ok((connector, refusal))
}

fn tls_setup(error: openssl::error::ErrorStack) -> Error {
    Error::Connect {
        host: String::new(),
        detail: format!("TLS could not be set up: {error}"),
    }
}
