import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import { piaView, evidenceFile } from "./pia-fixtures";
import WizardScreen from "./WizardScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

const el = (id: string) => document.getElementById(id) as HTMLElement;

describe("EvidenceField", () => {
  it("lists attached files with name, size and SHA-256, and attaches through the shell's dialog", async () => {
    const second = { ...evidenceFile, id: "e2", file_name: "policy.pdf", size: 3 * 1024 * 1024, sha256: "ab".repeat(32) };
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_assessment") return piaView({ evidence: [evidenceFile] });
      if (cmd === "attach_evidence") {
        asked.push(args);
        return piaView({ evidence: [evidenceFile, second] });
      }
      if (cmd === "list_actions" || cmd === "list_reports") return [];
    });
    render(WizardScreen, { assessmentId: "a1" });

    await waitFor(() => expect(el("q-pia11_measures_evidence-files")).toBeTruthy());
    const table = el("q-pia11_measures_evidence-files");
    const first = within(table).getAllByRole("row")[1] as HTMLElement;
    expect(first.textContent).toContain("mfa-settings.png");
    expect(first.textContent).toContain("200.0 KB");
    expect(first.textContent).toContain(evidenceFile.sha256);
    expect(within(table).getByRole("columnheader", { name: "SHA-256" })).toBeTruthy();

    await fireEvent.click(screen.getByRole("button", { name: "Attach file…" }));
    await waitFor(() => expect(within(el("q-pia11_measures_evidence-files")).getAllByRole("row")).toHaveLength(3));
    expect(asked).toEqual([{ assessmentId: "a1", questionId: "pia11_measures_evidence" }]);
    expect(el("q-pia11_measures_evidence-files").textContent).toContain("policy.pdf");
    expect(el("q-pia11_measures_evidence-files").textContent).toContain("3.0 MB");
  });

  it("changes nothing when the dialog is cancelled, and shows core's refusal as worded", async () => {
    let refuse = false;
    mockIPC((cmd) => {
      if (cmd === "get_assessment") return piaView();
      if (cmd === "attach_evidence") {
        if (refuse) {
          throw {
            kind: "invalid_input",
            message: "the file is 60 MB; attachments are limited to 50 MB: attach a smaller extract or a summary",
          };
        }
        return null;
      }
      if (cmd === "list_actions" || cmd === "list_reports") return [];
      if (cmd === "get_keep_until") return { kind: "assessment", id: "a1", keep_until: null, minimum: null };
    });
    render(WizardScreen, { assessmentId: "a1" });
    const button = await screen.findByRole("button", { name: "Attach file…" });
    expect(el("q-pia11_measures_evidence-no-files").textContent).toContain("No files attached.");

    await fireEvent.click(button);
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    expect(el("q-pia11_measures_evidence-no-files")).toBeTruthy();
    expect(screen.queryByRole("alert")).toBeNull();

    refuse = true;
    await fireEvent.click(button);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("limited to 50 MB");
    expect(el("q-pia11_measures_evidence-no-files")).toBeTruthy();
  });

  it("offers no attaching on a signed-off assessment, and speaks Chinese", async () => {
    i18n.lang = "zh";
    const base = piaView({ evidence: [evidenceFile] });
    mockIPC((cmd) => {
      if (cmd === "get_assessment") return { ...base, editable: false, assessment: { ...base.assessment, status: "approved" } };
      if (cmd === "list_actions" || cmd === "list_reports") return [];
    });
    render(WizardScreen, { assessmentId: "a1" });
    await waitFor(() => expect(el("q-pia11_measures_evidence-files")).toBeTruthy());
    const table = el("q-pia11_measures_evidence-files");
    expect(within(table).getByRole("columnheader", { name: "SHA-256 指纹" })).toBeTruthy();
    expect(within(table).getByRole("columnheader", { name: "文件" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "附加文件…" })).toBeNull();
  });
});
