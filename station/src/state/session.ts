/**
 * Non-secret UI state as signals (ARCHITECTURE 2.6: signals never hold secrets). Secrets live in
 * keyring.ts. Everything here may be JSON-stringified safely — the canary test checks that.
 */
import { signal } from '@preact/signals';
import type { ErrorCode } from '../../../shared/errors';
import type { KeySummary } from '../../../shared/vault/vault';
import { loadSettings, saveSettings, type Settings } from './settings';

/** Where the app is in the vault lifecycle. */
export type Phase = 'starting' | 'no-vault' | 'locked' | 'unlocked' | 'unavailable';

/** A screen and its (public) parameters; names are keys of ROUTES in routes.tsx. */
export interface Route {
  name: string;
  keyId?: string;
}

export const phase = signal<Phase>('starting');
export const route = signal<Route>({ name: 'home' });
/** Key list from the unlocked vault (labels, fingerprints: public facts). Empty while locked. */
export const keys = signal<readonly KeySummary[]>([]);
export const settings = signal<Settings>(loadSettings());
export const online = signal<boolean>(typeof navigator === 'undefined' ? false : navigator.onLine);
/** One-line notice shown on the next screen (e.g. why the station locked). */
export const notice = signal<{ kind: 'info' | 'error'; text: string } | null>(null);
/** Code of the last error that forced a lock (shown on the unlock screen). */
export const lastFatal = signal<ErrorCode | null>(null);

export function navigate(name: string, keyId?: string): void {
  route.value = keyId === undefined ? { name } : { name, keyId };
  if (typeof window !== 'undefined') window.scrollTo(0, 0);
}

export function updateSettings(patch: Partial<Settings>): void {
  const next = { ...settings.value, ...patch };
  settings.value = next;
  saveSettings(next);
}
