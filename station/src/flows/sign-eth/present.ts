/**
 * What the Ethereum review screen says, as pure functions: warning titles and severity, the chain
 * line, the headline of the request ("Send 0.5 ETH", "Approve UNLIMITED tokens"…), fee lines, the
 * token-call arguments as rows. Tested in test/flows/sign-eth.test.ts.
 */
import type { EthDecodedData, EthReview, EthWarningCode } from '../../../../shared/ethereum/review';
import { formatEth, formatGwei } from '../../../../shared/units';
import { UNLIMITED_ALLOWANCE_THRESHOLD } from '../../../../shared/ethereum/abi-hints';

export const ETH_WARNING_TITLES: Record<EthWarningCode, string> = {
  UNLIMITED_APPROVAL: 'UNLIMITED approval',
  BLIND_SIGNING: 'Blind signing: contents unknown',
  CONTRACT_CREATION: 'Deploys a contract',
  HIGH_FEE: 'High fee',
  UNKNOWN_CHAIN: 'Unknown chain',
  PERMIT: 'Token permit (gasless approval)',
  CHAIN_MISMATCH: 'Chain mismatch',
  NO_REPLAY_PROTECTION: 'No replay protection',
};

export function ethWarningSeverity(code: EthWarningCode): 'danger' | 'caution' {
  return code === 'UNKNOWN_CHAIN' ? 'caution' : 'danger';
}

/** "Ethereum Mainnet (chain 1)" or "chain 123456 — UNKNOWN". */
export function chainText(r: EthReview): string {
  return r.chain.name ? `${r.chain.name} (chain ${r.chain.id})` : `chain ${r.chain.id} — not a network Airlock knows`;
}

const KIND_TEXT: Record<EthReview['kind'], string> = {
  legacy: 'legacy transaction',
  eip2930: 'EIP-2930 transaction',
  eip1559: 'EIP-1559 transaction',
  'typed-data': 'EIP-712 typed data signature',
  'personal-message': 'personal message signature',
};

export function kindText(r: EthReview): string {
  return KIND_TEXT[r.kind];
}

function amountArg(v: string | boolean | string[] | undefined): string {
  if (typeof v !== 'string') return String(v);
  try {
    return BigInt(v) >= UNLIMITED_ALLOWANCE_THRESHOLD ? 'UNLIMITED' : BigInt(v).toLocaleString('en-US');
  } catch {
    return v;
  }
}

/** One line saying what this request does. */
export function headline(r: EthReview): string {
  const d = r.data;
  if (!d) return r.kind === 'personal-message' ? 'Sign a message' : `Send ${formatEth(r.valueWei)}`;
  switch (d.type) {
    case 'token-call': {
      const a = d.args;
      if (d.method === 'approve' || d.method === 'increaseAllowance') return `Approve ${amountArg(a.amount ?? a.addedValue)} tokens for ${String(a.spender)}`;
      if (d.method === 'setApprovalForAll') return `${a.approved === true || a.approved === 'true' ? 'Approve ALL' : 'Revoke approval of all'} NFTs for ${String(a.operator)}`;
      if (d.method === 'transfer') return `Send ${amountArg(a.amount)} token units to ${String(a.to)}`;
      return `Move tokens (${d.method}) from ${String(a.from)} to ${String(a.to)}`;
    }
    case 'unknown-call':
      return `Call a contract with undecoded data (${d.dataBytes} bytes)`;
    case 'contract-creation':
      return 'Deploy a new contract';
    case 'typed-data':
      return d.permit ? `Sign a token permit for ${d.permit.spender}` : `Sign typed data: ${d.primaryType}`;
    case 'message':
      return 'Sign a message';
  }
}

/** Fee rows (label, value) for a transaction; [] for messages. */
export function feeRows(r: EthReview): [string, string][] {
  const rows: [string, string][] = [];
  if (r.nonce !== undefined) rows.push(['Nonce', r.nonce.toString()]);
  if (r.gasLimit !== undefined) rows.push(['Gas limit', r.gasLimit.toLocaleString('en-US')]);
  if (r.maxFeePerGasWei !== undefined) rows.push(['Max fee per gas', formatGwei(r.maxFeePerGasWei)]);
  if (r.maxPriorityFeePerGasWei !== undefined) rows.push(['Max priority fee (tip)', formatGwei(r.maxPriorityFeePerGasWei)]);
  if (r.gasPriceWei !== undefined) rows.push(['Gas price', formatGwei(r.gasPriceWei)]);
  if (r.gasLimit !== undefined) rows.push(['Maximum network fee', formatEth(r.maxFeeWei)]);
  return rows;
}

export interface ArgRow {
  name: string;
  value: string;
  /** an allowance ≥ 2^128: shown as UNLIMITED, the raw number beside it */
  unlimited: boolean;
}

/** Arguments of a decoded token call as rows; amounts ≥ 2^128 flagged unlimited. */
export function callArgRows(d: EthDecodedData & { type: 'token-call' }): ArgRow[] {
  return Object.entries(d.args).map(([name, v]) => {
    if (Array.isArray(v)) return { name, value: v.join(', '), unlimited: false };
    const unlimited = /amount|value|addedValue/i.test(name) && typeof v === 'string' && amountArg(v) === 'UNLIMITED';
    return { name, value: String(v), unlimited };
  });
}

const STANDARD_TEXT: Record<string, string> = {
  erc20: 'ERC-20 token', erc721: 'ERC-721 NFT', erc1155: 'ERC-1155 token', 'erc20-or-erc721': 'ERC-20 token or ERC-721 NFT', 'erc721-or-erc1155': 'ERC-721 or ERC-1155 NFT',
};

export function standardText(s: string): string {
  return STANDARD_TEXT[s] ?? s;
}
