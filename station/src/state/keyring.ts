/**
 * The station's secret holder (ARCHITECTURE 2.6). Module-private variables, NOT signals, context
 * or props: the unlocked Vault (which holds the vault key) and, during onboarding, the draft key's
 * entropy and BIP-39 passphrase. The UI asks it to do things and gets back public facts only
 * (fingerprints, xpubs, key summaries, word positions) — with ONE deliberate exception:
 * `draftWords()` returns the new mnemonic so the "write these words down" step can show it; that
 * step keeps the array in a render-local variable only.
 * `lock()` wipes everything (best effort: JS strings cannot be zeroed, byte arrays are).
 */
import { AppError, type ErrorCode } from '../../../shared/errors';
import { NETWORKS, type NetworkName } from '../../../shared/bitcoin/networks';
import { entropyToWords, generateEntropy, validateMnemonic, splitWords } from '../../../shared/keys/mnemonic';
import { masterFingerprint, seedFromEntropy } from '../../../shared/keys/hd';
import { deriveEthAccount, deriveStandardAccounts, type AccountXpub, type EthAccount } from '../../../shared/keys/accounts';
import type { SecretBytes } from '../../../shared/secret';
import { exportVaultRecords, importVaultRecords } from '../../../shared/backup/vault-records';
import type { BackupItem, RestorePreview } from '../../../shared/backup/vault-backup';
import { checkQuizAnswers, type QuizAnswer } from '../../../shared/backup/verify-quiz';
import { Vault, type KeySummary, type VaultCreateOptions } from '../../../shared/vault/vault';
import type { VaultStore } from '../../../shared/vault/store';
import { reviewPsbt, type PsbtReview } from '../../../shared/bitcoin/review';
import { signPsbt } from '../../../shared/bitcoin/sign';
import { multisigAddress, ourCosignerIndex, parseMultisigWallet, walletDescriptor, walletSummary, type MultisigWallet } from '../../../shared/bitcoin/multisig';
import { loadRegisteredWallets, registerWallet } from '../../../shared/bitcoin/multisig-store';
import { parseEthSignRequest } from '../../../shared/ethereum/request';
import { reviewEthRequest, type EthReview } from '../../../shared/ethereum/review';
import { signEthRequest } from '../../../shared/ethereum/sign';
import { ethSignedEvent, psbtSignedEvent, type AuditEvent } from '../../../shared/audit/events';
import { appendStationAudit } from './audit';

let store: VaultStore | null = null;
let vault: Vault | null = null;
let draft: { entropy: SecretBytes; passphrase: string; wordCount: number; origin: 'created' | 'imported'; quizOk?: boolean } | null = null;
/** Other secret holders (flows/backup/secrets.ts) wiped by lock(). */
const lockHooks = new Set<() => void>();

export interface KeyAccounts {
  network: NetworkName;
  btc: AccountXpub[];
  eth: EthAccount;
}

export type ImportResult =
  | { ok: true; wordCount: number; fingerprint: string }
  | { ok: false; code: Extract<ErrorCode, `mnemonic/${string}`>; position?: number };

function requireVault(): Vault {
  if (!vault || vault.locked) throw new AppError('vault/locked');
  return vault;
}

function draftFingerprint(): string {
  if (!draft) throw new AppError('vault/locked');
  const seed = seedFromEntropy(draft.entropy, draft.passphrase);
  try {
    return masterFingerprint(seed);
  } finally {
    seed.wipe();
  }
}

function setDraft(entropy: SecretBytes, passphrase: string, wordCount: number, origin: 'created' | 'imported' = 'imported'): string {
  discardDraft();
  draft = { entropy, passphrase, wordCount, origin };
  return draftFingerprint();
}

/** Forget the key being created/imported (cancel, save, lock). */
export function discardDraft(): void {
  draft?.entropy.wipe();
  draft = null;
}

/** Open the vault store; reports whether a vault exists (no passphrase involved). */
export async function initKeyring(s: VaultStore): Promise<'no-vault' | 'locked'> {
  store = s;
  return (await Vault.exists(s)) ? 'locked' : 'no-vault';
}

/**
 * Create a new, empty vault and keep it unlocked. `opts` (KDF parameters) is for tests only; the
 * vault refuses anything under its documented minimum. Throws 'vault/passphrase-too-short'.
 */
export async function createVault(passphrase: string, opts?: VaultCreateOptions): Promise<void> {
  if (!store) throw new AppError('internal');
  vault = await Vault.create(store, passphrase, Date.now(), opts);
}

