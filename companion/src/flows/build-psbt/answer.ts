/**
 * Pure steps of the Bitcoin send that sit between the UI and shared/: the form read into a send
 * request, the built PSBT into a pending send, and a scanned answer into the flow's event (single-sig:
 * checked to be our transaction and finalized; multisig: verified signatures merged, finalized once M
 * are in). No storage, no network.
 */
import { AppError } from '../../../../shared/errors';
import { parseUnits } from '../../../../shared/units';
import type { BuiltPsbt } from '../../../../shared/bitcoin/build-psbt';
import type { NetworkName } from '../../../../shared/bitcoin/networks';
import type { ScanPayload } from '../../../../shared/ur/assembler';
import { combineSignedPsbt, finalizeMultisigPsbt } from '../../../../shared/bitcoin/combine-psbt';
import { acceptSignedPsbt } from '../scan-signed/signed';
import type { SendForm } from './prepare';
import type { BtcPending, Event } from './machine';

export interface BtcDraft {
  to: string;
  amount: string;
  max: boolean;
  fee: string;
}

/** The typed form as a send request. Throws input/bad-encoding for an amount that is not BTC. */
export function readBtcForm(d: BtcDraft): SendForm {
  let amountSats = 0n;
  if (!d.max) {
    try {
      amountSats = parseUnits(d.amount, 8);
    } catch {
      throw new AppError('input/bad-encoding', { expected: 'an amount in BTC, e.g. 0.0015' });
    }
  }
  return { recipients: [{ address: d.to.trim(), amountSats }], max: d.max, feeRateSatVb: Number(d.fee) };
}

/** A built PSBT as the pending send persisted until broadcast; `now` in ms. */
export function pendingOf(accountId: string, built: BuiltPsbt, now: number): BtcPending {
  return { kind: 'btc', accountId, psbt: built.psbt, txid: built.txid, feeSats: built.feeSats, vsize: built.vsize, outputs: built.outputs.map((o) => ({ address: o.address, amountSats: o.amountSats, role: o.role })), createdAt: now };
}

/** A scanned answer as the flow's event: never throws (a refused answer is 'answer-rejected'). */
export function readBtcAnswer(p: BtcPending, payload: ScanPayload, wallet: { network: NetworkName; multisig: boolean }): Event {
  try {
    if (payload.kind !== 'psbt') throw new AppError('ur/unsupported-type', { got: payload.kind, expected: 'a signed PSBT' });
    if (!wallet.multisig) return { type: 'answer-final', p, final: acceptSignedPsbt(p.psbt, payload.bytes, wallet.network) };
    const st = combineSignedPsbt(p.multisig?.combined ?? p.psbt, payload.bytes);
    const next: BtcPending = { ...p, multisig: { combined: st.psbt, signers: st.signers, signatures: st.signatures, threshold: st.threshold } };
    if (st.complete) return { type: 'answer-final', p: next, final: finalizeMultisigPsbt(st.psbt, wallet.network) };
    return { type: 'answer-partial', p: next };
  } catch (error) {
    return { type: 'answer-rejected', error };
  }
}
