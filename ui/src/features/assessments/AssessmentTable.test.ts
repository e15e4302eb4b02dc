import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import type { AssessmentSummary } from "../../ipc/bindings";
import { view } from "../wizard/fixtures";
import AssessmentTable from "./AssessmentTable.svelte";

afterEach(cleanup);

const row = (id: string, title: string, client: string, version: number, updated: string): AssessmentSummary => ({
  ...view().assessment,
  id,
  title,
  client_name: client,
  version,
  updated_at: updated,
});

const clients = () => [...document.querySelectorAll(".assessment-table tbody tr")].map((r) => r.children[1]?.textContent);

describe("AssessmentTable", () => {
  it("shows client, version and update time, and sorts by a column both ways", async () => {
    render(AssessmentTable, {
      assessments: [
        row("a", "Bought list", "Beta", 1, "2026-01-01T00:00:00.000Z"),
        row("b", "Bought list", "Alpha", 2, "2026-02-01T00:00:00.000Z"),
      ],
    });
    const first = document.querySelector('tr[data-assessment="a"]')?.textContent ?? "";
    expect(first).toContain("Beta");
    await fireEvent.click(screen.getByRole("button", { name: "Client" }));
    expect(clients()).toEqual(["Alpha", "Beta"]);
    await fireEvent.click(screen.getByRole("button", { name: "Client ↑" }));
    expect(clients()).toEqual(["Beta", "Alpha"]);
    await fireEvent.click(screen.getByRole("button", { name: "Version" }));
    expect(clients()).toEqual(["Beta", "Alpha"]);
    expect(document.querySelector('tr[data-assessment="b"] td.num')?.textContent).toBe("2");
  });
});
