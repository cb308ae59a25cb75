/**
 * The station keyring against the in-memory vault store: create/import/save, backup quiz, accounts
 * (BIP-84 vector), lock wiping, and that nothing it returns or throws carries a word.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mnemonicToSeedSync } from '@scure/bip39';
import { bytesToHex } from '@noble/hashes/utils.js';
import { MemoryStore } from '../../../shared/vault/memory-store';
import { AppError } from '../../../shared/errors';
import { MIN_KDF } from '../../../shared/vault/kdf';
import * as keyring from '../../../station/src/state/keyring';

const TEST_MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const PASS = 'a long vault passphrase';
// The documented minimum KDF cost (the app uses the default, higher one): keeps this file fast.
const KDF = { kdf: { ...MIN_KDF } };

async function expectCode(p: Promise<unknown> | (() => unknown), code: string) {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

afterEach(() => keyring.lock());

describe('station keyring', () => {
  it('first run → import the BIP-84 vector mnemonic → save → accounts; lock wipes; unlock restores', async () => {
    const store = new MemoryStore();
    expect(await keyring.initKeyring(store)).toBe('no-vault');
    await keyring.createVault(PASS, KDF);
    const bad = keyring.importDraft(TEST_MNEMONIC.replace(/about$/, 'abandon'), '');
    expect(bad).toEqual({ ok: false, code: 'mnemonic/bad-checksum' });
    const unknown = keyring.importDraft(TEST_MNEMONIC.replace('abandon abandon abandon abandon abandon', 'abandon abandon abandon abandon qwertyx'), '');
    expect(unknown).toEqual({ ok: false, code: 'mnemonic/unknown-word', position: 5 });
    expect(JSON.stringify(unknown)).not.toContain('qwertyx');
    const r = keyring.importDraft(TEST_MNEMONIC, '');
    expect(r).toEqual({ ok: true, wordCount: 12, fingerprint: '73c5da0a' });
    const k = await keyring.saveDraft('Vector');
    expect(k).toMatchObject({ label: 'Vector', fingerprint: '73c5da0a', status: 'ok', hasPassphrase: false });
    expect(() => keyring.draftWords()).toThrow(AppError); // saving wipes the draft

    const acc = await keyring.accountsFor(k.id, 'mainnet');
    const bip84 = acc.btc.find((a) => a.scriptType === 'p2wpkh')!;
    expect(bip84.firstReceiveAddress).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
    expect(acc.eth.firstAddress).toBe('0x9858EfFD232B4033E47d90003D41EC34EcaEda94');
    // Nothing returned to the UI carries the seed.
    const seedHex = bytesToHex(mnemonicToSeedSync(TEST_MNEMONIC));
    expect(JSON.stringify(acc)).not.toContain(seedHex.slice(0, 16));
    expect(JSON.stringify(acc)).not.toContain('abandon');
    expect(JSON.stringify(acc)).not.toContain('xprv');

    keyring.lock();
    expect(keyring.isUnlocked()).toBe(false);
    await expectCode(() => keyring.listKeys(), 'vault/locked');
    await expectCode(keyring.accountsFor(k.id, 'mainnet'), 'vault/locked');

    await expectCode(keyring.unlock('wrong passphrase!'), 'vault/wrong-password');
    expect(keyring.isUnlocked()).toBe(false);
    await keyring.unlock(PASS);
    expect(keyring.listKeys().map((x) => x.fingerprint)).toEqual(['73c5da0a']);
  });

  it('create: words shown match the stored key; quiz reports wrong positions only; lock drops the draft', async () => {
    await keyring.initKeyring(new MemoryStore());
    await keyring.createVault(PASS, KDF);
    await expectCode(() => keyring.generateDraft(24, '1237', '', ''), 'entropy/bad-dice');
    const fp = keyring.generateDraft(12, '1234561234', 'HTHT', '');
    const words = keyring.draftWords();
    expect(words).toHaveLength(12);
    const good = [1, 6, 12].map((p) => ({ position: p, word: words[p - 1].toUpperCase() + ' ' }));
    expect(keyring.checkDraftWords(good)).toEqual({ ok: true, wrong: [] });
    const bad = [...good.slice(0, 2), { position: 12, word: words[11] === 'zoo' ? 'zone' : 'zoo' }];
    const res = keyring.checkDraftWords(bad);
    expect(res).toEqual({ ok: false, wrong: [12] });
    expect(JSON.stringify(res)).not.toContain(words[11]);

    keyring.lock();
    expect(() => keyring.draftWords()).toThrow(AppError);
    await keyring.unlock(PASS);
    expect(keyring.listKeys()).toEqual([]); // the unsaved draft is gone

    // Saved key's fingerprint equals the one shown before saving; a BIP-39 passphrase changes it.
    const fp2 = keyring.generateDraft(24, '', '', '');
    const w24 = keyring.draftWords().join(' ');
    const saved = await keyring.saveDraft('New');
    expect(saved.fingerprint).toBe(fp2);
    expect(fp).toMatch(/^[0-9a-f]{8}$/);
    const withPass = keyring.importDraft(w24, 'TREZOR');
    expect(withPass.ok && withPass.fingerprint).not.toBe(fp2);
    keyring.discardDraft();
  });

  it('rename, delete (needs the fingerprint), passphrase change', async () => {
    await keyring.initKeyring(new MemoryStore());
    await keyring.createVault(PASS, KDF);
    keyring.importDraft(TEST_MNEMONIC, '');
    const k = await keyring.saveDraft('A');
    await keyring.renameKey(k.id, 'B');
    expect(keyring.listKeys()[0].label).toBe('B');
    await expectCode(keyring.deleteKey(k.id, '73c5da0b'), 'vault/confirm-mismatch');
    expect(keyring.listKeys()).toHaveLength(1);
    await expectCode(keyring.changePassphrase('not it at all', 'another passphrase'), 'vault/wrong-password');
    await keyring.changePassphrase(PASS, 'another passphrase');
    keyring.lock();
    await keyring.unlock('another passphrase');
    await keyring.deleteKey(k.id, '73C5DA0A');
    expect(keyring.listKeys()).toEqual([]);
  });
});

describe('station lock and session canary', () => {
  it('an unknown error locks: keyring wiped, key list cleared, generic message flagged; session JSON never holds words', async () => {
    const session = await import('../../../station/src/state/session');
    const { enterUnlocked, lockStation, refreshKeys } = await import('../../../station/src/state/actions');
    await keyring.initKeyring(new MemoryStore());
    await keyring.createVault(PASS, KDF);
    session.phase.value = 'unlocked';
    keyring.importDraft(TEST_MNEMONIC, 'secret passphrase');
    await keyring.saveDraft('Canary');
    refreshKeys();
    session.navigate('accounts', session.keys.value[0].id);
    const dump = () => JSON.stringify({
      phase: session.phase.value, route: session.route.value, keys: session.keys.value, settings: session.settings.value,
      notice: session.notice.value, lastFatal: session.lastFatal.value,
    });
    expect(dump()).toContain('Canary');
    for (const s of ['abandon', 'secret passphrase', bytesToHex(mnemonicToSeedSync(TEST_MNEMONIC, 'secret passphrase')).slice(0, 16)]) {
      expect(dump()).not.toContain(s);
    }
    lockStation('internal');
    expect(keyring.isUnlocked()).toBe(false);
    expect(session.phase.value).toBe('locked');
    expect(session.keys.value).toEqual([]);
    expect(session.lastFatal.value).toBe('internal');
    expect(session.route.value).toEqual({ name: 'home' });
    await keyring.unlock(PASS);
    enterUnlocked();
    expect(session.lastFatal.value).toBeNull();
    expect(session.keys.value.map((k) => k.label)).toEqual(['Canary']);
    lockStation('idle');
    expect(session.notice.value?.text).toMatch(/inactivity/);

    // A caught AppError is just a code; a caught unknown error locks like a render error does.
    const { codeOrLock } = await import('../../../station/src/state/actions');
    await keyring.unlock(PASS);
    enterUnlocked();
    expect(codeOrLock(new AppError('vault/wrong-password'))).toBe('vault/wrong-password');
    expect(keyring.isUnlocked()).toBe(true);
    expect(codeOrLock(new TypeError('library said: abandon abandon'))).toBe('internal');
    expect(keyring.isUnlocked()).toBe(false);
    expect(session.lastFatal.value).toBe('internal');
  });
});
