import { useEffect, useState } from 'preact/hooks';
import { errorCode, userMessage, AppError, type ErrorCode } from '../../../../shared/errors';
import { keys, navigate } from '../../state/session';
import { discardReveal, revealKey } from './secrets';
import { RestoreFlow } from './RestoreFlow';
import { SplitFlow } from '../backup-slip39/SplitFlow';
import { ShowSeedQr } from '../backup-seedqr/ShowSeedQr';
import { RevealGate } from './steps/RevealGate';
import { WordsSheet } from './steps/WordsSheet';
import { AccountSheet } from './steps/AccountSheet';
import { KeyBackupStatus } from '../backup-check/KeyBackupStatus';
import './backup.css';

type View =
  | { v: 'menu' }
  | { v: 'split' }
  | { v: 'gate'; what: 'SeedQR' | 'recovery words' }
  | { v: 'seedqr'; wordCount: number }
  | { v: 'words' }
  | { v: 'account-sheet' }
  | { v: 'drill'; source: 'words' | 'slip39' | 'seedqr' };

/** Back up or verify one key: SLIP-39 shares, SeedQR, words sheet, account sheet, drills. */
export function BackupKeyScreen({ keyId }: { keyId?: string }) {
  const [view, setView] = useState<View>({ v: 'menu' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  useEffect(() => () => discardReveal(), []);
  const key = keys.value.find((k) => k.id === keyId && k.status === 'ok');
  if (!keyId || !key) return <p class="panel error" role="alert">This key is not in the vault.</p>;
  const menu = () => {
    discardReveal();
    setError(null);
    setView({ v: 'menu' });
  };
  const reveal = async (what: 'SeedQR' | 'recovery words') => {
    setBusy(true);
    try {
      const { wordCount } = await revealKey(keyId);
      if (what === 'SeedQR' && wordCount !== 12 && wordCount !== 24) {
        discardReveal();
        setError('seedqr/bad-format');
        setView({ v: 'menu' });
      } else setView(what === 'SeedQR' ? { v: 'seedqr', wordCount } : { v: 'words' });
    } catch (e) {
      setError(errorCode(e));
      setView({ v: 'menu' });
    } finally {
      setBusy(false);
    }
  };

  switch (view.v) {
    case 'split':
      return <SplitFlow keyId={keyId} keySummary={key} onExit={menu} onVerify={() => setView({ v: 'drill', source: 'slip39' })} />;
    case 'gate':
      return <RevealGate what={view.what} busy={busy} onReveal={() => reveal(view.what)} onCancel={menu} />;
    case 'seedqr':
      return <ShowSeedQr label={key.label} fingerprint={key.fingerprint} wordCount={view.wordCount} onDone={menu} />;
    case 'words':
      return <WordsSheet label={key.label} fingerprint={key.fingerprint} onDone={menu} />;
    case 'account-sheet':
      return <AccountSheet keyId={keyId} label={key.label} fingerprint={key.fingerprint} onDone={menu} />;
    case 'drill':
      return <RestoreFlow key={view.source} mode="drill" source={view.source} keyId={keyId} onExit={menu} />;
    case 'menu':
      return (
        <section class="step wide backup-menu">
          <h2>Back up “{key.label}”</h2>
          <p>Fingerprint <span class="fingerprint inline">{key.fingerprint}</span> · <KeyBackupStatus keyId={keyId} /></p>
          {error && <p class="field-error" role="alert">{userMessage(new AppError(error))}{error === 'seedqr/bad-format' ? ' SeedQR exists for 12- and 24-word keys only.' : ''}</p>}
          <h3>Make a backup</h3>
          <div class="choices">
            <button type="button" class="choice" onClick={() => setView({ v: 'split' })}><strong>SLIP-39 shares</strong><span>Split into M-of-N share cards (e.g. any 2 of 3), optionally in groups.</span></button>
            <button type="button" class="choice" onClick={() => setView({ v: 'gate', what: 'SeedQR' })}><strong>Show SeedQR</strong><span>The key as a QR code to copy onto a SeedQR template (shows the secret).</span></button>
            <button type="button" class="choice" onClick={() => setView({ v: 'gate', what: 'recovery words' })}><strong>Print recovery words</strong><span>A words sheet with fingerprint, date and derivation paths (shows the secret).</span></button>
            <button type="button" class="choice" onClick={() => setView({ v: 'account-sheet' })}><strong>Print account sheet</strong><span>Fingerprint, paths and xpubs only — no secret.</span></button>
          </div>
          <h3>Verify a backup (drill)</h3>
          <p>Restores the backup in memory and compares fingerprints. Nothing is added or replaced; the date is recorded.</p>
          <div class="choices">
            <button type="button" class="choice" onClick={() => setView({ v: 'drill', source: 'words' })}><strong>Verify recovery words</strong><span>Type the words from your paper or metal backup.</span></button>
            <button type="button" class="choice" onClick={() => setView({ v: 'drill', source: 'slip39' })}><strong>Verify SLIP-39 shares</strong><span>Type enough shares to restore.</span></button>
            <button type="button" class="choice" onClick={() => setView({ v: 'drill', source: 'seedqr' })}><strong>Verify a SeedQR</strong><span>Scan it with the camera.</span></button>
          </div>
          <div class="actions"><button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button></div>
        </section>
      );
  }
}
