/**
 * Audit log benchmark for logs of 100, 1,000 and 10,000 entries:
 * - append: appendEntry (canonical JSON + SHA-256 + @noble Ed25519 sign) per entry, measured while
 *   building the 100- and 1,000-entry logs with the real code;
 * - verify: verifyLog with the default @noble verifier (station/browser) and with the node:crypto
 *   verifier the CLI injects;
 * - CLI hook: recordCliAudit on a file of N entries (read + verify all + sign + atomic rewrite).
 * The 10,000-entry fixture is signed with node:crypto to keep the run short (same bytes as noble:
 * Ed25519 is deterministic); noble verify of 10,000 entries is skipped for the same reason.
 */
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDKey } from '@scure/bip32';
import {
  appendEntry,
  auditPublicKey,
  deriveAuditSeed,
  hashEntryBody,
  serializeLog,
  startLog,
  verifyLog,
  type AuditEntry,
} from '../../shared/audit/log';
import { psbtSignedEvent } from '../../shared/audit/events';
import { nodeEd25519Verify, recordCliAudit } from '../../station/cli/audit-hook';
import { createCliContext, type CliContext } from '../../station/cli/framework';
import { fmtMs, measure, printTable } from './util';

const ROOT = HDKey.fromMasterSeed(Uint8Array.from({ length: 16 }, (_, i) => i));
const SEED = deriveAuditSeed(ROOT);
const EVENT = psbtSignedEvent({
  txid: 'ab'.repeat(32),
  feeSats: 1410n,
  inputs: 2,
  outputs: [
    { address: 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh', amountSats: 150_000n, change: false },
    { address: 'bc1q9d4ywgfnd8h43da5tpcxcn6ajv590cg6d3tg6axemvljvt2k76zs50tv4q', amountSats: 48_590n, change: true },
  ],
  network: 'mainnet',
  fingerprint: '3442193e',
});
const TIME = '2024-01-01T00:00:01.000Z';

function buildNoble(n: number): AuditEntry[] {
  const log = [startLog(SEED, TIME)];
  while (log.length < n) log.push(appendEntry(log, EVENT, SEED, TIME));
  return log;
}

function buildNode(n: number): AuditEntry[] {
  const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64url');
  const key = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64(SEED), x: b64(Buffer.from(auditPublicKey(SEED), 'hex')) }, format: 'jwk' });
  const log = [startLog(SEED, TIME)];
  const details = JSON.parse(JSON.stringify(EVENT.details));
  while (log.length < n) {
    const body = { seq: log.length, time: TIME, event: EVENT.event, details, prev: log[log.length - 1].hash };
    const hash = hashEntryBody(body);
    log.push({ ...body, hash, sig: nodeSign(null, Buffer.from(hash, 'hex'), key).toString('hex') });
  }
  return log;
}

function ctxFor(path: string): CliContext {
  return createCliContext({ 'audit-log': path }, [], { stdin: () => Buffer.alloc(0), stdout: () => undefined, stderr: () => undefined });
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-audit-bench-'));
  const rows: (string | number)[][] = [
    ['entries', 'append, per entry (ms)', 'verify noble (ms)', 'verify node:crypto (ms)', 'per entry noble/node (µs)', 'CLI hook append (ms)', 'file (KB)'],
  ];
  try {
    for (const n of [100, 1_000, 10_000]) {
      let log: AuditEntry[] = [];
      let append = '—';
      if (n <= 1_000) {
        const b = await measure(() => (log = buildNoble(n)), 1, 0);
        append = fmtMs(b.medianMs / (n - 1));
      } else log = buildNode(n);
      const text = serializeLog(log);
      if (n <= 1_000 && serializeLog(buildNode(n)) !== text) throw new Error('node and noble fixtures differ');
      const ok = (r: ReturnType<typeof verifyLog>) => {
        if (!r.valid || r.entries !== n) throw new Error('bench log does not verify');
      };
      const vNoble = n <= 1_000 ? await measure(() => ok(verifyLog(text)), n >= 1_000 ? 1 : 3, 0) : undefined;
      const vNode = await measure(() => ok(verifyLog(text, { verifySignature: nodeEd25519Verify })), 3, 1);
      const path = join(dir, `log-${n}.jsonl`);
      writeFileSync(path, text);
      const h = await measure(() => recordCliAudit(ctxFor(path), ROOT, EVENT), 3, 0);
      rows.push([
        n,
        append,
        vNoble ? fmtMs(vNoble.medianMs) : '—',
        fmtMs(vNode.medianMs),
        `${vNoble ? ((vNoble.medianMs * 1000) / n).toFixed(0) : '—'} / ${((vNode.medianMs * 1000) / n).toFixed(0)}`,
        fmtMs(h.medianMs),
        (Buffer.byteLength(text) / 1024).toFixed(0),
      ]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable('Audit log: append and verify (Ed25519; 2 shared cores, other jobs running)', rows);
}
