/** The unsigned PSBT as an animated ur:crypto-psbt for the station(s). */
import { AnimatedQr } from '../../../../../shared/ui/AnimatedQr';
import { encodePsbtCbor } from '../../../../../shared/ur/registry';
import type { BtcPending } from '../machine';

export function ShowStep({ p, multisig, onScan, onCancel }: { p: BtcPending; multisig?: { threshold: number; cosigners: number }; onScan: () => void; onCancel: () => void }) {
  return (
    <div class="show">
      <p>{multisig ? `Show this to ${multisig.threshold} of the ${multisig.cosigners} cosigner stations` : 'On the station'}: <em>Scan a QR code</em>, review and sign. Then come back and scan {multisig ? 'their answers' : 'its answer'}.</p>
      <AnimatedQr urType="crypto-psbt" cbor={encodePsbtCbor(p.psbt)} label="Unsigned transaction for the station" />
      <button type="button" class="primary" onClick={onScan}>Scan the signed transaction</button>{' '}
      <button type="button" onClick={onCancel}>Cancel this send</button>
    </div>
  );
}
