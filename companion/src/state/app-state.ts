/**
 * App state in signals (public data only): accounts, per-account snapshots (last fetched data,
 * also persisted so they survive offline), per-account fetch status, settings, route.
 * Actions take the store and the backends as arguments (injected; tests pass fakes).
 */
import { signal } from '@preact/signals';
import { AppError } from '../../../shared/errors';
import type { CompanionStore } from '../watch/store';
import type { WatchAccountRecord, WatchDraft } from '../watch/types';
import { defaultLabel, draftId } from '../watch/import';
import { syncBtcAccount, type BtcSnapshot } from '../watch/btc-sync';
import { syncEthAccount, type EthSnapshot } from '../watch/eth-sync';
import type { BitcoinBackend, EvmBackend } from '../net/types';
import { loadSettings, saveSettings, type CompanionSettings } from './settings';

export type { EthSnapshot };
export type Snapshot = BtcSnapshot | EthSnapshot;

export type Route =
  | { name: 'home' }
  | { name: 'pair' }
  | { name: 'settings' }
  | { name: 'audit' }
  | { name: 'multisig' }
  | { name: 'station-updates' }
  | { name: 'account'; id: string }
  | { name: 'send'; id: string };

export type FetchStatus = { state: 'idle' } | { state: 'loading' } | { state: 'error'; error: unknown };

export const route = signal<Route>({ name: 'home' });
export const accounts = signal<WatchAccountRecord[]>([]);
export const snapshots = signal<Record<string, Snapshot>>({});
export const status = signal<Record<string, FetchStatus>>({});
export const settings = signal<CompanionSettings>(loadSettings());
export const online = signal<boolean>(typeof navigator === 'undefined' ? true : navigator.onLine);

let store: CompanionStore | undefined;

export async function initState(s: CompanionStore): Promise<void> {
  store = s;
  const list = await s.listAccounts();
  accounts.value = list.sort((a, b) => a.label.localeCompare(b.label));
  const snaps: Record<string, Snapshot> = {};
  for (const a of list) {
    const c = await s.getCache<Snapshot>(`snapshot:${a.id}`);
    if (c) snaps[a.id] = c;
  }
  snapshots.value = snaps;
}

/** The store (for screens that keep their own records, e.g. the audit log). Throws 'internal' before initState. */
export function companionStore(): CompanionStore {
  return needStore();
}

function needStore(): CompanionStore {
  if (!store) throw new AppError('internal');
  return store;
}

export function updateSettings(patch: Partial<CompanionSettings>): void {
  settings.value = { ...settings.value, ...patch };
  saveSettings(settings.value);
}

/** Add drafts (already secret-checked and parsed); existing ones keep their label. Returns the ids. */
export async function addAccounts(drafts: WatchDraft[]): Promise<string[]> {
  const s = needStore();
  const ids: string[] = [];
  const current = new Map(accounts.value.map((a) => [a.id, a]));
  for (const d of drafts) {
    const id = draftId(d);
    const rec = { ...d, id, label: current.get(id)?.label ?? defaultLabel(d) } as WatchAccountRecord;
    await s.putAccount(rec);
    current.set(id, rec);
    ids.push(id);
  }
  accounts.value = [...current.values()].sort((a, b) => a.label.localeCompare(b.label));
  return ids;
}

export async function renameAccount(id: string, label: string): Promise<void> {
  const a = accounts.value.find((x) => x.id === id);
  if (!a || !label.trim()) return;
  const rec = { ...a, label: label.trim().slice(0, 60) };
  await needStore().putAccount(rec);
  accounts.value = accounts.value.map((x) => (x.id === id ? rec : x));
}

export async function removeAccount(id: string): Promise<void> {
  await needStore().deleteAccount(id);
  accounts.value = accounts.value.filter((a) => a.id !== id);
  const { [id]: _, ...rest } = snapshots.value;
  snapshots.value = rest;
}

export async function addToken(id: string, token: string): Promise<void> {
  const a = accounts.value.find((x) => x.id === id);
  if (!a || a.kind !== 'eth' || a.tokens.some((t) => t.toLowerCase() === token.toLowerCase())) return;
  const rec = { ...a, tokens: [...a.tokens, token] };
  await needStore().putAccount(rec);
  accounts.value = accounts.value.map((x) => (x.id === id ? rec : x));
}

function setStatus(id: string, st: FetchStatus) {
  status.value = { ...status.value, [id]: st };
}

async function keep(id: string, snap: Snapshot) {
  snapshots.value = { ...snapshots.value, [id]: snap };
  await needStore().putCache(`snapshot:${id}`, snap);
}

/** Refresh one account; on failure the cached snapshot stays and the status carries the error. */
export async function refreshAccount(a: WatchAccountRecord, deps: { btc: (a: WatchAccountRecord & { kind: 'btc' }) => BitcoinBackend; evm: () => EvmBackend }): Promise<void> {
  setStatus(a.id, { state: 'loading' });
  try {
    const now = Date.now();
    const snap = a.kind === 'btc'
      ? await syncBtcAccount(a, deps.btc(a), { gapLimit: settings.value.gapLimit, now })
      : await syncEthAccount(a, deps.evm(), now);
    await keep(a.id, snap);
    setStatus(a.id, { state: 'idle' });
  } catch (e) {
    setStatus(a.id, { state: 'error', error: e });
  }
}

/** A send waiting for the station's signature, persisted so it survives a reload or a browser restart. */
export type PendingSend =
  | { kind: 'btc'; accountId: string; psbt: Uint8Array; txid: string; feeSats: bigint; vsize: number; outputs: { address: string; amountSats: bigint; role: 'payment' | 'change' }[]; createdAt: number; multisig?: { combined: Uint8Array; signers: string[]; signatures: number[]; threshold: number } }
  | { kind: 'eth'; accountId: string; unsignedTx: Uint8Array; requestCbor: Uint8Array; requestId: string; from: string; summary: Record<string, string>; createdAt: number };

export async function savePending(p: PendingSend): Promise<void> {
  await needStore().putCache(`pending:${p.accountId}`, p);
}
export async function loadPending(accountId: string): Promise<PendingSend | undefined> {
  return await needStore().getCache<PendingSend>(`pending:${accountId}`);
}
export async function clearPending(accountId: string): Promise<void> {
  await needStore().putCache(`pending:${accountId}`, null);
}
