// The one place the UI interprets errors from the shell. Core already words the message in the
// user's language; the UI switches on `kind` only to decide what to do with the screen.
import type { ApiError, ErrorKind } from "./bindings";

/** An error from a command, or a failure of the IPC channel itself. */
export type UiError = ApiError | { kind: "ipc"; message: string };

export function toUiError(error: unknown): UiError {
  if (typeof error === "object" && error !== null && "kind" in error && "message" in error) {
    return error as ApiError;
  }
  return { kind: "ipc", message: String(error) };
}

/** Errors after which the typed passphrase is useless and should be cleared. */
export function clearsPassphrase(kind: ErrorKind | "ipc"): boolean {
  switch (kind) {
    case "wrong_passphrase":
    case "weak_passphrase":
      return true;
    default:
      return false;
  }
}

/**
 * Storage faults: the place failed, not the vault. Nothing was saved and the vault is intact, so
 * what the user typed must stay on screen for another try; never "restore from a backup".
 */
export function isStorageFault(kind: ErrorKind | "ipc"): boolean {
  switch (kind) {
    case "disk_full":
    case "read_only":
    case "permission_denied":
    case "vault_busy":
    case "vault_vanished":
    case "is_a_folder":
    case "wal_unwritable":
      return true;
    default:
      return false;
  }
}

/**
 * Errors no retry can fix where the vault lies: it is read-only here (or its crash journal
 * cannot be written here). The screen keeps the input but offers no "retry".
 */
export function refusedHere(kind: ErrorKind | "ipc"): boolean {
  return kind === "read_only" || kind === "wal_unwritable";
}
