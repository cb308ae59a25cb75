import type { EthDecodedData } from '../../../../../shared/ethereum/review';
import { callArgRows, standardText } from '../present';
import { TypedTree } from './TypedTree';

/** What the request carries: decoded token call, contract creation, undecoded calldata, EIP-712 tree, message. */
export function EthData({ data }: { data: EthDecodedData | null }) {
  if (!data) return null;
  switch (data.type) {
    case 'token-call':
      return (
        <section data-decoded="token-call">
          <h3>Contract call: <code>{data.signature}</code> <span class="muted">({standardText(data.standard)})</span></h3>
          <dl class="kv">
            {callArgRows(data).map((r) => (
              <>
                <dt>{r.name}</dt>
                <dd>{r.unlimited ? <><strong class="big danger-text">UNLIMITED</strong> <small class="muted wrap-any">({r.value})</small></> : r.value}</dd>
              </>
            ))}
          </dl>
          {data.standard !== 'erc721' && data.standard !== 'erc1155' && <p class="muted">Token amounts are in the token’s smallest unit: Airlock does not know this token’s decimals.</p>}
        </section>
      );
    case 'unknown-call':
      return (
        <section data-decoded="unknown-call">
          <h3>Contract call Airlock cannot decode</h3>
          <p>Function selector <code>{data.selector}</code>, {data.dataBytes} bytes of data. You cannot see what this does.</p>
        </section>
      );
    case 'contract-creation':
      return <section data-decoded="contract-creation"><h3>Contract deployment</h3><p>{data.initCodeBytes} bytes of contract code.</p></section>;
    case 'typed-data':
      return (
        <section data-decoded="typed-data">
          <div class="domain" aria-label="Domain">
            <h3>Who this signature is for (domain)</h3>
            <TypedTree nodes={data.domain} label="Domain fields" />
          </div>
          {data.permit && (
            <div class="warning">
              <strong>Token permit ({data.permit.standard})</strong> — spender <code>{data.permit.spender}</code>
              {data.permit.tokens.map((t) => <div>token <code>{t.token}</code>: amount {t.amount} <span class="muted">(smallest unit)</span></div>)}
              {data.permit.deadline && <div>valid until {new Date(Number(data.permit.deadline) * 1000).toISOString().replace('.000Z', ' UTC').replace('T', ' ')}</div>}
            </div>
          )}
          <h3>Message: {data.primaryType}</h3>
          <TypedTree nodes={data.message.children ?? [data.message]} label="Message" />
        </section>
      );
    case 'message':
      return (
        <section data-decoded="message">
          <h3>Message ({data.encoding === 'utf8' ? 'text' : 'not text: shown as hex'}, {data.bytes} bytes)</h3>
          <pre class="message">{data.text}</pre>
        </section>
      );
  }
}
