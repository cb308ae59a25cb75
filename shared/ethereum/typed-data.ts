/**
 * EIP-712 typed data for review and signing: a display tree of the domain and message (walked by the
 * declared types, so every shown value is what gets hashed), recognition of permit-style approvals
 * (EIP-2612 Permit, DAI-style Permit, Uniswap Permit2 PermitSingle/PermitBatch/PermitTransferFrom),
 * and hashability validation through micro-eth-signer's EIP-712 encoder.
 *
 * Deliberately does NOT: implement EIP-712 hashing itself (micro-eth-signer does), support the
 * legacy v1 array format, or accept JSON numbers that lost precision (integers beyond 2^53 must be strings).
 */
import { addr, recoverAddressTyped } from 'micro-eth-signer';
import { AppError } from '../errors';
import type { TypedDataJson } from './request';
import { UNLIMITED_ALLOWANCE_THRESHOLD } from './abi-hints';

export interface TypedNode {
  name: string;
  type: string;
  /** Leaf value as text (integers decimal, addresses EIP-55, bytes hex). */
  value?: string;
  children?: TypedNode[];
}

export interface PermitInfo {
  standard: 'eip2612' | 'dai' | 'permit2-single' | 'permit2-batch' | 'permit2-transfer' | 'permit2-batch-transfer';
  spender: string;
  /** Token contracts and amounts (decimal strings; 'unlimited' for DAI allowed=true). */
  tokens: { token: string; amount: string }[];
  /** Deadline/expiry as decimal seconds, when present. */
  deadline?: string;
  unlimited: boolean;
}

const MAX_TREE_DEPTH = 32;
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const bad = (reason: string): AppError => new AppError('eth/bad-typed-data', { reason });

/** Domain field types per EIP-712 (used when the JSON omits types.EIP712Domain). */
const DOMAIN_FIELDS: Record<string, string> = {
  name: 'string',
  version: 'string',
  chainId: 'uint256',
  verifyingContract: 'address',
  salt: 'bytes32',
};

function leaf(type: string, v: unknown): string {
  if (/^u?int\d*$/.test(type)) {
    if (typeof v === 'number') {
      // JSON numbers above 2^53 were already rounded by the parser: refuse rather than sign a different value
      if (!Number.isSafeInteger(v)) throw bad('integer not exact in JSON (send it as a string)');
      return String(v);
    }
    if (typeof v === 'string' && /^(0x[0-9a-fA-F]+|-?\d+)$/.test(v.trim())) return BigInt(v.trim()).toString();
    if (typeof v === 'bigint') return v.toString();
    throw bad(`bad ${type} value`);
  }
  if (type === 'address') {
    if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v)) throw bad('bad address value');
    return addr.addChecksum(v);
  }
  if (type === 'bool') {
    if (typeof v !== 'boolean') throw bad('bad bool value');
    return String(v);
  }
  if (type === 'string') {
    if (typeof v !== 'string') throw bad('bad string value');
    return v;
  }
  if (/^bytes\d*$/.test(type)) {
    if (typeof v !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(v)) throw bad('bad bytes value');
    return v.toLowerCase();
  }
  throw bad(`unknown type ${type.slice(0, 40)}`);
}

function node(types: TypedDataJson['types'], name: string, type: string, v: unknown, depth: number): TypedNode {
  if (depth > MAX_TREE_DEPTH) throw bad('nested too deeply');
  const arr = /^(.*)\[(\d*)\]$/.exec(type);
  if (arr) {
    if (!Array.isArray(v)) throw bad(`expected array for ${name}`);
    return { name, type, children: v.map((x, i) => node(types, `[${i}]`, arr[1], x, depth + 1)) };
  }
  const fields = Object.hasOwn(types, type) ? types[type] : undefined;
  if (fields) {
    if (v === undefined || v === null) return { name, type, value: '(empty)' };
    if (!isObj(v)) throw bad(`expected object for ${name}`);
    return { name, type, children: fields.map((f) => node(types, f.name, f.type, v[f.name], depth + 1)) };
  }
  return { name, type, value: leaf(type, v) };
}

/** Domain and message as display trees (domain first: it names who may use the signature). Throws 'eth/bad-typed-data'. */
export function typedDataTree(td: TypedDataJson): { domain: TypedNode[]; message: TypedNode } {
  const declared = td.types.EIP712Domain;
  const domainFields = declared ?? Object.keys(td.domain).filter((k) => k in DOMAIN_FIELDS).map((k) => ({ name: k, type: DOMAIN_FIELDS[k] }));
  for (const k of Object.keys(td.domain)) {
    if (!domainFields.some((f) => f.name === k)) throw bad(`undeclared domain field ${k.slice(0, 40)}`);
  }
  const domain = domainFields.map((f) => node(td.types, f.name, f.type, td.domain[f.name], 1));
  return { domain, message: node(td.types, td.primaryType, td.primaryType, td.message, 0) };
}

