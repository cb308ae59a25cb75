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
import { Vault, type KeySummary } from '../../../shared/vault/vault';
import type { VaultStore } from '../../../shared/vault/store';

let store: VaultStore | null = null;
let vault: Vault | null = null;
let draft: { entropy: SecretBytes; passphrase: string; wordCount: number } | null = null;

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

function setDraft(entropy: SecretBytes, passphrase: string, wordCount: number): string {
  discardDraft();
  draft = { entropy, passphrase, wordCount };
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

/** Create a new, empty vault and keep it unlocked. Throws 'vault/passphrase-too-short'. */
export async function createVault(passphrase: string): Promise<void> {
  if (!store) throw new AppError('internal');
  vault = await Vault.create(store, passphrase, Date.now());
}

/** Unlock with the vault passphrase. Throws 'vault/wrong-password' (nothing changes). */
export async function unlock(passphrase: string): Promise<void> {
  if (!store) throw new AppError('internal');
  vault = await Vault.unlock(store, passphrase);
}

/** Wipe every secret this module holds. Safe to call at any time, repeatedly. */
export function lock(): void {
  discardDraft();
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
  return setDraft(entropy, bip39Passphrase, wordCount);
}

/** The draft's words, for the one screen that shows them. The caller must not store the array. */
export function draftWords(): string[] {
  if (!draft) throw new AppError('vault/locked');
  return entropyToWords(draft.entropy);
}

/** Check quiz answers ({position from 1, word}); returns the positions that do NOT match. */
export function checkDraftWords(answers: readonly { position: number; word: string }[]): number[] {
  const words = draftWords();
  const wrong = answers
    .filter((a) => words[a.position - 1] !== a.word.trim().normalize('NFKD').toLowerCase())
    .map((a) => a.position);
  words.fill('');
  return wrong;
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
  try {
    return await v.addKey({ label, entropy: draft.entropy, bip39Passphrase: draft.passphrase }, Date.now());
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
}

/** Re-encrypt the vault under a new passphrase (atomic in the store). Throws 'vault/wrong-password'. */
export async function changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
  await requireVault().changePassphrase(oldPassphrase, newPassphrase);
}
