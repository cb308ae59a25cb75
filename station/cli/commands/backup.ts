/**
 * CLI commands for backups (CLI.md "Backup"): `slip39 split|combine`, `seedqr encode|decode`, and
 * `vault export|import` (encrypted whole-vault backup files, issue 7).
 * Secrets come from stdin or --mnemonic-file/--passphrase-file; errors name a share by its line
 * number or a word by its position, never the words themselves.
 */
import type { CliContext, Command } from '../framework';
import { UsageError } from '../framework';
import { SECRET_OPTIONS, cliPassphrase, mnemonicErrorMessage, passphraseFile, withCliRoot } from '../secrets';
import { combineShares, splitSecret } from '../../../shared/backup/slip39';
import { decodeSeedQr, decodeSeedQrPayload, encodeCompactSeedQr, encodeSeedQr } from '../../../shared/backup/seedqr';
import { entropyToWords, validateMnemonic } from '../../../shared/keys/mnemonic';
import { AppError, userMessage } from '../../../shared/errors';
import { fromHex, toHex, wipe } from '../../../shared/bytes';
import { SecretBytes } from '../../../shared/secret';
import { createBackup, openBackup, readBackupInfo } from '../../../shared/backup/vault-backup';
import { exportVaultRecords, importVaultRecords } from '../../../shared/backup/vault-records';
import { JsonFileStore, vaultPassphrase } from '../vault-file';

const ASCII_PASSPHRASE = 'the SLIP-39 passphrase must be printable ASCII (characters 32 to 126)';

/** BIP-39 entropy of --mnemonic-file, or a secret from stdin (hex); position-only errors. */
function readMasterSecret(ctx: CliContext): SecretBytes {
  if (ctx.opts['mnemonic-file'] !== undefined) {
    const check = validateMnemonic(ctx.fileText('mnemonic-file') ?? '');
    if (!check.ok) throw new UsageError(`--mnemonic-file: ${mnemonicErrorMessage(check.code, check.position)}`);
    return check.entropy;
  }
  const text = ctx.readText().trim();
  if (text === '') throw new UsageError('no master secret: give its hex on stdin, or --mnemonic-file F');
  let bytes: Uint8Array;
  try {
    bytes = fromHex(text);
  } catch {
    throw new UsageError('the master secret on stdin must be hex (e.g. 32 or 64 hex digits)');
  }
  if (bytes.length < 16 || bytes.length % 2 !== 0) {
    wipe(bytes);
    throw new UsageError('the master secret must be at least 16 bytes and an even number of bytes (128, 160 … 256 bits)');
  }
  return new SecretBytes(bytes);
}

/** Groups from the options: --groups "M1/N1,…" with --group-threshold G, else one --threshold/--shares group. */
function groupOptions(ctx: CliContext): { groupThreshold: number; groups: { threshold: number; count: number }[] } {
  const spec = ctx.str('groups');
  const gt = ctx.int('group-threshold', 1, 16);
  let groups: { threshold: number; count: number }[];
  if (spec !== undefined) {
    groups = spec.split(',').map((part) => {
      const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(part);
      if (!m) throw new UsageError('--groups takes "M1/N1,M2/N2,…" (member threshold / member count per group)');
      return { threshold: Number(m[1]), count: Number(m[2]) };
    });
    if (gt === undefined) throw new UsageError('--groups needs --group-threshold G (how many groups are needed to recover)');
  } else {
    const t = ctx.int('threshold', 1, 16);
    const n = ctx.int('shares', 1, 16);
    if (t === undefined || n === undefined) throw new UsageError('give --threshold M and --shares N (or --group-threshold G --groups "M1/N1,…")');
    if (gt !== undefined && gt !== 1) throw new UsageError('--group-threshold above 1 needs --groups');
    groups = [{ threshold: t, count: n }];
  }
  if (groups.length > 16) throw new UsageError('at most 16 groups');
  for (const [i, g] of groups.entries()) {
    const where = spec !== undefined ? `group ${i + 1}` : 'the group';
    if (g.count < 1 || g.count > 16) throw new UsageError(`${where}: the number of shares must be 1 to 16`);
    if (g.threshold < 1 || g.threshold > g.count) throw new UsageError(`${where}: the threshold must be 1 to the number of shares`);
    if (g.threshold === 1 && g.count > 1) {
      // SLIP-39: a threshold-1 group has exactly one share (copies add nothing but exposure).
      ctx.warn(`note: ${where} has threshold 1, so it gets exactly 1 share (SLIP-39); make copies of it if needed`);
      g.count = 1;
    }
  }
  const groupThreshold = gt ?? 1;
  if (groupThreshold > groups.length) throw new UsageError(`--group-threshold ${groupThreshold} is more than the ${groups.length} groups given`);
  return { groupThreshold, groups };
}

