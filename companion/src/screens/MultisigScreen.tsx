/**
 * New multisig wallet: scan (or paste) each station's cosigner key one after another, choose M,
 * name it, check the descriptor and first address, add it as a watch-only account. A whole wallet
 * (descriptor, Coldcard/Sparrow file, BSMS) can be read directly. Secrets are refused.
 */
import { useRef, useState } from 'preact/hooks';
import { QrScanner, type ScanResult } from '../../../shared/ui/QrScanner';
import { AppError } from '../../../shared/errors';
import { walletDescriptor, type Cosigner, type MultisigWallet } from '../../../shared/bitcoin/multisig';
import { addAccounts, renameAccount, route, settings } from '../state/app-state';
import { addCosigners, buildWallet, bytesText, cosignersFromAccountCbor, firstAddress, multisigDraft, readMultisigInput, type MultisigInput } from '../watch/multisig';
import { ErrorPanel } from '../components/ErrorPanel';
import { Grouped } from '../components/Grouped';
import { SecretGuardInput } from '../components/SecretGuardInput';

const ACCEPT = { urTypes: ['crypto-account', 'account-descriptor', 'bytes'] as const, text: true, expected: "a station's cosigner key (crypto-account) or a multisig wallet descriptor" };

export function MultisigScreen() {
  const network = settings.value.btcNetwork;
  const [cosigners, setCosigners] = useState<Cosigner[]>([]);
  const [threshold, setThreshold] = useState(2);
  const [name, setName] = useState('');
  const [wallet, setWallet] = useState<MultisigWallet | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [scanKey, setScanKey] = useState(0);
  // the scanner keeps the callback of its first render: read the latest list through a ref
  const list = useRef(cosigners);
  list.current = cosigners;

  const take = (input: MultisigInput) => {
    if (input.kind === 'wallet') {
      setWallet(input.wallet);
      return;
    }
    const next = addCosigners(list.current, input.cosigners);
    if (next.length === list.current.length) throw new AppError('multisig/unparseable', { reason: 'this cosigner key is already in the list' });
    setCosigners(next);
    setThreshold((m) => Math.min(Math.max(m, 1), next.length));
  };
  const attempt = (fn: () => void) => {
    try {
      fn();
      setError(null);
    } catch (e) {
      setError(e);
    }
  };
  const onScan = (r: ScanResult) => {
    const p = r.payload;
    const net = settings.value.btcNetwork;
    attempt(() => {
      if (p.kind === 'account') return take({ kind: 'cosigners', cosigners: cosignersFromAccountCbor(p.cbor, net) });
      const t = p.kind === 'text' ? p.text : p.kind === 'bytes' ? bytesText(p.bytes) : undefined;
      if (t === undefined) throw new AppError('ur/unsupported-type', { got: p.kind, expected: ACCEPT.expected });
      take(readMultisigInput(t, net));
    });
    setScanKey((k) => k + 1);
  };
  const create = () => attempt(() => setWallet(buildWallet(cosigners, threshold, name, network)));
  const add = async () => {
    if (!wallet) return;
    const ids = await addAccounts([multisigDraft({ ...wallet, name: name.trim() || wallet.name }, network)]);
    if (name.trim()) await renameAccount(ids[0], name);
    route.value = { name: 'account', id: ids[0] };
  };

  if (wallet) {
    return (
      <section class="step wide" data-testid="multisig-preview">
        <h2>{name.trim() || wallet.name}: {wallet.threshold}-of-{wallet.cosigners.length} multisig ({wallet.scriptType})</h2>
        <ol class="cosigners">{wallet.cosigners.map((c) => <li data-fingerprint={c.fingerprint}><strong>{c.fingerprint}</strong> <span class="muted">{c.path}</span></li>)}</ol>
        <p>First receive address: <Grouped value={firstAddress(wallet, network)} label="First address" /></p>
        <details><summary>Descriptor</summary><pre class="descriptor" data-testid="multisig-descriptor">{walletDescriptor(wallet)}</pre></details>
        <p class="muted">After adding it, show the descriptor to each station (account screen → <em>Register on the stations</em>) so they can verify change.</p>
        {error !== null && <ErrorPanel error={error} />}
        <button type="button" class="primary" onClick={() => void add().catch(setError)}>Add the multisig wallet</button>{' '}
        <button type="button" onClick={() => setWallet(null)}>Back</button>
      </section>
    );
  }
  return (
    <section class="step wide multisig-new">
      <h2>New multisig wallet ({network})</h2>
      <p>On each station: <em>Export to wallet (QR)</em>. Scan them here one after another (the BIP-48 cosigner key is taken from each export).</p>
      <ol class="cosigners" data-testid="cosigner-list">
        {cosigners.map((c, i) => (
          <li data-fingerprint={c.fingerprint}>
            <strong>{c.fingerprint}</strong> <span class="muted">{c.path}</span>{' '}
            <button type="button" class="link" onClick={() => setCosigners(cosigners.filter((_, j) => j !== i))}>Remove</button>
          </li>
        ))}
      </ol>
      {cosigners.length === 0 && <p class="muted">No cosigner yet.</p>}
      <QrScanner key={scanKey} accept={ACCEPT as never} maxBytes={64 * 1024} onComplete={onScan} />
      <details class="paste-import">
        <summary>Or paste a cosigner key or a wallet descriptor</summary>
        <SecretGuardInput id="ms-text" label="Cosigner export (UR, Coldcard/Sparrow text or JSON, [fp/path]xpub) or wallet descriptor" value={text} onValue={setText} multiline />
        <button type="button" disabled={!text.trim()} onClick={() => attempt(() => { take(readMultisigInput(text, network)); setText(''); })}>Add it</button>
      </details>
      {error !== null && <ErrorPanel error={error} />}
      <label for="ms-threshold">Signatures required (M)</label>
      <select id="ms-threshold" value={String(threshold)} onChange={(e) => setThreshold(Number(e.currentTarget.value))}>
        {Array.from({ length: Math.max(cosigners.length, 1) }, (_, i) => <option value={String(i + 1)}>{i + 1} of {Math.max(cosigners.length, 1)}</option>)}
      </select>
      <label for="ms-name">Name</label>
      <input id="ms-name" type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} placeholder="Family vault" />
      <button type="button" class="primary" disabled={cosigners.length < 2} onClick={create}>Create the wallet</button>
    </section>
  );
}
