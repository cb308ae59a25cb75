/**
 * Station scan screen: one scanner for everything the station acts on. A completed scan is
 * classified (PSBT, Ethereum request, multisig wallet) and handed to the screen registered for
 * it (handlers.ts); other types are refused with what arrived and what was expected.
 */
import { useState } from 'preact/hooks';
import { QrScanner, type ScanResult } from '../../../../shared/ui/QrScanner';
import { scanFailureText } from '../../../../shared/ui/scan/scan-messages';
import { navigate } from '../../state/session';
import { putScanned, type StationScanKind } from '../../scan/inbox';
import { STATION_MAX_SCAN_BYTES, STATION_SCAN_ACCEPT } from '../../scan/policy';
import { classifyStationScan } from './classify';
import { scanHandlerRoute } from './handlers';

const KIND_TEXT: Record<StationScanKind, { name: string; next: string }> = {
  psbt: { name: 'PSBT', next: 'Bitcoin transaction review and signing' },
  'eth-sign-request': { name: 'Ethereum signing request', next: 'Ethereum request review and signing' },
  multisig: { name: 'Multisig wallet', next: 'multisig wallet registration' },
};

type Outcome =
  | { step: 'scanning' }
  | { step: 'received'; kind: StationScanKind; size: number; sha256: string }
  | { step: 'refused'; got: string };

export function ScanFlow() {
  const [outcome, setOutcome] = useState<Outcome>({ step: 'scanning' });
  const [round, setRound] = useState(0);
  const again = () => {
    setOutcome({ step: 'scanning' });
    setRound(round + 1);
  };
  const onComplete = (r: ScanResult) => {
    const c = classifyStationScan(r.payload);
    if (!c.ok) return setOutcome({ step: 'refused', got: c.got });
    putScanned({ kind: c.kind, payload: r.payload, bytes: c.bytes, sha256: r.sha256 });
    const route = scanHandlerRoute(c.kind);
    if (route) return navigate(route);
    setOutcome({ step: 'received', kind: c.kind, size: c.bytes.length, sha256: r.sha256 });
  };
  return (
    <section class="step wide scan-flow">
      <h2>Scan a QR code</h2>
      <p>Show the transaction (PSBT), Ethereum signing request or multisig wallet from your online wallet to the camera.</p>
      {outcome.step === 'scanning' && (
        <QrScanner key={round} accept={STATION_SCAN_ACCEPT} maxBytes={STATION_MAX_SCAN_BYTES} onComplete={onComplete} />
      )}
      {outcome.step === 'received' && (
        <div class="scan-status scan-done" role="status" data-received-kind={outcome.kind} data-sha256={outcome.sha256}>
          <p class="scan-headline">
            {KIND_TEXT[outcome.kind].name} received, {outcome.size.toLocaleString('en-US')} bytes
          </p>
          <p class="scan-hint">SHA-256 <code class="wrap">{outcome.sha256}</code></p>
          <p>This build of the station does not include {KIND_TEXT[outcome.kind].next} yet, so nothing more happens with it.</p>
        </div>
      )}
      {outcome.step === 'refused' && (
        <div class="scan-status scan-failed" role="alert" data-error-code="ur/unsupported-type">
          <p class="scan-headline">{scanFailureText('ur/unsupported-type', { got: outcome.got, expected: STATION_SCAN_ACCEPT.expected }).message}</p>
        </div>
      )}
      <div class="actions">
        {outcome.step !== 'scanning' && <button type="button" onClick={again}>Scan another code</button>}
        <button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button>
      </div>
    </section>
  );
}
