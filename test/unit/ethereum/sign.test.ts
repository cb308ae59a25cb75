import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Buffer } from 'buffer';
import { ETHSignature, EthSignRequest, DataType } from '@keystonehq/bc-ur-registry-eth';
import { UREncoder, URDecoder } from '@ngraveio/bc-ur';
import { Transaction as EthersTx, Signature, TypedDataEncoder, hashMessage, recoverAddress, verifyTypedData, keccak256, toUtf8Bytes } from 'ethers';
import { Transaction } from 'micro-eth-signer';
import { parseEthSignRequest } from '../../../shared/ethereum/request';
import { reviewEthRequest } from '../../../shared/ethereum/review';
import { signEthPayload, signEthRequest } from '../../../shared/ethereum/sign';
import { AppError } from '../../../shared/errors';
import { ADDR0, ADDR1, FP, REQUEST_ID, eip1559, messageRequest, testRoot, txRequest, typedDataRequest, buildRequest, unsignedTx } from './fixtures';

const VEC = JSON.parse(readFileSync('test/vectors/eip1559_eip712.json', 'utf8'));
const FILE = 'eip1559_eip712.json';
const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');

function sign(cbor: Uint8Array) {
  const root = testRoot();
  const review = reviewEthRequest(parseEthSignRequest(cbor), { root });
  return signEthRequest(cbor, root, review);
}
function decodeAnswer(cbor: Uint8Array) {
  const s = ETHSignature.fromCBOR(Buffer.from(cbor));
  return { id: s.getRequestId(), sig: new Uint8Array(s.getSignature()) };
}
const uuidBytes = Buffer.from(REQUEST_ID.replace(/-/g, ''), 'hex');
const MAIL = VEC.eip712.typed_data;
const mailTypesNoDomain = { Person: MAIL.types.Person, Mail: MAIL.types.Mail };

describe('eth sign: MetaMask-built requests, verified with ethers', () => {
  it('EIP-1559: v is y-parity 0/1, signed tx recovers to our address, request-id echoed', () => {
    const tx = eip1559();
    const res = sign(txRequest(tx));
    const { id, sig } = decodeAnswer(res.cbor);
    expect(Buffer.from(id!).equals(uuidBytes)).toBe(true);
    expect(sig.length).toBe(65);
    expect([0, 1]).toContain(sig[64]);
    const signed = EthersTx.from({ ...tx, signature: Signature.from({ r: hex(sig.slice(0, 32)), s: hex(sig.slice(32, 64)), yParity: sig[64] as 0 | 1 }) });
    expect(signed.from).toBe(ADDR0);
    expect(res.hash).toBe(signed.hash);
  });

  it('EIP-2930: v is y-parity and recovers to us', () => {
    const tx = { type: 1, chainId: 11155111, nonce: 1, gasPrice: 2_000_000_000n, gasLimit: 50000n, to: ADDR1, value: 5n, data: '0x', accessList: [{ address: ADDR1, storageKeys: ['0x' + '00'.repeat(31) + '01'] }] };
    const { sig } = decodeAnswer(sign(txRequest(tx)).cbor);
    expect([0, 1]).toContain(sig[64]);
    const signed = EthersTx.from({ ...tx, signature: Signature.from({ r: hex(sig.slice(0, 32)), s: hex(sig.slice(32, 64)), yParity: sig[64] as 0 | 1 }) });
    expect(signed.from).toBe(ADDR0);
  });

  it('legacy EIP-155: v = chainId*2+35+parity (multi-byte for big chain ids)', () => {
    for (const chainId of [1, 137, 11155111]) {
      const tx = { type: 0, chainId, nonce: 3, gasPrice: 20_000_000_000n, gasLimit: 21000n, to: ADDR1, value: 1234n, data: '0x' };
      const { sig } = decodeAnswer(sign(txRequest(tx)).cbor);
      const v = BigInt('0x' + Buffer.from(sig.slice(64)).toString('hex'));
      const parity = v - BigInt(chainId) * 2n - 35n;
      expect(parity === 0n || parity === 1n, `chain ${chainId}: v ${v}`).toBe(true);
      const signed = EthersTx.from({ ...tx, signature: Signature.from({ r: hex(sig.slice(0, 32)), s: hex(sig.slice(32, 64)), v }) });
      expect(signed.from, `chain ${chainId}`).toBe(ADDR0);
    }
  });

  it('personal message: v is 27/28 and ethers recovers our address', () => {
    const { sig } = decodeAnswer(sign(messageRequest('Sign in to example.org\nNonce: 42')).cbor);
    expect([27, 28]).toContain(sig[64]);
    expect(recoverAddress(hashMessage('Sign in to example.org\nNonce: 42'), hex(sig))).toBe(ADDR0);
  });

  it('EIP-712: v is 27/28 and ethers verifyTypedData recovers our address', () => {
    const td = { ...MAIL, message: { ...MAIL.message, from: { name: 'Me', wallet: ADDR0 } } };
    const { sig } = decodeAnswer(sign(typedDataRequest(td)).cbor);
    expect([27, 28]).toContain(sig[64]);
    expect(verifyTypedData(td.domain, mailTypesNoDomain, td.message, hex(sig))).toBe(ADDR0);
  });

  it('multipart request shuffled through bc-ur decodes and signs', () => {
    const big = 'x'.repeat(900);
    const cbor = messageRequest(big);
    const req = EthSignRequest.fromCBOR(Buffer.from(cbor));
    const enc: UREncoder = req.toUREncoder(120);
    const parts = Array.from({ length: enc.fragmentsLength + 3 }, () => enc.nextPart());
    for (let i = parts.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [parts[i], parts[j]] = [parts[j], parts[i]];
    }
    expect(parts.length).toBeGreaterThan(3);
    const dec = new URDecoder();
    for (const p of parts) if (!dec.isComplete()) dec.receivePart(p);
    expect(dec.isSuccess()).toBe(true);
    const got = new Uint8Array(dec.resultUR().cbor);
    expect(Buffer.from(got).equals(Buffer.from(cbor))).toBe(true);
    const { sig } = decodeAnswer(sign(got).cbor);
    expect(recoverAddress(hashMessage(big), hex(sig))).toBe(ADDR0);
  });

  it('signatures are deterministic (RFC 6979): same request, same bytes', () => {
    const cbor = txRequest(eip1559());
    expect(hex(sign(cbor).signature)).toBe(hex(sign(cbor).signature));
  });
});

