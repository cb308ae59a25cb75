import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { Vault, type KeySummary } from '../../../shared/vault/vault';
import { MemoryStore } from '../../../shared/vault/memory-store';
import type { StoreOp } from '../../../shared/vault/store';
import { DEFAULT_KDF, MIN_KDF, checkKdfParams, meetsMinimum } from '../../../shared/vault/kdf';
import { parseEnvelope } from '../../../shared/vault/envelope';
import { validateMnemonic } from '../../../shared/keys/mnemonic';
import { seedFromEntropy } from '../../../shared/keys/hd';
import { AppError, userMessage } from '../../../shared/errors';
import { SecretBytes } from '../../../shared/secret';

// Tests use the documented minimum parameters (fast); DEFAULT_KDF is checked separately.
const OPTS = { kdf: { ...MIN_KDF } };
const PASS = 'correct horse battery';
const WORDS = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
const ENTROPY_HEX = '7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f';
const BIP39_PASS = 'TREZOR';

const entropy = (hex = ENTROPY_HEX) => new SecretBytes(hexToBytes(hex));
const codeOf = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e instanceof AppError ? e.code : `non-AppError: ${String(e)}`;
  }
  return 'no error';
};
const snapshot = (s: MemoryStore) => JSON.stringify([...s.data.entries()].map(([k, v]) => [k, bytesToHex(v)]));

// One vault is created once (1 KDF run); each test unlocks its own copy of the store.
let template: Promise<{ data: Map<string, Uint8Array>; a: KeySummary; b: KeySummary }> | undefined;
function makeTemplate() {
  template ??= (async () => {
    const store = new MemoryStore();
    const v = await Vault.create(store, PASS, 1000, OPTS);
    const a = await v.addKey({ label: 'Alpha', entropy: entropy(), bip39Passphrase: BIP39_PASS }, 2000);
    const b = await v.addKey({ label: 'Beta', entropy: entropy('00000000000000000000000000000000'), bip39Passphrase: '' }, 3000);
    v.lock();
    return { data: store.data, a, b };
  })();
  return template;
}
async function storeWithTwoKeys() {
  const t = await makeTemplate();
  const store = new MemoryStore();
  for (const [k, val] of t.data) store.data.set(k, val.slice());
  return { store, a: t.a, b: t.b };
}
async function vaultWithTwoKeys<S extends MemoryStore = MemoryStore>(store: S = new MemoryStore() as S) {
  const t = await makeTemplate();
  for (const [k, val] of t.data) store.data.set(k, val.slice());
  const v = await Vault.unlock(store, PASS);
  return { store, v, a: t.a, b: t.b };
}
const xpubOf = (v: Vault, id: string) => v.withRoot(id, (r) => r.derive("m/84'/0'/0'").publicExtendedKey);

