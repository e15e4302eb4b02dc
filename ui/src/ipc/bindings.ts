// Generated from crates/core/src/api.rs by `cargo xtask bindings`; do not edit.

export type ErrorKind = "wrong_passphrase" | "weak_passphrase" | "vault_not_found" | "vault_exists" | "empty_file" | "truncated" | "not_encrypted" | "not_a_vault" | "corrupted" | "schema_too_new" | "vault_locked" | "io" | "database" | "invalid_template" | "audit_broken" | "invalid_answers" | "not_found" | "ambiguous" | "invalid_input";

export type ApiError = { kind: ErrorKind, message: string, };

export type Lang = "zh" | "en";

export type WeakReason = { "reason": "too_short", min: number, actual: number, } | { "reason": "too_guessable" };

export type Startup = { 
/**
 * The UI language: the user's last choice, else the system locale's.
 */
lang: Lang, 
/**
 * The vault the app will open (the last one used, else the default location).
 */
vault_path: string, 
/**
 * Whether a file exists there: the screen offers "unlock" if so, "create" if not.
 */
vault_exists: boolean, };

export type PassphraseVerdict = { acceptable: boolean, weakness: WeakReason | null, 
/**
 * The weakness in the requested language, empty when acceptable.
 */
message: string, };

export type VaultInfo = { path: string, schema_version: number, audit_entries: number, };

export type UnlockRequest = { passphrase: string, lang: Lang, };