describe('eth sign: spec vectors byte for byte', () => {
  const typed = VEC.eip1559.eth_account_test_accounts.vectors.filter((v: { type?: string }) => v.type);
  typed.forEach((v: Record<string, string>, i: number) => {
    it(`${FILE}#eth_account_test_accounts/typed ${i}: ${v.kind_derived}`, () => {
      const signedVec = Transaction.fromHex(v.signed);
      const unsigned = signedVec.removeSignature().toBytes();
      const cbor = buildRequest(unsigned, DataType.typedTransaction, { chainId: Number(BigInt(v.chainId)) });
      const req = parseEthSignRequest(cbor);
      expect(keccak256(unsigned), `${FILE}#${i}: signing hash`).toBe(v.signing_hash_computed);
      const out = signEthPayload(req, Buffer.from(v.key, 'hex'));
      const raw = signedVec.raw as { r: bigint; s: bigint; yParity: number };
      expect(hex(out.sig), `${FILE}#${i}: r||s||v`).toBe(
        '0x' + raw.r.toString(16).padStart(64, '0') + raw.s.toString(16).padStart(64, '0') + '0' + raw.yParity,
      );
      expect(out.hash, `${FILE}#${i}: tx hash`).toBe(v.tx_hash_keccak256_of_signed_computed);
    });
  });

  VEC.eip1559.eth_account_typed_transactions_type2.vectors.forEach((v: Record<string, string>, i: number) => {
    it(`${FILE}#typed_transactions_type2 ${i}: request decodes, signing hash matches`, () => {
      const unsigned = Transaction.fromHex(v.expected_raw_transaction).removeSignature().toBytes();
      const req = parseEthSignRequest(buildRequest(unsigned, DataType.typedTransaction, { chainId: 1337 }));
      expect(req.kind).toBe('eip1559');
      expect(keccak256((req as { tx: { toBytes(o: object): Uint8Array } }).tx.toBytes({ includeSignature: false })), `${FILE}#${i}`).toBe(v.expected_hash);
    });
  });

  it(`${FILE}#docstring EIP-1559: r, s, v and tx hash`, () => {
    const d = VEC.eip1559.eth_account_sign_transaction_docstring;
    const unsigned = Transaction.fromHex(d.reconstructed_derived.raw_transaction).removeSignature().toBytes();
    expect(keccak256(unsigned)).toBe(d.reconstructed_derived.signing_hash);
    const out = signEthPayload(parseEthSignRequest(buildRequest(unsigned, DataType.typedTransaction, { chainId: 1337 })), Buffer.from(d.private_key.slice(2), 'hex'));
    expect(hex(out.sig)).toBe(d.expected.r_hex_derived + d.expected.s_hex_derived.slice(2) + '01');
    expect(out.hash).toBe(d.expected.hash);
  });

  it(`${FILE}#docstring legacy EIP-155 (chain 1337): r, s, v=2709 and tx hash`, () => {
    const tx = { type: 0, to: '0xF0109fC8DF283027b6285cc889F5aA624EaC1F55', value: 1000000000n, gasLimit: 2000000n, gasPrice: 234567897654321n, nonce: 0, chainId: 1337 };
    const out = signEthPayload(parseEthSignRequest(buildRequest(unsignedTx(tx), DataType.transaction, { chainId: 1337 })), Buffer.from('4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318', 'hex'));
    const s = out.sig;
    expect(BigInt(hex(s.slice(0, 32))).toString()).toBe('11971260903864915610009019893820767192081275151191539081612245320300335068143');
    expect(BigInt(hex(s.slice(32, 64))).toString()).toBe('35365272040292958794699923036506252105590820339897221552886630515981233937234');
    expect(BigInt(hex(s.slice(64))).toString()).toBe('2709');
    expect(out.hash).toBe('0xd0a3e5dc7439f260c64cb0220139ec5dc7e016f82ce272a25a0f0b38fe751673');
  });

  it(`${FILE}#eip712 Mail: signature byte for byte; it verifies over the spec signHash`, () => {
    const e = VEC.eip712;
    const out = signEthPayload(parseEthSignRequest(typedDataRequest(MAIL)), Buffer.from(e.private_key_hex_computed.slice(2), 'hex'));
    expect(hex(out.sig)).toBe(e.expected_rpc_result_signature);
    expect(TypedDataEncoder.hash(MAIL.domain, mailTypesNoDomain, MAIL.message)).toBe(e.expected.signHash);
    expect(recoverAddress(e.expected.signHash, hex(out.sig)).toLowerCase()).toBe(e.expected.signer_address);
    expect(out.hash).toBe(keccak256(toUtf8Bytes(JSON.stringify(MAIL))));
  });
});

