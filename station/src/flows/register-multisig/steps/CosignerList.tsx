import type { MultisigWallet } from '../../../../../shared/bitcoin/multisig';
import { Grouped } from '../../../components/Grouped';

/** Each cosigner: fingerprint, path, xpub (4-character groups); ours marked. */
export function CosignerList({ wallet, ourIndex }: { wallet: MultisigWallet; ourIndex: number }) {
  return (
    <ol class="rows cosigners" aria-label="Cosigners">
      {wallet.cosigners.map((c, i) => (
        <li key={i} class={`row ${i === ourIndex ? 'ours' : ''}`} data-cosigner={i} data-ours={i === ourIndex}>
          <div class="row-head">
            <span>Cosigner {i + 1}: <span class="fingerprint inline">{c.fingerprint}</span> <span class="muted">{c.path}</span></span>
            {i === ourIndex ? <span class="tag change">this station’s key</span> : <span class="tag data">other cosigner</span>}
          </div>
          <Grouped value={c.xpub} label={`Extended public key of cosigner ${i + 1}`} />
        </li>
      ))}
    </ol>
  );
}
