import { describe, expect, it } from 'vitest';
import { loadQrDisplaySettings, parseQrDisplaySettings, saveQrDisplaySettings, SETTINGS_KEY } from '../../../shared/ui/qr-display-settings';
import { moduleScale, QUIET_MODULES } from '../../../shared/ui/qr-canvas';

const PRESETS = [{ id: 'low', label: 'Low', fragmentBytes: 80 }, { id: 'normal', label: 'Normal', fragmentBytes: 250 }];
const DEFAULTS = { fps: 10, density: 'normal' };

describe('animated QR settings', () => {
  it('round-trips speed and density through storage', () => {
    const m = new Map<string, string>();
    const store = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
    saveQrDisplaySettings({ fps: 4, density: 'low' }, store);
    expect(JSON.parse(m.get(SETTINGS_KEY)!)).toEqual({ fps: 4, density: 'low' });
    expect(loadQrDisplaySettings(PRESETS, DEFAULTS, store)).toEqual({ fps: 4, density: 'low' });
  });

  it('damaged or foreign entries fall back to defaults field by field', () => {
    expect(parseQrDisplaySettings('{"fps":7,"density":"low"}', PRESETS, DEFAULTS)).toEqual({ fps: 10, density: 'low' });
    expect(parseQrDisplaySettings('{"fps":4,"density":"ultra"}', PRESETS, DEFAULTS)).toEqual({ fps: 4, density: 'normal' });
    expect(parseQrDisplaySettings('not json', PRESETS, DEFAULTS)).toEqual(DEFAULTS);
  });

  it('module scale is an integer that fits the symbol plus its quiet zone', () => {
    for (const size of [21, 57, 97, 177]) {
      const s = moduleScale(size, 560);
      expect(Number.isInteger(s)).toBe(true);
      expect((size + 2 * QUIET_MODULES) * s).toBeLessThanOrEqual(Math.max(560, size + 2 * QUIET_MODULES));
    }
  });
});
