/**
 * Sign-ETH flow, FlowStep style, against real reviews of requests built as MetaMask builds them
 * (@keystonehq/bc-ur-registry-eth, test/unit/ethereum/fixtures.ts). Pins: nothing signed before
 * 'confirm'; a request for another key is a terminal refusal; the headline a user reads first for
 * transfers, unlimited approvals, permits and messages; the answer verifies with ethers.
 */
import { describe, expect, it } from 'vitest';
import { Interface, Signature, Transaction as EthersTx } from 'ethers';
import { ETHSignature } from '@keystonehq/bc-ur-registry-eth';
import { parseEthSignRequest } from '../../shared/ethereum/request';
import { reviewEthRequest, type EthReview } from '../../shared/ethereum/review';
import { signEthRequest } from '../../shared/ethereum/sign';
import { initialState, transition, type Event, type State } from '../../station/src/flows/sign-eth/machine';
import { callArgRows, chainText, ETH_WARNING_TITLES, feeRows, headline } from '../../station/src/flows/sign-eth/present';
import { runFlow } from './flow-step';
import { ADDR0, MAX_UINT, SPENDER, TOKEN, eip1559, messageRequest, testRoot, txRequest, typedDataRequest } from '../unit/ethereum/fixtures';

const KEY = { keyId: 'k1', label: 'Test key', fingerprint: '73c5da0a' };
const review = (cbor: Uint8Array): EthReview => reviewEthRequest(parseEthSignRequest(cbor), { root: testRoot() });
const run = (script: Parameters<typeof runFlow<State, Event>>[2]) => runFlow<State, Event>(transition, initialState, script);
const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');
const erc20 = new Interface(['function approve(address spender,uint256 amount)', 'function transfer(address to,uint256 amount)']);

describe('sign-eth flow', () => {
  it('EIP-1559 transfer: review → confirm → signing → signed; signature recovers to our address', () => {
    const tx = eip1559();
    const cbor = txRequest(tx);
    const r = review(cbor);
    expect(headline(r)).toBe('Send 0.1 ETH');
    expect(chainText(r)).toBe('Ethereum Mainnet (chain 1)');
    expect(feeRows(r).find(([k]) => k === 'Maximum network fee')?.[1]).toBe('0.00063 ETH');
    const end = run([
      { send: { type: 'scanned' } },
      { expect: 'reviewing' },
      { send: { type: 'reviewed', key: KEY, review: r } },
      { expect: 'review' },
      { send: { type: 'signed', signatureCbor: new Uint8Array([1]) } },
      { expect: 'review' },
      { send: { type: 'confirm' } },
      { expect: 'signing' },
    ]);
    if (end.step !== 'signing') throw new Error(end.step);
    const res = signEthRequest(cbor, testRoot(), end.review);
    const done = transition(end, { type: 'signed', signatureCbor: res.cbor });
    expect(done.step).toBe('signed');
    const sig = new Uint8Array(ETHSignature.fromCBOR(Buffer.from(res.cbor)).getSignature());
    const signed = EthersTx.from({ ...tx, signature: Signature.from({ r: hex(sig.slice(0, 32)), s: hex(sig.slice(32, 64)), yParity: sig[64] as 0 | 1 }) });
    expect(signed.from).toBe(ADDR0);
  });

  it('a request for another key (wrong fingerprint) is refused and stays refused', () => {
    const r = review(txRequest(eip1559(), { xfp: 'deadbeef' }));
    expect(r.canSign).toBe(false);
    run([
      { send: { type: 'scanned' } },
      { send: { type: 'reviewed', key: KEY, review: r } },
      { expect: 'refused', where: (s) => s.step === 'refused' && expect(s.code).toBe('eth/wrong-fingerprint') },
      { send: { type: 'confirm' } },
      { expect: 'refused' },
    ]);
  });

  it('an unreadable request ends refused with its error code', () => {
    run([
      { send: { type: 'scanned' } },
      { send: { type: 'review-failed', code: 'eth/bad-request' } },
      { expect: 'refused', where: (s) => s.step === 'refused' && expect(s.code).toBe('eth/bad-request') },
    ]);
  });

  it('unlimited ERC-20 approval: the headline and the amount say UNLIMITED', () => {
    const r = review(txRequest(eip1559({ to: TOKEN, value: 0n, gasLimit: 60000n, data: erc20.encodeFunctionData('approve', [SPENDER, MAX_UINT]) })));
    expect(headline(r)).toBe(`Approve UNLIMITED tokens for ${SPENDER}`);
    if (r.data?.type !== 'token-call') throw new Error('not decoded');
    expect(callArgRows(r.data).find((x) => x.name === 'amount')).toMatchObject({ unlimited: true, value: MAX_UINT.toString() });
    expect(r.warnings.map((w) => w.code)).toContain('UNLIMITED_APPROVAL');
  });

  it('a limited ERC-20 transfer is not flagged unlimited', () => {
    const r = review(txRequest(eip1559({ to: TOKEN, value: 0n, gasLimit: 60000n, data: erc20.encodeFunctionData('transfer', [SPENDER, 5n]) })));
    expect(headline(r)).toBe(`Send 5 token units to ${SPENDER}`);
    if (r.data?.type !== 'token-call') throw new Error('not decoded');
    expect(callArgRows(r.data).every((x) => !x.unlimited)).toBe(true);
  });

  it('EIP-712 permit and personal message headlines', () => {
    const types = {
      EIP712Domain: [{ name: 'name', type: 'string' }, { name: 'version', type: 'string' }, { name: 'chainId', type: 'uint256' }, { name: 'verifyingContract', type: 'address' }],
      Permit: [{ name: 'owner', type: 'address' }, { name: 'spender', type: 'address' }, { name: 'value', type: 'uint256' }, { name: 'nonce', type: 'uint256' }, { name: 'deadline', type: 'uint256' }],
    };
    const permit = review(typedDataRequest({ types, primaryType: 'Permit', domain: { name: 'USD Coin', version: '2', chainId: 1, verifyingContract: TOKEN }, message: { owner: ADDR0, spender: SPENDER, value: '5', nonce: 0, deadline: 1999999999 } }));
    expect(headline(permit)).toBe(`Sign a token permit for ${SPENDER}`);
    expect(feeRows(permit)).toEqual([]);
    expect(headline(review(messageRequest('hello')))).toBe('Sign a message');
  });

  it('unknown chain is named by number', () => {
    expect(chainText(review(txRequest(eip1559({ chainId: 987654 }))))).toBe('chain 987654 — not a network Airlock knows');
    for (const [code, t] of Object.entries(ETH_WARNING_TITLES)) expect(t.length, code).toBeGreaterThan(3);
  });
});
