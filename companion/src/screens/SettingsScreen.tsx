/** Settings: Esplora URL per Bitcoin network, JSON-RPC URL per EVM chain, chain in use, gap limit. */
import { useState } from 'preact/hooks';
import { NETWORK_NAMES, type NetworkName } from '../../../shared/bitcoin/networks';
import { settings, updateSettings } from '../state/app-state';
import { DEFAULT_SETTINGS } from '../state/settings';

export function SettingsScreen() {
  const s = settings.value;
  const [esplora, setEsplora] = useState({ ...s.esplora });
  const [chains, setChains] = useState(s.evmChains.map((c) => ({ ...c })));
  const [chainId, setChainId] = useState(s.evmChainId);
  const [gap, setGap] = useState(String(s.gapLimit));
  const [saved, setSaved] = useState(false);
  const save = (e: Event) => {
    e.preventDefault();
    const g = Number(gap);
    updateSettings({ esplora, evmChains: chains, evmChainId: chainId, gapLimit: Number.isInteger(g) && g >= 1 && g <= 1000 ? g : s.gapLimit });
    setSaved(true);
  };
  return (
    <form class="step" onSubmit={save} onInput={() => setSaved(false)}>
      <h2>Settings</h2>
      <fieldset>
        <legend>Bitcoin: Esplora server per network</legend>
        {NETWORK_NAMES.map((n: NetworkName) => (
          <div>
            <label for={`esplora-${n}`}>Esplora URL ({n})</label>
            <input id={`esplora-${n}`} type="text" value={esplora[n]} placeholder={DEFAULT_SETTINGS.esplora[n]} onInput={(e) => setEsplora({ ...esplora, [n]: e.currentTarget.value.trim() })} />
          </div>
        ))}
        <label for="gap-limit">Address gap limit</label>
        <input id="gap-limit" type="text" inputMode="numeric" value={gap} onInput={(e) => setGap(e.currentTarget.value)} />
      </fieldset>
      <fieldset>
        <legend>Ethereum: JSON-RPC node per chain</legend>
        <label for="evm-chain">Chain in use</label>
        <select id="evm-chain" value={chainId} onChange={(e) => setChainId(Number(e.currentTarget.value))}>
          {chains.map((c) => <option value={c.chainId}>{c.name} ({c.chainId})</option>)}
        </select>
        {chains.map((c, i) => (
          <div>
            <label for={`rpc-${c.chainId}`}>JSON-RPC URL ({c.name}, chain {c.chainId})</label>
            <input id={`rpc-${c.chainId}`} type="text" value={c.rpcUrl} onInput={(e) => setChains(chains.map((x, j) => (j === i ? { ...x, rpcUrl: e.currentTarget.value.trim() } : x)))} />
          </div>
        ))}
      </fieldset>
      <button type="submit" class="primary">Save settings</button>
      {saved && <p role="status" class="ok">Settings saved.</p>}
    </form>
  );
}
