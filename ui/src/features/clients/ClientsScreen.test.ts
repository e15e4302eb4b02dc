import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { ClientInfo, NewClientRequest, OverviewRow } from "../../ipc/bindings";
import { router } from "../workspace/route.svelte";
import ClientsScreen from "./ClientsScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  router.go({ name: "home" });
});

const client = (name: string): ClientInfo => ({
  id: `id-${name}`,
  name,
  matter: "",
  contact: "",
  notes: "",
  archived: false,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
});

/** A channel row not assessed yet: `n` numbers it, a client per ten rows. */
const row = (n: number): OverviewRow => ({
  kind: "data_source",
  entry_id: `ds-${n}`,
  client_id: `c-${Math.floor(n / 10)}`,
  client_name: n < 10 ? "华东商贸" : `Client ${Math.floor(n / 10)}`,
  name: `Channel ${n}`,
  detail: [{ zh: "微信", en: "WeChat" }],
  assessment: null,
  open_actions: 0,
  overdue_actions: 0,
  last_sign_off: null,
  next_review: null,
  next_step: "assess",
});

const shownRows = () => Array.from(document.querySelectorAll("#portfolio tbody tr"));

describe("ClientsScreen", () => {
  // Fifty rows of a table take a while to lay out in jsdom on a busy machine.
  it("draws the portfolio fifty rows at a time and filters it", { timeout: 20_000 }, async () => {
    const rows = Array.from({ length: 60 }, (_, n) => row(n));
    mockIPC((cmd) => {
      if (cmd === "list_clients") return [client("华东商贸")];
      if (cmd === "get_portfolio") return rows;
    });
    render(ClientsScreen);
    expect(await screen.findByText("Rows 1–50 of 60")).toBeTruthy();
    expect(shownRows().length).toBe(50);
    expect(screen.getByRole("button", { name: "Previous" }).hasAttribute("disabled")).toBe(true);

    await fireEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(await screen.findByText("Rows 51–60 of 60")).toBeTruthy();
    expect(shownRows().length).toBe(10);
    expect(shownRows()[0]?.getAttribute("data-entry")).toBe("ds-50");
    expect(screen.getByRole("button", { name: "Next" }).hasAttribute("disabled")).toBe(true);

    // A filter goes back to its first page; one page needs no pager.
    await fireEvent.input(screen.getByLabelText("Filter by client, name or channel"), { target: { value: "华东 wechat" } });
    await waitFor(() => expect(shownRows().length).toBe(10));
    expect(shownRows()[0]?.getAttribute("data-entry")).toBe("ds-0");
    expect(document.querySelector("#portfolio-pager")).toBeNull();

    await fireEvent.input(screen.getByLabelText("Filter by client, name or channel"), { target: { value: "nothing like it" } });
    expect(await screen.findByText("No row matches the filter.")).toBeTruthy();
  });

  it("says what to do when there are no clients, adds one and opens its page", async () => {
    const clients: ClientInfo[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_clients") return clients;
      if (cmd === "get_portfolio") return [];
      if (cmd === "add_client") {
        const added = client((args as { request: NewClientRequest }).request.name);
        clients.push(added);
        return added;
      }
    });
    render(ClientsScreen);
    expect(await screen.findByText(/No clients yet/)).toBeTruthy();

    await fireEvent.input(screen.getByLabelText("Name"), { target: { value: "华东商贸" } });
    await fireEvent.click(screen.getByRole("button", { name: "Add" }));
    await waitFor(() => expect(router.route).toEqual({ name: "client", id: "id-华东商贸" }));
  });

  it("shows core's refusal in place", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_clients") return [];
      if (cmd === "get_portfolio") return [];
      if (cmd === "add_client") throw { kind: "invalid_input", message: "the name must not be empty: fill it in" };
    });
    render(ClientsScreen);
    await fireEvent.input(await screen.findByLabelText("Name"), { target: { value: " x" } });
    await fireEvent.click(screen.getByRole("button", { name: "Add" }));
    expect((await screen.findByRole("alert")).textContent).toContain("must not be empty");
  });
});
