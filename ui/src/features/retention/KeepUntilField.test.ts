import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { KeepUntilView } from "../../ipc/bindings";
import KeepUntilField from "./KeepUntilField.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const signed: KeepUntilView = { kind: "assessment", id: "p1", keep_until: "2029-11-25", minimum: "2029-11-25" };

describe("KeepUntilField", () => {
  it("shows a signed PIA's minimum, sends the typed date to core and shows core's refusal", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_keep_until") return signed;
      if (cmd === "set_keep_until") {
        sent.push(args);
        throw { kind: "invalid_input", message: "a signed-off PIA must be kept until at least 2029-11-25" };
      }
    });
    render(KeepUntilField, { kind: "assessment", id: "p1" });
    expect(await screen.findByText(/kept at least until 2029-11-25/)).toBeTruthy();
    const input = screen.getByLabelText("Date (kept until the end of this day)") as HTMLInputElement;
    expect(input.value).toBe("2029-11-25");
    await fireEvent.input(input, { target: { value: "2027-01-01" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save date" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("at least 2029-11-25"));
    expect(sent).toEqual([{ kind: "assessment", id: "p1", date: "2027-01-01" }]);
  });

  it("clears a client's date through core", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_keep_until") return { kind: "client", id: "c1", keep_until: "2030-05-01", minimum: null };
      if (cmd === "set_keep_until") {
        sent.push(args);
        return { kind: "client", id: "c1", keep_until: null, minimum: null };
      }
    });
    render(KeepUntilField, { kind: "client", id: "c1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Clear" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("No date set."));
    expect(sent).toEqual([{ kind: "client", id: "c1", date: null }]);
  });
});
