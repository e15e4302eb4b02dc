//! The bundle file's layout: a plaintext header, then the encrypted stream (see `crypto`), whose
//! plaintext is a sequence of frames. Only this module knows byte offsets.
//!
//! Header (84 bytes, all of it authenticated as associated data of every encrypted segment):
//!
//! | bytes | field                                                         |
//! |-------|---------------------------------------------------------------|
//! | 14    | magic `DPODESK-BUNDLE`                                         |
//! | 2     | format version, big-endian (this build writes 2, reads 1 and 2) |
//! | 1     | key derivation: 1 = Argon2id v1.3                             |
//! | 4+4+4 | Argon2 memory (KiB), passes, lanes, big-endian                |
//! | 16    | salt                                                          |
//! | 7     | STREAM nonce prefix                                           |
//! | 32    | key check: SHA-256 over a label and the second half of the derived key |
//!
//! Plaintext frames: a tag byte, a big-endian u64 length, the bytes. One `M` (the manifest, JSON),
//! then one `B` per template snapshot (canonical JSON), per evidence file and per report in the
//! manifest's row order, then an empty `E`.
//!
//! Format 2 carries each template snapshot once, in `template_snapshots`, and assessments name it
//! by hash (`template_sha256`); format 1 kept a copy inside every assessment row
//! (`template_snapshot`), which an import still reads (`contents`).

use std::io::{Read, Write};

use super::{Damage, Newer};
use crate::error::{Error, Result};

pub const MAGIC: &[u8; 14] = b"DPODESK-BUNDLE";
/// The bundle format this build writes, and the newest it reads.
pub const FORMAT_VERSION: u16 = 2;
pub const HEADER_LEN: usize = 14 + 2 + 1 + 12 + 16 + 7 + 32;

const KDF_ARGON2ID: u8 = 1;

/// Argon2id cost parameters, as carried in the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
}

impl KdfParams {
    /// What export uses: RFC 9106's second recommended setting (64 MiB, 3 passes), one lane.
    pub const DEFAULT: KdfParams = KdfParams {
        m_cost_kib: 64 * 1024,
        t_cost: 3,
        p_cost: 1,
    };
    /// The most an import will spend on a header's say-so (1 GiB, 16 passes, 16 lanes), so that a
    /// damaged or hostile header cannot exhaust the machine.
    const MAX: KdfParams = KdfParams {
        m_cost_kib: 1024 * 1024,
        t_cost: 16,
        p_cost: 16,
    };

    fn in_range(&self) -> bool {
        (1..=Self::MAX.t_cost).contains(&self.t_cost)
            && (1..=Self::MAX.p_cost).contains(&self.p_cost)
            && (8 * self.p_cost..=Self::MAX.m_cost_kib).contains(&self.m_cost_kib)
    }
}

/// The plaintext header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub version: u16,
    pub kdf: KdfParams,
    pub salt: [u8; 16],
    pub nonce: [u8; 7],
    pub key_check: [u8; 32],
}

impl Header {
    pub fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        let mut at = 0;
        let mut put = |bytes: &[u8]| {
            out[at..at + bytes.len()].copy_from_slice(bytes);
            at += bytes.len();
        };
        put(MAGIC);
        put(&self.version.to_be_bytes());
        put(&[KDF_ARGON2ID]);
        put(&self.kdf.m_cost_kib.to_be_bytes());
        put(&self.kdf.t_cost.to_be_bytes());
        put(&self.kdf.p_cost.to_be_bytes());
        put(&self.salt);
        put(&self.nonce);
        put(&self.key_check);
        out
    }

    /// Reads and checks a header: the magic, then the version (a newer one is refused before
    /// anything else is read), then the key derivation and its bounds.
    pub fn parse(bytes: &[u8]) -> Result<Header> {
        if bytes.len() < MAGIC.len() + 2 {
            return Err(if MAGIC.starts_with(bytes) && !bytes.is_empty() {
                damaged(Damage::HeaderCut)
            } else {
                damaged(Damage::NotABundle)
            });
        }
        if &bytes[..MAGIC.len()] != MAGIC {
            return Err(damaged(Damage::NotABundle));
        }
        let version = u16::from_be_bytes([bytes[14], bytes[15]]);
        if version > FORMAT_VERSION {
            return Err(Error::BundleTooNew(Newer::Format {
                found: version,
                known: FORMAT_VERSION,
            }));
        }
        if version == 0 {
            return Err(damaged(Damage::BadHeader));
        }
        if bytes.len() < HEADER_LEN {
            return Err(damaged(Damage::HeaderCut));
        }
        if bytes[16] != KDF_ARGON2ID {
            return Err(damaged(Damage::BadHeader));
        }
        let word = |at: usize| {
            u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        let kdf = KdfParams {
            m_cost_kib: word(17),
            t_cost: word(21),
            p_cost: word(25),
        };
        if !kdf.in_range() {
            return Err(damaged(Damage::BadHeader));
        }
        let mut header = Header {
            version,
            kdf,
            salt: [0; 16],
            nonce: [0; 7],
            key_check: [0; 32],
        };
        header.salt.copy_from_slice(&bytes[29..45]);
        header.nonce.copy_from_slice(&bytes[45..52]);
        header.key_check.copy_from_slice(&bytes[52..84]);
        Ok(header)
    }
}

