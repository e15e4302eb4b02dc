import { describe, expect, it } from "vitest";
import * as actions from "./areas/actions";
import * as app from "./areas/app";
import * as desk from "./areas/desk";
import * as retention from "./areas/retention";
import * as settings from "./areas/settings";
import * as signoff from "./areas/signoff";
import * as team from "./areas/team";
import * as wizard from "./areas/wizard";
import { en, zh } from "./messages";

const CJK = /[\u4e00-\u9fff]/;

describe("UI messages", () => {
  it("have the same keys in both languages", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it("come from areas that share no key (a spread would hide a duplicate)", () => {
    const keys = [app.en, desk.en, settings.en, wizard.en, retention.en, actions.en, signoff.en, team.en].flatMap((area) => Object.keys(area));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("are Chinese in zh and not copies of the English", () => {
    for (const [key, text] of Object.entries(zh)) {
      if (key === "appName") continue; // the product name is the same in both
      expect(text, key).toMatch(CJK);
      expect(text, key).not.toBe(en[key as keyof typeof en]);
    }
  });

  it("have the same {placeholders} in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const mismatched = Object.entries(en)
      .map(([key, text]) => ({ key, en: placeholders(text), zh: placeholders(zh[key as keyof typeof zh]) }))
      .filter((m) => m.en.join(",") !== m.zh.join(","));
    expect(mismatched).toEqual([]);
  });
});
