/**
 * Prepare a Bitcoin send: pick coins from the synced snapshot, fetch the full previous transaction of
 * each chosen coin (the station verifies amounts against them), build the PSBT (single-sig, or the
 * multisig wallet's with every cosigner's derivation). Backend injected.
 */
import { selectCoins } from '../../../../shared/bitcoin/coin-select';
import { accountKey, addressScript, buildSendPsbt, deriveOutput, type BuiltPsbt } from '../../../../shared/bitcoin/build-psbt';
import type { BitcoinBackend } from '../../net/types';
import type { BtcSnapshot } from '../../watch/btc-sync';
import type { BtcSingleSigAccount, BtcWatchAccount } from '../../watch/types';
import { buildMultisigPsbt } from '../../../../shared/bitcoin/build-multisig-psbt';
import { multisigScripts } from '../../../../shared/bitcoin/multisig';
import { NETWORKS } from '../../../../shared/bitcoin/networks';
import { walletOf } from '../../watch/multisig';

export interface SendForm {
  recipients: { address: string; amountSats: bigint }[];
  max: boolean;
  feeRateSatVb: number;
}

const VTYPE = { p2pkh: 'p2pkh', 'p2sh-p2wpkh': 'p2sh-p2wpkh', p2wpkh: 'p2wpkh', p2tr: 'p2tr' } as const;

/** Build the PSBT (single-sig or multisig). Throws selection/address errors (wallet/*) and the backend's net/* errors. */
export async function prepareBtcSend(account: BtcWatchAccount, snap: BtcSnapshot, backend: BitcoinBackend, form: SendForm): Promise<BuiltPsbt> {
  const w = account.multisig ? walletOf(account) : undefined;
  const changeScript = w
    ? multisigScripts(w, 1, snap.nextChangeIndex, NETWORKS[account.network]).script
    : deriveOutput(accountKey(account as BtcSingleSigAccount), account as BtcSingleSigAccount, 1, snap.nextChangeIndex).script;
  const shape = w ? { type: w.scriptType, m: w.threshold, n: w.cosigners.length, scriptLen: multisigScripts(w, 1, 0, NETWORKS[account.network]).multisigScript.length } : { type: VTYPE[(account as BtcSingleSigAccount).scriptType] };
  // Select first (cheap), so only the chosen coins' previous transactions are downloaded.
  const sel = selectCoins({
    coins: snap.coins.map((c) => ({ id: `${c.txid}:${c.vout}`, valueSats: c.valueSats, confirmed: c.confirmed, ...shape })),
    payments: form.recipients.map((r) => ({ script: addressScript(r.address, account.network), amountSats: r.amountSats })),
    changeScript,
    feeRateSatVb: form.feeRateSatVb,
    max: form.max,
  });
  const chosen = new Set(sel.coins.map((c) => c.id));
  const coins = snap.coins.filter((c) => chosen.has(`${c.txid}:${c.vout}`));
  const prev = await Promise.all(coins.map((c) => backend.txRaw(c.txid)));
  const utxos = coins.map((c, i) => ({ txid: c.txid, vout: c.vout, valueSats: c.valueSats, confirmed: c.confirmed, chain: c.chain, index: c.index, prevTx: prev[i] }));
  const common = { utxos, recipients: form.recipients, max: form.max, feeRateSatVb: form.feeRateSatVb, changeIndex: snap.nextChangeIndex };
  if (w) return buildMultisigPsbt({ wallet: w, network: account.network, ...common });
  return buildSendPsbt({ account: account as BtcSingleSigAccount, ...common });
}

/** Fee-rate suggestions (sat/vB) from Esplora's /fee-estimates: next block, ~30 min, ~1 h; at least 1. */
export function feeSuggestions(est: Record<string, number>): { fast: number; normal: number; slow: number } {
  const at = (target: number) => {
    const keys = Object.keys(est).map(Number).filter((k) => k >= target).sort((a, b) => a - b);
    const v = keys.length ? est[String(keys[0])] : Math.min(...Object.values(est));
    return Math.max(1, Math.ceil((Number.isFinite(v) ? v : 1) * 10) / 10);
  };
  return { fast: at(1), normal: at(3), slow: at(6) };
}