describe('eth sign: refusals sign nothing', () => {
  it('wrong source fingerprint: eth/wrong-fingerprint', () => {
    const cbor = txRequest(eip1559(), { xfp: 'deadbeef' });
    const root = testRoot();
    const review = reviewEthRequest(parseEthSignRequest(cbor), { root });
    expect(review.canSign).toBe(false);
    expect(() => signEthRequest(cbor, root, review)).toThrowError(expect.objectContaining({ code: 'eth/wrong-fingerprint' }));
  });

  it('review changed between approval and signing: eth/review-changed', () => {
    const root = testRoot();
    const approved = reviewEthRequest(parseEthSignRequest(txRequest(eip1559())), { root });
    const other = txRequest(eip1559({ value: 10n ** 18n }));
    expect(() => signEthRequest(other, root, approved)).toThrowError(expect.objectContaining({ code: 'eth/review-changed' }));
  });

  it('no source fingerprint: signs only when the address matches ours at the path', () => {
    const noFp = (address: string) => {
      const r = EthSignRequest.fromCBOR(Buffer.from(messageRequest('hi', { address })));
      const m = r.toDataItem().getData();
      const kp = m[5].getData();
      delete kp[2];
      return new EthSignRequest({ requestId: uuidBytes, signData: Buffer.from('hi'), dataType: DataType.personalMessage, chainId: 1, derivationPath: r['derivationPath'], address: Buffer.from(address.slice(2), 'hex') });
    };
    const good = noFp(ADDR0);
    (good as unknown as { derivationPath: { sourceFingerprint?: unknown } }).derivationPath.sourceFingerprint = undefined;
    const cbor = new Uint8Array(good.toCBOR());
    const req = parseEthSignRequest(cbor);
    expect(req.sourceFingerprint).toBeUndefined();
    expect(reviewEthRequest(req, { root: testRoot() }).canSign).toBe(true);
    expect(sign(cbor).signature.length).toBe(65);
    const bad = noFp(ADDR1);
    (bad as unknown as { derivationPath: { sourceFingerprint?: unknown } }).derivationPath.sourceFingerprint = undefined;
    const badCbor = new Uint8Array(bad.toCBOR());
    const rv = reviewEthRequest(parseEthSignRequest(badCbor), { root: testRoot() });
    expect(rv.canSign).toBe(false);
    expect(rv.refusal?.code).toBe('eth/wrong-address');
    expect(() => signEthRequest(badCbor, testRoot(), rv)).toThrow(AppError);
  });

  it('pre-EIP-155 legacy transaction (no chain id) is refused', () => {
    const v = VEC.eip1559.eth_account_test_accounts.vectors[0];
    const req = parseEthSignRequest(buildRequest(Buffer.from(v.unsigned, 'hex'), DataType.transaction, { chainId: 1 }));
    const review = reviewEthRequest(req, { root: testRoot() });
    expect(review.canSign).toBe(false);
    expect(review.refusal?.code).toBe('eth/no-replay-protection');
    expect(review.warnings.map((w) => w.code)).toContain('NO_REPLAY_PROTECTION');
  });

  it('fingerprint constant matches the fixture root', () => {
    expect(FP).toMatch(/^[0-9a-f]{8}$/);
  });
});
