import { batch, useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { VAULT_MIN_PASSPHRASE_CHARS } from '../../../../shared/vault/vault';
import * as keyring from '../../state/keyring';
import { codeOrLock, nextPaint, refreshKeys } from '../../state/actions';
import { navigate, phase, route } from '../../state/session';
import { pickQuizPositions } from '../../../../shared/backup/verify-quiz';
import { initialState, QUIZ_SIZE, transition, type Event, type State } from './machine';
import { VaultPassphraseStep } from './steps/VaultPassphraseStep';
import { ChooseStep } from './steps/ChooseStep';
import { CreateOptionsStep, type CreateOptions } from './steps/CreateOptionsStep';
import { ShowWordsStep } from './steps/ShowWordsStep';
import { ConfirmWordsStep } from './steps/ConfirmWordsStep';
import { ImportStep } from './steps/ImportStep';
import { LabelStep } from './steps/LabelStep';
import { DoneStep } from './steps/DoneStep';

/**
 * First run (vault passphrase) and adding a key (create with backup check, or import).
 * Holds only the machine state; secrets go straight from step callbacks to the keyring.
 */
export function OnboardFlow() {
  const state = useSignal<State>(initialState(phase.peek() !== 'no-vault'));
  const send = (e: Event) => (state.value = transition(state.value, e));
  const busy = useSignal(false);

  useEffect(() => () => keyring.discardDraft(), []);
  useEffect(() => {
    if (state.value.step === 'cancelled') {
      keyring.discardDraft();
      navigate('home');
    }
  }, [state.value.step]);

  const cancel = () => send({ type: 'cancel' });

  const createVault = async (passphrase: string) => {
    send({ type: 'vault-submitting' });
    await nextPaint();
    try {
      await keyring.createVault(passphrase);
      batch(() => {
        phase.value = 'unlocked';
        route.value = { name: 'add-key' };
        refreshKeys();
        send({ type: 'vault-created' });
      });
    } catch (e) {
      send({ type: 'vault-failed', code: codeOrLock(e) });
    }
  };

  const generate = async (o: CreateOptions) => {
    busy.value = true;
    await nextPaint();
    try {
      const fingerprint = keyring.generateDraft(o.wordCount, o.dice, o.coins, o.bip39Passphrase);
      send({ type: 'generated', wordCount: o.wordCount, fingerprint });
    } catch (e) {
      send({ type: 'generate-failed', code: codeOrLock(e) });
    } finally {
      busy.value = false;
    }
  };

  const importWords = async (phrase: string, bip39Passphrase: string) => {
    const r = keyring.importDraft(phrase, bip39Passphrase);
    if (r.ok) send({ type: 'imported', wordCount: r.wordCount, fingerprint: r.fingerprint });
    else send(r.position === undefined ? { type: 'import-failed', code: r.code } : { type: 'import-failed', code: r.code, position: r.position });
  };

  const save = async (label: string) => {
    send({ type: 'saving' });
    try {
      const k = await keyring.saveDraft(label);
      refreshKeys();
      send({ type: 'saved', keyId: k.id, label: k.label });
    } catch (e) {
      send({ type: 'save-failed', code: codeOrLock(e) });
    }
  };

  const s = state.value;
  switch (s.step) {
    case 'vault-passphrase':
      return <VaultPassphraseStep min={VAULT_MIN_PASSPHRASE_CHARS} busy={s.busy} error={s.error} onSubmit={createVault} />;
    case 'choose':
      return <ChooseStep firstRun={s.firstRun} onCreate={() => send({ type: 'choose-create' })} onImport={() => send({ type: 'choose-import' })} onCancel={cancel} />;
    case 'create-options':
      return <CreateOptionsStep error={s.error} busy={busy.value} onGenerate={generate} onBack={() => send({ type: 'back' })} onCancel={cancel} />;
    case 'show-words':
      return <ShowWordsStep wordCount={s.wordCount} onCancel={cancel}
        onWritten={() => send({ type: 'written-down', positions: pickQuizPositions(s.wordCount, QUIZ_SIZE) })} />;
    case 'confirm-words':
      return <ConfirmWordsStep key={s.attempts} positions={s.positions} wrong={s.wrong} attempts={s.attempts}
        onCheck={(a) => send({ type: 'quiz-checked', ...keyring.checkDraftWords(a) })}
        onShowAgain={() => send({ type: 'show-words-again' })} onCancel={cancel} />;
    case 'import':
      return <ImportStep error={s.error} onSubmit={importWords} onBack={() => send({ type: 'back' })} onCancel={cancel} />;
    case 'label':
      return <LabelStep source={s.source} fingerprint={s.fingerprint} wordCount={s.wordCount} busy={s.busy} error={s.error} onSave={save} onCancel={cancel} />;
    case 'done':
      return <DoneStep label={s.label} fingerprint={s.fingerprint} onAccounts={() => navigate('accounts', s.keyId)} onHome={() => navigate('home')} />;
    case 'cancelled':
      return null;
  }
}
