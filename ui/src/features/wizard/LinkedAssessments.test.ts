import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { AssessmentView, LinkOption, OutcomeView, TransferRouteView } from "../../ipc/bindings";
import { compliantOutcome, summaryOf, view } from "./fixtures";
import WizardScreen from "./WizardScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

const notAssessed: OutcomeView = {
  ...compliantOutcome,
  findings: [
    {
      id: "ds27-transfer-not-assessed",
      severity: "high",
      regime: "both",
      title: { en: "Transfer not assessed", zh: "出境未经跨境传输评估" },
      explanation: { en: "No transfer assessment is linked.", zh: "尚未关联跨境传输评估。" },
      recommendation: { en: "Link a transfer assessment.", zh: "关联跨境传输评估。" },
      theme: null,
      cleared_by_link: "transfer",
      cite: [],
    },
  ],
};

const route: TransferRouteView = {
  prc: {
    route: "standard_contract",
    text: { en: "Standard contract or certification", zh: "标准合同或认证" },
    grounds: [],
    likely_verify: null,
    scc_module: null,
    should_not_proceed: false,
    cite: [],
    duties: [],
    missing: [],
    laws_checked_on: null,
  },
  eu: null,
};

const transfer: LinkOption = {
  id: "t1",
  kind: "transfer",
  title: "CRM to Singapore",
  version: 1,
  status: "draft",
  linked: false,
};

/** The IPC as core answers it: `link_assessment` records the link and returns the fresh view. */
function mockCore(options: { refuse?: string; editable?: boolean } = {}) {
  let linked = false;
  const calls: unknown[] = [];
  const current = (): AssessmentView =>
    linked
      ? view({
          outcome: compliantOutcome,
          findings_summary: summaryOf(compliantOutcome),
          linked_transfers: [
            { linked_id: "t1", assessment_id: "t1", title: "CRM to Singapore", version: 1, follows: "current", route },
          ],
        })
      : { ...view({ outcome: notAssessed, findings_summary: summaryOf(notAssessed) }), editable: options.editable ?? true };
  mockIPC((cmd, args) => {
    if (cmd === "get_assessment") return current();
    if (cmd === "link_options") return [{ ...transfer, linked }];
    if (cmd === "link_assessment") {
      calls.push(args);
      if (options.refuse) throw { kind: "invalid_input", message: options.refuse };
      linked = true;
      return current();
    }
    if (cmd === "list_actions" || cmd === "list_reports") return [];
  });
  return calls;
}

describe("LinkedAssessments", () => {
  it("links the chosen transfer: the finding goes, and the linked one shows with its route", async () => {
    const calls = mockCore();
    render(WizardScreen, { assessmentId: "a1" });
    await screen.findAllByText("Transfer not assessed");
    expect(screen.getByRole("button", { name: /Link the transfer assessment/ })).toBeTruthy();
    expect(document.getElementById("links-none")?.textContent).toBe("Nothing linked yet.");
    const select = (await waitFor(() => {
      const s = document.getElementById("link-select");
      if (!s) throw new Error("no select yet");
      return s;
    })) as HTMLSelectElement;
    expect(select.textContent).toContain("Cross-border transfer · CRM to Singapore · v1");
    const button = document.getElementById("link-add") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await fireEvent.change(select, { target: { value: "t1" } });
    await fireEvent.click(button);
    await waitFor(() => expect(document.getElementById("links-list")).toBeTruthy());
    expect(calls).toEqual([{ id: "a1", linkedId: "t1" }]);
    expect(screen.queryAllByText("Transfer not assessed")).toHaveLength(0);
    const list = document.getElementById("links-list")?.textContent ?? "";
    expect(list).toContain("Cross-border transfer");
    expect(list).toContain("CRM to Singapore");
    const panel = document.getElementById("linked-assessments") as HTMLElement;
    expect(panel.querySelector(".route-text")?.textContent).toBe("Standard contract or certification");
    expect(document.getElementById("links-nothing")?.textContent).toContain("no other assessment to link");
  });

  it("shows core's refusal as worded, and speaks Chinese", async () => {
    i18n.lang = "zh";
    mockCore({ refuse: "要关联的评估归属于另一位客户" });
    render(WizardScreen, { assessmentId: "a1" });
    await screen.findByRole("heading", { name: "关联评估" });
    const select = (await waitFor(() => {
      const s = document.getElementById("link-select");
      if (!s) throw new Error("no select yet");
      return s;
    })) as HTMLSelectElement;
    expect(select.textContent).toContain("跨境传输 · CRM to Singapore · 第 1 版");
    await fireEvent.change(select, { target: { value: "t1" } });
    await fireEvent.click(document.getElementById("link-add") as HTMLButtonElement);
    const alert = await waitFor(() => {
      const a = document.getElementById("link-error");
      if (!a) throw new Error("no alert yet");
      return a;
    });
    expect(alert.textContent).toBe("要关联的评估归属于另一位客户");
    expect(screen.getAllByText("出境未经跨境传输评估").length).toBeGreaterThan(0);
  });

  it("offers no link in a version that is not a draft", async () => {
    mockCore({ editable: false });
    render(WizardScreen, { assessmentId: "a1" });
    await screen.findByRole("heading", { name: "Linked assessments" });
    await waitFor(() => expect(screen.getByText(/Links change only in a draft/)).toBeTruthy());
    expect(document.getElementById("link-select")).toBeNull();
  });
});
