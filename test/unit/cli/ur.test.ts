/**
 * `airlock ur encode|decode` and `account export --format ur` exactly per CLI.md "Transport"/"Keys":
 * parts one per line, any order, dups/blank lines ignored, case-insensitive; non-UR line, incomplete
 * or mixed parts → exit 2. Spawns the real CLI (a few cases only; logic is tested in test/unit/ur).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Buffer } from 'buffer';
import { CryptoHDKey } from '@keystonehq/bc-ur-registry';
import ur from '../../vectors/ur.json';
import { hex } from '@scure/base';
import { parseUr } from '../../../shared/ur/bcur-adapter';
import { encodeUrParts } from '../../../shared/ur/animator';
import { decodeAccountUr } from '../../../shared/ur/account-export';

const CLI = resolve(import.meta.dirname, '../../../station/cli/airlock.mjs');
const cli = (args: string[], input = '') => spawnSync('node', [CLI, ...args], { input, encoding: 'utf8' });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const W = (ur as any).ur_bytes_wolf.multipart;

describe('airlock ur', () => {
  it('ur.json#ur_bytes_wolf.multipart: encode --max-fragment 30 --count 20 prints the 20 expected parts', () => {
    const r = cli(['ur', 'encode', '--type', 'bytes', '--max-fragment', '30', '--count', '20'], W.message_cbor_hex_derived + '\n');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(W.expected_parts);
  });
  it('encode without options is one single-part UR; --max-fragment alone gives parts 1..n', () => {
    const r = cli(['ur', 'encode', '--type', 'bytes', '--max-fragment', '30'], W.message_cbor_hex_derived);
    expect(r.stdout.trim().split('\n')).toEqual(W.expected_parts.slice(0, 9));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const single = (ur as any).ur_bytes_wolf.single_part;
    expect(cli(['ur', 'encode', '--type', 'bytes'], single.payload_cbor_hex_decoded).stdout).toBe(single.ur + '\n');
  });
  it('decode: shuffled, duplicated, upper-case parts with blank lines → "TYPE HEX"', () => {
    const parts: string[] = W.expected_parts;
    const input = ['', parts[12].toUpperCase(), ...parts.slice(0, 9).reverse(), parts[3], '', parts[15]].join('\n');
    const r = cli(['ur', 'decode'], input);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`bytes ${W.message_cbor_hex_derived}\n`);
  });
  it('decode exits 2 on a non-UR line, on incomplete parts, and on parts of two messages', () => {
    const parts: string[] = W.expected_parts;
    const bad = cli(['ur', 'decode'], [parts[0], 'hello', parts[1]].join('\n'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^error: line 2 /);
    const incomplete = cli(['ur', 'decode'], parts.slice(0, 3).join('\n'));
    expect(incomplete.status).toBe(2);
    expect(incomplete.stderr).toMatch(/^error: /);
    const other = encodeUrParts('bytes', hex.decode('590100' + 'ab'.repeat(256)), { maxFragment: 30 });
    const mixed = cli(['ur', 'decode'], [...parts.slice(0, 5), other[0], ...parts.slice(5, 9)].join('\n'));
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toMatch(/different message/);
  });
  it('decode is transport only: any well-formed message round-trips, even CBOR its type would not accept', () => {
    const map = 'a2011a0001020302f5'; // a CBOR map, not the byte string `bytes`/`crypto-psbt` carry
    for (const type of ['bytes', 'crypto-psbt']) {
      const parts = encodeUrParts(type, hex.decode(map), { maxFragment: 10 });
      const r = cli(['ur', 'decode'], parts.join('\n'));
      expect(r.stderr, type).toBe('');
      expect(r.stdout, type).toBe(`${type} ${map}\n`);
    }
  });
});

describe('airlock account export --format ur', () => {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-ur-'));
  const mf = join(dir, 'm.txt');
  writeFileSync(mf, 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\n');
  const cborOf = (s: string) => {
    const p = parseUr(s.trim());
    if (p.kind !== 'single') throw new Error(p.kind);
    return { urType: p.urType, cbor: Buffer.from(p.cbor) };
  };
  it('btc: ur:crypto-account with pkh, sh(wpkh), wpkh, tr, wsh(cosigner) and the master fingerprint', () => {
    const r = cli(['account', 'export', '--mnemonic-file', mf]);
    expect(r.status).toBe(0);
    expect(cborOf(r.stdout).urType).toBe('crypto-account');
    const acc = decodeAccountUr(r.stdout.trim());
    expect(acc.map((a) => [a.path, a.scriptType, a.fingerprint])).toEqual([
      ["m/44'/0'/0'", 'p2pkh', '73c5da0a'],
      ["m/49'/0'/0'", 'p2sh-p2wpkh', '73c5da0a'],
      ["m/84'/0'/0'", 'p2wpkh', '73c5da0a'],
      ["m/86'/0'/0'", 'p2tr', '73c5da0a'],
      ["m/48'/0'/0'/2'", 'p2wsh-multi', '73c5da0a'],
    ]);
    expect(acc[2].xpub).toBe('xpub6CatWdiZiodmUeTDp8LT5or8nmbKNcuyvz7WyksVFkKB4RHwCD3XyuvPEbvqAQY3rAPshWcMLoP2fMFMKHPJ4ZeZXYVUhLv1VMrjPC7PW6V');
  });
  it("eth: ur:crypto-hdkey for m/44'/60'/0' with source fingerprint", () => {
    const r = cli(['account', 'export', '--coin', 'eth', '--format', 'ur', '--mnemonic-file', mf]);
    expect(r.status).toBe(0);
    const { urType, cbor } = cborOf(r.stdout);
    expect(urType).toBe('crypto-hdkey');
    const hd = CryptoHDKey.fromCBOR(cbor);
    expect(hd.getOrigin().getPath()).toBe("44'/60'/0'");
    expect(hd.getOrigin().getSourceFingerprint().toString('hex')).toBe('73c5da0a');
    expect(hd.getBip32Key()).toBe('xpub6DCoCpSuQZB2jawqnGMEPS63ePKWkwWPH4TU45Q7LPXWuNd8TMtVxRrgjtEshuqpK3mdhaWHPFsBngh5GFZaM6si3yZdUsT8ddYM3PwnATt');
  });
});
