import { describe, expect, it } from "vitest";
import { clearsPassphrase, isStorageFault, refusedHere, toUiError } from "./errors";

describe("error kinds", () => {
  it("treats every storage fault as the place's failure, never as damage", () => {
    for (const kind of [
      "disk_full",
      "read_only",
      "permission_denied",
      "vault_busy",
      "vault_vanished",
      "is_a_folder",
      "wal_unwritable",
    ] as const) {
      expect(isStorageFault(kind)).toBe(true);
      expect(clearsPassphrase(kind)).toBe(false);
    }
    expect(isStorageFault("corrupted")).toBe(false);
    expect(isStorageFault("invalid_input")).toBe(false);
  });

  it("offers no retry only where none can work: a vault read-only here", () => {
    expect(refusedHere("read_only")).toBe(true);
    expect(refusedHere("wal_unwritable")).toBe(true);
    expect(refusedHere("disk_full")).toBe(false);
    expect(refusedHere("vault_busy")).toBe(false);
  });

  it("keeps a shell error's kind and message", () => {
    expect(toUiError({ kind: "disk_full", message: "full" })).toEqual({ kind: "disk_full", message: "full" });
    expect(toUiError("boom")).toEqual({ kind: "ipc", message: "boom" });
  });
});
