/**
 * Register a multisig wallet on a Ledger (issue 8, BIP-388): pick one of the station's multisig wallets
 * the Ledger is a cosigner of (or paste / scan one), check its M-of-N and every cosigner fingerprint
 * and key here, then approve it on the device. The device's HMAC is kept in the hardware key entry
 * and reused at every signature; "Register again" replaces a registration the device no longer accepts.
 */
import { effect } from '@preact/signals';
import { useEffect, useState } from 'preact/hooks';
import { AppError, errorCode, userMessage } from '../../../../shared/errors';
import { NETWORKS } from '../../../../shared/bitcoin/networks';
import { multisigAddress, walletDescriptor, type MultisigWallet } from '../../../../shared/bitcoin/multisig';
import { ledgerCosignerIndex, type LedgerWalletStatus } from '../../../../shared/ledger/multisig';
import type { RegisteredPolicy } from '../../../../shared/ledger/btc';
import { Grouped } from '../../components/Grouped';
import { navigate, route, settings } from '../../state/session';
import { takeScanned } from '../../scan/inbox';
import { registerScanHandler } from '../scan/handlers';
import { walletLine } from '../register-multisig/machine';
import { walletTextOf } from '../register-multisig/wallet-text';
import { LedgerConfirmStep } from './LedgerConfirmStep';
import { registrationOffer } from './hw-sign';
import { ledgerWallets, registerOnLedger, walletFromText } from './hw-multisig';
import { hardwareKeys, loadHardwareKeys } from './hw-store';
import '../sign-psbt/sign.css';

// "Scan a wallet" from this screen: the scanned multisig wallet comes back here (not to the seed-key
// registration screen) until the user leaves the scan screen or this one.
let scanFor: string | null = null;
effect(() => {
  const name = route.value.name;
  if (scanFor && name !== 'scan' && name !== 'ledger-register') {
    scanFor = null;
    registerScanHandler('multisig', 'register-multisig');
  }
});

type Step =
  | { step: 'choose' }
  | { step: 'review'; wallet: MultisigWallet; ledgerIndex: number; previous: RegisteredPolicy | null }
  | { step: 'device'; wallet: MultisigWallet; asked: boolean }
  | { step: 'done'; wallet: MultisigWallet; reg: RegisteredPolicy }
  | { step: 'error'; code: string; detail?: Record<string, string | number>; wallet?: MultisigWallet };

