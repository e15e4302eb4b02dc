import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import RecoveryBackup from "./RecoveryBackup.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("RecoveryBackup", () => {
  it("sends the recovery passphrase once both entries match, then clears the form", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "backup_recovery") {
        sent.push(args);
        return { file_name: "dpodesk-recovery-2026-12-06.dpvault", size: 2048, audit_entries: 12 };
      }
    });
    render(RecoveryBackup);
    const first = screen.getByLabelText("Recovery passphrase") as HTMLInputElement;
    const second = screen.getByLabelText("Repeat the recovery passphrase") as HTMLInputElement;
    const button = screen.getByRole("button", { name: "Save recovery copy…" }) as HTMLButtonElement;
    await fireEvent.input(first, { target: { value: "violet tugboat juggles seven lanterns" } });
    await fireEvent.input(second, { target: { value: "violet tugboat juggles seven" } });
    expect(button.disabled).toBe(true);
    expect(screen.getByText("The two passphrases differ.")).toBeTruthy();
    await fireEvent.input(second, { target: { value: "violet tugboat juggles seven lanterns" } });
    expect(button.disabled).toBe(false);
    await fireEvent.click(button);
    await waitFor(() =>
      expect(document.getElementById("recovery-result")?.textContent).toContain("dpodesk-recovery-2026-12-06.dpvault"),
    );
    expect(sent).toEqual([{ recovery: "violet tugboat juggles seven lanterns" }]);
    expect(first.value).toBe("");
    expect(second.value).toBe("");
  });
});
