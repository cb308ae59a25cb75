/**
 * Shown on a signing refusal when a multisig wallet is not registered on the Ledger, or the Ledger
 * refused its registration (HMAC mismatch): one button to (re-)register it on the device.
 */
import { navigate } from '../../state/session';
import { registrationOffer } from './hw-sign';

export function LedgerRegisterOffer({ code }: { code: string }) {
  const offer = registrationOffer.value;
  if (!offer || offer.code !== code) return null;
  const again = code === 'ledger/hmac-mismatch';
  return (
    <div class="notice info" data-ledger-offer={code}>
      <p>{again
        ? `The Ledger did not accept this station's registration of “${offer.wallet}” (it was made on another device or with other keys, or the Ledger was reset). Register the wallet again: the Ledger shows it for approval, then sign again.`
        : `Register “${offer.wallet}” on the Ledger once: it shows the policy and every cosigner key for your approval. Then scan the same transaction again.`}</p>
      <button type="button" class="primary" onClick={() => navigate('ledger-register', offer.keyId)}>{again ? 'Register again on the Ledger' : 'Register this wallet on the Ledger'}</button>
    </div>
  );
}
