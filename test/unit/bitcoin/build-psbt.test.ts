/**
 * Companion PSBT construction (shared/bitcoin/build-psbt.ts) and coin selection (coin-select.ts):
 * PSBTs for each single-sig type are reviewed by the station's reviewPsbt (every input ours with full
 * UTXO data, change verified), signed by the station's signPsbt, then finalized by us and checked by
 * bitcoinjs-lib (signatures valid, amounts). Coin selection invariants incl. a 500-UTXO wallet.
 * Test wallet: "abandon … about" on regtest, accounts m/{44,49,84,86}'/1'/0'.
 */
import { describe, expect, it } from 'vitest';
import { HDKey } from '@scure/bip32';
import { mnemonicToSeedSync } from '@scure/bip39';
import { RawTx } from '@scure/btc-signer';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import * as bitcoin from 'bitcoinjs-lib';
import * as ecc from '@bitcoinerlab/secp256k1';
import { AppError } from '../../../shared/errors';
import { NETWORKS } from '../../../shared/bitcoin/networks';
import { deriveAccount } from '../../../shared/keys/accounts';
import { buildSendPsbt, deriveOutput, accountKey, finalizeSignedPsbt, sameUnsignedTx, type WatchAccount, type WalletUtxo } from '../../../shared/bitcoin/build-psbt';
import { selectCoins, DUST_LIMIT_SATS, feeFor, type CoinCandidate } from '../../../shared/bitcoin/coin-select';
import { reviewPsbt } from '../../../shared/bitcoin/review';
import { signPsbt } from '../../../shared/bitcoin/sign';
import type { SingleSigScriptType } from '../../../shared/bitcoin/address';
import { codeOf } from '../support/error-code';

bitcoin.initEccLib(ecc);
const NET = NETWORKS.regtest;
const root = HDKey.fromMasterSeed(mnemonicToSeedSync('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'));
const THEIRS = 'bcrt1q6rhpng9evdsfnn833a4f4vej0asu6dk5srld6x';

function account(type: SingleSigScriptType): WatchAccount {
  const a = deriveAccount(root, NET, type);
  return { network: 'regtest', scriptType: type, fingerprint: a.fingerprint, path: a.path, xpub: a.xpub };
}

let seq = 0;
/** A previous transaction paying `value` to our address at chain/index (funded from a dummy outpoint). */
function utxo(acc: WatchAccount, valueSats: bigint, chain: 0 | 1 = 0, index = 0, confirmed = true): WalletUtxo {
  const out = deriveOutput(accountKey(acc), acc, chain, index);
  const prevId = new Uint8Array(32);
  prevId[0] = ++seq & 0xff;
  prevId[1] = seq >> 8;
  const prevTx = RawTx.encode({
    version: 2, segwitFlag: false, lockTime: 0,
    inputs: [{ txid: prevId, index: 0, finalScriptSig: new Uint8Array([0x51]), sequence: 0xffffffff }],
    outputs: [{ script: new Uint8Array([0x6a, 0x01, seq & 0xff]), amount: 0n }, { script: out.script, amount: valueSats }],
  });
  const txid = bytesToHex(sha256(sha256(prevTx)).reverse());
  return { txid, vout: 1, valueSats, confirmed, chain, index, prevTx };
}

