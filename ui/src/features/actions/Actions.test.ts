import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { ActionInfo, ActionStatusOption, NewActionRequest, UpdateActionRequest } from "../../ipc/bindings";
import FindingsPanel from "../wizard/FindingsPanel.svelte";
import { prohibitedOutcome, view } from "../wizard/fixtures";
import { Wizard } from "../wizard/wizard.svelte";
import { router } from "../workspace/route.svelte";
import ActionList from "./ActionList.svelte";

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

const t = (en: string, zh: string) => ({ en, zh });
const open: ActionStatusOption = { status: "open", label: t("Open", "待处理"), pending: true };
const done: ActionStatusOption = { status: "done", label: t("Done", "已完成"), pending: false };
const statuses: ActionStatusOption[] = [
  open,
  { status: "in_progress", label: t("In progress", "进行中"), pending: true },
  done,
  { status: "dropped", label: t("Dropped", "已放弃"), pending: false },
];
const action = (over: Partial<ActionInfo> = {}): ActionInfo => ({
  id: "x1",
  assessment_id: "a1",
  client_id: "c1",
  finding_id: "prescreen:channel:BUY",
  title: "Stop using the bought list",
  title_words: null,
  assessment_title: "Bought list",
  client_name: "Huadong",
  owner: "Li",
  due_date: "2026-01-10",
  status: open,
  note: "",
  overdue: true,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  ...over,
});

