/** Last step of signing with a hardware key: the station's review is done; the Ledger shows it again. */
export function LedgerConfirmStep({ asked, what }: { asked: boolean; what: string }) {
  return (
    <section class="step" data-step="ledger-confirm" aria-live="polite">
      <h2>{asked ? 'Confirm on your Ledger' : 'Connecting to the Ledger…'}</h2>
      <p>
        {asked
          ? `The Ledger now shows the ${what}. Check it matches the review you just approved, then confirm on the device (or reject it there).`
          : 'Keep the Ledger plugged in and unlocked, with the right app open.'}
      </p>
    </section>
  );
}
