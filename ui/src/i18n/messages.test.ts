import { describe, expect, it } from "vitest";
import { en, zh } from "./messages";

const CJK = /[\u4e00-\u9fff]/;

describe("UI messages", () => {
  it("have the same keys in both languages", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it("are Chinese in zh and not copies of the English", () => {
    for (const [key, text] of Object.entries(zh)) {
      if (key === "appName") continue; // the product name is the same in both
      expect(text, key).toMatch(CJK);
      expect(text, key).not.toBe(en[key as keyof typeof en]);
    }
  });
});
