import { useState } from 'preact/hooks';
import { AppError, userMessage, type ErrorCode } from '../../../../../shared/errors';
import type { Source } from '../machine';

const SOURCE_TEXT: Record<Source, string> = { slip39: 'SLIP-39 shares', seedqr: 'SeedQR', words: 'recovery words' };

/**
 * A restored key before it is stored: its fingerprint (compare it with your records), an optional
 * BIP-39 passphrase (which changes the fingerprint), and a label. Nothing is stored until "Add".
 */
export function ReviewStep({ source, fingerprint, wordCount, busy, error, onPassphrase, onSave, onAgain }: {
  source: Source;
  fingerprint: string;
  wordCount: number;
  busy?: boolean;
  error?: ErrorCode;
  onPassphrase: (p: string) => void;
  onSave: (label: string, bip39Passphrase: string) => void;
  onAgain: () => void;
}) {
  const [label, setLabel] = useState('');
  const [usePass, setUsePass] = useState(false);
  const [pass, setPass] = useState('');
  const changePass = (on: boolean, p: string) => {
    setUsePass(on);
    setPass(p);
    onPassphrase(on ? p : '');
  };
  return (
    <form class="step" onSubmit={(e) => { e.preventDefault(); onSave(label, usePass ? pass : ''); }}>
      <h2>Restored from {SOURCE_TEXT[source]}</h2>
      <p>A {wordCount}-word key with fingerprint</p>
      <p class="fingerprint" data-testid="restored-fingerprint">{fingerprint}</p>
      <p>Check it against the fingerprint you noted (on the backup sheet, or in your wallet). If it differs, do not use this key.</p>
      {source === 'slip39' && <p class="warning">Shares made by a Trezor or another SLIP-39 wallet hold a different kind of secret: restored here they give a different wallet — the fingerprint will not match theirs.</p>}
      <label class="check"><input type="checkbox" checked={usePass} onChange={(e) => changePass(e.currentTarget.checked, pass)} /> This key uses a BIP-39 passphrase</label>
      {usePass && <label>BIP-39 passphrase <input type="password" value={pass} autoComplete="off" onInput={(e) => changePass(true, e.currentTarget.value)} /></label>}
      <label>Label <input type="text" value={label} placeholder="e.g. Savings" onInput={(e) => setLabel(e.currentTarget.value)} /></label>
      {error && <p class="field-error" role="alert">{userMessage(new AppError(error))}</p>}
      <div class="actions">
        <button type="button" class="secondary" onClick={onAgain}>Start over</button>
        <button type="submit" class="primary" disabled={busy || label.trim() === ''}>{busy ? 'Saving…' : 'Add key to the vault'}</button>
      </div>
    </form>
  );
}
