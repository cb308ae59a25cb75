/**
 * The signer interface the sign-psbt / sign-eth flows call (issue 8): review with the seed keys (keyring)
 * and, when none of them is involved, with the hardware keys' xpubs (watch-only review: same rules);
 * sign with the keyring for a seed key, or through the Ledger for a hardware key — the device's
 * "Confirm on your Ledger" is then the last step. Audit events are recorded like for seed keys.
 */
import { signal } from '@preact/signals';
import { AppError, errorCode, type ErrorCode } from '../../../../shared/errors';
import { NETWORKS, type NetworkName } from '../../../../shared/bitcoin/networks';
import { reviewPsbt, type PsbtReview } from '../../../../shared/bitcoin/review';
import { parseEthSignRequest } from '../../../../shared/ethereum/request';
import { reviewEthRequest, type EthReview } from '../../../../shared/ethereum/review';
import { psbtSignedEvent, ethSignedEvent } from '../../../../shared/audit/events';
import { assertDeviceFingerprint, checkBtcApp, planSigning, signPsbtOnLedger, type LedgerTransport } from '../../../../shared/ledger/btc';
import { checkEthApp, signEthRequestOnLedger } from '../../../../shared/ledger/eth';
import {
  recordAudit, registeredMultisigWallets, reviewEthWithKeys, reviewPsbtWithKeys, signEthWithKey, signPsbtWithKey, type KeyChoice,
} from '../../state/keyring';
import { connectLedger, reopenLedger } from '../../platform/ledger-webusb';
import { getHardwareKey, isHardwareKeyId, loadHardwareKeys } from './hw-store';

/**
 * "Connect Ledger" in place: when no Ledger is open (or it was unplugged) as the user confirms, the
 * confirm step shows this prompt; its button (a click, which WebUSB's chooser needs) connects and the
 * waiting operation continues. `code` is the last failure ('ledger/no-device' at first).
 */
export const connectPrompt = signal<{ code: ErrorCode; detail?: Record<string, string | number> } | null>(null);
let promptAnswer: ((r: LedgerTransport | AppError) => void) | null = null;

/** The open Ledger; when there is none, wait for the user to press "Connect Ledger" (or cancel). */
export async function ledgerWithPrompt(): Promise<LedgerTransport> {
  try {
    return await reopenLedger();
  } catch (e) {
    if (!(e instanceof AppError) || (e.code !== 'ledger/no-device' && e.code !== 'ledger/disconnected')) throw e;
    promptAnswer?.(new AppError('ledger/no-device')); // an older prompt nobody answered
    return await new Promise<LedgerTransport>((ok, fail) => {
      connectPrompt.value = { code: 'ledger/no-device' };
      promptAnswer = (r) => {
        connectPrompt.value = null;
        promptAnswer = null;
        if (r instanceof AppError) fail(r);
        else ok(r);
      };
    });
  }
}

/** The prompt's "Connect Ledger" button: opens the browser's chooser; a failure stays on the prompt. */
export async function answerConnectPrompt(): Promise<void> {
  try {
    const t = await connectLedger();
    promptAnswer?.(t);
  } catch (e) {
    if (promptAnswer) connectPrompt.value = { code: errorCode(e), detail: e instanceof AppError && e.detail ? { ...e.detail } : undefined };
  }
}

/** The prompt's "Cancel": the waiting operation fails with 'ledger/no-device' (nothing signed). */
export function cancelConnectPrompt(): void {
  promptAnswer?.(new AppError('ledger/no-device'));
}

/** After a refusal because a multisig wallet is not (or no longer) registered on the Ledger: what to offer. */
export const registrationOffer = signal<{ keyId: string; descriptor: string; wallet: string; code: ErrorCode } | null>(null);

async function seedReview<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'vault/not-found') return null; // no seed key: hardware only
    throw e;
  }
}

/** Review PSBT bytes with seed keys, then hardware keys; the first key with inputs to sign wins. */
export async function reviewPsbtAnyKey(bytes: Uint8Array, network: NetworkName): Promise<{ key: KeyChoice; review: PsbtReview }> {
  const seed = await seedReview(() => reviewPsbtWithKeys(bytes, network));
  if (seed && seed.review.inputs.some((i) => i.ours)) return seed;
  const net = NETWORKS[network];
  const wallets = await registeredMultisigWallets(network);
  for (const hk of (await loadHardwareKeys()).filter((k) => k.network === network)) {
    const review = reviewPsbt(bytes, { network: net, keys: { fingerprint: hk.fingerprint, accounts: hk.btc }, wallets });
    if (review.inputs.some((i) => i.ours)) return { key: { keyId: hk.id, label: hk.label, fingerprint: hk.fingerprint }, review };
  }
  if (seed) return seed;
  throw new AppError('psbt/no-inputs-ours');
}

