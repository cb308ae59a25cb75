/**
 * PSBT construction for a watch-only M-of-N multisig wallet (BIP-174 v0, BIP-383 wsh(sortedmulti)
 * and sh(wsh(...)), BIP-48 cosigner keys, BIP-67 key order) with @scure/btc-signer.
 *
 * Every input carries what each cosigner's signer needs to verify it alone: the witness script
 * (and redeem script for P2SH-P2WSH), the witness UTXO AND the full previous transaction (BIP-143
 * fee lie, CVE-2020-14199), and a BIP-32 derivation for EVERY cosigner (its master fingerprint,
 * its BIP-48 path + chain/index), so each station finds its own key. The change output carries the
 * witness script and every cosigner's derivation, so a station that registered the wallet re-derives
 * it and shows it as change. RBF on, locktime 0, version 2, like build-psbt.ts.
 * Deliberately does NOT: support bare P2SH multisig or taproot multi_a, fetch anything, or sign.
 */
import { HDKey } from '@scure/bip32';
import { RawTx, Transaction } from '@scure/btc-signer';
import { AppError } from '../errors';
import { equalBytes, toHex } from '../bytes';
import { parsePath } from '../keys/paths';
import { NETWORKS, type NetworkName } from './networks';
import { multisigAddress, multisigScripts, type MultisigWallet } from './multisig';
import { selectCoins } from './coin-select';
import { RBF_SEQUENCE, addressScript, fpNumber, txidOfRaw, type BuiltOutput, type BuiltPsbt, type WalletUtxo } from './build-psbt';

export interface BuildMultisigRequest {
  wallet: MultisigWallet;
  network: NetworkName;
  utxos: readonly WalletUtxo[];
  recipients: readonly { address: string; amountSats: bigint }[];
  /** send everything to the single recipient */
  max?: boolean;
  feeRateSatVb: number;
  /** index of the next unused change address (chain 1) */
  changeIndex: number;
}

type Derivation = [Uint8Array, { fingerprint: number; path: number[] }];

interface WalletOutput {
  script: Uint8Array;
  witnessScript: Uint8Array;
  redeemScript?: Uint8Array;
  address: string;
  bip32Derivation: Derivation[];
}

/** Scripts, address and all cosigners' derivations at chain/index, memoized per build. */
function walletOutputs(w: MultisigWallet, network: NetworkName): (chain: 0 | 1, index: number) => WalletOutput {
  const net = NETWORKS[network];
  const chains = w.cosigners.map(() => new Map<number, HDKey>());
  const memo = new Map<string, WalletOutput>();
  const origins = w.cosigners.map((c) => ({ fingerprint: fpNumber(c.fingerprint), path: parsePath(c.path) }));
  return (chain, index) => {
    const id = `${chain}/${index}`;
    const hit = memo.get(id);
    if (hit) return hit;
    const s = multisigScripts(w, chain, index, net);
    const bip32Derivation = w.cosigners.map((c, i): Derivation => {
      let ck = chains[i].get(chain);
      if (!ck) chains[i].set(chain, (ck = HDKey.fromExtendedKey(c.xpub, net.bip32).deriveChild(chain)));
      return [ck.deriveChild(index).publicKey!, { fingerprint: origins[i].fingerprint, path: [...origins[i].path, chain, index] }];
    });
    const o: WalletOutput = { script: s.script, witnessScript: s.witnessScript!, redeemScript: s.redeemScript, address: multisigAddress(w, chain, index, net), bip32Derivation };
    memo.set(id, o);
    return o;
  };
}

/**
 * Build the unsigned PSBT of a multisig send. Throws 'wallet/unsupported-account' (bare P2SH),
 * 'wallet/bad-address', 'wallet/no-coins', 'wallet/insufficient-funds', 'wallet/dust-amount',
 * 'psbt/utxo-mismatch' (a coin disagrees with its previous transaction), 'psbt/missing-utxo'.
 */
export function buildMultisigPsbt(req: BuildMultisigRequest): BuiltPsbt {
  const w = req.wallet;
  if (w.scriptType === 'p2sh') throw new AppError('wallet/unsupported-account');
  const derive = walletOutputs(w, req.network);
  const change = derive(1, req.changeIndex);
  const payments = req.recipients.map((r) => ({ address: r.address.trim(), script: addressScript(r.address, req.network), amountSats: r.amountSats }));
  const scriptLen = change.witnessScript.length;
  const sel = selectCoins({
    coins: req.utxos.map((u) => ({ id: `${u.txid}:${u.vout}`, valueSats: u.valueSats, type: w.scriptType, confirmed: u.confirmed, m: w.threshold, n: w.cosigners.length, scriptLen })),
    payments,
    changeScript: change.script,
    feeRateSatVb: req.feeRateSatVb,
    max: req.max,
  });
  const byId = new Map(req.utxos.map((u) => [`${u.txid}:${u.vout}`, u]));
  const inputs = sel.coins.map((c) => byId.get(c.id)!);
  const tx = new Transaction({ version: 2, lockTime: 0 });
  for (const u of inputs) {
    const own = derive(u.chain, u.index);
    let prevOut: { script: Uint8Array; amount: bigint } | undefined;
    try {
      prevOut = RawTx.decode(u.prevTx).outputs[u.vout];
    } catch (e) {
      throw new AppError('psbt/missing-utxo', { inputIndex: `${u.txid}:${u.vout}` }, { cause: e });
    }
    // refuse: a server lying about a coin (wrong tx, amount or script) would make the fee or ownership wrong
    if (txidOfRaw(u.prevTx) !== u.txid.toLowerCase() || !prevOut || prevOut.amount !== u.valueSats || !equalBytes(prevOut.script, own.script)) {
      throw new AppError('psbt/utxo-mismatch', { inputIndex: `${u.txid}:${u.vout}` });
    }
    tx.addInput({
      txid: u.txid,
      index: u.vout,
      sequence: RBF_SEQUENCE,
      nonWitnessUtxo: u.prevTx,
      witnessUtxo: { script: own.script, amount: u.valueSats },
      witnessScript: own.witnessScript,
      ...(own.redeemScript ? { redeemScript: own.redeemScript } : {}),
      bip32Derivation: own.bip32Derivation,
    });
  }
  const outputs: BuiltOutput[] = [];
  payments.forEach((p, i) => {
    tx.addOutput({ script: p.script, amount: sel.paymentsSats[i] });
    outputs.push({ address: p.address, amountSats: sel.paymentsSats[i], role: 'payment' });
  });
  if (sel.changeSats > 0n) {
    tx.addOutput({ script: change.script, amount: sel.changeSats, witnessScript: change.witnessScript, ...(change.redeemScript ? { redeemScript: change.redeemScript } : {}), bip32Derivation: change.bip32Derivation });
    outputs.push({ address: change.address, amountSats: sel.changeSats, role: 'change', path: `…/1/${req.changeIndex}` });
  }
  return {
    psbt: tx.toPSBT(0),
    txid: tx.id,
    feeSats: sel.feeSats,
    vsize: sel.vsize,
    inputs: inputs.map((u) => ({ txid: u.txid, vout: u.vout, valueSats: u.valueSats, path: `…/${u.chain}/${u.index}` })),
    outputs,
  };
}

/** Hex of the wallet's output script at chain/index (for tests and address checks). */
export function multisigScriptHex(w: MultisigWallet, network: NetworkName, chain: 0 | 1, index: number): string {
  return toHex(multisigScripts(w, chain, index, NETWORKS[network]).script);
}
