/**
 * Test support: LedgerHQ's recorded APDU exchanges (test/vectors/ledger, see its README) replayed through
 * @ledgerhq/hw-transport-mocker. Helpers that ALTER a recording (an error status word in place of an answer,
 * a truncated session) produce SYNTHETIC exchanges and say so in their names.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RecordStore, openTransportReplayer } from '@ledgerhq/hw-transport-mocker';
import type Transport from '@ledgerhq/hw-transport';

const DIR = resolve(import.meta.dirname, '../../vectors/ledger');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const load = (file: string): any => JSON.parse(readFileSync(resolve(DIR, file), 'utf8'));

/** README replay note: the Rust client's CONTINUE is f8010001, the JS client's f8010000 (the app ignores P2). */
export const jsContinue = (line: string) => line.replace(/^=> ?f8010001/, '=> f8010000');

export async function replayer(lines: readonly string[]): Promise<Transport> {
  return openTransportReplayer(RecordStore.fromString(lines.map(jsContinue).join('\n')));
}

/** SYNTHETIC: the recording up to exchange `k` (0-based), where the device answers `sw` (hex) instead. */
export function syntheticStatusAt(lines: readonly string[], k: number, sw: string): string[] {
  return [...lines.slice(0, 2 * k + 1), `<= ${sw}`];
}

/** A transport that fails like an unplugged WebUSB device after `n` successful exchanges. */
export function unplugAfter(t: Transport, n: number): Transport {
  let count = 0;
  const real = t.exchange.bind(t);
  t.exchange = async (apdu) => {
    if (count++ >= n) {
      const e = new Error('USBDevice transfer failed: the device was disconnected.');
      e.name = 'DisconnectedDeviceDuringOperation';
      throw e;
    }
    return real(apdu);
  };
  return t;
}

/** The public speculos seed, as the vector files state it. */
export const SPECULOS_MNEMONIC: string = load('btc-sign-psbt.json').mnemonic;
