/**
 * Facts about the machine the station runs on, shown to the user (the AirGap "environment
 * checks" idea): is a network connected, is this a secure context. Gathering only; no decisions.
 */
export interface EnvironmentFacts {
  /** navigator.onLine: true means a network interface looks up (the banner asks to unplug it). */
  online: boolean;
  /** window.isSecureContext (file:// and http://127.0.0.1 count as secure). */
  secureContext: boolean;
  /** IndexedDB present (the vault needs it). */
  indexedDb: boolean;
}

export function gatherEnvironment(): EnvironmentFacts {
  return {
    online: navigator.onLine,
    secureContext: window.isSecureContext,
    indexedDb: typeof indexedDB !== 'undefined',
  };
}

/** Call `fn(online)` whenever the browser's online state changes; returns an unsubscribe function. */
export function watchOnline(fn: (online: boolean) => void): () => void {
  const on = () => fn(true);
  const off = () => fn(false);
  window.addEventListener('online', on);
  window.addEventListener('offline', off);
  return () => {
    window.removeEventListener('online', on);
    window.removeEventListener('offline', off);
  };
}
