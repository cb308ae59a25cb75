/**
 * The caveat of SLIP-39 shares made from a BIP-39 key, said plainly. Airlock follows the
 * python-slip39 "BIP-39 backup via SLIP-39" convention (and its own CLI contract): the shares carry
 * the BIP-39 ENTROPY, so combining them gives back the same 12/24 words. A wallet that restores
 * SLIP-39 shares natively (Trezor) uses the combined secret as its seed instead, so it would open
 * a DIFFERENT, empty wallet from the same shares (SLIP-39 is not built on BIP-39; SatoshiLabs' own
 * comment on converting BIP-39 to SLIP-39 says the same).
 */
export function Slip39Caveat({ hasPassphrase }: { hasPassphrase?: boolean }) {
  return (
    <div class="warning slip39-caveat" data-testid="slip39-caveat">
      <strong>Restore these shares with Airlock (or another tool's "BIP-39 backup via SLIP-39" mode).</strong>
      <p>
        The shares hold this key's recovery words in split form. Combined in Airlock they give back the
        same words and the same wallet. A Trezor or other wallet that reads SLIP-39 shares directly
        would open a <em>different, empty</em> wallet from the very same shares. Keep a note with the
        shares saying "BIP-39 words split with SLIP-39 — restore with Airlock".
      </p>
      {hasPassphrase && <p>This key also uses a BIP-39 passphrase. The shares do not contain it: back it up separately.</p>}
    </div>
  );
}
