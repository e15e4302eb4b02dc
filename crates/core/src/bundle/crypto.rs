//! The bundle's encryption: Argon2id turns the passphrase into 64 bytes (32 for ChaCha20-Poly1305,
//! 32 for the key check in the header), and the plaintext is sealed in 64 KiB segments with the
//! STREAM construction (`aead-stream`), each segment's nonce carrying its counter and a "last"
//! flag. So a flipped byte fails its segment, a reordered segment fails its counter, and a bundle
//! cut at any point fails because its last segment is missing. The whole header is associated
//! data of every segment. Memory stays at one segment whatever the size of the evidence.

use std::io::{self, Read, Write};

use aead_stream::{DecryptorBE32, EncryptorBE32};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::ChaCha20Poly1305;
use chacha20poly1305::aead::Payload;
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

use super::Damage;
use super::format::{HEADER_LEN, Header, KdfParams, damaged};
use crate::error::{Error, Result};

/// Plaintext bytes per segment. A full-size segment is never the last one, so a stream whose
/// plaintext fills its segments exactly ends with an empty last segment.
pub const SEGMENT: usize = 64 * 1024;
const TAG: usize = 16;
const KEY_CHECK_LABEL: &[u8] = b"DPODESK-BUNDLE key check\0";

/// The key derived from a bundle passphrase; wiped when dropped.
pub struct BundleKey {
    aead: Zeroizing<[u8; 32]>,
    check: [u8; 32],
}

impl std::fmt::Debug for BundleKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BundleKey(***)")
    }
}

impl BundleKey {
    pub fn derive(passphrase: &[u8], kdf: &KdfParams, salt: &[u8; 16]) -> Result<BundleKey> {
        let params = Params::new(kdf.m_cost_kib, kdf.t_cost, kdf.p_cost, Some(64))
            .map_err(|_| damaged(Damage::BadHeader))?;
        let mut out = Zeroizing::new([0u8; 64]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase, salt, out.as_mut())
            .map_err(|_| damaged(Damage::BadHeader))?;
        let mut aead = Zeroizing::new([0u8; 32]);
        aead.copy_from_slice(&out[..32]);
        let mut hasher = Sha256::new();
        hasher.update(KEY_CHECK_LABEL);
        hasher.update(&out[32..]);
        Ok(BundleKey {
            aead,
            check: hasher.finalize().into(),
        })
    }

    /// What the header stores, so that a wrong passphrase is told apart from a damaged bundle.
    pub fn check(&self) -> [u8; 32] {
        self.check
    }

    /// Whether this key is the one the header was written with.
    pub fn matches(&self, header: &Header) -> bool {
        self.check == header.key_check
    }

    fn aead_key(&self) -> chacha20poly1305::Key {
        chacha20poly1305::Key::from(*self.aead)
    }
}

/// Fresh random bytes from the operating system.
pub fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| Error::io("random number generator", io::Error::other(e.to_string())))?;
    Ok(bytes)
}

/// Encrypts everything written to it, segment by segment, after writing the header.
pub struct SealWriter<W: Write> {
    /// `None` once `finish` has handed it back.
    inner: Option<W>,
    stream: Option<EncryptorBE32<ChaCha20Poly1305>>,
    aad: [u8; HEADER_LEN],
    buf: Vec<u8>,
}

impl<W: Write> SealWriter<W> {
    pub fn new(mut inner: W, key: &BundleKey, header: &Header) -> io::Result<SealWriter<W>> {
        let aad = header.to_bytes();
        inner.write_all(&aad)?;
        let nonce = header.nonce.into();
        Ok(SealWriter {
            inner: Some(inner),
            stream: Some(EncryptorBE32::new(&key.aead_key(), &nonce)),
            aad,
            buf: Vec::with_capacity(SEGMENT),
        })
    }

    fn seal_next(&mut self) -> io::Result<()> {
        let stream = self.stream.as_mut().ok_or_else(finished)?;
        let sealed = stream
            .encrypt_next(Payload {
                msg: &self.buf,
                aad: &self.aad,
            })
            .map_err(|_| io::Error::other("bundle too large to encrypt"))?;
        self.buf.zeroize();
        self.inner.as_mut().ok_or_else(finished)?.write_all(&sealed)
    }

