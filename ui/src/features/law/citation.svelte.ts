// The provision the citation panel shows. Opening a citation asks core's law register; the UI
// keeps no legal text of its own.
import type { ProvisionView } from "../../ipc/bindings";
import { getProvision } from "../../ipc/commands";
import { toUiError, type UiError } from "../../ipc/errors";

class CitationPanel {
  key = $state<string | null>(null);
  provision = $state<ProvisionView | null>(null);
  missing = $state(false);
  error = $state<UiError | null>(null);
  /** The element to give focus back to when the panel closes. */
  private opener: HTMLElement | null = null;

  open = async (key: string, opener?: HTMLElement | null) => {
    this.opener = opener ?? null;
    this.key = key;
    this.provision = null;
    this.missing = false;
    this.error = null;
    try {
      const provision = await getProvision(key);
      if (this.key !== key) return;
      this.provision = provision;
      this.missing = provision === null;
    } catch (caught) {
      if (this.key === key) this.error = toUiError(caught);
    }
  };

  close = () => {
    this.key = null;
    this.provision = null;
    this.opener?.focus();
    this.opener = null;
  };
}

export const citationPanel = new CitationPanel();
