/**
 * Sign-PSBT flow, SeedSigner FlowStep style, against real reviews: PSBTs are built by bitcoinjs-lib
 * (test/unit/bitcoin/fixtures.ts: "abandon … about" on testnet, 2-of-3 P2WSH sortedmulti with our key
 * first) and reviewed by shared/bitcoin/review.ts exactly as the keyring does. Pins: nothing is signed
 * before 'confirm'; refusals are terminal; the answer keeps the UR type that came in; the labels a user
 * reads for each output role.
 */
import { describe, expect, it } from 'vitest';
import { reviewPsbt, type PsbtReview } from '../../shared/bitcoin/review';
import { signPsbt } from '../../shared/bitcoin/sign';
import { initialState, refusalOf, transition, type Event, type State } from '../../station/src/flows/sign-psbt/machine';
import { feeText, outputLabel, REFUSAL_ADVICE, REFUSAL_TITLES, WARNING_TITLES, warningSeverity } from '../../station/src/flows/sign-psbt/present';
import { runFlow } from './flow-step';
import { NET, THEIR_ADDRESS, bitcoin, buildPsbt, jsMultisig, ourRoot, other1, singlePath, toWallet, validator } from '../unit/bitcoin/fixtures';

const KEY = { keyId: 'k1', label: 'Test key', fingerprint: '73c5da0a' };
const wallet = jsMultisig('p2wsh', true);
const run = (script: Parameters<typeof runFlow<State, Event>>[2]) => runFlow<State, Event>(transition, initialState, script);

/** 0.01 BTC multisig coin → 0.006 BTC to someone else + 0.00399 BTC multisig change at 1/0; fee 1,000 sat. */
const multisigPsbt = () => buildPsbt(
  [{ kind: 'multi', wallet, value: 1_000_000n }],
  [{ kind: 'address', address: THEIR_ADDRESS, value: 600_000n }, { kind: 'multi-change', wallet, chain: 1, index: 0, value: 399_000n }],
).toBuffer();

function review(bytes: Uint8Array, registered = true): PsbtReview {
  return reviewPsbt(bytes, { network: NET, keys: ourRoot(), wallets: registered ? [toWallet(wallet)] : [] });
}

