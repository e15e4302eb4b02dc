import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { Startup } from "../../ipc/bindings";
import VaultScreen from "./VaultScreen.svelte";

const existing: Startup = { lang: "en", vault_path: "/home/dpo/vault.dpvault", vault_exists: true, last_team: null };
const fresh: Startup = { ...existing, vault_exists: false };

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

describe("VaultScreen", () => {
  it("shows the core's wrong-passphrase message and clears the field", async () => {
    mockIPC((cmd) => {
      if (cmd === "unlock_vault") {
        throw { kind: "wrong_passphrase", message: "wrong passphrase, or not a DPO Desk vault" };
      }
    });
    render(VaultScreen, { startup: existing, onUnlocked: () => {} });
    const input = screen.getByLabelText("Passphrase") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "not the one" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));

    await waitFor(() =>
      expect(screen.getByRole("alert").textContent).toBe("wrong passphrase, or not a DPO Desk vault"),
    );
    expect(input.value).toBe("");
  });

  it("passes the unlocked vault up on success", async () => {
    let unlockedWith = "";
    mockIPC((cmd, args) => {
      if (cmd === "unlock_vault") {
        unlockedWith = (args as { request: { passphrase: string } }).request.passphrase;
        return { path: existing.vault_path, schema_version: 1, audit_entries: 1, read_only: false };
      }
    });
    let unlocked = false;
    render(VaultScreen, { startup: existing, onUnlocked: () => (unlocked = true) });
    await fireEvent.input(screen.getByLabelText("Passphrase"), { target: { value: "right one" } });
    await fireEvent.click(screen.getByRole("button", { name: "Unlock" }));
    await waitFor(() => expect(unlocked).toBe(true));
    expect(unlockedWith).toBe("right one");
  });

  it("keeps Create disabled until core accepts the passphrase and both entries match", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "check_passphrase") {
        const text = (args as { request: { passphrase: string } }).request.passphrase;
        return text.length >= 12
          ? { acceptable: true, weakness: null, message: "" }
          : { acceptable: false, weakness: { reason: "too_guessable", why: "short" }, message: "too short" };
      }
    });
    i18n.lang = "en";
    render(VaultScreen, { startup: fresh, onUnlocked: () => {} });
    const create = screen.getByRole("button", { name: "Create vault" }) as HTMLButtonElement;

    await fireEvent.input(screen.getByLabelText("Passphrase"), { target: { value: "short" } });
    await waitFor(() => expect(screen.getByText("too short")).toBeTruthy());
    expect(create.disabled).toBe(true);

    await fireEvent.input(screen.getByLabelText("Passphrase"), {
      target: { value: "correct horse battery staple" },
    });
    await waitFor(() => expect(screen.getByText("Strong enough.")).toBeTruthy());
    expect(create.disabled).toBe(true);

    await fireEvent.input(screen.getByLabelText("Repeat the passphrase"), {
      target: { value: "correct horse battery staple" },
    });
    await waitFor(() => expect(create.disabled).toBe(false));
  });

  it("speaks Chinese when the language is zh", () => {
    i18n.lang = "zh";
    render(VaultScreen, { startup: existing, onUnlocked: () => {} });
    expect(screen.getByRole("heading").textContent).toBe("解锁保险库");
    expect(screen.getByRole("button", { name: "解锁" })).toBeTruthy();
  });
});