/** Unlock with the vault passphrase. Throws 'vault/wrong-password' (nothing changes). */
export async function unlock(passphrase: string): Promise<void> {
  if (!store) throw new AppError('internal');
  vault = await Vault.unlock(store, passphrase);
  await recordAudit({ event: 'vault-unlocked', details: {} });
}

/** Wipe every secret this module holds. Safe to call at any time, repeatedly. */
export function lock(): void {
  discardDraft();
  for (const fn of lockHooks) fn();
  try {
    vault?.lock();
  } finally {
    vault = null;
  }
}

export function isUnlocked(): boolean {
  return vault !== null && !vault.locked;
}

export function listKeys(): KeySummary[] {
  return requireVault().listKeys();
}

/** Make a new draft key: CSPRNG entropy, optionally mixed with dice rolls / coin flips. Returns its fingerprint. */
export function generateDraft(wordCount: 12 | 24, dice: string, coins: string, bip39Passphrase: string): string {
  requireVault();
  const entropy = generateEntropy(wordCount, dice, coins);
  return setDraft(entropy, bip39Passphrase, wordCount, 'created');
}

/** The draft's words, for the one screen that shows them. The caller must not store the array. */
export function draftWords(): string[] {
  if (!draft) throw new AppError('vault/locked');
  return entropyToWords(draft.entropy);
}

/** Check backup-quiz answers ({position from 1, word}); returns ok and the positions that do NOT match. */
export function checkDraftWords(answers: readonly QuizAnswer[]): { ok: boolean; wrong: number[] } {
  const words = draftWords();
  try {
    const r = checkQuizAnswers(words, answers);
    if (draft) draft.quizOk = r.ok;
    return { ok: r.ok, wrong: r.wrongPositions };
  } finally {
    words.fill('');
  }
}

/** Validate a typed mnemonic and keep it as the draft. Never returns or throws the words. */
export function importDraft(text: string, bip39Passphrase: string): ImportResult {
  requireVault();
  const r = validateMnemonic(text);
  if (!r.ok) return r.position === undefined ? { ok: false, code: r.code } : { ok: false, code: r.code, position: r.position };
  const fingerprint = setDraft(r.entropy, bip39Passphrase, r.words);
  return { ok: true, wordCount: r.words, fingerprint };
}

/** Number of words the text splits into (public: used to size the import grid). */
export function countWords(text: string): number {
  return splitWords(text).length;
}

/** Encrypt the draft into the vault under `label`; the draft is wiped afterwards. */
export async function saveDraft(label: string): Promise<KeySummary> {
  const v = requireVault();
  if (!draft) throw new AppError('vault/locked');
  const { origin, quizOk, wordCount } = draft;
  try {
    const k = await v.addKey({ label, entropy: draft.entropy, bip39Passphrase: draft.passphrase }, Date.now());
    await recordAudit(origin === 'created' ? { event: 'wallet-created', details: { fingerprint: k.fingerprint, words: wordCount } } : { event: 'wallet-imported', details: { fingerprint: k.fingerprint, source: 'typed words' } });
    if (origin === 'created') await recordAudit({ event: 'backup-made', details: { method: 'words written down', fingerprint: k.fingerprint } });
    if (quizOk) await recordAudit({ event: 'backup-verified', details: { method: 'word quiz', fingerprint: k.fingerprint } });
    return k;
  } finally {
    discardDraft();
  }
}

/** Public accounts of a stored key on `network` (BTC standard set + ETH). */
export async function accountsFor(id: string, network: NetworkName): Promise<KeyAccounts> {
  const v = requireVault();
  return await v.withRoot(id, (root) => ({
    network,
    btc: deriveStandardAccounts(root, NETWORKS[network]),
    eth: deriveEthAccount(root),
  }));
}

export async function renameKey(id: string, label: string): Promise<void> {
  await requireVault().renameKey(id, label);
}

/** Delete a key; `confirmFingerprint` must be the key's fingerprint as typed by the user. */
export async function deleteKey(id: string, confirmFingerprint: string): Promise<void> {
  await requireVault().deleteKey(id, confirmFingerprint);
  await recordAudit({ event: 'key-deleted', details: { fingerprint: confirmFingerprint.trim().toLowerCase() } });
}

/** Re-encrypt the vault under a new passphrase (atomic in the store). Throws 'vault/wrong-password'. */
export async function changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
  await requireVault().changePassphrase(oldPassphrase, newPassphrase);
}

// --- Signing (sign-psbt, sign-eth, register-multisig flows). Inputs and results are public data
// (PSBTs, requests, reviews, signed PSBTs, signatures); the key never leaves Vault.withRoot.

/** Which stored key a review was made with (public facts). */
export interface KeyChoice {
  keyId: string;
  label: string;
  fingerprint: string;
}

