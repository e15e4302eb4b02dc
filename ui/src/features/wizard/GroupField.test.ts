import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { SaveAnswerRequest } from "../../ipc/bindings";
import { withStatus } from "./fixtures";
import { piaView, placedRisk, savedRisk } from "./pia-fixtures";
import WizardScreen from "./WizardScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

const el = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

/** Mocks core: `get_assessment` answers `initial`; every save is recorded and answered by `reply`. */
function mockCore(initial: ReturnType<typeof piaView>, reply = initial) {
  const saved: SaveAnswerRequest[] = [];
  mockIPC((cmd, args) => {
    if (cmd === "get_assessment") return initial;
    if (cmd === "save_answer") {
      saved.push((args as { request: SaveAnswerRequest }).request);
      return reply;
    }
    if (cmd === "list_actions" || cmd === "list_reports") return [];
  });
  return saved;
}

describe("GroupField (the risk register)", () => {
  it("draws each saved row with one input per column core describes", async () => {
    mockCore(piaView({}, { pia10_risks: [savedRisk] }, [placedRisk]));
    render(WizardScreen, { assessmentId: "a1" });

    await waitFor(() => expect(el("q-pia10_risks-row-1")).toBeTruthy());
    expect(el<HTMLTextAreaElement>("q-pia10_risks-1-title").value).toBe("CRM account taken over");
    expect(el<HTMLSelectElement>("q-pia10_risks-1-category").value).toBe("illegitimate_access");
    expect(el<HTMLSelectElement>("q-pia10_risks-1-likelihood").value).toBe("3");
    expect(el<HTMLSelectElement>("q-pia10_risks-1-residual_likelihood").value).toBe("1");
    // Levels are offered with the template's names; required columns are marked.
    const options = [...el<HTMLSelectElement>("q-pia10_risks-1-likelihood").options].map((o) => o.textContent);
    expect(options).toContain("3\u00a0· High");
    expect(screen.getByLabelText("Likelihood*")).toBeTruthy();
    // The row's summary carries core's levels before → after.
    const summary = el("q-pia10_risks-row-1").querySelector("summary") as HTMLElement;
    expect(summary.textContent).toContain("Risk 1");
    expect(summary.textContent).toContain("High");
    expect(summary.textContent).toContain("Medium");
  });

  it("adds a catalogue risk in the UI's language and saves it once its required cells are filled", async () => {
    const saved = mockCore(piaView(), piaView({}, { pia10_risks: [savedRisk] }, [placedRisk]));
    render(WizardScreen, { assessmentId: "a1" });
    await waitFor(() => expect(el("q-pia10_risks-catalogue")).toBeTruthy());
    expect(el("q-pia10_risks-empty").textContent).toContain("No rows yet.");

    await fireEvent.change(el("q-pia10_risks-catalogue"), { target: { value: "0" } });
    await fireEvent.click(el("q-pia10_risks-add-catalogue"));
    await waitFor(() => expect(el("q-pia10_risks-row-1")).toBeTruthy());
    expect(el<HTMLTextAreaElement>("q-pia10_risks-1-title").value).toBe("CRM account taken over");
    expect(el<HTMLTextAreaElement>("q-pia10_risks-1-measures").value).toBe("Multi-factor authentication");
    // Likelihood is required by core: the row waits, and says what it waits for.
    expect(saved).toEqual([]);
    expect(el("q-pia10_risks-1-incomplete").textContent).toContain("Likelihood");
    expect(document.activeElement?.id).toBe("q-pia10_risks-1-likelihood");

    await fireEvent.change(el("q-pia10_risks-1-likelihood"), { target: { value: "3" } });
    await fireEvent.change(el("q-pia10_risks-1-impact"), { target: { value: "3" } });
    await waitFor(() => expect(saved.length).toBe(2));
    expect(saved[1]).toEqual({
      assessment_id: "a1",
      question_id: "pia10_risks",
      value: [
        {
          title: "CRM account taken over",
          category: "illegitimate_access",
          measures: "Multi-factor authentication",
          likelihood: 3,
          impact: 3,
        },
      ],
      version: "",
    });
    expect(document.getElementById("q-pia10_risks-1-incomplete")).toBeNull();
    // Core's heat map follows the saved register.
    await waitFor(() => expect(el("heat-before-3-3").textContent).toContain("1"));
  });

  it("adds a custom risk, saves it when complete, and removes a row", async () => {
    const saved = mockCore(piaView({}, { pia10_risks: [savedRisk] }, [placedRisk]));
    render(WizardScreen, { assessmentId: "a1" });
    await waitFor(() => expect(el("q-pia10_risks-add")).toBeTruthy());
    expect(el("q-pia10_risks-add").textContent).toContain("Add a custom risk");

    await fireEvent.click(el("q-pia10_risks-add"));
    await waitFor(() => expect(document.activeElement?.id).toBe("q-pia10_risks-2-title"));
    const title = el<HTMLTextAreaElement>("q-pia10_risks-2-title");
    await fireEvent.input(title, { target: { value: "  Agency reuses the list  " } });
    await fireEvent.blur(title);
    expect(el("q-pia10_risks-2-incomplete").textContent).toContain("Category, Likelihood");
    expect(saved).toEqual([]);
    await fireEvent.change(el("q-pia10_risks-2-category"), { target: { value: "other" } });
    await fireEvent.change(el("q-pia10_risks-2-likelihood"), { target: { value: "2" } });
    await waitFor(() => expect(saved.length).toBe(1));
    expect(saved[0]?.value).toEqual([
      savedRisk,
      { title: "Agency reuses the list", category: "other", likelihood: 2 },
    ]);

    await fireEvent.click(screen.getByRole("button", { name: "Remove: Risk 1" }));
    await waitFor(() => expect(saved.length).toBe(2));
    expect(saved[1]?.value).toEqual([{ title: "Agency reuses the list", category: "other", likelihood: 2 }]);
    expect(el<HTMLTextAreaElement>("q-pia10_risks-1-title").value.trim()).toBe("Agency reuses the list");
    expect(document.getElementById("q-pia10_risks-row-2")).toBeNull();
  });

  it("is read-only once submitted: no adding or removing, inputs disabled", async () => {
    mockCore({ ...piaView({}, { pia10_risks: [savedRisk] }, [placedRisk]), ...withStatusOnly("in_review") });
    render(WizardScreen, { assessmentId: "a1" });
    await waitFor(() => expect(el("q-pia10_risks-row-1")).toBeTruthy());
    expect(document.getElementById("q-pia10_risks-add")).toBeNull();
    expect(document.getElementById("q-pia10_risks-1-remove")).toBeNull();
    expect(el<HTMLTextAreaElement>("q-pia10_risks-1-title").closest("fieldset")?.disabled).toBe(true);
  });

  it("speaks Chinese: catalogue rows come in Chinese, and so do the columns", async () => {
    i18n.lang = "zh";
    const saved = mockCore(piaView());
    render(WizardScreen, { assessmentId: "a1" });
    await waitFor(() => expect(el("q-pia10_risks-catalogue")).toBeTruthy());
    const catalogue = el<HTMLSelectElement>("q-pia10_risks-catalogue");
    expect([...catalogue.options].map((o) => o.textContent)).toContain("名单泄露后被用于诈骗");
    await fireEvent.change(catalogue, { target: { value: "1" } });
    await fireEvent.click(screen.getByRole("button", { name: "从目录添加" }));
    await waitFor(() => expect(el<HTMLTextAreaElement>("q-pia10_risks-1-title").value).toBe("名单泄露后被用于诈骗"));
    expect(el("q-pia10_risks-row-1").querySelector("summary")?.textContent).toContain("风险 1");
    expect(el("q-pia10_risks-1-incomplete").textContent).toContain("可能性");
    expect(saved).toEqual([]);
  });
});

/** Only the status fields of `withStatus`, to lay over another view. */
function withStatusOnly(status: "in_review") {
  const { editable, assessment } = withStatus(status);
  return { editable, assessment: { ...assessment, kind: "pia" as const } };
}
