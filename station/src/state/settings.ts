/**
 * Station settings (non-secret): auto-lock idle time and the default Bitcoin network. Kept in
 * localStorage under one key as plain JSON; nothing secret is ever written there (ARCHITECTURE 2.6).
 */
import { isNetworkName, type NetworkName } from '../../../shared/bitcoin/networks';

export interface Settings {
  /** Auto-lock after this many seconds without keyboard/mouse activity. */
  idleSeconds: number;
  network: NetworkName;
}

/** Choices offered in the settings screen (seconds). */
export const IDLE_CHOICES: readonly { seconds: number; label: string }[] = [
  { seconds: 15, label: '15 seconds' },
  { seconds: 60, label: '1 minute' },
  { seconds: 120, label: '2 minutes' },
  { seconds: 300, label: '5 minutes' },
  { seconds: 600, label: '10 minutes' },
  { seconds: 1800, label: '30 minutes' },
];

export const DEFAULT_SETTINGS: Settings = { idleSeconds: 300, network: 'mainnet' };
const KEY = 'airlock.settings';

/** Parse stored settings, falling back to defaults field by field (a damaged entry never blocks the app). */
export function parseSettings(raw: string | null): Settings {
  if (!raw) return { ...DEFAULT_SETTINGS };
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof Settings, unknown>>;
    const idle = IDLE_CHOICES.some((c) => c.seconds === v.idleSeconds) ? (v.idleSeconds as number) : DEFAULT_SETTINGS.idleSeconds;
    const network = typeof v.network === 'string' && isNetworkName(v.network) ? v.network : DEFAULT_SETTINGS.network;
    return { idleSeconds: idle, network };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function loadSettings(): Settings {
  try {
    return parseSettings(localStorage.getItem(KEY));
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(s: Settings): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ idleSeconds: s.idleSeconds, network: s.network }));
  } catch {
    // storage unavailable (private mode): settings last for this session only
  }
}
