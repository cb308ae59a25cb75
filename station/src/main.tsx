/**
 * Station entry: polyfills first, then the vault store, auto-lock, online watch, and the app.
 * No network code anywhere in the station (ARCHITECTURE 2.4; the CSP forbids it too).
 */
import './platform/polyfills';
import './styles.css';
import { render } from 'preact';
import { AppError } from '../../shared/errors';
import { App } from './app';
import { IdbStore } from './platform/vault-idb';
import { installAutoLock } from './platform/lock';
import { watchOnline } from './platform/environment';
import { initKeyring } from './state/keyring';
import { lockStation } from './state/actions';
import { online, phase, settings } from './state/session';

async function start(): Promise<void> {
  watchOnline((v) => (online.value = v));
  online.value = navigator.onLine;
  installAutoLock({
    idleMs: () => settings.value.idleSeconds * 1000,
    active: () => phase.value === 'unlocked',
    onLock: (reason) => lockStation(reason),
  });
  // A bug outside a flow boundary: lock (wipe secrets) and show the generic message. Nothing is logged.
  const onUnknown = (e: unknown) => {
    if (!(e instanceof AppError) && phase.value === 'unlocked') lockStation('internal');
  };
  window.addEventListener('error', (e) => onUnknown(e.error));
  window.addEventListener('unhandledrejection', (e) => onUnknown(e.reason));
  render(<App />, document.getElementById('app')!);
  try {
    if (typeof indexedDB === 'undefined') throw new Error('no IndexedDB');
    const store = await IdbStore.open();
    phase.value = await initKeyring(store);
  } catch {
    phase.value = 'unavailable';
  }
}

void start();
