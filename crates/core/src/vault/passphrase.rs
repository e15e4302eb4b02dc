//! The vault passphrase: held in a zeroizing secret from the moment a door reads it, checked for
//! strength before a vault is created with it, and handed to SQLCipher as bytes (never as SQL text).

use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroize;

use zxcvbn::feedback::Warning;

pub use crate::error::{Guessable, WeakReason};

/// The lowest strength score (zxcvbn's 0–4) a new passphrase needs. 3 means the estimator needs
/// about 10^8 to 10^10 guesses: behind SQLCipher's key derivation (PBKDF2-HMAC-SHA512, 256,000
/// rounds per guess) that is years of work for one attacker's machine holding a stolen vault
/// file, while still letting through what people can remember — four unrelated words, or an
/// 11-character Chinese phrase. A raw character count would refuse the Chinese phrase and pass
/// "password1234"; 4 would refuse many good phrases for little gain.
pub(crate) const MIN_STRENGTH_SCORE: u8 = 3;

/// Words of this product that make a passphrase easier to guess, as an attacker would try them.
const PRODUCT_WORDS: [&str; 4] = ["dpodesk", "dpo", "desk", "vault"];

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
        let estimate = zxcvbn::zxcvbn(self.0.expose_secret(), &PRODUCT_WORDS);
        if u8::from(estimate.score()) >= MIN_STRENGTH_SCORE {
            return Ok(());
        }
        let why = estimate
            .feedback()
            .and_then(|feedback| feedback.warning())
            .map_or(Guessable::Short, guessable);
        Err(WeakReason::TooGuessable { why })
    }
}

/// The estimator's warning in our own terms.
fn guessable(warning: Warning) -> Guessable {
    match warning {
        Warning::StraightRowsOfKeysAreEasyToGuess
        | Warning::ShortKeyboardPatternsAreEasyToGuess => Guessable::KeyboardPattern,
        Warning::RepeatsLikeAaaAreEasyToGuess
        | Warning::RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess => Guessable::Repeats,
        Warning::SequencesLikeAbcAreEasyToGuess => Guessable::Sequence,
        Warning::ThisIsATop10Password
        | Warning::ThisIsATop100Password
        | Warning::ThisIsACommonPassword
        | Warning::ThisIsSimilarToACommonlyUsedPassword => Guessable::CommonPassword,
        Warning::RecentYearsAreEasyToGuess | Warning::DatesAreOftenEasyToGuess => Guessable::Dates,
        Warning::AWordByItselfIsEasyToGuess => Guessable::SingleWord,
        Warning::NamesAndSurnamesByThemselvesAreEasyToGuess
        | Warning::CommonNamesAndSurnamesAreEasyToGuess => Guessable::Names,
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
    use crate::i18n::Lang;

    fn why(text: &str) -> Guessable {
        match Passphrase::new(text.into()).strength() {
            Err(WeakReason::TooGuessable { why }) => why,
            Ok(()) => panic!("{text:?} passed"),
        }
    }

    #[test]
    fn a_strong_chinese_phrase_of_eleven_characters_passes() {
        let phrase = "蓝色河马在图书馆里唱歌";
        assert_eq!(phrase.chars().count(), 11);
        assert_eq!(Passphrase::new(phrase.into()).strength(), Ok(()));
    }

    #[test]
    fn unrelated_words_pass() {
        for text in [
            "correct horse battery staple",
            "蓝色河马在图书馆里唱歌吧",
            "umbrella quartz lantern",
        ] {
            assert_eq!(Passphrase::new(text.into()).strength(), Ok(()), "{text}");
        }
    }

    #[test]
    fn long_but_predictable_passphrases_are_refused_with_what_makes_them_guessable() {
        assert_eq!(why("password1234"), Guessable::CommonPassword);
        assert_eq!(why("1qaz2wsx3edc4rfv"), Guessable::CommonPassword);
        assert_eq!(why("12/05/1987"), Guessable::Dates);
        assert_eq!(why("john smith"), Guessable::Names);
        assert_eq!(why("aaaaaaaaaaaa"), Guessable::Repeats);
        assert_eq!(why("abcdefghijklm"), Guessable::Sequence);
        assert_eq!(why("19871987"), Guessable::Repeats);
        assert_eq!(why("数据保护"), Guessable::Short);
        assert_eq!(why(""), Guessable::Short);
    }

    #[test]
    fn the_reason_is_worded_in_our_words_in_both_languages() {
        let reason = WeakReason::TooGuessable {
            why: Guessable::CommonPassword,
        };
        assert_eq!(
            reason.message(Lang::En),
            "it is, or closely resembles, a commonly used password: choose a few unrelated words of your own"
        );
        assert_eq!(
            reason.message(Lang::Zh),
            "它是或非常接近常用密码：请自选几个互不相关的词"
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
