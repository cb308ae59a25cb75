/** Waiting for the station's signed PSBT (multisig: progress of the cosigners' signatures). */
import { QrScanner, type ScanResult } from '../../../../../shared/ui/QrScanner';
import { formatBtc } from '../../../../../shared/units';
import { multisigProgress, paymentSats, type BtcPending } from '../machine';

const ACCEPT = { urTypes: ['crypto-psbt', 'psbt'], text: false, expected: 'the signed transaction (crypto-psbt) from the station' } as const;

export function ScanStep({ p, attempt, threshold, onScanned, onShowAgain, onCancel }: { p: BtcPending; attempt: number; threshold?: number; onScanned: (r: ScanResult) => void; onShowAgain: () => void; onCancel: () => void }) {
  const prog = multisigProgress(p);
  return (
    <div class="scan">
      <p>Waiting for the signed transaction {p.txid.slice(0, 12)}… ({formatBtc(paymentSats(p))} to send).</p>
      {threshold !== undefined && (
        <p class="multisig-progress" data-testid="multisig-progress" data-signatures={String(prog.signatures)} data-signers={prog.signers.join(',')}>
          Signatures: <strong>{prog.signatures} of {threshold}</strong>
          {prog.signers.length ? ` (signed by ${prog.signers.join(', ')})` : ''}. Scan each cosigner station's signed transaction, one after another.
        </p>
      )}
      <QrScanner key={attempt} accept={ACCEPT} maxBytes={4 * 1024 * 1024} onComplete={onScanned} />
      <button type="button" onClick={onShowAgain}>Show the unsigned QR again</button>{' '}
      <button type="button" onClick={onCancel}>Cancel this send</button>
    </div>
  );
}
