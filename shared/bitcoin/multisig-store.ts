/**
 * Registered multisig wallets, kept encrypted in the vault as one meta record (`multisig-wallets`):
 * a JSON list of `{ name, descriptor }` where the descriptor is BIP-383 with `/<0;1>/*` and checksum,
 * re-parsed (and so re-validated) on every load. Registration decides only whether multisig change
 * can be verified (CLI.md "Bitcoin").
 * Deliberately does NOT: check that our key is a cosigner (callers do, with isCosigner).
 */
import { AppError } from '../errors';
import { utf8ToBytes, tryUtf8 } from '../bytes';
import type { Vault } from '../vault/vault';
import type { BtcNetwork } from './networks';
import { parseMultisigDescriptor, walletDescriptor, type MultisigWallet } from './multisig';

const RECORD = 'multisig-wallets';

type Stored = { name: string; descriptor: string }[];

async function readList(vault: Vault): Promise<Stored> {
  const raw = await vault.getMeta(RECORD);
  if (!raw) return [];
  try {
    const list = JSON.parse(tryUtf8(raw) ?? '') as Stored;
    if (!Array.isArray(list)) throw new Error('not a list');
    return list;
  } catch (e) {
    throw new AppError('vault/corrupt', undefined, { cause: e });
  }
}

/** Wallets registered in `vault` for `network` (others are skipped). Throws 'vault/corrupt', 'vault/locked'. */
export async function loadRegisteredWallets(vault: Vault, network: BtcNetwork): Promise<MultisigWallet[]> {
  const out: MultisigWallet[] = [];
  for (const s of await readList(vault)) {
    try {
      out.push(parseMultisigDescriptor(s.descriptor, network, s.name));
    } catch (e) {
      if (e instanceof AppError && e.code === 'keys/wrong-network') continue;
      throw new AppError('vault/corrupt', undefined, { cause: e });
    }
  }
  return out;
}

/** Add (or replace, same descriptor) `wallet` in the vault; returns whether it was new. Throws 'vault/locked'. */
export async function registerWallet(vault: Vault, wallet: MultisigWallet): Promise<boolean> {
  const descriptor = walletDescriptor(wallet);
  const list = (await readList(vault)).filter((s) => s.descriptor !== descriptor);
  const before = (await readList(vault)).length;
  list.push({ name: wallet.name, descriptor });
  await vault.putMeta(RECORD, utf8ToBytes(JSON.stringify(list)));
  return list.length > before;
}