/** Copy with exact integers as strings, so the EIP-712 encoder hashes exactly what the tree shows. */
function normalized(td: TypedDataJson): TypedDataJson {
  const walk = (type: string, v: unknown): unknown => {
    const arr = /^(.*)\[(\d*)\]$/.exec(type);
    if (arr) return Array.isArray(v) ? v.map((x) => walk(arr[1], x)) : v;
    const fields = Object.hasOwn(td.types, type) ? td.types[type] : undefined;
    if (fields && isObj(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(fields.find((f) => f.name === k)?.type ?? '', x);
      return out;
    }
    if (/^u?int\d*$/.test(type) && (typeof v === 'number' || typeof v === 'string')) return leaf(type, v);
    return v;
  };
  const domainTypes = td.types.EIP712Domain;
  const domain: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(td.domain)) {
    const t = domainTypes?.find((f) => f.name === k)?.type ?? DOMAIN_FIELDS[k] ?? '';
    domain[k] = walk(t, x);
  }
  return { types: td.types, primaryType: td.primaryType, domain, message: walk(td.primaryType, td.message) as Record<string, unknown> };
}

// A fixed, structurally valid signature (r = x(G), s = 1): recovery always succeeds, so
// recoverAddressTyped throws only when the typed data itself cannot be EIP-712 encoded.
const PROBE_SIG = '0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798' + '0'.repeat(63) + '11b';

/** Typed data ready for micro-eth-signer's signTyped; throws 'eth/bad-typed-data' when it cannot be encoded. */
export function prepareTypedData(td: TypedDataJson): TypedDataJson {
  const n = normalized(td);
  try {
    recoverAddressTyped(PROBE_SIG, n as never);
  } catch (e) {
    throw new AppError('eth/bad-typed-data', { reason: 'cannot be EIP-712 encoded' }, { cause: e });
  }
  return n;
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? String(v) : '');
const big = (v: unknown): bigint | undefined => {
  try {
    return typeof v === 'boolean' || v === null || v === undefined ? undefined : BigInt(str(v));
  } catch {
    return undefined;
  }
};
const unl = (v: unknown) => (big(v) ?? 0n) >= UNLIMITED_ALLOWANCE_THRESHOLD;
const a = (v: unknown) => (typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v) ? addr.addChecksum(v) : str(v));

/** Recognise permit-style approvals by primary type and fields; undefined for anything else. */
export function recognisePermit(td: TypedDataJson): PermitInfo | undefined {
  const m = td.message;
  const vc = a(td.domain.verifyingContract);
  switch (td.primaryType) {
    case 'Permit':
      if ('holder' in m && 'allowed' in m) {
        // DAI: allowed=true grants an unlimited allowance, allowed=false revokes it
        const allowed = m.allowed === true || m.allowed === 'true';
        return { standard: 'dai', spender: a(m.spender), tokens: [{ token: vc, amount: allowed ? 'unlimited' : '0' }], deadline: str(m.expiry), unlimited: allowed };
      }
      if ('spender' in m && 'value' in m) {
        return { standard: 'eip2612', spender: a(m.spender), tokens: [{ token: vc, amount: str(m.value) }], deadline: str(m.deadline), unlimited: unl(m.value) };
      }
      return undefined;
    case 'PermitSingle':
    case 'PermitBatch': {
      const list = td.primaryType === 'PermitSingle' ? [m.details] : Array.isArray(m.details) ? m.details : [];
      const tokens = list.filter(isObj).map((d) => ({ token: a(d.token), amount: str(d.amount) }));
      const standard = td.primaryType === 'PermitSingle' ? 'permit2-single' : 'permit2-batch';
      return { standard, spender: a(m.spender), tokens, deadline: str(m.sigDeadline), unlimited: tokens.some((t) => unl(t.amount)) };
    }
    case 'PermitTransferFrom':
    case 'PermitBatchTransferFrom':
    case 'PermitWitnessTransferFrom':
    case 'PermitBatchWitnessTransferFrom': {
      const p = m.permitted;
      const list = Array.isArray(p) ? p : [p];
      const tokens = list.filter(isObj).map((d) => ({ token: a(d.token), amount: str(d.amount) }));
      const standard = Array.isArray(p) ? 'permit2-batch-transfer' : 'permit2-transfer';
      return { standard, spender: a(m.spender), tokens, deadline: str(m.deadline), unlimited: tokens.some((t) => unl(t.amount)) };
    }
    default:
      return undefined;
  }
}
