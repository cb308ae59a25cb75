/**
 * Audit events: what the station (and the CLI with `--audit-log`) records about each key use
 * (issue 9; ARCHITECTURE 2.3 `audit/`). One discriminated union keyed by `event`, whose `details`
 * become the `details` field of a log entry (CLI.md "Audit").
 *
 * Rules for every event:
 * - public facts only: fingerprints, paths, txids/hashes, amounts, addresses, reasons. Never a word,
 *   seed, private key, passphrase or share (the log is exported and shown to the companion).
 * - JSON-safe: amounts (sats, wei) are decimal strings, because wei overflows 2^53 and bigints
 *   have no JSON form; counts and chain ids are safe integers.
 * Deliberately not here: hashing/signing (log.ts) and policy evaluation (policy.ts).
 */

/** A bitcoin output as recorded: `change` true only for outputs proven ours by re-derivation. */
export interface AuditOutput {
  address: string | null;
  /** Decimal string, satoshis. */
  value_sat: string;
  change: boolean;
}

export type AuditEvent =
  /** First entry of every log: publishes the Ed25519 audit public key (32 bytes, hex). */
  | { event: 'log-started'; details: { station_key: string } }
  | { event: 'wallet-created'; details: { fingerprint: string; words?: number } }
  | { event: 'wallet-imported'; details: { fingerprint: string; source: string } }
  | { event: 'vault-unlocked'; details: { fingerprint?: string } }
  | { event: 'vault-locked'; details: { fingerprint?: string } }
  | { event: 'account-exported'; details: { fingerprint: string; paths: string[]; format?: string } }
  | {
      event: 'psbt-signed';
      details: {
        txid: string;
        /** Decimal string, satoshis. */
        fee_sat: string;
        inputs: number;
        outputs: AuditOutput[];
        network: string;
        fingerprint?: string;
        /** Account path (m/84'/0'/0') of the signed inputs, when single-account. */
        account?: string;
      };
    }
  | { event: 'psbt-refused'; details: { reason: string; txid?: string; fingerprint?: string } }
  | {
      event: 'eth-signed';
      details: {
        /** eip1559 | legacy | eip2930 | typed-data | personal-message */
        kind: string;
        chain_id: number | null;
        /** Transaction hash (transactions) or signed message/typed-data hash, 0x-hex. */
        hash: string;
        to: string | null;
        /** Decimal string, wei. */
        value_wei: string;
        fingerprint?: string;
        path?: string;
      };
    }
  | { event: 'eth-refused'; details: { reason: string; hash?: string; fingerprint?: string } }
  | { event: 'backup-made'; details: { method: string; fingerprint?: string } }
  | { event: 'backup-verified'; details: { method: string; fingerprint?: string } }
  | { event: 'key-deleted'; details: { fingerprint: string } }
  | { event: 'multisig-registered'; details: { name: string; policy: string; fingerprints: string[] } }
  /** A spending policy changed; `policy_sha256` commits to the new policy's canonical JSON. */
  | { event: 'policy-changed'; details: { policy_sha256: string; summary?: string } };

export type AuditEventName = AuditEvent['event'];

/** Every event name this version writes (readers accept unknown names from newer versions). */
export const AUDIT_EVENT_NAMES: readonly AuditEventName[] = [
  'log-started',
  'wallet-created',
  'wallet-imported',
  'vault-unlocked',
  'vault-locked',
  'account-exported',
  'psbt-signed',
  'psbt-refused',
  'eth-signed',
  'eth-refused',
  'backup-made',
  'backup-verified',
  'key-deleted',
  'multisig-registered',
  'policy-changed',
];

/** Build a `psbt-signed` event from bigint amounts (sats); outputs keep their order. */
export function psbtSignedEvent(a: {
  txid: string;
  feeSats: bigint;
  inputs: number;
  outputs: { address?: string | null; amountSats: bigint; change: boolean }[];
  network: string;
  fingerprint?: string;
  account?: string;
}): AuditEvent {
  const details: Extract<AuditEvent, { event: 'psbt-signed' }>['details'] = {
    txid: a.txid,
    fee_sat: a.feeSats.toString(),
    inputs: a.inputs,
    outputs: a.outputs.map((o) => ({ address: o.address ?? null, value_sat: o.amountSats.toString(), change: o.change })),
    network: a.network,
  };
  if (a.fingerprint !== undefined) details.fingerprint = a.fingerprint;
  if (a.account !== undefined) details.account = a.account;
  return { event: 'psbt-signed', details };
}

/** Build an `eth-signed` event from a bigint value (wei). `hash`: tx hash or message hash. */
export function ethSignedEvent(a: {
  kind: string;
  chainId: number | bigint | null;
  hash: string;
  to: string | null;
  valueWei: bigint;
  fingerprint?: string;
  path?: string;
}): AuditEvent {
  const details: Extract<AuditEvent, { event: 'eth-signed' }>['details'] = {
    kind: a.kind,
    chain_id: a.chainId === null ? null : Number(a.chainId),
    hash: a.hash,
    to: a.to,
    value_wei: a.valueWei.toString(),
  };
  if (a.fingerprint !== undefined) details.fingerprint = a.fingerprint;
  if (a.path !== undefined) details.path = a.path;
  return { event: 'eth-signed', details };
}
