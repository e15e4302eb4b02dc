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
