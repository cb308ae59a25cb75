import { QrScanner, type ScanResult } from '../../../../shared/ui/QrScanner';
import { AppError, userMessage, type ErrorCode } from '../../../../shared/errors';
import type { AcceptPolicy } from '../../../../shared/ui/scan/scan-session';
import { seedQrBytesFromText } from './scanned-text';

const ACCEPT: AcceptPolicy = { urTypes: [], text: true, expected: 'a SeedQR or CompactSeedQR code', secret: true };
/** A 24-word Standard SeedQR is 96 digits; anything much longer is not a SeedQR. */
const MAX_BYTES = 256;

/**
 * Scan a SeedQR (numeric) or CompactSeedQR (binary) with the station's scanner and hand the payload
 * bytes to `onScanned` at once (the flow turns them into entropy in the backup secret holder).
 */
export function ScanSeedQr({ round, error, onScanned }: {
  round: number;
  error?: ErrorCode;
  onScanned: (payload: Uint8Array) => void;
}) {
  const onComplete = (r: ScanResult) => {
    const bytes = r.payload.kind === 'text' ? seedQrBytesFromText(r.payload.text) : new Uint8Array(0);
    onScanned(bytes);
  };
  return (
    <div class="seedqr-scan">
      <p>Hold the SeedQR (Standard or Compact) in front of the camera. Nothing is stored until you confirm the fingerprint.</p>
      {error && <p class="field-error" role="alert" data-testid="seedqr-error">{userMessage(new AppError(error))} Try again.</p>}
      <QrScanner key={round} accept={ACCEPT} maxBytes={MAX_BYTES} onComplete={onComplete} />
    </div>
  );
}