/// Reads the header at the start of a bundle file.
pub fn read_header(reader: &mut impl Read) -> Result<Header> {
    let mut bytes = Vec::with_capacity(HEADER_LEN);
    reader
        .take(HEADER_LEN as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("bundle", e))?;
    Header::parse(&bytes)
}

pub const TAG_MANIFEST: u8 = b'M';
pub const TAG_BLOB: u8 = b'B';
pub const TAG_END: u8 = b'E';

pub fn write_frame_header(out: &mut impl Write, tag: u8, len: u64) -> std::io::Result<()> {
    out.write_all(&[tag])?;
    out.write_all(&len.to_be_bytes())
}

/// Reads a frame's tag and length, refusing any tag but `expected`.
pub fn read_frame_header(input: &mut impl Read, expected: u8) -> Result<u64> {
    let mut head = [0u8; 9];
    input
        .read_exact(&mut head)
        .map_err(|e| super::crypto::stream_error(e, Damage::Layout))?;
    if head[0] != expected {
        return Err(damaged(Damage::Layout));
    }
    let mut len = [0u8; 8];
    len.copy_from_slice(&head[1..]);
    Ok(u64::from_be_bytes(len))
}

pub(crate) fn damaged(damage: Damage) -> Error {
    Error::BundleDamaged(damage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            version: FORMAT_VERSION,
            kdf: KdfParams::DEFAULT,
            salt: [7; 16],
            nonce: [9; 7],
            key_check: [3; 32],
        }
    }

    #[test]
    fn a_header_reads_back_as_written() {
        let bytes = header().to_bytes();
        assert_eq!(&bytes[..14], MAGIC);
        assert_eq!(Header::parse(&bytes).expect("parse"), header());
    }

    #[test]
    fn a_newer_version_is_refused_before_the_rest_is_read() {
        let mut bytes = header().to_bytes().to_vec();
        bytes[15] = 3;
        bytes.truncate(20);
        let err = Header::parse(&bytes).expect_err("newer");
        assert!(
            matches!(
                err,
                Error::BundleTooNew(Newer::Format { found: 3, known: 2 })
            ),
            "{err:?}"
        );
    }

    #[test]
    fn other_files_and_cut_headers_are_named() {
        let bytes = header().to_bytes();
        for (input, expected) in [
            (&b"SQLite format 3\0"[..], Damage::NotABundle),
            (&b""[..], Damage::NotABundle),
            (&bytes[..10], Damage::HeaderCut),
            (&bytes[..40], Damage::HeaderCut),
        ] {
            let err = Header::parse(input).expect_err("refused");
            assert!(
                matches!(&err, Error::BundleDamaged(d) if *d == expected),
                "{err:?}"
            );
        }
    }

    #[test]
    fn key_derivation_costs_beyond_the_bounds_are_refused() {
        for (m, t, p) in [(u32::MAX, 3, 1), (65536, 0, 1), (65536, 99, 1), (4, 1, 1)] {
            let mut h = header();
            h.kdf = KdfParams {
                m_cost_kib: m,
                t_cost: t,
                p_cost: p,
            };
            let err = Header::parse(&h.to_bytes()).expect_err("out of range");
            assert!(
                matches!(err, Error::BundleDamaged(Damage::BadHeader)),
                "{err:?}"
            );
        }
    }
}
