/**
 * Hardware-key entries (issue 8): everything the station knows about a Ledger-backed key — public only
 * (fingerprint, account xpubs, device model and app versions, multisig policies registered on the device
 * with their HMACs). Kept as ONE vault meta record `hw-keys` (JSON, encrypted like every record) through
 * the keyring; a signal mirrors the list for the UI (public data).
 */
import { signal } from '@preact/signals';
import { AppError } from '../../../../shared/errors';
import { tryUtf8, utf8ToBytes } from '../../../../shared/bytes';
import { withRegistration } from '../../../../shared/ledger/multisig';
import type { NetworkName } from '../../../../shared/bitcoin/networks';
import type { AccountXpub } from '../../../../shared/keys/accounts';
import type { RegisteredPolicy } from '../../../../shared/ledger/btc';
import type { LedgerEthAccount } from '../../../../shared/ledger/eth';
import { readPublicRecord, writePublicRecord } from '../../state/keyring';

export interface HardwareKey {
  /** 'hw-<fingerprint>-<network>' */
  id: string;
  kind: 'ledger';
  label: string;
  fingerprint: string;
  network: NetworkName;
  model: string;
  btcApp: { name: string; version: string };
  btc: AccountXpub[];
  eth?: LedgerEthAccount & { appVersion: string };
  policies: RegisteredPolicy[];
  createdAt: number;
}

const RECORD = 'hw-keys';
export const hardwareKeys = signal<readonly HardwareKey[]>([]);

export const isHardwareKeyId = (id: string) => id.startsWith('hw-');

/** Read the entries from the vault into the signal (after unlock; [] when none). */
export async function loadHardwareKeys(): Promise<HardwareKey[]> {
  const raw = await readPublicRecord(RECORD);
  let list: HardwareKey[] = [];
  try {
    const parsed = raw ? JSON.parse(tryUtf8(raw) ?? '[]') : [];
    list = Array.isArray(parsed) ? parsed.filter((k) => k && k.kind === 'ledger' && /^[0-9a-f]{8}$/.test(k.fingerprint)) : [];
  } catch {
    list = [];
  }
  hardwareKeys.value = list;
  return list;
}

async function save(list: HardwareKey[]): Promise<void> {
  await writePublicRecord(RECORD, utf8ToBytes(JSON.stringify(list)));
  hardwareKeys.value = list;
}

/** Add or replace (same id) an entry. */
export async function putHardwareKey(k: HardwareKey): Promise<void> {
  const list = (await loadHardwareKeys()).filter((x) => x.id !== k.id);
  await save([...list, k]);
}

export async function removeHardwareKey(id: string): Promise<void> {
  await save((await loadHardwareKeys()).filter((x) => x.id !== id));
}

export async function getHardwareKey(id: string): Promise<HardwareKey | undefined> {
  return (await loadHardwareKeys()).find((k) => k.id === id);
}

/** Store a policy registration (its HMAC) in the entry, replacing an earlier one of the same wallet. */
export async function saveRegistration(id: string, reg: RegisteredPolicy): Promise<HardwareKey> {
  const k = await getHardwareKey(id);
  if (!k) throw new AppError('vault/not-found');
  const next = { ...k, policies: withRegistration(k.policies ?? [], reg) };
  await putHardwareKey(next);
  return next;
}
