// Keyboard use of the wizard, for people who answer dozens of questions in a row:
//   Alt+→ / Alt+←  (or Alt+PageDown / Alt+PageUp)  next / previous section
//   Alt+↓ / Alt+↑                                  focus the next / previous question
//   1–9                                            pick the n-th answer of the focused question
//   → / ←                                          move between a question's answer buttons
//                                                  (radio choices move natively)
// Typing in a text field is never intercepted, except for the Alt combinations.

export type WizardKey =
  | { kind: "section"; delta: 1 | -1 }
  | { kind: "question"; delta: 1 | -1 }
  | { kind: "choose"; index: number }
  | { kind: "move"; delta: 1 | -1 };

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !["radio", "checkbox", "button"].includes(target.type);
  return target.isContentEditable || ["TEXTAREA", "SELECT"].includes(target.tagName);
}

/** What a key press asks the wizard to do, or `null` when it is not the wizard's key. */
export function wizardKey(event: KeyboardEvent): WizardKey | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.altKey) {
    switch (event.key) {
      case "ArrowRight":
      case "PageDown":
        return { kind: "section", delta: 1 };
      case "ArrowLeft":
      case "PageUp":
        return { kind: "section", delta: -1 };
      case "ArrowDown":
        return { kind: "question", delta: 1 };
      case "ArrowUp":
        return { kind: "question", delta: -1 };
      default:
        return null;
    }
  }
  if (typing(event.target) || event.shiftKey) return null;
  if (/^[1-9]$/.test(event.key)) return { kind: "choose", index: Number(event.key) - 1 };
  if (event.key === "ArrowRight") return { kind: "move", delta: 1 };
  if (event.key === "ArrowLeft") return { kind: "move", delta: -1 };
  return null;
}

const CONTROLS = "button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled])";

const ANSWERS =
  ".answer [aria-pressed]:not([disabled]), .answer input[type=radio]:not([disabled]), .answer input[type=checkbox]:not([disabled])";

/** The answer controls of the question holding `element`: yes/no and level buttons, choices. */
function answerControls(element: Element | null): HTMLElement[] {
  const question = element?.closest(".question");
  return question ? [...question.querySelectorAll<HTMLElement>(ANSWERS)] : [];
}

/**
 * Carries out a wizard key inside `root`. `stepSection` changes the section (the wizard's own
 * step, which also moves the focus). Returns whether the key was used.
 */
export function applyWizardKey(
  root: HTMLElement,
  event: KeyboardEvent,
  stepSection: (delta: 1 | -1) => void,
): boolean {
  const key = wizardKey(event);
  if (!key) return false;
  const active = document.activeElement;
  switch (key.kind) {
    case "section":
      stepSection(key.delta);
      return true;
    case "question": {
      const questions = [...root.querySelectorAll<HTMLElement>(".question")];
      if (questions.length === 0) return false;
      const current = questions.findIndex((q) => q.contains(active));
      const next = current < 0 ? (key.delta > 0 ? 0 : questions.length - 1) : current + key.delta;
      const target = questions[Math.max(0, Math.min(questions.length - 1, next))];
      target?.scrollIntoView?.({ block: "center" });
      target?.querySelector<HTMLElement>(CONTROLS)?.focus();
      return true;
    }
    case "choose": {
      const control = answerControls(active)[key.index];
      if (!control) return false;
      control.click();
      control.focus();
      return true;
    }
    case "move": {
      // Radio groups move with the arrows natively; only button groups need help.
      if (active instanceof HTMLInputElement) return false;
      const buttons = answerControls(active);
      const at = buttons.indexOf(active as HTMLElement);
      if (at < 0) return false;
      buttons[(at + key.delta + buttons.length) % buttons.length]?.focus();
      return true;
    }
  }
}