    /// Seals the last segment and hands back the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        if self.buf.len() == SEGMENT {
            self.seal_next()?;
        }
        let stream = self.stream.take().ok_or_else(finished)?;
        let sealed = stream
            .encrypt_last(Payload {
                msg: &self.buf,
                aad: &self.aad,
            })
            .map_err(|_| io::Error::other("bundle too large to encrypt"))?;
        self.buf.zeroize();
        let mut inner = self.inner.take().ok_or_else(finished)?;
        inner.write_all(&sealed)?;
        inner.flush()?;
        Ok(inner)
    }
}

impl<W: Write> Write for SealWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let mut rest = data;
        while !rest.is_empty() {
            if self.buf.len() == SEGMENT {
                self.seal_next()?;
            }
            let take = (SEGMENT - self.buf.len()).min(rest.len());
            self.buf.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<W: Write> Drop for SealWriter<W> {
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}

fn finished() -> io::Error {
    io::Error::other("bundle stream already finished")
}

/// Decrypts a bundle's stream (the reader is positioned after the header). Hands out plaintext
/// only from segments that passed their check; reading returns end-of-file only after the last
/// segment has passed too.
pub struct OpenReader<R: Read> {
    inner: R,
    stream: Option<DecryptorBE32<ChaCha20Poly1305>>,
    aad: [u8; HEADER_LEN],
    segment: u64,
    cipher: Vec<u8>,
    plain: Vec<u8>,
    pos: usize,
}

/// A segment that failed, carried through `io::Error` to where it becomes `Error::BundleDamaged`.
#[derive(Debug)]
struct SegmentFailed(Damage);

impl std::fmt::Display for SegmentFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message(crate::Lang::En))
    }
}

impl std::error::Error for SegmentFailed {}

impl<R: Read> OpenReader<R> {
    pub fn new(inner: R, key: &BundleKey, header: &Header) -> OpenReader<R> {
        let nonce = header.nonce.into();
        OpenReader {
            inner,
            stream: Some(DecryptorBE32::new(&key.aead_key(), &nonce)),
            aad: header.to_bytes(),
            segment: 0,
            cipher: Vec::with_capacity(SEGMENT + TAG),
            plain: Vec::new(),
            pos: 0,
        }
    }

    /// Decrypts the next segment; false once the last one has been read.
    fn fill(&mut self) -> io::Result<bool> {
        if self.stream.is_none() {
            return Ok(false);
        }
        self.cipher.clear();
        (&mut self.inner)
            .take((SEGMENT + TAG) as u64)
            .read_to_end(&mut self.cipher)?;
        let index = self.segment;
        let failed = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                SegmentFailed(Damage::Segment { index }),
            )
        };
        let payload = Payload {
            msg: &self.cipher,
            aad: &self.aad,
        };
        self.plain.zeroize();
        self.pos = 0;
        self.plain = if self.cipher.len() == SEGMENT + TAG {
            let stream = self.stream.as_mut().ok_or_else(finished)?;
            stream.decrypt_next(payload).map_err(|_| failed())?
        } else {
            let stream = self.stream.take().ok_or_else(finished)?;
            stream.decrypt_last(payload).map_err(|_| failed())?
        };
        self.segment += 1;
        Ok(true)
    }

    /// Succeeds only if the stream has ended: every byte read and the last segment verified.
    pub fn expect_end(&mut self) -> Result<()> {
        let mut probe = [0u8; 1];
        match self.read(&mut probe) {
            Ok(0) => Ok(()),
            Ok(_) => Err(damaged(Damage::Layout)),
            Err(e) => Err(stream_error(e, Damage::Layout)),
        }
    }
}

