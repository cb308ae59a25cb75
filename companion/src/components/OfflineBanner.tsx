import { online } from '../state/app-state';

export function OfflineBanner() {
  if (online.value) return null;
  return <div class="banner warn" data-testid="offline-banner" role="status">You are offline. Showing the last data fetched; sending needs a connection.</div>;
}
