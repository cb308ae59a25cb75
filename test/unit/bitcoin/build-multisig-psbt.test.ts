/**
 * Companion multisig: buildMultisigPsbt (shared/bitcoin/build-multisig-psbt.ts) → two of three
 * stations review and sign with the station's own reviewPsbt/signPsbt → combineSignedPsbt merges the
 * answers one after another → finalizeMultisigPsbt → bitcoinjs-lib validates every signature and
 * extracts the same transaction.
 * Fixture wallet: 2-of-3 wsh(sortedmulti) on regtest of the BIP-48 cosigner keys m/48'/1'/0'/2' of
 * "abandon … about", "legal winner … yellow" and "zoo … wrong"; coins at receive 0, 4 and change 1;
 * payment 200,000 sat to a foreign address at 2 sat/vB; change to chain 1 index 2.
 */
import { describe, expect, it } from 'vitest';
import { RawTx, Transaction } from '@scure/btc-signer';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import * as bitcoin from 'bitcoinjs-lib';
import * as ecc from '@bitcoinerlab/secp256k1';
import { cosignerKey, multisigScripts, type MultisigWallet } from '../../../shared/bitcoin/multisig';
import { buildMultisigPsbt } from '../../../shared/bitcoin/build-multisig-psbt';
import { combineSignedPsbt, combineStatus, finalizeMultisigPsbt } from '../../../shared/bitcoin/combine-psbt';
import { reviewPsbt } from '../../../shared/bitcoin/review';
import { signPsbt } from '../../../shared/bitcoin/sign';
import type { WalletUtxo } from '../../../shared/bitcoin/build-psbt';
import { codeOf } from '../support/error-code';
import { NET, THEIRS, roots, wallet } from '../support/multisig-wallet';

bitcoin.initEccLib(ecc);

let seq = 0;
function utxo(valueSats: bigint, chain: 0 | 1, index: number, w: MultisigWallet = wallet): WalletUtxo {
  const script = multisigScripts(w, chain, index, NET).script;
  const prevId = new Uint8Array(32);
  prevId[0] = ++seq;
  const prevTx = RawTx.encode({
    version: 2, segwitFlag: false, lockTime: 0,
    inputs: [{ txid: prevId, index: 0, finalScriptSig: new Uint8Array([0x51]), sequence: 0xffffffff }],
    outputs: [{ script, amount: valueSats }],
  });
  return { txid: bytesToHex(sha256(sha256(prevTx)).reverse()), vout: 0, valueSats, confirmed: true, chain, index, prevTx };
}

const utxos = [utxo(150_000n, 0, 0), utxo(90_000n, 0, 4), utxo(30_000n, 1, 1)];
const build = () => buildMultisigPsbt({ wallet, network: 'regtest', utxos, recipients: [{ address: THEIRS, amountSats: 200_000n }], feeRateSatVb: 2, changeIndex: 2 });
/** Station i reviews (with the wallet registered, or not) and signs as one cosigner. */
function stationSigns(psbt: Uint8Array, i: number, registered = true) {
  const ctx = { network: NET, keys: roots[i], wallets: registered ? [wallet] : [] };
  const review = reviewPsbt(psbt, ctx);
  return { review, signed: signPsbt(psbt, roots[i], review, { network: NET, wallets: ctx.wallets }).psbt };
}

