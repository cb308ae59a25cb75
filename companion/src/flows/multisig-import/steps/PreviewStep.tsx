/** The wallet to add: M-of-N, cosigners, first receive address, descriptor. */
import type { NetworkName } from '../../../../../shared/bitcoin/networks';
import { walletDescriptor, type MultisigWallet } from '../../../../../shared/bitcoin/multisig';
import { firstAddress } from '../../../watch/multisig';
import { ErrorPanel } from '../../../components/ErrorPanel';
import { Grouped } from '../../../components/Grouped';

export function PreviewStep({ wallet, title, network, error, onAdd, onBack }: { wallet: MultisigWallet; title: string; network: NetworkName; error?: unknown; onAdd: () => void; onBack: () => void }) {
  return (
    <section class="step wide" data-testid="multisig-preview">
      <h2>{title}: {wallet.threshold}-of-{wallet.cosigners.length} multisig ({wallet.scriptType})</h2>
      <ol class="cosigners">{wallet.cosigners.map((c) => <li data-fingerprint={c.fingerprint}><strong>{c.fingerprint}</strong> <span class="muted">{c.path}</span></li>)}</ol>
      <p>First receive address: <Grouped value={firstAddress(wallet, network)} label="First address" /></p>
      <details><summary>Descriptor</summary><pre class="descriptor" data-testid="multisig-descriptor">{walletDescriptor(wallet)}</pre></details>
      <p class="muted">After adding it, show the descriptor to each station (account screen → <em>Register on the stations</em>) so they can verify change.</p>
      {error !== undefined && <ErrorPanel error={error} />}
      <button type="button" class="primary" onClick={onAdd}>Add the multisig wallet</button>{' '}
      <button type="button" onClick={onBack}>Back</button>
    </section>
  );
}
