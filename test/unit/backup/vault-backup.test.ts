/** Encrypted vault backup file: round trip, wrong passphrase, truncation, tampering, versions, restore preview. */
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  applyRestore,
  createBackup,
  openBackup,
  previewRestore,
  readBackupInfo,
  type BackupItem,
} from '../../../shared/backup/vault-backup';
import { MIN_KDF } from '../../../shared/vault/kdf';
import { AppError } from '../../../shared/errors';

const NOW = Date.UTC(2024, 5, 2, 12, 0, 0);
const PASS = 'correct horse battery';
const item = (name: string, text: string): BackupItem => ({ name, data: utf8ToBytes(text) });
const ITEMS: BackupItem[] = [
  item('key/aa', 'entropy-and-meta'),
  item('meta/audit-log', '{"seq":0}\n{"seq":1}'),
  { name: 'meta/policy', data: Uint8Array.of(0, 10, 13, 255) },
  item('meta/empty', ''),
];

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no error';
}
function edit(bytes: Uint8Array, f: (doc: any) => void): Uint8Array {
  const doc = JSON.parse(new TextDecoder().decode(bytes));
  f(doc);
  return utf8ToBytes(JSON.stringify(doc));
}
function flipB64(s: string, at: number): string {
  const b = Buffer.from(s, 'base64');
  b[at % b.length] ^= 1;
  return b.toString('base64');
}

let file: Uint8Array;
beforeAll(async () => {
  file = await createBackup(ITEMS, PASS, NOW, MIN_KDF);
});

describe('vault backup file', () => {
  it('round trip keeps every item byte for byte, and the creation time', async () => {
    const b = await openBackup(file, PASS);
    expect(b.createdAt).toBe(NOW);
    expect(b.items.map((i) => [i.name, bytesToHex(i.data)])).toEqual(ITEMS.map((i) => [i.name, bytesToHex(i.data)]));
    expect(readBackupInfo(file)).toEqual({ version: 1, created: '2024-06-02T12:00:00.000Z', kdf: MIN_KDF });
  });

  it('does not contain any item in clear', () => {
    const text = new TextDecoder().decode(file);
    expect(text).not.toContain('entropy-and-meta');
    expect(text).not.toContain(Buffer.from('entropy-and-meta').toString('base64').slice(0, 12));
  });

  it('wrong passphrase → backup/wrong-password', async () => {
    expect(await codeOf(openBackup(file, PASS + '!'))).toBe('backup/wrong-password');
  });

  it('truncated file → backup/corrupt (every cut tried at a few points)', async () => {
    for (const cut of [0, 1, 10, file.length >> 1, file.length - 1]) {
      expect(await codeOf(openBackup(file.slice(0, cut), PASS)), `cut at ${cut}`).toBe('backup/corrupt');
    }
  });

  it('tampered body ciphertext, nonce, or outer date → backup/corrupt', async () => {
    const ct = edit(file, (d) => (d.body.ct = flipB64(d.body.ct, 5)));
    expect(await codeOf(openBackup(ct, PASS))).toBe('backup/corrupt');
    const nonce = edit(file, (d) => (d.body.cipher.nonce = flipB64(d.body.cipher.nonce, 0)));
    expect(await codeOf(openBackup(nonce, PASS))).toBe('backup/corrupt');
    const date = edit(file, (d) => (d.created = '2020-01-01T00:00:00.000Z'));
    expect(await codeOf(openBackup(date, PASS))).toBe('backup/corrupt');
    const swapped = edit(file, (d) => ([d.body, d.check] = [d.check, d.body]));
    expect(await codeOf(openBackup(swapped, PASS))).not.toBe('no error');
    const weak = edit(file, (d) => {
      d.check.kdf.params.m = 1024;
      d.body.kdf.params.m = 1024;
    });
    expect(await codeOf(openBackup(weak, PASS))).toBe('backup/corrupt');
  });

  it('unknown versions → backup/unsupported-version', async () => {
    expect(await codeOf(openBackup(edit(file, (d) => (d.airlock_backup = 2)), PASS))).toBe('backup/unsupported-version');
    expect(await codeOf(openBackup(edit(file, (d) => (d.body.v = 2)), PASS))).toBe('backup/unsupported-version');
    expect(() => readBackupInfo(utf8ToBytes('{"airlock_backup":9}'))).toThrow(AppError);
  });

  it('refuses a short backup passphrase and duplicate item names', async () => {
    expect(await codeOf(createBackup(ITEMS, 'short', NOW, MIN_KDF))).toBe('backup/passphrase-too-short');
    expect(await codeOf(createBackup([ITEMS[0], ITEMS[0]], PASS, NOW, MIN_KDF))).toBe('backup/corrupt');
  });
});

describe('restore preview', () => {
  const current = [item('key/aa', 'entropy-and-meta'), item('meta/policy', 'old'), item('key/bb', 'only here')];
  it('lists added, replaced, unchanged and removed-if-replace names', () => {
    expect(previewRestore(current, ITEMS)).toEqual({
      added: ['meta/audit-log', 'meta/empty'],
      replaced: ['meta/policy'],
      unchanged: ['key/aa'],
      removedIfReplace: ['key/bb'],
    });
  });
  it('merge keeps current-only items, replace drops them; backup wins on conflicts', () => {
    const merged = applyRestore(current, ITEMS, 'merge');
    expect(merged.map((i) => i.name)).toEqual(['key/aa', 'key/bb', 'meta/audit-log', 'meta/empty', 'meta/policy']);
    expect(bytesToHex(merged.find((i) => i.name === 'meta/policy')!.data)).toBe('000a0dff');
    expect(applyRestore(current, ITEMS, 'replace').map((i) => i.name)).toEqual(['key/aa', 'meta/audit-log', 'meta/empty', 'meta/policy']);
    // After a merge restore, previewing the same backup again shows nothing left to change.
    const again = previewRestore(merged, ITEMS);
    expect(again.added.length + again.replaced.length).toBe(0);
  });
});
