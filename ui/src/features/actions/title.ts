// An action's title as the reader's language shows it: the finding's words in that language when
// the title was taken from a finding, else the title as typed.
import { i18n } from "../../i18n/i18n.svelte";
import type { ActionInfo } from "../../ipc/bindings";

export const actionTitle = (action: ActionInfo): string =>
  action.title_words ? i18n.pick(action.title_words) : action.title;
