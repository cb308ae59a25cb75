/** The signing request as an animated ur:eth-sign-request for the station. */
import { AnimatedQr } from '../../../../../shared/ui/AnimatedQr';
import type { EthPending } from '../machine';

export function ShowStep({ p, onScan, onCancel }: { p: EthPending; onScan: () => void; onCancel: () => void }) {
  return (
    <div class="show">
      <p>On the station: <em>Scan a QR code</em>, review and sign. Then scan its answer here.</p>
      <AnimatedQr urType="eth-sign-request" cbor={p.requestCbor} label="Signing request for the station" />
      <button type="button" class="primary" onClick={onScan}>Scan the signature</button>{' '}
      <button type="button" onClick={onCancel}>Cancel this send</button>
    </div>
  );
}
