/**
 * Optional BIP-39 passphrase ("25th word") fields with the warning a first-time user needs:
 * it changes every address, and losing it loses the funds.
 */
export function Bip39Passphrase({ enabled, value, confirm, onEnabled, onValue, onConfirm, needConfirm }: {
  enabled: boolean;
  value: string;
  confirm: string;
  needConfirm: boolean;
  onEnabled: (v: boolean) => void;
  onValue: (v: string) => void;
  onConfirm: (v: string) => void;
}) {
  return (
    <fieldset class="bip39-pass">
      <legend>BIP-39 passphrase (optional, advanced)</legend>
      <label class="check">
        <input type="checkbox" checked={enabled} onChange={(e) => onEnabled(e.currentTarget.checked)} />
        Protect this key with an extra BIP-39 passphrase
      </label>
      {enabled && (
        <>
          <p class="warning" role="note">
            <strong>Warning:</strong> the passphrase is part of the key. If you lose it, the funds are lost —
            even with the recovery words. Write it down separately from the words. A different passphrase
            gives a completely different wallet, without any error.
          </p>
          <label>
            BIP-39 passphrase
            <input type="password" autoComplete="off" value={value} onInput={(e) => onValue(e.currentTarget.value)} />
          </label>
          {needConfirm && (
            <label>
              Type it again
              <input type="password" autoComplete="off" value={confirm} onInput={(e) => onConfirm(e.currentTarget.value)} />
            </label>
          )}
        </>
      )}
    </fieldset>
  );
}
