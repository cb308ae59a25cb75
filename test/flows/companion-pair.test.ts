/**
 * Companion pairing flow, SeedSigner FlowStep style: the station's real exports ("abandon … about",
 * mainnet: ur:crypto-account with the 4 single-sig accounts, read as a scanned payload; a wpkh
 * descriptor with origin pasted) are read by read.ts exactly as the screen does. Pins: a refused export
 * (a pasted mnemonic, a bare xpub, BBQr) keeps the user at scan with the error; scan again from the
 * preview gives a fresh scanner; saved opens the one account, or home for several.
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { NETWORKS } from '../../shared/bitcoin/networks';
import { deriveAccount, deriveStandardAccounts } from '../../shared/keys/accounts';
import { encodeCryptoAccountCbor } from '../../shared/ur/account-export';
import { singleSigDescriptor } from '../../shared/bitcoin/descriptor';
import { initialState, previewTitle, routeAfterSave, transition, type Event, type State } from '../../companion/src/flows/pair/machine';
import { pairErrorNote, readPairScan, readPairText } from '../../companion/src/flows/pair/read';
import { runFlow, type FlowStep } from './flow-step';
import { codeOf } from '../unit/support/error-code';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';
const root = HDKey.fromMasterSeed(mnemonicToSeedSync(MNEMONIC));
const run = (script: FlowStep<State, Event>[]) => runFlow<State, Event>(transition, initialState, script);
const errCode = (s: State) => codeOf(() => { throw 'error' in s ? s.error : undefined; });

describe('companion pair flow', () => {
  it('scan crypto-account → preview of 4 accounts → add → saving → saved → home', () => {
    const accts = deriveStandardAccounts(root, NETWORKS.mainnet);
    const cbor = encodeCryptoAccountCbor(accts[0].fingerprint, accts.map((a) => ({ path: a.path, scriptType: a.scriptType, xpub: a.xpub })), 'mainnet');
    const end = run([
      { expect: 'scan' },
      { send: readPairScan({ kind: 'account', urType: 'crypto-account', cbor }, 'mainnet') },
      { expect: 'preview', where: (s) => {
        if (s.step !== 'preview') return;
        expect(previewTitle(s.drafts)).toBe('These 4 accounts will be watched');
        expect(s.drafts.map((d) => d.kind === 'btc' && `${d.fingerprint} ${d.path}`)).toContain("73c5da0a m/84'/0'/0'");
      } },
      { send: { type: 'add' } },
      { expect: 'saving' },
      { send: { type: 'added', ids: ['a', 'b', 'c', 'd'] } },
      { expect: 'saved' },
    ]);
    expect(end.step === 'saved' && routeAfterSave(end.ids)).toEqual({ name: 'home' });
  });

  it('refused exports stay at scan with the error; a pasted descriptor then reads; scan again; saved opens the account', () => {
    const a = deriveAccount(root, NETWORKS.mainnet, 'p2wpkh');
    const descriptor = singleSigDescriptor('p2wpkh', a.fingerprint, a.path, a.xpub);
    let bare: Event | undefined;
    const end = run([
      { send: readPairText(MNEMONIC, 'mainnet') },
      { expect: 'scan', where: (s) => expect(errCode(s)).toBe('wallet/secret-refused') },
      { send: readPairScan({ kind: 'bbqr', fileType: 'P', encoding: 'Z', bytes: new Uint8Array(1) } as never, 'mainnet') },
      { expect: 'scan', where: (s) => expect(errCode(s)).toBe('ur/unsupported-type') },
      { send: (bare = readPairText(a.xpub, 'mainnet')) },
      { expect: 'scan', where: (s) => {
        expect(bare?.type).toBe('read-failed');
        if (s.step === 'scan') expect(pairErrorNote(s.error)).toMatch(/no key origin/);
      } },
      { send: readPairText(descriptor, 'mainnet') },
      { expect: 'preview', where: (s) => {
        expect('error' in s ? s.error : undefined, 'the old error is gone').toBeUndefined();
        if (s.step === 'preview') expect(previewTitle(s.drafts)).toBe('This account will be watched');
      } },
      { send: { type: 'rescan' } },
      { expect: 'scan', where: (s) => s.step === 'scan' && expect(s.attempt).toBe(1) },
      { send: readPairText(descriptor, 'mainnet') },
      { send: { type: 'add' } },
      { send: { type: 'add-failed', error: new Error('storage full') } },
      { expect: 'preview', where: (s) => s.step === 'preview' && expect(String(s.error)).toMatch(/storage full/) },
      { send: { type: 'add' } },
      { send: { type: 'added', ids: ['w1'] } },
      { expect: 'saved' },
    ]);
    expect(end.step === 'saved' && routeAfterSave(end.ids)).toEqual({ name: 'account', id: 'w1' });
  });
});
