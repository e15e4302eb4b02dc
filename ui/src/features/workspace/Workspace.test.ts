import { cleanup, render } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import Workspace from "./Workspace.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
});

describe("Workspace", () => {
  it("says once, above every screen, that a vault opened read-only cannot be changed", () => {
    i18n.lang = "en";
    mockIPC(() => undefined);
    render(Workspace, { vault: { path: "/media/usb/v.dpvault", schema_version: 4, audit_entries: 3, read_only: true } });
    expect(document.getElementById("vault-read-only")?.textContent).toContain("read-only here");
  });

  it("shows no such notice for a vault that can be written", () => {
    mockIPC(() => undefined);
    render(Workspace, { vault: { path: "/v.dpvault", schema_version: 4, audit_entries: 3, read_only: false } });
    expect(document.getElementById("vault-read-only")).toBeNull();
  });
});