const slip39Split: Command = {
  path: ['slip39', 'split'],
  summary: 'split a master secret (hex on stdin, or a BIP-39 mnemonic\'s entropy) into SLIP-39 shares',
  help:
    'Output: one share per line, groups separated by a blank line. New shares are extendable, iteration exponent 1.\n' +
    'With --mnemonic-file the master secret is the BIP-39 ENTROPY: the shares restore to a SLIP-39 wallet,\n' +
    'not the same addresses as the BIP-39 words (SLIP-39 derives its seed differently). A threshold-1 group\n' +
    'gets exactly 1 share. SLIP-39 has no passphrase check: a wrong passphrase restores a different wallet.',
  options: [
    { name: 'threshold', value: 'M', help: 'shares needed to recover (single group)' },
    { name: 'shares', value: 'N', help: 'shares to create (single group, 1-16)' },
    { name: 'group-threshold', value: 'G', help: 'groups needed to recover (with --groups)' },
    { name: 'groups', value: 'M1/N1,…', help: 'member threshold/count per group, e.g. "2/3,3/5"' },
    { name: 'passphrase-file', value: 'F', help: 'SLIP-39 passphrase (printable ASCII), file content minus one trailing newline' },
    { name: 'iteration-exponent', value: 'E', help: 'PBKDF2 cost: 10000 x 2^E iterations (0-15, default 1)' },
    { name: 'mnemonic-file', value: 'F', help: 'split this BIP-39 mnemonic\'s entropy instead of stdin hex' },
  ],
  run(ctx) {
    const { groupThreshold, groups } = groupOptions(ctx);
    const iterationExponent = ctx.int('iteration-exponent', 0, 15) ?? 1;
    const passphrase = cliPassphrase(ctx);
    if (!/^[\x20-\x7e]*$/.test(passphrase)) throw new UsageError(ASCII_PASSPHRASE);
    const secret = readMasterSecret(ctx);
    try {
      const shares = splitSecret(secret, { groupThreshold, groups, passphrase, iterationExponent, extendable: true });
      ctx.write(shares.map((g) => g.join('\n')).join('\n\n'));
    } finally {
      secret.wipe();
    }
  },
};

/** The one-line reason for a combine failure, naming the input line (never the words). */
function combineErrorMessage(e: AppError, lineNumbers: readonly number[]): string {
  const d = e.detail ?? {};
  const line = `the share on line ${d.share}`;
  switch (e.code) {
    case 'slip39/bad-checksum':
      return `${line} has a checksum error: a word is wrong, missing or out of order`;
    case 'slip39/bad-share':
      if (d.reason === 'unknown-word') return `${line}: word ${d.word} is not in the SLIP-39 word list`;
      if (d.reason === 'length') return `${line} has the wrong number of words for a SLIP-39 share`;
      if (d.reason === 'padding') return `${line} is not a valid SLIP-39 share (bad padding bits)`;
      return `${line} is not a valid SLIP-39 share (its group threshold exceeds its group count)`;
    case 'slip39/mismatched-shares':
      return `${line} does not fit with the others (different backup, identifier or parameters)`;
    case 'slip39/duplicate-share':
      return `${line} repeats a share given earlier`;
    case 'slip39/insufficient-shares': {
      const groups = Number(d.missingGroups ?? 0) > 1 ? ` from ${d.missingGroups} more groups` : '';
      const given = lineNumbers.length === 1 ? `the one on line ${lineNumbers[0]}` : `the ${lineNumbers.length} on lines ${lineNumbers.join(', ')}`;
      return `not enough shares: at least ${d.missing} more share${d.missing === 1 ? '' : 's'} needed${groups} besides ${given}`;
    }
    case 'slip39/invalid-digest':
      return 'the shares fit together but do not recover a valid secret: one of them was altered or forged';
    case 'slip39/bad-parameters':
      return ASCII_PASSPHRASE;
    default:
      return userMessage(e);
  }
}