describe("Actions", () => {
  it("creates an action from a finding with its owner and due date", async () => {
    const added: NewActionRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_actions") return [];
      if (cmd === "add_action") {
        const request = (args as { request: NewActionRequest }).request;
        added.push(request);
        return action({
          title: "Answer the key questions: provenance",
          title_words: { en: "Answer the key questions: provenance", zh: "回答关键问题：来源" },
          owner: request.owner,
          due_date: request.due_date,
        });
      }
    });
    const wizard = new Wizard();
    wizard.view = view({ outcome: prohibitedOutcome });
    render(FindingsPanel, { wizard, onGoToQuestion: () => {} });

    await fireEvent.click(screen.getByRole("button", { name: "Create action: Channel pre-screen default: Bought list" }));
    const title = document.getElementById("action-title") as HTMLTextAreaElement;
    expect(title.value).toBe("Answer the key questions: provenance");
    await fireEvent.input(document.getElementById("action-owner") as HTMLElement, { target: { value: "Li" } });
    await fireEvent.input(document.getElementById("action-due") as HTMLElement, { target: { value: "2026-03-01" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save action" }));

    await waitFor(() =>
      expect(document.querySelector(".finding-action")?.textContent).toContain(
        "Action: Answer the key questions: provenance (open) · Li · 2026-03-01",
      ),
    );
    // The finding's words left as they were go as a blank title: core keeps them in both languages.
    expect(added).toEqual([
      {
        assessment_id: "a1",
        client_id: null,
        finding_id: "prescreen:channel:BUY",
        title: "",
        owner: "Li",
        due_date: "2026-03-01",
        note: "",
        another: false,
      },
    ]);
    expect(document.getElementById("action-form")).toBeNull();
    // One action per finding: "Create action" became "Open action", and a second needs "Add another".
    expect(screen.queryByRole("button", { name: /Create action/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Open action: Answer the key questions: provenance" })).toBeTruthy();
    await fireEvent.click(screen.getByRole("button", { name: /Add another action/ }));
    await fireEvent.input(document.getElementById("action-title") as HTMLElement, { target: { value: "Tell the shops" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save action" }));
    await waitFor(() => expect(added).toHaveLength(2));
    expect(added[1]).toMatchObject({ title: "Tell the shops", another: true });

    i18n.lang = "zh";
    await waitFor(() => expect(document.querySelector(".finding-action")?.textContent).toContain("整改措施：回答关键问题：来源（待处理）"));
  });

  it("keeps the form with core's message when an action is refused", async () => {
    mockIPC((cmd) => {
      if (cmd === "list_actions") return [];
      if (cmd === "add_action") throw { kind: "invalid_input", message: "the due date is not a date" };
    });
    const wizard = new Wizard();
    wizard.view = view({ outcome: prohibitedOutcome });
    render(FindingsPanel, { wizard, onGoToQuestion: () => {} });
    await fireEvent.click(screen.getByRole("button", { name: /Create action/ }));
    await fireEvent.click(screen.getByRole("button", { name: "Save action" }));
    await waitFor(() => expect(document.getElementById("action-error")?.textContent).toContain("not a date"));
    expect(document.getElementById("action-form")).toBeTruthy();
  });

  it("lists a client's actions with status, owner and due date, and changes a status", async () => {
    const updates: UpdateActionRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_actions") {
        expect(args).toEqual({ clientId: "c1", assessmentId: null });
        return [action()];
      }
      if (cmd === "action_statuses") return statuses;
      if (cmd === "update_action") {
        const request = (args as { request: UpdateActionRequest }).request;
        updates.push(request);
        return action({ status: done, overdue: false });
      }
    });
    render(ActionList, { clientId: "c1" });
    const row = await waitFor(() => present(document.querySelector<HTMLElement>("#action-list tbody tr")));
    expect(row.textContent).toContain("Stop using the bought list");
    expect(row.textContent).toContain("Li");
    expect(row.textContent).toContain("2026-01-10");
    expect(within(row).getByText("Overdue")).toBeTruthy();
    const select = screen.getByLabelText("Status of Stop using the bought list") as HTMLSelectElement;
    expect(select.value).toBe("open");

    await fireEvent.change(select, { target: { value: "done" } });
    await waitFor(() =>
      expect(updates).toEqual([
        { id: "x1", status: "done", title: null, owner: null, due_date: null, note: null, version: "2026-01-01T00:00:00.000Z" },
      ]),
    );
    await waitFor(() => expect(within(row).queryByText("Overdue")).toBeNull());
  });

  it("says where actions come from when there are none, in Chinese", async () => {
    i18n.lang = "zh";
    mockIPC((cmd) => (cmd === "action_statuses" ? statuses : []));
    render(ActionList, { clientId: "c1" });
    expect(await screen.findByText("尚无整改措施。请在评估的发现项中创建。")).toBeTruthy();
  });

  it("edits every field of an action from the list and links back to its assessment", async () => {
    const updates: UpdateActionRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_actions") return [action({ title_words: { en: "Stop using the bought list", zh: "停止使用购买的名单" } })];
      if (cmd === "action_statuses") return statuses;
      if (cmd === "update_action") {
        const request = (args as { request: UpdateActionRequest }).request;
        updates.push(request);
        return action({ title: request.title ?? "", owner: request.owner ?? "", due_date: request.due_date, note: request.note ?? "" });
      }
    });
    render(ActionList, {});
    const row = await waitFor(() => present(document.querySelector<HTMLElement>("#action-list tbody tr")));
    expect(row.textContent).toContain("Huadong");
    await fireEvent.click(screen.getByRole("button", { name: "Edit: Stop using the bought list" }));
    const title = document.getElementById("action-title") as HTMLTextAreaElement;
    expect(title.value).toBe("Stop using the bought list");
    await fireEvent.input(title, { target: { value: "Delete the bought list" } });
    await fireEvent.input(document.getElementById("action-owner") as HTMLElement, { target: { value: "Wang" } });
    await fireEvent.input(document.getElementById("action-due") as HTMLElement, { target: { value: "2026-04-30" } });
    await fireEvent.input(document.getElementById("action-note") as HTMLElement, { target: { value: "ask marketing" } });
    await fireEvent.click(screen.getByRole("button", { name: "Save action" }));
    await waitFor(() =>
      expect(updates).toEqual([
        {
          id: "x1",
          status: "open",
          title: "Delete the bought list",
          owner: "Wang",
          due_date: "2026-04-30",
          note: "ask marketing",
          // The version the list was read at: a colleague's change since is refused as stale.
          version: "2026-01-01T00:00:00.000Z",
        },
      ]),
    );
    await waitFor(() => expect(document.getElementById("action-form")).toBeNull());
    expect(row.textContent).toContain("Delete the bought list");
    expect(row.textContent).toContain("ask marketing");

    await fireEvent.click(screen.getByRole("button", { name: "Open the assessment: Bought list" }));
    expect(router.route).toEqual({ name: "assessment", id: "a1", finding: "prescreen:channel:BUY" });
  });
});
