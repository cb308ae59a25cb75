/**
 * Companion "new multisig wallet" flow, SeedSigner FlowStep style, with the stations' real exports on
 * regtest: "abandon … about" as a scanned ur:crypto-account CBOR, "legal winner …" as Coldcard one-key
 * text, "zoo … wrong" as Coldcard JSON (pasted). Each is read by read.ts exactly as the screen does.
 * Pins: the same key twice and a pasted mnemonic are refused at collect (fresh scanner after a scan);
 * M is clamped to the keys present; 2-of-3 wsh(sortedmulti) → preview → adding → added; a whole wallet
 * descriptor goes straight to the preview.
 */
import { describe, expect, it } from 'vitest';
import { deriveStandardAccounts } from '../../shared/keys/accounts';
import { encodeCryptoAccountCbor } from '../../shared/ur/account-export';
import { cosignerKey, exportCosignerJson, exportCosignerText, walletDescriptor } from '../../shared/bitcoin/multisig';
import { initialState, thresholdChoices, transition, type Event, type State } from '../../companion/src/flows/multisig-import/machine';
import { createWallet, readMultisigScan, readMultisigText } from '../../companion/src/flows/multisig-import/read';
import { runFlow, type FlowStep } from './flow-step';
import { codeOf } from '../unit/support/error-code';
import { NET, roots } from '../unit/support/multisig-wallet';

const keys = roots.map((r) => cosignerKey(r, NET));
const accts = deriveStandardAccounts(roots[0], NET);
const accountCbor = encodeCryptoAccountCbor(accts[0].fingerprint, accts.map((a) => ({ path: a.path, scriptType: a.scriptType, xpub: a.xpub })), 'regtest');
const list = (s: State) => (s.step === 'added' ? [] : s.cosigners);
const errCode = (s: State) => (s.step !== 'added' && s.error !== undefined ? codeOf(() => { throw s.error; }) : 'none');

describe('companion multisig import flow', () => {
  it('1 key → duplicate refused → mnemonic refused → 3 keys → M=2 → create → preview → adding → added', () => {
    let s: State = initialState;
    const step = (ev: (cur: State) => Event, check?: (s: State) => void) => {
      s = transition(s, ev(s));
      check?.(s);
    };
    step((c) => readMultisigScan({ kind: 'account', urType: 'crypto-account', cbor: accountCbor }, 'regtest', list(c)), (s) => {
      expect(list(s)).toEqual([keys[0]]);
      expect(s.step === 'collect' && [s.threshold, s.attempt]).toEqual([1, 1]);
      expect(thresholdChoices(1).map((o) => o.text)).toEqual(['1 of 1']);
    });
    step((c) => readMultisigScan({ kind: 'account', urType: 'crypto-account', cbor: accountCbor }, 'regtest', list(c)), (s) => {
      expect(errCode(s)).toBe('multisig/unparseable');
      expect(s.step === 'collect' && [s.cosigners.length, s.attempt]).toEqual([1, 2]);
    });
    step((c) => readMultisigText('abandon '.repeat(11) + 'about', 'regtest', list(c)), (s) => expect(errCode(s)).toBe('wallet/secret-refused'));
    step((c) => readMultisigScan({ kind: 'text', text: exportCosignerText(roots[1], NET) }, 'regtest', list(c)), (s) => expect(errCode(s), 'a read clears the error').toBe('none'));
    step((c) => readMultisigText(exportCosignerJson(roots[2], NET), 'regtest', list(c)), (s) => {
      expect(list(s)).toEqual(keys);
      expect(s.step === 'collect' && [s.threshold, s.attempt], 'a paste does not remount the scanner').toEqual([1, 3]);
    });
    step(() => ({ type: 'threshold', m: 2 }));
    step((c) => (c.step === 'collect' ? createWallet(c.cosigners, c.threshold, 'Family vault', 'regtest') : { type: 'back' }), (s) => {
      expect(s.step).toBe('preview');
      if (s.step !== 'preview') return;
      expect([s.wallet.threshold, s.wallet.cosigners.length, s.wallet.name]).toEqual([2, 3, 'Family vault']);
      expect(walletDescriptor(s.wallet)).toMatch(/^wsh\(sortedmulti\(2,\[73c5da0a\/48'\/1'\/0'\/2'\]tpub.+#[a-z0-9]{8}$/);
    });
    step(() => ({ type: 'back' }), (s) => expect(s.step === 'collect' && s.cosigners.length).toBe(3));
    step((c) => (c.step === 'collect' ? createWallet(c.cosigners, c.threshold, '', 'regtest') : { type: 'back' }));
    step(() => ({ type: 'add' }), (s) => expect(s.step).toBe('adding'));
    step(() => ({ type: 'add-failed', error: new Error('storage full') }), (s) => expect(s.step === 'preview' && String(s.error)).toMatch(/storage full/));
    step(() => ({ type: 'add' }));
    step(() => ({ type: 'added', id: 'ms1' }), (s) => expect(s).toEqual({ step: 'added', id: 'ms1' }));
  });

  it('a wallet descriptor goes straight to the preview; removing a key; one key left cannot make a wallet', () => {
    const full = createWallet(keys, 2, 'Vault', 'regtest');
    if (full.type !== 'wallet') throw new Error(full.type);
    const script: FlowStep<State, Event>[] = [
      { send: readMultisigText(exportCosignerText(roots[1], NET), 'regtest', []) },
      { send: readMultisigText(exportCosignerText(roots[2], NET), 'regtest', [keys[1]]) },
      { send: { type: 'threshold', m: 2 } },
      { send: { type: 'remove', index: 0 } },
      { expect: 'collect', where: (s) => {
        expect(list(s)).toEqual([keys[2]]);
        // one key left (and M still 2): creating is refused
        expect(s.step === 'collect' && createWallet(s.cosigners, s.threshold, '', 'regtest').type).toBe('rejected');
      } },
      { send: readMultisigText(walletDescriptor(full.wallet), 'regtest', [keys[2]]) },
      { expect: 'preview', where: (s) => s.step === 'preview' && expect(s.wallet.cosigners.map((c) => c.fingerprint)).toEqual(keys.map((k) => k.fingerprint)) },
    ];
    runFlow<State, Event>(transition, initialState, script);
    expect(readMultisigScan({ kind: 'bbqr' } as never, 'regtest', []).type).toBe('rejected');
  });
});
