/**
 * Pairing input → watch-only account drafts. Accepts what the station shows or a user pastes:
 * ur:crypto-account (BCR-2020-015), ur:crypto-hdkey (MetaMask-style Ethereum account, or a BTC account key),
 * ur:crypto-output (BCR-2020-010), a single-sig output descriptor (BIP-380..386 `wpkh([fp/84h/0h/0h]xpub/<0;1>/*)`,
 * checksum verified when present), a key expression `[fp/path]xpub`, or an Ethereum address (view only).
 * Secrets are refused first ('wallet/secret-refused'), whatever else the text looks like.
 * Multisig wallets are built from cosigner exports in multisig.ts (the Multisig screen).
 */
import { Buffer } from 'buffer';
import { CryptoAccount, CryptoOutput } from '@keystonehq/bc-ur-registry';
import { AppError } from '../../../shared/errors';
import { decodeAccountCbor, decodeHdkeyCbor, type DecodedAccount } from '../../../shared/ur/account-export';
import { parseUr } from '../../../shared/ur/bcur-adapter';
import type { UrPayload } from '../../../shared/ur/registry';
import { NETWORKS, type NetworkName } from '../../../shared/bitcoin/networks';
import { normalizeXpub } from '../../../shared/bitcoin/multisig';
import { verifyChecksum } from '../../../shared/bitcoin/descriptor';
import { normalizePath, parsePath } from '../../../shared/keys/paths';
import { ethAccountAddresses } from '../../../shared/ethereum/account-export';
import { checkEthAddress } from '../../../shared/ethereum/build-tx';
import type { SingleSigScriptType } from '../../../shared/bitcoin/address';
import { detectSecret } from './secrets';
import type { WatchDraft } from './types';

const PURPOSE_TYPE: Record<number, SingleSigScriptType> = { 44: 'p2pkh', 49: 'p2sh-p2wpkh', 84: 'p2wpkh', 86: 'p2tr' };
const H = 0x80000000;

function btcDraft(a: { path: string; xpub: string; fingerprint: string; scriptType?: string }, network: NetworkName): WatchDraft | undefined {
  const idx = parsePath(a.path);
  const type = (a.scriptType && a.scriptType in { p2pkh: 1, 'p2sh-p2wpkh': 1, p2wpkh: 1, p2tr: 1 } ? a.scriptType : PURPOSE_TYPE[(idx[0] ?? 0) - H]) as SingleSigScriptType | undefined;
  if (!type) return undefined;
  const coin = (idx[1] ?? H) - H;
  // refuse: a mainnet key on a test network (or the reverse) would derive addresses nobody uses
  if ((coin === 0) !== (network === 'mainnet')) throw new AppError('keys/wrong-network');
  return { kind: 'btc', network, scriptType: type, fingerprint: a.fingerprint.toLowerCase(), path: normalizePath(a.path), xpub: normalizeXpub(a.xpub, NETWORKS[network]) };
}

function ethDraft(h: { path: string; xpub: string; fingerprint: string }): WatchDraft {
  const first = ethAccountAddresses(h.xpub, 1)[0];
  return { kind: 'eth', address: first.address, xpub: h.xpub, fingerprint: h.fingerprint, addressPath: `${normalizePath(h.path)}/0/0`, tokens: [] };
}

function fromAccounts(list: DecodedAccount[], network: NetworkName): WatchDraft[] {
  const out = list.filter((a) => a.scriptType !== 'p2wsh-multi').map((a) => btcDraft(a, network)).filter((d): d is WatchDraft => !!d);
  if (!out.length) throw new AppError('wallet/unsupported-account');
  return out;
}

function fromHdkey(cbor: Uint8Array, network: NetworkName): WatchDraft[] {
  const h = decodeHdkeyCbor(cbor);
  const idx = parsePath(h.path);
  if (idx[0] === 44 + H && idx[1] === 60 + H) return [ethDraft(h)];
  const d = btcDraft(h, network);
  if (!d) throw new AppError('wallet/unsupported-account');
  return [d];
}

function fromOutput(cbor: Uint8Array, network: NetworkName): WatchDraft[] {
  let acct: Uint8Array;
  try {
    // Reuse the crypto-account decoder: one output wrapped in an account (the key's own origin fingerprint wins).
    const out = CryptoOutput.fromCBOR(Buffer.from(cbor));
    acct = new Uint8Array(new CryptoAccount(Buffer.alloc(4), [out]).toCBOR());
  } catch (e) {
    throw new AppError('ur/corrupt', undefined, { cause: e });
  }
  return fromAccounts(decodeAccountCbor(acct), network);
}

