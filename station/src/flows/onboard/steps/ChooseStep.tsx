/** Create a brand-new key, or import one from its recovery words. */
export function ChooseStep({ firstRun, onCreate, onImport, onCancel }: {
  firstRun: boolean;
  onCreate: () => void;
  onImport: () => void;
  onCancel: () => void;
}) {
  return (
    <section class="step">
      <h2>{firstRun ? 'Vault created. Now add a key' : 'Add a key'}</h2>
      <div class="choices">
        <button type="button" class="choice" onClick={onCreate}>
          <strong>Create a new key</strong>
          <span>Airlock makes new recovery words (you can add dice rolls). You write them down.</span>
        </button>
        <button type="button" class="choice" onClick={onImport}>
          <strong>Import recovery words</strong>
          <span>You already have 12 or 24 words from another wallet or backup.</span>
        </button>
      </div>
      <div class="actions">
        <button type="button" class="secondary" onClick={onCancel}>{firstRun ? 'Later' : 'Cancel'}</button>
      </div>
    </section>
  );
}
