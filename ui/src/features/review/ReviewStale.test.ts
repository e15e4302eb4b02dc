import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { AssessmentView, SignOffRequest } from "../../ipc/bindings";
import { withStatus } from "../wizard/fixtures";
import { Wizard } from "../wizard/wizard.svelte";
import ReviewPanel from "./ReviewPanel.svelte";

// A submit or sign-off refused as stale (a colleague changed the assessment after the screen read
// it) offers "Reload the assessment", as the wizard does after a stale save: the reload reads the
// assessment as it now stands, and the next sign-off carries the version now shown.

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

const READ = "2026-01-01T00:00:00.000Z";
const NOW = "2026-01-02T08:00:00.000Z";

function at(status: AssessmentView["assessment"]["status"], updatedAt: string): AssessmentView {
  const view = withStatus(status);
  return { ...view, assessment: { ...view.assessment, updated_at: updatedAt } };
}

function stale(lang: "en" | "zh") {
  return {
    kind: "stale",
    message:
      lang === "en"
        ? `this assessment was changed by bob at ${NOW}, after you opened it: reload it and make your change again`
        : `此评估在您打开后已由 bob 于 ${NOW} 修改：请重新载入后再修改`,
  };
}

function mount() {
  const wizard = new Wizard();
  wizard.view = at("in_review", READ);
  render(ReviewPanel, { wizard, onGoToQuestion: () => undefined });
  return wizard;
}

describe("ReviewPanel after a colleague's change", () => {
  it("offers to reload the assessment after a stale sign-off, then signs at the version now shown", async () => {
    const requests: SignOffRequest[] = [];
    const loaded: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "sign_off") {
        const request = (args as { request: SignOffRequest }).request;
        requests.push(request);
        if (request.version !== NOW) throw stale("en");
        return at("rejected", "2026-01-02T09:00:00.000Z");
      }
      if (cmd === "get_assessment") {
        loaded.push((args as { id: string }).id);
        return at("in_review", NOW);
      }
      if (cmd === "list_comments") return [];
    });
    const wizard = mount();
    await fireEvent.click(document.getElementById("decision-reject") as HTMLElement);
    await fireEvent.click(screen.getByRole("button", { name: "Sign off: reject the assessment" }));

    await waitFor(() => expect(document.getElementById("review-error")?.textContent).toContain("changed by bob"));
    expect(requests[0]?.version).toBe(READ);
    expect(document.getElementById("signoffs")).toBeNull();
    const reload = screen.getByRole("button", { name: "Reload the assessment" });

    await fireEvent.click(reload);
    await waitFor(() => expect(wizard.view?.assessment.updated_at).toBe(NOW));
    expect(loaded).toEqual(["a1"]);
    expect(document.getElementById("review-error")).toBeNull();

    await fireEvent.click(screen.getByRole("button", { name: "Sign off: reject the assessment" }));
    await waitFor(() => expect(wizard.view?.assessment.status).toBe("rejected"));
    expect(requests.map((r) => r.version)).toEqual([READ, NOW]);
  });

  it("offers the reload after a stale submission too, in Chinese", async () => {
    i18n.lang = "zh";
    mockIPC((cmd) => {
      if (cmd === "submit_assessment") throw stale("zh");
    });
    const wizard = new Wizard();
    wizard.view = at("draft", READ);
    render(ReviewPanel, { wizard, onGoToQuestion: () => undefined });
    await fireEvent.click(document.getElementById("submit-review") as HTMLElement);
    await fireEvent.click(document.getElementById("submit-confirm") as HTMLElement);
    await waitFor(() => expect(document.getElementById("review-error")?.textContent).toContain("已由 bob"));
    expect(screen.getByRole("button", { name: "重新载入评估" })).toBeTruthy();
  });

  it("keeps the retry-free refusal for what is not stale", async () => {
    mockIPC((cmd) => {
      if (cmd === "sign_off") throw { kind: "invalid_input", message: "approval needs all four attestations: …" };
    });
    mount();
    await fireEvent.click(screen.getByRole("button", { name: "Sign off: approve the assessment" }));
    await waitFor(() => expect(document.getElementById("review-error")?.textContent).toContain("attestations"));
    expect(screen.queryByRole("button", { name: "Reload the assessment" })).toBeNull();
  });
});