describe('multisig PSBT: build → two stations sign → combine → finalize', () => {
  it('2-of-3 wsh(sortedmulti): every station sees its inputs and verified change; combined tx valid in bitcoinjs', () => {
    const built = build();
    expect(built.outputs.map((o) => o.role)).toEqual(['payment', 'change']);
    // every input carries witness script, full previous tx and a derivation for each of the 3 cosigners
    const tx = Transaction.fromPSBT(built.psbt);
    for (let i = 0; i < tx.inputsLength; i++) {
      const inp = tx.getInput(i);
      expect(inp.witnessScript && inp.nonWitnessUtxo && inp.witnessUtxo, `input ${i} data`).toBeTruthy();
      expect(inp.bip32Derivation?.map(([, d]) => d.fingerprint.toString(16).padStart(8, '0')).sort(), `input ${i} origins`).toEqual(wallet.cosigners.map((c) => c.fingerprint).sort());
    }
    expect(tx.getOutput(1).bip32Derivation?.length, 'change derivations').toBe(3);

    let status = combineStatus(built.psbt);
    expect(status).toMatchObject({ threshold: 2, complete: false, signers: [] });
    for (const [step, i] of [[1, 0], [2, 2]] as const) {
      const { review, signed } = stationSigns(built.psbt, i);
      expect(review.inputs.every((x) => x.ours && x.utxo === 'full'), `station ${i}: inputs ours`).toBe(true);
      expect(review.outputs[1], `station ${i}: change verified`).toMatchObject({ role: 'change', wallet: 'Family vault', path: `${wallet.cosigners[i].path}/1/2` });
      expect(review.feeSats, `station ${i}: fee`).toBe(built.feeSats);
      status = combineSignedPsbt(status.psbt, signed);
      expect(status.signatures, `after cosigner ${step}`).toEqual(built.inputs.map(() => step));
      expect(status.complete, `after cosigner ${step}`).toBe(step === 2);
    }
    expect(status.signers).toEqual([wallet.cosigners[0].fingerprint, wallet.cosigners[2].fingerprint]);

    const fin = finalizeMultisigPsbt(status.psbt, 'regtest');
    expect(fin.txid).toBe(built.txid);
    expect(Number(fin.feeSats) / fin.vsize, 'fee rate honoured with real signature sizes').toBeGreaterThanOrEqual(2);
    // independent check: bitcoinjs validates both signatures of every input, finalizes and gets the same tx
    const p = bitcoin.Psbt.fromBuffer(Buffer.from(status.psbt), { network: bitcoin.networks.regtest });
    expect(p.validateSignaturesOfAllInputs((pub, msg, sig) => ecc.verify(msg, pub, sig))).toBe(true);
    p.finalizeAllInputs();
    expect(p.extractTransaction().toHex()).toBe(fin.hex);
    const js = bitcoin.Transaction.fromHex(fin.hex);
    expect(js.ins.every((x) => x.witness.length === 4), 'witness: empty, 2 signatures, script').toBe(true);
  });

  it('change is verified only by a station that registered the wallet', () => {
    const { review } = stationSigns(build().psbt, 1, false);
    expect(review.outputs[1]).toMatchObject({ role: 'payment', changeNotVerified: true });
    expect(review.warnings.map((w) => w.code)).toContain('CHANGE_NOT_VERIFIED');
  });

  it('a signed PSBT of another transaction is refused at combine; nothing is merged', () => {
    const built = build();
    const other = buildMultisigPsbt({ wallet, network: 'regtest', utxos, recipients: [{ address: THEIRS, amountSats: 190_000n }], feeRateSatVb: 2, changeIndex: 2 });
    expect(codeOf(() => combineSignedPsbt(built.psbt, stationSigns(other.psbt, 0).signed))).toBe('wallet/signed-psbt-mismatch');
    expect(combineStatus(built.psbt).signatures).toEqual(built.inputs.map(() => 0));
  });

  it('the same answer scanned twice adds nothing; a signature over another transaction is refused', () => {
    const built = build();
    const a = stationSigns(built.psbt, 0).signed;
    const once = combineSignedPsbt(built.psbt, a);
    expect(codeOf(() => combineSignedPsbt(once.psbt, a))).toBe('wallet/no-new-signature');
    // cosigner 1's signature of ANOTHER transaction, grafted onto a copy of ours: same tx, bad signature
    const other = buildMultisigPsbt({ wallet, network: 'regtest', utxos, recipients: [{ address: THEIRS, amountSats: 190_000n }], feeRateSatVb: 2, changeIndex: 2 });
    const foreign = Transaction.fromPSBT(stationSigns(other.psbt, 1).signed).getInput(0).partialSig!;
    const forged = Transaction.fromPSBT(built.psbt);
    forged.updateInput(0, { partialSig: foreign }, true);
    expect(codeOf(() => combineSignedPsbt(once.psbt, forged.toPSBT(0)))).toBe('wallet/bad-signature');
    expect(codeOf(() => finalizeMultisigPsbt(once.psbt, 'regtest')), 'one of two signatures').toBe('wallet/not-fully-signed');
  });

  it('sh(wsh(sortedmulti)) builds with a redeem script and finalizes the same way', () => {
    const w: MultisigWallet = { ...wallet, name: 'Nested', scriptType: 'p2sh-p2wsh', cosigners: roots.map((r) => cosignerKey(r, NET, 0, 'p2sh-p2wsh')) };
    const built = buildMultisigPsbt({ wallet: w, network: 'regtest', utxos: [utxo(120_000n, 0, 1, w)], recipients: [{ address: THEIRS, amountSats: 50_000n }], feeRateSatVb: 3, changeIndex: 0 });
    let status = combineStatus(built.psbt);
    for (const i of [1, 2]) {
      const review = reviewPsbt(status.psbt, { network: NET, keys: roots[i], wallets: [w] });
      expect(review.outputs[1], `station ${i}`).toMatchObject({ role: 'change', wallet: 'Nested' });
      status = combineSignedPsbt(status.psbt, signPsbt(built.psbt, roots[i], reviewPsbt(built.psbt, { network: NET, keys: roots[i], wallets: [w] }), { network: NET, wallets: [w] }).psbt);
    }
    const fin = finalizeMultisigPsbt(status.psbt, 'regtest');
    const p = bitcoin.Psbt.fromBuffer(Buffer.from(status.psbt), { network: bitcoin.networks.regtest });
    p.finalizeAllInputs();
    expect(p.extractTransaction().toHex()).toBe(fin.hex);
  });
});
