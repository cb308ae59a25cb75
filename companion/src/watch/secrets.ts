/**
 * Recognise secrets pasted where the companion expects public data (pairing text, recipient,
 * token address…): BIP-39 words, extended private keys (xprv/tprv/yprv/zprv/…), WIF private keys,
 * a bare 32-byte hex private key. The UI refuses them, clears the field and never stores or sends them.
 * Heuristic on purpose: false positives cost a retype; false negatives could leak a key to a server.
 */
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';

const WORDS = new Set(wordlist);
const b58c = createBase58check(sha256);
const XPRV = /\b[xtyzuvYZUV]prv[1-9A-HJ-NP-Za-km-z]{100,112}\b/;

export type SecretKind = 'mnemonic' | 'xprv' | 'wif' | 'hex-key';

function isWif(token: string): boolean {
  if (!/^[5KLc9][1-9A-HJ-NP-Za-km-z]{50,51}$/.test(token)) return false;
  try {
    const raw = b58c.decode(token);
    return (raw[0] === 0x80 || raw[0] === 0xef) && (raw.length === 33 || (raw.length === 34 && raw[33] === 1));
  } catch {
    return false;
  }
}

/** What kind of secret `text` contains, if any. */
export function detectSecret(text: string): SecretKind | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (XPRV.test(t)) return 'xprv';
  const tokens = t.split(/[\s,;]+/).filter(Boolean);
  if (tokens.some(isWif)) return 'wif';
  // 12+ BIP-39 words in a row (numbered lists like "1. abandon" count too)
  const words = tokens.map((w) => w.toLowerCase().replace(/^\d+[.):]?/, '')).filter(Boolean);
  let run = 0;
  for (const w of words) {
    run = WORDS.has(w) ? run + 1 : 0;
    if (run >= 12) return 'mnemonic';
  }
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(t)) return 'hex-key';
  return undefined;
}
