/**
 * <PolicyGate>: wraps a signing review. Renders the review only when the stored spending policy
 * allows the spend (after a second confirmation above a threshold); otherwise a refusal that
 * names the rule, recorded in the audit log as psbt-refused / eth-refused.
 */
import type { ComponentChildren } from 'preact';
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorCode } from '../../../../shared/errors';
import { formatBtc, formatEth } from '../../../../shared/units';
import type { ProposedSpend } from '../../../../shared/audit/policy';
import { HoldToConfirm } from '../../components/HoldToConfirm';
import { recordAudit } from '../../state/keyring';
import { checkSpend } from './store';
import { gateTransition, initialGate, type GateEvent, type GateState } from './gate';

export function PolicyGate({ spend, txid, onDone, onCancel, children }: {
  spend: ProposedSpend;
  /** txid (btc) / request hash (eth) for the refusal's log entry, when known */
  txid?: string;
  onDone: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}) {
  const state = useSignal<GateState>(initialGate);
  const send = (e: GateEvent) => (state.value = gateTransition(state.value, e));
  useEffect(() => {
    checkSpend(spend).then((decision) => send({ type: 'decided', decision }), (e) => send({ type: 'check-failed', code: errorCode(e) }));
  }, []);
  useEffect(() => {
    const s = state.value;
    if (s.step !== 'refused') return;
    const reason = `policy: ${s.rule}`;
    const fp = spend.fingerprint ? { fingerprint: spend.fingerprint } : {};
    void recordAudit(spend.chain === 'btc'
      ? { event: 'psbt-refused', details: { reason, ...(txid ? { txid } : {}), ...fp } }
      : { event: 'eth-refused', details: { reason, ...(txid ? { hash: txid } : {}), ...fp } });
  }, [state.value.step]);

  const s = state.value;
  const amount = spend.chain === 'btc' ? formatBtc(spend.amount) : formatEth(spend.amount);
  switch (s.step) {
    case 'checking':
      return <section class="step"><h2>Checking the spending policy…</h2></section>;
    case 'refused':
      return (
        <section class="step wide review" data-step="policy-refused" data-rule={s.ruleId}>
          <div class="refusal" role="alert">
            <h2>Refused by your spending policy — not signed</h2>
            <p class="big">Rule: {s.rule}.</p>
            <p>Nothing was signed, and the refusal was recorded in the audit log. To sign this, change the policy first (Spending policies, with the vault passphrase).</p>
          </div>
          <div class="actions"><button type="button" class="primary" onClick={onDone}>Done</button></div>
        </section>
      );
    case 'confirm':
      return (
        <section class="step wide review" data-step="policy-confirm">
          <div class="warning" role="alert">
            <h2>Second confirmation needed</h2>
            <p class="big">This sends {amount}. Your policy asks for a {s.rule}.</p>
            <p>Check that you really meant to send this much, then hold the button to see the full review.</p>
          </div>
          <HoldToConfirm label="Hold to confirm the amount" onConfirm={() => send({ type: 'second-confirmation' })} />
          <div class="actions"><button type="button" class="secondary" onClick={onCancel}>Cancel — do not sign</button></div>
        </section>
      );
    case 'allowed':
      return (
        <>
          {s.confirmed && <p class="notice info" role="status" data-policy-confirmed>Second confirmation given ({s.confirmed}).</p>}
          {children}
        </>
      );
  }
}
