/**
 * Reading a cosigner key or a whole multisig wallet (scanned UR, Coldcard/Sparrow text or JSON,
 * [fp/path]xpub, descriptor) into the multisig flow's event, and creating the wallet from the
 * collected keys. Never throws: refusals (secrets, duplicates, bad input) are 'rejected'. Pure.
 */
import { AppError } from '../../../../shared/errors';
import type { NetworkName } from '../../../../shared/bitcoin/networks';
import type { Cosigner } from '../../../../shared/bitcoin/multisig';
import type { ScanPayload } from '../../../../shared/ur/assembler';
import { addCosigners, buildWallet, bytesText, cosignersFromAccountCbor, readMultisigInput, type MultisigInput } from '../../watch/multisig';
import type { Event } from './machine';

export const MULTISIG_EXPECTED = "a station's cosigner key (crypto-account) or a multisig wallet descriptor";

function take(input: MultisigInput, list: readonly Cosigner[], scanned: boolean): Event {
  if (input.kind === 'wallet') return { type: 'wallet', wallet: input.wallet, scanned };
  const next = addCosigners(list, input.cosigners);
  if (next.length === list.length) throw new AppError('multisig/unparseable', { reason: 'this cosigner key is already in the list' });
  return { type: 'cosigners', cosigners: next, scanned };
}

/** A scanned export as the flow's event, given the keys collected so far. */
export function readMultisigScan(p: ScanPayload, network: NetworkName, list: readonly Cosigner[]): Event {
  try {
    if (p.kind === 'account') return take({ kind: 'cosigners', cosigners: cosignersFromAccountCbor(p.cbor, network) }, list, true);
    const t = p.kind === 'text' ? p.text : p.kind === 'bytes' ? bytesText(p.bytes) : undefined;
    if (t === undefined) throw new AppError('ur/unsupported-type', { got: p.kind, expected: MULTISIG_EXPECTED });
    return take(readMultisigInput(t, network), list, true);
  } catch (error) {
    return { type: 'rejected', error, scanned: true };
  }
}

/** Pasted text as the flow's event. */
export function readMultisigText(text: string, network: NetworkName, list: readonly Cosigner[]): Event {
  try {
    return take(readMultisigInput(text, network), list, false);
  } catch (error) {
    return { type: 'rejected', error, scanned: false };
  }
}

/** The wallet from the collected keys, M and name (as the flow's event). */
export function createWallet(list: readonly Cosigner[], threshold: number, name: string, network: NetworkName): Event {
  try {
    return { type: 'wallet', wallet: buildWallet(list, threshold, name, network), scanned: false };
  } catch (error) {
    return { type: 'rejected', error, scanned: false };
  }
}
