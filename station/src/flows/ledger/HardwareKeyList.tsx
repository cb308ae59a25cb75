/** Hardware keys (Ledger) listed on the home screen next to the seed keys. */
import { useEffect } from 'preact/hooks';
import { navigate } from '../../state/session';
import { hardwareKeys, loadHardwareKeys } from './hw-store';

export function HardwareKeyList() {
  useEffect(() => {
    loadHardwareKeys().catch(() => undefined);
  }, []);
  const list = hardwareKeys.value;
  if (!list.length) return null;
  return (
    <ul class="keys" aria-label="Hardware keys">
      {list.map((k) => (
        <li key={k.id} class="key-card" data-key-id={k.id} data-hardware="ledger">
          <div>
            <strong class="label">{k.label}</strong>
            <span class="muted">
              Ledger {k.model} · fingerprint <span class="fingerprint inline">{k.fingerprint}</span> · {k.network}{k.eth ? ' · Ethereum' : ''}
            </span>
          </div>
          <div class="key-actions">
            <button type="button" onClick={() => navigate('ledger-key', k.id)}>Accounts &amp; export (QR)</button>
          </div>
        </li>
      ))}
    </ul>
  );
}
