/**
 * signPsbt against an independent implementation: PSBTs built by bitcoinjs-lib for every supported script
 * type, signed by Airlock, then validated, finalized and extracted by bitcoinjs-lib. Also: v2 stays v2,
 * a changed review is refused, only `ours` inputs are signed, unusual sighash is refused.
 */
import { describe, expect, it } from 'vitest';
import { reviewPsbt } from '../../../shared/bitcoin/review';
import { signPsbt } from '../../../shared/bitcoin/sign';
import { parsePsbt } from '../../../shared/bitcoin/psbt';
import {
  NET, THEIR_ADDRESS, bitcoin, buildPsbt, jsMultisig, ourRoot, other1, singlePath, toWallet, validator,
  type MultiType, type SingleType,
} from './fixtures';
import { codeOf } from '../support/error-code';

function signWithUs(psbt: bitcoin.Psbt, wallets = [] as ReturnType<typeof toWallet>[], finalize = false) {
  const bytes = psbt.toBuffer();
  const root = ourRoot();
  const review = reviewPsbt(bytes, { network: NET, keys: root, wallets });
  const out = signPsbt(bytes, root, review, { network: NET, wallets, finalize });
  return { review, out, signed: bitcoin.Psbt.fromBuffer(out.psbt, { network: bitcoin.networks.testnet }) };
}

describe('single-sig PSBTs built by bitcoinjs-lib, signed by Airlock, finalized by bitcoinjs-lib', () => {
  for (const type of ['p2pkh', 'p2sh-p2wpkh', 'p2wpkh', 'p2tr'] as SingleType[]) {
    it(`${type}: valid signature, change verified, tx extracts`, () => {
      const psbt = buildPsbt([{ kind: 'single', type, value: 200_000n }],
        [{ kind: 'address', address: THEIR_ADDRESS, value: 120_000n }, { kind: 'change', type, path: singlePath(type, 1, 3), value: 79_000n }]);
      const { review, out, signed } = signWithUs(psbt);
      expect(review.inputs[0], type).toMatchObject({ ours: true, scriptType: type, path: singlePath(type) });
      expect(review.outputs.map((o) => o.role), type).toEqual(['payment', 'change']);
      expect(review.feeSats, type).toBe(1000n);
      expect(out.signedInputs, type).toEqual([0]);
      expect(signed.validateSignaturesOfInput(0, validator), `${type} signature valid`).toBe(true);
      signed.finalizeAllInputs();
      const tx = signed.extractTransaction();
      // txid is fixed before signing only when no input has a scriptSig (native segwit)
      if (type === 'p2wpkh' || type === 'p2tr') expect(tx.getId(), `${type} txid`).toBe(review.txid);
      expect(Buffer.from(tx.ins[0].hash).reverse().toString('hex'), `${type} prevout`).toBe(review.inputs[0].txid);
      // estimated vsize is an upper bound within a few vbytes of the real signed size
      expect(review.vsize - tx.virtualSize(), `${type} vsize estimate`).toBeGreaterThanOrEqual(0);
      expect(review.vsize - tx.virtualSize(), `${type} vsize estimate`).toBeLessThanOrEqual(3);
    });
  }
});

describe('multisig PSBTs (our key is a cosigner), registered or not', () => {
  for (const type of ['p2wsh', 'p2sh-p2wsh', 'p2sh'] as MultiType[]) {
    for (const sorted of [true, false]) {
      it(`${type} ${sorted ? 'sortedmulti' : 'multi'}: our signature validates; with a second cosigner the tx extracts`, () => {
        const w = jsMultisig(type, sorted);
        const psbt = buildPsbt([{ kind: 'multi', wallet: w, value: 300_000n }],
          [{ kind: 'address', address: THEIR_ADDRESS, value: 100_000n }, { kind: 'multi-change', wallet: w, chain: 1, index: 2, value: 199_000n }]);
        // unregistered: signs, but change is not verified
        const bare = signWithUs(psbt);
        expect(bare.review.outputs[1].role, 'unregistered change').toBe('payment');
        expect(bare.review.warnings.map((x) => x.code), 'unregistered').toContain('CHANGE_NOT_VERIFIED');
        // registered: change verified
        const { review, signed } = signWithUs(psbt, [toWallet(w)]);
        expect(review.outputs[1], `${type} change`).toMatchObject({ role: 'change', path: `${w.keys[0].path}/1/2`, wallet: 'test wallet' });
        expect(review.inputs[0], type).toMatchObject({ ours: true, scriptType: type, path: `${w.keys[0].path}/0/0` });
        expect(signed.validateSignaturesOfInput(0, validator), `${type} our signature`).toBe(true);
        signed.signInput(0, other1.derivePath(`${w.keys[1].path}/0/0`));
        signed.finalizeAllInputs();
        const tx = signed.extractTransaction();
        if (type === 'p2wsh') expect(tx.getId(), `${type} txid`).toBe(review.txid);
        expect(tx.outs.map((o) => o.value), `${type} outputs`).toEqual([100_000n, 199_000n]);
      });
    }
  }
});

