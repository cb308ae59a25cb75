import { keys } from '../../state/session';
import { FieldError } from '../../components/ErrorPanel';
import { unitOf, type FormField, type RuleForm } from './rule-form';

/** The form of one spending rule (presentational). */
export function RuleEditor({ form, isNew, error, onChange, onSave, onCancel }: {
  form: RuleForm;
  isNew: boolean;
  error?: { field: FormField; message: string };
  onChange: (f: RuleForm) => void;
  onSave: () => void;
  onCancel: () => void;
}) {
  const set = (patch: Partial<RuleForm>) => onChange({ ...form, ...patch });
  const unit = unitOf(form.chain);
  const err = (f: FormField) => <FieldError text={error?.field === f ? error.message : null} />;
  const amount = (field: 'maxPerTx' | 'maxPer24h' | 'confirmAbove', label: string) => (
    <>
      <label>{label} ({unit})<input type="text" inputMode="decimal" value={form[field]} placeholder="no limit" onInput={(e) => set({ [field]: e.currentTarget.value })} /></label>
      {err(field)}
    </>
  );
  return (
    <section class="step" data-step="policy-edit">
      <h2>{isNew ? 'Add a spending rule' : 'Edit the spending rule'}</h2>
      <form onSubmit={(e) => { e.preventDefault(); onSave(); }}>
        <label>Name (optional, shown in refusals)<input type="text" value={form.name} maxLength={40} onInput={(e) => set({ name: e.currentTarget.value })} /></label>
        <label>Chain
          <select value={form.chain} onChange={(e) => set({ chain: e.currentTarget.value as RuleForm['chain'] })}>
            <option value="btc">Bitcoin</option>
            <option value="eth">Ethereum</option>
          </select>
        </label>
        <label>Key
          <select value={form.fingerprint} onChange={(e) => set({ fingerprint: e.currentTarget.value })}>
            <option value="">Every key</option>
            {keys.value.filter((k) => k.status === 'ok').map((k) => <option value={k.fingerprint} key={k.id}>{k.label} ({k.fingerprint})</option>)}
          </select>
        </label>
        <label>Account path (optional)<input type="text" value={form.account} placeholder={form.chain === 'btc' ? "every account, or m/84'/0'/0'" : "every account, or m/44'/60'/0'"} onInput={(e) => set({ account: e.currentTarget.value })} /></label>
        {err('account')}
        {amount('maxPerTx', 'Maximum per transaction')}
        {amount('maxPer24h', 'Maximum per rolling 24 hours')}
        {amount('confirmAbove', 'Ask for a second confirmation above')}
        <label>Allowed destinations (one address per line; empty = any)
          <textarea rows={4} value={form.destinations} onInput={(e) => set({ destinations: e.currentTarget.value })} />
        </label>
        {err('destinations')}
        {err('rule')}
        <div class="actions">
          <button type="submit" class="primary">Continue</button>
          <button type="button" class="secondary" onClick={onCancel}>Cancel</button>
        </div>
      </form>
    </section>
  );
}
