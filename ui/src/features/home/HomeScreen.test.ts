import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { ActionInfo, DashboardView, SearchHitView } from "../../ipc/bindings";
import { router } from "../workspace/route.svelte";
import HomeScreen from "./HomeScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  router.go({ name: "home" });
});

const vault = { path: "/v.dpvault", schema_version: 2, audit_entries: 9, read_only: false };

const action = (title: string, due: string, overdue: boolean): ActionInfo => ({
  id: `a-${title}`,
  assessment_id: null,
  client_id: "c1",
  finding_id: "",
  title,
  title_words: null,
  assessment_title: null,
  client_name: null,
  owner: "Ops",
  due_date: due,
  status: { status: "open", label: { zh: "待办", en: "Open" }, pending: true },
  note: "",
  overdue,
  created_at: "2026-11-01T00:00:00.000Z",
  updated_at: "2026-11-01T00:00:00.000Z",
});

const dashboard = (): DashboardView => ({
  today: "2026-11-25",
  counts: { draft: 2, in_review: 1, approved: 3, rejected: 0 },
  recent: [],
  clients: 1,
  audit_entries: 103,
  overdue_actions: [action("Stop the bought list", "2026-11-01", true)],
  due_soon_actions: [action("Add opt-out line", "2026-12-01", false)],
  vendor_reviews_due: [
    {
      vendor: {
        id: "v1",
        client_id: "c1",
        name: "SMS Cloud",
        country: "SG",
        service: "SMS",
        contact: "",
        next_review: "2026-12-20",
        notes: "",
        archived: false,
        created_at: "2026-11-01T00:00:00.000Z",
        updated_at: "2026-11-01T00:00:00.000Z",
      },
      client_name: "华东贸易",
      days_left: 25,
    },
  ],
  retention_due: [
    {
      assessment_id: "p1",
      title: "WeCom PIA",
      client_name: "华东贸易",
      version: 1,
      approved_on: "2023-12-01",
      keep_until: "2026-12-01",
      years: 3,
      days_left: 6,
    },
  ],
  due_for_erasure: [
    {
      kind: "client",
      id: "c9",
      name: "Former client 前客户",
      version: 0,
      client_id: "c9",
      client_name: "Former client 前客户",
      keep_until: "2020-01-10",
      days_past: 2522,
    },
  ],
  actions_due_soon_days: 14,
  vendor_review_days: 30,
  retention_days: 90,
});

describe("HomeScreen", () => {
  it("draws core's counts and due lists", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_dashboard") return dashboard();
    });
    render(HomeScreen, { vault });
    await waitFor(() => expect(document.getElementById("count-approved")?.textContent).toBe("3"));
    expect(document.getElementById("due-overdue")?.textContent).toContain("Stop the bought list");
    expect(document.getElementById("due-soon")?.textContent).toContain("Add opt-out line");
    expect(screen.getByText("Actions due within 14 days")).toBeTruthy();
    expect(document.getElementById("due-vendors")?.textContent).toContain("in 25 days");
    expect(document.getElementById("due-retention")?.textContent).toContain("keep until 2026-12-01");

    await fireEvent.click(screen.getByText("WeCom PIA"));
    expect(router.route).toEqual({ name: "assessment", id: "p1" });
  });

  it("shows the audit log's length from the dashboard, not the one read at unlock, and no schema version", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_dashboard") return dashboard();
    });
    render(HomeScreen, { vault });
    await waitFor(() => expect(document.getElementById("home-audit-entries")?.textContent).toBe("103"));
    expect(screen.queryByText("Schema version")).toBeNull();
  });

  it("lists what is past its keep-until date and opens the client's erase confirmation, erasing nothing", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === "get_dashboard") return dashboard();
    });
    render(HomeScreen, { vault });
    await waitFor(() => expect(document.getElementById("due-erasure")?.textContent).toContain("Former client 前客户"));
    const item = document.getElementById("due-erasure")?.textContent ?? "";
    expect(item).toContain("keep until 2020-01-10");
    expect(item).toContain("2522 days past");
    await fireEvent.click(screen.getByText("Erase…"));
    expect(router.route).toEqual({ name: "client", id: "c9", erase: true });
    expect(calls.filter((c) => c.startsWith("erase"))).toEqual([]);
  });

  it("searches through core, labels each hit by what it is, marks the match and opens where it lies", async () => {
    const queries: string[] = [];
    const base = {
      label: null,
      assessment_id: "a1",
      question_id: null,
      finding_id: null,
      client_id: "c1",
      client_name: "华东贸易",
      archived: false,
    };
    const answer: SearchHitView = {
      ...base,
      kind: "answer",
      id: "a1",
      question_id: "ds05_consent_text",
      title: "Tmall orders",
      snippet: "…已取得同意的记录…",
      snippet_before: "…已取得",
      snippet_match: "同意",
      snippet_after: "的记录…",
    };
    const finding: SearchHitView = {
      ...base,
      kind: "finding",
      id: "a1",
      finding_id: "ds-consent-record",
      title: "Bought list",
      label: { zh: "未能证明同意", en: "Consent cannot be shown" },
      snippet: "未能证明已取得同意",
      snippet_before: "未能证明已取得",
      snippet_match: "同意",
      snippet_after: "",
    };
    const contact: SearchHitView = {
      ...base,
      kind: "contact",
      id: "c1",
      assessment_id: null,
      title: "华东贸易",
      snippet: "同意书联系人 王芳",
      snippet_before: "",
      snippet_match: "同意",
      snippet_after: "书联系人 王芳",
    };
    mockIPC((cmd, args) => {
      if (cmd === "get_dashboard") return { ...dashboard(), overdue_actions: [], due_soon_actions: [], vendor_reviews_due: [], retention_due: [], due_for_erasure: [] };
      if (cmd === "search") {
        queries.push((args as { query: string }).query);
        return [answer, finding, contact];
      }
    });
    render(HomeScreen, { vault });
    expect(await screen.findByText("Nothing due.")).toBeTruthy();
    await fireEvent.input(screen.getByRole("searchbox"), { target: { value: "同意" } });
    const items = await screen.findAllByRole("listitem");
    const results = items.filter((li) => li.closest("#search-results"));
    expect(results.map((li) => li.querySelector(".tag")?.textContent)).toEqual(["Answer", "Finding", "Contact"]);
    expect(results.map((li) => li.querySelector("mark")?.textContent)).toEqual(["同意", "同意", "同意"]);
    expect(results[0]?.querySelector(".snippet")?.textContent).toBe("…已取得同意的记录…");
    expect(queries).toContain("同意");
    await fireEvent.click(screen.getByText("Tmall orders"));
    expect(router.route).toEqual({ name: "assessment", id: "a1", question: "ds05_consent_text", finding: undefined });
    // A finding is called by its own title; the assessment it lies in is named beside it.
    expect(results[1]?.querySelector("strong")?.textContent).toBe("Consent cannot be shown");
    expect(results[1]?.textContent).toContain("Bought list");
    await fireEvent.click(screen.getByText("Consent cannot be shown"));
    expect(router.route).toEqual({ name: "assessment", id: "a1", finding: "ds-consent-record", question: undefined });
    await fireEvent.click(results[2]!.querySelector("button")!);
    expect(router.route).toEqual({ name: "client", id: "c1" });
  });
});