const slip39Combine: Command = {
  path: ['slip39', 'combine'],
  summary: 'combine SLIP-39 shares (one per line on stdin) into the master secret (hex)',
  help:
    'Blank lines are ignored but counted: errors name a share by its line number (from 1), never its words.\n' +
    'More shares or groups than needed are accepted; every share must fit the same backup.\n' +
    'SLIP-39 has no passphrase check: a wrong passphrase gives a different secret, not an error.',
  options: [{ name: 'passphrase-file', value: 'F', help: 'SLIP-39 passphrase, file content minus one trailing newline' }],
  run(ctx) {
    const passphrase = cliPassphrase(ctx);
    if (!/^[\x20-\x7e]*$/.test(passphrase)) throw new UsageError(ASCII_PASSPHRASE);
    const lines = ctx.readText().split(/\r?\n/);
    const shares: string[] = [];
    const labels: number[] = [];
    lines.forEach((l, i) => {
      if (l.trim() === '') return;
      shares.push(l);
      labels.push(i + 1);
    });
    if (shares.length === 0) throw new UsageError('no shares on stdin (one share per line)');
    let secret: SecretBytes;
    try {
      secret = combineShares(shares, passphrase, labels);
    } catch (e) {
      if (e instanceof AppError) throw new UsageError(combineErrorMessage(e, labels));
      throw e;
    } finally {
      shares.fill('');
      lines.fill('');
    }
    try {
      ctx.write(secret.use(toHex));
    } finally {
      secret.wipe();
    }
  },
};

const seedqrEncode: Command = {
  path: ['seedqr', 'encode'],
  summary: 'encode a 12/24-word mnemonic as a SeedQR digit string (or CompactSeedQR bytes as hex)',
  help: 'SeedSigner format: 4-digit word indexes (Standard) or the raw entropy bytes (--compact). The output IS the secret.',
  options: [
    { name: 'compact', help: 'CompactSeedQR: the entropy bytes, printed as hex' },
    { name: 'mnemonic-file', value: 'F', help: 'read the mnemonic from F instead of stdin' },
  ],
  run(ctx) {
    const text = ctx.opts['mnemonic-file'] !== undefined ? (ctx.fileText('mnemonic-file') ?? '') : ctx.readText();
    const check = validateMnemonic(text);
    if (!check.ok) throw new UsageError(mnemonicErrorMessage(check.code, check.position));
    try {
      if (check.words !== 12 && check.words !== 24) throw new UsageError('SeedQR supports 12 or 24 words only');
      if (ctx.opts.compact) {
        const bytes = encodeCompactSeedQr(check.entropy);
        ctx.write(toHex(bytes));
        wipe(bytes);
      } else ctx.write(encodeSeedQr(check.entropy));
    } finally {
      check.entropy.wipe();
    }
  },
};

/** Entropy from stdin: SeedQR digits, CompactSeedQR hex, or raw CompactSeedQR bytes (exactly 16/32). */
function decodeSeedQrInput(raw: Uint8Array): SecretBytes {
  const text = Buffer.from(raw).toString('latin1').trim();
  if (/^[0-9]+$/.test(text) && (text.length === 48 || text.length === 96)) return decodeSeedQr(text);
  const hexText = text.replace(/^0x/i, '');
  if (/^[0-9a-fA-F]+$/.test(hexText) && (hexText.length === 32 || hexText.length === 64)) return decodeSeedQrPayload(fromHex(hexText));
  if (raw.length === 16 || raw.length === 32) return decodeSeedQrPayload(raw);
  // Raw bytes plus one newline appended by a tool (the bytes themselves may contain \n or \r).
  if ((raw.length === 17 || raw.length === 33) && raw[raw.length - 1] === 0x0a) return decodeSeedQrPayload(raw.subarray(0, -1));
  if (/^[0-9\s]+$/.test(text)) throw new UsageError('a SeedQR digit string has 48 (12 words) or 96 (24 words) digits');
  throw new UsageError('not a SeedQR: expected 48/96 digits, or CompactSeedQR bytes (16/32 raw bytes or 32/64 hex digits)');
}