describe('vault round trip', () => {
  it('create → add keys → lock → unlock → same summaries and keys', async () => {
    const { store, v, a, b } = await vaultWithTwoKeys();
    expect(await Vault.exists(store)).toBe(true);
    expect(await Vault.exists(new MemoryStore())).toBe(false);
    expect(a).toMatchObject({ label: 'Alpha', createdAt: 2000, kind: 'bip39', hasPassphrase: true, status: 'ok' });
    expect(b).toMatchObject({ label: 'Beta', fingerprint: '73c5da0a', hasPassphrase: false, status: 'ok' });
    const xa = await xpubOf(v, a.id);
    v.lock();
    expect(v.locked).toBe(true);
    expect(await codeOf(() => v.listKeys())).toBe('vault/locked');
    expect(await codeOf(xpubOf(v, a.id))).toBe('vault/locked');
    const u = await Vault.unlock(store, PASS);
    expect(u.listKeys()).toEqual([a, b]);
    expect(await xpubOf(u, a.id)).toBe(xa);
    expect(await xpubOf(u, b.id)).toBe('xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V');
  });
  it('the stored key is the entropy + BIP-39 passphrase (fingerprint matches an independent seed derivation)', async () => {
    const { a } = await storeWithTwoKeys();
    const r = validateMnemonic(WORDS);
    if (!r.ok) throw new Error('vector rejected');
    const { HDKey } = await import('@scure/bip32');
    const fp = seedFromEntropy(r.entropy, BIP39_PASS).use((s) => HDKey.fromMasterSeed(s).fingerprint.toString(16).padStart(8, '0'));
    expect(a.fingerprint).toBe(fp);
  });
  it('rename persists, delete needs the fingerprint', async () => {
    const { store, v, a, b } = await vaultWithTwoKeys();
    await v.renameKey(a.id, '  Cold storage ');
    expect(await codeOf(v.deleteKey(b.id, a.fingerprint))).toBe('vault/confirm-mismatch');
    expect(v.listKeys().length).toBe(2);
    await v.deleteKey(b.id, b.fingerprint.toUpperCase());
    expect(await codeOf(v.deleteKey(b.id, b.fingerprint))).toBe('vault/not-found');
    const u = await Vault.unlock(store, PASS);
    expect(u.listKeys().map((k) => [k.id, k.label])).toEqual([[a.id, 'Cold storage']]);
  });
  it('meta blobs round-trip encrypted', async () => {
    const { store, v } = await vaultWithTwoKeys();
    const blob = utf8ToBytes('{"wallet":"2-of-3"}');
    await v.putMeta('multisig-wallets', blob);
    expect(bytesToHex(store.data.get('meta/multisig-wallets')!)).not.toContain(bytesToHex(blob));
    const u = await Vault.unlock(store, PASS);
    expect(await u.getMeta('multisig-wallets')).toEqual(blob);
    expect(await u.getMeta('absent')).toBeUndefined();
    await u.deleteMeta('multisig-wallets');
    expect(await u.getMeta('multisig-wallets')).toBeUndefined();
  });
  it('refuses a second vault and a short passphrase', async () => {
    const { store } = await storeWithTwoKeys();
    expect(await codeOf(Vault.create(store, PASS, 0, OPTS))).toBe('vault/exists');
    expect(await codeOf(Vault.create(new MemoryStore(), 'short', 0, OPTS))).toBe('vault/passphrase-too-short');
    expect(await codeOf(Vault.unlock(new MemoryStore(), PASS))).toBe('vault/not-found');
  });
});

describe('wrong passphrase', () => {
  it("'vault/wrong-password' and nothing changes in the store", async () => {
    const { store } = await storeWithTwoKeys();
    const before = snapshot(store);
    expect(await codeOf(Vault.unlock(store, PASS + '!'))).toBe('vault/wrong-password');
    expect(snapshot(store)).toBe(before);
    const u = await Vault.unlock(store, PASS);
    expect(await codeOf(u.changePassphrase('not it', 'another long pass'))).toBe('vault/wrong-password');
    expect(snapshot(store)).toBe(before);
  });
});

