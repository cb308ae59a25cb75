/** CLI commands for keys: mnemonic new/check, account xpub/export (CLI.md "Keys"). */
import type { CliContext, Command } from '../framework';
import { UsageError } from '../framework';
import { SECRET_OPTIONS, cliNetwork, mnemonicErrorMessage, withCliRoot } from '../secrets';
import { analyzeCoins, analyzeDice, type DiceWarning } from '../../../shared/keys/entropy';
import { entropyToWords, generateEntropy, validateMnemonic } from '../../../shared/keys/mnemonic';
import { derivePath, formatFingerprint, xpubFor } from '../../../shared/keys/hd';
import { deriveEthAccount, deriveStandardAccounts } from '../../../shared/keys/accounts';
import { AppError } from '../../../shared/errors';
import { encodeCryptoAccountUr, encodeEthHdkeyUr } from '../../../shared/ur/account-export';

function describeWarning(w: DiceWarning, unit: string): string | undefined {
  switch (w.kind) {
    case 'repetition':
      return `warning: ${w.run} identical ${unit}s in a row from position ${w.position} (health test cutoff ${w.cutoff}); the input looks non-random`;
    case 'proportion':
      return `warning: one value appears ${w.count} times in ${w.window} ${unit}s (cutoff ${w.cutoff}); the input looks non-random`;
    case 'all-same':
      return `warning: all ${unit}s are the same; the input looks non-random`;
    default:
      return undefined; // 'few-samples' is informational; the CSPRNG supplies the entropy anyway
  }
}

const mnemonicNew: Command = {
  path: ['mnemonic', 'new'],
  summary: 'generate a new BIP-39 mnemonic (CSPRNG; dice/coins mixed in, never replacing it)',
  help: 'Dice are mixed with the CSPRNG output through SHA-256; each roll adds at most log2(6) ≈ 2.585 bits.\nHealth warnings (NIST SP 800-90B style) go to stderr.',
  options: [
    { name: 'words', value: '12|24', help: 'number of words (default 24)' },
    { name: 'dice', value: 'DIGITS', help: 'dice rolls, digits 1-6, mixed into the CSPRNG output' },
    { name: 'coins', value: 'FLIPS', help: 'coin flips, H/T or 1/0, mixed into the CSPRNG output' },
  ],
  run(ctx) {
    const w = ctx.str('words') ?? '24';
    if (w !== '12' && w !== '24') throw new UsageError('--words must be 12 or 24');
    const words = Number(w) as 12 | 24;
    const dice = ctx.str('dice');
    const coins = ctx.str('coins');
    if (dice !== undefined && !/^[1-6\s]+$/.test(dice)) throw new UsageError('--dice takes dice rolls: digits 1 to 6 only');
    if (coins !== undefined && !/^[HhTt01\s]+$/.test(coins)) throw new UsageError('--coins takes coin flips: H/T or 1/0 only');
    const targetBits = words === 12 ? 128 : 256;
    if (dice !== undefined) for (const x of analyzeDice(dice, targetBits).warnings) warnLine(ctx, describeWarning(x, 'roll'));
    if (coins !== undefined) for (const x of analyzeCoins(coins, targetBits).warnings) warnLine(ctx, describeWarning(x, 'flip'));
    const entropy = generateEntropy(words, dice, coins);
    try {
      ctx.write(entropyToWords(entropy).join(' '));
    } finally {
      entropy.wipe();
    }
  },
};

function warnLine(ctx: CliContext, line: string | undefined): void {
  if (line) ctx.warn(line);
}

const mnemonicCheck: Command = {
  path: ['mnemonic', 'check'],
  summary: 'check a BIP-39 mnemonic read from stdin: prints ok, or the reason (position, never the word)',
  options: [],
  run(ctx) {
    const r = validateMnemonic(ctx.readText());
    if (!r.ok) throw new UsageError(mnemonicErrorMessage(r.code, r.position));
    r.entropy.wipe();
    ctx.write('ok');
  },
};

