/**
 * Environment checks, pure (ARCHITECTURE 2.3 `audit/checks.ts`; the AirGap Vault `Check` idea):
 * facts gathered by `station/src/platform/environment.ts` (or the companion's) go in, a list of
 * `CheckResult` comes out for the UI to show. No browser API is touched here.
 *
 * Station: being online is a failure (the signer must be air-gapped); a non-secure context is a
 * failure (WebCrypto and the camera need it); unpersisted storage is a warning (the browser may
 * evict the encrypted vault); no service worker is informational for the single-file station
 * (it works from file://) but a warning for the companion (it cannot start offline).
 * Companion: being online is expected. Unknown facts (API missing) are reported as 'unknown'.
 * Deliberately not done: gathering facts, or blocking anything (the flows decide what to block).
 */

export type App = 'station' | 'companion';

export interface EnvironmentFacts {
  /** navigator.onLine; undefined when not available. */
  online?: boolean;
  /** window.isSecureContext. */
  secureContext?: boolean;
  /** navigator.storage.persisted(); undefined when the API is missing. */
  storagePersisted?: boolean;
  /** navigator.serviceWorker.controller !== null; undefined when service workers are unavailable. */
  serviceWorkerControlled?: boolean;
  /** Number of network-capable interfaces seen (e.g. WebRTC/Network Information), when known. */
  networkInterfaces?: number;
}

export type CheckId = 'offline' | 'secure-context' | 'storage-persisted' | 'service-worker';
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'unknown';

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  /** Plain-language explanation for the user. */
  message: string;
}

/** Evaluate environment facts for `app` into one CheckResult per check (fixed order). */
export function evaluateChecks(facts: EnvironmentFacts, app: App = 'station'): CheckResult[] {
  const out: CheckResult[] = [];
  if (app === 'station') {
    if (facts.online === undefined) out.push({ id: 'offline', status: 'unknown', message: 'Cannot tell whether this device is online.' });
    else if (facts.online || (facts.networkInterfaces ?? 0) > 0)
      out.push({ id: 'offline', status: 'fail', message: 'This device is online. Disconnect all networks (Wi-Fi, cable, Bluetooth) before using keys.' });
    else out.push({ id: 'offline', status: 'ok', message: 'No network connection detected.' });
  } else {
    out.push(
      facts.online === false
        ? { id: 'offline', status: 'warn', message: 'The companion is offline: it cannot watch the chain or broadcast.' }
        : { id: 'offline', status: facts.online ? 'ok' : 'unknown', message: facts.online ? 'Online.' : 'Cannot tell whether this device is online.' },
    );
  }
  if (facts.secureContext === undefined) out.push({ id: 'secure-context', status: 'unknown', message: 'Cannot tell whether the page runs in a secure context.' });
  else if (facts.secureContext) out.push({ id: 'secure-context', status: 'ok', message: 'Secure context: cryptography and camera are available.' });
  else out.push({ id: 'secure-context', status: 'fail', message: 'Not a secure context: open the app from https:// or a local file so cryptography and the camera work.' });

  if (facts.storagePersisted === undefined) out.push({ id: 'storage-persisted', status: 'unknown', message: 'Cannot tell whether storage is persistent.' });
  else if (facts.storagePersisted) out.push({ id: 'storage-persisted', status: 'ok', message: 'Storage is persistent.' });
  else
    out.push({
      id: 'storage-persisted',
      status: 'warn',
      message: 'Storage is not persistent: the browser may delete the saved data. Keep your backup safe.',
    });

  if (facts.serviceWorkerControlled === undefined)
    out.push({ id: 'service-worker', status: app === 'station' ? 'ok' : 'unknown', message: 'No service worker support here.' });
  else if (facts.serviceWorkerControlled) out.push({ id: 'service-worker', status: 'ok', message: 'Works offline after reload.' });
  else
    out.push({
      id: 'service-worker',
      status: app === 'station' ? 'ok' : 'warn',
      message: app === 'station' ? 'Single-file station: no service worker needed.' : 'Not yet installed for offline use: reload once while online.',
    });
  return out;
}

/** Worst status of a list (fail > warn > unknown > ok), for a summary badge. */
export function worstStatus(results: readonly CheckResult[]): CheckStatus {
  const rank: Record<CheckStatus, number> = { ok: 0, unknown: 1, warn: 2, fail: 3 };
  return results.reduce<CheckStatus>((w, r) => (rank[r.status] > rank[w] ? r.status : w), 'ok');
}
