/** The key is saved (encrypted). Next: look at its accounts, or go home. */
export function DoneStep({ label, fingerprint, onAccounts, onHome }: {
  label: string;
  fingerprint: string;
  onAccounts: () => void;
  onHome: () => void;
}) {
  return (
    <section class="step">
      <h2>Key saved</h2>
      <p>
        “{label}” (fingerprint <span class="fingerprint inline">{fingerprint}</span>) is stored on this computer,
        encrypted with your vault passphrase.
      </p>
      <div class="actions">
        <button type="button" class="secondary" onClick={onHome}>Done</button>
        <button type="button" class="primary" onClick={onAccounts}>Show accounts</button>
      </div>
    </section>
  );
}
