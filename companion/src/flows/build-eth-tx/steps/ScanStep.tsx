/** Waiting for the station's ur:eth-signature. */
import { QrScanner, type ScanResult } from '../../../../../shared/ui/QrScanner';
import type { EthPending } from '../machine';
import { Summary } from './Summary';

const ACCEPT = { urTypes: ['eth-signature'], text: false, expected: 'the signature (eth-signature) from the station' } as const;

export function ScanStep({ p, attempt, onScanned, onShowAgain, onCancel }: { p: EthPending; attempt: number; onScanned: (r: ScanResult) => void; onShowAgain: () => void; onCancel: () => void }) {
  return (
    <div class="scan">
      <Summary p={p} />
      <QrScanner key={attempt} accept={ACCEPT} maxBytes={64 * 1024} onComplete={onScanned} />
      <button type="button" onClick={onShowAgain}>Show the request QR again</button>{' '}
      <button type="button" onClick={onCancel}>Cancel this send</button>
    </div>
  );
}
