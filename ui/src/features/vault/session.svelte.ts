// The unlocked session as the UI sees it: whether the shell locked the vault on its own after the
// idle time, and the activity that postpones that. The shell decides and enforces auto-lock (its
// watcher drops the key even if this page is frozen); the UI only reports activity and notices.
import { keepAlive, sessionStatus } from "../../ipc/commands";

/** Tell the shell about activity at most this often. */
const ACTIVITY_EVERY_MS = 30_000;
/** Ask whether the vault is still open this often. */
const POLL_EVERY_MS = 15_000;
const ACTIVITY_EVENTS = ["keydown", "pointerdown", "wheel", "input"] as const;

class Session {
  lockedForIdle = $state(false);
  autoLockMinutes = $state(10);
  /** A one-time message for the home screen (e.g. what a restore did). */
  notice = $state("");

  #lastReport = 0;
  #poll: ReturnType<typeof setInterval> | null = null;
  #onLocked: (() => void) | null = null;

  #activity = () => {
    const now = Date.now();
    if (now - this.#lastReport < ACTIVITY_EVERY_MS) return;
    this.#lastReport = now;
    keepAlive().then((status) => this.#apply(status), () => {});
  };

  #apply(status: { unlocked: boolean; locked_for_idle: boolean; auto_lock_minutes: number }) {
    this.autoLockMinutes = status.auto_lock_minutes;
    if (!status.unlocked) {
      this.lockedForIdle = status.locked_for_idle;
      const notify = this.#onLocked;
      this.stop();
      notify?.();
    }
  }

  /** Starts watching an unlocked vault; `onLocked` runs once when the shell has locked it. */
  start(onLocked: () => void) {
    this.stop();
    this.lockedForIdle = false;
    this.#onLocked = onLocked;
    this.#lastReport = Date.now();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, this.#activity, { passive: true });
    this.#poll = setInterval(() => {
      sessionStatus().then((status) => this.#apply(status), () => {});
    }, POLL_EVERY_MS);
  }

  /** Stops watching (the vault was locked by the user or the shell). */
  stop() {
    for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, this.#activity);
    if (this.#poll !== null) clearInterval(this.#poll);
    this.#poll = null;
    this.#onLocked = null;
  }

  /** Checks now, e.g. when the window regains focus after a long absence. */
  check() {
    if (this.#onLocked === null) return;
    sessionStatus().then((status) => this.#apply(status), () => {});
  }
}

export const session = new Session();
