/**
 * Secret holder of the backup screens (ARCHITECTURE 2.6), beside state/keyring.ts and wiped by its
 * lock() through keyring.onLock: module-private variables, never signals, props or machine state.
 *
 * It holds, one at a time and only while a backup screen needs them: the SLIP-39 share set being
 * shown, a key revealed for its words/SeedQR, the shares typed in so far, a restored key waiting
 * for its label, and a decrypted backup file waiting for its preview/merge. Screens get public
 * facts back (fingerprints, counts, share positions, previews); the only exceptions are the
 * `*Words()` / `revealed*()` getters of the display steps, read into a render-local variable.
 */
import { AppError, type ErrorCode } from '../../../../shared/errors';
import { SecretBytes } from '../../../../shared/secret';
import { wipe } from '../../../../shared/bytes';
import { entropyToWords, validateMnemonic } from '../../../../shared/keys/mnemonic';
import { masterFingerprint, seedFromEntropy } from '../../../../shared/keys/hd';
import { combineProgress, combineShares, splitSecret, type Slip39Progress } from '../../../../shared/backup/slip39';
import { encodeCompactSeedQr, encodeSeedQr, decodeSeedQrPayload } from '../../../../shared/backup/seedqr';
import { createBackup, openBackup, readBackupInfo, type BackupItem, type RestorePreview } from '../../../../shared/backup/vault-backup';
import { decodeKeyRecord, type KeySummary } from '../../../../shared/vault/vault';
import * as keyring from '../../state/keyring';

export interface ShareSetInfo {
  groupThreshold: number;
  groups: { threshold: number; count: number }[];
  /** words per share (20 for a 128-bit secret, 33 for 256-bit) */
  wordCount: number;
  fingerprint: string;
}

let shareSet: string[][] | null = null;
let revealed: SecretBytes | null = null;
let entered: string[] = [];
let pending: SecretBytes | null = null;
let opened: BackupItem[] | null = null;

function wipeItems(items: BackupItem[] | null): void {
  for (const i of items ?? []) wipe(i.data);
}

/** Forget everything this module holds (lock, leaving a backup screen). */
export function discardAll(): void {
  shareSet = null;
  revealed?.wipe();
  revealed = null;
  entered = [];
  pending?.wipe();
  pending = null;
  wipeItems(opened);
  opened = null;
}
keyring.onLock(discardAll);

function fingerprintOf(entropy: SecretBytes, bip39Passphrase: string): string {
  const seed = seedFromEntropy(entropy, bip39Passphrase);
  try {
    return masterFingerprint(seed);
  } finally {
    seed.wipe();
  }
}

// --- SLIP-39 split (master secret = the key's BIP-39 entropy, Airlock's CLI contract) ---

/** Split key `keyId` into a new share set held here. Throws 'slip39/bad-parameters', vault codes. */
export async function splitKey(keyId: string, key: KeySummary, opts: { groupThreshold: number; groups: { threshold: number; count: number }[] }): Promise<ShareSetInfo> {
  const set = await keyring.withEntropy(keyId, (e) => splitSecret(e, { ...opts, extendable: true, iterationExponent: 1 }));
  shareSet = set;
  return { groupThreshold: opts.groupThreshold, groups: opts.groups.map((g) => ({ ...g })), wordCount: set[0][0].split(' ').length, fingerprint: key.fingerprint };
}

/** Words of share (group, member), both from 0, for the one step that shows it. */
export function shareWords(group: number, member: number): string[] {
  const s = shareSet?.[group]?.[member];
  if (!s) throw new AppError('vault/locked');
  return s.split(' ');
}

export function discardShares(): void {
  shareSet = null;
}

// --- Revealing a stored key (words, SeedQR) on explicit request ---

/** Load key `keyId` for display. Returns its word count. */
export async function revealKey(keyId: string): Promise<{ wordCount: number }> {
  const copy = await keyring.withEntropy(keyId, (e) => e.use((b) => new SecretBytes(b.slice())));
  revealed?.wipe();
  revealed = copy;
  return { wordCount: (copy.length * 8 + copy.length / 4) / 11 };
}

