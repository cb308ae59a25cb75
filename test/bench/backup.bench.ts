/**
 * Backup timings: SLIP-39 split and combine (2-of-3, iteration exponent 1 = 20,000 PBKDF2-SHA256
 * iterations per Feistel pass) for 128/256-bit secrets; SeedQR encode/decode; encrypted vault
 * backup create/open with the vault's default Argon2id (46 MiB, t = 2).
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { fmtMs, measure, printTable } from './util';
import { combineShares, splitSecret } from '../../shared/backup/slip39';
import { decodeSeedQr, encodeSeedQr } from '../../shared/backup/seedqr';
import { createBackup, openBackup, type BackupItem } from '../../shared/backup/vault-backup';
import { SecretBytes } from '../../shared/secret';

export async function run(): Promise<void> {
  const rows: (string | number)[][] = [['operation', 'secret', 'runs', 'median ms', 'p95 ms']];
  for (const bytes of [16, 32]) {
    const ms = randomBytes(bytes);
    const opts = { groupThreshold: 1, groups: [{ threshold: 2, count: 3 }], iterationExponent: 1 };
    let shares: string[][] = [];
    const s = await measure(() => (shares = splitSecret(new SecretBytes(ms.slice()), opts)), 5);
    rows.push(['slip39 split 2-of-3 (e=1)', `${bytes * 8} bit`, s.runs, fmtMs(s.medianMs), fmtMs(s.p95Ms)]);
    const c = await measure(() => combineShares(shares[0].slice(0, 2)).wipe(), 5);
    rows.push(['slip39 combine 2 shares (e=1)', `${bytes * 8} bit`, c.runs, fmtMs(c.medianMs), fmtMs(c.p95Ms)]);
    const g = await measure(
      () => splitSecret(new SecretBytes(ms.slice()), { groupThreshold: 2, groups: [{ threshold: 2, count: 3 }, { threshold: 3, count: 5 }, { threshold: 1, count: 1 }] }),
      5,
    );
    rows.push(['slip39 split 2-of-3 groups (e=1)', `${bytes * 8} bit`, g.runs, fmtMs(g.medianMs), fmtMs(g.p95Ms)]);
  }
  const entropy = new SecretBytes(randomBytes(32));
  const q = await measure(() => decodeSeedQr(encodeSeedQr(entropy)).wipe(), 50, 5);
  rows.push(['seedqr encode+decode', '24 words', q.runs, fmtMs(q.medianMs), fmtMs(q.p95Ms)]);
  printTable('SLIP-39 / SeedQR', rows);

  const items: BackupItem[] = Array.from({ length: 20 }, (_, i) => ({ name: `meta/item-${i}`, data: randomBytes(2048) }));
  let file: Uint8Array = new Uint8Array();
  const cr = await measure(async () => (file = await createBackup(items, 'bench passphrase', 0)), 3);
  const op = await measure(() => openBackup(file, 'bench passphrase'), 3);
  printTable('Encrypted vault backup (Argon2id 46 MiB t=2, 20 items × 2 KiB)', [
    ['operation', 'file bytes', 'runs', 'median ms', 'p95 ms'],
    ['createBackup', file.length, cr.runs, fmtMs(cr.medianMs), fmtMs(cr.p95Ms)],
    ['openBackup', file.length, op.runs, fmtMs(op.medianMs), fmtMs(op.p95Ms)],
  ]);
}
