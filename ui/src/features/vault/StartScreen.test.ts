import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import type { Startup, TeamConnectRequest, TeamMember } from "../../ipc/bindings";
import StartScreen from "./StartScreen.svelte";

const vaultHere: Startup = { lang: "en", vault_path: "/home/dpo/vault.dpvault", vault_exists: true, last_team: null };
const teamOnly: Startup = {
  ...vaultHere,
  vault_exists: false,
  last_team: { conninfo: "host=db.firm.example dbname=dpodesk", user: "ann" },
};
const ann: TeamMember = {
  role_name: "ann",
  display_name: "Ann Li",
  roles: ["reviewer"],
  admin: false,
  conninfo: "host=db.firm.example dbname=dpodesk",
};

afterEach(() => {
  cleanup();
  clearMocks();
  i18n.lang = "en";
});

const noop = () => {};

describe("StartScreen", () => {
  it("offers both doors and opens on the vault when there is one", () => {
    render(StartScreen, { startup: vaultHere, onUnlocked: noop, onConnected: noop });
    expect(screen.getByRole("button", { name: "Open a vault" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByLabelText("Passphrase")).toBeTruthy();
    expect(screen.queryByLabelText("Connection")).toBeNull();
  });

  it("connects with the remembered connection and passes who signed in up", async () => {
    let sent: TeamConnectRequest | null = null;
    mockIPC((cmd, args) => {
      if (cmd === "connect_team") {
        sent = (args as { request: TeamConnectRequest }).request;
        return ann;
      }
    });
    let signedIn: TeamMember | null = null;
    render(StartScreen, { startup: teamOnly, onUnlocked: noop, onConnected: (m: TeamMember) => (signedIn = m) });
    expect((screen.getByLabelText("Connection") as HTMLInputElement).value).toBe("host=db.firm.example dbname=dpodesk");
    expect((screen.getByLabelText("Member name") as HTMLInputElement).value).toBe("ann");
    await fireEvent.input(screen.getByLabelText("Password"), { target: { value: "s3cret" } });
    await fireEvent.click(screen.getByRole("button", { name: "Connect" }));
    await waitFor(() => expect(signedIn).toEqual(ann));
    expect(sent).toEqual({ conninfo: "host=db.firm.example dbname=dpodesk", user: "ann", password: "s3cret", lang: "en" });
  });

  it("shows core's refusal in the user's language and clears the password", async () => {
    mockIPC((cmd, args) => {
      if (cmd === "connect_team") {
        const lang = (args as { request: TeamConnectRequest }).request.lang;
        throw {
          kind: "team_database",
          message: lang === "zh" ? "服务器拒绝了 ann 的用户名或密码" : "the server refused the user name or password of ann",
        };
      }
    });
    i18n.lang = "zh";
    render(StartScreen, { startup: vaultHere, onUnlocked: noop, onConnected: noop });
    await fireEvent.click(screen.getByRole("button", { name: "连接团队数据库" }));
    await fireEvent.input(screen.getByLabelText("连接信息"), { target: { value: "host=/run/pg dbname=dpo" } });
    await fireEvent.input(screen.getByLabelText("成员名"), { target: { value: "ann" } });
    const password = screen.getByLabelText("密码") as HTMLInputElement;
    await fireEvent.input(password, { target: { value: "wrong" } });
    await fireEvent.click(screen.getByRole("button", { name: "连接" }));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("服务器拒绝了 ann 的用户名或密码"));
    expect(password.value).toBe("");
  });
});
