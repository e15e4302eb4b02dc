import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { ProfileView, ReportRequest, SettingsView, SignOffRequest } from "../../ipc/bindings";
import ReportPanel from "../reports/ReportPanel.svelte";
import ReviewPanel from "../review/ReviewPanel.svelte";
import { review, withStatus } from "../wizard/fixtures";
import { Wizard } from "../wizard/wizard.svelte";
import { profileAsk } from "./profile.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
  profileAsk.asked = false;
});

const settings = (profile: ProfileView): SettingsView => ({
  profile,
  auto_lock_minutes: 15,
  auto_lock_max_minutes: 1440,
  vault_path: "/v.dpvault",
  storage: {
    file_bytes: 0,
    wal_bytes: 0,
    evidence_count: 0,
    evidence_bytes: 0,
    report_count: 0,
    report_bytes: 0,
  },
} as SettingsView);

const none = { name: "", role: "", firm: "" };

describe("The profile, asked for once", () => {
  it("is asked before the first report when none is set, saved, and then the report is made", async () => {
    let profile = none;
    const saved: ProfileView[] = [];
    const reports: ReportRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_reports") return [];
      if (cmd === "get_settings") return settings(profile);
      if (cmd === "save_profile") {
        profile = (args as { profile: ProfileView }).profile;
        saved.push(profile);
        return settings(profile);
      }
      if (cmd === "generate_report") {
        reports.push((args as { request: ReportRequest }).request);
        return null;
      }
    });
    render(ReportPanel, { assessmentId: "a1", clientId: "c1" });
    await fireEvent.click(screen.getByRole("button", { name: "Generate PDF" }));
    await waitFor(() => expect(document.getElementById("profile-prompt")).toBeTruthy());
    expect(reports).toEqual([]);
    expect(document.getElementById("profile-prompt")?.textContent).toContain('the report says "author not recorded"');

    await fireEvent.input(document.getElementById("profile-prompt-name") as HTMLElement, { target: { value: "Wang Fang" } });
    await fireEvent.input(document.getElementById("profile-prompt-role") as HTMLElement, { target: { value: "DPO" } });
    await fireEvent.input(document.getElementById("profile-prompt-firm") as HTMLElement, { target: { value: "Huadong Law" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save and continue" }));
    await waitFor(() => expect(reports).toHaveLength(1));
    expect(saved).toEqual([{ name: "Wang Fang", role: "DPO", firm: "Huadong Law" }]);
    expect(document.getElementById("profile-prompt")).toBeNull();

    // Set now: the next report goes straight on.
    await fireEvent.click(screen.getByRole("button", { name: "Generate PDF" }));
    await waitFor(() => expect(reports).toHaveLength(2));
    expect(document.getElementById("profile-prompt")).toBeNull();
  });

  it("goes on without one after \"Not now\", and does not ask again in the session, in Chinese", async () => {
    i18n.lang = "zh";
    const reports: ReportRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_reports") return [];
      if (cmd === "get_settings") return settings(none);
      if (cmd === "generate_report") {
        reports.push((args as { request: ReportRequest }).request);
        return null;
      }
    });
    render(ReportPanel, { assessmentId: "a1", clientId: "c1" });
    await fireEvent.click(screen.getByRole("button", { name: "生成 PDF" }));
    await waitFor(() => expect(document.getElementById("profile-prompt")?.textContent).toContain("未记录编写人"));
    await fireEvent.click(screen.getByRole("button", { name: "暂不录入" }));
    await waitFor(() => expect(reports).toHaveLength(1));
    await fireEvent.click(screen.getByRole("button", { name: "生成 PDF" }));
    await waitFor(() => expect(reports).toHaveLength(2));
    expect(document.getElementById("profile-prompt")).toBeNull();
  });

  it("is asked before a sign-off when none is set, and fills in the signer", async () => {
    const signed: SignOffRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "save_profile") return settings((args as { profile: ProfileView }).profile);
      if (cmd === "sign_off") {
        signed.push((args as { request: SignOffRequest }).request);
        return withStatus("rejected");
      }
    });
    const wizard = new Wizard();
    wizard.view = withStatus("in_review", { review: review({ default_name: "", default_role: "" }) });
    render(ReviewPanel, { wizard, onGoToQuestion: () => {} });
    expect(document.getElementById("profile-prompt")?.textContent).toContain("A sign-off names its signer");
    await fireEvent.input(document.getElementById("profile-prompt-name") as HTMLElement, { target: { value: "Wang Fang" } });
    await fireEvent.input(document.getElementById("profile-prompt-role") as HTMLElement, { target: { value: "DPO" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save and continue" }));
    await waitFor(() => expect(document.getElementById("profile-prompt")).toBeNull());
    expect((document.getElementById("signoff-name") as HTMLInputElement).value).toBe("Wang Fang");
    expect((document.getElementById("signoff-role") as HTMLInputElement).value).toBe("DPO");
  });

  it("is not asked when the profile names someone", async () => {
    const wizard = new Wizard();
    wizard.view = withStatus("in_review");
    render(ReviewPanel, { wizard, onGoToQuestion: () => {} });
    expect(document.getElementById("profile-prompt")).toBeNull();
    expect((document.getElementById("signoff-name") as HTMLInputElement).value).toBe("Wang Li");
  });
});
