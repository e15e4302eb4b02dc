import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { SaveAnswerRequest } from "../../ipc/bindings";
import { view } from "./fixtures";
import WizardScreen from "./WizardScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

const staleMessage = {
  en: "this answer was changed by ann at 2026-12-07T10:00:00.000Z after you opened it: reload it and make your change again",
  zh: "此答复在您打开后已由 ann 于 2026-12-07T10:00:00.000Z 修改：请重新载入后再修改",
};

/** Core as a colleague's save leaves it: `channel` unanswered when read, then answered "WEB" by ann (version 1). */
function colleagueSavedFirst(lang: "en" | "zh") {
  const saved: SaveAnswerRequest[] = [];
  let loads = 0;
  mockIPC((cmd, args) => {
    if (cmd === "get_assessment") {
      loads += 1;
      return loads === 1
        ? view()
        : view({ answers: { channel: "WEB" }, answer_versions: { channel: "1" } });
    }
    if (cmd === "save_answer") {
      const request = (args as { request: SaveAnswerRequest }).request;
      saved.push(request);
      if (request.version !== "1") throw { kind: "stale", message: staleMessage[lang] };
      return view({ answers: { channel: request.value as string }, answer_versions: { channel: "2" } });
    }
  });
  return { saved, loads: () => loads };
}

describe("WizardScreen, a save after a colleague's", () => {
  it("sends the version it read, shows core's refusal and reloads the assessment instead of retrying", async () => {
    const ipc = colleagueSavedFirst("en");
    render(WizardScreen, { assessmentId: "a1" });
    await fireEvent.click(await screen.findByLabelText("Purchased list"));

    await waitFor(() => expect(document.getElementById("save-error")?.textContent).toContain("changed by ann"));
    expect(ipc.saved).toEqual([{ assessment_id: "a1", question_id: "channel", value: "BUY", version: "" }]);
    expect(document.getElementById("save-state")?.textContent).toContain("Not saved");
    // A retry would be refused again: the screen offers the reload alone.
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Reload the assessment" }));

    // The colleague's answer is on screen, the refused value gone, the error cleared.
    await waitFor(() => expect(ipc.loads()).toBe(2));
    await waitFor(() => expect((screen.getByLabelText("Own website") as HTMLInputElement).checked).toBe(true));
    expect((screen.getByLabelText("Purchased list") as HTMLInputElement).checked).toBe(false);
    expect(document.getElementById("save-error")).toBeNull();

    // Given again, the answer goes with the version now read, and lands.
    await fireEvent.click(screen.getByLabelText("Purchased list"));
    await waitFor(() => expect(document.getElementById("save-state")?.textContent).toContain("Saved"));
    expect(ipc.saved[1]).toEqual({ assessment_id: "a1", question_id: "channel", value: "BUY", version: "1" });
  });

  it("offers the reload in Chinese", async () => {
    i18n.lang = "zh";
    colleagueSavedFirst("zh");
    render(WizardScreen, { assessmentId: "a1" });
    await fireEvent.click(await screen.findByLabelText("购买名单"));

    await waitFor(() => expect(document.getElementById("save-error")?.textContent).toContain("已由 ann"));
    expect(screen.getByRole("button", { name: "重新载入评估" })).toBeTruthy();
  });
});
