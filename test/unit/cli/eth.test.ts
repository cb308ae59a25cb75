import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'buffer';
import { EthSignRequest, ETHSignature } from '@keystonehq/bc-ur-registry-eth';
import { URDecoder } from '@ngraveio/bc-ur';
import { Transaction as EthersTx, Signature } from 'ethers';
import { ADDR0, MNEMONIC, REQUEST_ID, eip1559, txRequest, messageRequest } from '../ethereum/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'airlock-eth-'));
const mn = join(dir, 'm.txt');
const run = (args: string[], input: string) => spawnSync('node', ['station/cli/airlock.mjs', ...args], { input, encoding: 'utf8' });
const ur = (cbor: Uint8Array, frag = 2000) => {
  const enc = EthSignRequest.fromCBOR(Buffer.from(cbor)).toUREncoder(frag);
  return Array.from({ length: enc.fragmentsLength }, () => enc.nextPart()).reverse().join('\n') + '\n';
};
const decodeParts = (text: string) => {
  const d = new URDecoder();
  for (const l of text.trim().split('\n')) d.receivePart(l);
  expect(d.isSuccess()).toBe(true);
  expect(d.resultUR().type).toBe('eth-signature');
  return ETHSignature.fromCBOR(d.resultUR().cbor);
};

beforeAll(() => writeFileSync(mn, MNEMONIC + '\n'));

describe('airlock eth review / eth sign', () => {
  const tx = eip1559();
  it('eth review → JSON per CLI.md, exit 0', () => {
    const r = run(['eth', 'review', '--mnemonic-file', mn], ur(txRequest(tx), 60));
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    for (const k of ['request_id', 'chain_id', 'kind', 'from', 'to', 'value_wei', 'max_cost_wei', 'data_decoded', 'warnings', 'can_sign']) expect(j, k).toHaveProperty(k);
    expect(j).toMatchObject({ request_id: REQUEST_ID, chain_id: 1, kind: 'eip1559', from: ADDR0, value_wei: '100000000000000000', max_cost_wei: (10n ** 17n + 21000n * 30_000_000_000n).toString(), data_decoded: null, warnings: [], can_sign: true });
  });

  it('eth sign → single-part ur:eth-signature with the request id; signed tx recovers to us; audit entry written', () => {
    const log = join(dir, 'audit.jsonl');
    const r = run(['eth', 'sign', '--mnemonic-file', mn, '--audit-log', log], ur(txRequest(tx)));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout.startsWith('ur:eth-signature/')).toBe(true);
    const s = decodeParts(r.stdout);
    expect(Buffer.from(s.getRequestId()!).toString('hex')).toBe(REQUEST_ID.replace(/-/g, ''));
    const sig = s.getSignature();
    const signed = EthersTx.from({ ...tx, signature: Signature.from({ r: '0x' + sig.subarray(0, 32).toString('hex'), s: '0x' + sig.subarray(32, 64).toString('hex'), yParity: sig[64] as 0 | 1 }) });
    expect(signed.from).toBe(ADDR0);
    const entries = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.at(-1)).toMatchObject({ event: 'eth-signed', details: { hash: signed.hash, value_wei: '100000000000000000' } });
  });

  it('--max-fragment splits the answer into parts', () => {
    const r = run(['eth', 'sign', '--mnemonic-file', mn, '--max-fragment', '20'], ur(messageRequest('hello')));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').length).toBeGreaterThan(1);
    expect(decodeParts(r.stdout).getSignature()[64]).toBeGreaterThanOrEqual(27);
  });

  it('wrong fingerprint: sign exits 1 saying so, review exits 0 with can_sign false', () => {
    const req = ur(txRequest(tx, { xfp: 'deadbeef' }));
    const s = run(['eth', 'sign', '--mnemonic-file', mn], req);
    expect(s.status).toBe(1);
    expect(s.stdout).toBe('');
    expect(s.stderr).toMatch(/fingerprint deadbeef/);
    const r = run(['eth', 'review', '--mnemonic-file', mn], req);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).can_sign).toBe(false);
  });

  it('bad input: exit 2 with one "error:" line and no stack', () => {
    const r = run(['eth', 'review', '--mnemonic-file', mn], 'ur:eth-sign-request/aeadaolazmjendeoti\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/at .*\.ts/);
  });
});
