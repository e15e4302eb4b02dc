//! The vault passphrase: held in a zeroizing secret from the moment a door reads it, checked for
//! strength before a vault is created with it, and handed to SQLCipher as bytes (never as SQL text).

use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroize;

pub use crate::error::WeakReason;

/// Fewest characters (not bytes: a Chinese passphrase counts per character) a new passphrase needs.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// A passphrase whose memory is wiped when it is dropped.
pub struct Passphrase(SecretString);

impl Passphrase {
    /// Takes ownership of the typed text and wipes the original buffer, so only the secret copy
    /// remains.
    pub fn new(mut text: String) -> Passphrase {
        let secret = SecretString::from(text.as_str());
        text.zeroize();
        Passphrase(secret)
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.0.expose_secret().as_bytes()
    }

    /// Whether this passphrase may protect a new vault; the reason when it may not.
    pub fn strength(&self) -> Result<(), WeakReason> {
        let text = self.0.expose_secret();
        let chars = text.chars().count();
        if chars < MIN_PASSPHRASE_CHARS {
            return Err(WeakReason::TooShort {
                min: MIN_PASSPHRASE_CHARS,
                actual: chars,
            });
        }
        let score: u8 = zxcvbn::zxcvbn(text, &["dpodesk", "dpo", "desk", "vault"])
            .score()
            .into();
        if score < 3 {
            return Err(WeakReason::TooGuessable);
        }
        Ok(())
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passphrases_are_refused_with_their_length() {
        let err = Passphrase::new("abc123".into())
            .strength()
            .expect_err("weak");
        assert_eq!(err, WeakReason::TooShort { min: 12, actual: 6 });
    }

    #[test]
    fn chinese_characters_count_as_characters() {
        // 12 characters but 36 bytes.
        let err = Passphrase::new("数据保护".into())
            .strength()
            .expect_err("weak");
        assert_eq!(err, WeakReason::TooShort { min: 12, actual: 4 });
    }

    #[test]
    fn long_but_predictable_passphrases_are_refused() {
        let err = Passphrase::new("password1234".into())
            .strength()
            .expect_err("predictable");
        assert_eq!(err, WeakReason::TooGuessable);
    }

    #[test]
    fn unrelated_words_pass() {
        assert_eq!(
            Passphrase::new("correct horse battery staple".into()).strength(),
            Ok(())
        );
        assert_eq!(
            Passphrase::new("蓝色河马在图书馆里唱歌吧".into()).strength(),
            Ok(())
        );
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let text = format!(
            "{:?}",
            Passphrase::new("correct horse battery staple".into())
        );
        assert!(!text.contains("horse"));
    }
}
