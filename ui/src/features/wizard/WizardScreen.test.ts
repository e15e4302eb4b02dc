import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { FindingView, SaveAnswerRequest } from "../../ipc/bindings";
import CitationPanel from "../law/CitationPanel.svelte";
import { citationPanel } from "../law/citation.svelte";
import { prohibitedOutcome, provision, undeterminedOutcome, view } from "./fixtures";
import WizardScreen from "./WizardScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  citationPanel.close();
  i18n.lang = "en";
});

describe("WizardScreen", () => {
  it("shows the questions of the first section that core says are shown, with help and progress", async () => {
    mockIPC((cmd) => (cmd === "get_assessment" ? view() : undefined));
    render(WizardScreen, { assessmentId: "a1" });

    await waitFor(() => expect(document.getElementById("q-channel")?.textContent).toContain("Which kind of channel?"));
    expect(screen.getByText("Choose by how numbers are obtained.")).toBeTruthy();
    expect(screen.getByLabelText("Purchased list")).toBeTruthy();
    // Hidden by core: not drawn.
    expect(screen.queryByText("Can every number be traced?")).toBeNull();
    // Another section's question waits for its section.
    expect(screen.queryByText("Does the PIPL apply?")).toBeNull();
    expect(screen.getByRole("button", { name: /Channel pre-screen/ }).getAttribute("aria-current")).toBe("step");
    // Over the required questions alone (core counts them), never the optional ones.
    expect(screen.getByText("Required questions answered 1/2")).toBeTruthy();
  });

  it("saves an answer through core and shows the returned findings, ratings and new question", async () => {
    const saved: SaveAnswerRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_assessment") return view();
      if (cmd === "save_answer") {
        saved.push((args as { request: SaveAnswerRequest }).request);
        return view({
          shown: ["channel", "provenance", "volume", "regime"],
          answers: { channel: "BUY" },
          outcome: prohibitedOutcome,
        });
      }
    });
    render(WizardScreen, { assessmentId: "a1" });
    await fireEvent.click(await screen.findByLabelText("Purchased list"));

    await waitFor(() =>
      expect(document.querySelector('[data-finding="prescreen:channel:BUY"]')?.textContent).toContain("Channel pre-screen default: Bought list"),
    );
    // Counted by severity, listed under "fix first", and grouped under core's heading.
    expect(document.getElementById("severity-counts")?.textContent).toContain("Critical 1");
    expect(document.getElementById("fix-first")?.textContent).toContain("Channel pre-screen default: Bought list");
    expect(document.querySelector('[data-group="lawful-basis"] summary')?.textContent).toContain("Lawful basis");
    expect(saved).toEqual([{ assessment_id: "a1", question_id: "channel", value: "BUY", version: "" }]);
    expect(document.getElementById("rating-overall")?.textContent).toContain("prohibited");
    expect(document.getElementById("rating-prc")?.textContent).toContain("prohibited");
    expect(document.getElementById("save-state")?.textContent).toContain("Saved");
    // The conditional question appeared because core now shows it.
    expect(document.getElementById("q-provenance")?.textContent).toContain("Can every number be traced?");
    const findings = document.getElementById("findings") as HTMLElement;
    expect(within(findings).getByRole("button", { name: "PIPL Art. 10" })).toBeTruthy();
  });

  it("draws a closed group's findings only once it is opened", async () => {
    const first = prohibitedOutcome.findings[0] as FindingView;
    const second: FindingView = { ...first, id: "consent:unticked", severity: "medium", title: { en: "Unticked consent", zh: "未勾选同意" } };
    const outcome = { ...prohibitedOutcome, findings: [...prohibitedOutcome.findings, second] };
    const summary = {
      counts: { critical: 1, high: 0, medium: 1, low: 0, info: 0 },
      groups: [
        { key: "lawful-basis", title: { en: "Lawful basis", zh: "合法性基础" }, worst: "critical" as const, findings: ["prescreen:channel:BUY"] },
        { key: "consent", title: { en: "Consent", zh: "同意" }, worst: "medium" as const, findings: ["consent:unticked"] },
      ],
      fix_first: ["prescreen:channel:BUY"],
    };
    mockIPC((cmd) => (cmd === "get_assessment" ? view({ outcome, findings_summary: summary }) : cmd === "list_actions" ? [] : undefined));
    render(WizardScreen, { assessmentId: "a1" });
    await waitFor(() => expect(document.querySelector('[data-finding="prescreen:channel:BUY"]')).toBeTruthy());
    const closed = document.querySelector('[data-group="consent"]') as HTMLDetailsElement;
    expect(closed.open).toBe(false);
    expect(closed.querySelector("summary")?.textContent).toContain("Consent");
    expect(document.querySelector('[data-finding="consent:unticked"]')).toBeNull();
    closed.open = true;
    await fireEvent(closed, new Event("toggle"));
    await waitFor(() => expect(document.querySelector('[data-finding="consent:unticked"]')?.textContent).toContain("Unticked consent"));
  });

  it("draws core's 'undetermined' wording, never the band, and lists the points to verify", async () => {
    mockIPC((cmd) => (cmd === "get_assessment" ? view({ outcome: undeterminedOutcome }) : undefined));
    render(WizardScreen, { assessmentId: "a1" });
    await waitFor(() => expect(document.getElementById("rating-overall")).toBeTruthy());
    const overall = document.getElementById("rating-overall") as HTMLElement;
    expect(overall.textContent).toContain("undetermined; 1 point to verify");
    expect(overall.textContent).not.toContain("compliant");
    expect(overall.dataset.certainty).toBe("undetermined");
    expect(overall.className).toContain("rating-undetermined");
    const points = document.getElementById("points-to-verify") as HTMLElement;
    expect(within(points).getByText("Points to verify (1)")).toBeTruthy();
    expect(within(points).getByRole("button", { name: "Channel?" })).toBeTruthy();

    i18n.lang = "zh";
    await waitFor(() => expect(overall.textContent).toContain("尚未确定；待核实 1 项"));
    expect(within(points).getByText("待核实事项 (1)")).toBeTruthy();
  });

  it("saves a typed number as a number when the field is left", async () => {
    const saved: SaveAnswerRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_assessment") return view();
      if (cmd === "save_answer") {
        saved.push((args as { request: SaveAnswerRequest }).request);
        return view({ answers: { volume: 1200 } });
      }
    });
    render(WizardScreen, { assessmentId: "a1" });
    await waitFor(() => expect(document.getElementById("q-volume-input")).toBeTruthy());
    const input = document.getElementById("q-volume-input") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "1200" } });
    await fireEvent.blur(input);

    await waitFor(() => expect(saved).toEqual([{ assessment_id: "a1", question_id: "volume", value: 1200, version: "" }]));
    await waitFor(() => expect(document.getElementById("save-state")?.textContent).toContain("Saved"));
  });

  it("keeps a refused answer on screen with core's message and a retry", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_assessment") return view();
      if (cmd === "save_answer") throw { kind: "vault_locked", message: "the vault is locked: unlock it first" };
    });
    render(WizardScreen, { assessmentId: "a1" });
    const choice = (await screen.findByLabelText("Purchased list")) as HTMLInputElement;
    await fireEvent.click(choice);

    await waitFor(() => expect(document.getElementById("save-error")?.textContent).toContain("the vault is locked"));
    expect(document.getElementById("save-state")?.textContent).toContain("Not saved");
    expect(choice.checked).toBe(true);
    expect(screen.getByRole("button", { name: "Retry" })).toBeTruthy();
  });

  it("keeps the answer through a full disk and saves it on retry once there is room", async () => {
    let full = true;
    const saved: SaveAnswerRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_assessment") return view();
      if (cmd === "save_answer") {
        if (full) throw { kind: "disk_full", message: "the disk holding the vault is full: free some space" };
        saved.push((args as { request: SaveAnswerRequest }).request);
        return view();
      }
    });
    render(WizardScreen, { assessmentId: "a1" });
    const choice = (await screen.findByLabelText("Purchased list")) as HTMLInputElement;
    await fireEvent.click(choice);

    await waitFor(() => expect(document.getElementById("save-error")?.textContent).toContain("disk holding the vault is full"));
    expect(choice.checked).toBe(true);
    full = false;
    await fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(document.getElementById("save-state")?.textContent).toContain("Saved"));
    expect(saved.map((r) => r.question_id)).toHaveLength(1);
    expect(document.getElementById("save-error")).toBeNull();
  });

  it("keeps the answer in a read-only vault and offers no retry that cannot work", async () => {
    mockIPC((cmd) => {
      if (cmd === "get_assessment") return view();
      if (cmd === "save_answer") throw { kind: "read_only", message: "this vault is read-only here" };
    });
    render(WizardScreen, { assessmentId: "a1" });
    const choice = (await screen.findByLabelText("Purchased list")) as HTMLInputElement;
    await fireEvent.click(choice);

    await waitFor(() => expect(document.getElementById("save-error")?.textContent).toContain("read-only here"));
    expect(document.getElementById("save-state")?.textContent).toContain("Not saved: read-only here");
    expect(choice.checked).toBe(true);
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
  });

  it("opens the citation panel with the provision, its [verify] mark and the GDPR/PIPL difference", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "get_assessment") return view();
      if (cmd === "get_provision") {
        expect((args as { key: string }).key).toBe("PIPL-10");
        return provision;
      }
    });
    render(WizardScreen, { assessmentId: "a1" });
    render(CitationPanel);
    await fireEvent.click(await screen.findByRole("button", { name: "PIPL Art. 10" }));

    const panel = await screen.findByRole("dialog");
    await waitFor(() => expect(within(panel).getByText("No one may illegally buy, sell or provide personal information.")).toBeTruthy());
    expect(within(panel).getByText("[verify]")).toBeTruthy();
    expect(within(panel).getByText("Bought lists")).toBeTruthy();
    await fireEvent.keyDown(window, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("speaks Chinese, including core's bilingual text", async () => {
    i18n.lang = "zh";
    mockIPC((cmd) => (cmd === "get_assessment" ? view({ outcome: prohibitedOutcome }) : undefined));
    render(WizardScreen, { assessmentId: "a1" });
    expect(await screen.findByText("渠道属于哪一类？")).toBeTruthy();
    expect(document.getElementById("rating-overall")?.textContent).toContain("禁止");
    expect(screen.getByText("发现项")).toBeTruthy();
  });
});
