import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorCode, userMessage, AppError } from '../../../../shared/errors';
import { nextPaint, refreshKeys } from '../../state/actions';
import { keys } from '../../state/session';
import * as secrets from './secrets';
import * as keyring from '../../state/keyring';
import { markVerified } from './verified';
import { initialState, transition, type Event, type InputError, type Mode, type Source, type State } from './machine';
import { ShareEntry } from '../backup-slip39/steps/ShareEntry';
import { ScanSeedQr } from '../backup-seedqr/ScanSeedQr';
import { WordsEntry } from './steps/WordsEntry';
import { ReviewStep } from './steps/ReviewStep';
import { DrillResult } from './steps/DrillResult';
import { ConfirmCancel } from '../../components/ConfirmCancel';

const TITLES: Record<Source, Record<Mode, string>> = {
  slip39: { import: 'Restore a key from SLIP-39 shares', drill: 'Verify SLIP-39 shares' },
  seedqr: { import: 'Import a key from a SeedQR', drill: 'Verify a SeedQR' },
  words: { import: 'Import recovery words', drill: 'Verify recovery words' },
};

const SOURCE_AUDIT: Record<Source, string> = { slip39: 'SLIP-39 shares', seedqr: 'SeedQR', words: 'typed words' };

/**
 * Restore a key from a backup into the vault ('import'), or check that a backup restores stored
 * key `keyId` ('drill', nothing written except the verified date). One machine, three sources.
 */
export function RestoreFlow({ mode, source, keyId, onExit }: { mode: Mode; source: Source; keyId?: string; onExit: () => void }) {
  const state = useSignal<State>(initialState(mode, source));
  const entry = useSignal<secrets.ShareEntry>({ entered: 0, progress: { kind: 'empty' } });
  const round = useSignal(0);
  const send = (e: Event) => (state.value = transition(state.value, e));
  const target = keyId ? keys.value.find((k) => k.id === keyId) : undefined;

  useEffect(() => {
    secrets.clearShares();
    return () => {
      secrets.clearShares();
      secrets.discardPending();
    };
  }, []);
  useEffect(() => {
    if (state.value.step === 'cancelled') onExit();
  }, [state.value.step]);

  /** A backup turned into the pending key: go to review (import) or compare (drill). */
  const restored = async (r: { fingerprint: string; wordCount: number }) => {
    if (mode === 'import') {
      send({ type: 'restored', ...r });
      return;
    }
    if (!keyId || !target) throw new AppError('vault/not-found');
    const fingerprint = await secrets.drillPending(keyId);
    if (fingerprint === target.fingerprint) await markVerified([{ keyId, fingerprint }], source, Date.now());
    send({ type: 'drilled', fingerprint, expected: target.fingerprint });
  };
  const attempt = async (fn: () => Promise<void>) => {
    send({ type: 'submitting' });
    await nextPaint();
    try {
      await fn();
    } catch (e) {
      const code = errorCode(e);
      const share = e instanceof AppError && typeof e.detail?.share === 'number' ? e.detail.share : undefined;
      send({ type: 'input-failed', error: share === undefined ? { code } : { code, share } });
    }
  };

  const s = state.value;
  switch (s.step) {
    case 'input': {
      const title = TITLES[source][mode] + (target ? `: “${target.label}”` : '');
      const err = s.error ? { code: s.error.code } : undefined;
      return (
        <section class="step wide">
          <h2>{title}</h2>
          {mode === 'drill' && <p>The backup is restored in memory only and compared with the stored key’s fingerprint. Nothing is added or replaced.</p>}
          {source === 'slip39' && (
            <ShareEntry status={entry.value} busy={s.busy}
              onAdd={(text) => { const r = secrets.addShare(text); entry.value = r; return !r.refused; }}
              onRemove={(p) => (entry.value = secrets.removeShare(p))}
              onCombine={() => attempt(async () => { await restored(secrets.combineEntered('')); entry.value = { entered: 0, progress: { kind: 'empty' } }; })}>
              {s.error && <p class="field-error" role="alert" data-testid="combine-error">{errorText(s.error)}</p>}
            </ShareEntry>
          )}
          {source === 'seedqr' && (
            <ScanSeedQr round={round.value} error={err?.code}
              onScanned={(bytes) => { round.value++; void attempt(async () => restored(secrets.pendingFromSeedQr(bytes, ''))); }} />
          )}
          {source === 'words' && (
            <WordsEntry error={s.error} busy={s.busy} onSubmit={(text) => attempt(async () => {
              const r = secrets.pendingFromWords(text);
              if (r.ok) return await restored(r);
              send({ type: 'input-failed', error: r.position === undefined ? { code: r.code } : { code: r.code, position: r.position } });
            })} />
          )}
          <div class="actions"><ConfirmCancel onCancel={() => send({ type: 'cancel' })} /></div>
        </section>
      );
    }
    case 'review':
      return <ReviewStep source={s.source} fingerprint={s.fingerprint} wordCount={s.wordCount} busy={s.busy} error={s.error}
        onPassphrase={(p) => send({ type: 'passphrase-changed', fingerprint: secrets.pendingFingerprint(p) })}
        onAgain={() => { secrets.discardPending(); send({ type: 'again' }); }}
        onSave={async (label, pass) => {
          send({ type: 'saving' });
          try {
            const k = await secrets.savePending(label, pass);
            await keyring.recordAudit({ event: 'wallet-imported', details: { fingerprint: k.fingerprint, source: SOURCE_AUDIT[s.source] } });
            refreshKeys();
            send({ type: 'saved', keyId: k.id, label: k.label });
          } catch (e) {
            send({ type: 'save-failed', code: errorCode(e) });
          }
        }} />;
    case 'saved':
      return (
        <section class="step">
          <h2>Key added</h2>
          <p class="notice info" role="status">“{s.label}” is in the vault, fingerprint <span class="fingerprint inline" data-testid="saved-fingerprint">{s.fingerprint}</span>.</p>
          <div class="actions"><button type="button" class="primary" onClick={onExit}>Done</button></div>
        </section>
      );
    case 'drill-result':
      return <DrillResult source={s.source} ok={s.ok} fingerprint={s.fingerprint} expected={s.expected} label={target?.label ?? ''}
        onAgain={() => { round.value++; send({ type: 'again' }); }} onDone={onExit} />;
    case 'cancelled':
      return null;
  }
}

/** Message for a combine failure (names the share, never a word). */
function errorText(e: InputError): string {
  return userMessage(new AppError(e.code, e.share === undefined ? undefined : { share: e.share }));
}
