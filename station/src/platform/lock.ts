/**
 * Auto-lock: after a configurable idle time, and whenever the page is hidden (tab switch, screen
 * lock, window minimised) or unloaded. The tracker is pure (clock injected) so it is unit-tested;
 * `installAutoLock` wires it to DOM events and a 1-second check interval.
 */

/** Idle bookkeeping with an injected clock (ms). */
export interface IdleTracker {
  /** Record user activity at `now`. */
  activity(now: number): void;
  /** True once `idleMs` has passed since the last activity. */
  expired(now: number): boolean;
  /** Milliseconds left before expiry (0 when expired). */
  remaining(now: number): number;
}

export function createIdleTracker(idleMs: () => number, start: number): IdleTracker {
  let last = start;
  return {
    activity(now) {
      last = now;
    },
    expired(now) {
      return now - last >= idleMs();
    },
    remaining(now) {
      return Math.max(0, idleMs() - (now - last));
    },
  };
}

export type LockReason = 'idle' | 'hidden';

export interface AutoLockOptions {
  /** Current idle limit in ms (read on every check, so settings apply at once). */
  idleMs: () => number;
  /** Whether there is anything to lock (the timer is ignored while locked). */
  active: () => boolean;
  onLock: (reason: LockReason) => void;
}

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'input'] as const;

/** Start auto-lock on this window. Returns a function that removes every listener and timer. */
export function installAutoLock(opts: AutoLockOptions): () => void {
  const tracker = createIdleTracker(opts.idleMs, Date.now());
  const onActivity = () => tracker.activity(Date.now());
  const onHidden = () => {
    if (document.visibilityState === 'hidden' && opts.active()) opts.onLock('hidden');
  };
  const onPageHide = () => {
    if (opts.active()) opts.onLock('hidden');
  };
  for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true });
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', onPageHide);
  const timer = window.setInterval(() => {
    if (!opts.active()) {
      tracker.activity(Date.now()); // the idle clock starts at unlock, not at page load
      return;
    }
    if (tracker.expired(Date.now())) {
      tracker.activity(Date.now());
      opts.onLock('idle');
    }
  }, 1000);
  return () => {
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
    document.removeEventListener('visibilitychange', onHidden);
    window.removeEventListener('pagehide', onPageHide);
    window.clearInterval(timer);
  };
}
