/**
 * Review of an EIP-4527 request: what the user is about to sign, recomputed from the request bytes
 * and our own key (ARCHITECTURE 2.1 rule 4): chain (named for well-known ids), `from` = OUR address
 * at the requested path, recipient, value, nonce, gas, fees and the maximum total cost, decoded
 * calldata, EIP-712 trees with permit recognition, personal messages as text or hex, warnings, and
 * whether we may sign at all (source fingerprint ours, path in our BIP-44 Ethereum subtree, address match).
 *
 * HIGH_FEE thresholds (in the chain's native unit, 18 decimals): maximum fee (gas limit × max fee per gas,
 * or × gas price) above 0.05; or a fee per gas above 1,000 gwei; or a maximum fee above 10% of the
 * value sent and above 0.01.
 * Deliberately does NOT: fetch anything (token metadata, balances, contract code), or sign.
 */
import { addr } from 'micro-eth-signer';
import { AppError, USER_MESSAGES, userMessage, type ErrorCode } from '../errors';
import { toHex, tryUtf8 } from '../bytes';
import { formatEth, formatGwei } from '../units';
import type { EthRequestKind, EthSignRequestData } from './request';
import { decodeTokenCall, type DecodedCall } from './abi-hints';
import { ethAddressAt, parseEthPath, sourceFingerprint, type EthKeySource } from './account-export';
import { prepareTypedData, recognisePermit, typedDataTree, type PermitInfo, type TypedNode } from './typed-data';

export type EthWarningCode =
  | 'UNLIMITED_APPROVAL'
  | 'BLIND_SIGNING'
  | 'CONTRACT_CREATION'
  | 'HIGH_FEE'
  | 'UNKNOWN_CHAIN'
  | 'PERMIT'
  | 'CHAIN_MISMATCH'
  | 'NO_REPLAY_PROTECTION';
export interface EthWarning {
  code: EthWarningCode;
  message: string;
}

export const HIGH_FEE_WEI = 5n * 10n ** 16n; // 0.05 native unit
export const HIGH_FEE_PER_GAS_WEI = 1000n * 10n ** 9n; // 1,000 gwei
export const HIGH_FEE_RELATIVE_MIN_WEI = 10n ** 16n; // 0.01 native unit, with fee > 10% of value

/** Well-known chain ids (ethereum-lists/chains names). */
export const CHAIN_NAMES: Readonly<Record<string, string>> = {
  '1': 'Ethereum Mainnet',
  '5': 'Goerli (testnet)',
  '10': 'OP Mainnet',
  '56': 'BNB Smart Chain',
  '100': 'Gnosis',
  '137': 'Polygon PoS',
  '250': 'Fantom Opera',
  '324': 'zkSync Era',
  '1337': 'Local development chain (1337)',
  '8453': 'Base',
  '17000': 'Holesky (testnet)',
  '31337': 'Local Hardhat/Anvil chain',
  '42161': 'Arbitrum One',
  '42220': 'Celo',
  '43113': 'Avalanche Fuji (testnet)',
  '43114': 'Avalanche C-Chain',
  '59144': 'Linea',
  '80002': 'Polygon Amoy (testnet)',
  '84532': 'Base Sepolia (testnet)',
  '421614': 'Arbitrum Sepolia (testnet)',
  '560048': 'Hoodi (testnet)',
  '11155111': 'Sepolia (testnet)',
  '11155420': 'OP Sepolia (testnet)',
};

export type EthDecodedData =
  | ({ type: 'token-call' } & DecodedCall)
  | { type: 'unknown-call'; selector: string; dataBytes: number }
  | { type: 'contract-creation'; initCodeBytes: number }
  | { type: 'typed-data'; primaryType: string; domain: TypedNode[]; message: TypedNode; permit?: PermitInfo }
  | { type: 'message'; encoding: 'utf8' | 'hex'; text: string; bytes: number };

