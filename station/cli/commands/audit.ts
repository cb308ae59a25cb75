/**
 * CLI command `audit verify` (CLI.md "Audit"): reads a JSON Lines audit log from stdin (or --in)
 * and prints `{entries, valid, first_bad_entry, station_key, last_hash}` on one line.
 * Exit 0 valid, 1 invalid (reason on stderr), 2 when no line is a log entry or the key is malformed.
 */
import type { Command } from '../framework';
import { RefusedError, UsageError } from '../framework';
import { verifyLog } from '../../../shared/audit/log';
import { nodeEd25519Verify } from '../audit-hook';

export const auditCommands: Command[] = [
  {
    path: ['audit', 'verify'],
    summary: 'verify an audit log (JSON Lines on stdin): hash chain, signatures, key',
    help: [
      'Output: {"entries":N,"valid":true|false,"first_bad_entry":null|N,"station_key":"hex","last_hash":"hex"}',
      'first_bad_entry: position from 0 (the seq it should carry) of the first entry that was edited,',
      'removed, reordered, forged or is unreadable. Entries cut off the end cannot be detected by a',
      'hash chain: compare "entries" and "last_hash" with what the station shows.',
      'Exit: 0 valid, 1 invalid, 2 no line is a log entry.',
    ].join('\n'),
    options: [{ name: 'station-key', value: 'KEY', help: 'expected audit public key (32 bytes hex): another key fails at entry 0' }],
    run(ctx) {
      const pin = ctx.str('station-key');
      if (pin !== undefined && !/^[0-9a-fA-F]{64}$/.test(pin.trim())) {
        throw new UsageError('--station-key must be the 32-byte audit public key as 64 hex digits');
      }
      const r = verifyLog(ctx.readText(), { stationKey: pin?.trim().toLowerCase(), verifySignature: nodeEd25519Verify });
      if (!r.hasEntries) throw new UsageError('no line of the input is an audit log entry');
      const { entries, valid, first_bad_entry, station_key, last_hash } = r;
      ctx.write(JSON.stringify({ entries, valid, first_bad_entry, station_key, last_hash }));
      if (!valid) {
        const why =
          pin !== undefined && station_key !== pin.trim().toLowerCase()
            ? 'the log was not made by the pinned station key'
            : `entry ${first_bad_entry} was edited, removed, reordered, forged or is unreadable`;
        throw new RefusedError(`the audit log is not valid: ${why}`);
      }
    },
  },
];