function okKeys(v: Vault): KeyChoice[] {
  const ks = v.listKeys().filter((k) => k.status === 'ok').map((k) => ({ keyId: k.id, label: k.label, fingerprint: k.fingerprint }));
  if (!ks.length) throw new AppError('vault/not-found');
  return ks;
}

/**
 * Review PSBT bytes with each stored key (registered multisig wallets included for change proofs);
 * the first key with inputs to sign is chosen, else the first key (its review explains the refusal).
 * Throws the parse errors of reviewPsbt ('psbt/unparseable', 'psbt/utxo-mismatch').
 */
export async function reviewPsbtWithKeys(bytes: Uint8Array, network: NetworkName): Promise<{ key: KeyChoice; review: PsbtReview }> {
  const v = requireVault();
  const net = NETWORKS[network];
  const wallets = await loadRegisteredWallets(v, net);
  let first: { key: KeyChoice; review: PsbtReview } | undefined;
  for (const key of okKeys(v)) {
    const review = await v.withRoot(key.keyId, (root) => reviewPsbt(bytes, { network: net, keys: root, wallets }));
    if (review.inputs.some((i) => i.ours)) return { key, review };
    first ??= { key, review };
  }
  return first!;
}

/** Sign the inputs of `keyId` the approved review marked ours; records `psbt-signed`. Throws signPsbt's codes. */
export async function signPsbtWithKey(keyId: string, bytes: Uint8Array, network: NetworkName, approved: PsbtReview): Promise<{ psbt: Uint8Array; signedInputs: number[] }> {
  const v = requireVault();
  const net = NETWORKS[network];
  const wallets = await loadRegisteredWallets(v, net);
  const res = await v.withRoot(keyId, (root) => signPsbt(bytes, root, approved, { network: net, wallets }));
  const fingerprint = v.listKeys().find((k) => k.id === keyId)?.fingerprint;
  await appendStationAudit(v, psbtSignedEvent({
    txid: res.review.txid, feeSats: res.review.feeSats ?? 0n, inputs: res.signedInputs.length, network: net.name, fingerprint,
    outputs: res.review.outputs.map((o) => ({ address: o.address, amountSats: o.valueSats, change: o.role === 'change' })),
  }));
  return { psbt: res.psbt, signedInputs: res.signedInputs };
}

/** A multisig wallet read for registration: which stored key is a cosigner (null: none), first receive address. */
export interface MultisigCheck {
  wallet: MultisigWallet;
  key: KeyChoice | null;
  ourIndex: number;
  firstAddress: string;
  alreadyRegistered: boolean;
}

/** Parse a wallet (descriptor, Coldcard/Sparrow text, BSMS) and find our cosigner key. Throws parseMultisigWallet's codes. */
export async function inspectMultisig(text: string, network: NetworkName): Promise<MultisigCheck> {
  const v = requireVault();
  const net = NETWORKS[network];
  const wallet = parseMultisigWallet(text, net);
  let key: KeyChoice | null = null;
  let ourIndex = -1;
  for (const k of okKeys(v)) {
    ourIndex = await v.withRoot(k.keyId, (root) => ourCosignerIndex(wallet, root, net));
    if (ourIndex >= 0) {
      key = k;
      break;
    }
  }
  const descriptor = walletDescriptor(wallet);
  const alreadyRegistered = (await loadRegisteredWallets(v, net)).some((w) => walletDescriptor(w) === descriptor);
  return { wallet, key, ourIndex, firstAddress: multisigAddress(wallet, 0, 0, net), alreadyRegistered };
}

/** Store the wallet in the vault after re-checking that a stored key is a cosigner. Throws 'multisig/not-cosigner'. */
export async function registerMultisig(text: string, network: NetworkName): Promise<MultisigWallet> {
  const v = requireVault();
  const check = await inspectMultisig(text, network);
  if (!check.key) throw new AppError('multisig/not-cosigner');
  await registerWallet(v, check.wallet);
  const s = walletSummary(check.wallet);
  await appendStationAudit(v, { event: 'multisig-registered', details: { name: s.name, policy: s.policy, fingerprints: s.fingerprints } });
  return check.wallet;
}

/** Multisig wallets registered for `network`. */
export async function registeredMultisigWallets(network: NetworkName): Promise<MultisigWallet[]> {
  return await loadRegisteredWallets(requireVault(), NETWORKS[network]);
}

/**
 * Review an EIP-4527 request with the stored key whose fingerprint it names (else the first key:
 * its review carries the wrong-fingerprint refusal). Throws parseEthSignRequest's codes, 'eth/bad-typed-data'.
 */
