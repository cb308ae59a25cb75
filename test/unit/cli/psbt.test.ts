/**
 * CLI contract for `psbt review`, `psbt sign`, `multisig register` (CLI.md "Bitcoin"): JSON shape,
 * encodings mirrored, exit codes (0 done, 1 refused, 2 bad input). Spawns the real CLI; the logic
 * itself is tested through shared/ in test/unit/bitcoin/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HDKey } from '@scure/bip32';
import { writePayload } from '../../../shared/ur/payload-io';
import { addChecksum } from '../../../shared/bitcoin/descriptor';
import { MNEMONIC, SEED, THEIR_ADDRESS, bitcoin, buildPsbt, descriptorOf, jsMultisig, other1, singlePath, validator, BNET } from '../bitcoin/fixtures';

const ROOT_DIR = resolve(import.meta.dirname, '../../..');
let dir: string;
let mn: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'airlock-psbt-'));
  mn = join(dir, 'mnemonic.txt');
  writeFileSync(mn, MNEMONIC + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input: string | Uint8Array) {
  const r = spawnSync('node', ['station/cli/airlock.mjs', ...args], { cwd: ROOT_DIR, input, maxBuffer: 1 << 24 });
  return { code: r.status, out: r.stdout, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}
const T = ['--mnemonic-file', () => mn, '--network', 'testnet'];
const secrets = () => T.map((x) => (typeof x === 'function' ? x() : x));

const simple = () => buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 200_000n }],
  [{ kind: 'address', address: THEIR_ADDRESS, value: 150_000n }, { kind: 'change', type: 'p2wpkh', path: singlePath('p2wpkh', 1, 0), value: 49_000n }]);

describe('psbt review', () => {
  it('JSON with exactly the contract fields; change proven; exit 0', () => {
    const r = cli(['psbt', 'review', ...secrets()], simple().toBase64());
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of ['network', 'version', 'inputs', 'outputs', 'fee_sat', 'fee_rate_sat_vb', 'vsize', 'warnings', 'can_sign']) expect(j, k).toHaveProperty(k);
    expect(j.network).toBe('testnet');
    expect(j.version).toBe(0);
    expect(j.inputs[0]).toMatchObject({ vout: 1, value_sat: 200000, ours: true, path: "m/84'/1'/0'/0/0", script_type: 'p2wpkh' });
    expect(j.inputs[0].txid).toMatch(/^[0-9a-f]{64}$/);
    expect(j.outputs).toMatchObject([{ address: THEIR_ADDRESS, value_sat: 150000, change: false, path: null },
      { value_sat: 49000, change: true, path: "m/84'/1'/0'/1/0" }]);
    expect(j.fee_sat).toBe(1000);
    expect(typeof j.fee_rate_sat_vb).toBe('number');
    expect(j.vsize).toBeGreaterThan(100);
    expect(j.can_sign).toBe(true);
    expect(j.warnings, 'non-witness utxo present: no warnings').toEqual([]);
  });

  it('--help lists the HIGH_FEE thresholds', () => {
    const r = cli(['psbt', 'review', '--help'], '');
    expect(r.code).toBe(0);
    for (const s of ['HIGH_FEE', '1000000 sat', '5%', '10000 sat', '500 sat/vB']) expect(r.stdout, s).toContain(s);
  });

  it('garbage input → exit 2 with one error line', () => {
    const r = cli(['psbt', 'review', ...secrets()], 'cHNidP8BAAAA');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('an xprv of the other network → exit 2', () => {
    const x = join(dir, 'xprv.txt');
    writeFileSync(x, HDKey.fromMasterSeed(SEED).privateExtendedKey); // mainnet xprv
    const r = cli(['psbt', 'review', '--xprv-file', x, '--network', 'testnet'], simple().toBase64());
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).not.toContain('xprv9');
  });

  it('a --wallet with keys of the other network → exit 2', () => {
    const wf = join(dir, 'main-wallet.txt');
    writeFileSync(wf, descriptorOf(jsMultisig('p2wsh')));
    const r = cli(['psbt', 'review', '--mnemonic-file', mn, '--network', 'mainnet', '--wallet', wf], simple().toBase64());
    expect(r.code, r.stderr).toBe(2);
  });
});

describe('psbt sign', () => {
  it('base64 in → base64 out with a valid signature; hex in → hex out', () => {
    const p = simple();
    const r = cli(['psbt', 'sign', ...secrets()], p.toBase64());
    expect(r.code, r.stderr).toBe(0);
    const signed = bitcoin.Psbt.fromBase64(r.stdout.trim(), { network: BNET });
    expect(signed.validateSignaturesOfInput(0, validator)).toBe(true);
    expect(signed.data.inputs[0].finalScriptWitness, 'not finalized').toBeUndefined();
    const h = cli(['psbt', 'sign', ...secrets(), '--finalize'], p.toHex());
    expect(h.code, h.stderr).toBe(0);
    expect(h.stdout.trim()).toMatch(/^70736274ff[0-9a-f]+$/);
    expect(bitcoin.Psbt.fromHex(h.stdout.trim()).extractTransaction().outs.length).toBe(2);
  });

  it('UR in → UR out of the same type', () => {
    const ur = Buffer.from(writePayload(simple().toBuffer(), { encoding: 'ur', urType: 'crypto-psbt' })).toString();
    const r = cli(['psbt', 'sign', ...secrets()], ur);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().toLowerCase()).toMatch(/^ur:crypto-psbt\//);
  });

  it('inputs not ours → exit 1, nothing on stdout', () => {
    const p = buildPsbt([{ kind: 'single', type: 'p2wpkh', owner: other1 }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]);
    const r = cli(['psbt', 'sign', ...secrets()], p.toBase64());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/none of the inputs/i);
  });

  it('testnet PSBT with --network mainnet → NETWORK_MISMATCH in review, sign refuses (exit 1)', () => {
    const args = ['--mnemonic-file', mn, '--network', 'mainnet'];
    const rv = cli(['psbt', 'review', ...args], simple().toBase64());
    expect(rv.code, rv.stderr).toBe(0);
    expect(JSON.parse(rv.stdout).warnings.map((w: { code: string }) => w.code)).toContain('NETWORK_MISMATCH');
    const r = cli(['psbt', 'sign', ...args], simple().toBase64());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });

  it('unusual sighash → exit 1', () => {
    const p = buildPsbt([{ kind: 'single', type: 'p2wpkh', sighashType: 0x82 }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]);
    const r = cli(['psbt', 'sign', ...secrets()], p.toBase64());
    expect(r.code).toBe(1);
  });
});

describe('multisig register', () => {
  it('registers (exit 0, name/policy/fingerprints), then review verifies multisig change from the vault; not a cosigner → exit 2', () => {
    const w = jsMultisig('p2wsh');
    const vault = join(dir, 'vault.json');
    const r = cli(['multisig', 'register', ...secrets(), '--vault', vault], addChecksum(descriptorOf(w)));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2-of-3');
    expect(r.stdout).toContain('73c5da0a');
    expect(readFileSync(vault, 'utf8'), 'encrypted: no xpub in the file').not.toContain('tpub');
    const p = buildPsbt([{ kind: 'multi', wallet: w, value: 300_000n }],
      [{ kind: 'address', address: THEIR_ADDRESS, value: 100_000n }, { kind: 'multi-change', wallet: w, chain: 1, index: 0, value: 199_000n }]);
    const rv = cli(['psbt', 'review', ...secrets(), '--vault', vault], p.toBase64());
    expect(rv.code, rv.stderr).toBe(0);
    expect(JSON.parse(rv.stdout).outputs.map((o: { change: boolean }) => o.change)).toEqual([false, true]);
    const foreign = { ...w, keys: [{ root: other1, path: "m/48'/1'/5'/2'" }, w.keys[1], w.keys[2]] };
    const bad = cli(['multisig', 'register', ...secrets(), '--vault', vault], descriptorOf(foreign));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: .*cosigner/);
  });
  it('a vault file that cannot be written is one error line naming it (exit 2), not an internal error', () => {
    const vault = join(dir, 'no-such-folder', 'vault.json');
    const r = cli(['multisig', 'register', ...secrets(), '--vault', vault], addChecksum(descriptorOf(jsMultisig('p2wsh'))));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: cannot write the vault file ${JSON.stringify(vault)}\n`);
  });
});
