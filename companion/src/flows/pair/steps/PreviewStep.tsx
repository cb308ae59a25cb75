/** What will be watched: each account's label and origin (or address), then add or scan again. */
import { defaultLabel } from '../../../watch/import';
import type { WatchDraft } from '../../../watch/types';
import { previewTitle } from '../machine';

export function PreviewStep({ drafts, onAdd, onRescan }: { drafts: WatchDraft[]; onAdd: () => void; onRescan: () => void }) {
  return (
    <div class="pair-preview" data-testid="pair-preview">
      <h3>{previewTitle(drafts)}</h3>
      <ul>
        {drafts.map((d) => (
          <li data-kind={d.kind}>
            <strong>{defaultLabel(d)}</strong>{' '}
            {d.kind === 'btc' ? <span class="muted">[{d.fingerprint}] {d.path}</span> : <span class="muted">{d.address}{d.addressPath ? ` (${d.addressPath})` : ' (view only)'}</span>}
          </li>
        ))}
      </ul>
      <button type="button" class="primary" onClick={onAdd}>Add to the companion</button>{' '}
      <button type="button" onClick={onRescan}>Scan again</button>
    </div>
  );
}