function requireRevealed(): SecretBytes {
  if (!revealed || revealed.wiped) throw new AppError('vault/locked');
  return revealed;
}

export function revealedWords(): string[] {
  return entropyToWords(requireRevealed());
}

/** Standard SeedQR digits of the revealed key. Throws 'seedqr/bad-format' for 15/18/21 words. */
export function revealedSeedQr(): string {
  return encodeSeedQr(requireRevealed());
}

/** CompactSeedQR bytes of the revealed key (caller wipes). */
export function revealedCompactSeedQr(): Uint8Array {
  return encodeCompactSeedQr(requireRevealed());
}

export function discardReveal(): void {
  revealed?.wipe();
  revealed = null;
}

// --- Entering SLIP-39 shares ---

export interface ShareEntry {
  entered: number;
  progress: Slip39Progress;
  /** set when the share just offered was refused (it is not kept) */
  refused?: { code: Extract<Slip39Progress, { kind: 'error' }>['code']; share: number };
}

/** Offer one typed share. Kept only if it fits the shares so far; errors name its position. */
export function addShare(text: string): ShareEntry {
  const words = text.trim().toLowerCase().split(/\s+/).join(' ');
  const next = [...entered, words];
  const p = combineProgress(next);
  if (p.kind === 'error') {
    return { entered: entered.length, progress: combineProgress(entered), refused: { code: p.code, share: p.share ?? next.length } };
  }
  entered = next;
  return { entered: entered.length, progress: p };
}

/** Remove share `position` (from 1). */
export function removeShare(position: number): ShareEntry {
  entered = entered.filter((_, i) => i !== position - 1);
  return { entered: entered.length, progress: combineProgress(entered) };
}

export function clearShares(): void {
  entered = [];
}

/**
 * Combine the entered shares into BIP-39 entropy held as the pending key. Returns its fingerprint
 * and word count. Throws combineShares' codes; 'slip39/bad-parameters' when the secret cannot be
 * BIP-39 entropy (e.g. a 512-bit seed).
 */
export function combineEntered(bip39Passphrase: string): { fingerprint: string; wordCount: number } {
  const ms = combineShares(entered);
  if (ms.length < 16 || ms.length > 32 || ms.length % 4 !== 0) {
    ms.wipe();
    throw new AppError('slip39/bad-parameters', { reason: 'not-bip39-entropy' });
  }
  entered = [];
  return setPending(ms, bip39Passphrase);
}

// --- SeedQR scan ---

/** Take a scanned SeedQR payload (bytes) as the pending key. Throws 'seedqr/bad-format'. */
export function pendingFromSeedQr(payload: Uint8Array, bip39Passphrase: string): { fingerprint: string; wordCount: number } {
  return setPending(decodeSeedQrPayload(payload), bip39Passphrase);
}

// --- BIP-39 words (drill) ---

/** Take typed BIP-39 words as the pending key; errors name the position, never the word. */
export function pendingFromWords(text: string): { ok: true; fingerprint: string; wordCount: number } | { ok: false; code: ErrorCode; position?: number } {
  const r = validateMnemonic(text);
  if (!r.ok) return r.position === undefined ? { ok: false, code: r.code } : { ok: false, code: r.code, position: r.position };
  return { ok: true, ...setPending(r.entropy, '') };
}

/**
 * Drill: fingerprint of the pending key under stored key `keyId`'s own BIP-39 passphrase (so a
 * backup of the words is checked against the key as stored), then the pending key is wiped.
 */
export async function drillPending(keyId: string): Promise<string> {
  if (!pending) throw new AppError('vault/locked');
  try {
    return await keyring.withEntropy(keyId, (_e, pass) => pendingFingerprint(pass));
  } finally {
    discardPending();
  }
}

// --- The pending (restored, not yet stored) key ---

