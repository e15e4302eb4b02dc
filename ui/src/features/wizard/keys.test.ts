import { afterEach, describe, expect, it, vi } from "vitest";
import { applyWizardKey, wizardKey } from "./keys";

function press(key: string, init: KeyboardEventInit = {}, target?: Element) {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
  if (target) Object.defineProperty(event, "target", { value: target });
  return event;
}

function dom() {
  document.body.innerHTML = `
    <section id="root">
      <div class="question" id="q-a"><div class="answer">
        <button aria-pressed="false" id="a-yes">Yes</button>
        <button aria-pressed="false" id="a-no">No</button>
        <button aria-pressed="false" id="a-partial">Partly</button>
      </div></div>
      <div class="question" id="q-b"><div class="answer"><textarea id="b-text"></textarea></div></div>
      <div class="question" id="q-c"><div class="answer">
        <button aria-pressed="false" id="c-1">1</button><button aria-pressed="false" id="c-2">2</button>
      </div></div>
    </section>`;
  return document.getElementById("root") as HTMLElement;
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("wizard keys", () => {
  it("reads Alt combinations anywhere and plain keys only outside text fields", () => {
    const textarea = document.createElement("textarea");
    expect(wizardKey(press("ArrowRight", { altKey: true }, textarea))).toEqual({ kind: "section", delta: 1 });
    expect(wizardKey(press("PageUp", { altKey: true }))).toEqual({ kind: "section", delta: -1 });
    expect(wizardKey(press("ArrowDown", { altKey: true }))).toEqual({ kind: "question", delta: 1 });
    expect(wizardKey(press("2", {}, textarea))).toBeNull();
    expect(wizardKey(press("2", {}, document.createElement("button")))).toEqual({ kind: "choose", index: 1 });
    expect(wizardKey(press("ArrowRight", { ctrlKey: true }))).toBeNull();
  });

  it("chooses the n-th answer of the focused question and moves between its buttons", () => {
    const root = dom();
    const clicked = vi.fn();
    document.getElementById("a-partial")?.addEventListener("click", clicked);
    document.getElementById("a-yes")?.focus();
    expect(applyWizardKey(root, press("3", {}, document.activeElement ?? undefined), () => {})).toBe(true);
    expect(clicked).toHaveBeenCalledOnce();
    expect(document.activeElement?.id).toBe("a-partial");
    applyWizardKey(root, press("ArrowRight", {}, document.activeElement ?? undefined), () => {});
    expect(document.activeElement?.id).toBe("a-yes");
    applyWizardKey(root, press("ArrowLeft", {}, document.activeElement ?? undefined), () => {});
    expect(document.activeElement?.id).toBe("a-partial");
  });

  it("moves the focus from question to question and hands section steps to the wizard", () => {
    const root = dom();
    document.getElementById("a-no")?.focus();
    applyWizardKey(root, press("ArrowDown", { altKey: true }), () => {});
    expect(document.activeElement?.id).toBe("b-text");
    applyWizardKey(root, press("ArrowDown", { altKey: true }), () => {});
    expect(document.activeElement?.id).toBe("c-1");
    const step = vi.fn();
    applyWizardKey(root, press("ArrowRight", { altKey: true }), step);
    expect(step).toHaveBeenCalledWith(1);
  });
});

describe("wizard keys on choices", () => {
  it("picks the n-th radio choice with a digit", () => {
    document.body.innerHTML = `
      <section id="root"><div class="question"><div class="answer">
        <input type="radio" name="c" id="r1"><input type="radio" name="c" id="r2"><input type="radio" name="c" id="r3">
      </div></div></section>`;
    const root = document.getElementById("root") as HTMLElement;
    document.getElementById("r1")?.focus();
    expect(applyWizardKey(root, press("3", {}, document.activeElement ?? undefined), () => {})).toBe(true);
    expect((document.getElementById("r3") as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement?.id).toBe("r3");
    expect(applyWizardKey(root, press("ArrowRight", {}, document.activeElement ?? undefined), () => {})).toBe(false);
  });
});
