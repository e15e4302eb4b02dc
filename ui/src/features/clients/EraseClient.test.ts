import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { ClientInfo, ErasureView } from "../../ipc/bindings";
import { session } from "../vault/session.svelte";
import { router } from "../workspace/route.svelte";
import EraseClient from "./EraseClient.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

const client: ClientInfo = {
  id: "c1",
  name: "华东商贸 Eastern",
  matter: "",
  contact: "",
  notes: "",
  archived: false,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};

const counts: ErasureView = {
  client_id: "c1",
  data_sources: 2,
  vendors: 1,
  assessments: 3,
  answers: 40,
  links: 1,
  signoffs: 1,
  evidence: 4,
  reports: 2,
  actions: 5,
  bundle_imports: 0,
  audit_entries: 30,
  kept_until: null,
  kept_by_server: false,
};

describe("EraseClient", () => {
  it("names what goes and the user's own copies, and erases only once the exact name is typed", async () => {
    const calls: unknown[] = [];
    let erased = false;
    mockIPC((cmd, args) => {
      if (cmd === "erasure_preview") return counts;
      if (cmd === "erase_client") {
        calls.push(args);
        return counts;
      }
    });
    render(EraseClient, { client, onErased: () => (erased = true) });
    await fireEvent.click(screen.getByRole("button", { name: "Erase for good…" }));
    const list = await screen.findByRole("list");
    expect(list.textContent).toContain("Evidence files: 4");
    expect(list.textContent).toContain("Assessment versions (with their snapshots, links and sign-offs): 3");
    expect(screen.getByText(/are your own copies: erasure does not reach them/)).toBeTruthy();

    const confirm = screen.getByRole("button", { name: "Erase for good" }) as HTMLButtonElement;
    const name = screen.getByLabelText("Type the client's exact name to confirm");
    await fireEvent.input(name, { target: { value: "华东商贸" } });
    expect(confirm.disabled).toBe(true);
    await fireEvent.input(name, { target: { value: client.name } });
    expect(confirm.disabled).toBe(false);
    await fireEvent.click(confirm);
    await waitFor(() => expect(erased).toBe(true));
    expect(calls).toEqual([{ clientId: "c1", confirmation: client.name }]);
  });

  it("says on a team database that the server keeps what was erased until its administrator acts", async () => {
    mockIPC((cmd) => {
      if (cmd === "erasure_preview") return { ...counts, kept_by_server: true };
    });
    render(EraseClient, { client, onErased: () => {} });
    await fireEvent.click(screen.getByRole("button", { name: "Erase for good…" }));
    await screen.findByRole("list");
    expect(screen.getByText(/the server keeps the deleted rows until its administrator vacuums/)).toBeTruthy();
    expect(screen.queryByText(/are your own copies: erasure does not reach them/)).toBeNull();
  });

  it("opens at once from the dashboard, warns of a keep-until date ahead, and sends a wipe left pending to the home screen's notice", async () => {
    const pending = "the matter was erased … the wipe finishes on opening";
    let erased = false;
    mockIPC((cmd) => {
      if (cmd === "erasure_preview") return { ...counts, kept_until: "2029-11-25" };
      if (cmd === "erase_client") throw { kind: "erasure_wipe_pending", message: pending };
    });
    render(EraseClient, { client, openAtOnce: true, onErased: () => (erased = true) });
    const name = await screen.findByLabelText("Type the client's exact name to confirm");
    expect(document.getElementById("erase-kept-until")?.textContent).toContain("kept until 2029-11-25");
    await fireEvent.input(name, { target: { value: client.name } });
    await fireEvent.click(screen.getByRole("button", { name: "Erase for good" }));
    await waitFor(() => expect(router.route).toEqual({ name: "home" }));
    expect(session.notice).toBe(pending);
    expect(erased).toBe(false);
  });
});
