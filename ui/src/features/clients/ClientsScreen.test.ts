import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { ClientInfo, NewClientRequest } from "../../ipc/bindings";
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

describe("ClientsScreen", () => {
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