export function LedgerRegisterScreen({ keyId }: { keyId?: string }) {
  const network = settings.value.network;
  const net = NETWORKS[network];
  const key = hardwareKeys.value.find((k) => k.id === keyId);
  const [s, setS] = useState<Step>({ step: 'choose' });
  const [list, setList] = useState<LedgerWalletStatus[] | null>(null);
  const [text, setText] = useState('');
  const [textError, setTextError] = useState<string | null>(null);

  const review = (wallet: MultisigWallet) => {
    if (!key) return;
    const ledgerIndex = ledgerCosignerIndex(wallet, { fingerprint: key.fingerprint, accounts: key.btc }, net);
    if (ledgerIndex < 0) {
      setS({ step: 'error', code: 'multisig/not-cosigner', wallet });
      return;
    }
    const d = walletDescriptor(wallet);
    setS({ step: 'review', wallet, ledgerIndex, previous: (key.policies ?? []).find((r) => r.descriptor === d) ?? null });
  };

  useEffect(() => {
    void (async () => {
      const keysNow = await loadHardwareKeys();
      const hk = keysNow.find((k) => k.id === keyId);
      if (!hk) return;
      const statuses = await ledgerWallets(hk, network);
      setList(statuses);
      const scanned = takeScanned();
      if (scanFor && scanned?.kind === 'multisig') {
        scanFor = null;
        registerScanHandler('multisig', 'register-multisig');
        try {
          review(walletFromText(walletTextOf(scanned, net), network));
        } catch (e) {
          setS({ step: 'error', code: errorCode(e) });
        }
        return;
      }
      // arriving from a signing refusal: open that wallet directly
      const offer = registrationOffer.value;
      if (offer && offer.keyId === keyId) {
        registrationOffer.value = null;
        const hit = statuses.find((x) => x.descriptor === offer.descriptor);
        if (hit) review(hit.wallet);
      }
    })().catch((e) => setS({ step: 'error', code: errorCode(e) }));
  }, [keyId, key?.fingerprint]);

  if (!key) return <section class="step"><h2>Key not found</h2><button type="button" onClick={() => navigate('home')}>Back to home</button></section>;
  const back = () => navigate('ledger-key', key.id);

  const register = async (wallet: MultisigWallet) => {
    setS({ step: 'device', wallet, asked: false });
    try {
      const { reg } = await registerOnLedger(key.id, wallet, network, () => setS({ step: 'device', wallet, asked: true }));
      setS({ step: 'done', wallet, reg });
    } catch (e) {
      setS({ step: 'error', code: errorCode(e), detail: e instanceof AppError && e.detail ? { ...e.detail } : undefined, wallet });
    }
  };
  const usePasted = () => {
    try {
      review(walletFromText(text, network));
      setTextError(null);
    } catch (e) {
      setTextError(userMessage(e));
    }
  };
  const scan = () => {
    scanFor = key.id;
    registerScanHandler('multisig', 'ledger-register');
    navigate('scan');
  };

  switch (s.step) {
    case 'choose': {
      const mine = (list ?? []).filter((x) => x.ledgerIndex >= 0);
      return (
        <section class="step wide" data-step="ledger-register-choose">
          <h2>Register a multisig wallet on “{key.label}”</h2>
          <p>A Ledger signs for a multisig wallet only after you approved the wallet on the device once. The Ledger then gives this station a registration code (HMAC) that is kept with the hardware key and sent with every transaction of that wallet.</p>
          {list === null && <p class="muted">Reading this station’s multisig wallets…</p>}
          {list !== null && mine.length === 0 && <p class="muted">None of this station’s multisig wallets has this Ledger as a cosigner. Paste or scan the wallet from your coordinator.</p>}
          <ul class="rows" aria-label="Multisig wallets of this Ledger">
            {mine.map((x) => (
              <li key={x.descriptor} class="row" data-wallet={x.wallet.name} data-registered={x.registration ? 'yes' : 'no'}>
                <div class="row-head">
                  <span><strong>{x.wallet.name}</strong> · {walletLine(x.wallet)}</span>
                  <span class={`tag ${x.registration ? 'change' : 'data'}`}>{x.registration ? 'registered on this Ledger' : 'not registered on this Ledger'}</span>
                </div>
                <button type="button" class={x.registration ? 'secondary' : 'primary'} onClick={() => review(x.wallet)}>{x.registration ? 'Register again' : 'Register on the Ledger'}</button>
              </li>
            ))}
          </ul>
          <details>
            <summary>Paste a wallet (descriptor, Coldcard/Sparrow file or BSMS)</summary>
            <textarea rows={5} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-label="Multisig wallet text" spellcheck={false} />
            {textError && <p class="field-error" role="alert">{textError}</p>}
            <button type="button" onClick={usePasted} disabled={!text.trim()}>Check this wallet</button>
          </details>
          <div class="actions">
            <button type="button" class="secondary" onClick={scan}>Scan a wallet (QR)</button>
            <button type="button" class="secondary" onClick={back}>Back to the Ledger key</button>
          </div>
        </section>
      );
    }
    case 'review': {
      const { wallet, ledgerIndex, previous } = s;
      return (
        <section class="step wide review" data-step="ledger-register-review">
          <h2>Register “{wallet.name}” on the Ledger?</h2>
          <p class="big" data-policy>{walletLine(wallet)}</p>
          <p>The Ledger (<span class="fingerprint inline">{key.fingerprint}</span>) is cosigner {ledgerIndex + 1} of {wallet.cosigners.length}. The Ledger will show the wallet name, the policy and each cosigner key: compare them with this list and with your other devices before you approve.</p>
          {previous && <p class="notice info">This wallet was registered on the Ledger before (registration {previous.hmac.slice(0, 8)}…). Registering again replaces that registration.</p>}
          <ol class="rows cosigners" aria-label="Cosigners">
            {wallet.cosigners.map((c, i) => (
              <li key={i} class={`row ${i === ledgerIndex ? 'ours' : ''}`} data-cosigner={i} data-ours={i === ledgerIndex}>
                <div class="row-head">
                  <span>Cosigner {i + 1}: <span class="fingerprint inline">{c.fingerprint}</span> <span class="muted">{c.path}</span></span>
                  {i === ledgerIndex ? <span class="tag change">this Ledger</span> : <span class="tag data">other cosigner</span>}
                </div>
                <Grouped value={c.xpub} label={`Extended public key of cosigner ${i + 1}`} />
              </li>
            ))}
          </ol>
          <h3>First receive address</h3>
          <Grouped value={multisigAddress(wallet, 0, 0, net)} label="First receive address" />
          <div class="actions">
            <button type="button" class="primary" onClick={() => void register(wallet)}>Register on the Ledger</button>
            <button type="button" class="secondary" onClick={() => setS({ step: 'choose' })}>Cancel</button>
          </div>
        </section>
      );
    }
    case 'device':
      return <LedgerConfirmStep asked={s.asked} what={`multisig wallet “${s.wallet.name}” (policy and every cosigner key)`} title="Approve the wallet on your Ledger" />;
    case 'done':
      return (
        <section class="step wide" data-step="ledger-register-done">
          <h2>“{s.wallet.name}” is registered on the Ledger</h2>
          <p class="panel" role="status">The Ledger approved the wallet. Its registration code is kept with this hardware key and sent with every transaction of this wallet; the Ledger checks it and shows the wallet’s name when you sign.</p>
          <dl class="kv">
            <dt>Wallet id (BIP-388)</dt><dd><code class="wrap" data-wallet-id>{s.reg.walletId}</code></dd>
            <dt>Registration code (HMAC)</dt><dd><code class="wrap" data-hmac>{s.reg.hmac}</code></dd>
          </dl>
          <div class="actions">
            <button type="button" class="primary" onClick={back}>Done</button>
          </div>
        </section>
      );
    case 'error':
      return (
        <section class="step wide" data-step="ledger-register-error">
          <div class="panel error" role="alert" data-error-code={s.code}>
            <strong>{s.code === 'multisig/not-cosigner' ? 'This Ledger is not a cosigner of that wallet' : 'The wallet was not registered'}</strong>
            <p>{s.code === 'multisig/not-cosigner'
              ? 'None of the wallet’s cosigner keys is this Ledger’s key (fingerprint and key compared). Check the wallet in your coordinator.'
              : userMessage(new AppError(s.code as never, s.detail))}</p>
          </div>
          <div class="actions">
            {s.wallet && s.code !== 'multisig/not-cosigner' && <button type="button" class="primary" onClick={() => review(s.wallet!)}>Try again</button>}
            <button type="button" class="secondary" onClick={() => setS({ step: 'choose' })}>Choose another wallet</button>
            <button type="button" class="secondary" onClick={back}>Back to the Ledger key</button>
          </div>
        </section>
      );
  }
}
