/**
 * Last step of an operation with a hardware key: the station's review is done; the Ledger shows it
 * again. When no Ledger is open, "Connect Ledger" (a click: the browser's chooser needs one) connects
 * it and the operation continues in place; Cancel ends it with nothing signed.
 */
import { AppError, userMessage } from '../../../../shared/errors';
import { answerConnectPrompt, cancelConnectPrompt, connectPrompt } from './hw-sign';
import { UdevHelp } from './UdevHelp';

export function LedgerConfirmStep({ asked, what, title }: { asked: boolean; what: string; title?: string }) {
  const prompt = connectPrompt.value;
  if (prompt) {
    const first = prompt.code === 'ledger/no-device';
    return (
      <section class="step" data-step="ledger-connect" aria-live="polite">
        <h2>Connect your Ledger</h2>
        <p>{first ? 'The Ledger is not connected to this page yet. Plug it in, unlock it, open the right app, then press Connect Ledger and pick it in the browser’s list.' : userMessage(new AppError(prompt.code, prompt.detail))}</p>
        {!first && prompt.code === 'ledger/usb-permission' && <UdevHelp />}
        <p class="muted">Your review is kept: the {what} is sent to the Ledger as soon as it is connected.</p>
        <div class="actions">
          <button type="button" class="primary" onClick={() => void answerConnectPrompt()}>Connect Ledger</button>
          <button type="button" class="secondary" onClick={cancelConnectPrompt}>Cancel</button>
        </div>
      </section>
    );
  }
  return (
    <section class="step" data-step="ledger-confirm" aria-live="polite">
      <h2>{asked ? (title ?? 'Confirm on your Ledger') : 'Connecting to the Ledger…'}</h2>
      <p>
        {asked
          ? `The Ledger now shows the ${what}. Check it matches the review you just approved, then confirm on the device (or reject it there).`
          : 'Keep the Ledger plugged in and unlocked, with the right app open.'}
      </p>
    </section>
  );
}
