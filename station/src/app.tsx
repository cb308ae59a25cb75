import { resolveRoute, ROUTES } from './routes';
import { lockStation } from './state/actions';
import { phase, route } from './state/session';
import { OfflineBanner } from './components/OfflineBanner';
import { FlowBoundary } from './components/FlowBoundary';
import { UnlockFlow } from './flows/unlock/UnlockFlow';

/** Shell: header (title, lock), the offline banner, and the screen for the current phase/route. */
export function App() {
  const p = phase.value;
  return (
    <>
      <header class="top">
        <h1>Airlock station</h1>
        {p === 'unlocked' && (
          <button type="button" class="lock" onClick={() => lockStation('manual')} title="Wipe secrets from memory and lock">
            Lock
          </button>
        )}
      </header>
      <OfflineBanner />
      <main>{body(p)}</main>
    </>
  );
}

function body(p: typeof phase.value) {
  switch (p) {
    case 'starting':
      return <p class="muted">Opening the vault…</p>;
    case 'unavailable':
      return (
        <div class="panel error" role="alert">
          <strong>This browser cannot store the vault.</strong>
          <p>IndexedDB is unavailable (private window, or storage disabled). Open the station in a normal window.</p>
        </div>
      );
    case 'locked':
      return <UnlockFlow />;
    case 'no-vault':
    case 'unlocked': {
      // First run renders the same 'add-key' screen as later, so it keeps its state when the vault appears.
      const r = p === 'no-vault' ? { name: 'add-key' } : route.value;
      const name = ROUTES[r.name] ? r.name : 'home';
      return (
        <FlowBoundary key={`${name}:${r.keyId ?? ''}`}>
          {resolveRoute(name).render(r)}
        </FlowBoundary>
      );
    }
  }
}
