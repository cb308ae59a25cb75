/**
 * Pure steps of the Ethereum send between the UI and shared/: the typed amount read in the asset's
 * units, the prepared request as the pending send with its human summary, and a scanned answer as the
 * flow's event (request id and signer checked, transaction assembled). No storage, no network.
 */
import { AppError } from '../../../../shared/errors';
import { formatEth, formatGwei, formatUnits, parseUnits } from '../../../../shared/units';
import type { ScanPayload } from '../../../../shared/ur/assembler';
import { acceptEthSignature } from '../scan-signed/signed';
import type { EthSendForm, PreparedEthSend } from './prepare';
import type { EthPending, Event } from './machine';

export interface TokenChoice { address: string; symbol: string; decimals: number }

/** The form as a send request; `asset` is 'ETH' or a token address. Throws input/bad-encoding for a bad amount. */
export function readEthForm(tokens: TokenChoice[], d: { asset: string; to: string; amount: string }): EthSendForm {
  const token = tokens.find((t) => t.address === d.asset);
  let amount: bigint;
  try {
    amount = parseUnits(d.amount, token ? token.decimals : 18);
  } catch {
    throw new AppError('input/bad-encoding', { expected: 'an amount, e.g. 0.25' });
  }
  return { to: d.to, amount, token: token ? { address: token.address, decimals: token.decimals, symbol: token.symbol } : undefined };
}

/** What the user checks before and after signing, field → text. */
export function ethSummary(prep: PreparedEthSend, form: EthSendForm): Record<string, string> {
  const token = form.token;
  return {
    To: prep.to,
    Amount: token ? `${formatUnits(form.amount, token.decimals)} ${token.symbol}` : formatEth(form.amount),
    ...(token ? { 'Token contract': token.address } : {}),
    'Max fee': `${formatEth(prep.maxFeeWei)} (${prep.gasLimit} gas × ${formatGwei(prep.maxFeePerGasWei)})`,
    Nonce: String(prep.nonce),
    Chain: String(prep.chainId),
  };
}

/** A prepared request as the pending send persisted until broadcast; `now` in ms. */
export function pendingOf(accountId: string, from: string, prep: PreparedEthSend, form: EthSendForm, now: number): EthPending {
  return { kind: 'eth', accountId, unsignedTx: prep.unsignedTx, requestCbor: prep.requestCbor, requestId: prep.requestId, from, summary: ethSummary(prep, form), createdAt: now };
}

/** A scanned answer as the flow's event: never throws (a refused answer is 'answer-rejected'). */
export function readEthAnswer(p: EthPending, payload: ScanPayload): Event {
  try {
    if (payload.kind !== 'eth-signature') throw new AppError('ur/unsupported-type', { got: payload.kind, expected: 'an eth-signature' });
    return { type: 'answer-final', tx: acceptEthSignature(p.unsignedTx, payload.cbor, { requestId: p.requestId, from: p.from }) };
  } catch (error) {
    return { type: 'answer-rejected', error };
  }
}