impl<R: Read> Read for OpenReader<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.plain.len() {
            if !self.fill()? {
                return Ok(0);
            }
        }
        let n = out.len().min(self.plain.len() - self.pos);
        out[..n].copy_from_slice(&self.plain[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

impl<R: Read> Drop for OpenReader<R> {
    fn drop(&mut self) {
        self.plain.zeroize();
    }
}

/// An error while reading the decrypted stream, as core's error: a failed segment is damage; a
/// plaintext that ends early (after its last segment verified) is damage of kind `early`.
pub fn stream_error(e: io::Error, early: Damage) -> Error {
    if let Some(failed) = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<SegmentFailed>())
    {
        return damaged(failed.0.clone());
    }
    if e.kind() == io::ErrorKind::UnexpectedEof {
        return damaged(early);
    }
    Error::io("bundle", e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::format::FORMAT_VERSION;

    const CHEAP: KdfParams = KdfParams {
        m_cost_kib: 64,
        t_cost: 1,
        p_cost: 1,
    };

    fn sealed(plain: &[u8]) -> (BundleKey, Header, Vec<u8>) {
        let salt = [1u8; 16];
        let key = BundleKey::derive(b"a test passphrase", &CHEAP, &salt).expect("derive");
        let header = Header {
            version: FORMAT_VERSION,
            kdf: CHEAP,
            salt,
            nonce: [2; 7],
            key_check: key.check(),
        };
        let mut writer = SealWriter::new(Vec::new(), &key, &header).expect("writer");
        // Written in odd pieces, so segment boundaries fall inside writes.
        for piece in plain.chunks(40_000) {
            writer.write_all(piece).expect("write");
        }
        let out = writer.finish().expect("finish");
        (key, header, out)
    }

    fn open(key: &BundleKey, header: &Header, bytes: &[u8]) -> Result<Vec<u8>> {
        let mut reader = OpenReader::new(&bytes[HEADER_LEN..], key, header);
        let mut plain = Vec::new();
        reader
            .read_to_end(&mut plain)
            .map_err(|e| stream_error(e, Damage::Layout))?;
        reader.expect_end()?;
        Ok(plain)
    }

    fn plaintext(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 31 % 251) as u8).collect()
    }

    #[test]
    fn round_trips_at_and_around_segment_boundaries() {
        for len in [
            0,
            1,
            SEGMENT - 1,
            SEGMENT,
            SEGMENT + 1,
            3 * SEGMENT,
            3 * SEGMENT + 17,
        ] {
            let plain = plaintext(len);
            let (key, header, bytes) = sealed(&plain);
            let segments = len / SEGMENT + 1;
            assert_eq!(bytes.len(), HEADER_LEN + len + segments * TAG, "len {len}");
            assert_eq!(
                open(&key, &header, &bytes).expect("open"),
                plain,
                "len {len}"
            );
        }
    }

    #[test]
    fn a_flipped_byte_fails_its_segment() {
        let plain = plaintext(2 * SEGMENT + 100);
        let (key, header, bytes) = sealed(&plain);
        for (at, segment) in [
            (HEADER_LEN + 5, 0),
            (HEADER_LEN + SEGMENT + TAG + 9, 1),
            (bytes.len() - 1, 2),
        ] {
            let mut bad = bytes.clone();
            bad[at] ^= 0x01;
            let err = open(&key, &header, &bad).expect_err("tampered");
            assert!(
                matches!(err, Error::BundleDamaged(Damage::Segment { index }) if index == segment),
                "{err:?}"
            );
        }
    }

    #[test]
    fn a_cut_stream_fails_even_on_a_segment_boundary() {
        let plain = plaintext(2 * SEGMENT + 100);
        let (key, header, bytes) = sealed(&plain);
        for cut in [
            HEADER_LEN,
            HEADER_LEN + SEGMENT + TAG,
            bytes.len() - 1,
            HEADER_LEN + 10,
        ] {
            let err = open(&key, &header, &bytes[..cut]).expect_err("cut");
            assert!(
                matches!(err, Error::BundleDamaged(Damage::Segment { .. })),
                "{err:?}"
            );
        }
    }

    #[test]
    fn another_passphrase_gives_another_key_check() {
        let (key, header, _) = sealed(b"x");
        assert!(key.matches(&header));
        let other = BundleKey::derive(b"another passphrase", &CHEAP, &header.salt).expect("derive");
        assert!(!other.matches(&header));
    }
}
