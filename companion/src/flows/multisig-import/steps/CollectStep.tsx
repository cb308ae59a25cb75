/** Collect the cosigner keys (scan or paste), choose M and a name, then create the wallet. */
import { QrScanner, type ScanResult } from '../../../../../shared/ui/QrScanner';
import type { NetworkName } from '../../../../../shared/bitcoin/networks';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { SecretGuardInput } from '../../../components/SecretGuardInput';
import { thresholdChoices, type Collect } from '../machine';
import { MULTISIG_EXPECTED } from '../read';

const ACCEPT = { urTypes: ['crypto-account', 'account-descriptor', 'bytes'], text: true, expected: MULTISIG_EXPECTED } as const;

export interface CollectProps {
  c: Collect;
  network: NetworkName;
  text: string;
  name: string;
  onText: (t: string) => void;
  onName: (n: string) => void;
  onScanned: (r: ScanResult) => void;
  onPaste: () => void;
  onRemove: (index: number) => void;
  onThreshold: (m: number) => void;
  onCreate: () => void;
}

export function CollectStep({ c, network, text, name, onText, onName, onScanned, onPaste, onRemove, onThreshold, onCreate }: CollectProps) {
  return (
    <section class="step wide multisig-new">
      <h2>New multisig wallet ({network})</h2>
      <p>On each station: <em>Export to wallet (QR)</em>. Scan them here one after another (the BIP-48 cosigner key is taken from each export).</p>
      <ol class="cosigners" data-testid="cosigner-list">
        {c.cosigners.map((k, i) => (
          <li data-fingerprint={k.fingerprint}>
            <strong>{k.fingerprint}</strong> <span class="muted">{k.path}</span>{' '}
            <button type="button" class="link" onClick={() => onRemove(i)}>Remove</button>
          </li>
        ))}
      </ol>
      {c.cosigners.length === 0 && <p class="muted">No cosigner yet.</p>}
      <QrScanner key={c.attempt} accept={ACCEPT} maxBytes={64 * 1024} onComplete={onScanned} />
      <details class="paste-import">
        <summary>Or paste a cosigner key or a wallet descriptor</summary>
        <SecretGuardInput id="ms-text" label="Cosigner export (UR, Coldcard/Sparrow text or JSON, [fp/path]xpub) or wallet descriptor" value={text} onValue={onText} multiline />
        <button type="button" disabled={!text.trim()} onClick={onPaste}>Add it</button>
      </details>
      {c.error !== undefined && <ErrorPanel error={c.error} />}
      <label for="ms-threshold">Signatures required (M)</label>
      <select id="ms-threshold" value={String(c.threshold)} onChange={(e) => onThreshold(Number(e.currentTarget.value))}>
        {thresholdChoices(c.cosigners.length).map((o) => <option value={String(o.m)}>{o.text}</option>)}
      </select>
      <label for="ms-name">Name</label>
      <input id="ms-name" type="text" value={name} onInput={(e) => onName(e.currentTarget.value)} placeholder="Family vault" />
      <button type="button" class="primary" disabled={c.cosigners.length < 2} onClick={onCreate}>Create the wallet</button>
    </section>
  );
}