const accountXpub: Command = {
  path: ['account', 'xpub'],
  summary: 'print the extended public key at PATH (xpub/tpub), or the master fingerprint',
  options: [
    { name: 'path', value: 'PATH', help: "derivation path, e.g. m/84'/0'/0' (' or h for hardened)" },
    { name: 'fingerprint', help: 'print the master key fingerprint (8 hex) instead' },
    ...SECRET_OPTIONS,
  ],
  async run(ctx) {
    const path = ctx.str('path');
    const wantFp = ctx.opts.fingerprint === true;
    if (!wantFp && path === undefined) throw new UsageError('--path PATH is required (or --fingerprint)');
    cliNetwork(ctx);
    const out = await withCliRoot(ctx, (root, network) => {
      if (wantFp) return formatFingerprint(root.fingerprint);
      let key;
      try {
        key = derivePath(root, path!);
      } catch (e) {
        if (e instanceof AppError) throw new UsageError(`--path: not a valid derivation path: ${JSON.stringify(path)}`);
        throw e;
      }
      try {
        return xpubFor(key, network);
      } finally {
        key.wipePrivateData();
      }
    });
    ctx.write(out);
  },
};

const accountExport: Command = {
  path: ['account', 'export'],
  summary: 'export the standard accounts (watch-only): UR, BIP-380 descriptors or JSON',
  help: "btc: BIP-44 pkh, BIP-49 sh(wpkh), BIP-84 wpkh, BIP-86 tr, and the BIP-48 cosigner key m/48'/coin'/N'/2'.\neth: m/44'/60'/0'.",
  options: [
    { name: 'coin', value: 'btc|eth', help: 'btc (default) or eth' },
    { name: 'format', value: 'ur|descriptor|json', help: 'output format (default ur)' },
    { name: 'account', value: 'N', help: 'account number (default 0)' },
    ...SECRET_OPTIONS,
  ],
  async run(ctx) {
    const coin = ctx.str('coin') ?? 'btc';
    const format = ctx.str('format') ?? 'ur';
    if (coin !== 'btc' && coin !== 'eth') throw new UsageError('--coin must be btc or eth');
    if (format !== 'ur' && format !== 'descriptor' && format !== 'json') throw new UsageError('--format must be ur, descriptor or json');
    const account = ctx.int('account', 0, 0x7fffffff) ?? 0;
    if (coin === 'eth' && format === 'descriptor') throw new UsageError('--format descriptor is for bitcoin; use --format ur or json with --coin eth');
    if (coin === 'eth' && account !== 0) throw new UsageError("--account applies to bitcoin; the Ethereum account is m/44'/60'/0'");
    cliNetwork(ctx);
    const text = await withCliRoot(ctx, (root, network) => {
      if (coin === 'eth') {
        const eth = deriveEthAccount(root);
        if (format === 'ur') return encodeEthHdkeyUr(eth.fingerprint, eth.xpub, eth.path);
        return JSON.stringify(
          { fingerprint: eth.fingerprint, accounts: [{ path: eth.path, script_type: 'eth', xpub: eth.xpub, descriptor: null, address: eth.firstAddress }] },
          null,
          2,
        );
      }
      const accounts = deriveStandardAccounts(root, network, account);
      if (format === 'ur') return encodeCryptoAccountUr(formatFingerprint(root.fingerprint), accounts, network.name);
      if (format === 'descriptor') return accounts.filter((a) => a.descriptor !== null).map((a) => a.descriptor).join('\n');
      return JSON.stringify(
        {
          fingerprint: formatFingerprint(root.fingerprint),
          accounts: accounts.map((a) => ({ path: a.path, script_type: a.scriptType, xpub: a.xpub, descriptor: a.descriptor })),
        },
        null,
        2,
      );
    });
    ctx.write(text);
  },
};

export const keyCommands: Command[] = [mnemonicNew, mnemonicCheck, accountXpub, accountExport];
