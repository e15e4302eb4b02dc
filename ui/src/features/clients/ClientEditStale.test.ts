import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { ClientInfo, UpdateClientRequest } from "../../ipc/bindings";
import { router } from "../workspace/route.svelte";
import ClientPage from "./ClientPage.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
  router.go({ name: "home" });
});

const opened: ClientInfo = {
  id: "c1",
  name: "Acme Ltd",
  matter: "",
  contact: "",
  notes: "",
  archived: false,
  created_at: "2026-12-07T09:00:00.000Z",
  updated_at: "2026-12-07T09:00:00.000Z",
};

const staleMessage = {
  en: "this client was changed by bob at 2026-12-07T10:00:00.000Z after you opened it: reload it and make your change again",
  zh: "此客户在您打开后已由 bob 于 2026-12-07T10:00:00.000Z 修改：请重新载入后再修改",
};

/** Core with a client the page opens, then renamed by a colleague before the user saves. */
function colleagueRenamesIt(lang: "en" | "zh") {
  let stored = opened;
  const sent: UpdateClientRequest[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "list_clients") return [stored];
    if (cmd === "get_client_overview") return { client: stored, rows: [] };
    if (cmd === "get_channel_catalogue") return { channels: [], platforms: [] };
    if (cmd === "update_client") {
      const request = (args as { request: UpdateClientRequest }).request;
      sent.push(request);
      if (request.version !== stored.updated_at) throw { kind: "stale", message: staleMessage[lang] };
      stored = { ...stored, ...request, updated_at: "2026-12-07T11:00:00.000Z" };
      return stored;
    }
    if (cmd.startsWith("list_")) return [];
  });
  return {
    sent,
    rename: () => {
      stored = { ...stored, name: "Acme Holdings", updated_at: "2026-12-07T10:00:00.000Z" };
    },
  };
}

const field = (key: string) => document.getElementById(`client-edit-${key}`) as HTMLInputElement;

describe("A register form saved after a colleague's change", () => {
  it("sends the version it loaded, shows core's refusal and reloads the entry instead of retrying", async () => {
    const core = colleagueRenamesIt("en");
    render(ClientPage, { clientId: "c1" });
    await fireEvent.click(await screen.findByRole("button", { name: "Edit" }));
    core.rename();
    await fireEvent.input(field("matter"), { target: { value: "Loyalty" } });
    await fireEvent.click(document.getElementById("client-edit-save") as HTMLElement);

    await waitFor(() => expect(document.getElementById("client-edit-error")?.textContent).toContain("changed by bob"));
    expect(core.sent).toEqual([
      { id: "c1", name: "Acme Ltd", matter: "Loyalty", contact: "", notes: "", version: "2026-12-07T09:00:00.000Z" },
    ]);
    // A retry would be refused again: the form offers the reload alone.
    expect(document.getElementById("client-edit-save")).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Reload the form" }));

    // The colleague's name is in the form, the refused edit gone, the error cleared.
    await waitFor(() => expect(field("name").value).toBe("Acme Holdings"));
    expect(field("matter").value).toBe("");
    expect(document.getElementById("client-edit-error")).toBeNull();

    // Made again, the edit goes with the version now loaded, lands, and the form closes.
    await fireEvent.input(field("matter"), { target: { value: "Loyalty" } });
    await fireEvent.click(document.getElementById("client-edit-save") as HTMLElement);
    await waitFor(() => expect(document.getElementById("client-edit-form")).toBeNull());
    expect(core.sent[1]).toEqual({
      id: "c1",
      name: "Acme Holdings",
      matter: "Loyalty",
      contact: "",
      notes: "",
      version: "2026-12-07T10:00:00.000Z",
    });
  });

  it("offers the reload in Chinese", async () => {
    i18n.lang = "zh";
    const core = colleagueRenamesIt("zh");
    render(ClientPage, { clientId: "c1" });
    await fireEvent.click(await screen.findByRole("button", { name: "编辑" }));
    core.rename();
    await fireEvent.click(document.getElementById("client-edit-save") as HTMLElement);

    await waitFor(() => expect(document.getElementById("client-edit-error")?.textContent).toContain("已由 bob"));
    expect(screen.getByRole("button", { name: "重新载入表单" })).toBeTruthy();
  });
});