export async function reviewEthWithKeys(cbor: Uint8Array): Promise<{ key: KeyChoice; review: EthReview }> {
  const v = requireVault();
  const req = parseEthSignRequest(cbor);
  const ks = okKeys(v);
  const key = ks.find((k) => k.fingerprint === req.sourceFingerprint) ?? ks[0];
  const review = await v.withRoot(key.keyId, (root) => reviewEthRequest(req, { root }));
  return { key, review };
}

/** Sign an approved EIP-4527 request with `keyId`; returns the eth-signature CBOR and records `eth-signed`. */
export async function signEthWithKey(keyId: string, cbor: Uint8Array, approved: EthReview): Promise<Uint8Array> {
  const v = requireVault();
  const res = await v.withRoot(keyId, (root) => signEthRequest(cbor, root, approved));
  const fingerprint = v.listKeys().find((k) => k.id === keyId)?.fingerprint;
  await appendStationAudit(v, ethSignedEvent({ kind: approved.kind, chainId: approved.chain.id, hash: res.hash, to: approved.to, valueWei: approved.valueWei, fingerprint, path: approved.path }));
  return res.cbor;
}

/**
 * Public records of other station modules (flows/ledger: hardware-key entries — fingerprints, xpubs,
 * policy HMACs, no secret), stored encrypted as vault meta records named `hw-…`.
 */
export async function readPublicRecord(name: `hw-${string}`): Promise<Uint8Array | undefined> {
  return await requireVault().getMeta(name);
}

export async function writePublicRecord(name: `hw-${string}`, value: Uint8Array): Promise<void> {
  await requireVault().putMeta(name, value);
}

/** Record a public event (a refusal) in the audit log; never fails the caller's flow. */
export async function recordAudit(event: AuditEvent): Promise<void> {
  try {
    await appendStationAudit(requireVault(), event);
  } catch {
    // the refusal screen matters more than its log line
  }
}

// --- Backups (flows/backup*: SLIP-39, SeedQR, backup files, drills). Secret results go to the
// backup flows' own holder (flows/backup/secrets.ts), which registers its wipe with onLock.

/** Run `fn` on lock() (before the vault is dropped); for other module-private secret holders. */
export function onLock(fn: () => void): void {
  lockHooks.add(fn);
}

/** Run fn with key `id`'s entropy and BIP-39 passphrase (wiped after; fn must not keep them). */
export async function withEntropy<T>(id: string, fn: (entropy: SecretBytes, bip39Passphrase: string) => T | Promise<T>): Promise<T> {
  return await requireVault().withEntropy(id, fn);
}

/** Store a restored key (the caller wipes `entropy`). Throws Vault.addKey's codes. */
export async function addRestoredKey(label: string, entropy: SecretBytes, bip39Passphrase: string): Promise<KeySummary> {
  return await requireVault().addKey({ label, entropy, bip39Passphrase }, Date.now());
}

/** Read/write a small encrypted record `meta/<name>` (public facts such as backup-verified dates). */
export async function readMeta(name: string): Promise<Uint8Array | undefined> {
  return await requireVault().getMeta(name);
}
export async function writeMeta(name: string, value: Uint8Array): Promise<void> {
  await requireVault().putMeta(name, value);
}

/** Every vault record as plaintext items, after re-checking the vault passphrase (secret: wipe `data`). */
export async function exportVaultItems(vaultPassphrase: string): Promise<BackupItem[]> {
  requireVault();
  if (!store) throw new AppError('internal');
  return await exportVaultRecords(store, vaultPassphrase);
}

/**
 * Preview or apply a restore of backup items into the vault (one atomic batch), then re-open the
 * vault so the key list reflects it. Throws 'vault/wrong-password' (nothing changes).
 */
export async function importVaultItems(vaultPassphrase: string, items: readonly BackupItem[], mode: 'merge' | 'replace', dryRun: boolean): Promise<RestorePreview> {
  requireVault();
  if (!store) throw new AppError('internal');
  const preview = await importVaultRecords(store, vaultPassphrase, items, mode, dryRun);
  if (!dryRun) {
    const fresh = await Vault.unlock(store, vaultPassphrase);
    vault?.lock();
    vault = fresh;
  }
  return preview;
}

/** Run `fn` with the unlocked vault (for its encrypted meta records: audit log, policies, inventory settings). */
export async function withVaultMeta<T>(fn: (v: Vault) => Promise<T>): Promise<T> {
  return await fn(requireVault());
}

/** Check the vault passphrase without changing anything (a second unlock, wiped at once). Throws 'vault/wrong-password'. */
export async function checkVaultPassphrase(passphrase: string): Promise<void> {
  if (!store) throw new AppError('internal');
  (await Vault.unlock(store, passphrase)).lock();
}