export interface EthReview {
  requestId?: string;
  kind: EthRequestKind;
  chain: { id: bigint; name?: string };
  path: string;
  /** Our EIP-55 address at the requested path (undefined only when a watch-only source cannot derive it). */
  from?: string;
  /** Recipient (EIP-55); null for contract creation and messages. */
  to: string | null;
  valueWei: bigint;
  nonce?: bigint;
  gasLimit?: bigint;
  gasPriceWei?: bigint;
  maxFeePerGasWei?: bigint;
  maxPriorityFeePerGasWei?: bigint;
  /** gasLimit × (maxFeePerGas or gasPrice); 0 for messages. */
  maxFeeWei: bigint;
  /** valueWei + maxFeeWei. */
  maxCostWei: bigint;
  data: EthDecodedData | null;
  warnings: EthWarning[];
  canSign: boolean;
  refusal?: { code: ErrorCode; message: string };
  origin?: string;
}

const w = (code: EthWarningCode, message: string): EthWarning => ({ code, message });

function fees(req: EthSignRequestData, out: EthReview): void {
  const tx = req.kind === 'legacy' || req.kind === 'eip2930' || req.kind === 'eip1559' ? req.tx : undefined;
  if (!tx) return;
  const raw = tx.raw as { nonce: bigint; gasLimit: bigint; value: bigint; to: string; data: string; gasPrice?: bigint; maxFeePerGas?: bigint; maxPriorityFeePerGas?: bigint };
  out.nonce = raw.nonce;
  out.gasLimit = raw.gasLimit;
  out.valueWei = raw.value;
  const perGas = raw.maxFeePerGas ?? raw.gasPrice ?? 0n;
  if (raw.maxFeePerGas !== undefined) {
    out.maxFeePerGasWei = raw.maxFeePerGas;
    out.maxPriorityFeePerGasWei = raw.maxPriorityFeePerGas;
  } else out.gasPriceWei = raw.gasPrice;
  out.maxFeeWei = raw.gasLimit * perGas;
  out.maxCostWei = raw.value + out.maxFeeWei;
  const fee = out.maxFeeWei;
  if (fee > HIGH_FEE_WEI || perGas > HIGH_FEE_PER_GAS_WEI || (fee * 10n > raw.value && fee > HIGH_FEE_RELATIVE_MIN_WEI && raw.value > 0n)) {
    out.warnings.push(w('HIGH_FEE', `Maximum network fee ${formatEth(fee)} (${formatGwei(perGas)} per gas × ${raw.gasLimit} gas) is unusually high.`));
  }
  const data = hexBytes(raw.data);
  const isCreate = !raw.to || raw.to === '0x';
  out.to = isCreate ? null : addr.addChecksum(raw.to);
  if (isCreate) {
    out.data = { type: 'contract-creation', initCodeBytes: data.length };
    out.warnings.push(w('CONTRACT_CREATION', `This transaction deploys a new contract (${data.length} bytes of code) instead of paying someone.`));
    return;
  }
  if (data.length === 0) return;
  const call = decodeTokenCall(data);
  if (call) {
    out.data = { type: 'token-call', ...call };
    if (call.unlimitedApproval) {
      const who = String(call.args.spender ?? call.args.operator);
      out.warnings.push(w('UNLIMITED_APPROVAL', `${call.method} lets ${who} move ALL of these tokens from your address, now and later.`));
    }
    return;
  }
  out.data = { type: 'unknown-call', selector: '0x' + toHex(data.subarray(0, 4)), dataBytes: data.length };
  out.warnings.push(w('BLIND_SIGNING', `The contract call data (${data.length} bytes) could not be decoded: you cannot see what it does.`));
}

