import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import type { CommentInfo, CommentThread } from "../../ipc/bindings";
import { i18n } from "../../i18n/i18n.svelte";
import { piaView } from "./pia-fixtures";
import WizardScreen from "./WizardScreen.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

const el = (id: string) => document.getElementById(id) as HTMLElement;
const Q = "pia11_measures_evidence";
const base = `q-${Q}-comments`;

function comment(id: string, text: string, resolvedBy: string | null = null): CommentInfo {
  return {
    id,
    assessment_id: "a1",
    question_id: Q,
    author: "Rita Reviewer",
    text,
    created_at: "2026-12-07T10:00:00.000Z",
    resolved_by: resolvedBy,
    resolved_at: resolvedBy ? "2026-12-07T11:00:00.000Z" : null,
  };
}

/** A store of comments answering the three comment commands the way core does. */
function backend(initial: CommentInfo[], status: "draft" | "in_review" | "approved" = "draft") {
  let comments = [...initial];
  const calls: { cmd: string; args: unknown }[] = [];
  const threads = (): CommentThread[] =>
    comments.length === 0
      ? []
      : [
          {
            question_id: Q,
            open: comments.filter((c) => c.resolved_at === null).length,
            comments: [...comments].sort((a, b) => Number(a.resolved_at !== null) - Number(b.resolved_at !== null)),
          },
        ];
  mockIPC((cmd, args) => {
    const view = piaView();
    if (cmd === "get_assessment") {
      return { ...view, editable: status === "draft", takes_comments: status !== "approved", assessment: { ...view.assessment, status } };
    }
    if (cmd === "list_comments") return threads();
    if (cmd === "add_comment") {
      calls.push({ cmd, args });
      const { text } = args as { text: string };
      if (text.trim() === "") throw { kind: "invalid_input", message: "the comment must not be empty: fill it in" };
      const added = { ...comment(`c${comments.length + 1}`, text.trim()), author: "Ann Author" };
      comments.push(added);
      return added;
    }
    if (cmd === "resolve_comment") {
      calls.push({ cmd, args });
      const { commentId } = args as { commentId: string };
      comments = comments.map((c) =>
        c.id === commentId ? { ...c, resolved_by: "Ann Author", resolved_at: "2026-12-07T12:00:00.000Z" } : c,
      );
      return comments.find((c) => c.id === commentId);
    }
    if (cmd === "list_actions" || cmd === "list_reports") return [];
  });
  return calls;
}

describe("QuestionComments", () => {
  it("counts a question's comments beside it, shows the thread open first, adds and resolves", async () => {
    const calls = backend([comment("c1", "Settled point", "Ann Author"), comment("c2", "Which MFA?")]);
    render(WizardScreen, { assessmentId: "a1" });

    await waitFor(() => expect(el(`${base}-open`)).toBeTruthy());
    expect(el(`${base}-toggle`).textContent).toContain("Comments (2)");
    expect(el(`${base}-open`).textContent).toContain("1 open");

    await fireEvent.click(el(`${base}-toggle`));
    const items = within(el(`${base}-thread`)).getAllByRole("listitem");
    expect(items.map((i) => i.querySelector(".comment-text")?.textContent)).toEqual(["Which MFA?", "Settled point"]);
    expect(items[1]?.textContent).toContain("Resolved by Ann Author");
    expect(within(items[1] as HTMLElement).queryByRole("button", { name: "Resolve" })).toBeNull();

    await fireEvent.input(el(`${base}-text`), { target: { value: "  Attach the policy too  " } });
    await fireEvent.click(el(`${base}-add`));
    await waitFor(() => expect(el(`${base}-toggle`).textContent).toContain("Comments (3)"));
    expect(calls[0]).toEqual({ cmd: "add_comment", args: { assessmentId: "a1", questionId: Q, text: "  Attach the policy too  " } });
    expect((el(`${base}-text`) as HTMLTextAreaElement).value).toBe("");
    expect(el(`${base}-open`).textContent).toContain("2 open");

    const first = within(el(`${base}-thread`)).getAllByRole("listitem")[0] as HTMLElement;
    await fireEvent.click(within(first).getByRole("button", { name: "Resolve" }));
    await waitFor(() => expect(el(`${base}-open`).textContent).toContain("1 open"));
    expect(calls[1]).toEqual({ cmd: "resolve_comment", args: { commentId: "c2" } });
  });

  it("shows core's refusal as worded and keeps what was typed", async () => {
    backend([]);
    render(WizardScreen, { assessmentId: "a1" });
    await waitFor(() => expect(el(`${base}-toggle`)).toBeTruthy());
    expect(el(`${base}-toggle`).textContent).toContain("Comments (0)");
    await fireEvent.click(el(`${base}-toggle`));
    expect(el(`${base}-none`).textContent).toContain("No comments on this question.");
    await fireEvent.input(el(`${base}-text`), { target: { value: "   " } });
    await fireEvent.click(el(`${base}-add`));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("the comment must not be empty");
    expect((el(`${base}-text`) as HTMLTextAreaElement).value).toBe("   ");
  });

  it("offers no adding or resolving on a signed-off version, and speaks Chinese", async () => {
    i18n.lang = "zh";
    backend([comment("c1", "未处理的意见")], "approved");
    render(WizardScreen, { assessmentId: "a1" });
    await waitFor(() => expect(el(`${base}-open`)).toBeTruthy());
    expect(el(`${base}-toggle`).textContent).toContain("审阅意见 (1)");
    expect(el(`${base}-open`).textContent).toContain("1 条未处理");
    await fireEvent.click(el(`${base}-toggle`));
    expect(el(`${base}-thread`).textContent).toContain("只能在草稿或审阅中的版本上添加审阅意见");
    expect(within(el(`${base}-thread`)).queryByRole("button")).toBeNull();
    expect(document.getElementById(`${base}-text`)).toBeNull();
  });
});
