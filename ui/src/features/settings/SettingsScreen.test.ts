import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { ProfileView, SettingsView } from "../../ipc/bindings";
import SettingsScreen from "./SettingsScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const settings = (profile: ProfileView, minutes = 10): SettingsView => ({
  profile,
  auto_lock_minutes: minutes,
  auto_lock_max_minutes: 480,
  vault_path: "/home/dpo/vault.dpvault",
  storage: {
    file_bytes: 2_097_152,
    wal_bytes: 0,
    evidence_count: 2,
    evidence_bytes: 3_145_728,
    report_count: 1,
    report_bytes: 120_000,
    max_evidence_bytes: 52_428_800,
  },
});

describe("SettingsScreen", () => {
  it("shows the profile and storage, and saves the profile through core", async () => {
    const calls: { cmd: string; args: unknown }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args });
      if (cmd === "get_settings") return settings({ name: "", role: "", firm: "" });
      if (cmd === "save_profile") return settings((args as { profile: ProfileView }).profile);
    });
    render(SettingsScreen);
    expect((await screen.findByText("/home/dpo/vault.dpvault")).tagName).toBe("CODE");
    expect(screen.getByText("2 · 3.0 MB")).toBeTruthy();
    expect(screen.getByText("50 MB")).toBeTruthy();

    await fireEvent.input(screen.getByLabelText("Name"), { target: { value: "王丽" } });
    await fireEvent.input(screen.getByLabelText("Role"), { target: { value: "DPO" } });
    await fireEvent.click(document.getElementById("profile-save") as HTMLButtonElement);
    await screen.findByText("Saved.");
    expect(calls.find((c) => c.cmd === "save_profile")?.args).toEqual({
      profile: { name: "王丽", role: "DPO", firm: "" },
    });
  });

  it("shows core's refusal of an auto-lock time and core's verdict on a new passphrase", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "get_settings") return settings({ name: "Li", role: "", firm: "" });
      if (cmd === "set_auto_lock") throw { kind: "invalid_input", message: "the auto-lock time in minutes must be a whole number from 1 to 480" };
      if (cmd === "check_passphrase") {
        const weak = (args as { request: { passphrase: string } }).request.passphrase.length < 12;
        return {
          acceptable: !weak,
          weakness: weak ? { reason: "too_guessable", why: "short" } : null,
          message: weak ? "it is too simple to resist guessing" : "",
        };
      }
    });
    render(SettingsScreen);
    const minutes = await screen.findByLabelText(/Lock the vault after/);
    await fireEvent.input(minutes, { target: { value: "999" } });
    await fireEvent.submit(document.getElementById("auto-lock-form") as HTMLFormElement);
    expect((await screen.findByRole("alert")).textContent).toContain("from 1 to 480");

    await fireEvent.input(screen.getByLabelText("New passphrase"), { target: { value: "short" } });
    await screen.findByText("it is too simple to resist guessing");
    const change = screen.getByRole("button", { name: "Change passphrase" }) as HTMLButtonElement;
    expect(change.disabled).toBe(true);
  });

  it("reports a verified audit chain with its head", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_settings") return settings({ name: "Li", role: "", firm: "" });
      if (cmd === "verify_audit")
        return { entries: 42, head_hash: "ab".repeat(32), chains: [{ client_id: null, client_name: null, entries: 42, head_hash: "ab".repeat(32) }], all_chains: true };
    });
    render(SettingsScreen);
    await fireEvent.click(await screen.findByRole("button", { name: "Verify the audit chain" }));
    await waitFor(() => expect(document.getElementById("audit-result")?.textContent).toContain("42 entries"));
    expect(document.getElementById("audit-result")?.textContent).toContain("ab".repeat(32));
  });

  it("lists a team database's chains by client and says which were not checked", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_settings") return settings({ name: "Li", role: "", firm: "" });
      if (cmd === "verify_audit")
        return {
          entries: 5,
          head_hash: "",
          chains: [
            { client_id: "c1", client_name: "Acme Ltd", entries: 3, head_hash: "cd".repeat(32) },
            { client_id: "c2", client_name: null, entries: 2, head_hash: "ef".repeat(32) },
          ],
          all_chains: false,
        };
    });
    render(SettingsScreen);
    await fireEvent.click(await screen.findByRole("button", { name: "Verify the audit chain" }));
    await waitFor(() => expect(document.getElementById("audit-result")?.textContent).toContain("2 chains, 5 entries"));
    const chains = document.getElementById("audit-chains")?.textContent ?? "";
    expect(chains).toContain("Acme Ltd");
    expect(chains).toContain("An erased client");
    expect(chains).toContain("cd".repeat(32));
    expect(document.getElementById("audit-not-all")?.textContent).toContain("not granted to you were not checked");
  });

  it("sends 0 minutes to core instead of letting the browser block it silently, and shows core's reason", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_settings") return settings({ name: "Li", role: "", firm: "" });
      if (cmd === "set_auto_lock") {
        sent.push(args);
        throw { kind: "invalid_input", message: "auto-lock cannot be turned off: choose from 1 to 480 minutes" };
      }
    });
    render(SettingsScreen);
    const form = (await waitFor(() => {
      const found = document.getElementById("auto-lock-form");
      if (!found) throw new Error("not there yet");
      return found;
    })) as HTMLFormElement;
    expect(form.noValidate).toBe(true);
    await fireEvent.input(screen.getByLabelText(/Lock the vault after/), { target: { value: "0" } });
    await fireEvent.submit(form);
    expect((await screen.findByRole("alert")).textContent).toContain("auto-lock cannot be turned off");
    expect(sent).toEqual([{ minutes: 0 }]);
    expect(document.getElementById("auto-lock-saved")).toBeNull();
  });
});
