/**
 * CLI contract for backups (CLI.md "Backup"): slip39 split/combine and seedqr encode/decode, run as
 * a real process. Logic is tested in test/unit/backup; here: encodings, exit codes, line numbers,
 * and that no word of a secret reaches stderr.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inspectShare } from '../../../shared/backup/slip39';

const ROOT_DIR = resolve(import.meta.dirname, '../../..');
const slip = JSON.parse(readFileSync(join(ROOT_DIR, 'test/vectors/slip39.json'), 'utf8'));
const sqr = JSON.parse(readFileSync(join(ROOT_DIR, 'test/vectors/seedqr.json'), 'utf8'));

function run(args: string[], input: string | Buffer = '') {
  const r = spawnSync('node', [join(ROOT_DIR, 'station/cli/airlock.mjs'), ...args], { input, cwd: ROOT_DIR });
  return { code: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-backup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('airlock slip39', () => {
  it('split 2-of-3 groups with --passphrase-file, then combine a subset with blank lines', () => {
    const pass = join(dir, 'pass.txt');
    writeFileSync(pass, 'TREZOR\n');
    const r = run(['slip39', 'split', '--group-threshold', '2', '--groups', '1/1,2/3,3/5', '--passphrase-file', pass], 'bb54aac4b89dc868ba37d9cc21b2cece\n');
    expect(r.code, r.err).toBe(0);
    const groups = r.out.trimEnd().split('\n\n').map((g) => g.split('\n'));
    expect(groups.map((g) => g.length)).toEqual([1, 3, 5]);
    const info = inspectShare(groups[1][0]);
    expect(info).toMatchObject({ extendable: true, iterationExponent: 1, groupThreshold: 2, groupCount: 3 });
    const c = run(['slip39', 'combine', '--passphrase-file', pass], `\n${groups[2][4]}\n${groups[0][0]}\n\n${groups[2][1]}\n${groups[2][0]}\n`);
    expect(c.code, c.err).toBe(0);
    expect(c.out).toBe('bb54aac4b89dc868ba37d9cc21b2cece\n');
  });

  it('combine an official vector; errors name the physical line number and echo no word', () => {
    const v = slip.vectors[3]; // "4. Basic sharing 2-of-3 (128 bits)"
    const pass = join(dir, 'trezor.txt');
    writeFileSync(pass, 'TREZOR');
    const ok = run(['slip39', 'combine', '--passphrase-file', pass], v.mnemonics.join('\n'));
    expect(ok.out.trim()).toBe(v.master_secret_hex);
    const bad = slip.vectors[1].mnemonics[0]; // "2. Mnemonic with invalid checksum"
    const r = run(['slip39', 'combine'], `${v.mnemonics[0]}\n\n\n${bad}\n`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: .*line 4\b.*checksum/);
    expect(r.err.split('\n').length).toBe(2); // one line + final newline
    const w = bad.split(' ');
    for (let k = 0; k + 1 < w.length; k++) expect(r.err).not.toContain(`${w[k]} ${w[k + 1]}`);
    const few = run(['slip39', 'combine'], `\n${v.mnemonics[0]}\n`);
    expect(few.code).toBe(2);
    expect(few.err).toMatch(/^error: not enough shares: at least 1 more share needed/);
    expect(few.err, 'too few shares: names the lines it read').toBe('error: not enough shares: at least 1 more share needed besides the one on line 2\n');
  });

  it('split from --mnemonic-file uses the BIP-39 entropy; threshold-1 group gets exactly 1 share', () => {
    const mf = join(dir, 'm.txt');
    writeFileSync(mf, sqr.vectors[3].mnemonic + '\n'); // 12 words → 16-byte entropy
    const r = run(['slip39', 'split', '--threshold', '1', '--shares', '3', '--mnemonic-file', mf, '--iteration-exponent', '0']);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.length).toBe(1);
    expect(lines[0].split(' ').length).toBe(20);
    expect(inspectShare(lines[0]).iterationExponent).toBe(0);
    const c = run(['slip39', 'combine'], r.out);
    expect(c.out.trim()).toBe(sqr.vectors[3].compact_seedqr_bytes_hex_derived);
  });
});

describe('airlock seedqr', () => {
  it('encode standard and compact (vector 1, 24 words)', () => {
    const v = sqr.vectors[0];
    expect(run(['seedqr', 'encode'], v.mnemonic).out).toBe(v.standard_seedqr_digits + '\n');
    const mf = join(dir, 'v1.txt');
    writeFileSync(mf, v.mnemonic.toUpperCase().replace(/ /g, '\n  '));
    expect(run(['seedqr', 'encode', '--compact', '--mnemonic-file', mf]).out).toBe(v.compact_seedqr_bytes_hex_derived + '\n');
  });

  it('decode digits, hex, and raw bytes containing \\n / \\r\\n (vectors 7, 9)', () => {
    expect(run(['seedqr', 'decode'], sqr.vectors[4].standard_seedqr_digits + '\n').out).toBe(sqr.vectors[4].mnemonic + '\n');
    expect(run(['seedqr', 'decode'], sqr.vectors[1].compact_seedqr_bytes_hex_derived).out).toBe(sqr.vectors[1].mnemonic + '\n');
    for (const v of [sqr.vectors[6], sqr.vectors[8]]) {
      const raw = Buffer.from(v.compact_seedqr_bytes_hex_derived, 'hex');
      const r = run(['seedqr', 'decode'], raw);
      expect(r.out, `seedqr.json vector ${v.vector}`).toBe(v.mnemonic + '\n');
    }
  });

  it('bad input → exit 2 with one error line; a wrong mnemonic word is named by position only', () => {
    const r = run(['seedqr', 'decode'], '1234');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: /);
    const words = sqr.vectors[3].mnemonic.split(' ');
    words[4] = 'notaword';
    const e = run(['seedqr', 'encode'], words.join(' '));
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/position 5/);
    expect(e.err).not.toMatch(/notaword/);
  });
});

describe('airlock vault export/import', () => {
  it('exports an encrypted backup and merges it into another vault file (Argon2id-heavy: one test)', async () => {
    const { Vault } = await import('../../../shared/vault/vault');
    const { MIN_KDF } = await import('../../../shared/vault/kdf');
    const { JsonFileStore } = await import('../../../station/cli/vault-file');
    const { parseMnemonic } = await import('../../../shared/keys/mnemonic');
    const a = await Vault.create(new JsonFileStore(join(dir, 'a.json')), 'vault-pass-A', 0, { kdf: MIN_KDF });
    const key = await a.addKey({ label: 'main', entropy: parseMnemonic(sqr.vectors[3].mnemonic), bip39Passphrase: '' }, 1);
    a.lock();
    (await Vault.create(new JsonFileStore(join(dir, 'b.json')), 'vault-pass-B', 0, { kdf: MIN_KDF })).lock();
    writeFileSync(join(dir, 'va'), 'vault-pass-A\n');
    writeFileSync(join(dir, 'vb'), 'vault-pass-B\n');
    writeFileSync(join(dir, 'bp'), 'backup passphrase\n');
    const out = join(dir, 'backup.json');
    const e = run(['vault', 'export', '--vault', join(dir, 'a.json'), '--vault-passphrase-file', join(dir, 'va'), '--backup-passphrase-file', join(dir, 'bp'), '--out', out]);
    expect(e.code, e.err).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^\{"airlock_backup":1,/);
    const i = run(['vault', 'import', '--vault', join(dir, 'b.json'), '--vault-passphrase-file', join(dir, 'vb'), '--backup-passphrase-file', join(dir, 'bp'), '--in', out]);
    expect(i.code, i.err).toBe(0);
    expect(JSON.parse(i.out)).toMatchObject({ mode: 'merge', applied: true, added: [`key/${key.id}`], removed: [] });
    const b = await Vault.unlock(new JsonFileStore(join(dir, 'b.json')), 'vault-pass-B');
    expect(b.listKeys().map((k) => k.fingerprint)).toEqual([key.fingerprint]);
    b.lock();
  }, 150_000);
});
