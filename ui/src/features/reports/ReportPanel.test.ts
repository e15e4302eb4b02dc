import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { ReportInfo, ReportRequest, ReportSaved } from "../../ipc/bindings";
import ReportPanel from "./ReportPanel.svelte";

/** Fails (so `waitFor` retries) until the element exists. */
function present<T>(element: T | null): T {
  if (!element) throw new Error("not there yet");
  return element;
}

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

const sha = "0123456789abcdef".repeat(4);
const info = (over: Partial<ReportInfo> = {}): ReportInfo => ({
  id: "r1",
  kind: "memo",
  assessment_id: "a1",
  client_id: "c1",
  lang: "bi",
  sha256: sha,
  size: 1000,
  generated_by: "DPO Desk user",
  generated_at: "2026-03-01T09:30:00.000Z",
  ...over,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("ReportPanel", () => {
  it("generates the chosen language through the shell, shows progress, the saved file and the history", async () => {
    const requests: ReportRequest[] = [];
    const listed: unknown[] = [];
    const pending = deferred<ReportSaved>();
    let history: ReportInfo[] = [];
    // jsdom has no User Timing: the marks the panel leaves are caught here instead.
    const marks: string[] = [];
    const page = performance as { mark?: (name: string) => unknown };
    const originalMark = page.mark;
    page.mark = (name: string) => marks.push(name);
    onTestFinished(() => {
      page.mark = originalMark;
    });
    mockIPC((cmd, args) => {
      if (cmd === "list_reports") {
        listed.push(args);
        return history;
      }
      if (cmd === "generate_report") {
        requests.push((args as { request: ReportRequest }).request);
        return pending.promise;
      }
    });
    render(ReportPanel, { assessmentId: "a1", clientId: "c1" });
    await waitFor(() => expect(screen.getByText("No reports yet. Choose a language and generate one.")).toBeTruthy());

    await fireEvent.click(screen.getByLabelText("English"));
    await fireEvent.click(screen.getByRole("button", { name: "Generate PDF" }));
    await waitFor(() => expect(document.getElementById("report-progress")?.textContent).toContain("Rendering the report…"));
    expect((screen.getByRole("button", { name: "Generate PDF" }) as HTMLButtonElement).disabled).toBe(true);

    const generated = info({ lang: "en" });
    history = [generated];
    pending.resolve({ report: generated, file_name: "Bought list-memo-en.pdf", pages: 3, missing: [] });
    await waitFor(() => expect(document.getElementById("report-saved")?.textContent).toContain("Bought list-memo-en.pdf (3 pages)"));
    expect(document.getElementById("report-progress")).toBeNull();
    // The bench's marks: when the answer came and when the page showed it, in that order.
    await waitFor(() => expect(marks).toEqual(["dpodesk:report-answered", "dpodesk:report-drawn"]));
    expect(requests).toEqual([{ assessment_id: "a1", client_id: null, lang: "en", format: "pdf" }]);
    expect(listed[0]).toEqual({ assessmentId: "a1", clientId: null });

    const entry = await waitFor(() => present(document.querySelector<HTMLElement>("#report-history .report-entry")));
    expect(entry.textContent).toContain("Memo");
    expect(entry.textContent).toContain("English");
    expect(entry.textContent).toContain(sha);
    expect(entry.querySelector("time")?.getAttribute("datetime")).toBe("2026-03-01T09:30:00.000Z");
  });

  it("asks for the client memo, says so when the dialog is closed, and shows core's refusal", async () => {
    const requests: ReportRequest[] = [];
    let refuse = false;
    mockIPC((cmd, args) => {
      if (cmd === "list_reports") {
        expect(args).toEqual({ assessmentId: null, clientId: "c1" });
        return [];
      }
      if (cmd === "generate_report") {
        requests.push((args as { request: ReportRequest }).request);
        if (refuse) throw { kind: "invalid_input", message: "the client has no data-source assessment yet" };
        return null;
      }
    });
    render(ReportPanel, { clientId: "c1" });
    await fireEvent.click(screen.getByRole("button", { name: "Generate client memo" }));
    await waitFor(() => expect(screen.getByText("Not saved: the save dialog was closed.")).toBeTruthy());
    expect(requests).toEqual([{ assessment_id: null, client_id: "c1", lang: "bi", format: "pdf" }]);

    refuse = true;
    await fireEvent.click(screen.getByRole("button", { name: "Generate client memo" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("no data-source assessment"));
    expect(screen.queryByText("Not saved: the save dialog was closed.")).toBeNull();
  });

  it("saves an earlier exact copy, in Chinese", async () => {
    i18n.lang = "zh";
    const copies: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_reports") return [info({ kind: "pia", lang: "zh" })];
      if (cmd === "save_report_copy") {
        copies.push((args as { id: string }).id);
        return "copy.pdf";
      }
    });
    render(ReportPanel, { assessmentId: "a1", clientId: "c1" });
    const button = await screen.findByRole("button", { name: "另存副本" });
    expect(document.getElementById("report-history")?.textContent).toContain("影响评估报告");
    await fireEvent.click(button);
    await waitFor(() => expect(document.getElementById("report-copy-saved")?.textContent).toContain("副本已保存为 copy.pdf"));
    expect(copies).toEqual(["r1"]);
  });
});
