/**
 * `airlock` key commands (CLI.md "Keys"), run as a user would: spawning node station/cli/airlock.mjs.
 * Logic is tested in test/unit/keys; here: options, output shape, exit codes and `error:` lines.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateMnemonic } from '../../../shared/keys/mnemonic';
import { verifyChecksum } from '../../../shared/bitcoin/descriptor';
import { decodeAccountUr } from '../../../shared/ur/account-export';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const BIP84_XPUB = 'xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V';
let dir = '';
const f = (name: string) => join(dir, name);

function run(args: string[], input = '') {
  const r = spawnSync(process.execPath, ['station/cli/airlock.mjs', ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-keys-'));
  // messy whitespace and case must be accepted
  writeFileSync(f('m.txt'), '  ' + MNEMONIC.toUpperCase().replace(/ /g, ' \n\t') + '\n');
  writeFileSync(f('pass.txt'), 'TREZOR\n');
  writeFileSync(f('tprv.txt'), 'tprv8ZgxMBicQKsPd9TeAdPADNnSyH9SSUUbTVeFszDE23Ki6TBB5nCefAdHkK8Fm3qMQR6sHwA56zqRmKmxnHk37JkiFzvncDqoKmPWubu7hDF\n');
  writeFileSync(f('bad.txt'), MNEMONIC.replace('about', 'aboutt'));
});

describe('mnemonic new', () => {
  it('default 24 words, valid; --words 12; --dice mixed (two runs differ)', () => {
    const a = run(['mnemonic', 'new']);
    expect(a.code).toBe(0);
    expect(a.out.trim().split(' ').length).toBe(24);
    expect(validateMnemonic(a.out).ok).toBe(true);
    const d1 = run(['mnemonic', 'new', '--words', '12', '--dice', '1111111111']);
    const d2 = run(['mnemonic', 'new', '--words', '12', '--dice', '1111111111']);
    expect([d1.code, d2.code]).toEqual([0, 0]);
    expect(d1.out.trim().split(' ').length).toBe(12);
    expect(validateMnemonic(d1.out).ok).toBe(true);
    expect(d1.out).not.toBe(d2.out);
    expect(d1.err).toMatch(/warning: .*non-random/);
  });
  it('bad options exit 2 with one error line', () => {
    for (const args of [['--words', '13'], ['--dice', '1237']]) {
      const r = run(['mnemonic', 'new', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^error: .+\n$/);
      expect(r.out).toBe('');
    }
  });
});

describe('mnemonic check', () => {
  it('ok for a valid mnemonic (any case/whitespace)', () => {
    const r = run(['mnemonic', 'check'], MNEMONIC.toUpperCase().replace(/ /g, '\n  ') + '\n');
    expect(r).toMatchObject({ code: 0, out: 'ok\n' });
  });
  it('unknown word: position from 1, never the word', () => {
    const r = run(['mnemonic', 'check'], MNEMONIC.replace('about', 'zzfoo'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: .*position 12\b.*\n$/);
    expect(r.err).not.toContain('zzfoo');
  });
  it('bad checksum and wrong length', () => {
    const c = run(['mnemonic', 'check'], MNEMONIC.replace('about', 'abandon'));
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/^error: .*checksum/);
    const l = run(['mnemonic', 'check'], 'abandon abandon abandon');
    expect(l.code).toBe(2);
    expect(l.err).toMatch(/^error: .*length/);
  });
});

describe('account xpub', () => {
  it("BIP-84 account xpub for the vector mnemonic (h or ')", () => {
    const r = run(['account', 'xpub', '--path', 'm/84h/0h/0h', '--mnemonic-file', f('m.txt')]);
    expect(r).toMatchObject({ code: 0, out: BIP84_XPUB + '\n' });
  });
  it('--fingerprint; a passphrase changes it; tprv on regtest gives tpub', () => {
    expect(run(['account', 'xpub', '--fingerprint', '--mnemonic-file', f('m.txt')]).out).toBe('73c5da0a\n');
    const p = run(['account', 'xpub', '--fingerprint', '--mnemonic-file', f('m.txt'), '--passphrase-file', f('pass.txt')]);
    expect(p.code).toBe(0);
    expect(p.out).toMatch(/^[0-9a-f]{8}\n$/);
    expect(p.out).not.toBe('73c5da0a\n');
    const t = run(['account', 'xpub', '--path', "m/0'", '--xprv-file', f('tprv.txt'), '--network', 'regtest']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^tpub/);
  });
  it('an extended key of the other network, a bad path or a bad mnemonic file → exit 2', () => {
    const w = run(['account', 'xpub', '--path', 'm', '--xprv-file', f('tprv.txt')]);
    expect(w.code).toBe(2);
    expect(w.err).toMatch(/^error: .*network/);
    expect(w.err).not.toContain('tprv8Zgx');
    const p = run(['account', 'xpub', '--path', 'm/x', '--mnemonic-file', f('m.txt')]);
    expect(p.code).toBe(2);
    expect(p.err).toMatch(/^error: /);
    const b = run(['account', 'xpub', '--path', 'm', '--mnemonic-file', f('bad.txt')]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/^error: .*position 12/);
    expect(b.err).not.toContain('aboutt');
  });
});

describe('account export', () => {
  it('descriptor: pkh, sh(wpkh), wpkh, tr with origin, /<0;1>/* and checksums', () => {
    const r = run(['account', 'export', '--format', 'descriptor', '--mnemonic-file', f('m.txt')]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.map((l) => l.split('(')[0])).toEqual(['pkh', 'sh', 'wpkh', 'tr']);
    for (const l of lines) expect(() => verifyChecksum(l)).not.toThrow();
    expect(lines[2]).toBe(`wpkh([73c5da0a/84'/0'/0']${BIP84_XPUB}/<0;1>/*)#${lines[2].split('#')[1]}`);
  });
  it('json: exactly the contract fields; BIP-48 descriptor null; --account and --network', () => {
    const r = run(['account', 'export', '--format', 'json', '--account', '1', '--network', 'testnet', '--mnemonic-file', f('m.txt')]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['fingerprint', 'accounts']);
    expect(j.fingerprint).toBe('73c5da0a');
    expect(j.accounts.map((a: { path: string }) => a.path)).toEqual(["m/44'/1'/1'", "m/49'/1'/1'", "m/84'/1'/1'", "m/86'/1'/1'", "m/48'/1'/1'/2'"]);
    for (const a of j.accounts) {
      expect(Object.keys(a)).toEqual(['path', 'script_type', 'xpub', 'descriptor']);
      expect(a.xpub).toMatch(/^tpub/);
    }
    expect(j.accounts[4].descriptor).toBeNull();
    expect(j.accounts[3].descriptor).toMatch(/^tr\(\[73c5da0a\/86'\/1'\/1'\]tpub/);
  });
  it('ur (default): crypto-account with the five accounts', () => {
    const r = run(['account', 'export', '--mnemonic-file', f('m.txt')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ur:crypto-account\//);
    const accts = decodeAccountUr(r.out.trim());
    expect(accts.map((a) => a.path)).toEqual(["m/44'/0'/0'", "m/49'/0'/0'", "m/84'/0'/0'", "m/86'/0'/0'", "m/48'/0'/0'/2'"]);
    expect(accts[2].xpub).toBe(BIP84_XPUB);
  });
  it('eth: json address and ur crypto-hdkey; descriptor refused', () => {
    const j = run(['account', 'export', '--coin', 'eth', '--format', 'json', '--mnemonic-file', f('m.txt')]);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.out).accounts[0]).toMatchObject({ path: "m/44'/60'/0'", address: '0x9858EfFD232B4033E47d90003D41EC34EcaEda94' });
    const u = run(['account', 'export', '--coin', 'eth', '--mnemonic-file', f('m.txt')]);
    expect(u.code).toBe(0);
    expect(u.out).toMatch(/^ur:crypto-hdkey\//);
    const d = run(['account', 'export', '--coin', 'eth', '--format', 'descriptor', '--mnemonic-file', f('m.txt')]);
    expect(d.code).toBe(2);
    expect(d.err).toMatch(/^error: /);
  });
  it('missing key or bad --format → exit 2', () => {
    const a = run(['account', 'export', '--format', 'json']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/^error: .*mnemonic-file/);
    const b = run(['account', 'export', '--format', 'xml', '--mnemonic-file', f('m.txt')]);
    expect(b.code).toBe(2);
  });
});
