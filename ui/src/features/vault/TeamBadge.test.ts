import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { DisplayNameRequest, TeamMember } from "../../ipc/bindings";
import TeamBadge from "./TeamBadge.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

const ann: TeamMember = {
  role_name: "firm_ann",
  display_name: "Ann Li",
  roles: ["author", "approver"],
  admin: false,
  conninfo: "host=db.example dbname=firm",
};

describe("TeamBadge", () => {
  it("shows the signed-in member's display name, not his login", () => {
    render(TeamBadge, { member: ann });
    const shown = document.getElementById("team-member-name")?.textContent ?? "";
    expect(shown).toContain("Signed in as Ann Li (author, approver)");
    expect(shown).not.toContain("firm_ann");
  });

  it("changes his own name through core and shows the name core stored", async () => {
    const requests: DisplayNameRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "set_display_name") {
        const request = (args as { request: DisplayNameRequest }).request;
        requests.push(request);
        return { ...ann, display_name: request.display_name.trim() };
      }
    });
    let changed: TeamMember | null = null;
    render(TeamBadge, { member: ann, onChanged: (m: TeamMember) => (changed = m) });
    await fireEvent.click(screen.getByRole("button", { name: "Change name" }));
    // Only an admin names another member.
    expect(document.getElementById("display-name-member")).toBeNull();
    const input = screen.getByLabelText("Display name") as HTMLInputElement;
    expect(input.value).toBe("Ann Li");
    await fireEvent.input(input, { target: { value: " Ann Li-Chen " } });
    await fireEvent.click(screen.getByRole("button", { name: "Save name" }));
    await waitFor(() =>
      expect(document.getElementById("display-name-saved")?.textContent).toBe(
        "Saved: sign-offs now print Ann Li-Chen.",
      ),
    );
    expect(requests).toEqual([{ member: undefined, display_name: " Ann Li-Chen " }]);
    expect(changed).toEqual({ ...ann, display_name: "Ann Li-Chen" });
  });

  it("lets an admin name another member, and shows core's refusal, in Chinese", async () => {
    i18n.lang = "zh";
    const requests: DisplayNameRequest[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "set_display_name") {
        const request = (args as { request: DisplayNameRequest }).request;
        requests.push(request);
        if (!request.display_name.trim()) throw { kind: "team_database", message: "显示姓名不可用：请填写 1 至 200 个字符" };
        return { ...ann, admin: true, display_name: "Root" };
      }
    });
    render(TeamBadge, { member: { ...ann, admin: true, display_name: "Root", role_name: "firm_root" } });
    await fireEvent.click(screen.getByRole("button", { name: "更改姓名" }));
    await fireEvent.input(document.getElementById("display-name-member") as HTMLInputElement, {
      target: { value: "firm_bob" },
    });
    const input = document.getElementById("display-name-input") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "" } });
    await fireEvent.click(screen.getByRole("button", { name: "保存姓名" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("显示姓名不可用"));
    await fireEvent.input(input, { target: { value: "Bob Chen" } });
    await fireEvent.click(screen.getByRole("button", { name: "保存姓名" }));
    await waitFor(() =>
      expect(document.getElementById("display-name-saved")?.textContent).toBe("已保存：firm_bob 签署时将显示为 Bob Chen。"),
    );
    expect(requests.map((r) => r.member)).toEqual(["firm_bob", "firm_bob"]);
  });
});
