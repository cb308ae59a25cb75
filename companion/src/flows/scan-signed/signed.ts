/**
 * The station's answer comes back: a signed PSBT (checked to be the transaction we sent, then finalized)
 * or an eth-signature (request id and signer checked, then assembled). Pure; no network.
 */
import { finalizeSignedPsbt, type FinalTx } from '../../../../shared/bitcoin/build-psbt';
import { assembleSignedTx, type AssembledTx } from '../../../../shared/ethereum/build-tx';
import type { NetworkName } from '../../../../shared/bitcoin/networks';

export function acceptSignedPsbt(sent: Uint8Array, signed: Uint8Array, network: NetworkName): FinalTx {
  return finalizeSignedPsbt(sent, signed, network);
}

export function acceptEthSignature(unsignedTx: Uint8Array, sigCbor: Uint8Array, expected: { requestId: string; from: string }): AssembledTx {
  return assembleSignedTx(unsignedTx, sigCbor, expected);
}
