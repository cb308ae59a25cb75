/** Companion shell: header navigation, offline banner, one screen per route. */
import { accounts, route } from './state/app-state';
import { OfflineBanner } from './components/OfflineBanner';
import { HomeScreen } from './screens/HomeScreen';
import { PairScreen } from './screens/PairScreen';
import { MultisigScreen } from './screens/MultisigScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { StationUpdatesScreen } from './screens/StationUpdatesScreen';
import { BtcAccountScreen } from './screens/BtcAccountScreen';
import { EthAccountScreen } from './screens/EthAccountScreen';
import { BtcSendFlow } from './flows/build-psbt/BtcSendFlow';
import { EthSendFlow } from './flows/build-eth-tx/EthSendFlow';
import { CompanionAuditFlow } from './flows/audit/CompanionAuditFlow';
import { appDeps } from './screens/deps';
import { companionStore } from './state/app-state';

function Screen() {
  const r = route.value;
  if (r.name === 'pair') return <PairScreen />;
  if (r.name === 'settings') return <SettingsScreen />;
  if (r.name === 'multisig') return <MultisigScreen />;
  if (r.name === 'station-updates') return <StationUpdatesScreen />;
  if (r.name === 'audit') return <CompanionAuditFlow deps={{ ...appDeps, store: companionStore(), accounts: accounts.value }} onBack={() => (route.value = { name: 'home' })} />;
  if (r.name === 'account' || r.name === 'send') {
    const a = accounts.value.find((x) => x.id === r.id);
    if (!a) return <HomeScreen />;
    if (r.name === 'account') return a.kind === 'btc' ? <BtcAccountScreen account={a} key={a.id} /> : <EthAccountScreen account={a} key={a.id} />;
    return a.kind === 'btc' ? <BtcSendFlow account={a} key={a.id} /> : <EthSendFlow account={a} key={a.id} />;
  }
  return <HomeScreen />;
}

export function App() {
  const nav = (name: 'home' | 'pair' | 'settings' | 'audit' | 'station-updates') => () => (route.value = { name });
  return (
    <>
      <header class="top">
        <h1>Airlock companion</h1>
        <nav>
          <button type="button" onClick={nav('home')}>Accounts</button>
          <button type="button" onClick={nav('pair')}>Pair</button>
          <button type="button" onClick={nav('audit')}>Audit</button>
          <button type="button" onClick={nav('station-updates')}>Station updates</button>
          <button type="button" onClick={nav('settings')}>Settings</button>
        </nav>
      </header>
      <OfflineBanner />
      <main><Screen /></main>
    </>
  );
}
