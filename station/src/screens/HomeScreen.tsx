import { ROUTES } from '../routes';
import { keys, navigate } from '../state/session';
import { HardwareKeyList } from '../flows/ledger/HardwareKeyList';
import { KeyBackupStatus } from '../flows/backup-check/KeyBackupStatus';

/** Keys in the vault (with their per-key actions) and the station's actions from the route table. */
export function HomeScreen() {
  const list = keys.value;
  const perKey = Object.entries(ROUTES).filter(([, r]) => r.perKey);
  const actions = Object.entries(ROUTES).filter(([, r]) => r.home);
  return (
    <section class="step wide">
      <h2>Keys on this station</h2>
      {list.length === 0 && <p class="panel">No keys yet. Add one: create new recovery words, or import yours.</p>}
      <ul class="keys">
        {list.map((k) => (
          <li key={k.id} class={`key-card${k.status === 'corrupt' ? ' corrupt' : ''}`} data-key-id={k.id}>
            <div>
              <strong class="label">{k.status === 'ok' ? k.label : 'Damaged key record'}</strong>
              <span class="muted">
                {k.status === 'ok'
                  ? <>fingerprint <span class="fingerprint inline">{k.fingerprint}</span>{k.hasPassphrase ? ' · BIP-39 passphrase' : ''}</>
                  : 'This record cannot be decrypted (damaged or tampered with). Other keys are unaffected.'}
              </span>
              {k.status === 'ok' && <KeyBackupStatus keyId={k.id} />}
            </div>
            <div class="key-actions">
              {perKey.filter(([name]) => k.status === 'ok' || name === 'manage-key').map(([name, r]) => (
                <button type="button" key={name} onClick={() => navigate(name, k.id)}>{r.perKey!.label}</button>
              ))}
            </div>
          </li>
        ))}
      </ul>
      <HardwareKeyList />
      <h2>Actions</h2>
      <div class="choices">
        {actions.map(([name, r]) => (
          <button type="button" class="choice" key={name} onClick={() => navigate(name)}>
            <strong>{r.home!.label}</strong>
            <span>{r.home!.description}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
