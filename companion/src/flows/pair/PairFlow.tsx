/**
 * Pairing (see machine.ts): keeps the flow state in one signal; reads exports through read.ts (secrets
 * are refused there) and saves the accounts. The network chosen here is the one exports are read for.
 */
import { useSignal } from '@preact/signals';
import type { ScanResult } from '../../../../shared/ui/QrScanner';
import { NETWORK_NAMES, type NetworkName } from '../../../../shared/bitcoin/networks';
import { addAccounts, route, settings, updateSettings } from '../../state/app-state';
import { ErrorPanel } from '../../components/ErrorPanel';
import { initialState, routeAfterSave, transition, type Event, type State } from './machine';
import { pairErrorNote, readPairScan, readPairText } from './read';
import { ScanStep } from './steps/ScanStep';
import { PreviewStep } from './steps/PreviewStep';

export function PairFlow() {
  const state = useSignal<State>(initialState);
  const text = useSignal('');
  const send = (e: Event) => (state.value = transition(state.value, e));
  const network = settings.value.btcNetwork;

  // read the network now: the scanner keeps the callback of its first render
  const onScan = (r: ScanResult) => send(readPairScan(r.payload, settings.value.btcNetwork));
  const add = async () => {
    const cur = state.value;
    if (cur.step !== 'preview') return;
    send({ type: 'add' });
    try {
      send({ type: 'added', ids: await addAccounts(cur.drafts) });
      const s = state.value;
      if (s.step === 'saved') route.value = routeAfterSave(s.ids);
    } catch (error) {
      send({ type: 'add-failed', error });
    }
  };

  const s = state.value;
  const error = 'error' in s && s.error !== undefined ? s.error : null;
  return (
    <section class="step wide">
      <h2>Pair with the station</h2>
      <label class="inline" for="pair-network">Bitcoin network
        <select id="pair-network" value={network} onChange={(e) => updateSettings({ btcNetwork: e.currentTarget.value as NetworkName })}>
          {NETWORK_NAMES.map((n) => <option value={n}>{n}</option>)}
        </select>
      </label>
      {(s.step === 'preview' || s.step === 'saving') && <PreviewStep drafts={s.drafts} onAdd={() => void add()} onRescan={() => send({ type: 'rescan' })} />}
      {s.step === 'scan' && (
        <ScanStep attempt={s.attempt} text={text.value} onText={(t) => (text.value = t)} onScanned={onScan}
          onRead={() => send(readPairText(text.value, network))} onMultisig={() => (route.value = { name: 'multisig' })} />
      )}
      {error !== null && <ErrorPanel error={error} note={pairErrorNote(error)} />}
    </section>
  );
}
