/** Pure helpers behind station screens: settings parsing, passphrase checks, idle tracker, entropy text. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings } from '../../../station/src/state/settings';
import { checkNewPassphrase, passphraseStrength } from '../../../station/src/components/passphrase';
import { createIdleTracker } from '../../../station/src/platform/lock';
import { describeWarning, viewEntropy } from '../../../station/src/flows/onboard/entropy-text';
import { groupsOf4 } from '../../../station/src/components/Grouped';

describe('settings', () => {
  it('damaged or unknown stored values fall back to defaults field by field', () => {
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{not json')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{"idleSeconds":15,"network":"signet"}')).toEqual({ idleSeconds: 15, network: 'signet' });
    expect(parseSettings('{"idleSeconds":1,"network":"litecoin"}')).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings('{"idleSeconds":60,"mnemonic":"x"}')).toEqual({ idleSeconds: 60, network: 'mainnet' });
  });
});

describe('new vault passphrase', () => {
  it('minimum length counts characters (code points), then the confirmation must match', () => {
    expect(checkNewPassphrase('1234567', '1234567', 8)).toBe('too-short');
    expect(checkNewPassphrase('🔑🔑🔑🔑🔑🔑🔑🔑', '🔑🔑🔑🔑🔑🔑🔑🔑', 8)).toBeNull();
    expect(checkNewPassphrase('12345678', '12345679', 8)).toBe('mismatch');
  });

  it('strength hint: repeats weak, four random words strong', () => {
    expect(passphraseStrength('short', 8).label).toBe('Too short');
    expect(passphraseStrength('aaaaaaaaaaaaaaaaaaaaaaaa', 8).label).toBe('Weak');
    expect(passphraseStrength('password', 8).label).toBe('Weak');
    expect(passphraseStrength('correct horse battery staple', 8).label).toBe('Strong');
    expect(passphraseStrength('Tr0ub4dor&3xy', 8).label).toBe('Fair');
  });
});

describe('idle tracker', () => {
  it('expires exactly after the idle time since the last activity, with the limit read live', () => {
    let limit = 10_000;
    const t = createIdleTracker(() => limit, 1_000);
    expect(t.expired(10_999)).toBe(false);
    expect(t.expired(11_000)).toBe(true);
    t.activity(11_000);
    expect(t.remaining(15_000)).toBe(6_000);
    limit = 2_000; // a shorter setting applies at once
    expect(t.expired(13_000)).toBe(true);
    expect(t.remaining(20_000)).toBe(0);
  });
});

describe('entropy text', () => {
  it('counts rolls and bits (log2 6 per roll), flags invalid input without throwing', () => {
    const v = viewEntropy('1 2 3 4 5 6', 'roll', 256);
    expect(v.kind === 'ok' && v.analysis.rolls).toBe(6);
    expect(v.kind === 'ok' && v.analysis.bits).toBeCloseTo(6 * Math.log2(6), 10);
    expect(viewEntropy('1 2 7', 'roll', 256).kind).toBe('invalid');
    expect(viewEntropy('   ', 'roll', 256).kind).toBe('empty');
    expect(viewEntropy('HTX', 'flip', 256).kind).toBe('invalid');
  });

  it('all-same rolls are described as adding no randomness', () => {
    const v = viewEntropy('5555555555', 'roll', 256);
    if (v.kind !== 'ok') throw new Error('expected ok');
    const texts = v.analysis.warnings.map((w) => describeWarning(w, 'roll'));
    expect(texts).toContain('Every roll is the same. These rolls add no randomness.');
    expect(texts.some((t) => t.startsWith('10 identical rolls in a row'))).toBe(true);
  });
});

describe('4-character groups', () => {
  it('split without losing or adding characters', () => {
    const a = 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu';
    expect(groupsOf4(a).join('')).toBe(a);
    expect(groupsOf4(a).every((g, i, all) => g.length === 4 || i === all.length - 1)).toBe(true);
  });
});
