//! What the shell keeps between commands: the open store — an unlocked vault (one long-lived
//! connection) or a session on a team database — the vault path, the UI language used to word
//! errors, who is working (the profile name or the member's display name, for the audit log),
//! when the user last did something (for auto-lock), and the law register and bundled templates
//! (loaded once at start; they are read-only data).

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use dpodesk_core::Lang;
use dpodesk_core::api;
use dpodesk_core::api::{AUTO_LOCK_DEFAULT_MINUTES, VAULT_FILE_NAME};
use dpodesk_core::law::LawRegister;
use dpodesk_core::prefs::Prefs;
use dpodesk_core::template::{self, Template};

/// The actor recorded in the audit log while the vault's profile has no name.
pub const DEFAULT_ACTOR: &str = "DPO Desk user";

#[derive(Debug)]
pub struct AppState {
    pub config_dir: PathBuf,
    pub law: LawRegister,
    pub templates: Vec<Template>,
    pub session: Mutex<Session>,
}

/// What the session works on: the two back-ends of core's store.
#[derive(Debug)]
pub enum Open {
    /// The personal vault on this computer.
    Personal(api::Vault),
    Team(api::team::TeamStore),
}

impl Open {
    /// Closes the store: the vault's connection and key, or the team session, are dropped.
    pub fn close(self) -> dpodesk_core::Result<()> {
        match self {
            Open::Personal(vault) => api::lock_vault(vault),
            Open::Team(store) => {
                drop(store);
                Ok(())
            }
        }
    }
}

/// The mutable part, behind one lock so path, language and store always change together.
#[derive(Debug)]
pub struct Session {
    pub open: Option<Open>,
    /// Who is signed in, while `open` is a team database.
    pub member: Option<api::TeamMember>,
    pub vault_path: PathBuf,
    pub lang: Lang,
    /// The profile name of the open vault (on a team database, the member's display name; the
    /// database records the login role itself), else [`DEFAULT_ACTOR`].
    pub actor: String,
    pub auto_lock_minutes: u32,
    pub last_active: Instant,
    /// Set when the vault was locked for inactivity, so the unlock screen can say why.
    pub locked_for_idle: bool,
}

impl Session {
    /// Keeps `vault` open as the session's vault, with its profile name as the actor and its
    /// auto-lock time.
    pub fn open(&mut self, vault: api::Vault) {
        // Read through `api` like every other door call; an unreadable setting falls back.
        let settings = api::SettingsView::build(&vault).ok();
        self.actor = settings
            .as_ref()
            .map(|s| s.profile.actor_or(DEFAULT_ACTOR))
            .unwrap_or_else(|| DEFAULT_ACTOR.to_owned());
        self.auto_lock_minutes = settings
            .map(|s| s.auto_lock_minutes)
            .unwrap_or(AUTO_LOCK_DEFAULT_MINUTES);
        self.open = Some(Open::Personal(vault));
        self.member = None;
        self.locked_for_idle = false;
        self.last_active = Instant::now();
    }

    /// Keeps `store` open as the session's team database, with the member's display name as
    /// the actor (the database records the login role itself) and the default auto-lock time.
    pub fn open_team(&mut self, store: api::team::TeamStore, member: api::TeamMember) {
        self.actor = member.display_name.clone();
        self.auto_lock_minutes = AUTO_LOCK_DEFAULT_MINUTES;
        self.open = Some(Open::Team(store));
        self.member = Some(member);
        self.locked_for_idle = false;
        self.last_active = Instant::now();
    }

    /// Closes whatever is open; the start screen comes next.
    pub fn close(&mut self) -> dpodesk_core::Result<()> {
        self.member = None;
        self.actor = DEFAULT_ACTOR.to_owned();
        match self.open.take() {
            Some(open) => open.close(),
            None => Ok(()),
        }
    }