const seedqrDecode: Command = {
  path: ['seedqr', 'decode'],
  summary: 'decode a SeedQR (digits) or CompactSeedQR (hex or raw bytes) from stdin into the mnemonic',
  options: [],
  run(ctx) {
    const raw = ctx.readInput();
    let entropy: SecretBytes;
    try {
      entropy = decodeSeedQrInput(raw);
    } catch (e) {
      if (e instanceof AppError) {
        const r = e.detail?.reason;
        if (r === 'checksum') throw new UsageError('not a valid SeedQR: the BIP-39 checksum of the decoded words does not match');
        if (r === 'word-index') throw new UsageError(`not a valid SeedQR: word ${e.detail?.position} has an index above 2047`);
      }
      throw e;
    }
    try {
      ctx.write(entropyToWords(entropy).join(' '));
    } finally {
      entropy.wipe();
    }
  },
};

const VAULT_BACKUP_OPTIONS = [
  { name: 'vault', value: 'FILE', help: 'the vault file (as used by multisig register)' },
  { name: 'vault-passphrase-file', value: 'F', help: 'vault passphrase (default: derived from the key given by --mnemonic-file/--xprv-file)' },
  { name: 'backup-passphrase-file', value: 'F', help: 'passphrase of the backup file (at least 8 characters), minus one trailing newline' },
  ...SECRET_OPTIONS,
];

function backupPassphrase(ctx: CliContext): string {
  const t = passphraseFile(ctx, 'backup-passphrase-file');
  if (t === undefined) throw new UsageError('give --backup-passphrase-file F (the backup has its own passphrase)');
  return t;
}

/** The vault store and its passphrase (from the file, or derived from the key options). */
async function cliVaultAccess(ctx: CliContext): Promise<{ store: JsonFileStore; pass: string }> {
  const path = ctx.str('vault');
  if (path === undefined) throw new UsageError('give --vault FILE');
  const store = new JsonFileStore(path);
  if (ctx.opts['vault-passphrase-file'] !== undefined) return { store, pass: passphraseFile(ctx, 'vault-passphrase-file') ?? '' };
  const pass = await withCliRoot(ctx, (root) => vaultPassphrase(ctx, root));
  return { store, pass };
}

const vaultExport: Command = {
  path: ['vault', 'export'],
  summary: 'write an encrypted backup of the whole vault (keys, labels, wallets, policies, audit log)',
  help:
    'Output: the Airlock backup file (JSON, format in shared/backup/vault-backup.ts), sealed with Argon2id +\n' +
    'XChaCha20-Poly1305 under --backup-passphrase-file. Refuses a vault with a damaged record.',
  options: VAULT_BACKUP_OPTIONS,
  async run(ctx) {
    const bpass = backupPassphrase(ctx);
    const { store, pass } = await cliVaultAccess(ctx);
    const items = await exportVaultRecords(store, pass);
    try {
      ctx.write(await createBackup(items, bpass, Date.now()));
    } finally {
      for (const i of items) wipe(i.data);
    }
  },
};

const vaultImport: Command = {
  path: ['vault', 'import'],
  summary: 'restore an encrypted vault backup (stdin) into --vault: merge (default) or --replace',
  help:
    'Prints JSON {mode, applied, created, added, replaced, unchanged, removed}: record names only.\n' +
    'merge adds and overwrites records; --replace also removes records the backup lacks. --dry-run writes nothing.\n' +
    'The vault keeps its own passphrase. Exit 2 for a wrong backup passphrase or a damaged file (vault unchanged).',
  options: [
    ...VAULT_BACKUP_OPTIONS,
    { name: 'replace', help: 'make the vault equal to the backup (removes records not in it)' },
    { name: 'dry-run', help: 'only show what would change' },
  ],
  async run(ctx) {
    const bpass = backupPassphrase(ctx);
    const raw = ctx.readInput();
    const info = readBackupInfo(raw);
    const backup = await openBackup(raw, bpass);
    const { store, pass } = await cliVaultAccess(ctx);
    const mode = ctx.opts.replace ? 'replace' : 'merge';
    try {
      const p = await importVaultRecords(store, pass, backup.items, mode, ctx.opts['dry-run'] === true);
      ctx.write(
        JSON.stringify({
          mode,
          applied: ctx.opts['dry-run'] !== true,
          created: info.created,
          added: p.added,
          replaced: p.replaced,
          unchanged: p.unchanged,
          removed: mode === 'replace' ? p.removedIfReplace : [],
        }),
      );
    } finally {
      for (const i of backup.items) wipe(i.data);
    }
  },
};

export const backupCommands: Command[] = [slip39Split, slip39Combine, seedqrEncode, seedqrDecode, vaultExport, vaultImport];
