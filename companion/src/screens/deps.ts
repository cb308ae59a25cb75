/** Backends for the current settings, handed to actions and flows (the injection point of the app). */
import { bitcoinBackend, evmBackend } from '../net/providers';
import { settings } from '../state/app-state';
import { currentChain } from '../state/settings';
import type { BtcWatchAccount } from '../watch/types';

export const appDeps = {
  btc: (a: BtcWatchAccount) => bitcoinBackend(settings.value.esplora, a.network),
  evm: () => evmBackend(currentChain(settings.value).rpcUrl),
};