describe('damaged records are detected; the others stay usable', () => {
  const mutations: [string, (b: Uint8Array, s: MemoryStore, aKey: string, bKey: string) => Uint8Array][] = [
    ['one ciphertext bit flipped', (b) => {
      const env = parseEnvelope(b);
      const ct = Buffer.from(env.ct, 'base64');
      ct[3] ^= 1;
      return utf8ToBytes(JSON.stringify({ ...env, ct: ct.toString('base64') }));
    }],
    ['truncated record', (b) => b.slice(0, b.length - 20)],
    ['truncated ciphertext (valid JSON)', (b) => {
      const env = parseEnvelope(b);
      return utf8ToBytes(JSON.stringify({ ...env, ct: Buffer.from(env.ct, 'base64').subarray(0, 20).toString('base64') }));
    }],
    ['record moved from another id', (_b, s, _a, bKey) => s.data.get(bKey)!.slice()],
    ['nonce replaced', (b) => {
      const env = parseEnvelope(b);
      return utf8ToBytes(JSON.stringify({ ...env, cipher: { ...env.cipher, nonce: Buffer.alloc(24).toString('base64') } }));
    }],
  ];
  for (const [name, mutate] of mutations) {
    it(name, async () => {
      const { store, a, b } = await storeWithTwoKeys();
      const aKey = `key/${a.id}`;
      store.data.set(aKey, mutate(store.data.get(aKey)!, store, aKey, `key/${b.id}`));
      const u = await Vault.unlock(store, PASS);
      const list = u.listKeys();
      expect(list.find((k) => k.id === a.id)?.status).toBe('corrupt');
      expect(list.find((k) => k.id === b.id)).toEqual(b);
      expect(await codeOf(xpubOf(u, a.id))).toBe('vault/corrupt');
      expect(await xpubOf(u, b.id)).toMatch(/^xpub/);
      // a corrupt key can be removed by confirming its id
      await u.deleteKey(a.id, a.id);
      expect(u.listKeys()).toEqual([b]);
    });
  }
  it('tampered meta blob → vault/corrupt', async () => {
    const { store, v } = await vaultWithTwoKeys();
    await v.putMeta('audit', utf8ToBytes('log'));
    const raw = store.data.get('meta/audit')!;
    store.data.set('meta/audit', raw.slice(0, raw.length - 3));
    expect(await codeOf(v.getMeta('audit'))).toBe('vault/corrupt');
  });
  it('an unknown envelope version is reported as such', async () => {
    const { store } = await storeWithTwoKeys();
    const env = JSON.parse(new TextDecoder().decode(store.data.get('header')));
    store.data.set('header', utf8ToBytes(JSON.stringify({ ...env, v: 2 })));
    expect(await codeOf(Vault.unlock(store, PASS))).toBe('vault/unsupported-version');
  });
});

class CrashingStore extends MemoryStore {
  crashAfter = Infinity;
  protected override beforeOp(_op: StoreOp): void {
    if (this.crashAfter-- <= 0) throw new Error('simulated crash');
  }
}

describe('passphrase change', () => {
  it('re-encrypts every record: new passphrase works, old one fails, keys and meta intact', async () => {
    const { store, v, a, b } = await vaultWithTwoKeys();
    await v.putMeta('policies', utf8ToBytes('p'));
    const xa = await xpubOf(v, a.id);
    const before = new Map(store.data);
    await v.changePassphrase(PASS, 'a brand new passphrase');
    for (const [k, val] of store.data) expect(bytesToHex(val), `${k} rewritten`).not.toBe(bytesToHex(before.get(k)!));
    expect(await xpubOf(v, a.id)).toBe(xa); // the open instance follows the new key
    expect(await codeOf(Vault.unlock(store, PASS))).toBe('vault/wrong-password');
    const u = await Vault.unlock(store, 'a brand new passphrase');
    expect(u.listKeys()).toEqual([a, b]);
    expect(await xpubOf(u, a.id)).toBe(xa);
    expect(await u.getMeta('policies')).toEqual(utf8ToBytes('p'));
  });
  for (const crashAfter of [0, 1, 2]) {
    it(`a crash after ${crashAfter} of the batch's writes leaves the old vault readable`, async () => {
      const { store, v, a, b } = await vaultWithTwoKeys(new CrashingStore());
      await v.putMeta('audit', utf8ToBytes('entries'));
      const xa = await xpubOf(v, a.id);
      const before = snapshot(store);
      store.crashAfter = crashAfter;
      await expect(v.changePassphrase(PASS, 'new passphrase here')).rejects.toThrow('simulated crash');
      store.crashAfter = Infinity;
      expect(snapshot(store)).toBe(before);
      expect(await xpubOf(v, a.id)).toBe(xa); // the open vault still uses the old key
      expect(await codeOf(Vault.unlock(store, 'new passphrase here'))).toBe('vault/wrong-password');
      const u = await Vault.unlock(store, PASS);
      expect(u.listKeys()).toEqual([a, b]);
      expect(await xpubOf(u, a.id)).toBe(xa);
    });
  }
});

