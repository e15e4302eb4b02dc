import { cleanup, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { OutcomeView } from "../../ipc/bindings";
import { compliantOutcome, view } from "./fixtures";
import WizardScreen from "./WizardScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

const vendorOutcome: OutcomeView = {
  ...compliantOutcome,
  tier: { tier: "critical", label: { en: "critical", zh: "严重" } },
  coverage: {
    mandatory: 12,
    present: 1,
    partial: 1,
    missing: 0,
    unchecked: 10,
    percent: 75,
    label: { en: "75.0 % of the 2 clauses checked; 10 not yet checked", zh: "已核查的 2 项条款中 75.0 %；另有 10 项尚未核查" },
    clauses: [
      { question_id: "channel", status: "present", label: { en: "present", zh: "具备" } },
      { question_id: "provenance", status: "partial", label: { en: "partial", zh: "部分具备" } },
    ],
  },
};

function mockVendor(outcome: OutcomeView) {
  mockIPC((cmd) => {
    if (cmd === "get_assessment") return view({ outcome });
    if (cmd === "list_actions" || cmd === "list_reports") return [];
  });
}

describe("VendorSummary", () => {
  it("shows core's tier and clause coverage, and the clauses not fully present", async () => {
    mockVendor(vendorOutcome);
    render(WizardScreen, { assessmentId: "a1" });
    await waitFor(() => expect(document.getElementById("vendor-tier")).toBeTruthy());
    expect(document.getElementById("vendor-tier")?.textContent).toBe("critical");
    expect(document.getElementById("vendor-tier")?.dataset.tier).toBe("critical");
    const coverage = document.getElementById("clause-coverage")?.textContent ?? "";
    expect(coverage).toContain("75.0 % of the 2 clauses checked; 10 not yet checked");
    expect(coverage).toContain("10 not yet checked");
    expect(coverage).toContain("12 mandatory clauses");
    const open = document.getElementById("coverage-open") as HTMLElement;
    expect(open.querySelectorAll("li")).toHaveLength(1);
    expect(open.textContent).toContain("partial");
    expect(open.textContent).toContain("Can every number be traced?");
  });

  it("is absent for other instruments, and speaks Chinese", async () => {
    mockVendor(compliantOutcome);
    render(WizardScreen, { assessmentId: "a1" });
    await screen.findByRole("heading", { name: "Bought list" });
    expect(document.getElementById("vendor-summary")).toBeNull();
    cleanup();

    i18n.lang = "zh";
    mockVendor(vendorOutcome);
    render(WizardScreen, { assessmentId: "a1" });
    expect(await screen.findByText("受托方风险等级")).toBeTruthy();
    expect(document.getElementById("vendor-tier")?.textContent).toBe("严重");
    expect(screen.getByText("未完全具备的条款 (1)")).toBeTruthy();
  });
});