/** Sign with a seed key (keyring) or through the Ledger (hardware key). `onDevice` fires when the device is asked. */
export async function signPsbtAnyKey(keyId: string, bytes: Uint8Array, network: NetworkName, approved: PsbtReview, onDevice?: () => void): Promise<{ psbt: Uint8Array; signedInputs: number[] }> {
  if (!isHardwareKeyId(keyId)) return await signPsbtWithKey(keyId, bytes, network, approved);
  const hk = await getHardwareKey(keyId);
  if (!hk) throw new AppError('vault/not-found');
  const net = NETWORKS[network];
  const keys = { fingerprint: hk.fingerprint, accounts: hk.btc, registered: hk.policies };
  const wallets = await registeredMultisigWallets(network);
  registrationOffer.value = null;
  const offer = (e: unknown) => {
    if (e instanceof AppError && (e.code === 'ledger/not-registered' || e.code === 'ledger/hmac-mismatch') && typeof e.detail?.descriptor === 'string') {
      registrationOffer.value = { keyId, descriptor: e.detail.descriptor, wallet: String(e.detail.wallet ?? ''), code: e.code };
    }
    return e;
  };
  try {
    planSigning(bytes, approved, keys, wallets, net); // an unregistered multisig wallet is refused before the device is needed
  } catch (e) {
    throw offer(e);
  }
  const t = await ledgerWithPrompt();
  await checkBtcApp(t, net);
  await assertDeviceFingerprint(t, net, hk.fingerprint);
  onDevice?.();
  const res = await signPsbtOnLedger(t, bytes, approved, keys, { network: net, wallets }).catch((e: unknown) => {
    throw offer(e);
  });
  await recordAudit(psbtSignedEvent({
    txid: res.review.txid, feeSats: res.review.feeSats ?? 0n, inputs: res.signedInputs.length, network: net.name, fingerprint: hk.fingerprint,
    outputs: res.review.outputs.map((o) => ({ address: o.address, amountSats: o.valueSats, change: o.role === 'change' })),
  }));
  return { psbt: res.psbt, signedInputs: res.signedInputs };
}

/** Review an EIP-4527 request with the key whose fingerprint it names: seed keys first, then hardware keys with an Ethereum account. */
export async function reviewEthAnyKey(cbor: Uint8Array): Promise<{ key: KeyChoice; review: EthReview }> {
  const req = parseEthSignRequest(cbor);
  const hk = (await loadHardwareKeys()).find((k) => k.eth && k.fingerprint === req.sourceFingerprint);
  if (hk?.eth) return { key: { keyId: hk.id, label: hk.label, fingerprint: hk.fingerprint }, review: reviewEthRequest(req, { account: hk.eth }) };
  const seed = await seedReview(() => reviewEthWithKeys(cbor));
  if (seed) return seed;
  throw new AppError('eth/wrong-fingerprint', { got: req.sourceFingerprint ?? '', ours: '' });
}

/** Sign an approved request with a seed key, or through the Ledger's Ethereum app. Returns eth-signature CBOR. */
export async function signEthAnyKey(keyId: string, cbor: Uint8Array, approved: EthReview, onDevice?: () => void): Promise<Uint8Array> {
  if (!isHardwareKeyId(keyId)) return await signEthWithKey(keyId, cbor, approved);
  const hk = await getHardwareKey(keyId);
  if (!hk?.eth) throw new AppError('vault/not-found');
  const t = await ledgerWithPrompt();
  await checkEthApp(t);
  onDevice?.();
  const res = await signEthRequestOnLedger(t, cbor, approved, hk.eth);
  await recordAudit(ethSignedEvent({ kind: approved.kind, chainId: approved.chain.id, hash: res.hash, to: approved.to, valueWei: approved.valueWei, fingerprint: hk.fingerprint, path: approved.path }));
  return res.cbor;
}
