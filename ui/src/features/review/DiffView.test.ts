import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { VersionDiffView } from "../../ipc/bindings";
import { compliantOutcome, prohibitedOutcome, review, view } from "../wizard/fixtures";
import WizardScreen from "../wizard/WizardScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

const t = (en: string, zh: string) => ({ en, zh });

/** Version 2, re-opened from version 1 ("a0"). */
const reopened = () => {
  const base = view({ review: review({ previous_version_id: "a0" }) });
  return { ...base, assessment: { ...base.assessment, version: 2 } };
};

const diff: VersionDiffView = {
  older: { ...reopened().assessment, id: "a0", version: 1, status: "approved" },
  newer: reopened().assessment,
  answers: [
    {
      question_id: "channel",
      question: t("Which kind of channel?", "渠道属于哪一类？"),
      section: t("Channel pre-screen", "渠道预筛"),
      before: t("Purchased list", "购买名单"),
      after: t("Own website", "自有网站"),
    },
    {
      question_id: "volume",
      question: t("How many people?", "涉及多少人？"),
      section: null,
      before: null,
      after: t("1200", "1200"),
    },
  ],
  findings_added: [],
  findings_removed: [
    {
      id: "prescreen:channel:BUY",
      severity: "critical",
      title: t("Channel pre-screen default: Bought list", "渠道预筛默认风险：购买名单"),
    },
  ],
  rating_before: prohibitedOutcome.ratings.overall,
  rating_after: compliantOutcome.ratings.overall,
};

describe("DiffView", () => {
  it("is opened from a re-opened version's review panel and shows both versions side by side", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_assessment") return reopened();
      if (cmd === "diff_versions") {
        asked.push(args);
        return diff;
      }
      if (cmd === "list_actions" || cmd === "list_reports") return [];
    });
    render(WizardScreen, { assessmentId: "a1" });
    // Review, sign-off and the versions' history are a tab of the assessment, not below it.
    await fireEvent.click(await screen.findByRole("tab", { name: "Review, sign-off and history" }));
    await fireEvent.click(await screen.findByRole("button", { name: "Compare with version 1" }));
    const table = await screen.findByRole("table");
    expect(asked).toEqual([{ older: "a0", newer: "a1" }]);
    expect(screen.getByRole("heading", { name: "Changes from version 1 to version 2" })).toBeTruthy();
    expect(within(table).getAllByRole("columnheader").map((h) => h.textContent?.trim())).toEqual([
      "Question",
      "Version 1",
      "Version 2",
    ]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.className)).toEqual(["changed", "changed"]);
    const channel = rows[0] as HTMLElement;
    expect(channel.querySelector(".diff-before")?.textContent?.trim()).toBe("Purchased list");
    expect(channel.querySelector(".diff-after")?.textContent?.trim()).toBe("Own website");
    expect((rows[1] as HTMLElement).querySelector(".diff-before")?.textContent).toContain("(not answered)");

    const rating = document.getElementById("diff-rating") as HTMLElement;
    expect(rating.textContent).toContain("prohibited");
    expect(rating.textContent).toContain("compliant");
    expect(document.getElementById("diff-removed")?.textContent).toContain("Channel pre-screen default: Bought list");
    expect(screen.getByRole("heading", { name: "Findings added (0)" })).toBeTruthy();

    await fireEvent.click(screen.getByRole("button", { name: "Close comparison" }));
    await waitFor(() => expect(document.getElementById("diff-view")).toBeNull());
  });

  it("is not offered on a first version, and speaks Chinese", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_assessment") return view();
      if (cmd === "list_actions" || cmd === "list_reports") return [];
    });
    render(WizardScreen, { assessmentId: "a1" });
    await screen.findByRole("heading", { name: "Bought list" });
    expect(document.getElementById("compare-previous")).toBeNull();
    cleanup();

    i18n.lang = "zh";
    mockIPC((cmd) => {
      if (cmd === "get_assessment") return reopened();
      if (cmd === "diff_versions") return diff;
      if (cmd === "list_actions" || cmd === "list_reports") return [];
    });
    render(WizardScreen, { assessmentId: "a1" });
    await fireEvent.click(await screen.findByRole("tab", { name: "审阅、签署与历史" }));
    await fireEvent.click(await screen.findByRole("button", { name: "与第 1 版比较" }));
    expect(await screen.findByRole("heading", { name: "第 1 版到第 2 版的变更" })).toBeTruthy();
    expect(document.querySelector("#diff-answers .diff-before")?.textContent?.trim()).toBe("购买名单");
    expect(screen.getByText("不再出现的发现项 (1)")).toBeTruthy();
  });
});
