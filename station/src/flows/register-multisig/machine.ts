/**
 * Register-multisig flow (issue 4 §4): scanned wallet (descriptor, Coldcard/Sparrow text, BSMS,
 * crypto-output) → confirmation (M-of-N, script type, each cosigner's fingerprint and xpub, ours
 * marked, first address) → stored encrypted in the vault. Refused when no stored key is a cosigner.
 * Registered wallets let the PSBT review prove multisig change. Pure: no Preact, no keyring.
 */
import type { ErrorCode } from '../../../../shared/errors';
import type { MultisigWallet } from '../../../../shared/bitcoin/multisig';

export interface WalletCheck {
  wallet: MultisigWallet;
  key: { keyId: string; label: string; fingerprint: string } | null;
  ourIndex: number;
  firstAddress: string;
  alreadyRegistered: boolean;
}

export type State =
  | { step: 'empty' }
  | { step: 'reading' }
  | { step: 'confirm'; check: WalletCheck; text: string }
  | { step: 'saving'; check: WalletCheck; text: string }
  | { step: 'registered'; check: WalletCheck }
  | { step: 'refused'; code: ErrorCode; check?: WalletCheck }
  | { step: 'cancelled' };

export type Event =
  | { type: 'scanned' }
  | { type: 'read'; check: WalletCheck; text: string }
  | { type: 'read-failed'; code: ErrorCode }
  | { type: 'confirm' }
  | { type: 'saved' }
  | { type: 'save-failed'; code: ErrorCode }
  | { type: 'cancel' };

export const initialState: State = { step: 'empty' };

export function transition(s: State, e: Event): State {
  if (e.type === 'cancel') return s.step === 'saving' ? s : { step: 'cancelled' };
  switch (s.step) {
    case 'empty':
      return e.type === 'scanned' ? { step: 'reading' } : s;
    case 'reading':
      if (e.type === 'read') return e.check.key ? { step: 'confirm', check: e.check, text: e.text } : { step: 'refused', code: 'multisig/not-cosigner', check: e.check };
      if (e.type === 'read-failed') return { step: 'refused', code: e.code };
      return s;
    case 'confirm':
      return e.type === 'confirm' ? { step: 'saving', check: s.check, text: s.text } : s;
    case 'saving':
      if (e.type === 'saved') return { step: 'registered', check: s.check };
      if (e.type === 'save-failed') return { step: 'refused', code: e.code, check: s.check };
      return s;
    default:
      return s;
  }
}

const SCRIPT_TEXT: Record<MultisigWallet['scriptType'], string> = {
  p2wsh: 'native segwit multisig (P2WSH)',
  'p2sh-p2wsh': 'nested segwit multisig (P2SH-P2WSH)',
  p2sh: 'legacy multisig (P2SH)',
};

/** "2-of-3 · native segwit multisig (P2WSH) · sortedmulti (BIP-67 key order)" */
export function walletLine(w: MultisigWallet): string {
  return `${w.threshold}-of-${w.cosigners.length} · ${SCRIPT_TEXT[w.scriptType]} · ${w.sorted ? 'sortedmulti (BIP-67 key order)' : 'multi (keys in listed order)'}`;
}