describe('buildSendPsbt → station review/sign → finalizeSignedPsbt', () => {
  for (const type of ['p2wpkh', 'p2tr', 'p2sh-p2wpkh', 'p2pkh'] as SingleSigScriptType[]) {
    it(`${type}: station sees every input as ours with full UTXO data, change verified; final tx valid in bitcoinjs`, () => {
      const acc = account(type);
      const utxos = [utxo(acc, 150_000n, 0, 0), utxo(acc, 80_000n, 0, 3), utxo(acc, 40_000n, 1, 1)];
      const built = buildSendPsbt({ account: acc, utxos, recipients: [{ address: THEIRS, amountSats: 200_000n }], feeRateSatVb: 2, changeIndex: 2 });
      expect(built.outputs.map((o) => o.role), type).toEqual(['payment', 'change']);
      const review = reviewPsbt(built.psbt, { network: NET, keys: root });
      expect(review.inputs.every((i) => i.ours && i.utxo === 'full'), type).toBe(true);
      expect(review.outputs.map((o) => o.role), type).toEqual(['payment', 'change']);
      expect(review.outputs[1].path, type).toBe(`${acc.path}/1/2`);
      expect(review.feeSats, type).toBe(built.feeSats);
      expect(review.feeVerified, type).toBe(true);
      expect(review.warnings.map((w) => w.code).filter((c) => c !== 'RBF'), type).toEqual([]);
      const signed = signPsbt(built.psbt, root, review, { network: NET }).psbt;
      const fin = finalizeSignedPsbt(built.psbt, signed, 'regtest');
      // sum(inputs) = sum(outputs) + fee, and the fee rate is at least the one asked
      const inSum = built.inputs.reduce((a, i) => a + i.valueSats, 0n);
      expect(inSum, type).toBe(fin.outputs.reduce((a, o) => a + o.amountSats, 0n) + fin.feeSats);
      expect(Number(fin.feeSats) / fin.vsize, type).toBeGreaterThanOrEqual(2);
      // independent check: bitcoinjs-lib validates every signature of the signed PSBT
      const p = bitcoin.Psbt.fromBuffer(Buffer.from(signed), { network: bitcoin.networks.regtest });
      const validator = (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) =>
        type === 'p2tr' ? ecc.verifySchnorr(msg, pub, sig) : ecc.verify(msg, pub, sig);
      for (let i = 0; i < p.inputCount; i++) {
        if (type !== 'p2tr') expect(p.validateSignaturesOfInput(i, validator), `${type} input ${i}`).toBe(true);
      }
      const jsTx = bitcoin.Transaction.fromHex(fin.hex);
      expect(jsTx.getId(), type).toBe(fin.txid);
      expect(jsTx.ins.map((i) => `${Buffer.from(i.hash).reverse().toString('hex')}:${i.index}`).sort(), type)
        .toEqual(built.inputs.map((i) => `${i.txid}:${i.vout}`).sort());
      expect(jsTx.ins.every((i) => i.sequence === 0xfffffffd), `${type}: RBF signalled`).toBe(true);
      expect(jsTx.outs[0].value, type).toBe(200_000n);
      expect(bitcoin.address.fromOutputScript(jsTx.outs[0].script, bitcoin.networks.regtest), type).toBe(THEIRS);
    });
  }

  it('max: one output, no change, all coins spent', () => {
    const acc = account('p2wpkh');
    const utxos = [utxo(acc, 10_000n), utxo(acc, 20_000n, 0, 1)];
    const b = buildSendPsbt({ account: acc, utxos, recipients: [{ address: THEIRS, amountSats: 0n }], max: true, feeRateSatVb: 3, changeIndex: 0 });
    expect(b.inputs).toHaveLength(2);
    expect(b.outputs).toHaveLength(1);
    expect(b.outputs[0].amountSats + b.feeSats).toBe(30_000n);
  });

  it('a coin that disagrees with its previous transaction is refused (utxo-mismatch)', () => {
    const acc = account('p2wpkh');
    const u = utxo(acc, 50_000n);
    expect(codeOf(() => buildSendPsbt({ account: acc, utxos: [{ ...u, valueSats: 60_000n }], recipients: [{ address: THEIRS, amountSats: 10_000n }], feeRateSatVb: 1, changeIndex: 0 }))).toBe('psbt/utxo-mismatch');
    const other = utxo(acc, 50_000n, 0, 7);
    expect(codeOf(() => buildSendPsbt({ account: acc, utxos: [{ ...other, index: 8 }], recipients: [{ address: THEIRS, amountSats: 10_000n }], feeRateSatVb: 1, changeIndex: 0 }))).toBe('psbt/utxo-mismatch');
  });

  it('bad recipient address and wrong-network address are refused', () => {
    const acc = account('p2wpkh');
    const u = [utxo(acc, 50_000n)];
    const send = (address: string) => codeOf(() => buildSendPsbt({ account: acc, utxos: u, recipients: [{ address, amountSats: 10_000n }], feeRateSatVb: 1, changeIndex: 0 }));
    expect(send('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toBe('wallet/bad-address');
    expect(send('not an address')).toBe('wallet/bad-address');
  });

  it('signed PSBT paying elsewhere is refused as a mismatch; unsigned one as not fully signed', () => {
    const acc = account('p2wpkh');
    const utxos = [utxo(acc, 100_000n)];
    const a = buildSendPsbt({ account: acc, utxos, recipients: [{ address: THEIRS, amountSats: 30_000n }], feeRateSatVb: 1, changeIndex: 0 });
    const b = buildSendPsbt({ account: acc, utxos, recipients: [{ address: THEIRS, amountSats: 31_000n }], feeRateSatVb: 1, changeIndex: 0 });
    expect(sameUnsignedTx(a.psbt, a.psbt)).toBe(true);
    expect(sameUnsignedTx(a.psbt, b.psbt)).toBe(false);
    const signedB = signPsbt(b.psbt, root, reviewPsbt(b.psbt, { network: NET, keys: root }), { network: NET }).psbt;
    expect(codeOf(() => finalizeSignedPsbt(a.psbt, signedB, 'regtest'))).toBe('wallet/signed-psbt-mismatch');
    expect(codeOf(() => finalizeSignedPsbt(a.psbt, a.psbt, 'regtest'))).toBe('wallet/not-fully-signed');
  });
});

describe('selectCoins', () => {
  const pay = [{ script: new Uint8Array(22).fill(1), amountSats: 100_000n }];
  const change = new Uint8Array(22).fill(2);
  const coin = (v: bigint, i: number, confirmed = true): CoinCandidate => ({ id: `c:${i}`, valueSats: v, type: 'p2wpkh', confirmed });

  it('inputs = payments + change + fee, fee rate honoured, change above dust (random wallets)', () => {
    let x = 12345;
    const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff), x);
    for (let t = 0; t < 40; t++) {
      const coins = Array.from({ length: 1 + (rnd() % 30) }, (_, i) => coin(BigInt(1_000 + (rnd() % 500_000)), i, rnd() % 4 !== 0));
      const rate = 1 + (rnd() % 50) / 10;
      const amount = BigInt(DUST_LIMIT_SATS + BigInt(rnd() % 300_000));
      try {
        const s = selectCoins({ coins, payments: [{ script: pay[0].script, amountSats: amount }], changeScript: change, feeRateSatVb: rate });
        const inSum = s.coins.reduce((a, c) => a + c.valueSats, 0n);
        expect(inSum, `case ${t}`).toBe(amount + s.changeSats + s.feeSats);
        expect(s.feeSats >= feeFor(s.vsize, rate), `case ${t}: fee rate`).toBe(true);
        expect(s.changeSats === 0n || s.changeSats >= DUST_LIMIT_SATS, `case ${t}: no dust change`).toBe(true);
        expect(new Set(s.coins.map((c) => c.id)).size, `case ${t}: no coin twice`).toBe(s.coins.length);
      } catch (e) {
        expect((e as AppError).code, `case ${t}`).toBe('wallet/insufficient-funds');
        const total = coins.reduce((a, c) => a + c.valueSats, 0n);
        expect(total < amount + feeFor(200, rate) * BigInt(coins.length), `case ${t}: refused only when short`).toBe(true);
      }
    }
  });

  it('a single coin that fits without change is preferred (no change output)', () => {
    const s = selectCoins({ coins: [coin(1_000_000n, 0), coin(100_200n, 1), coin(50_000n, 2)], payments: pay, changeScript: change, feeRateSatVb: 1 });
    expect(s.coins.map((c) => c.id)).toEqual(['c:1']);
    expect(s.changeSats).toBe(0n);
  });

  it('confirmed coins are spent before unconfirmed ones', () => {
    const s = selectCoins({ coins: [coin(900_000n, 0, false), coin(300_000n, 1, true)], payments: pay, changeScript: change, feeRateSatVb: 1 });
    expect(s.coins.map((c) => c.id)).toEqual(['c:1']);
  });

  it('500-UTXO wallet: selection covers a large payment with the fewest large coins', () => {
    const coins = Array.from({ length: 500 }, (_, i) => coin(BigInt(10_000 + i * 100), i));
    const s = selectCoins({ coins, payments: [{ script: pay[0].script, amountSats: 500_000n }], changeScript: change, feeRateSatVb: 5 });
    expect(s.coins.length).toBeLessThan(10);
    expect(s.coins[0].id).toBe('c:499');
    const all = selectCoins({ coins, payments: pay, changeScript: change, feeRateSatVb: 5, max: true });
    expect(all.coins).toHaveLength(500);
  });

  it('errors: no coins, insufficient funds (with amounts), dust amount, absurd fee rate', () => {
    expect(codeOf(() => selectCoins({ coins: [], payments: pay, changeScript: change, feeRateSatVb: 1 }))).toBe('wallet/no-coins');
    try {
      selectCoins({ coins: [coin(50_000n, 0)], payments: pay, changeScript: change, feeRateSatVb: 1 });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('wallet/insufficient-funds');
      expect((e as AppError).detail?.available).toBe('50000');
    }
    expect(codeOf(() => selectCoins({ coins: [coin(50_000n, 0)], payments: [{ script: pay[0].script, amountSats: 100n }], changeScript: change, feeRateSatVb: 1 }))).toBe('wallet/dust-amount');
    expect(codeOf(() => selectCoins({ coins: [coin(50_000n, 0)], payments: pay, changeScript: change, feeRateSatVb: 0.5 }))).toBe('input/bad-encoding');
    expect(codeOf(() => selectCoins({ coins: [coin(50_000n, 0)], payments: pay, changeScript: change, feeRateSatVb: 1e6 }))).toBe('input/bad-encoding');
  });
});