function setPending(entropy: SecretBytes, bip39Passphrase: string): { fingerprint: string; wordCount: number } {
  pending?.wipe();
  pending = entropy;
  return { fingerprint: fingerprintOf(entropy, bip39Passphrase), wordCount: (entropy.length * 8 + entropy.length / 4) / 11 };
}

/** Fingerprint of the pending key under another BIP-39 passphrase. */
export function pendingFingerprint(bip39Passphrase: string): string {
  if (!pending) throw new AppError('vault/locked');
  return fingerprintOf(pending, bip39Passphrase);
}

/** Store the pending key under `label`; it is wiped afterwards. */
export async function savePending(label: string, bip39Passphrase: string): Promise<KeySummary> {
  if (!pending) throw new AppError('vault/locked');
  const summary = await keyring.addRestoredKey(label, pending, bip39Passphrase);
  discardPending();
  return summary;
}

export function discardPending(): void {
  pending?.wipe();
  pending = null;
}

// --- Encrypted backup files ---

/** Export the whole vault as an encrypted backup file (public bytes). Throws vault/backup codes. */
export async function exportBackupFile(vaultPassphrase: string, backupPassphrase: string, now: number): Promise<Uint8Array> {
  const items = await keyring.exportVaultItems(vaultPassphrase);
  try {
    return await createBackup(items, backupPassphrase, now);
  } finally {
    wipeItems(items);
  }
}

/** Public header of a file (created date), or throws 'backup/corrupt' | 'backup/unsupported-version'. */
export function backupFileInfo(bytes: Uint8Array): { created: string } {
  return { created: readBackupInfo(bytes).created };
}

/** Decrypt a backup file and keep its items here. Returns the item count. Throws 'backup/*'. */
export async function openBackupFile(bytes: Uint8Array, backupPassphrase: string): Promise<{ items: number; createdAt: number }> {
  const b = await openBackup(bytes, backupPassphrase);
  wipeItems(opened);
  opened = b.items;
  return { items: b.items.length, createdAt: b.createdAt };
}

/** What restoring the opened file would change (nothing is written). */
export async function previewOpened(vaultPassphrase: string): Promise<RestorePreview> {
  if (!opened) throw new AppError('vault/locked');
  return await keyring.importVaultItems(vaultPassphrase, opened, 'merge', true);
}

/** Restore the opened file (merge or replace), then forget it. */
export async function applyOpened(vaultPassphrase: string, mode: 'merge' | 'replace'): Promise<RestorePreview> {
  if (!opened) throw new AppError('vault/locked');
  const preview = await keyring.importVaultItems(vaultPassphrase, opened, mode, false);
  discardOpened();
  return preview;
}

export interface FileKeyCheck {
  label: string;
  /** fingerprint recomputed from the key's entropy in the file */
  fingerprint: string;
  /** the file's own claim matches the recomputation */
  consistent: boolean;
}

/** Drill: re-derive the fingerprint of every key in the opened file (nothing is written). */
export function checkOpenedKeys(): FileKeyCheck[] {
  if (!opened) throw new AppError('vault/locked');
  const out: FileKeyCheck[] = [];
  for (const item of opened) {
    if (!item.name.startsWith('key/')) continue;
    const rec = decodeKeyRecord(item.data);
    const e = new SecretBytes(rec.entropy);
    try {
      const fingerprint = fingerprintOf(e, rec.passphrase);
      out.push({ label: rec.meta.label, fingerprint, consistent: fingerprint === rec.meta.fingerprint });
    } finally {
      e.wipe();
    }
  }
  return out;
}

/** Public names of the opened file's keys: item name → '“label” fingerprint'. */
export function describeOpenedKeys(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of opened ?? []) {
    if (!item.name.startsWith('key/')) continue;
    try {
      const rec = decodeKeyRecord(item.data);
      wipe(rec.entropy);
      out[item.name] = `key “${rec.meta.label}” ${rec.meta.fingerprint}`;
    } catch {
      out[item.name] = 'damaged key record';
    }
  }
  return out;
}

export function discardOpened(): void {
  wipeItems(opened);
  opened = null;
}
