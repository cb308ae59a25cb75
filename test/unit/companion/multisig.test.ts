/**
 * Companion multisig without a browser: cosigner keys read from the stations' exports (ur:crypto-account
 * with its BIP-48 wsh(cosigner) output, Coldcard/Sparrow one-key text, Coldcard JSON, [fp/path]xpub) →
 * 2-of-3 wsh(sortedmulti) wallet (descriptor with checksum, parsed back identically) → gap-limit sync from
 * the in-memory Esplora double → prepareBtcSend → two stations (that registered the wallet) review and
 * sign → combined one answer at a time → finalized → broadcast; the double verifies the P2WSH multisig
 * signatures and that exactly the UTXOs it served are spent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { cosignerKey, exportCosignerText, parseMultisigDescriptor } from '../../../shared/bitcoin/multisig';
import { combineSignedPsbt, finalizeMultisigPsbt } from '../../../shared/bitcoin/combine-psbt';
import { reviewPsbt } from '../../../shared/bitcoin/review';
import { signPsbt } from '../../../shared/bitcoin/sign';
import { createEsploraClient } from '../../../companion/src/net/esplora';
import { deriveAddresses, syncBtcAccount } from '../../../companion/src/watch/btc-sync';
import { addCosigners, buildWallet, multisigDraft, readMultisigInput, walletOf } from '../../../companion/src/watch/multisig';
import { draftId, defaultLabel } from '../../../companion/src/watch/import';
import { prepareBtcSend } from '../../../companion/src/flows/build-psbt/prepare';
import { broadcastBtc } from '../../../companion/src/flows/broadcast/broadcast';
import type { BtcMultisigAccount } from '../../../companion/src/watch/types';
import { startEsploraServer, type EsploraDouble } from '../../e2e/support/esplora-server';
import { codeOf } from '../support/error-code';
import { NET, THEIRS, cosignerExports, roots } from '../support/multisig-wallet';



let srv: EsploraDouble;
beforeAll(async () => {
  srv = await startEsploraServer();
});
afterAll(async () => {
  await srv.close();
});

describe('companion multisig wallet', () => {
  it('cosigner keys from three export formats → 2-of-3 wsh(sortedmulti) with checksum; the same key twice is not added', () => {
    let list = cosignerExports().flatMap((t) => {
      const r = readMultisigInput(t, 'regtest');
      if (r.kind !== 'cosigners') throw new Error(r.kind);
      return r.cosigners;
    });
    expect(list).toEqual(roots.map((r) => cosignerKey(r, NET)));
    list = addCosigners(list, [cosignerKey(roots[1], NET)]);
    expect(list).toHaveLength(3);
    const w = buildWallet(list, 2, 'Family vault', 'regtest');
    const d = multisigDraft(w, 'regtest');
    if (d.kind !== 'btc' || !d.multisig) throw new Error('not multisig');
    expect(d.multisig.descriptor).toMatch(/^wsh\(sortedmulti\(2,\[73c5da0a\/48'\/1'\/0'\/2'\]tpub.+\/<0;1>\/\*\)\)#[a-z0-9]{8}$/);
    expect(parseMultisigDescriptor(d.multisig.descriptor, NET, 'Family vault')).toEqual(w);
    expect(defaultLabel(d)).toBe('Multisig 2-of-3 regtest');
    expect(draftId(d)).toBe(`btc:regtest:ms:${d.multisig.descriptor.slice(-8)}`);
    // a pasted key expression works too; M outside 1..N and a single cosigner are refused
    const k = cosignerKey(roots[2], NET);
    expect(readMultisigInput(`[${k.fingerprint}${k.path.slice(1)}]${k.xpub}`, 'regtest')).toEqual({ kind: 'cosigners', cosigners: [k] });
    expect(codeOf(() => buildWallet(list, 4, '', 'regtest'))).toBe('multisig/unparseable');
    expect(codeOf(() => buildWallet(list.slice(0, 1), 1, '', 'regtest'))).toBe('multisig/unparseable');
    // a whole wallet descriptor is read as a wallet; secrets and mainnet keys are refused
    expect(readMultisigInput(d.multisig.descriptor, 'regtest')).toMatchObject({ kind: 'wallet', wallet: { threshold: 2 } });
    expect(codeOf(() => readMultisigInput('abandon '.repeat(11) + 'about', 'regtest'))).toBe('wallet/secret-refused');
    expect(codeOf(() => readMultisigInput(exportCosignerText(roots[1], NETWORKS.mainnet), 'regtest'))).toBe('keys/wrong-network');
  });

  it('sync → send → two registered stations sign → combine → finalize → the double verifies P2WSH and accepts', async () => {
    const w = buildWallet(roots.map((r) => cosignerKey(r, NET)), 2, 'Family vault', 'regtest');
    const account = { ...multisigDraft(w, 'regtest'), id: 'ms', label: 'Family vault' } as BtcMultisigAccount;
    const recv = deriveAddresses(account, 0, 0, 8);
    expect(recv[0]).toMatch(/^bcrt1q.{58}$/);
    const given = [srv.fund(recv[0], 150_000n), srv.fund(recv[6], 90_000n)].map((u) => `${u.txid}:${u.vout}`);
    const backend = createEsploraClient(srv.url, (u, i) => fetch(u, i));
    const snap = await syncBtcAccount(account, backend, { gapLimit: 20, now: 1 });
    expect(snap.confirmedSats).toBe(240_000n);
    expect(snap.nextReceive.index).toBe(7);

    const built = await prepareBtcSend(account, snap, backend, { recipients: [{ address: THEIRS, amountSats: 200_000n }], max: false, feeRateSatVb: 3 });
    expect(built.outputs.map((o) => o.role)).toEqual(['payment', 'change']);
    let combined = built.psbt;
    for (const i of [2, 0]) {
      const ctx = { network: NET, keys: roots[i], wallets: [walletOf(account)] };
      const review = reviewPsbt(built.psbt, ctx);
      expect(review.outputs[1], `station ${i}: change verified`).toMatchObject({ role: 'change', wallet: 'Family vault' });
      combined = combineSignedPsbt(combined, signPsbt(built.psbt, roots[i], review, { network: NET, wallets: ctx.wallets }).psbt).psbt;
    }
    const fin = finalizeMultisigPsbt(combined, 'regtest');
    const txid = await broadcastBtc(backend, fin.hex, fin.txid);
    const acc = srv.accepted.at(-1)!;
    expect(acc.txid).toBe(txid);
    expect(acc.spent.sort()).toEqual(given.sort());
    srv.mine();
    const after = await syncBtcAccount(account, backend, { gapLimit: 20, now: 2 });
    expect(after.confirmedSats, 'only the change is left').toBe(built.outputs[1].amountSats);
    expect(after.nextChangeIndex).toBe(1);
  });

  it('one signature of two is progress, not a transaction: finalize refuses', async () => {
    const w = buildWallet(roots.map((r) => cosignerKey(r, NET)), 2, 'Solo', 'regtest');
    const account = { ...multisigDraft(w, 'regtest'), id: 'ms2', label: 'Solo' } as BtcMultisigAccount;
    srv.fund(deriveAddresses(account, 0, 1, 1)[0], 60_000n);
    const backend = createEsploraClient(srv.url, (u, i) => fetch(u, i));
    const snap = await syncBtcAccount(account, backend, { gapLimit: 5, now: 1 });
    const built = await prepareBtcSend(account, snap, backend, { recipients: [{ address: THEIRS, amountSats: 20_000n }], max: false, feeRateSatVb: 2 });
    const review = reviewPsbt(built.psbt, { network: NET, keys: roots[1], wallets: [w] });
    const one = combineSignedPsbt(built.psbt, signPsbt(built.psbt, roots[1], review, { network: NET, wallets: [w] }).psbt);
    expect(one.complete).toBe(false);
    expect(codeOf(() => finalizeMultisigPsbt(one.psbt, 'regtest'))).toBe('wallet/not-fully-signed');
  });
});
