/**
 * Companion Bitcoin send flow, SeedSigner FlowStep style, against real PSBTs and real answers.
 * Fixtures (test/unit/bitcoin/fixtures.ts, testnet, "abandon … about"):
 * - single-sig: one P2WPKH coin at m/84'/1'/0'/0/0 (100,000 sat) → 90,000 sat to THEIR_ADDRESS, no
 *   change, fee 10,000 sat; the station's answer is signed by shared/bitcoin/sign.ts.
 * - multisig: 2-of-3 P2WSH sortedmulti (our key + seeds 0x01…, 0x02…), one 1,000,000 sat coin (witness UTXO) →
 *   600,000 sat to THEIR_ADDRESS + 399,000 sat change at 1/0, fee 1,000 sat; two cosigner stations sign.
 * The flow reads each answer with readBtcAnswer (what the component does) and replays the user's steps.
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { reviewPsbt } from '../../shared/bitcoin/review';
import { signPsbt } from '../../shared/bitcoin/sign';
import type { ScanPayload } from '../../shared/ur/assembler';
import { initialState, multisigProgress, paymentSats, transition, type BtcPending, type Event, type State } from '../../companion/src/flows/build-psbt/machine';
import { readBtcAnswer, readBtcForm } from '../../companion/src/flows/build-psbt/answer';
import { runFlow, type FlowStep } from './flow-step';
import { NET, THEIR_ADDRESS, buildPsbt, jsMultisig, ourRoot, toWallet } from '../unit/bitcoin/fixtures';
import { codeOf } from '../unit/support/error-code';

const run = (script: FlowStep<State, Event>[], from: State = initialState) => runFlow<State, Event>(transition, from, script);
const single = (value = 90_000n) => buildPsbt([{ kind: 'single', type: 'p2wpkh' }], [{ kind: 'address', address: THEIR_ADDRESS, value }]).toBuffer();
const psbtPayload = (bytes: Uint8Array): ScanPayload => ({ kind: 'psbt', urType: 'crypto-psbt', bytes, cbor: new Uint8Array() });
const pending = (psbt: Uint8Array, outputs: BtcPending['outputs'], feeSats: bigint): BtcPending =>
  ({ kind: 'btc', accountId: 'acct', psbt, txid: 'ab'.repeat(32), feeSats, vsize: 110, outputs, createdAt: 0 });

function stationSign(bytes: Uint8Array, root: HDKey, wallets = [] as ReturnType<typeof toWallet>[]): Uint8Array {
  const review = reviewPsbt(bytes, { network: NET, keys: root, wallets });
  return signPsbt(bytes, root, review, { network: NET, wallets }).psbt;
}

describe('companion btc send flow', () => {
  it('single-sig: form → building → review → show → scan → wrong answer refused → right answer → final → broadcast → done', () => {
    const bytes = single();
    const p = pending(bytes, [{ address: THEIR_ADDRESS, amountSats: 90_000n, role: 'payment' }], 10_000n);
    const wrong = stationSign(single(80_000n), ourRoot());
    const right = stationSign(bytes, ourRoot());
    const wallet = { network: 'testnet' as const, multisig: false };
    let mismatch: Event | undefined;
    const end = run([
      { expect: 'loading' },
      { send: { type: 'loaded', pending: null } },
      { expect: 'form' },
      { send: { type: 'submit' } },
      { expect: 'building' },
      { send: { type: 'built', p } },
      { expect: 'review', where: (s) => s.step === 'review' && expect(paymentSats(s.p)).toBe(90_000n) },
      { send: { type: 'show' } },
      { expect: 'show' },
      { send: { type: 'scan' } },
      { expect: 'scan', where: (s) => s.step === 'scan' && expect(s.attempt).toBe(0) },
      { send: (mismatch = readBtcAnswer(p, psbtPayload(wrong), wallet)) },
      { expect: 'scan', where: (s) => {
        expect(mismatch?.type).toBe('answer-rejected');
        if (s.step !== 'scan') return;
        expect(codeOf(() => { throw s.error; })).toBe('wallet/signed-psbt-mismatch');
        expect(s.attempt, 'a fresh scanner for the next try').toBe(1);
      } },
      { send: readBtcAnswer(p, psbtPayload(right), wallet) },
      { expect: 'final', where: (s) => {
        if (s.step !== 'final') return;
        expect(s.error).toBeUndefined();
        expect(s.final.outputs.map((o) => [o.address, o.amountSats])).toEqual([[THEIR_ADDRESS, 90_000n]]);
        expect(s.final.feeSats).toBe(10_000n);
      } },
      { send: { type: 'broadcast' } },
      { expect: 'broadcasting' },
      { send: { type: 'broadcasted', txid: 'cd'.repeat(32) } },
      { expect: 'done' },
    ]);
    expect(end).toEqual({ step: 'done', txid: 'cd'.repeat(32) });
  });

  it('a rejected broadcast returns to the final look with the error; cancel discards the send', () => {
    const bytes = single();
    const p = pending(bytes, [{ address: THEIR_ADDRESS, amountSats: 90_000n, role: 'payment' }], 10_000n);
    const final = readBtcAnswer(p, psbtPayload(stationSign(bytes, ourRoot())), { network: 'testnet', multisig: false });
    run([
      { send: { type: 'loaded', pending: p } },
      { expect: 'scan' },
      { send: final },
      { expect: 'final' },
      { send: { type: 'broadcast' } },
      { send: { type: 'failed', error: new Error('node said no') } },
      { expect: 'final', where: (s) => s.step === 'final' && expect(String(s.error)).toMatch(/node said no/) },
      { send: { type: 'cancel' } },
      { expect: 'form' },
    ]);
  });

  it('a payload that is not a PSBT is refused at scan; a build failure returns to the form with the error', () => {
    const p = pending(single(), [], 0n);
    const ev = readBtcAnswer(p, { kind: 'text', text: 'hello' }, { network: 'testnet', multisig: false });
    expect(ev.type === 'answer-rejected' && codeOf(() => { throw ev.error; })).toBe('ur/unsupported-type');
    run([
      { send: { type: 'loaded', pending: null } },
      { send: { type: 'submit' } },
      { send: { type: 'failed', error: new Error('no coins') } },
      { expect: 'form', where: (s) => s.step === 'form' && expect(s.error).toBeInstanceOf(Error) },
      // nothing but submit leaves the form
      { send: { type: 'broadcast' } },
      { expect: 'form' },
    ]);
    expect(codeOf(() => readBtcForm({ to: 'x', amount: 'lots', max: false, fee: '2' }))).toBe('input/bad-encoding');
    expect(readBtcForm({ to: ' x ', amount: 'lots', max: true, fee: '2.5' })).toEqual({ recipients: [{ address: 'x', amountSats: 0n }], max: true, feeRateSatVb: 2.5 });
  });

  it('multisig combine: 1 of 2 → other transaction refused → 2 of 2 → finalized', () => {
    const ms = jsMultisig('p2wsh', true);
    const wallets = [toWallet(ms)];
    const roots = [ourRoot(), HDKey.fromMasterSeed(new Uint8Array(32).fill(1), NET.bip32), HDKey.fromMasterSeed(new Uint8Array(32).fill(2), NET.bip32)];
    const build = (value: bigint) => buildPsbt([{ kind: 'multi', wallet: ms, value: 1_000_000n, witnessOnly: true }], [{ kind: 'address', address: THEIR_ADDRESS, value }, { kind: 'multi-change', wallet: ms, chain: 1, index: 0, value: 999_000n - value }]).toBuffer();
    const bytes = build(600_000n);
    const p = pending(bytes, [{ address: THEIR_ADDRESS, amountSats: 600_000n, role: 'payment' }, { address: 'tb1q-change-at-1-0', amountSats: 399_000n, role: 'change' }], 1_000n);
    const wallet = { network: 'testnet' as const, multisig: true };
    let s: State = run([{ send: { type: 'loaded', pending: p } }, { expect: 'scan' }]);
    const answer = (signed: Uint8Array) => {
      if (s.step !== 'scan') throw new Error(s.step);
      s = transition(s, readBtcAnswer(s.p, psbtPayload(signed), wallet));
      return s;
    };
    s = answer(stationSign(bytes, roots[2], wallets));
    expect(s.step).toBe('scan');
    if (s.step !== 'scan') return;
    expect(s.error).toBeUndefined();
    expect(multisigProgress(s.p)).toEqual({ signatures: 1, signers: [toWallet(ms).cosigners[2].fingerprint] });
    expect(s.attempt).toBe(1);
    s = answer(stationSign(build(500_000n), roots[0], wallets));
    expect(s.step === 'scan' && [multisigProgress(s.p).signatures, s.attempt, codeOf(() => { throw s.step === 'scan' && s.error; })]).toEqual([1, 2, 'wallet/signed-psbt-mismatch']);
    s = answer(stationSign(bytes, roots[0], wallets));
    expect(s.step).toBe('final');
    if (s.step !== 'final') return;
    expect(multisigProgress(s.p).signatures).toBe(2);
    expect(s.final.outputs.map((o) => o.amountSats)).toEqual([600_000n, 399_000n]);
    expect(s.final.feeSats).toBe(1_000n);
  });
});
