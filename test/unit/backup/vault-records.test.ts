/** Whole-vault export → encrypted backup → import into another vault (merge / replace / dry run). */
import { describe, expect, it } from 'vitest';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { Vault } from '../../../shared/vault/vault';
import { MemoryStore } from '../../../shared/vault/memory-store';
import { MIN_KDF } from '../../../shared/vault/kdf';
import { createBackup, openBackup } from '../../../shared/backup/vault-backup';
import { exportVaultRecords, importVaultRecords } from '../../../shared/backup/vault-records';
import { parseMnemonic } from '../../../shared/keys/mnemonic';
import { AppError } from '../../../shared/errors';

const M1 = 'forum undo fragile fade shy sign arrest garment culture tube off merit';
const M2 = 'good battle boil exact add seed angle hurry success glad carbon whisper';

describe('vault export/import through a backup file', () => {
  it('restores keys and meta into another vault; merge keeps, replace removes, dry run writes nothing', async () => {
    const storeA = new MemoryStore();
    const a = await Vault.create(storeA, 'vault-A-pass', 1000, { kdf: MIN_KDF });
    const k1 = await a.addKey({ label: 'main', entropy: parseMnemonic(M1), bip39Passphrase: '' }, 2000);
    await a.putMeta('policy', utf8ToBytes('{"maxFee":1000}'));
    a.lock();

    const items = await exportVaultRecords(storeA, 'vault-A-pass');
    expect(items.map((i) => i.name).sort()).toEqual([`key/${k1.id}`, 'meta/policy']);
    const file = await createBackup(items, 'backup passphrase', 3000, MIN_KDF);
    const opened = await openBackup(file, 'backup passphrase');

    const storeB = new MemoryStore();
    const b = await Vault.create(storeB, 'vault-B-pass', 1000, { kdf: MIN_KDF });
    const k2 = await b.addKey({ label: 'other', entropy: parseMnemonic(M2), bip39Passphrase: '' }, 2500);
    b.lock();
    const before = (await storeB.list()).length;
    const dry = await importVaultRecords(storeB, 'vault-B-pass', opened.items, 'replace', true);
    expect(dry).toEqual({ added: [`key/${k1.id}`, 'meta/policy'], replaced: [], unchanged: [], removedIfReplace: [`key/${k2.id}`] });
    expect((await storeB.list()).length).toBe(before);

    await importVaultRecords(storeB, 'vault-B-pass', opened.items, 'merge');
    const merged = await Vault.unlock(storeB, 'vault-B-pass');
    expect(merged.listKeys().map((k) => [k.label, k.fingerprint, k.status])).toEqual([
      ['main', k1.fingerprint, 'ok'],
      ['other', k2.fingerprint, 'ok'],
    ]);
    expect(new TextDecoder().decode(await merged.getMeta('policy'))).toBe('{"maxFee":1000}');
    merged.lock();

    const again = await importVaultRecords(storeB, 'vault-B-pass', opened.items, 'replace');
    expect(again.unchanged).toEqual([`key/${k1.id}`, 'meta/policy']);
    const replaced = await Vault.unlock(storeB, 'vault-B-pass');
    expect(replaced.listKeys().map((k) => k.fingerprint)).toEqual([k1.fingerprint]);
    replaced.lock();
  });

  it('wrong vault passphrase and foreign item names are refused without writing', async () => {
    const store = new MemoryStore();
    (await Vault.create(store, 'vault-pass-1', 0, { kdf: MIN_KDF })).lock();
    await expect(exportVaultRecords(store, 'nope-nope-nope')).rejects.toMatchObject({ code: 'vault/wrong-password' });
    const bad = importVaultRecords(store, 'vault-pass-1', [{ name: 'header', data: new Uint8Array(1) }], 'merge');
    await expect(bad).rejects.toBeInstanceOf(AppError);
    await expect(bad).rejects.toMatchObject({ code: 'backup/corrupt' });
    expect(await store.list()).toEqual(['header']);
  });
});
