/**
 * Reading a pairing export (scanned UR or pasted text) into the pairing flow's event. Never throws:
 * a refused export (secret, BBQr, unknown key origin…) is 'read-failed'. No storage, no network.
 */
import { AppError } from '../../../../shared/errors';
import type { NetworkName } from '../../../../shared/bitcoin/networks';
import type { ScanPayload } from '../../../../shared/ur/assembler';
import { draftsFromPayload, draftsFromText } from '../../watch/import';
import type { WatchDraft } from '../../watch/types';
import type { Event } from './machine';

export const PAIR_EXPECTED = 'an account export from the station (crypto-account, crypto-hdkey or crypto-output)';

function attempt(fn: () => WatchDraft[]): Event {
  try {
    return { type: 'read', drafts: fn() };
  } catch (error) {
    return { type: 'read-failed', error };
  }
}

/** A scanned export as the flow's event. */
export function readPairScan(p: ScanPayload, network: NetworkName): Event {
  if (p.kind === 'bbqr') return { type: 'read-failed', error: new AppError('ur/unsupported-type', { got: 'BBQr', expected: PAIR_EXPECTED }) };
  return attempt(() => draftsFromPayload(p as Parameters<typeof draftsFromPayload>[0], network));
}

/** A pasted descriptor / key with origin / UR text as the flow's event. */
export function readPairText(text: string, network: NetworkName): Event {
  return attempt(() => draftsFromText(text, network));
}

/** The hint under a refusal: a bare xpub has no key origin. */
export function pairErrorNote(error: unknown): string | undefined {
  return error instanceof AppError && error.detail?.hint === 'origin' ? 'A bare xpub has no key origin. Paste the descriptor with [fingerprint/path] from the station instead.' : undefined;
}
