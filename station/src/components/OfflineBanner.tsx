import { online } from '../state/session';

/** The offline guarantee made visible: red while the browser reports a network connection. */
export function OfflineBanner() {
  if (online.value) {
    return (
      <div class="banner danger" role="alert" data-testid="online-banner">
        This machine looks connected to a network — unplug it. A signing station should stay offline
        (network cable out, Wi-Fi and Bluetooth off).
      </div>
    );
  }
  return <div class="banner ok" data-testid="offline-banner">Offline: no network connection detected.</div>;
}
