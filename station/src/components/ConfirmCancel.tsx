import { useState } from 'preact/hooks';

/** SeedSigner's destructive Cancel: asks once before discarding the work of a flow. */
export function ConfirmCancel({ onCancel, question = 'Discard this and go back to the start?', label = 'Cancel' }: {
  onCancel: () => void;
  question?: string;
  label?: string;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) return <button type="button" class="secondary" onClick={() => setAsking(true)}>{label}</button>;
  return (
    <span class="confirm-cancel" role="group" aria-label="Confirm cancel">
      <span>{question}</span>
      <button type="button" class="danger" onClick={onCancel}>Yes, discard</button>
      <button type="button" class="secondary" onClick={() => setAsking(false)}>Keep going</button>
    </span>
  );
}