/** Drafts from a completed scan. Throws 'ur/unsupported-type', 'ur/corrupt', 'keys/wrong-network', 'wallet/unsupported-account'. */
export function draftsFromPayload(p: UrPayload | { kind: 'text'; text: string }, network: NetworkName): WatchDraft[] {
  switch (p.kind) {
    case 'account':
      return fromAccounts(decodeAccountCbor(p.cbor), network);
    case 'hdkey':
      return fromHdkey(p.cbor, network);
    case 'output':
      return fromOutput(p.cbor, network);
    case 'text':
      return draftsFromText(p.text, network);
    default:
      throw new AppError('ur/unsupported-type', { got: p.urType, expected: 'an account export (crypto-account, crypto-hdkey or crypto-output)' });
  }
}

const DESC = /^(pkh|wpkh|tr|sh\(wpkh)\(\[([0-9a-fA-F]{8})((?:\/\d+['hH]?)+)\]([1-9A-HJ-NP-Za-km-z]{100,112})(?:\/(?:<0;1>|0|1)\/\*)?\)\)?$/;
const DESC_TYPE: Record<string, SingleSigScriptType> = { pkh: 'p2pkh', wpkh: 'p2wpkh', tr: 'p2tr', 'sh(wpkh': 'p2sh-p2wpkh' };

/** Drafts from pasted text. Throws 'wallet/secret-refused' first, then parse errors ('descriptor/*', 'keys/*', 'wallet/unsupported-account'). */
export function draftsFromText(text: string, network: NetworkName): WatchDraft[] {
  if (detectSecret(text)) throw new AppError('wallet/secret-refused');
  const t = text.trim();
  if (/^ur:/i.test(t)) {
    const p = parseUr(t);
    if (p.kind !== 'single') throw new AppError(p.kind === 'part' ? 'ur/incomplete' : 'ur/corrupt');
    const kind = p.urType === 'crypto-account' ? 'account' : p.urType === 'crypto-hdkey' ? 'hdkey' : p.urType === 'crypto-output' ? 'output' : undefined;
    if (!kind) throw new AppError('ur/unsupported-type', { got: p.urType, expected: 'an account export' });
    return draftsFromPayload({ kind, urType: p.urType, cbor: p.cbor } as UrPayload, network);
  }
  if (/^0x[0-9a-fA-F]{40}$/.test(t)) return [{ kind: 'eth', address: checkEthAddress(t), tokens: [] }];
  const lines = t.split(/\s*\n\s*/).filter(Boolean);
  const drafts: WatchDraft[] = [];
  for (const line of lines) {
    const body = line.includes('#') ? verifyChecksum(line) : line;
    const m = DESC.exec(body);
    if (m) {
      const d = btcDraft({ fingerprint: m[2], path: 'm' + m[3], xpub: m[4], scriptType: DESC_TYPE[m[1]] }, network);
      if (d) drafts.push(d);
      continue;
    }
    const k = /^\[([0-9a-fA-F]{8})((?:\/\d+['hH]?)+)\]([1-9A-HJ-NP-Za-km-z]{100,112})$/.exec(body);
    if (k) {
      const d = btcDraft({ fingerprint: k[1], path: 'm' + k[2], xpub: k[3] }, network);
      if (!d) throw new AppError('wallet/unsupported-account');
      drafts.push(d);
      continue;
    }
    if (/^[xtyzuvYZUV]pub[1-9A-HJ-NP-Za-km-z]{100,112}$/.test(body)) {
      // refuse: without the key origin the station cannot recognise its own inputs, and sends would fail there
      throw new AppError('wallet/unsupported-account', { hint: 'origin' });
    }
    throw new AppError('descriptor/unparseable');
  }
  if (!drafts.length) throw new AppError('input/empty');
  return drafts;
}

/** Stable id of an account (same key + path + network = same account). */
export function draftId(d: WatchDraft): string {
  if (d.kind === 'eth') return `eth:${d.address.toLowerCase()}`;
  return d.multisig ? `btc:${d.network}:ms:${d.multisig.descriptor.slice(-8)}` : `btc:${d.network}:${d.fingerprint}:${d.path}`;
}

export function defaultLabel(d: WatchDraft): string {
  if (d.kind === 'eth') return 'Ethereum';
  if (d.multisig) return `Multisig ${d.multisig.threshold}-of-${d.multisig.cosigners}${d.network === 'mainnet' ? '' : ' ' + d.network}`;
  const names: Record<SingleSigScriptType, string> = { p2wpkh: 'Native SegWit', p2tr: 'Taproot', 'p2sh-p2wpkh': 'Nested SegWit', p2pkh: 'Legacy' };
  return `Bitcoin ${d.network === 'mainnet' ? '' : d.network + ' '}${names[d.scriptType]}`.replace(/\s+/g, ' ');
}
