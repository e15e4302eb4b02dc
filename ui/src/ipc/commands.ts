// Typed wrappers over the shell's commands. The argument and result types are generated from Rust
// (bindings.ts); only the command names and argument keys are written here, once.
import { invoke } from "@tauri-apps/api/core";
import type { Lang, PassphraseVerdict, Startup, UnlockRequest, VaultInfo } from "./bindings";

export const startup = () => invoke<Startup>("startup");
export const setLanguage = (lang: Lang) => invoke<void>("set_language", { lang });
export const checkPassphrase = (request: UnlockRequest) =>
  invoke<PassphraseVerdict>("check_passphrase", { request });
export const createVault = (request: UnlockRequest) => invoke<VaultInfo>("create_vault", { request });
export const unlockVault = (request: UnlockRequest) => invoke<VaultInfo>("unlock_vault", { request });
export const lockVault = () => invoke<void>("lock_vault");