    /// Locks the vault (or disconnects from the team database) if the user has been idle for
    /// longer than the auto-lock time, dropping the connection and with it the key. Returns
    /// whether it locked.
    pub fn expire_if_idle(&mut self, now: Instant) -> bool {
        let limit = minute() * self.auto_lock_minutes;
        if self.open.is_none() || now.saturating_duration_since(self.last_active) < limit {
            return false;
        }
        // Closing can only fail on a checkpoint; the connection and its key are dropped either
        // way, which is what locking promises.
        let _ = self.close();
        self.locked_for_idle = true;
        true
    }

    /// Notes that the user did something.
    pub fn touch(&mut self, now: Instant) {
        self.last_active = now;
    }
}

/// How long a "minute" of auto-lock is. Always 60 s, except that a debug build lets the
/// end-to-end suite shorten it with `DPODESK_TEST_MINUTE_SECONDS`, so auto-lock can be tested
/// without waiting minutes; release builds have no such hook.
pub fn minute() -> Duration {
    #[cfg(debug_assertions)]
    if let Some(seconds) = std::env::var("DPODESK_TEST_MINUTE_SECONDS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|s| *s > 0)
    {
        return Duration::from_secs(seconds);
    }
    Duration::from_secs(60)
}

impl AppState {
    pub fn new(
        config_dir: PathBuf,
        data_dir: PathBuf,
        system_locale: &str,
    ) -> dpodesk_core::Result<AppState> {
        let prefs = Prefs::load(&config_dir);
        let law = LawRegister::bundled()?;
        let templates = template::bundled(&law)?;
        Ok(AppState {
            law,
            templates,
            session: Mutex::new(Session {
                open: None,
                member: None,
                vault_path: prefs
                    .last_vault
                    .unwrap_or_else(|| data_dir.join(VAULT_FILE_NAME)),
                lang: prefs
                    .lang
                    .unwrap_or_else(|| Lang::from_locale(system_locale)),
                actor: DEFAULT_ACTOR.to_owned(),
                auto_lock_minutes: AUTO_LOCK_DEFAULT_MINUTES,
                last_active: Instant::now(),
                locked_for_idle: false,
            }),
            config_dir,
        })
    }

    /// The session, even if a panic poisoned its lock: the data behind it stays consistent because
    /// every change to it is a single assignment.
    pub fn session(&self) -> std::sync::MutexGuard<'_, Session> {
        self.session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session_with_vault() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("v.dpvault");
        let pass = dpodesk_core::Passphrase::new("correct horse battery staple".to_owned());
        let vault = api::create_vault(&path, &pass, "test").expect("vault");
        let mut session = Session {
            open: None,
            member: None,
            vault_path: path,
            lang: Lang::En,
            actor: DEFAULT_ACTOR.to_owned(),
            auto_lock_minutes: 10,
            last_active: Instant::now(),
            locked_for_idle: false,
        };
        session.open(vault);
        (dir, session)
    }

    #[test]
    fn an_idle_session_locks_after_its_auto_lock_time_and_says_why() {
        let (_dir, mut session) = session_with_vault();
        let start = session.last_active;
        assert!(!session.expire_if_idle(start + Duration::from_secs(9 * 60)));
        assert!(session.open.is_some());
        session.touch(start + Duration::from_secs(9 * 60));
        assert!(!session.expire_if_idle(start + Duration::from_secs(18 * 60)));
        assert!(session.expire_if_idle(start + Duration::from_secs(19 * 60 + 1)));
        assert!(session.open.is_none() && session.locked_for_idle);
    }

    #[test]
    fn the_actor_is_the_profile_name_once_set() {
        let (_dir, mut session) = session_with_vault();
        assert_eq!(session.actor, DEFAULT_ACTOR);
        let Some(Open::Personal(mut vault)) = session.open.take() else {
            panic!("a vault is open");
        };
        api::set_profile(&mut vault, "test", Some("Li Wang"), None, None).expect("profile");
        session.open(vault);
        assert_eq!(session.actor, "Li Wang");
    }
}
