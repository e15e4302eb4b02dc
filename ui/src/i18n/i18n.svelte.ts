// The UI language as shared reactive state. Components read `i18n.t` and re-render when the
// language changes; the choice is persisted by the shell (outside the vault, as design.md allows).
import type { Bilingual, Lang } from "../ipc/bindings";
import { messages, type MessageKey } from "./messages";

class I18n {
  lang = $state<Lang>("en");

  t = (key: MessageKey): string => messages[this.lang][key];

  /** A message with `{name}` placeholders filled in. */
  f = (key: MessageKey, params: Record<string, string | number>): string =>
    this.t(key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );

  /** Text that core sends in both languages (templates, findings, the law register). */
  pick = (text: Bilingual | null | undefined): string => (text ? text[this.lang] : "");
}

export const i18n = new I18n();
