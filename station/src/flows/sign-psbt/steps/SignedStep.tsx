import { AnimatedQr } from '../../../../../shared/ui/AnimatedQr';
import { formatSats } from '../../../../../shared/units';
import type { PsbtReview } from '../../../../../shared/bitcoin/review';

/** The signed PSBT as an animated QR of the UR type that came in, for the online wallet to scan. */
export function SignedStep({ cbor, urType, signedInputs, review, onDone }: {
  cbor: Uint8Array;
  urType: string;
  signedInputs: number[];
  review: PsbtReview;
  onDone: () => void;
}) {
  return (
    <section class="step wide review" data-step="psbt-signed" data-ur-type={urType}>
      <h2>Signed — scan this with your online wallet</h2>
      <p>
        Signed input{signedInputs.length === 1 ? '' : 's'} {signedInputs.join(', ')} · sends {formatSats(review.sentSats)} · fee{' '}
        {review.feeSats === null ? 'unknown' : formatSats(review.feeSats)}. The online wallet broadcasts it (or collects the other
        cosigners’ signatures first).
      </p>
      <AnimatedQr urType={urType} cbor={cbor} label="Signed transaction QR code" />
      <div class="actions">
        <button type="button" class="primary" onClick={onDone}>Done</button>
      </div>
    </section>
  );
}
