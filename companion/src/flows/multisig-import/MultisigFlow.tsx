/**
 * New multisig wallet (see machine.ts): keeps the flow state in one signal; reads cosigner keys and
 * wallets through read.ts (secrets and duplicates refused there) and adds the watch-only account.
 */
import { useSignal } from '@preact/signals';
import type { ScanResult } from '../../../../shared/ui/QrScanner';
import { addAccounts, renameAccount, route, settings } from '../../state/app-state';
import { multisigDraft } from '../../watch/multisig';
import { initialState, transition, type Event, type State } from './machine';
import { createWallet, readMultisigScan, readMultisigText } from './read';
import { CollectStep } from './steps/CollectStep';
import { PreviewStep } from './steps/PreviewStep';

export function MultisigFlow() {
  const state = useSignal<State>(initialState);
  const text = useSignal('');
  const name = useSignal('');
  const send = (e: Event) => (state.value = transition(state.value, e));
  const network = settings.value.btcNetwork;
  const list = () => (state.value.step === 'added' ? [] : state.value.cosigners);

  // the scanner keeps the callback of its first render: read the latest state and network
  const onScan = (r: ScanResult) => send(readMultisigScan(r.payload, settings.value.btcNetwork, list()));
  const onPaste = () => {
    const ev = readMultisigText(text.value, network, list());
    send(ev);
    if (ev.type !== 'rejected') text.value = '';
  };
  const add = async () => {
    const cur = state.value;
    if (cur.step !== 'preview') return;
    send({ type: 'add' });
    try {
      const n = name.value.trim();
      const ids = await addAccounts([multisigDraft({ ...cur.wallet, name: n || cur.wallet.name }, network)]);
      if (n) await renameAccount(ids[0], name.value);
      send({ type: 'added', id: ids[0] });
      route.value = { name: 'account', id: ids[0] };
    } catch (error) {
      send({ type: 'add-failed', error });
    }
  };

  const s = state.value;
  if (s.step === 'added') return null;
  if (s.step === 'preview' || s.step === 'adding') {
    return <PreviewStep wallet={s.wallet} title={name.value.trim() || s.wallet.name} network={network} error={s.error} onAdd={() => void add()} onBack={() => send({ type: 'back' })} />;
  }
  return (
    <CollectStep c={s} network={network} text={text.value} name={name.value} onText={(t) => (text.value = t)} onName={(n) => (name.value = n)}
      onScanned={onScan} onPaste={onPaste} onRemove={(index) => send({ type: 'remove', index })} onThreshold={(m) => send({ type: 'threshold', m })}
      onCreate={() => send(createWallet(s.cosigners, s.threshold, name.value, network))} />
  );
}