describe('sign-psbt flow', () => {
  it('registered multisig: review shows verified change, signs only after confirm, answers in the same UR type', () => {
    const bytes = multisigPsbt();
    const r = review(bytes);
    const end = run([
      { expect: 'empty' },
      { send: { type: 'scanned', network: 'testnet', urType: 'psbt' } },
      { expect: 'reviewing' },
      { send: { type: 'reviewed', key: KEY, review: r } },
      { expect: 'review', where: (s) => {
        if (s.step !== 'review') return;
        expect(s.review.outputs.map((o) => outputLabel(o).text)).toEqual(['to someone else', 'change (verified)']);
        expect(feeText(s.review)).toMatch(/^1,000 sat · [\d.]+ sat\/vB · about \d+ vB$/);
      } },
      // a stray 'signed' (or anything but confirm) cannot skip the review
      { send: { type: 'signed', psbt: new Uint8Array([1]), signedInputs: [0] } },
      { expect: 'review' },
      { send: { type: 'confirm' } },
      { expect: 'signing' },
      { send: { type: 'cancel' } },
      { expect: 'signing' },
    ]);
    if (end.step !== 'signing') throw new Error('not signing');
    // The keyring signs with exactly the review held by the machine; bitcoinjs validates the result.
    const res = signPsbt(bytes, ourRoot(), end.review, { network: NET, wallets: [toWallet(wallet)] });
    const done = transition(end, { type: 'signed', psbt: res.psbt, signedInputs: res.signedInputs });
    expect(done).toMatchObject({ step: 'signed', urType: 'psbt', signedInputs: [0] });
    expect(bitcoin.Psbt.fromBuffer(Buffer.from(res.psbt)).validateSignaturesOfInput(0, validator)).toBe(true);
  });

  it('change of an unregistered multisig wallet is labelled "claims to be ours but is not proven" (red)', () => {
    const r = review(multisigPsbt(), false);
    const s = transition(transition(initialState, { type: 'scanned', network: 'testnet', urType: 'crypto-psbt' }), { type: 'reviewed', key: KEY, review: r });
    if (s.step !== 'review') throw new Error(s.step);
    const l = outputLabel(s.review.outputs[1]);
    expect(l).toMatchObject({ tone: 'danger', text: 'claims to be ours but is not proven' });
    expect(s.review.warnings.map((w) => w.code)).toContain('CHANGE_NOT_VERIFIED');
    expect(warningSeverity('CHANGE_NOT_VERIFIED')).toBe('danger');
  });

  const refusals: [string, () => Uint8Array, string][] = [
    ['inputs not ours', () => buildPsbt([{ kind: 'single', type: 'p2wpkh', owner: other1 }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]).toBuffer(), 'no-inputs-ours'],
    ['mainnet path on a testnet station', () => buildPsbt([{ kind: 'single', type: 'p2wpkh', path: singlePath('p2wpkh', 0, 0, 0, 0) }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]).toBuffer(), 'network-mismatch'],
    ['SIGHASH_ALL|ANYONECANPAY', () => buildPsbt([{ kind: 'single', type: 'p2wpkh', sighashType: 0x81 }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]).toBuffer(), 'unusual-sighash'],
    ['our input without UTXO data', () => buildPsbt([{ kind: 'single', type: 'p2wpkh', noUtxo: true }], [{ kind: 'address', address: THEIR_ADDRESS, value: 90_000n }]).toBuffer(), 'missing-utxo'],
  ];
  for (const [name, make, reason] of refusals) {
    it(`refusal is terminal and signs nothing: ${name}`, () => {
      const r = review(make());
      expect(refusalOf(r)?.reason).toBe(reason);
      run([
        { send: { type: 'scanned', network: 'testnet', urType: 'crypto-psbt' } },
        { send: { type: 'reviewed', key: KEY, review: r } },
        { expect: 'refused', where: (s) => s.step === 'refused' && expect(s.reason).toBe(reason) },
        { send: { type: 'confirm' } },
        { expect: 'refused' },
      ]);
    });
  }

  it('contradicting UTXO data (fee lie) fails the review: refusal with psbt/utxo-mismatch', () => {
    const lie = buildPsbt([{ kind: 'single', type: 'p2wpkh', value: 200_000n }], [{ kind: 'address', address: THEIR_ADDRESS, value: 190_000n }]);
    const prevOut = bitcoin.Transaction.fromBuffer(lie.data.inputs[0].nonWitnessUtxo!).outs[1];
    lie.updateInput(0, { witnessUtxo: { script: prevOut.script, value: 2_000_000n } });
    let code = '';
    try {
      review(lie.toBuffer());
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).toBe('psbt/utxo-mismatch');
    run([
      { send: { type: 'scanned', network: 'testnet', urType: 'crypto-psbt' } },
      { send: { type: 'review-failed', code: 'psbt/utxo-mismatch', detail: { inputIndex: 0 } } },
      { expect: 'refused', where: (s) => s.step === 'refused' && expect([s.reason, s.code]).toEqual(['bad-psbt', 'psbt/utxo-mismatch']) },
    ]);
  });

  it('a review that changed between review and signing ends refused (psbt/review-changed), not signed', () => {
    const r = review(multisigPsbt());
    run([
      { send: { type: 'scanned', network: 'testnet', urType: 'crypto-psbt' } },
      { send: { type: 'reviewed', key: KEY, review: r } },
      { send: { type: 'confirm' } },
      { send: { type: 'sign-failed', code: 'psbt/review-changed' } },
      { expect: 'refused', where: (s) => s.step === 'refused' && expect(s.code).toBe('psbt/review-changed') },
    ]);
  });

  it('cancel from the review discards without signing', () => {
    run([
      { send: { type: 'scanned', network: 'testnet', urType: 'crypto-psbt' } },
      { send: { type: 'reviewed', key: KEY, review: review(multisigPsbt()) } },
      { send: { type: 'cancel' } },
      { expect: 'cancelled' },
      { send: { type: 'confirm' } },
      { expect: 'cancelled' },
    ]);
  });

  it('every warning code and refusal reason has user-facing text', () => {
    for (const [code, title] of Object.entries(WARNING_TITLES)) expect(title.length, code).toBeGreaterThan(3);
    for (const reason of Object.keys(REFUSAL_TITLES)) expect(REFUSAL_ADVICE[reason as keyof typeof REFUSAL_ADVICE].length, reason).toBeGreaterThan(20);
  });
});
