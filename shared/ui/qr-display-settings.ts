/**
 * The animated QR's user settings — frames per second and density (bytes per fragment) — with
 * validation and persistence. These are not secrets, so they live in localStorage; a damaged or
 * foreign entry falls back to the defaults field by field and never blocks the screen.
 */

/** A density preset: bytes of message per QR fragment (fewer bytes = sparser, easier code). */
export interface DensityPreset {
  id: string;
  label: string;
  fragmentBytes: number;
}

export interface QrDisplaySettings {
  fps: number;
  density: string;
}

/** Speeds offered to the user, frames per second. */
export const FPS_CHOICES: readonly number[] = [2, 4, 6, 8, 10, 12];

export const SETTINGS_KEY = 'airlock.qr.display';

type StorageLike = Pick<Storage, 'getItem' | 'setItem'>;

/** Parse a stored entry against the presets on offer; unknown values fall back to `defaults`. */
export function parseQrDisplaySettings(
  raw: string | null,
  presets: readonly DensityPreset[],
  defaults: QrDisplaySettings,
): QrDisplaySettings {
  if (!raw) return { ...defaults };
  try {
    const v = JSON.parse(raw) as { fps?: unknown; density?: unknown };
    const fps = typeof v.fps === 'number' && FPS_CHOICES.includes(v.fps) ? v.fps : defaults.fps;
    const density = presets.some((p) => p.id === v.density) ? (v.density as string) : defaults.density;
    return { fps, density };
  } catch {
    return { ...defaults };
  }
}

function storage(): StorageLike | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // storage blocked (privacy mode, sandboxed frame)
  }
}

/** Load settings from `store` (default: localStorage). */
export function loadQrDisplaySettings(
  presets: readonly DensityPreset[],
  defaults: QrDisplaySettings,
  store: StorageLike | undefined = storage(),
): QrDisplaySettings {
  try {
    return parseQrDisplaySettings(store?.getItem(SETTINGS_KEY) ?? null, presets, defaults);
  } catch {
    return { ...defaults };
  }
}

/** Save settings to `store` (default: localStorage); silently keeps them in memory only if storage fails. */
export function saveQrDisplaySettings(s: QrDisplaySettings, store: StorageLike | undefined = storage()): void {
  try {
    store?.setItem(SETTINGS_KEY, JSON.stringify({ fps: s.fps, density: s.density }));
  } catch {
    // quota or privacy mode: settings last for this session only
  }
}

/** Milliseconds between frames for a speed in frames per second. */
export function frameIntervalMs(fps: number): number {
  return Math.round(1000 / Math.max(1, fps));
}
