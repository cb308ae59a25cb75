import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Buffer } from 'buffer';
import { DataType } from '@keystonehq/bc-ur-registry-eth';
import { URDecoder } from '@ngraveio/bc-ur';
import { parseEthSignRequest, MAX_ETH_REQUEST_BYTES } from '../../../shared/ethereum/request';
import { reviewEthRequest } from '../../../shared/ethereum/review';
import { signEthRequest } from '../../../shared/ethereum/sign';
import { AppError } from '../../../shared/errors';
import { buildRequest, eip1559, testRoot, txRequest } from './fixtures';

const V = JSON.parse(readFileSync('test/vectors/eip4527.json', 'utf8'));
const FILE = 'eip4527.json';
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : `non-AppError: ${String(e)}`;
  }
  return 'no error';
};

describe('eip4527.json vectors decode', () => {
  const reqs = V.vectors.filter((v: { type: string }) => v.type.startsWith('eth-sign-request'));
  reqs.forEach((v: Record<string, any>, i: number) => {
    it(`${FILE}#${v.id}`, () => {
      const cborHex: string | undefined = v.expected?.payload_cbor_hex_derived ?? v.expected?.cbor_hex ?? v.inputs?.cbor_hex ?? v.payload_cbor_hex_derived;
      let cbor = Buffer.from(cborHex ?? '', 'hex');
      if (v.expected?.ur || v.inputs?.ur) {
        const d = new URDecoder();
        d.receivePart(v.expected?.ur ?? v.inputs.ur);
        const fromUr = Buffer.from(d.resultUR().cbor);
        if (cborHex) expect(fromUr.toString('hex'), `${FILE}#${i}: UR payload`).toBe(cborHex);
        cbor = fromUr;
      }
      const req = parseEthSignRequest(new Uint8Array(cbor));
      expect(req.requestId === undefined || /^[0-9a-f-]{36}$/.test(req.requestId), `${FILE}#${i}: id`).toBe(true);
      const inp = v.inputs ?? {};
      if (inp.request_id_uuid) expect(req.requestId, `${FILE}#${i}: request id`).toBe(inp.request_id_uuid);
      if (inp.chain_id) expect(req.chainId, `${FILE}#${i}: chain`).toBe(BigInt(inp.chain_id));
      const path = inp.derivation_path ?? inp.derivation_path_from_PathComponents_derived ?? (inp.derivation_path_as_written ?? '').replace(/^M/, 'm');
      if (path) expect(req.path, `${FILE}#${i}: path`).toBe(path);
      if (v.expected?.derivation_path) expect(req.path).toBe('m/' + v.expected.derivation_path);
      const fp = inp.source_fingerprint_hex ?? inp.source_fingerprint_hex_from_byte_array_derived;
      if (fp) expect(req.sourceFingerprint, `${FILE}#${i}: fingerprint`).toBe(fp);
      if (inp.origin) expect(req.origin).toBe(inp.origin);
      const sd = inp.sign_data_hex ?? inp.sign_data_hex_derived ?? v.expected?.sign_data_hex;
      // source quirk: one Keystone test names sign data '12345678' but encodes the RLP tx (the payload is authoritative)
      const sdChecked = sd && (!cborHex || (sd.length > 8 && cborHex.includes(sd))) ? sd : undefined;
      if (sdChecked) expect(Buffer.from(req.signData).toString('hex'), `${FILE}#${i}: sign data`).toBe(sdChecked);
      if (inp.data_type === 1 || v.expected?.data_type === 'Transaction') expect(req.kind).toBe('legacy');
      if (inp.data_type === 4 || v.expected?.note?.includes('EIP-1559')) expect(req.kind).toBe('eip1559');
    });
  });

  it(`${FILE}: the 0x02 typed-tx request decodes to its fields (chain 4, 21000 gas)`, () => {
    const v = V.vectors.find((x: { id: string }) => x.id.endsWith('test_decode_eth_sign_request'));
    const req = parseEthSignRequest(Buffer.from(v.payload_cbor_hex_derived, 'hex'));
    expect(req.kind).toBe('eip1559');
    if (req.kind !== 'eip1559') return;
    expect(req.chainId).toBe(4n);
    expect(req.tx.raw.gasLimit).toBe(21000n);
    expect(req.tx.raw.value).toBe(100000000000000n);
  });
});

describe('bad input: each a specific error, nothing signed', () => {
  const root = testRoot();
  it('malformed CBOR → eth/bad-request', () => {
    for (const h of ['', 'ff', 'a1', '00', 'a20102', 'd9019aa0']) expect(code(() => parseEthSignRequest(Buffer.from(h, 'hex'))), h).toBe('eth/bad-request');
  });
  it('unknown data type → eth/unsupported-data-type', () => {
    expect(code(() => parseEthSignRequest(buildRequest(Buffer.from('00', 'hex'), 9 as DataType)))).toBe('eth/unsupported-data-type');
  });
  it('EIP-4844 / EIP-7702 typed transactions → eth/unsupported-data-type', () => {
    expect(code(() => parseEthSignRequest(buildRequest(Buffer.from('04c0', 'hex'), DataType.typedTransaction)))).toBe('eth/unsupported-data-type');
  });
  it('garbage transaction bytes → eth/bad-transaction', () => {
    expect(code(() => parseEthSignRequest(buildRequest(Buffer.from('c0', 'hex'), DataType.transaction)))).toBe('eth/bad-transaction');
    expect(code(() => parseEthSignRequest(buildRequest(Buffer.from('02c3808080', 'hex'), DataType.typedTransaction)))).toBe('eth/bad-transaction');
  });
  it('invalid typed-data JSON → eth/bad-typed-data', () => {
    const bad = ['{not json', '[]', JSON.stringify({ types: {}, primaryType: 'X', domain: {}, message: {} }),
      JSON.stringify({ types: { EIP712Domain: [], M: [{ name: 'a', type: 'uint256' }] }, primaryType: 'M', domain: {}, message: { a: 'zzz' } }),
      JSON.stringify({ types: { EIP712Domain: [], M: [{ name: 'a', type: 'uint256' }] }, primaryType: 'M', domain: {}, message: { a: 1e30 } })];
    for (const j of bad) {
      const cbor = buildRequest(Buffer.from(j), DataType.typedData);
      expect(code(() => reviewEthRequest(parseEthSignRequest(cbor), { root })), j).toBe('eth/bad-typed-data');
    }
  });
  it('oversize request → eth/request-too-large (before any decoding)', () => {
    const big = buildRequest(new Uint8Array(MAX_ETH_REQUEST_BYTES + 1), DataType.personalMessage);
    expect(code(() => parseEthSignRequest(big))).toBe('eth/request-too-large');
  });
  it('request chain id contradicting the transaction → eth/chain-mismatch', () => {
    expect(code(() => parseEthSignRequest(txRequest(eip1559({ chainId: 1 }), { chainId: 137 })))).toBe('eth/chain-mismatch');
  });
  it('wildcard / non-Ethereum path: eth/bad-path refusal', () => {
    const cbor = txRequest(eip1559(), { path: "m/84'/0'/0'/0/0" });
    const r = reviewEthRequest(parseEthSignRequest(cbor), { root });
    expect(r.canSign).toBe(false);
    expect(r.refusal?.code).toBe('eth/bad-path');
    expect(code(() => signEthRequest(cbor, root, r))).toBe('eth/bad-path');
  });
});
