import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { KeepUntilView } from "../../ipc/bindings";
import KeepUntilField from "./KeepUntilField.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const signed: KeepUntilView = {
  kind: "assessment",
  id: "p1",
  keep_until: "2029-11-25",
  minimum: "2029-11-25",
  version: "2026-01-01T00:00:00.000Z",
};

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
    expect(sent).toEqual([{ kind: "assessment", id: "p1", date: "2027-01-01", version: signed.version, dateRead: "2029-11-25" }]);
  });

  it("clears a client's date through core", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_keep_until") return { kind: "client", id: "c1", keep_until: "2030-05-01", minimum: null, version: "v1" };
      if (cmd === "set_keep_until") {
        sent.push(args);
        return { kind: "client", id: "c1", keep_until: null, minimum: null, version: "v2" };
      }
    });
    render(KeepUntilField, { kind: "client", id: "c1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Clear" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("No date set."));
    expect(sent).toEqual([{ kind: "client", id: "c1", date: null, version: "v1", dateRead: "2030-05-01" }]);
  });

  it("sends the date it shows, so a second date of the user's own is not stale but one set meanwhile is", async () => {
    const sent: (string | null)[] = [];
    let stored: KeepUntilView = { kind: "client", id: "c1", keep_until: null, minimum: null, version: "page" };
    mockIPC((cmd, args) => {
      if (cmd === "get_keep_until") return stored;
      if (cmd === "set_keep_until") {
        const request = args as { date: string | null; dateRead: string | null };
        sent.push(request.dateRead);
        // As core: the date read must be the one stored ("" for none).
        if (request.dateRead !== (stored.keep_until ?? "")) {
          throw { kind: "stale", message: "this keep-until date was changed by bob at 2026-01-02 after you opened it: reload it" };
        }
        stored = { ...stored, keep_until: request.date };
        return stored;
      }
    });
    render(KeepUntilField, { kind: "client", id: "c1", version: "page" });
    await screen.findByText("No date set.");
    const input = screen.getByLabelText("Date (kept until the end of this day)") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "2031-01-31" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save date" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("2031-01-31"));
    // My second date carries my first: it lands.
    await fireEvent.input(input, { target: { value: "2032-01-31" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save date" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("2032-01-31"));
    // Bob sets one meanwhile: mine, from the date I still show, is refused by name.
    stored = { ...stored, keep_until: "2035-12-31" };
    await fireEvent.input(input, { target: { value: "2033-01-31" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save date" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("changed by bob"));
    expect(sent).toEqual(["", "2031-01-31", "2032-01-31"]);
  });

  it("offers to reload the date after a colleague's change, then saves at the version now read", async () => {
    const sent: { version: string | null }[] = [];
    let stored = { ...signed, keep_until: "2030-01-31", version: "v1" };
    mockIPC((cmd, args) => {
      if (cmd === "get_keep_until") return stored;
      if (cmd === "set_keep_until") {
        const request = args as { date: string; version: string | null };
        sent.push({ version: request.version });
        if (request.version !== stored.version) {
          throw { kind: "stale", message: "this assessment was changed by bob at 2026-01-02, after you opened it: reload it" };
        }
        stored = { ...stored, keep_until: request.date, version: "v3" };
        return stored;
      }
    });
    render(KeepUntilField, { kind: "assessment", id: "p1" });
    const input = (await screen.findByLabelText("Date (kept until the end of this day)")) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe("2030-01-31"));
    // Bob sets another date meanwhile.
    stored = { ...stored, keep_until: "2031-06-30", version: "v2" };
    await fireEvent.input(input, { target: { value: "2032-01-01" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save date" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("changed by bob"));

    await fireEvent.click(screen.getByRole("button", { name: "Reload the date" }));
    await waitFor(() => expect(input.value).toBe("2031-06-30"));
    expect(screen.queryByRole("alert")).toBeNull();
    await fireEvent.input(input, { target: { value: "2032-01-01" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save date" }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain("2032-01-01"));
    expect(sent).toEqual([{ version: "v1" }, { version: "v2" }]);
  });

  it("sends the page's own version when given, and reloads the page after a stale refusal", async () => {
    const sent: (string | null)[] = [];
    let reloaded = 0;
    mockIPC((cmd, args) => {
      if (cmd === "get_keep_until") return { ...signed, version: "field-read" };
      if (cmd === "set_keep_until") {
        const request = args as { version: string | null };
        sent.push(request.version);
        throw { kind: "stale", message: "this assessment was changed by bob at 2026-01-02: reload it" };
      }
    });
    render(KeepUntilField, {
      kind: "assessment",
      id: "p1",
      version: "page-read",
      onReload: async () => {
        reloaded += 1;
      },
    });
    await screen.findByText(/kept at least until 2029-11-25/);
    await fireEvent.click(screen.getByRole("button", { name: "Save date" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("changed by bob"));
    expect(sent).toEqual(["page-read"]);
    await fireEvent.click(screen.getByRole("button", { name: "Reload the date" }));
    await waitFor(() => expect(reloaded).toBe(1));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
  });
});
