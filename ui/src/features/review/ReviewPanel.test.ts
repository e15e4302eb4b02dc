import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { SignOffRequest } from "../../ipc/bindings";
import { attestationKeys, review, undeterminedOutcome, withStatus } from "../wizard/fixtures";
import { Wizard } from "../wizard/wizard.svelte";
import { router } from "../workspace/route.svelte";
import ReviewPanel from "./ReviewPanel.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
  router.go({ name: "home" });
});

function setup(status: Parameters<typeof withStatus>[0], overrides = {}) {
  const wizard = new Wizard();
  wizard.view = withStatus(status, overrides);
  const visited: string[] = [];
  render(ReviewPanel, { wizard, onGoToQuestion: (id: string) => visited.push(id) });
  return { wizard, visited };
}

describe("ReviewPanel", () => {
  it("lists core's unanswered required questions before submitting, then submits through core", async () => {
    const submitted: string[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "submit_assessment") {
        submitted.push((args as { id: string }).id);
        return withStatus("in_review");
      }
    });
    const { visited } = setup("draft");
    await fireEvent.click(screen.getByRole("button", { name: "Submit for review" }));

    const open = document.getElementById("submit-unanswered") as HTMLElement;
    expect(open.textContent).toContain("Which kind of channel?");
    await fireEvent.click(screen.getByRole("button", { name: "Which kind of channel?" }));
    expect(visited).toEqual(["channel"]);

    await fireEvent.click(screen.getByRole("button", { name: "Submit anyway" }));
    await waitFor(() => expect(document.getElementById("signoff-form")).toBeTruthy());
    expect(submitted).toEqual(["a1"]);
    expect((document.getElementById("signoff-name") as HTMLInputElement).value).toBe("Wang Li");
    expect((document.getElementById("signoff-role") as HTMLInputElement).value).toBe("DPO");
  });

  it("shows core's refusal of an approval without the attestations, then approves with all four", async () => {
    const requests: SignOffRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "sign_off") {
        const request = (args as { request: SignOffRequest }).request;
        requests.push(request);
        if (request.attestations.length < 4) {
          throw { kind: "invalid_input", message: "approval needs all four attestations: …" };
        }
        return withStatus("approved", {
          review: review({
            sign_offs: [
              {
                name: request.name,
                role: request.role,
                decision: "approve",
                comment: request.comment,
                attestations: request.attestations,
                answers_sha256: "ab".repeat(32),
                signed_at: "2026-03-01T09:30:00.000Z",
                signed_rating: { en: "compliant", zh: "合规" },
                engine_version: "2",
                law_version: "law-000000000000",
                reservations: [],
                rescored: null,
              },
            ],
          }),
        });
      }
    });
    setup("in_review");
    await fireEvent.input(document.getElementById("signoff-comment") as HTMLElement, {
      target: { value: "Stop using the list." },
    });
    await fireEvent.click(screen.getByRole("button", { name: "Sign off: approve the assessment" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("all four attestations"));
    expect(requests[0]?.attestations).toEqual([]);

    for (const key of attestationKeys) {
      await fireEvent.click(document.getElementById(`attest-${key}`) as HTMLElement);
    }
    await fireEvent.click(screen.getByRole("button", { name: "Sign off: approve the assessment" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Re-open as new version" })).toBeTruthy());
    expect(requests[1]).toEqual({
      assessment_id: "a1",
      name: "Wang Li",
      role: "DPO",
      decision: "approve",
      comment: "Stop using the list.",
      attestations: attestationKeys,
      with_reservations: false,
      version: "2026-01-01T00:00:00.000Z",
    });
    expect(document.getElementById("signoffs")?.textContent).toContain("Stop using the list.");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(document.getElementById("signoff-confirmed")?.textContent).toContain(
      "this assessment (the document) is approved. The processing it describes is not approved by this",
    );
  });

  it("says that approving signs off the assessment, not the processing, in both languages", async () => {
    setup("in_review");
    expect(document.getElementById("signoff-scope")?.textContent).toContain(
      "It does not approve or permit the processing it describes",
    );
    expect(screen.getByLabelText("Approve this assessment (the document)")).toBeTruthy();
    i18n.lang = "zh";
    await waitFor(() =>
      expect(document.getElementById("signoff-scope")?.textContent).toContain("并不批准或允许评估所描述的处理活动"),
    );
    expect(screen.getByRole("button", { name: "签署：批准本评估" })).toBeTruthy();
    await fireEvent.click(document.getElementById("decision-reject") as HTMLElement);
    expect(screen.getByRole("button", { name: "签署：驳回本评估" })).toBeTruthy();
  });

  it("makes approving over open decisive points an explicit choice that lists them", async () => {
    const requests: SignOffRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "sign_off") {
        requests.push((args as { request: SignOffRequest }).request);
        return withStatus("approved", { review: review({}) });
      }
    });
    setup("in_review", { outcome: undeterminedOutcome });
    const note = document.getElementById("signoff-reservations") as HTMLElement;
    expect(note.textContent).toContain("Decisive points still open: 1.");
    expect(note.textContent).toContain("only with reservations");
    expect(document.querySelectorAll("#signoff-open-points li").length).toBe(1);
    const choice = document.getElementById("signoff-with-reservations") as HTMLInputElement;
    expect(choice.checked).toBe(false);
    for (const key of attestationKeys) {
      await fireEvent.click(document.getElementById(`attest-${key}`) as HTMLElement);
    }
    await fireEvent.click(choice);
    await fireEvent.click(screen.getByRole("button", { name: "Sign off: approve the assessment" }));
    await waitFor(() => expect(requests.length).toBe(1));
    expect(requests[0]?.with_reservations).toBe(true);
  });

  it("drops the reservations choice for a rejection", async () => {
    setup("in_review", { outcome: undeterminedOutcome });
    expect(document.getElementById("signoff-reservations")).toBeTruthy();
    await fireEvent.click(document.getElementById("decision-reject") as HTMLElement);
    expect(document.getElementById("signoff-reservations")).toBeNull();
  });

  it("rejects without attestations", async () => {
    let decision = "";
    mockIPC((cmd, args) => {
      if (cmd === "sign_off") {
        const request = (args as { request: SignOffRequest }).request;
        decision = `${request.decision}:${request.attestations.length}`;
        return withStatus("rejected");
      }
    });
    setup("in_review");
    await fireEvent.click(document.getElementById("decision-reject") as HTMLElement);
    expect(document.getElementById("attestations")).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "Sign off: reject the assessment" }));
    await waitFor(() => expect(decision).toBe("reject:0"));
  });

  it("re-opens a signed-off assessment and goes to the new draft", async () => {
    mockIPC((cmd) => {
      if (cmd === "reopen_assessment") return { ...withStatus("draft").assessment, id: "a2", version: 2 };
    });
    setup("approved");
    expect(screen.getByText("This assessment is signed off and read-only.")).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: "Re-open as new version" }));
    await waitFor(() => expect(router.route).toEqual({ name: "assessment", id: "a2" }));
  });

  it("points to the newer version once re-opened, in Chinese", async () => {
    i18n.lang = "zh";
    mockIPC(() => undefined);
    setup("approved", { review: review({ newer_version_id: "a2" }) });
    expect(screen.queryByRole("button", { name: "重新开启为新版本" })).toBeNull();
    await fireEvent.click(screen.getByRole("button", { name: "已有更新版本：点击打开" }));
    expect(router.route).toEqual({ name: "assessment", id: "a2" });
    expect(screen.getByText("审阅与签署")).toBeTruthy();
  });
});
