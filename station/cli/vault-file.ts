/**
 * A vault in one JSON file for the CLI (`--vault FILE`): a VaultStore whose batches rewrite the file
 * atomically (temp file in the same folder, fsync, rename), holding only vault envelopes (already
 * encrypted by shared/vault). The vault passphrase comes from `--vault-passphrase-file F` or, without
 * it, is derived one-way from the wallet's master key (HMAC-SHA256, domain-separated), so only the
 * holder of the key can open the registered wallets.
 * Not handled: two processes writing the same file at the same time (no file locking).
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-file';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { HDKey } from '@scure/bip32';
import type { StoreOp, VaultStore } from '../../shared/vault/store';
import { Vault } from '../../shared/vault/vault';
import { utf8ToBytes, toHex, fromBase64, toBase64 } from '../../shared/bytes';
import { UsageError, type CliContext, type OptSpec } from './framework';
import { passphraseFile } from './secrets';

export const VAULT_OPTIONS: OptSpec[] = [
  { name: 'vault', value: 'FILE', help: 'vault file (created if missing) holding registered multisig wallets' },
  { name: 'vault-passphrase-file', value: 'F', help: 'vault passphrase (default: derived one-way from the master key)' },
];

/** VaultStore over a JSON file `{ "airlock_vault_file": 1, "records": { key: base64 } }`. */
export class JsonFileStore implements VaultStore {
  constructor(readonly path: string) {}

  #read(): Map<string, Uint8Array> {
    if (!existsSync(this.path)) return new Map();
    let doc: { airlock_vault_file?: number; records?: Record<string, string> };
    try {
      const text = readFileSync(this.path, 'utf8');
      doc = text.trim() === '' ? { airlock_vault_file: 1, records: {} } : JSON.parse(text);
    } catch {
      throw new UsageError(`--vault: ${JSON.stringify(this.path)} is not an Airlock vault file`);
    }
    if (doc.airlock_vault_file !== 1 || typeof doc.records !== 'object' || doc.records === null) {
      throw new UsageError(`--vault: ${JSON.stringify(this.path)} is not an Airlock vault file`);
    }
    return new Map(Object.entries(doc.records).map(([k, v]) => [k, fromBase64(String(v))]));
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.#read().get(key);
  }

  async list(prefix = ''): Promise<string[]> {
    return [...this.#read().keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async batch(ops: StoreOp[]): Promise<void> {
    const m = this.#read();
    for (const op of ops) {
      if (op.kind === 'put') m.set(op.key, op.value);
      else m.delete(op.key);
    }
    const records = Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, toBase64(v)]));
    const text = JSON.stringify({ airlock_vault_file: 1, records }, null, 1) + '\n';
    writeFileAtomic(this.path, text, 'the vault file');
  }
}

export function vaultPassphrase(ctx: CliContext, root: HDKey): string {
  const t = passphraseFile(ctx, 'vault-passphrase-file');
  if (t !== undefined) return t;
  if (!root.privateKey) throw new UsageError('--vault needs a private key or --vault-passphrase-file');
  // One-way and domain-separated: the vault passphrase reveals nothing about the key.
  return toHex(hmac(sha256, root.privateKey, utf8ToBytes('airlock/cli-vault-passphrase/v1')));
}

/** Open (or, with `create`, create) the --vault file; undefined without the option. */
export async function openCliVault(ctx: CliContext, root: HDKey, create: boolean): Promise<Vault | undefined> {
  const path = ctx.str('vault');
  if (path === undefined) return undefined;
  const store = new JsonFileStore(path);
  const pass = vaultPassphrase(ctx, root);
  if (await Vault.exists(store)) return Vault.unlock(store, pass);
  if (!create) throw new UsageError(`--vault: ${JSON.stringify(path)} holds no vault yet (register a wallet first)`);
  return Vault.create(store, pass, Date.now());
}
