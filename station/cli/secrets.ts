/**
 * Secret inputs of the CLI (CLI.md "Secrets in"): --mnemonic-file, --passphrase-file, --xprv-file,
 * --network. `withCliRoot` builds the BIP-32 root, runs the callback, then wipes the root.
 * Errors name positions and files, never the secret itself.
 */
import type { CliContext, OptSpec } from './framework';
import { UsageError } from './framework';
import { AppError, userMessage } from '../../shared/errors';
import { NETWORKS, isNetworkName, type BtcNetwork } from '../../shared/bitcoin/networks';
import { validateMnemonic } from '../../shared/keys/mnemonic';
import { rootFromSeed, rootFromXprv, seedFromEntropy, type HDKey } from '../../shared/keys/hd';

export const SECRET_OPTIONS: OptSpec[] = [
  { name: 'mnemonic-file', value: 'F', help: 'BIP-39 mnemonic (any whitespace, any case)' },
  { name: 'passphrase-file', value: 'F', help: 'BIP-39 passphrase: file content minus one trailing newline' },
  { name: 'xprv-file', value: 'F', help: 'BIP-32 extended private key (xprv/tprv) instead of a mnemonic' },
  { name: 'network', value: 'NAME', help: 'mainnet|testnet|signet|regtest (default mainnet)' },
];

/** The --network option (default mainnet). Throws UsageError for an unknown name. */
export function cliNetwork(ctx: CliContext): BtcNetwork {
  const n = ctx.str('network') ?? 'mainnet';
  if (!isNetworkName(n)) throw new UsageError(`unknown network "${n}" (use mainnet, testnet, signet or regtest)`);
  return NETWORKS[n];
}

/** Content of the passphrase file option `name` exactly, minus ONE trailing newline (\n or \r\n); undefined when absent. */
export function passphraseFile(ctx: CliContext, name: string): string | undefined {
  const t = ctx.fileText(name);
  if (t === undefined) return undefined;
  if (t.endsWith('\r\n')) return t.slice(0, -2);
  if (t.endsWith('\n')) return t.slice(0, -1);
  return t;
}

/** --passphrase-file content exactly, minus ONE trailing newline (\n or \r\n); '' when absent. */
export function cliPassphrase(ctx: CliContext): string {
  return passphraseFile(ctx, 'passphrase-file') ?? '';
}

/** Turn a mnemonic-check failure into the CLI's one-line message (position only, never the word). */
export function mnemonicErrorMessage(code: string, position?: number): string {
  switch (code) {
    case 'mnemonic/unknown-word':
      return `unknown word at position ${position} (not in the BIP-39 English word list)`;
    case 'mnemonic/bad-checksum':
      return 'bad checksum: the words are all valid but a word is wrong or out of order';
    default:
      return 'wrong length: a BIP-39 mnemonic has 12, 15, 18, 21 or 24 words';
  }
}

function rootFromCli(ctx: CliContext, network: BtcNetwork): HDKey {
  const hasM = ctx.opts['mnemonic-file'] !== undefined;
  const hasX = ctx.opts['xprv-file'] !== undefined;
  if (hasM && hasX) throw new UsageError('give either --mnemonic-file or --xprv-file, not both');
  if (hasX) {
    if (ctx.opts['passphrase-file'] !== undefined) throw new UsageError('--passphrase-file applies to a mnemonic, not to --xprv-file');
    const text = ctx.fileText('xprv-file') ?? '';
    try {
      return rootFromXprv(text, network);
    } catch (e) {
      if (e instanceof AppError && e.code === 'keys/wrong-network') {
        throw new UsageError(`the extended key in --xprv-file is for another network than ${network.name} (xprv is mainnet, tprv is testnet/signet/regtest)`);
      }
      if (e instanceof AppError) throw new UsageError(`--xprv-file: ${userMessage(e)}`);
      throw e;
    }
  }
  if (!hasM) throw new UsageError('no key given: use --mnemonic-file F (or --xprv-file F)');
  const check = validateMnemonic(ctx.fileText('mnemonic-file') ?? '');
  if (!check.ok) throw new UsageError(`--mnemonic-file: ${mnemonicErrorMessage(check.code, check.position)}`);
  const passphrase = cliPassphrase(ctx);
  const seed = seedFromEntropy(check.entropy, passphrase);
  check.entropy.wipe();
  try {
    return rootFromSeed(seed, network.bip32);
  } finally {
    seed.wipe();
  }
}

/**
 * Build the root key from the secret options, run fn(root, network), then wipe the root's private data.
 * Throws UsageError (exit 2) for missing/bad secrets or an extended key of the other network.
 */
export async function withCliRoot<T>(ctx: CliContext, fn: (root: HDKey, network: BtcNetwork) => T | Promise<T>): Promise<T> {
  const network = cliNetwork(ctx);
  const root = rootFromCli(ctx, network);
  try {
    return await fn(root, network);
  } finally {
    root.wipePrivateData();
  }
}
