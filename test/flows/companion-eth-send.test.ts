/**
 * Companion Ethereum send flow, SeedSigner FlowStep style, with real requests and real answers:
 * the account is "abandon … about" m/44'/60'/0'/0/0 paired from its ur:crypto-hdkey; prepareEthSend
 * runs against a fake node (chain 31337, nonce 4, base fee 7 gwei + tip 2 gwei, 21,000 gas; ERC-20
 * "USDT" with 6 decimals at TOKEN, 60,000 gas with headroom) and the station's review + signature come
 * from shared/ethereum (review.ts, sign.ts). Pins: a signature for another request is refused at scan
 * with a fresh scanner; the summary the user checks; sent → mined / reverted headings.
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { ethAccountKey } from '../../shared/ethereum/account-export';
import { encodeEthHdkeyUr } from '../../shared/ur/account-export';
import { parseEthSignRequest } from '../../shared/ethereum/request';
import { reviewEthRequest } from '../../shared/ethereum/review';
import { signEthRequest } from '../../shared/ethereum/sign';
import type { ScanPayload } from '../../shared/ur/assembler';
import { draftsFromText } from '../../companion/src/watch/import';
import type { EvmBackend } from '../../companion/src/net/types';
import type { EthWatchAccount } from '../../companion/src/watch/types';
import { prepareEthSend } from '../../companion/src/flows/build-eth-tx/prepare';
import { initialState, sentTitle, transition, type Event, type State } from '../../companion/src/flows/build-eth-tx/machine';
import { pendingOf, readEthAnswer, readEthForm } from '../../companion/src/flows/build-eth-tx/answer';
import { runFlow, type FlowStep } from './flow-step';
import { codeOf } from '../unit/support/error-code';

const root = HDKey.fromMasterSeed(mnemonicToSeedSync('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'));
const k = ethAccountKey(root);
const account: EthWatchAccount = { ...(draftsFromText(encodeEthHdkeyUr(k.fingerprint, k.xpub), 'mainnet')[0] as Omit<EthWatchAccount, 'id' | 'label'>), id: 'eth', label: 'ETH' };
const TO = '0x8ba1f109551bD432803012645Ac136ddd64DBA72';
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const GWEI = 10n ** 9n;
const node: EvmBackend = {
  host: 'fake',
  chainId: async () => 31337n,
  balance: async () => 10n ** 18n,
  nonce: async () => 4n,
  feeData: async () => ({ baseFeeWei: 7n * GWEI, maxPriorityFeePerGasWei: 2n * GWEI }),
  estimateGas: async (tx) => (tx.data ? 50_000n : 21_000n),
  call: async () => new Uint8Array(32),
  sendRaw: async () => '0x',
  receipt: async () => null,
};
const run = (script: FlowStep<State, Event>[]) => runFlow<State, Event>(transition, initialState, script);
const sigPayload = (cbor: Uint8Array): ScanPayload => ({ kind: 'eth-signature', urType: 'eth-signature', cbor });
const stationSign = (requestCbor: Uint8Array) => signEthRequest(requestCbor, root, reviewEthRequest(parseEthSignRequest(requestCbor), { root })).cbor;

async function prepared(amount: string, asset = 'ETH', idByte = 1) {
  const tokens = [{ address: TOKEN, symbol: 'USDT', decimals: 6 }];
  const form = readEthForm(tokens, { asset, to: TO, amount });
  const prep = await prepareEthSend(account, node, form, new Uint8Array(16).fill(idByte));
  return pendingOf(account.id, account.address, prep, form, 0);
}

describe('companion eth send flow', () => {
  it('ETH: form → building → review → show → scan → other request refused → signature → final → broadcast → sent → mined', async () => {
    const p = await prepared('0.1');
    const other = await prepared('0.1', 'ETH', 2);
    let wrong: Event | undefined;
    run([
      { send: { type: 'loaded', pending: null } },
      { expect: 'form' },
      { send: { type: 'submit' } },
      { expect: 'building' },
      { send: { type: 'built', p } },
      { expect: 'review', where: (s) => s.step === 'review' && expect(s.p.summary).toEqual({
        To: TO, Amount: '0.1 ETH', 'Max fee': '0.000336 ETH (21000 gas × 16 gwei)', Nonce: '4', Chain: '31337',
      }) },
      { send: { type: 'show' } },
      { send: { type: 'scan' } },
      { expect: 'scan' },
      { send: (wrong = readEthAnswer(p, sigPayload(stationSign(other.requestCbor)))) },
      { expect: 'scan', where: (s) => {
        expect(wrong?.type).toBe('answer-rejected');
        if (s.step !== 'scan') return;
        expect(codeOf(() => { throw s.error; })).toBe('eth/request-id-mismatch');
        expect(s.attempt).toBe(1);
      } },
      { send: readEthAnswer(p, sigPayload(stationSign(p.requestCbor))) },
      { expect: 'final', where: (s) => s.step === 'final' && expect([s.tx.from.toLowerCase(), s.error]).toEqual([account.address.toLowerCase(), undefined]) },
      { send: { type: 'broadcast' } },
      { expect: 'broadcasting' },
      { send: { type: 'broadcasted', hash: '0xabc' } },
      { expect: 'sent', where: (s) => s.step === 'sent' && expect(sentTitle(s.receipt)).toBe('Sent — waiting for it to be mined…') },
      { send: { type: 'mined', receipt: { blockNumber: 12n, status: 'success' } as never } },
      { expect: 'sent', where: (s) => s.step === 'sent' && expect(sentTitle(s.receipt)).toBe('Mined in block 12') },
    ]);
    expect(sentTitle({ blockNumber: 13n, status: 'reverted' } as never)).toBe('Mined in block 13, but the transaction reverted');
  });

  it('ERC-20 summary names the token and its contract; a pending request resumes at scan; cancel discards it', async () => {
    const p = await prepared('5', TOKEN);
    expect(p.summary.Amount).toBe('5 USDT');
    expect(p.summary['Token contract']).toBe(TOKEN);
    expect(p.summary['Max fee']).toMatch(/^[\d.]+ ETH \(60000 gas × 16 gwei\)$/);
    run([
      { send: { type: 'loaded', pending: p } },
      { expect: 'scan' },
      { send: { type: 'show' } },
      { expect: 'show' },
      { send: { type: 'cancel' } },
      { expect: 'form' },
    ]);
  });

  it('not an eth-signature, a bad amount, a failed broadcast', () => {
    expect(codeOf(() => readEthForm([], { asset: 'ETH', to: TO, amount: 'a lot' }))).toBe('input/bad-encoding');
    const ev = readEthAnswer({} as never, { kind: 'text', text: 'hi' });
    expect(ev.type === 'answer-rejected' && codeOf(() => { throw ev.error; })).toBe('ur/unsupported-type');
    const final: State = { step: 'final', p: {} as never, tx: { rawTx: '0x', hash: '0x1', from: '0x2' } };
    const s = transition(transition(final, { type: 'broadcast' }), { type: 'failed', error: new Error('nonce too low') });
    expect(s.step === 'final' && String(s.error)).toMatch(/nonce too low/);
  });
});