describe('signing rules', () => {
  it('only inputs marked ours are signed; a foreign input is left untouched', () => {
    const psbt = buildPsbt([{ kind: 'single', type: 'p2wpkh' }, { kind: 'single', type: 'p2wpkh', owner: other1 }],
      [{ kind: 'address', address: THEIR_ADDRESS, value: 150_000n }]);
    const { review, out, signed } = signWithUs(psbt);
    expect(review.inputs.map((i) => i.ours), 'ours').toEqual([true, false]);
    expect(review.warnings.map((w) => w.code), 'warning').toContain('FOREIGN_INPUTS');
    expect(out.signedInputs, 'signed').toEqual([0]);
    expect(signed.data.inputs[1].partialSig, 'foreign input').toBeUndefined();
  });

  it('a review that differs from the approved one is refused (psbt/review-changed)', () => {
    const a = buildPsbt([{ kind: 'single', type: 'p2wpkh' }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]).toBuffer();
    const b = buildPsbt([{ kind: 'single', type: 'p2wpkh' }], [{ kind: 'address', address: THEIR_ADDRESS, value: 80_000n }]).toBuffer();
    const root = ourRoot();
    const approved = reviewPsbt(a, { network: NET, keys: root });
    expect(codeOf(() => signPsbt(b, root, approved, { network: NET }))).toBe('psbt/review-changed');
  });

  it('unusual sighash is refused (SINGLE|ANYONECANPAY)', () => {
    const bytes = buildPsbt([{ kind: 'single', type: 'p2wpkh', sighashType: 0x83 }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]).toBuffer();
    const root = ourRoot();
    const r = reviewPsbt(bytes, { network: NET, keys: root });
    expect(r.warnings.map((w) => w.code), 'warning').toContain('UNUSUAL_SIGHASH');
    expect(r.canSign, 'canSign').toBe(false);
    expect(codeOf(() => signPsbt(bytes, root, r, { network: NET }))).toBe('psbt/unsupported-sighash');
  });

  it('PSBT v2 in → v2 out, and the signature validates after conversion', () => {
    const bytes = buildPsbt([{ kind: 'single', type: 'p2wpkh' }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]).toBuffer();
    const v2 = parsePsbt(bytes).tx.toPSBT(2);
    const root = ourRoot();
    const r = reviewPsbt(v2, { network: NET, keys: root });
    expect(r.psbtVersion, 'review version').toBe(2);
    const out = signPsbt(v2, root, r, { network: NET });
    const back = parsePsbt(out.psbt);
    expect(back.version, 'output version').toBe(2);
    const v0 = bitcoin.Psbt.fromBuffer(back.tx.toPSBT(0));
    expect(v0.validateSignaturesOfInput(0, validator), 'signature').toBe(true);
  });

  it('--finalize produces a complete single-sig transaction', () => {
    const psbt = buildPsbt([{ kind: 'single', type: 'p2wpkh' }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]);
    const { out, review } = signWithUs(psbt, [], true);
    expect(out.finalizedInputs, 'finalized').toEqual([0]);
    const tx = bitcoin.Psbt.fromBuffer(out.psbt).extractTransaction();
    expect(tx.getId(), 'txid').toBe(review.txid);
  });
});
