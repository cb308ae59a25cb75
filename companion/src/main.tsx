/**
 * Companion entry: polyfills first, then the IndexedDB store, the online watch and the app.
 * The service worker (vite-plugin-pwa, registered by its injected script) caches the app shell.
 */
import './polyfills';
import './styles.css';
import { render } from 'preact';
import { App } from './app';
import { initState, online } from './state/app-state';
import { memoryStore, openIdbStore } from './watch/store';

async function start(): Promise<void> {
  window.addEventListener('online', () => (online.value = true));
  window.addEventListener('offline', () => (online.value = false));
  try {
    await initState(await openIdbStore());
  } catch {
    // IndexedDB unavailable (private mode): start empty; nothing persists
    await initState(memoryStore());
  }
  render(<App />, document.getElementById('app')!);
  document.body.dataset.ready = '1';
}

void start();
