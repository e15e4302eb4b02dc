//! A throw-away certificate authority for TLS tests, made in the test with OpenSSL (P-256 keys,
//! valid for a week): its certificate for `sslrootcert`, and a server certificate whose only
//! name is the DNS name given.

use std::io::{Error, Result};

use openssl::asn1::{Asn1Integer, Asn1Time};
use openssl::bn::{BigNum, MsbOption};
use openssl::ec::{EcGroup, EcKey};
use openssl::hash::MessageDigest;
use openssl::nid::Nid;
use openssl::pkey::{PKey, Private};
use openssl::x509::extension::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAlternativeName,
    SubjectKeyIdentifier,
};
use openssl::x509::{X509, X509Builder, X509Name};

/// A test certificate authority.
#[derive(Debug)]
pub struct TestCa {
    key: PKey<Private>,
    cert: X509,
}

fn ssl(error: openssl::error::ErrorStack) -> Error {
    Error::other(error.to_string())
}

impl TestCa {
    /// A new self-signed authority named `common_name`.
    pub fn new(common_name: &str) -> Result<TestCa> {
        let key = new_key()?;
        let name = name(common_name)?;
        let mut builder = base(&name, &key)?;
        builder.set_issuer_name(&name).map_err(ssl)?;
        let context = builder.x509v3_context(None, None);
        let ski = SubjectKeyIdentifier::new().build(&context).map_err(ssl)?;
        builder.append_extension(ski).map_err(ssl)?;
        builder
            .append_extension(
                BasicConstraints::new()
                    .critical()
                    .ca()
                    .build()
                    .map_err(ssl)?,
            )
            .map_err(ssl)?;
        builder
            .append_extension(
                KeyUsage::new()
                    .critical()
                    .key_cert_sign()
                    .crl_sign()
                    .build()
                    .map_err(ssl)?,
            )
            .map_err(ssl)?;
        builder.sign(&key, MessageDigest::sha256()).map_err(ssl)?;
        Ok(TestCa {
            key,
            cert: builder.build(),
        })
    }

    /// The authority's certificate, PEM.
    pub fn certificate_pem(&self) -> Result<Vec<u8>> {
        self.cert.to_pem().map_err(ssl)
    }

    /// A server certificate for `dns_name` alone, and its key (both PEM).
    pub fn issue_server(&self, dns_name: &str) -> Result<(Vec<u8>, Vec<u8>)> {
        let key = new_key()?;
        let mut builder = base(&name(dns_name)?, &key)?;
        builder
            .set_issuer_name(self.cert.subject_name())
            .map_err(ssl)?;
        let context = builder.x509v3_context(Some(&self.cert), None);
        let aki = AuthorityKeyIdentifier::new()
            .keyid(false)
            .build(&context)
            .map_err(ssl)?;
        let san = SubjectAlternativeName::new()
            .dns(dns_name)
            .build(&context)
            .map_err(ssl)?;
        builder.append_extension(aki).map_err(ssl)?;
        builder.append_extension(san).map_err(ssl)?;
        builder
            .append_extension(BasicConstraints::new().build().map_err(ssl)?)
            .map_err(ssl)?;
        builder
            .append_extension(
                KeyUsage::new()
                    .critical()
                    .digital_signature()
                    .build()
                    .map_err(ssl)?,
            )
            .map_err(ssl)?;
        builder
            .append_extension(ExtendedKeyUsage::new().server_auth().build().map_err(ssl)?)
            .map_err(ssl)?;
        builder
            .sign(&self.key, MessageDigest::sha256())
            .map_err(ssl)?;
        let cert = builder.build().to_pem().map_err(ssl)?;
        let key = key.private_key_to_pem_pkcs8().map_err(ssl)?;
        Ok((cert, key))
    }
}

fn new_key() -> Result<PKey<Private>> {
    let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).map_err(ssl)?;
    PKey::from_ec_key(EcKey::generate(&group).map_err(ssl)?).map_err(ssl)
}

fn name(common_name: &str) -> Result<X509Name> {
    let mut name = X509Name::builder().map_err(ssl)?;
    name.append_entry_by_nid(Nid::COMMONNAME, common_name)
        .map_err(ssl)?;
    Ok(name.build())
}

/// Version, serial, subject, key and a validity of a week from now.
fn base(subject: &X509Name, key: &PKey<Private>) -> Result<X509Builder> {
    let mut builder = X509Builder::new().map_err(ssl)?;
    builder.set_version(2).map_err(ssl)?;
    let mut serial = BigNum::new().map_err(ssl)?;
    serial
        .rand(127, MsbOption::MAYBE_ZERO, false)
        .map_err(ssl)?;
    let serial: Asn1Integer = serial.to_asn1_integer().map_err(ssl)?;
    builder.set_serial_number(&serial).map_err(ssl)?;
    builder.set_subject_name(subject).map_err(ssl)?;
    builder.set_pubkey(key).map_err(ssl)?;
    let not_before = Asn1Time::days_from_now(0).map_err(ssl)?;
    let not_after = Asn1Time::days_from_now(7).map_err(ssl)?;
    builder.set_not_before(&not_before).map_err(ssl)?;
    builder.set_not_after(&not_after).map_err(ssl)?;
    Ok(builder)
}
