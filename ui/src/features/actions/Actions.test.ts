import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { ActionInfo, ActionStatusOption, NewActionRequest, UpdateActionRequest } from "../../ipc/bindings";
import FindingsPanel from "../wizard/FindingsPanel.svelte";
import { prohibitedOutcome, view } from "../wizard/fixtures";
import { Wizard } from "../wizard/wizard.svelte";
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
const open: ActionStatusOption = { status: "open", label: t("open", "待处理"), pending: true };
const done: ActionStatusOption = { status: "done", label: t("done", "已完成"), pending: false };
const statuses: ActionStatusOption[] = [
  open,
  { status: "in_progress", label: t("in progress", "进行中"), pending: true },
  done,
  { status: "dropped", label: t("dropped", "已放弃"), pending: false },
];
const action = (over: Partial<ActionInfo> = {}): ActionInfo => ({
  id: "x1",
  assessment_id: "a1",
  client_id: "c1",
  finding_id: "prescreen:channel:BUY",
  title: "Stop using the bought list",
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
        return action({ title: request.title, owner: request.owner, due_date: request.due_date });
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

    await waitFor(() => expect(document.querySelector(".finding-action")?.textContent).toContain("Action created · Li · 2026-03-01"));
    expect(added).toEqual([
      {
        assessment_id: "a1",
        client_id: null,
        finding_id: "prescreen:channel:BUY",
        title: "Answer the key questions: provenance",
        owner: "Li",
        due_date: "2026-03-01",
      },
    ]);
    expect(document.getElementById("action-form")).toBeNull();
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
    await waitFor(() => expect(updates).toEqual([{ id: "x1", status: "done", owner: null, due_date: null }]));
    await waitFor(() => expect(within(row).queryByText("Overdue")).toBeNull());
  });

  it("says where actions come from when there are none, in Chinese", async () => {
    i18n.lang = "zh";
    mockIPC((cmd) => (cmd === "action_statuses" ? statuses : []));
    render(ActionList, { clientId: "c1" });
    expect(await screen.findByText("尚无整改措施。请在评估的发现项中创建。")).toBeTruthy();
  });
});
