import { IDLE_CHOICES } from '../../state/settings';
import { navigate, settings, updateSettings } from '../../state/session';
import { gatherEnvironment } from '../../platform/environment';
import { ChangePassphrase } from './ChangePassphrase';

/** Auto-lock time, vault passphrase change, and the environment facts the station can see. */
export function SettingsFlow() {
  const env = gatherEnvironment();
  return (
    <section class="step">
      <h2>Settings</h2>
      <fieldset>
        <legend>Auto-lock</legend>
        <label class="inline">
          Lock the station after{' '}
          <select aria-label="Auto-lock after" value={String(settings.value.idleSeconds)}
            onChange={(e) => updateSettings({ idleSeconds: Number(e.currentTarget.value) })}>
            {IDLE_CHOICES.map((c) => <option key={c.seconds} value={String(c.seconds)}>{c.label}</option>)}
          </select>{' '}
          without keyboard or mouse activity.
        </label>
        <p class="muted">It also locks whenever this page is hidden (another tab, minimised window, screen lock).</p>
      </fieldset>
      <fieldset>
        <legend>Change vault passphrase</legend>
        <ChangePassphrase />
      </fieldset>
      <fieldset>
        <legend>This machine</legend>
        <ul class="facts">
          <li>{env.online ? '✗ A network connection is reported — unplug it.' : '✓ No network connection reported.'}</li>
          <li>{env.secureContext ? '✓ Secure context.' : '✗ Not a secure context: open the station from a file or 127.0.0.1.'}</li>
          <li>✓ The page may not contact any server (Content-Security-Policy: connect-src 'none').</li>
        </ul>
      </fieldset>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => navigate('home')}>Back to home</button>
      </div>
    </section>
  );
}
