import { cleanup, render, screen, within } from "@testing-library/svelte";
import { afterEach, describe, expect, it } from "vitest";
import { i18n } from "../../i18n/i18n.svelte";
import HeatMap from "./HeatMap.svelte";
import { likelihoodLabels, placedRisk, riskMap, severityLabels } from "./pia-fixtures";

afterEach(() => {
  cleanup();
  i18n.lang = "en";
});

const cell = (id: string) => document.getElementById(id) as HTMLTableCellElement;

const unrated = { number: 2, title: "Custom risk", category: null, before: null, after: null };
const severe = {
  number: 3,
  title: "Minors' data sold",
  category: null,
  before: { impact: 4, likelihood: 4, level: "severe" as const },
  after: { impact: 4, likelihood: 4, level: "severe" as const },
};

describe("HeatMap", () => {
  it("draws core's matrix twice, before and after measures, with each risk in its cell", () => {
    render(HeatMap, { map: riskMap([placedRisk, unrated, severe]), likelihoodLabels, severityLabels });

    const before = screen.getByRole("table", { name: "Before measures" });
    const after = screen.getByRole("table", { name: "After measures" });
    // Four impact rows (highest first) of four likelihood cells, plus headers.
    expect(within(before).getAllByRole("row")).toHaveLength(5);
    expect(within(before).getAllByRole("rowheader").map((h) => h.textContent?.trim())).toEqual([
      "4 Severe",
      "3 High",
      "2 Medium",
      "1 Low",
    ]);
    expect(cell("heat-before-1-1").dataset.level).toBe("low");
    expect(cell("heat-before-4-1").dataset.level).toBe("medium");
    expect(cell("heat-before-2-4").dataset.level).toBe("high");
    expect(cell("heat-after-4-4").className).toContain("level-severe");

    // Risk 1 moves from 3×3 to 3×1; risk 3 stays at 4×4; risk 2 is not rated, so on neither grid.
    expect(cell("heat-before-3-3").dataset.risks).toBe("1");
    expect(cell("heat-after-3-3").dataset.risks).toBe("");
    expect(cell("heat-after-3-1").dataset.risks).toBe("1");
    expect(cell("heat-before-4-4").dataset.risks).toBe("3");
    expect(cell("heat-after-4-4").dataset.risks).toBe("3");
    const markers = (table: HTMLElement) => [...table.querySelectorAll(".risk-marker")].map((m) => m.textContent);
    expect(markers(before)).toEqual(["3", "1"]);
    expect(markers(after)).toEqual(["3", "1"]);
    expect(within(after).getByTitle("CRM account taken over").textContent).toBe("1");
    // Each cell says its level in words, for those who cannot see the colour.
    expect(cell("heat-before-3-3").textContent).toContain("High");

    const list = document.getElementById("heat-risks") as HTMLElement;
    expect(list.textContent).toContain("Before measures: 3×3 High → After measures: 3×1 Medium");
    expect(list.textContent).toContain("Custom risk");
    expect(list.textContent).toContain("not rated yet");
    expect(screen.getByText(/check it against the published standard/)).toBeTruthy();
  });

  it("says how to place a risk when none is rated, and speaks Chinese", () => {
    i18n.lang = "zh";
    render(HeatMap, { map: riskMap([]), likelihoodLabels, severityLabels });
    expect(screen.getByRole("table", { name: "采取措施前" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "采取措施后" })).toBeTruthy();
    expect(document.getElementById("heat-empty")?.textContent).toContain("评定风险的影响程度和可能性");
    expect(screen.getByRole("heading", { name: "风险热力图" })).toBeTruthy();
    expect(screen.getByRole("list", { name: "风险等级" }).textContent).toContain("严重");
  });
});
