/**
 * What the PSBT review screen says, as pure functions (tested in test/flows/sign-psbt.test.ts):
 * the label of each output, the title of each warning, the refusal texts, the fee line.
 * Wording aims at a first-time user: what it means for their money, then the technical name.
 */
import type { PsbtReview, ReviewOutput, WarningCode } from '../../../../shared/bitcoin/review';
import { formatBtc, formatSats } from '../../../../shared/units';
import type { RefusalReason } from './machine';

export type OutputTone = 'payment' | 'change' | 'danger' | 'data';

export interface OutputLabel {
  tone: OutputTone;
  /** short label shown beside the amount */
  text: string;
  /** one-sentence explanation */
  hint: string;
}

/** The label of an output: to someone else / change (verified) / claims to be ours but is not proven. */
export function outputLabel(o: ReviewOutput): OutputLabel {
  switch (o.role) {
    case 'change':
      return {
        tone: 'change',
        text: 'change (verified)',
        hint: o.wallet
          ? `Comes back to you: re-derived from the registered multisig wallet “${o.wallet}” at ${o.path}.`
          : `Comes back to you: re-derived from this key at ${o.path}.`,
      };
    case 'payment':
      return o.changeNotVerified
        ? { tone: 'danger', text: 'claims to be ours but is not proven', hint: 'The transaction says this is your change, but Airlock could not re-derive it from your key or a registered wallet. Treat it as money leaving you. (Multisig change is proven only once that wallet is registered on this station: scan its descriptor first.)' }
        : { tone: 'payment', text: 'to someone else', hint: 'Leaves your wallet.' };
    case 'op-return':
      return { tone: 'data', text: 'data (OP_RETURN)', hint: 'Not a payment: writes data into the blockchain; any amount here is destroyed.' };
    case 'unknown-script':
      return { tone: 'danger', text: 'unknown script', hint: 'Airlock cannot show an address for this output. Treat it as money leaving you.' };
  }
}

export const WARNING_TITLES: Record<WarningCode, string> = {
  HIGH_FEE: 'High fee',
  MISSING_UTXO: 'Missing coin data',
  SEGWIT_UTXO_UNVERIFIED: 'Amount could be faked',
  UNUSUAL_SIGHASH: 'Unusual signature type',
  FOREIGN_INPUTS: 'Inputs that are not yours',
  CHANGE_NOT_VERIFIED: 'Change not proven',
  NETWORK_MISMATCH: 'Wrong network',
  OP_RETURN: 'Data output',
  LOCKTIME: 'Time lock',
  RBF: 'Replaceable',
};

/** Warnings that put money at risk get the red style; the others are informational (amber). */
export function warningSeverity(code: WarningCode): 'danger' | 'caution' {
  return code === 'HIGH_FEE' || code === 'CHANGE_NOT_VERIFIED' || code === 'NETWORK_MISMATCH' || code === 'UNUSUAL_SIGHASH' || code === 'SEGWIT_UTXO_UNVERIFIED' || code === 'MISSING_UTXO'
    ? 'danger' : 'caution';
}

export const REFUSAL_TITLES: Record<RefusalReason, string> = {
  'network-mismatch': 'Wrong Bitcoin network — not signed',
  'unusual-sighash': 'Unusual signature type — not signed',
  'no-inputs-ours': 'Nothing here for this station to sign',
  'missing-utxo': 'Coin data missing — not signed',
  'bad-psbt': 'This transaction cannot be used — not signed',
  device: 'The Ledger did not sign',
};

export const REFUSAL_ADVICE: Record<RefusalReason, string> = {
  'network-mismatch': 'The station and the online wallet must use the same network (mainnet, testnet, signet or regtest). Change the station’s network on a key’s “Show accounts” screen, or create the transaction for this network.',
  'unusual-sighash': 'Create the transaction again in your online wallet with the default signature type (SIGHASH_ALL).',
  'no-inputs-ours': 'None of the coins spent belong to a key on this station. Check that the online wallet was set up from this station’s export, and that the right key is loaded.',
  'missing-utxo': 'Your online wallet must include the previous transaction of each coin. Update it, or export the PSBT again with full UTXO data.',
  'bad-psbt': 'Create the transaction again in your online wallet. If this keeps happening, the online machine may be compromised.',
  device: 'The transaction and your keys are unchanged. Fix what the message says, then scan the same transaction again and sign.',
};

/** Amount in BTC and in sats, e.g. ["0.0015 BTC", "150,000 sat"]. */
export function btcAndSats(sats: bigint): [string, string] {
  return [formatBtc(sats), formatSats(sats)];
}

/** The fee line: "1,410 sat · 10 sat/vB · 141 vB", or why it is unknown. */
export function feeText(r: PsbtReview): string {
  if (r.feeSats === null) return 'unknown (an input has no coin data)';
  const rate = r.feeRateSatVb === null ? '' : ` · ${r.feeRateSatVb} sat/vB`;
  return `${formatSats(r.feeSats)}${rate} · about ${r.vsize} vB${r.feeVerified ? '' : ' (not verified)'}`;
}

/** Short input script description. */
export function inputTypeText(t: string): string {
  const names: Record<string, string> = {
    p2pkh: 'legacy (P2PKH)', 'p2sh-p2wpkh': 'nested segwit (P2SH-P2WPKH)', p2wpkh: 'native segwit (P2WPKH)', p2tr: 'taproot (P2TR)',
    p2sh: 'multisig (P2SH)', p2wsh: 'multisig (P2WSH)', 'p2sh-p2wsh': 'multisig (P2SH-P2WSH)', unknown: 'unknown script',
  };
  return names[t] ?? t;
}

export const NETWORK_TEXT: Record<string, string> = {
  mainnet: 'Bitcoin mainnet (real money)',
  testnet: 'Bitcoin testnet (test coins)',
  signet: 'Bitcoin signet (test coins)',
  regtest: 'Bitcoin regtest (local test coins)',
};
