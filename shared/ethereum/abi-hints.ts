/**
 * Calldata hints: decodes the token calls a signer must understand before approving — ERC-20
 * transfer/approve/transferFrom/increaseAllowance (EIP-20), ERC-721 transferFrom/safeTransferFrom
 * (EIP-721), ERC-1155 safeTransferFrom/safeBatchTransferFrom (EIP-1155) and setApprovalForAll —
 * with micro-eth-signer's strict ABI decoder (trailing or short calldata fails to decode).
 *
 * Selectors shared by several standards (ERC-20 and ERC-721 `approve`/`transferFrom` have the same
 * 4 bytes) are reported as such: offline we cannot ask the contract which standard it follows.
 * Deliberately does NOT: look up token symbols/decimals, guess unknown selectors, or decode
 * arbitrary contracts (unknown calldata is reported as undecodable → BLIND_SIGNING).
 */
import { addr } from 'micro-eth-signer';
import { Decoder, type ContractABI } from 'micro-eth-signer/abi.js';

/** An allowance at or above 2^128 is treated as unlimited (no real token supply comes near it). */
export const UNLIMITED_ALLOWANCE_THRESHOLD = 2n ** 128n;

export type TokenStandard = 'erc20' | 'erc721' | 'erc1155' | 'erc20-or-erc721' | 'erc721-or-erc1155';

export interface DecodedCall {
  /** Function name, e.g. `approve`. */
  method: string;
  /** Canonical signature, e.g. `approve(address,uint256)`. */
  signature: string;
  /** 4-byte selector, 0x-prefixed lower-case hex. */
  selector: string;
  standard: TokenStandard;
  /** Arguments by name: addresses EIP-55 checksummed, integers as decimal strings, bytes as 0x-hex. */
  args: Record<string, string | boolean | string[]>;
  /** Set when the call grants an allowance ≥ 2^128 or approval of all tokens. */
  unlimitedApproval: boolean;
}

type Fn = { name: string; standard: TokenStandard; inputs: { name: string; type: string }[] };
const addrIn = (name: string) => ({ name, type: 'address' });
const uintIn = (name: string) => ({ name, type: 'uint256' });

// One entry per selector (the ABI decoder keys by selector, so overloads are distinct entries).
const KNOWN: Fn[] = [
  { name: 'transfer', standard: 'erc20', inputs: [addrIn('to'), uintIn('amount')] },
  { name: 'approve', standard: 'erc20-or-erc721', inputs: [addrIn('spender'), uintIn('amount')] },
  { name: 'transferFrom', standard: 'erc20-or-erc721', inputs: [addrIn('from'), addrIn('to'), uintIn('amount')] },
  { name: 'increaseAllowance', standard: 'erc20', inputs: [addrIn('spender'), uintIn('addedValue')] },
  { name: 'safeTransferFrom', standard: 'erc721', inputs: [addrIn('from'), addrIn('to'), uintIn('tokenId')] },
  {
    name: 'safeTransferFrom',
    standard: 'erc721',
    inputs: [addrIn('from'), addrIn('to'), uintIn('tokenId'), { name: 'data', type: 'bytes' }],
  },
  {
    name: 'safeTransferFrom',
    standard: 'erc1155',
    inputs: [addrIn('from'), addrIn('to'), uintIn('id'), uintIn('amount'), { name: 'data', type: 'bytes' }],
  },
  {
    name: 'safeBatchTransferFrom',
    standard: 'erc1155',
    inputs: [
      addrIn('from'),
      addrIn('to'),
      { name: 'ids', type: 'uint256[]' },
      { name: 'amounts', type: 'uint256[]' },
      { name: 'data', type: 'bytes' },
    ],
  },
  {
    name: 'setApprovalForAll',
    standard: 'erc721-or-erc1155',
    inputs: [addrIn('operator'), { name: 'approved', type: 'bool' }],
  },
];

// The decoder needs a contract key; calls are matched by selector only, so one pseudo-address holds all.
const KEY = '0x0000000000000000000000000000000000000001';
let decoder: Decoder | undefined;
const standards = new Map<string, TokenStandard>();

function getDecoder(): Decoder {
  if (!decoder) {
    decoder = new Decoder();
    const abi = KNOWN.map((f) => ({ type: 'function', name: f.name, inputs: f.inputs }));
    decoder.add(KEY, abi as unknown as ContractABI);
    for (const f of KNOWN) standards.set(`${f.name}(${f.inputs.map((i) => i.type).join(',')})`, f.standard);
  }
  return decoder;
}

function show(v: unknown): string | boolean | string[] {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => String(show(x)));
  if (v instanceof Uint8Array) return '0x' + Array.from(v, (b) => b.toString(16).padStart(2, '0')).join('');
  if (typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v)) return addr.addChecksum(v);
  return String(v);
}

/** Decode known token calldata; undefined when the selector is unknown or the arguments don't decode strictly. */
export function decodeTokenCall(data: Uint8Array): DecodedCall | undefined {
  if (data.length < 4) return undefined;
  let res: ReturnType<Decoder['decode']>;
  try {
    res = getDecoder().decode(KEY, data);
  } catch {
    return undefined; // malformed arguments: treat as undecodable, never as a partial decode
  }
  if (!res || Array.isArray(res)) return undefined;
  const raw = (res.value ?? {}) as Record<string, unknown>;
  const args: DecodedCall['args'] = {};
  for (const [k, v] of Object.entries(raw)) args[k] = show(v);
  const amount = raw.amount ?? raw.addedValue;
  const unlimitedApproval =
    ((res.name === 'approve' || res.name === 'increaseAllowance') &&
      typeof amount === 'bigint' &&
      amount >= UNLIMITED_ALLOWANCE_THRESHOLD) ||
    (res.name === 'setApprovalForAll' && raw.approved === true);
  return {
    method: res.name,
    signature: res.signature,
    selector: '0x' + Array.from(data.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(''),
    standard: standards.get(res.signature) ?? 'erc20',
    args,
    unlimitedApproval,
  };
}
