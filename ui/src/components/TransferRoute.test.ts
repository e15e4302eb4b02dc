import { cleanup, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../i18n/i18n.svelte";
import type { TransferRouteView } from "../ipc/bindings";
import TransferRoute from "./TransferRoute.svelte";

afterEach(() => {
  cleanup();
  i18n.lang = "en";
});

const route: TransferRouteView = {
  prc: {
    route: "undetermined",
    text: { en: "Undetermined: answer the facts below.", zh: "尚未确定。" },
    grounds: [],
    likely_verify: null,
    scc_module: null,
    should_not_proceed: false,
    cite: [],
    duties: [],
    missing: [{ question_id: "tr02_count_nonsensitive", text: { en: "How many people?", zh: "多少人？" } }],
    laws_checked_on: null,
  },
  eu: {
    route: "scc",
    text: { en: "The 2021 SCCs, Module 2.", zh: "标准合同条款模块2。" },
    grounds: [],
    likely_verify: null,
    scc_module: 2,
    should_not_proceed: true,
    cite: [{ key: "SCC-2021-914-R7", article: { en: "Decision 2021/914, recital 7", zh: "鉴于条款第7条" }, status: "unverified" }],
    duties: [{ kind: "transfer_impact_assessment", met: false, text: { en: "TIA: not done", zh: "传输影响评估：未落实" } }],
    missing: [],
    laws_checked_on: "2026-11-20",
  },
};

describe("TransferRoute", () => {
  it("shows each side's route, open facts, marked basis and duties as core words them", () => {
    render(TransferRoute, { route });
    expect(screen.getByText("Undetermined: answer the facts below.")).toBeTruthy();
    expect(screen.getByText(/How many people\?/)).toBeTruthy();
    expect(screen.getByText("The 2021 SCCs, Module 2.").classList.contains("stop")).toBe(true);
    expect(screen.getByText("[verify]")).toBeTruthy();
    expect(screen.getByText("TIA: not done").dataset.met).toBe("false");
  });

  it("names a linked transfer and the version its link follows", () => {
    const linked = { linked_id: "a", assessment_id: "b", title: "CRM to Singapore", version: 2, follows: "signed", route };
    render(TransferRoute, { route, linked });
    expect(screen.getByText(/CRM to Singapore · v2 · latest signed version/)).toBeTruthy();
  });

  it("leaves out a side that does not apply", () => {
    render(TransferRoute, { route: { ...route, prc: null } });
    expect(document.querySelector('[data-side="prc"]')).toBeNull();
    expect(document.querySelector('[data-side="eu"]')?.getAttribute("data-route")).toBe("scc");
  });
});