function hexBytes(h: string): Uint8Array {
  const t = h.replace(/^0x/, '');
  const out = new Uint8Array(t.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function typedData(req: EthSignRequestData & { kind: 'typed-data' }, out: EthReview): void {
  prepareTypedData(req.typedData); // throws 'eth/bad-typed-data' when it cannot be hashed
  const tree = typedDataTree(req.typedData);
  const permit = recognisePermit(req.typedData);
  out.data = { type: 'typed-data', primaryType: req.typedData.primaryType, domain: tree.domain, message: tree.message, permit };
  const dc = req.typedData.domain.chainId;
  if (dc !== undefined && String(BigInt(dc as string)) !== req.chainId.toString()) {
    out.warnings.push(w('CHAIN_MISMATCH', `The message is for chain ${String(dc)}, but the request says chain ${req.chainId}.`));
  }
  if (permit) {
    out.warnings.push(w('PERMIT', `This signature is a token approval (${permit.standard} permit) for ${permit.spender}: it can be used to move your tokens without another transaction.`));
    if (permit.unlimited) out.warnings.push(w('UNLIMITED_APPROVAL', `The permit grants ${permit.spender} an unlimited allowance.`));
  }
}

function refuse(out: EthReview, code: ErrorCode, detail?: Record<string, string>): void {
  if (out.refusal) return;
  out.canSign = false;
  out.refusal = { code, message: userMessage(new AppError(code, detail)) };
}

/**
 * Review a decoded request against our key source. Throws 'eth/bad-typed-data' (unhashable EIP-712)
 * and 'eth/bad-path'; refusals (not our key, path, address, no replay protection) set canSign=false instead.
 */
export function reviewEthRequest(req: EthSignRequestData, ours: EthKeySource): EthReview {
  const out: EthReview = {
    requestId: req.requestId,
    kind: req.kind,
    chain: { id: req.chainId, name: CHAIN_NAMES[req.chainId.toString()] },
    path: req.path,
    to: null,
    valueWei: 0n,
    maxFeeWei: 0n,
    maxCostWei: 0n,
    data: null,
    warnings: [],
    canSign: true,
    origin: req.origin,
  };
  if (!out.chain.name) out.warnings.push(w('UNKNOWN_CHAIN', `Chain id ${req.chainId} is not a network Airlock knows; check it is the one you mean.`));
  if (req.kind === 'typed-data') typedData(req, out);
  else if (req.kind === 'personal-message') {
    const text = tryUtf8(req.message);
    // control characters other than whitespace make "text" misleading: show hex instead
    const printable = text !== undefined && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
    out.data = printable
      ? { type: 'message', encoding: 'utf8', text: text!, bytes: req.message.length }
      : { type: 'message', encoding: 'hex', text: '0x' + toHex(req.message), bytes: req.message.length };
  } else fees(req, out);

  // Who signs: only our master key, only inside m/44'/60'/…, only the address the requester expects.
  const ourFp = sourceFingerprint(ours);
  const idx = parseEthPath(req.path);
  out.from = ethAddressAt(ours, req.path);
  if (req.kind === 'legacy' && req.tx.raw.chainId === undefined) {
    out.warnings.push(w('NO_REPLAY_PROTECTION', 'This legacy transaction has no chain id and could be replayed on other chains.'));
    refuse(out, 'eth/no-replay-protection');
  }
  if (req.sourceFingerprint !== undefined && req.sourceFingerprint !== ourFp) {
    refuse(out, 'eth/wrong-fingerprint', { got: req.sourceFingerprint, ours: ourFp });
  }
  if (idx.length < 3 || idx[0] !== 0x80000000 + 44 || idx[1] !== 0x80000000 + 60 || idx[2] < 0x80000000 || out.from === undefined) {
    refuse(out, 'eth/bad-path');
  }
  if (req.address !== undefined ? req.address.toLowerCase() !== out.from?.toLowerCase() : req.sourceFingerprint === undefined) {
    refuse(out, 'eth/wrong-address');
  }
  return out;
}

/** Canonical text of a review (bigints as strings) for "is this still what the user approved?" checks. */
export function reviewFingerprintText(r: EthReview): string {
  return JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Message for a refusal code (for UIs that show USER_MESSAGES directly). */
export function refusalText(code: ErrorCode): string {
  return USER_MESSAGES[code];
}
