/** Scan the station's account export, or paste a descriptor / key with origin. */
import { QrScanner, type ScanResult } from '../../../../../shared/ui/QrScanner';
import { SecretGuardInput } from '../../../components/SecretGuardInput';
import { PAIR_EXPECTED } from '../read';

const ACCEPT = { urTypes: ['crypto-account', 'crypto-hdkey', 'crypto-output', 'account-descriptor', 'hdkey', 'output-descriptor'], text: true, expected: PAIR_EXPECTED } as const;

export function ScanStep({ attempt, text, onText, onScanned, onRead, onMultisig }: { attempt: number; text: string; onText: (t: string) => void; onScanned: (r: ScanResult) => void; onRead: () => void; onMultisig: () => void }) {
  return (
    <>
      <p>On the station: <em>Export to wallet (QR)</em> → <em>Show the QR codes</em>, then hold it in front of this camera.</p>
      <QrScanner key={attempt} accept={ACCEPT} maxBytes={64 * 1024} onComplete={onScanned} />
      <details class="paste-import">
        <summary>Or paste a descriptor or key</summary>
        <SecretGuardInput id="pair-text" label="Output descriptor, [fingerprint/path]xpub or UR text" value={text} onValue={onText} multiline placeholder="wpkh([73c5da0a/84h/0h/0h]xpub…/<0;1>/*)#…" />
        <button type="button" onClick={onRead} disabled={!text.trim()}>Read it</button>
      </details>
      <p><button type="button" class="link" onClick={onMultisig}>Create a multisig wallet from several stations' cosigner keys</button></p>
    </>
  );
}
