// Whether the profile prompt was already shown in this unlocked session: the first report or
// sign-off asks for the profile once; "Not now" is not asked again until the next unlock.
// In memory only: nothing about it is stored outside the vault.
import * as ipc from "../../ipc/commands";

class ProfileAsk {
  asked = $state(false);

  /** Whether to ask now: not asked yet this session, and no name in the vault's profile. */
  async needed(): Promise<boolean> {
    if (this.asked) return false;
    try {
      const settings = await ipc.getSettings();
      return settings ? !settings.profile.name.trim() : false;
    } catch {
      return false;
    }
  }
}

export const profileAsk = new ProfileAsk();
