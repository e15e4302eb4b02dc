import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { ChannelCatalogue, ClientInfo, ClientOverview, NewDataSourceRequest, OverviewRow, RatingBadge } from "../../ipc/bindings";
import { router } from "../workspace/route.svelte";
import ClientPage from "./ClientPage.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  router.go({ name: "home" });
});

const client: ClientInfo = {
  id: "c1",
  name: "华东贸易",
  matter: "",
  contact: "",
  notes: "",
  archived: false,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
};

const badge = (en: string, rating: RatingBadge["rating"]): RatingBadge => ({
  rating,
  label: { zh: en, en },
  certainty: "provisional",
  wording: { zh: `${en}（暂定）`, en: `${en} (provisional)` },
});

const rows: OverviewRow[] = [
  {
    kind: "data_source",
    entry_id: "ds1",
    client_id: "c1",
    client_name: "华东贸易",
    name: "Bought list",
    detail: [{ zh: "购买或租用名单", en: "Purchased or rented list" }],
    assessment: {
      id: "a1",
      version: 1,
      status: "draft",
      ratings: { eu: badge("prohibited", "prohibited"), prc: null, overall: badge("prohibited", "prohibited") },
      required_answered: 12,
      required_total: 30,
      updated_at: "2026-01-02T00:00:00.000Z",
    },
    open_actions: 2,
    overdue_actions: 1,
    last_sign_off: null,
    next_review: null,
    next_step: "continue",
  },
  {
    kind: "vendor",
    entry_id: "v1",
    client_id: "c1",
    client_name: "华东贸易",
    name: "SMS Cloud",
    detail: [],
    assessment: null,
    open_actions: 0,
    overdue_actions: 0,
    last_sign_off: null,
    next_review: "2026-06-30",
    next_step: "assess",
  },
  {
    kind: "pia",
    entry_id: null,
    client_id: "c1",
    client_name: "华东贸易",
    name: "Loyalty PIA",
    detail: [],
    assessment: {
      id: "p1",
      version: 2,
      status: "in_review",
      ratings: { eu: null, prc: badge("conditional", "conditional"), overall: badge("conditional", "conditional") },
      required_answered: 40,
      required_total: 40,
      updated_at: "2026-01-03T00:00:00.000Z",
    },
    open_actions: 0,
    overdue_actions: 0,
    last_sign_off: null,
    next_review: null,
    next_step: "review",
  },
];

const catalogue: ChannelCatalogue = {
  channels: [{ value: "QR", label: { zh: "线下扫码", en: "Offline QR code" }, help: null }],
  platforms: [
    { value: "wechat", label: { zh: "微信", en: "WeChat / WeCom" }, help: null },
    { value: "sms", label: { zh: "短信", en: "SMS" }, help: null },
  ],
};

function mock(added: NewDataSourceRequest[] = []) {
  mockIPC((cmd, args) => {
    if (cmd === "list_clients") return [client];
    if (cmd === "get_client_overview") return { client, rows } satisfies ClientOverview;
    if (cmd === "get_channel_catalogue") return catalogue;
    if (cmd === "add_data_source") {
      added.push((args as { request: NewDataSourceRequest }).request);
      return {};
    }
    if (cmd.startsWith("list_")) return [];
  });
}

describe("ClientPage", () => {
  it("opens on the overview: each entry's ratings, required-question progress, actions and next step", async () => {
    mock();
    render(ClientPage, { clientId: "c1" });
    await waitFor(() => expect(document.getElementById("client-overview")).toBeTruthy());
    const first = document.querySelector('#client-overview tr[data-entry="ds1"]')?.textContent ?? "";
    expect(first).toContain("Purchased or rented list");
    expect(first).toContain("prohibited (provisional)");
    expect(first).toContain("12 of 30");
    expect(first).toContain("1 overdue");
    expect(screen.getByText("Required questions answered")).toBeTruthy();
    // Sign-off and next review share a column, so the table fits at 1024 px.
    const vendor = document.querySelector('#client-overview tr[data-entry="v1"] .signoff-cell')?.textContent ?? "";
    expect(vendor).toContain("Review by 2026-06-30");
    expect(document.querySelectorAll("#client-overview thead th")).toHaveLength(6);

    await fireEvent.click(screen.getByText("Continue"));
    expect(router.route).toEqual({ name: "assessment", id: "a1" });
    // "Review" opens the assessment on its review tab.
    await fireEvent.click(screen.getByText("Review"));
    expect(router.route).toEqual({ name: "assessment", id: "p1", tab: "review" });
  });

  it("starts a vendor's first assessment with the vendor template and the vendor chosen", async () => {
    mock();
    render(ClientPage, { clientId: "c1" });
    await fireEvent.click(await screen.findByText("Assess"));
    expect(router.route).toEqual({ name: "new-assessment", clientId: "c1", subjectId: "v1", kind: "vendor" });
  });

  it("adds a channel picked from the template's catalogue by its label, with its platforms as codes", async () => {
    const added: NewDataSourceRequest[] = [];
    mock(added);
    render(ClientPage, { clientId: "c1" });
    await fireEvent.click(await screen.findByText("Channels"));
    await fireEvent.input(screen.getByLabelText("Name"), { target: { value: "Store posters" } });
    const select = screen.getByLabelText("Channel type") as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toContain("Offline QR code");
    await fireEvent.change(select, { target: { value: "QR" } });
    await fireEvent.click(screen.getByLabelText("WeChat / WeCom"));
    await fireEvent.click(screen.getByLabelText("SMS"));
    await fireEvent.click(document.getElementById("ds-add") as HTMLElement);
    await waitFor(() => expect(added).toHaveLength(1));
    expect(added[0]).toMatchObject({ name: "Store posters", channel: "QR", platform: "wechat, sms" });
  });
});