describe('KDF parameters', () => {
  it('the default meets the documented minimum and OWASP (argon2id m ≥ 19 MiB, t ≥ 2)', () => {
    expect(meetsMinimum(DEFAULT_KDF)).toBe(true);
    expect(DEFAULT_KDF.m * DEFAULT_KDF.t).toBeGreaterThanOrEqual(MIN_KDF.m * MIN_KDF.t);
    expect(DEFAULT_KDF.m).toBeGreaterThanOrEqual(19456);
    expect(DEFAULT_KDF.t).toBeGreaterThanOrEqual(2);
  });
  it('a new vault stores the parameters it was created with, and the default is used without options', async () => {
    const { store } = await storeWithTwoKeys();
    for (const [k, raw] of store.data) expect(parseEnvelope(raw).kdf.params, k).toEqual(MIN_KDF);
  });
  it('creating below the minimum is refused', async () => {
    expect(await codeOf(Vault.create(new MemoryStore(), PASS, 0, { kdf: { m: 19456, t: 1, p: 1 } }))).toBe('vault/weak-kdf');
    expect(await codeOf(Vault.create(new MemoryStore(), PASS, 0, { kdf: { m: 4096, t: 10, p: 1 } }))).toBe('vault/weak-kdf');
  });
  it('unlock refuses a header whose parameters were lowered (before running the KDF)', async () => {
    const { store } = await storeWithTwoKeys();
    const env = parseEnvelope(store.data.get('header')!);
    store.data.set('header', utf8ToBytes(JSON.stringify({ ...env, kdf: { ...env.kdf, params: { m: 1024, t: 1, p: 1 } } })));
    expect(await codeOf(Vault.unlock(store, PASS))).toBe('vault/weak-kdf');
  });
  it('absurd parameters are refused as corrupt (a crafted record cannot hang the station)', () => {
    expect(() => checkKdfParams({ m: 2 ** 30, t: 2, p: 1 })).toThrowError(expect.objectContaining({ code: 'vault/corrupt' }));
    expect(() => checkKdfParams({ m: 19456, t: 1e6, p: 1 })).toThrowError(expect.objectContaining({ code: 'vault/corrupt' }));
    expect(() => checkKdfParams({ m: 19456.5, t: 2, p: 1 })).toThrowError(expect.objectContaining({ code: 'vault/corrupt' }));
  });
  it('raised parameters in the header fail authentication (they are in the AAD)', async () => {
    const { store } = await storeWithTwoKeys();
    const env = parseEnvelope(store.data.get('header')!);
    store.data.set('header', utf8ToBytes(JSON.stringify({ ...env, kdf: { ...env.kdf, params: { m: 19456, t: 3, p: 1 } } })));
    expect(await codeOf(Vault.unlock(store, PASS))).toBe('vault/wrong-password');
  });
});

describe('canary: no secret in summaries, errors or the store', () => {
  it('words, entropy, seed, passphrases never appear', async () => {
    const { store, v, a } = await vaultWithTwoKeys();
    const r = validateMnemonic(WORDS);
    if (!r.ok) throw new Error('vector rejected');
    const seedHex = seedFromEntropy(r.entropy, BIP39_PASS).use((s) => bytesToHex(s));
    const errors: unknown[] = [];
    for (const f of [() => Vault.unlock(store, 'wrong passphrase'), () => v.deleteKey(a.id, 'ffffffff'), () => v.withRoot('nope', () => 0)]) {
      try {
        await f();
      } catch (e) {
        errors.push(e);
      }
    }
    const haystack = [
      JSON.stringify(v.listKeys()),
      JSON.stringify(errors),
      errors.map((e) => `${userMessage(e)} ${String(e)} ${(e as Error).message}`).join(' '),
      JSON.stringify(v),
      String(v),
      [...store.data.values()].map((b) => new TextDecoder().decode(b)).join('\n'),
    ].join('\n');
    expect(errors.length).toBe(3);
    for (const secret of [WORDS, ...WORDS.split(' ').filter((w) => w.length > 4), ENTROPY_HEX, seedHex, seedHex.slice(0, 16), PASS, BIP39_PASS]) {
      expect(haystack.includes(secret), `leaked: ${secret.slice(0, 6)}…`).toBe(false);
    }
  });
});
